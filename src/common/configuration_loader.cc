// Loading a Configuration: config.yaml (Flink's GlobalConfiguration), the configuration
// directory from the environment, and "-D key=value" overrides.

#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "eddy/common/configuration.h"
#include "eddy/common/logging.h"

namespace eddy {

namespace {

std::string_view trim(std::string_view s) {
  size_t begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

// A scalar inside a flow list or map, quoted when plain style would change its meaning.
std::string flowScalar(const std::string& text) {
  bool plain = !text.empty() && text.find_first_of(",[]{}#:'\"\n") == std::string::npos &&
               std::string_view("&*!|>%@`-? ").find(text.front()) == std::string_view::npos && text.back() != ' ';
  if (plain) return text;
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

// A list or map value as Flink prints it (SnakeYAML's flow style): "[a, b]", "{k: v}".
std::string flowString(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: {
      std::string out = "[";
      for (size_t i = 0; i < node.size(); ++i) {
        if (i > 0) out += ", ";
        out += flowString(node[i]);
      }
      return out + "]";
    }
    case YAML::NodeType::Map: {
      std::string out = "{";
      for (const auto& entry : node) {
        if (out.size() > 1) out += ", ";
        out += flowString(entry.first) + ": " + flowString(entry.second);
      }
      return out + "}";
    }
    case YAML::NodeType::Scalar:
      return flowScalar(node.Scalar());
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return "null";
}

// Adds the entries of a YAML map to `out`, nested maps flattened with '.' as Flink's
// GlobalConfiguration.flatten does.
Status flatten(const YAML::Node& map, const std::string& prefix, std::string_view source, Configuration& out) {
  std::set<std::string> seen;
  for (const auto& entry : map) {
    const YAML::Node& name_node = entry.first;
    if (!name_node.IsScalar()) {
      return InvalidArgument(fmt::format("Invalid configuration in {}: a key under '{}' is not a plain value (line {})",
                                         source, prefix, name_node.Mark().line + 1));
    }
    std::string name = name_node.Scalar();
    if (!seen.insert(name).second) {
      return InvalidArgument(fmt::format("Invalid configuration in {}: found duplicate key {} (line {})", source,
                                         name, name_node.Mark().line + 1));
    }
    std::string key = prefix.empty() ? name : prefix + "." + name;
    const YAML::Node& value = entry.second;
    switch (value.Type()) {
      case YAML::NodeType::Map:
        EDDY_RETURN_IF_ERROR(flatten(value, key, source, out));
        break;
      case YAML::NodeType::Sequence:
        out.setString(std::move(key), flowString(value));
        break;
      case YAML::NodeType::Scalar:
        out.setString(std::move(key), value.Scalar());
        break;
      case YAML::NodeType::Null:
      case YAML::NodeType::Undefined:
        break;
    }
  }
  return Status::OK();
}

const char* nonEmptyEnv(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : nullptr;
}

}  // namespace

Result<Configuration> GlobalConfiguration::parseYaml(std::string_view yaml, std::string_view source) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(yaml));
  } catch (const YAML::Exception& e) {
    // Only the position, never the text around it: the line may hold a secret.
    return InvalidArgument(fmt::format("Failed to parse YAML configuration {}: {} (line {}, column {})", source, e.msg,
                                       e.mark.line + 1, e.mark.column + 1));
  }
  Configuration conf;
  if (root.IsNull()) return conf;
  if (!root.IsMap()) {
    return InvalidArgument(fmt::format("Invalid configuration in {}: the top level must be a map of keys", source));
  }
  EDDY_RETURN_IF_ERROR(flatten(root, "", source, conf));
  return conf;
}

std::string GlobalConfiguration::configurationDirectory() {
  if (const char* dir = nonEmptyEnv("EDDY_CONF_DIR")) return dir;
  if (const char* dir = nonEmptyEnv("FLINK_CONF_DIR")) return dir;
  return "./conf";
}

Result<Configuration> GlobalConfiguration::loadConfiguration() { return loadConfiguration(configurationDirectory()); }

Result<Configuration> GlobalConfiguration::loadConfiguration(const std::string& config_dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(config_dir, ec)) {
    return NotFound(fmt::format("The given configuration directory name '{}' ({}) does not describe an existing "
                                "directory.",
                                config_dir, fs::absolute(config_dir, ec).string()));
  }
  fs::path file = fs::path(config_dir) / kConfigFileName;
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return NotFound(fmt::format("The config file '{}' ({}) does not exist.", file.string(),
                                fs::absolute(file, ec).string()));
  }
  std::ostringstream text;
  text << in.rdbuf();
  EDDY_ASSIGN_OR_RETURN(Configuration conf, parseYaml(text.str(), file.string()));
  log::logConfiguration(conf);
  return conf;
}

Result<Configuration> GlobalConfiguration::loadConfiguration(const std::string& config_dir,
                                                             const Configuration& dynamic_properties) {
  EDDY_ASSIGN_OR_RETURN(Configuration conf, loadConfiguration(config_dir));
  conf.addAll(dynamic_properties);
  return conf;
}

Result<Configuration> parseDynamicProperties(const std::vector<std::string>& key_values) {
  Configuration conf;
  for (const std::string& entry : key_values) {
    size_t eq = entry.find('=');
    if (eq == std::string::npos) {
      return InvalidArgument(fmt::format("Invalid dynamic property '{}': expected key=value", entry));
    }
    std::string_view key = trim(std::string_view(entry).substr(0, eq));
    if (key.empty()) return InvalidArgument(fmt::format("Invalid dynamic property '{}': the key is empty", entry));
    conf.setString(std::string(key), std::string(trim(std::string_view(entry).substr(eq + 1))));
  }
  return conf;
}

}  // namespace eddy
