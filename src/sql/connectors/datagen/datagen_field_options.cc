#include "sql/connectors/datagen/datagen_field_options.h"

#include <chrono>
#include <cmath>

#include "eddy/common/config_options.h"

namespace eddy::sql {

const std::string* DataGenFieldOptions::raw(const std::string& key) {
  const std::string full = fullKey(key);
  consumed_.insert(full);
  auto it = options_.find(full);
  return it == options_.end() ? nullptr : &it->second;
}

Status DataGenFieldOptions::cannotParse(const std::string& key) const {
  return InvalidArgument("Could not parse value '" + options_.at(fullKey(key)) + "' for key '" + fullKey(key) + "'.");
}

Result<int64_t> DataGenFieldOptions::getLong(const std::string& key, int64_t default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  Result<int64_t> parsed = ConfigValue<int64_t>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return *parsed;
}

Result<int32_t> DataGenFieldOptions::getInt(const std::string& key, int32_t default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  Result<int32_t> parsed = ConfigValue<int32_t>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return *parsed;
}

Result<double> DataGenFieldOptions::getDouble(const std::string& key, double default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  Result<double> parsed = ConfigValue<double>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return *parsed;
}

Result<float> DataGenFieldOptions::getFloat(const std::string& key, float default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  Result<double> parsed = ConfigValue<double>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return static_cast<float>(*parsed);
}

Result<bool> DataGenFieldOptions::getBoolean(const std::string& key, bool default_value) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_value;
  Result<bool> parsed = ConfigValue<bool>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return *parsed;
}

Result<int64_t> DataGenFieldOptions::getDurationMillis(const std::string& key, int64_t default_millis) {
  const std::string* value = raw(key);
  if (value == nullptr) return default_millis;
  Result<std::chrono::nanoseconds> parsed = ConfigValue<std::chrono::nanoseconds>::parse(*value);
  if (!parsed.ok()) return cannotParse(key);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*parsed).count();
}

}  // namespace eddy::sql
