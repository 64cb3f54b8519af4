#include "sql/connectors/filesystem/partition_path.h"

#include <charconv>
#include <cstdlib>

#include <fmt/format.h>

#include "eddy/types/civil_date.h"
#include "eddy/types/decimal.h"

namespace eddy::sql {

namespace {

bool needsEscape(unsigned char c) {
  if (c < 0x20 || c == 0x7F) return true;
  switch (c) {
    case '"':
    case '#':
    case '%':
    case '\'':
    case '*':
    case '/':
    case ':':
    case '=':
    case '?':
    case '\\':
    case '{':
    case '[':
    case ']':
    case '^': return true;
    default: return false;
  }
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

template <typename T>
Result<T> parseInteger(const std::string& text) {
  T value{};
  const char* begin = text.data();
  if (!text.empty() && text[0] == '+') ++begin;
  auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    return InvalidArgument(fmt::format("For input string: \"{}\"", text));
  }
  return value;
}

}  // namespace

std::string escapePathName(std::string_view name) {
  std::string out;
  for (const char c : name) {
    if (needsEscape(static_cast<unsigned char>(c))) {
      fmt::format_to(std::back_inserter(out), "%{:02X}", static_cast<unsigned char>(c));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string unescapePathName(std::string_view name) {
  std::string out;
  for (size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%' && i + 2 < name.size()) {
      const int high = hexValue(name[i + 1]);
      const int low = hexValue(name[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(name[i]);
  }
  return out;
}

std::string partitionPath(const std::vector<std::string>& keys, const std::vector<types::Value>& values,
                          std::string_view default_name) {
  std::string path;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) path.push_back('/');
    std::string text = values[i].isNull() ? std::string() : values[i].toString();
    if (text.empty()) text = default_name;
    path += escapePathName(keys[i]);
    path.push_back('=');
    path += escapePathName(text);
  }
  return path;
}

std::vector<std::pair<std::string, std::string>> extractPartitionSpec(std::string_view relative_dir) {
  std::vector<std::pair<std::string, std::string>> spec;
  size_t start = 0;
  while (start <= relative_dir.size()) {
    size_t end = relative_dir.find('/', start);
    if (end == std::string_view::npos) end = relative_dir.size();
    const std::string_view part = relative_dir.substr(start, end - start);
    const size_t equals = part.find('=');
    if (equals != std::string_view::npos) {
      spec.emplace_back(unescapePathName(part.substr(0, equals)), unescapePathName(part.substr(equals + 1)));
    }
    start = end + 1;
  }
  return spec;
}

Result<types::Value> restorePartitionValue(const std::string& text, const types::LogicalType& type,
                                           std::string_view default_name) {
  using types::LogicalTypeRoot;
  using types::Value;
  if (text == default_name) return Value();
  switch (type.root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR: return Value(text);
    case LogicalTypeRoot::BOOLEAN: {
      std::string lower;
      for (const char c : text) lower.push_back(static_cast<char>(c | 0x20));
      return Value(lower == "true");
    }
    case LogicalTypeRoot::TINYINT: {
      EDDY_ASSIGN_OR_RETURN(int8_t v, parseInteger<int8_t>(text));
      return Value(v);
    }
    case LogicalTypeRoot::SMALLINT: {
      EDDY_ASSIGN_OR_RETURN(int16_t v, parseInteger<int16_t>(text));
      return Value(v);
    }
    case LogicalTypeRoot::INTEGER: {
      EDDY_ASSIGN_OR_RETURN(int32_t v, parseInteger<int32_t>(text));
      return Value(v);
    }
    case LogicalTypeRoot::BIGINT: {
      EDDY_ASSIGN_OR_RETURN(int64_t v, parseInteger<int64_t>(text));
      return Value(v);
    }
    case LogicalTypeRoot::FLOAT:
    case LogicalTypeRoot::DOUBLE: {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size()) {
        return InvalidArgument(fmt::format("For input string: \"{}\"", text));
      }
      return type.root() == LogicalTypeRoot::FLOAT ? Value(static_cast<float>(v)) : Value(v);
    }
    case LogicalTypeRoot::DECIMAL: {
      EDDY_ASSIGN_OR_RETURN(types::Decimal v, types::Decimal::fromString(text, type.precision(), type.scale()));
      return Value(v);
    }
    case LogicalTypeRoot::DATE: {
      // LocalDate.parse: yyyy-MM-dd.
      if (text.size() != 10 || text[4] != '-' || text[7] != '-') {
        return InvalidArgument(fmt::format("Text '{}' could not be parsed at index 0", text));
      }
      EDDY_ASSIGN_OR_RETURN(int32_t year, parseInteger<int32_t>(text.substr(0, 4)));
      EDDY_ASSIGN_OR_RETURN(int32_t month, parseInteger<int32_t>(text.substr(5, 2)));
      EDDY_ASSIGN_OR_RETURN(int32_t day, parseInteger<int32_t>(text.substr(8, 2)));
      return Value::date(static_cast<int32_t>(types::daysFromCivil(year, month, day)));
    }
    default:
      return NotSupported(fmt::format("partition column of type {}", type.asSummaryString()));
  }
}

}  // namespace eddy::sql
