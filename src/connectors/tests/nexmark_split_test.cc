// The splits the Nexmark DataStream source and SQL table source share: their checkpointed
// text, the split of each new reader, and the round-robin reading of a reader's splits.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/connectors/nexmark/nexmark_split.h"

namespace eddy::connectors::nexmark {
namespace {

constexpr int64_t kBaseTime = 1700000000000;

NexmarkConfiguration tenEvents() {
  NexmarkConfiguration conf;
  conf.num_events = 10;
  conf.seed = 7;
  return conf;
}

TEST(NexmarkSplitTest, SerializesAndParsesBack) {
  const NexmarkSplit split{kBaseTime, 501, 500, 250, 2, 42};
  EXPECT_EQ(split.serialize(), "1700000000000,501,500,250,2,42");
  Result<NexmarkSplit> parsed = NexmarkSplit::parse("1700000000000,501,500,250,2,42");
  ASSERT_TRUE(parsed.ok()) << parsed.status().toString();
  EXPECT_EQ(parsed->base_time, kBaseTime);
  EXPECT_EQ(parsed->first_event_id, 501);
  EXPECT_EQ(parsed->max_events, 500);
  EXPECT_EQ(parsed->stop_at_event, 250);
  EXPECT_EQ(parsed->num_event_generators, 2);
  EXPECT_EQ(parsed->events_count_so_far, 42);
}

TEST(NexmarkSplitTest, RejectsMalformedText) {
  EXPECT_EQ(NexmarkSplit::parse("1,2,3").status().toString(), "InvalidArgument: Malformed Nexmark split state '1,2,3'");
  Result<std::vector<NexmarkSplit>> all = NexmarkSplit::parseAll({"1,2,3,4,5,6", "1,2,3,4,5;6"});
  EXPECT_EQ(all.status().toString(), "InvalidArgument: Malformed Nexmark split state '1,2,3,4,5;6'");
}

TEST(NexmarkSplitTest, EachReaderGetsItsShareOfTheEvents) {
  NexmarkConfiguration conf;
  conf.num_events = 1001;
  EXPECT_EQ(NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{0, 2}).serialize(),
            "1700000000000,1,500,-1,2,0");
  EXPECT_EQ(NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{1, 2}).serialize(),
            "1700000000000,501,501,-1,2,0");
  conf.stop_at_event = 100;
  EXPECT_EQ(NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{1, 2}).serialize(),
            "1700000000000,501,501,50,2,0");
}

TEST(NexmarkSplitTest, SourcesEndWithANumberOfEventsUnlessKeptAlive) {
  NexmarkConfiguration conf;
  EXPECT_EQ(nexmarkBoundedness(conf), Boundedness::kContinuousUnbounded);
  conf.num_events = 10;
  EXPECT_EQ(nexmarkBoundedness(conf), Boundedness::kBounded);
  conf.keep_alive = true;
  EXPECT_EQ(nexmarkBoundedness(conf), Boundedness::kContinuousUnbounded);
  conf.base_time = kBaseTime;
  EXPECT_EQ(nexmarkBaseTime(conf), kBaseTime);
}

TEST(NexmarkSplitTest, GeneratorsAreReadRoundRobinAndSnapshotTheirPositions) {
  const NexmarkConfiguration conf = tenEvents();
  NexmarkSplitGenerators generators(conf, {NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{0, 2}),
                                           NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{1, 2})});
  std::vector<size_t> polled;
  std::vector<int64_t> timestamps;
  const auto poll = [&] {
    size_t emitted = 0;
    const InputStatus status = generators.poll([&](NexmarkGenerator& generator) {
      generators.emitDue(generator, 3, [&](const NexmarkEvent& event) {
        timestamps.push_back(event.event_timestamp);
        ++emitted;
      });
      return emitted > 0;
    });
    polled.push_back(emitted);
    return status;
  };
  EXPECT_EQ(poll(), InputStatus::kMoreAvailable);
  EXPECT_EQ(generators.snapshotState(),
            (std::vector<std::string>{"1700000000000,1,5,-1,2,3", "1700000000000,6,5,-1,2,0"}));
  EXPECT_EQ(poll(), InputStatus::kMoreAvailable);
  EXPECT_EQ(poll(), InputStatus::kMoreAvailable);
  EXPECT_EQ(poll(), InputStatus::kMoreAvailable);
  EXPECT_EQ(generators.snapshotState(), std::vector<std::string>{});
  EXPECT_EQ(poll(), InputStatus::kEndOfInput);
  EXPECT_EQ(polled, (std::vector<size_t>{3, 3, 2, 2, 0}));
  EXPECT_EQ(timestamps.size(), 10u);
}

// What follows from an event's number alone: its kind, time and person or auction id (the
// other fields come from the generator's random stream, which a restored generator starts
// afresh, as the reference's does).
std::string describe(const NexmarkEvent& event) {
  const std::string time = std::to_string(event.event_timestamp - kBaseTime);
  switch (event.type) {
    case NexmarkEvent::kPerson: return "person " + std::to_string(event.person.id) + " @" + time;
    case NexmarkEvent::kAuction: return "auction " + std::to_string(event.auction.id) + " @" + time;
    default: return "bid @" + time;
  }
}

// Reads the events of `generators`, up to `limit` a poll and `polls` polls, into `events`.
void drain(NexmarkSplitGenerators& generators, size_t limit, int polls, std::vector<std::string>& events) {
  for (int i = 0; i < polls; ++i) {
    const InputStatus status = generators.poll([&](NexmarkGenerator& generator) {
      generators.emitDue(generator, limit, [&](const NexmarkEvent& event) { events.push_back(describe(event)); });
      return true;
    });
    if (status == InputStatus::kEndOfInput) return;
  }
}

TEST(NexmarkSplitTest, ARestoredGeneratorContinuesWhereItStopped) {
  const NexmarkConfiguration conf = tenEvents();
  const std::vector<NexmarkSplit> splits{NexmarkSplit::forReader(conf, kBaseTime, SourceReaderContext{0, 1})};
  std::vector<std::string> all;
  NexmarkSplitGenerators whole(conf, splits);
  drain(whole, 100, 100, all);
  ASSERT_EQ(all.size(), 10u);

  std::vector<std::string> read;
  NexmarkSplitGenerators first(conf, splits);
  drain(first, 4, 1, read);
  ASSERT_EQ(first.snapshotState(), std::vector<std::string>{"1700000000000,1,10,-1,1,4"});
  Result<std::vector<NexmarkSplit>> restored_splits = NexmarkSplit::parseAll(first.snapshotState());
  ASSERT_TRUE(restored_splits.ok()) << restored_splits.status().toString();
  NexmarkSplitGenerators restored(conf, *restored_splits);
  drain(restored, 100, 100, read);
  EXPECT_EQ(read, all);
}

}  // namespace
}  // namespace eddy::connectors::nexmark
