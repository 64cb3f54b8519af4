#include "eddy/connectors/nexmark/generator_tables.h"

#include <cstdlib>
#include <map>
#include <mutex>

#include "connectors/nexmark/strings.h"

namespace eddy::connectors::nexmark {

namespace {

// BidGenerator.getBaseUrl.
std::string baseUrl(JavaSplittableRandom& random) {
  std::string url = "https://www.nexmark.com/";
  std::string part;
  for (int i = 0; i < 3; ++i) {
    nextString(random, 5, '_', part);
    url += part;
    url += '/';
  }
  url += "item.htm?query=1";
  return url;
}

// Math.abs(Integer.reverse(i)), with Java's overflow: abs(MIN_VALUE) is MIN_VALUE.
int32_t absOfReversed(int32_t i) {
  uint32_t v = static_cast<uint32_t>(i);
  uint32_t r = 0;
  for (int bit = 0; bit < 32; ++bit) r |= ((v >> bit) & 1u) << (31 - bit);
  const int32_t reversed = static_cast<int32_t>(r);
  return reversed < 0 ? static_cast<int32_t>(0u - r) : reversed;
}

}  // namespace

std::shared_ptr<const GeneratorTables> GeneratorTables::create(int64_t seed) {
  static std::mutex mutex;
  static auto* by_seed = new std::map<int64_t, std::shared_ptr<const GeneratorTables>>();
  std::lock_guard<std::mutex> lock(mutex);
  auto [it, inserted] = by_seed->try_emplace(seed);
  if (!inserted) return it->second;
  auto tables = std::make_shared<GeneratorTables>();
  JavaSplittableRandom strings_random(seed);
  tables->reusable_extra_ = nextExactStringFromRandom(strings_random, 1024 * 1024);

  JavaSplittableRandom url_random(seed + 1);
  for (auto& url : tables->hot_urls_) url = baseUrl(url_random);
  tables->channels_.reserve(kChannelsNumber);
  tables->channel_urls_.reserve(kChannelsNumber);
  for (int i = 0; i < kChannelsNumber; ++i) {
    std::string url = baseUrl(url_random);
    if (url_random.nextInt(10) > 0) url += "&channel_id=" + std::to_string(absOfReversed(i));
    tables->channels_.push_back("channel-" + std::to_string(i));
    tables->channel_urls_.push_back(std::move(url));
  }
  it->second = tables;
  return tables;
}

}  // namespace eddy::connectors::nexmark
