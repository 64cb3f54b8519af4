#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/config_options.h"
#include "eddy/common/result.h"
#include "eddy/common/status.h"

namespace eddy {

// A set of configuration values by key (Flink's Configuration): strings in, typed values
// out through ConfigOptions. Reading an option tries its key, then its fallback and
// deprecated keys in order, then its default. A value that does not parse as the option's
// type is an InvalidArgument naming the key and the value (masked if the key is secret).
// Thread-compatible: a value type, like a std::map.
class Configuration {
 public:
  // The option's value, or its default. NotFound if neither exists.
  template <typename T>
  Result<T> get(const ConfigOption<T>& option) const;
  // The option's value if one of its keys is set, else nullopt (the default is not used).
  template <typename T>
  Result<std::optional<T>> getOptional(const ConfigOption<T>& option) const;

  template <typename T>
  Configuration& set(const ConfigOption<T>& option, const T& value) {
    return setString(option.key(), ConfigValue<T>::format(value));
  }

  // Whether the option's key or one of its fallback keys is set.
  template <typename T>
  bool contains(const ConfigOption<T>& option) const {
    return findRaw(option.key(), option.fallbackKeys()).has_value();
  }
  // Removes the option's key and its fallback keys; true if any was set.
  template <typename T>
  bool removeConfig(const ConfigOption<T>& option) {
    return removeKeys(option.key(), option.fallbackKeys());
  }

  std::optional<std::string> getString(std::string_view key) const;
  std::string getString(std::string_view key, std::string_view default_value) const;
  Configuration& setString(std::string key, std::string value);
  bool containsKey(std::string_view key) const;

  // All keys, sorted.
  std::vector<std::string> keySet() const;
  const std::map<std::string, std::string, std::less<>>& toMap() const { return data_; }
  // toMap() with the values of secret keys (GlobalConfiguration::isSensitive) replaced by
  // "******", for logs and error messages.
  std::map<std::string, std::string> toLoggableMap() const;
  // "{key=value, key2=******}" with secrets hidden, as Flink's Configuration.toString().
  std::string toString() const;

  // Copies every entry of `other`, replacing values of keys set in both.
  void addAll(const Configuration& other);

  friend bool operator==(const Configuration& a, const Configuration& b) { return a.data_ == b.data_; }

 private:
  struct RawValue {
    const std::string* key;
    const std::string* value;
  };
  // The value under `key` or else the first fallback key that is set; warns once per read
  // when a deprecated key is used.
  std::optional<RawValue> findRaw(const std::string& key, const std::vector<FallbackKey>& fallback_keys) const;
  bool removeKeys(const std::string& key, const std::vector<FallbackKey>& fallback_keys);
  static Status parseError(const RawValue& raw, const Status& cause);

  std::map<std::string, std::string, std::less<>> data_;
};

template <typename T>
Result<std::optional<T>> Configuration::getOptional(const ConfigOption<T>& option) const {
  std::optional<RawValue> raw = findRaw(option.key(), option.fallbackKeys());
  if (!raw) return std::optional<T>();
  Result<T> parsed = ConfigValue<T>::parse(*raw->value);
  if (!parsed.ok()) return parseError(*raw, parsed.status());
  return std::optional<T>(std::move(parsed).value());
}

template <typename T>
Result<T> Configuration::get(const ConfigOption<T>& option) const {
  EDDY_ASSIGN_OR_RETURN(std::optional<T> value, getOptional(option));
  if (value) return std::move(*value);
  if (option.hasDefaultValue()) return *option.defaultValue();
  return NotFound(fmt::format("No value for configuration key '{}' and it has no default value", option.key()));
}

// Loads the configuration of a process (Flink's GlobalConfiguration): <dir>/config.yaml in
// Flink 1.19+'s standard YAML, nested maps flattened with '.' ("parallelism:\n  default: 2"
// is parallelism.default = "2"), lists as Flink writes them ("[a, b]"), scalars exactly as
// written. Null values are skipped; a key given twice in one map is an error, as in Flink.
class GlobalConfiguration {
 public:
  static constexpr std::string_view kConfigFileName = "config.yaml";
  static constexpr std::string_view kHiddenContent = "******";

  // The configuration directory: $EDDY_CONF_DIR, else $FLINK_CONF_DIR, else "./conf".
  static std::string configurationDirectory();
  // Loads from configurationDirectory().
  static Result<Configuration> loadConfiguration();
  // Loads <config_dir>/config.yaml; a missing directory or file is NotFound naming it.
  static Result<Configuration> loadConfiguration(const std::string& config_dir);
  // Loads <config_dir>/config.yaml, then applies `dynamic_properties` over it.
  static Result<Configuration> loadConfiguration(const std::string& config_dir,
                                                 const Configuration& dynamic_properties);
  // Parses standard YAML text; `source` names it in errors.
  static Result<Configuration> parseYaml(std::string_view yaml, std::string_view source);

  // Whether the value of `key` must not be shown: the key contains, case-insensitively,
  // one of Flink's sensitive words (password, secret, token, apikey, …).
  static bool isSensitive(std::string_view key);
};

// Parses command-line overrides ("-D key=value" without the -D): split at the first '=',
// key and value trimmed. A missing '=' or an empty key is InvalidArgument naming the text.
Result<Configuration> parseDynamicProperties(const std::vector<std::string>& key_values);

}  // namespace eddy
