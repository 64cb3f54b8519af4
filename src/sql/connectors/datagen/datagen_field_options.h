#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>

#include "eddy/common/result.h"

namespace eddy::sql {

// Reads the options 'fields.<name>.<key>' of one datagen field with Flink's ConfigOption
// types and defaults, noting every key it was asked for as consumed (Flink's
// DataGeneratorContainer options). A value that does not parse is InvalidArgument "Could
// not parse value '<v>' for key '<key>'.". Used on the planning thread.
class DataGenFieldOptions {
 public:
  DataGenFieldOptions(const std::string& name, const std::map<std::string, std::string>& options,
                      std::set<std::string>& consumed)
      : prefix_("fields." + name + "."), options_(options), consumed_(consumed) {}

  // The full key of `key`: "fields.<name>.<key>".
  std::string fullKey(const std::string& key) const { return prefix_ + key; }
  bool has(const std::string& key) const { return options_.contains(fullKey(key)); }

  Result<int64_t> getLong(const std::string& key, int64_t default_value);
  Result<int32_t> getInt(const std::string& key, int32_t default_value);
  Result<double> getDouble(const std::string& key, double default_value);
  Result<float> getFloat(const std::string& key, float default_value);
  Result<bool> getBoolean(const std::string& key, bool default_value);
  // A Duration option ("10 s", "500ms", "1 min"; a bare number is milliseconds) in millis.
  Result<int64_t> getDurationMillis(const std::string& key, int64_t default_millis);

 private:
  const std::string* raw(const std::string& key);
  Status cannotParse(const std::string& key) const;

  std::string prefix_;
  const std::map<std::string, std::string>& options_;
  std::set<std::string>& consumed_;
};

}  // namespace eddy::sql
