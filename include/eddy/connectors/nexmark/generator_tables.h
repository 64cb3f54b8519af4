#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace eddy::connectors::nexmark {

// The fixed tables the reference generator builds once per JVM from static unseeded
// randoms: a 1 MiB string that `extra` fields are cut from (StringsGenerator), four hot
// URLs and 10,000 (channel, url) pairs (BidGenerator). Here they are built from the seed
// (seed for the string, seed + 1 for the URLs), shared read-only by every generator. The
// tables of a seed live as long as the process, so the string_views of generated events
// stay valid after their source is gone. Thread-safe.
class GeneratorTables {
 public:
  static std::shared_ptr<const GeneratorTables> create(int64_t seed);

  std::string_view reusableExtra() const { return reusable_extra_; }
  std::string_view hotUrl(int i) const { return hot_urls_[i]; }
  std::string_view channel(int i) const { return channels_[i]; }
  std::string_view channelUrl(int i) const { return channel_urls_[i]; }

  static constexpr int kChannelsNumber = 10000;

 private:
  std::string reusable_extra_;
  std::array<std::string, 4> hot_urls_;
  std::vector<std::string> channels_;
  std::vector<std::string> channel_urls_;
};

}  // namespace eddy::connectors::nexmark
