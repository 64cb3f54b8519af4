// Redistributing an unaligned checkpoint's in-flight data when a task or its producers run at
// another parallelism: by key group on keyed edges, round robin over the old channels on
// rebalance edges, one copy per subtask on broadcast edges, untouched on unchanged edges.

#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

#include "eddy/runtime/record_writer_output.h"
#include "runtime/channel_state_redistribution.h"
#include "runtime/channel_state_serializer.h"

namespace eddy::runtime {
namespace {

using Record = std::pair<int64_t, int64_t>;  // key, value
using Batch = RecordBatch<Record>;
constexpr int kMaxParallelism = 128;

struct KeyOf {
  int64_t operator()(const Record& r) const { return r.first; }
};

const RecordBatchSerializer<Record> kSerializer;

// An edge carrying Record with `kind`; keyed edges route by the record's key.
StreamEdge edgeOf(PartitionerKind kind, int target_input = 0) {
  StreamEdge edge;
  edge.partitioner = kind;
  edge.target_input = target_input;
  edge.batch_serializer = std::make_shared<RecordBatchSerializer<Record>>();
  edge.make_network_output = [](std::vector<ChannelWriter*> channels, int max_parallelism) {
    using P = KeyGroupPartitioner<KeyOf>;
    return std::unique_ptr<OutputBase>(
        std::make_unique<RecordWriterOutput<Record, P>>(std::move(channels), P{KeyOf{}, max_parallelism}));
  };
  edge.emit_batch = [](BatchBase& batch, OutputBase& output) {
    static_cast<Output<Record>&>(output).emitBatch(static_cast<Batch&>(batch));
  };
  return edge;
}

// Channel state bytes: a batch per inner vector (timestamp = value), a watermark after each
// batch but the last if `watermarks`.
std::string dataOf(const std::vector<std::vector<Record>>& batches, bool watermarks = false) {
  types::DataOutputSerializer out;
  for (size_t b = 0; b < batches.size(); ++b) {
    ChannelElement element;
    auto batch = std::make_unique<Batch>();
    for (const Record& r : batches[b]) batch->add(r, r.second);
    element.batch = std::move(batch);
    writeChannelElement(element, kSerializer, out);
    if (watermarks && b + 1 < batches.size()) {
      ChannelElement watermark;
      watermark.kind = ChannelElement::Kind::kWatermark;
      watermark.watermark = batches[b].back().second;
      writeChannelElement(watermark, kSerializer, out);
    }
  }
  return out.buffer();
}

// What a restored channel replays: records in order, a watermark as {-1, watermark}.
std::vector<Record> replayed(const InputChannelState& state) {
  auto elements = readChannelElements(state.data, kSerializer);
  EXPECT_TRUE(elements.ok()) << elements.status().toString();
  std::vector<Record> out;
  if (!elements.ok()) return out;
  for (const ChannelElement& element : *elements) {
    if (element.kind == ChannelElement::Kind::kWatermark) {
      out.emplace_back(-1, element.watermark);
      continue;
    }
    const auto& batch = static_cast<const Batch&>(*element.batch);
    for (size_t i = 0; i < batch.size(); ++i) {
      EXPECT_EQ(batch.timestamps[i], batch.values[i].second);
      out.push_back(batch.values[i]);
    }
  }
  return out;
}

// A restored channel as (input, channel, replayed elements).
struct Replay {
  int input;
  int channel;
  std::vector<Record> records;
  friend bool operator==(const Replay&, const Replay&) = default;
};

std::vector<std::vector<Replay>> replays(const std::vector<std::vector<InputChannelState>>& by_subtask) {
  std::vector<std::vector<Replay>> out;
  for (const auto& states : by_subtask) {
    out.emplace_back();
    for (const InputChannelState& state : states) {
      out.back().push_back(Replay{state.input, state.channel, replayed(state)});
    }
  }
  return out;
}

OperatorState operatorState(int parallelism, std::vector<std::vector<InputChannelState>> by_subtask) {
  OperatorState op;
  op.parallelism = parallelism;
  op.max_parallelism = kMaxParallelism;
  for (size_t s = 0; s < by_subtask.size(); ++s) op.subtasks[static_cast<int>(s)].input_channel_state = by_subtask[s];
  return op;
}

std::vector<std::vector<Replay>> redistribute(const OperatorState& old, const ChannelStateRescaling& rescaling) {
  auto result = redistributeInputChannelState(old, rescaling);
  EXPECT_TRUE(result.ok()) << result.status().toString();
  return result.ok() ? replays(*result) : std::vector<std::vector<Replay>>{};
}

// A task with the one input `edge`, whose producers ran at `before` and run at `now`.
ChannelStateRescaling oneInput(const StreamEdge& edge, int before, int now, int parallelism) {
  return ChannelStateRescaling{
      {{&edge, {edge.partitioner, before}, {edge.partitioner, now}}}, parallelism, kMaxParallelism};
}

int subtaskOfKey(int64_t key, int parallelism) {
  return state::KeyGroupRangeAssignment::assignKeyHashToParallelOperator(state::javaHashCode(key), kMaxParallelism,
                                                                         parallelism);
}

TEST(InputChannelLayoutTest, PointwiseEdgesConnectNeighboursAndOthersConnectAll) {
  const std::vector<InputEdgeShape> edges{{PartitionerKind::kRescale, 4}, {PartitionerKind::kKeyGroup, 2}};
  EXPECT_EQ(inputChannelsOf(edges, 1, 2),
            (std::vector<InputChannelSource>{{0, 2}, {0, 3}, {1, 0}, {1, 1}}));
  EXPECT_EQ(inputChannelsOf({{PartitionerKind::kForward, 2}}, 3, 4), (std::vector<InputChannelSource>{{0, 1}}));
}

TEST(ChannelStateRedistributionTest, KeyedRecordsGoToTheSubtaskOwningTheirKeyGroupInOrder) {
  // Two subtasks, each reading two producers; keys 0..7, values distinct.
  std::vector<std::vector<InputChannelState>> old(2);
  std::vector<std::vector<Record>> channel_records;
  for (int s = 0; s < 2; ++s) {
    for (int c = 0; c < 2; ++c) {
      std::vector<Record> first, second;
      for (int64_t i = 0; i < 8; ++i) {
        (i < 4 ? first : second).emplace_back(i, 1000 * s + 100 * c + i);
      }
      old[s].push_back(InputChannelState{0, c, dataOf({first, second}, true)});
      first.insert(first.end(), second.begin(), second.end());
      channel_records.push_back(first);
    }
  }
  const OperatorState checkpointed = operatorState(2, old);
  const StreamEdge edge = edgeOf(PartitionerKind::kKeyGroup);
  for (int parallelism : {1, 3}) {
    SCOPED_TRACE(parallelism);
    const ChannelStateRescaling rescaling = oneInput(edge, 2, 2, parallelism);
    // Per old channel in order, its records of the subtask's key groups, on the channel
    // from the same producer; no watermarks.
    std::vector<std::vector<Replay>> expected(static_cast<size_t>(parallelism));
    for (size_t k = 0; k < channel_records.size(); ++k) {
      std::vector<std::vector<Record>> mine(static_cast<size_t>(parallelism));
      for (const Record& r : channel_records[k]) {
        mine[static_cast<size_t>(subtaskOfKey(r.first, parallelism))].push_back(r);
      }
      for (int j = 0; j < parallelism; ++j) {
        if (!mine[j].empty()) expected[j].push_back(Replay{0, static_cast<int>(k % 2), mine[j]});
      }
    }
    EXPECT_EQ(redistribute(checkpointed, rescaling), expected);
    size_t total = 0;
    for (const auto& subtask : expected) {
      for (const Replay& replay : subtask) total += replay.records.size();
    }
    EXPECT_EQ(total, 32u);
  }
}

TEST(ChannelStateRedistributionTest, RebalancedChannelsGoWholeRoundRobin) {
  const std::vector<Record> a{{1, 1}, {2, 2}}, b{{3, 3}}, c{{4, 4}, {5, 5}};
  const OperatorState checkpointed = operatorState(
      2, {{InputChannelState{0, 0, dataOf({a})}, InputChannelState{0, 1, dataOf({{b[0]}, {{6, 6}}}, true)}},
          {InputChannelState{0, 1, dataOf({c})}}});
  const StreamEdge edge = edgeOf(PartitionerKind::kRebalance);
  EXPECT_EQ(redistribute(checkpointed, oneInput(edge, 2, 2, 3)),
            (std::vector<std::vector<Replay>>{{{0, 0, a}}, {{0, 1, {{3, 3}, {6, 6}}}}, {{0, 1, c}}}));
  EXPECT_EQ(redistribute(checkpointed, oneInput(edge, 2, 1, 1)),
            (std::vector<std::vector<Replay>>{{{0, 0, a}, {0, 0, {{3, 3}, {6, 6}}}, {0, 0, c}}}));
}

TEST(ChannelStateRedistributionTest, BroadcastChannelsGiveEachNewSubtaskOneCopy) {
  const std::vector<Record> a{{1, 1}}, b{{2, 2}};
  const OperatorState checkpointed =
      operatorState(2, {{InputChannelState{0, 0, dataOf({a})}}, {InputChannelState{0, 0, dataOf({b})}}});
  const StreamEdge edge = edgeOf(PartitionerKind::kBroadcast);
  EXPECT_EQ(redistribute(checkpointed, oneInput(edge, 1, 1, 3)),
            (std::vector<std::vector<Replay>>{{{0, 0, a}}, {{0, 0, b}}, {{0, 0, a}}}));
  EXPECT_EQ(redistribute(checkpointed, oneInput(edge, 1, 1, 1)), (std::vector<std::vector<Replay>>{{{0, 0, a}}}));
}

TEST(ChannelStateRedistributionTest, AnUnchangedEdgeKeepsItsDataAndWatermarksOnTheSameProducersChannel) {
  // Input 0 comes from two producers, now one; input 1's two producers stay.
  const std::vector<Record> a{{1, 1}}, b{{2, 2}}, c{{3, 3}};
  const OperatorState checkpointed = operatorState(
      2, {{InputChannelState{0, 1, dataOf({a})}, InputChannelState{1, 3, dataOf({b, c}, true)}}, {}});
  const StreamEdge first = edgeOf(PartitionerKind::kRebalance, 0);
  const StreamEdge second = edgeOf(PartitionerKind::kKeyGroup, 1);
  ChannelStateRescaling rescaling{{{&first, {PartitionerKind::kRebalance, 2}, {PartitionerKind::kRebalance, 1}},
                                   {&second, {PartitionerKind::kKeyGroup, 2}, {PartitionerKind::kKeyGroup, 2}}},
                                  2,
                                  kMaxParallelism};
  EXPECT_EQ(redistribute(checkpointed, rescaling),
            (std::vector<std::vector<Replay>>{{{0, 0, a}, {1, 2, {{2, 2}, {-1, 2}, {3, 3}}}}, {}}));
}

TEST(ChannelStateRedistributionTest, AChannelTheInputsNoLongerHaveFailsTheRestore) {
  const OperatorState checkpointed = operatorState(1, {{InputChannelState{1, 0, dataOf({{{1, 1}}})}}});
  const StreamEdge edge = edgeOf(PartitionerKind::kKeyGroup);
  EXPECT_EQ(redistributeInputChannelState(checkpointed, oneInput(edge, 1, 1, 2)).status(),
            InvalidArgument("subtask 0 holds in-flight data of its input channel 0 (input 1), which its inputs no "
                            "longer have"));
}

}  // namespace
}  // namespace eddy::runtime
