#include "sql/connectors/factory_helper.h"

#include <algorithm>
#include <set>

namespace eddy::sql {
namespace {

std::string joinLines(const std::set<std::string>& keys) {
  std::string out;
  for (const std::string& key : keys) {
    if (!out.empty()) out += '\n';
    out += key;
  }
  return out;
}

}  // namespace

Status validateFactoryOptions(const DynamicTableFactory& factory, const std::map<std::string, std::string>& options,
                              const std::vector<std::string>& prefixes_to_skip) {
  std::set<std::string> missing;
  for (const std::string& key : factory.requiredOptions()) {
    if (!options.contains(key)) missing.insert(key);
  }
  if (!missing.empty()) {
    return InvalidArgument("One or more required options are missing.\n\nMissing required options are:\n\n" +
                           joinLines(missing));
  }
  std::set<std::string> supported = {"connector"};
  for (const std::string& key : factory.requiredOptions()) supported.insert(key);
  for (const std::string& key : factory.optionalOptions()) supported.insert(key);
  std::set<std::string> unsupported;
  for (const auto& [key, value] : options) {
    if (supported.contains(key)) continue;
    bool skipped = std::any_of(prefixes_to_skip.begin(), prefixes_to_skip.end(),
                               [&](const std::string& prefix) { return key.starts_with(prefix); });
    if (!skipped) unsupported.insert(key);
  }
  if (!unsupported.empty()) {
    return InvalidArgument("Unsupported options found for '" + factory.factoryIdentifier() +
                           "'.\n\nUnsupported options:\n\n" + joinLines(unsupported) +
                           "\n\nSupported options:\n\n" + joinLines(supported));
  }
  return Status::OK();
}

std::string optionOr(const std::map<std::string, std::string>& options, const std::string& key,
                     const std::string& default_value) {
  auto it = options.find(key);
  return it == options.end() ? default_value : it->second;
}

Result<bool> booleanOption(const std::map<std::string, std::string>& options, const std::string& key,
                           bool default_value) {
  auto it = options.find(key);
  if (it == options.end()) return default_value;
  std::string lower = it->second;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "true") return true;
  if (lower == "false") return false;
  return InvalidArgument("Could not parse value '" + it->second + "' for key '" + key + "'.");
}

}  // namespace eddy::sql
