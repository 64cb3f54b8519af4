// The C++ Nexmark generator against the Java port of the reference generator
// (bench/nexmark/flink): data/nexmark_seed42.txt holds the first 100 events and the SHA-256
// of the first 10,000 that the Java port printed (tools/nexmark_vectors/generate.sh).
#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "eddy/connectors/nexmark/java_splittable_random.h"
#include "eddy/connectors/nexmark/nexmark_generator.h"
#include "eddy/testing/source_dir.h"

namespace eddy::connectors::nexmark {
namespace {

std::vector<std::string> vectorLines() {
  std::ifstream in(std::filesystem::path(::eddy::testing::kSourceDir) / "src" / "connectors" / "tests" / "data" /
                   "nexmark_seed42.txt");
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

std::string hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += kDigits[bytes[i] >> 4];
    out += kDigits[bytes[i] & 15];
  }
  return out;
}

TEST(JavaSplittableRandomTest, MatchesJavaUtilSplittableRandom) {
  // Printed by java.util.SplittableRandom(42) on Java 17.
  JavaSplittableRandom random(42);
  EXPECT_EQ(random.nextInt(), -491277234);
  EXPECT_EQ(random.nextInt(), 909395113);
  EXPECT_EQ(random.nextInt(), -1877322334);
  EXPECT_EQ(random.nextInt(13), 5);
  EXPECT_EQ(random.nextInt(13), 1);
  EXPECT_EQ(random.nextInt(13), 6);
  EXPECT_EQ(random.nextInt(10000), 8856);
  EXPECT_EQ(random.nextInt(1 << 20), 865070);
  EXPECT_EQ(random.nextLong(), 6270620877612482005LL);
  EXPECT_DOUBLE_EQ(random.nextDouble(), 0.6184820663561348);
}

TEST(NexmarkGeneratorTest, SameEventsAsTheJavaPortOfTheReference) {
  const std::vector<std::string> expected = vectorLines();
  ASSERT_EQ(expected.size(), 101u) << "missing data/nexmark_seed42.txt";

  NexmarkConfiguration conf;
  conf.seed = 42;
  GeneratorConfig config(conf, 1700000000000, 1, 10000, -1, 1);
  NexmarkGenerator generator(config, GeneratorTables::create(conf.seed));
  std::string all_lines;
  NexmarkEvent event;
  int count = 0;
  while (generator.hasNext()) {
    generator.nextEvent(event);
    const std::string line = event.toString();
    if (count < 100) {
      EXPECT_EQ(line, expected[count]) << "event " << count;
    }
    all_lines += line;
    all_lines += '\n';
    ++count;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_size = 0;
  ASSERT_EQ(EVP_Digest(all_lines.data(), all_lines.size(), digest, &digest_size, EVP_sha256(), nullptr), 1);
  EXPECT_EQ(count, 10000);
  EXPECT_EQ("sha256 10000 " + hex(digest, digest_size), expected[100]);
}

TEST(NexmarkGeneratorTest, KindsFollowTheProportionsAndTimesTheRate) {
  NexmarkConfiguration conf;
  GeneratorConfig config(conf, 0, 1, 500, -1, 1);
  NexmarkGenerator generator(config, GeneratorTables::create(0));
  NexmarkEvent event;
  int kinds[3] = {0, 0, 0};
  int64_t last_time = 0;
  while (generator.hasNext()) {
    generator.nextEvent(event);
    ++kinds[event.type];
    last_time = event.event_timestamp;
  }
  EXPECT_EQ(kinds[NexmarkEvent::kPerson], 10);
  EXPECT_EQ(kinds[NexmarkEvent::kAuction], 30);
  EXPECT_EQ(kinds[NexmarkEvent::kBid], 460);
  // 10,000 events per second: event number 500 is at 50 ms.
  EXPECT_EQ(last_time, 50);
}

TEST(NexmarkGeneratorTest, SplitsCoverTheEventsWithoutOverlap) {
  NexmarkConfiguration conf;
  conf.num_event_generators = 2;
  GeneratorConfig whole(conf, 0, 1, 1001, -1, 1);
  std::vector<GeneratorConfig> parts = whole.split(2);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(parts[0].firstEventId(), 1);
  EXPECT_EQ(parts[0].maxEvents(), 500);
  EXPECT_EQ(parts[1].firstEventId(), 501);
  EXPECT_EQ(parts[1].maxEvents(), 501);
  // Two generators share the rate: each event is 200 µs after the previous one.
  EXPECT_EQ(parts[1].timestampForEvent(10), 2);
}

TEST(NexmarkConfigurationTest, ReadsTheReferenceOptions) {
  auto conf = NexmarkConfiguration::fromOptions({{"events.num", "100"},
                                                 {"first-event.rate", "5000"},
                                                 {"person.avg-size", "1kb"},
                                                 {"bid.hot-ratio.auctions", "3"}});
  ASSERT_TRUE(conf.ok()) << conf.status().toString();
  EXPECT_EQ(conf->num_events, 100);
  EXPECT_EQ(conf->first_event_rate, 5000);
  EXPECT_EQ(conf->avg_person_byte_size, 1024);
  EXPECT_EQ(conf->hot_auction_ratio, 3);
  EXPECT_EQ(NexmarkConfiguration::fromOptions({{"first-event.rate", "0"}}).status().message(),
            "Option 'first-event.rate' must be positive, but is 0.");
}

}  // namespace
}  // namespace eddy::connectors::nexmark
