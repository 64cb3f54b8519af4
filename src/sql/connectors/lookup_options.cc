#include "sql/connectors/lookup_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>

#include "eddy/common/config_options.h"
#include "sql/connectors/factory_helper.h"

namespace eddy::sql {

namespace {

Status unparsable(const std::string& key, const std::string& value) {
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", value, key));
}

Result<std::optional<int64_t>> longOption(const std::map<std::string, std::string>& options, const std::string& key) {
  auto it = options.find(key);
  if (it == options.end()) return std::optional<int64_t>();
  int64_t value = 0;
  const std::string& text = it->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return unparsable(key, text);
  return std::optional<int64_t>(value);
}

Result<std::optional<std::chrono::milliseconds>> durationOption(const std::map<std::string, std::string>& options,
                                                                const std::string& key) {
  auto it = options.find(key);
  if (it == options.end()) return std::optional<std::chrono::milliseconds>();
  Result<std::chrono::nanoseconds> duration = parseDuration(it->second);
  if (!duration.ok()) return unparsable(key, it->second);
  return std::optional<std::chrono::milliseconds>(std::chrono::duration_cast<std::chrono::milliseconds>(*duration));
}

Result<LookupCacheType> cacheType(const std::map<std::string, std::string>& options) {
  auto it = options.find(LookupOptions::kCache);
  if (it == options.end()) return LookupCacheType::kNone;
  std::string upper = it->second;
  std::transform(upper.begin(), upper.end(), upper.begin(), [](unsigned char c) { return std::toupper(c); });
  if (upper == "NONE") return LookupCacheType::kNone;
  if (upper == "PARTIAL") return LookupCacheType::kPartial;
  if (upper == "FULL") return LookupCacheType::kFull;
  return unparsable(LookupOptions::kCache, it->second);
}

}  // namespace

Result<LookupOptions> LookupOptions::fromTableOptions(const std::map<std::string, std::string>& options) {
  LookupOptions lookup;
  EDDY_ASSIGN_OR_RETURN(lookup.cache, cacheType(options));
  EDDY_ASSIGN_OR_RETURN(std::optional<int64_t> retries, longOption(options, kMaxRetries));
  if (retries) {
    if (*retries < 0) {
      return InvalidArgument(
          fmt::format("The value of '{}' option shouldn't be negative, but is {}.", kMaxRetries, *retries));
    }
    lookup.max_retries = static_cast<int>(std::min<int64_t>(*retries, INT32_MAX));
  }
  LookupCacheOptions cache;
  EDDY_ASSIGN_OR_RETURN(cache.max_rows, longOption(options, kPartialCacheMaxRows));
  EDDY_ASSIGN_OR_RETURN(cache.expire_after_write, durationOption(options, kPartialCacheExpireAfterWrite));
  EDDY_ASSIGN_OR_RETURN(cache.expire_after_access, durationOption(options, kPartialCacheExpireAfterAccess));
  EDDY_ASSIGN_OR_RETURN(cache.cache_missing_key, booleanOption(options, kPartialCacheCacheMissingKey, true));
  if (lookup.cache != LookupCacheType::kPartial) return lookup;
  if (!cache.max_rows && !cache.expire_after_write && !cache.expire_after_access) {
    return InvalidArgument(fmt::format(
        "Missing '{}', '{}' or '{}' in the configuration. The cache will not have evictions under this "
        "configuration and could lead to potential memory issues as the cache size may grow indefinitely.",
        kPartialCacheExpireAfterAccess, kPartialCacheExpireAfterWrite, kPartialCacheMaxRows));
  }
  lookup.partial_cache = cache;
  return lookup;
}

std::vector<std::string> LookupOptions::optionKeys() {
  return {kCache, kMaxRetries, kPartialCacheMaxRows, kPartialCacheExpireAfterWrite, kPartialCacheExpireAfterAccess,
          kPartialCacheCacheMissingKey};
}

}  // namespace eddy::sql
