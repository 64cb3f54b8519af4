#include "eddy/common/configuration.h"

#include <array>

#include "eddy/common/logging.h"

namespace eddy {

std::optional<std::string> Configuration::getString(std::string_view key) const {
  auto it = data_.find(key);
  if (it == data_.end()) return std::nullopt;
  return it->second;
}

std::string Configuration::getString(std::string_view key, std::string_view default_value) const {
  auto it = data_.find(key);
  return it == data_.end() ? std::string(default_value) : it->second;
}

Configuration& Configuration::setString(std::string key, std::string value) {
  data_.insert_or_assign(std::move(key), std::move(value));
  return *this;
}

bool Configuration::containsKey(std::string_view key) const { return data_.find(key) != data_.end(); }

std::vector<std::string> Configuration::keySet() const {
  std::vector<std::string> keys;
  keys.reserve(data_.size());
  for (const auto& entry : data_) keys.push_back(entry.first);
  return keys;
}

std::map<std::string, std::string> Configuration::toLoggableMap() const {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : data_) {
    out.emplace(key, GlobalConfiguration::isSensitive(key) ? std::string(GlobalConfiguration::kHiddenContent) : value);
  }
  return out;
}

std::string Configuration::toString() const {
  std::string out = "{";
  for (const auto& [key, value] : toLoggableMap()) {
    if (out.size() > 1) out += ", ";
    out += key;
    out += '=';
    out += value;
  }
  return out + "}";
}

void Configuration::addAll(const Configuration& other) {
  for (const auto& [key, value] : other.data_) data_.insert_or_assign(key, value);
}

std::optional<Configuration::RawValue> Configuration::findRaw(const std::string& key,
                                                              const std::vector<FallbackKey>& fallback_keys) const {
  if (auto it = data_.find(key); it != data_.end()) return RawValue{&it->first, &it->second};
  for (const FallbackKey& fallback : fallback_keys) {
    auto it = data_.find(fallback.key);
    if (it == data_.end()) continue;
    if (fallback.is_deprecated) {
      log::warn("Config uses deprecated configuration key '{}' instead of proper key '{}'", fallback.key, key);
    } else {
      log::info("Config uses fallback configuration key '{}' instead of key '{}'", fallback.key, key);
    }
    return RawValue{&it->first, &it->second};
  }
  return std::nullopt;
}

bool Configuration::removeKeys(const std::string& key, const std::vector<FallbackKey>& fallback_keys) {
  bool removed = data_.erase(key) > 0;
  for (const FallbackKey& fallback : fallback_keys) removed |= data_.erase(fallback.key) > 0;
  return removed;
}

Status Configuration::parseError(const RawValue& raw, const Status& cause) {
  // The cause quotes the value, so a secret's cause is left out.
  if (GlobalConfiguration::isSensitive(*raw.key)) {
    return InvalidArgument(
        fmt::format("Could not parse value '{}' for key '{}'", GlobalConfiguration::kHiddenContent, *raw.key));
  }
  return InvalidArgument(
      fmt::format("Could not parse value '{}' for key '{}': {}", *raw.value, *raw.key, cause.message()));
}

bool GlobalConfiguration::isSensitive(std::string_view key) {
  // Flink's GlobalConfiguration.SENSITIVE_KEYS.
  static constexpr std::array<std::string_view, 11> kSensitiveKeys = {
      "password",   "secret", "fs.azure.account.key", "apikey",     "api-key",     "auth-params",
      "service-key", "token", "basic-auth",           "jaas.config", "http-headers"};
  std::string lower(key);
  for (char& c : lower) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view word : kSensitiveKeys) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

}  // namespace eddy
