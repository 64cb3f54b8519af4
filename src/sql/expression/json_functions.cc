#include "sql/expression/json_functions.h"

#include <simdjson.h>

#include <cctype>
#include <charconv>
#include <cstdint>
#include <vector>

#include <fmt/format.h>

#include "types/java_to_string.h"

namespace eddy::sql {

namespace dom = simdjson::dom;

namespace {

// One step of a path: a key, an index, or a wildcard over members or elements.
struct PathStep {
  enum class Kind { kKey, kIndex, kWildcard };
  Kind kind = Kind::kKey;
  std::string key;
  int64_t index = 0;
};

struct ParsedPath {
  bool strict = true;
  bool definite = true;  // no wildcard: selects at most one value, not a list
  std::vector<PathStep> steps;
  std::string text;  // as Jayway prints a path in messages: $['a'][0][*]
};

bool startsWithWordIgnoringCase(std::string_view text, std::string_view word) {
  if (text.size() <= word.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(text[i])) != word[i]) return false;
  }
  return std::isspace(static_cast<unsigned char>(text[word.size()])) != 0;
}

std::string_view trimLeft(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  return text;
}

// Reads "lax $..." / "strict $..." / "$..." (Flink's JSON_PATH_BASE, strict by default).
bool parsePath(std::string_view spec, ParsedPath& path, std::string& error) {
  std::string_view rest = trimLeft(spec);
  path = ParsedPath{};
  if (startsWithWordIgnoringCase(rest, "lax")) {
    path.strict = false;
    rest = trimLeft(rest.substr(3));
  } else if (startsWithWordIgnoringCase(rest, "strict")) {
    rest = trimLeft(rest.substr(6));
  } else {
    rest = spec;
  }
  path.text = "$";
  auto invalid = [&](std::string_view why) {
    error = fmt::format("Illegal jsonpath spec: {}, {}", spec, why);
    return false;
  };
  while (!rest.empty() && std::isspace(static_cast<unsigned char>(rest.back()))) rest.remove_suffix(1);
  if (rest.empty() || rest.front() != '$') return invalid("a path must start with '$'");
  rest.remove_prefix(1);
  while (!rest.empty()) {
    PathStep step;
    if (rest.front() == '.') {
      rest.remove_prefix(1);
      if (!rest.empty() && rest.front() == '.') return invalid("deep scan '..' is not supported");
      if (!rest.empty() && rest.front() == '*') {
        step.kind = PathStep::Kind::kWildcard;
        rest.remove_prefix(1);
      } else {
        size_t end = 0;
        while (end < rest.size() && rest[end] != '.' && rest[end] != '[') ++end;
        if (end == 0) return invalid("a key is missing after '.'");
        step.key = std::string(rest.substr(0, end));
        rest.remove_prefix(end);
      }
    } else if (rest.front() == '[') {
      const size_t close = rest.find(']');
      if (close == std::string_view::npos) return invalid("'[' is not closed");
      std::string_view inside = rest.substr(1, close - 1);
      rest.remove_prefix(close + 1);
      if (inside == "*") {
        step.kind = PathStep::Kind::kWildcard;
      } else if (inside.size() >= 2 && (inside.front() == '\'' || inside.front() == '"') &&
                 inside.back() == inside.front()) {
        step.key = std::string(inside.substr(1, inside.size() - 2));
      } else {
        step.kind = PathStep::Kind::kIndex;
        const auto [end, code] = std::from_chars(inside.data(), inside.data() + inside.size(), step.index);
        if (code != std::errc() || end != inside.data() + inside.size()) return invalid("a bad array index");
      }
    } else {
      return invalid("unexpected character '" + std::string(1, rest.front()) + "'");
    }
    if (step.kind == PathStep::Kind::kWildcard) path.definite = false;
    path.text += step.kind == PathStep::Kind::kWildcard ? "[*]"
                 : step.kind == PathStep::Kind::kIndex  ? fmt::format("[{}]", step.index)
                                                        : fmt::format("['{}']", step.key);
    path.steps.push_back(std::move(step));
  }
  return true;
}

// Selects the values of `path` below `node` into `out`. False with `error` when a strict
// definite path misses (Jayway's PathNotFoundException); misses under a wildcard, and all
// misses in lax mode, select nothing.
bool select(dom::element node, const ParsedPath& path, size_t step_index, std::vector<dom::element>& out,
            std::string& error) {
  if (step_index == path.steps.size()) {
    out.push_back(node);
    return true;
  }
  const PathStep& step = path.steps[step_index];
  const bool report = path.strict && path.definite;
  auto missing = [&]() {
    if (report) error = fmt::format("No results for path: {}", path.text);
    return !report;
  };
  switch (step.kind) {
    case PathStep::Kind::kKey: {
      dom::object object;
      if (node.get_object().get(object) != simdjson::SUCCESS) return missing();
      dom::element child;
      if (object.at_key(step.key).get(child) != simdjson::SUCCESS) return missing();
      return select(child, path, step_index + 1, out, error);
    }
    case PathStep::Kind::kIndex: {
      dom::array array;
      if (node.get_array().get(array) != simdjson::SUCCESS) return missing();
      const int64_t size = static_cast<int64_t>(array.size());
      const int64_t index = step.index < 0 ? size + step.index : step.index;
      if (index < 0 || index >= size) return missing();
      dom::element child;
      if (array.at(static_cast<size_t>(index)).get(child) != simdjson::SUCCESS) return missing();
      return select(child, path, step_index + 1, out, error);
    }
    case PathStep::Kind::kWildcard: {
      dom::array array;
      dom::object object;
      if (node.get_array().get(array) == simdjson::SUCCESS) {
        for (dom::element child : array) {
          if (!select(child, path, step_index + 1, out, error)) return false;
        }
      } else if (node.get_object().get(object) == simdjson::SUCCESS) {
        for (dom::key_value_pair field : object) {
          if (!select(field.value, path, step_index + 1, out, error)) return false;
        }
      }
      return true;
    }
  }
  return true;
}

void appendNumber(dom::element value, std::string& out) {
  switch (value.type()) {
    case dom::element_type::INT64: out += std::to_string(value.get_int64().value_unsafe()); return;
    case dom::element_type::UINT64: out += std::to_string(value.get_uint64().value_unsafe()); return;
    default: types::appendJavaDouble(value.get_double().value_unsafe(), out); return;
  }
}

// Compact JSON as Jackson writes the parsed value.
void appendJson(dom::element value, std::string& out) {
  switch (value.type()) {
    case dom::element_type::ARRAY: {
      dom::array array;
      if (value.get_array().get(array) != simdjson::SUCCESS) return;
      out += '[';
      bool first = true;
      for (dom::element child : array) {
        if (!first) out += ',';
        first = false;
        appendJson(child, out);
      }
      out += ']';
      return;
    }
    case dom::element_type::OBJECT: {
      dom::object object;
      if (value.get_object().get(object) != simdjson::SUCCESS) return;
      out += '{';
      bool first = true;
      for (dom::key_value_pair field : object) {
        if (!first) out += ',';
        first = false;
        appendJsonString(field.key, out);
        out += ':';
        appendJson(field.value, out);
      }
      out += '}';
      return;
    }
    case dom::element_type::STRING: appendJsonString(value.get_string().value_unsafe(), out); return;
    case dom::element_type::BOOL: out += value.get_bool().value_unsafe() ? "true" : "false"; return;
    case dom::element_type::NULL_VALUE: out += "null"; return;
    default: appendNumber(value, out); return;
  }
}

bool isContainer(dom::element value) { return value.is_array() || value.is_object(); }

}  // namespace

struct SqlJson::Impl {
  dom::parser parser;
  ParsedPath path;
  std::string path_spec;  // the spec `path` was parsed from
  std::string path_error;
  bool path_ok = false;
  std::vector<dom::element> selected;

  bool parsePathCached(std::string_view spec, std::string& error) {
    if (spec != path_spec || path_spec.empty()) {
      path_spec = std::string(spec);
      path_error.clear();
      path_ok = parsePath(spec, path, path_error);
    }
    if (!path_ok) error = path_error;
    return path_ok;
  }

  // Parses `json` and evaluates the path: kValue with the selection in `selected` (one
  // element for a definite path, the matches for a wildcard path), kEmpty or kError.
  Outcome evaluate(std::string_view json, std::string_view spec, std::string& error) {
    if (!parsePathCached(spec, error)) return Outcome::kError;
    dom::element root;
    if (const auto code = parser.parse(json.data(), json.size()).get(root); code != simdjson::SUCCESS) {
      // Lax mode reads malformed JSON as no value; strict mode fails.
      if (!path.strict) return Outcome::kEmpty;
      error = fmt::format("Cannot parse JSON '{}': {}", json, simdjson::error_message(code));
      return Outcome::kError;
    }
    selected.clear();
    if (!select(root, path, 0, selected, error)) return Outcome::kError;
    if (path.definite && (selected.empty() || selected.front().is_null())) return Outcome::kEmpty;
    return Outcome::kValue;
  }

  // The selection as one value's JSON text: the element, or the list of matches.
  void appendSelection(std::string& out) const {
    if (path.definite) {
      appendJson(selected.front(), out);
      return;
    }
    out += '[';
    for (size_t i = 0; i < selected.size(); ++i) {
      if (i > 0) out += ',';
      appendJson(selected[i], out);
    }
    out += ']';
  }
};

SqlJson::SqlJson() : impl_(std::make_unique<Impl>()) {}
SqlJson::~SqlJson() = default;

SqlJson::Outcome SqlJson::value(std::string_view json, std::string_view path, std::string& out, std::string& error) {
  const Outcome outcome = impl_->evaluate(json, path, error);
  if (outcome != Outcome::kValue) return outcome;
  const bool scalar = impl_->path.definite && !isContainer(impl_->selected.front());
  if (!scalar) {
    if (!impl_->path.strict) return Outcome::kEmpty;
    std::string text;
    impl_->appendSelection(text);
    error = fmt::format("Strict jsonpath mode requires scalar value, and the actual value is: '{}'", text);
    return Outcome::kError;
  }
  const dom::element value = impl_->selected.front();
  if (value.is_string()) {
    out += value.get_string().value_unsafe();
  } else if (value.is_bool()) {
    out += value.get_bool().value_unsafe() ? "true" : "false";
  } else {
    appendNumber(value, out);
  }
  return Outcome::kValue;
}

SqlJson::Outcome SqlJson::query(std::string_view json, std::string_view path, JsonQueryWrapper wrapper,
                                std::string& out, std::string& error) {
  const Outcome outcome = impl_->evaluate(json, path, error);
  if (outcome != Outcome::kValue) return outcome;
  // A wildcard's list is an array, so a conditional wrapper leaves it alone.
  const bool array = !impl_->path.definite || impl_->selected.front().is_array();
  const bool container = array || impl_->selected.front().is_object();
  const bool wrap = wrapper == JsonQueryWrapper::kWithUnconditionalArray ||
                    (wrapper == JsonQueryWrapper::kWithConditionalArray && !array);
  if (!wrap && !container) {
    if (!impl_->path.strict) return Outcome::kEmpty;
    std::string text;
    impl_->appendSelection(text);
    error = fmt::format("Strict jsonpath mode requires array or object value, and the actual value is: '{}'", text);
    return Outcome::kError;
  }
  if (wrap) out += '[';
  impl_->appendSelection(out);
  if (wrap) out += ']';
  return Outcome::kValue;
}

SqlJson::Outcome SqlJson::exists(std::string_view json, std::string_view path, std::string& error) {
  return impl_->evaluate(json, path, error);
}

bool SqlJson::isJson(std::string_view json, JsonType type) {
  dom::element root;
  if (impl_->parser.parse(json.data(), json.size()).get(root) != simdjson::SUCCESS) return false;
  switch (type) {
    case JsonType::kValue: return true;
    case JsonType::kObject: return root.is_object();
    case JsonType::kArray: return root.is_array();
    case JsonType::kScalar: return !isContainer(root);
  }
  return false;
}

void appendJsonString(std::string_view text, std::string& out) {
  out += '"';
  for (const char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      case '\b': out += "\\b"; break;
      case '\f': out += "\\f"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
        } else {
          out += c;
        }
    }
  }
  out += '"';
}

}  // namespace eddy::sql
