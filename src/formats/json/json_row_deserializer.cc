#include "eddy/formats/json/json_row_deserializer.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <vector>

#include "formats/json/jackson_text.h"
#include "formats/json/java_numbers.h"
#include "formats/json/json_schema_check.h"
#include "formats/json/time_formats.h"
#include "types/java_to_string.h"

namespace eddy::formats::json {

namespace {

namespace ondemand = simdjson::ondemand;
using types::LogicalType;
using types::LogicalTypeRoot;
using types::Value;

constexpr int64_t kNanosPerMilli = 1'000'000;

// A JSON number token: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?; `integral` when it has
// neither fraction nor exponent (Jackson's int/long/BigInteger nodes, else a double or decimal).
bool scanJsonNumber(std::string_view token, bool& integral) {
  size_t i = 0;
  auto digit = [&](size_t k) { return k < token.size() && token[k] >= '0' && token[k] <= '9'; };
  if (i < token.size() && token[i] == '-') ++i;
  if (!digit(i)) return false;
  if (token[i] == '0') {
    ++i;
  } else {
    while (digit(i)) ++i;
  }
  integral = true;
  if (i < token.size() && token[i] == '.') {
    integral = false;
    ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  if (i < token.size() && (token[i] == 'e' || token[i] == 'E')) {
    integral = false;
    ++i;
    if (i < token.size() && (token[i] == '+' || token[i] == '-')) ++i;
    if (!digit(i)) return false;
    while (digit(i)) ++i;
  }
  return i == token.size();
}

std::string_view trimJsonSpace(std::string_view s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// What Jackson's tree would hold for a scalar (or, as an empty text, a container), with
// JsonNode#asText: the input of most of Flink's converters.
struct Node {
  enum class Kind { TEXT, INTEGER, FLOATING, BOOLEAN, ARRAY, OBJECT } kind = Kind::TEXT;
  std::string_view text;      // TEXT: the string; INTEGER/FLOATING: the number's token
  int64_t long_value = 0;     // INTEGER that fits a long
  bool fits_long = false;
  double double_value = 0;    // FLOATING
  bool bool_value = false;    // BOOLEAN
};

// Jackson's node class, for ClassCastException messages.
std::string nodeClass(const Node& node, bool decimal_mode) {
  const char* name = "TextNode";
  switch (node.kind) {
    case Node::Kind::TEXT: name = "TextNode"; break;
    case Node::Kind::INTEGER:
      name = !node.fits_long ? "BigIntegerNode"
             : node.long_value >= std::numeric_limits<int32_t>::min() && node.long_value <= std::numeric_limits<int32_t>::max()
                 ? "IntNode"
                 : "LongNode";
      break;
    case Node::Kind::FLOATING: name = decimal_mode ? "DecimalNode" : "DoubleNode"; break;
    case Node::Kind::BOOLEAN: name = "BooleanNode"; break;
    case Node::Kind::ARRAY: name = "ArrayNode"; break;
    case Node::Kind::OBJECT: name = "ObjectNode"; break;
  }
  return fmt::format("org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.{}", name);
}

std::string classCast(const Node& node, bool decimal_mode, const char* target) {
  return fmt::format(
      "class {} cannot be cast to class org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.{}",
      nodeClass(node, decimal_mode), target);
}

std::string causedBy(std::string_view message, std::string_view cause) {
  return fmt::format("{} Caused by: {}", message, cause);
}

}  // namespace

// The converters of JsonToRowDataConverters over simdjson's On Demand API. Every value is
// visited once, converted or (when the type does not want it) validated, so that malformed
// JSON anywhere fails the record as Jackson's readTree would, before any conversion error.
class JsonRowDeserializer::Impl {
 public:
  Impl(LogicalType row_type, JsonDeserializationOptions options)
      : row_type_(std::move(row_type)), options_(options), decimal_mode_(containsDecimal(row_type_)) {}

  Result<std::optional<types::Row>> deserialize(std::string_view json) {
    // Jackson reads blank input as a missing node, which Flink's converters turn into null.
    if (json.find_first_not_of(" \t\n\r") == std::string_view::npos) return std::optional<types::Row>();
    if (buffer_.size() < json.size() + simdjson::SIMDJSON_PADDING) buffer_.resize(json.size() + simdjson::SIMDJSON_PADDING);
    std::memcpy(buffer_.data(), json.data(), json.size());
    std::memset(buffer_.data() + json.size(), 0, simdjson::SIMDJSON_PADDING);
    parse_error_ = simdjson::SUCCESS;
    ondemand::document doc;
    auto fail = [&](std::string cause) -> Result<std::optional<types::Row>> {
      if (options_.ignore_parse_errors) {
        ++skipped_records_;
        return std::optional<types::Row>();
      }
      return InvalidArgument(causedBy(fmt::format("Failed to deserialize JSON '{}'.", json), cause));
    };
    auto parse_failed = [&](simdjson::error_code code) { return fail(simdjson::error_message(code)); };
    if (auto code = parser_.iterate(buffer_.data(), json.size(), buffer_.size()).get(doc)) return parse_failed(code);
    ondemand::json_type type;
    if (auto code = doc.type().get(type)) return parse_failed(code);
    if (type == ondemand::json_type::null) {
      bool is_null = false;
      if (doc.is_null().get(is_null) || !is_null) return parse_failed(simdjson::N_ATOM_ERROR);
      return std::optional<types::Row>();
    }
    if (type != ondemand::json_type::object) {
      Node node;
      if (!documentNode(doc, type, node)) return parse_failed(parse_error_);
      return fail(classCast(node, decimal_mode_, "ObjectNode"));
    }
    ondemand::object object;
    if (auto code = doc.get_object().get(object)) return parse_failed(code);
    std::vector<Value> fields;
    std::string error;
    if (!convertRow(object, row_type_, fields, error)) return parse_failed(parse_error_);
    if (!error.empty()) return fail(std::move(error));
    return std::optional<types::Row>(types::Row(types::RowKind::INSERT, std::move(fields)));
  }

  const LogicalType& rowType() const { return row_type_; }
  int64_t skippedRecords() const { return skipped_records_; }

 private:
  static bool containsDecimal(const LogicalType& type) {
    if (type.root() == LogicalTypeRoot::DECIMAL) return true;
    for (const LogicalType& child : type.children()) {
      if (containsDecimal(child)) return true;
    }
    return false;
  }

  bool failParse(simdjson::error_code code) {
    parse_error_ = code;
    return false;
  }

  // The scalar node of a number token (validated), with its value as Jackson reads it.
  bool numberNode(std::string_view raw, Node& node) {
    const std::string_view token = trimJsonSpace(raw);
    bool integral = false;
    if (!scanJsonNumber(token, integral)) return failParse(simdjson::NUMBER_ERROR);
    node.text = token;
    if (integral) {
      node.kind = Node::Kind::INTEGER;
      auto [end, ec] = std::from_chars(token.data(), token.data() + token.size(), node.long_value);
      node.fits_long = ec == std::errc() && end == token.data() + token.size();
    } else {
      node.kind = Node::Kind::FLOATING;
      // The token is followed by a delimiter, so strtod reads exactly it; beyond the range it
      // gives infinity or zero as Java's Double.parseDouble.
      node.double_value = std::strtod(token.data(), nullptr);
    }
    return true;
  }

  // Validates a scalar or container value and describes it as a Node. Containers are walked
  // (so validated) and read as Jackson's asText of a container: "".
  template <typename V>
  bool scalarNode(V& value, ondemand::json_type type, Node& node) {
    switch (type) {
      case ondemand::json_type::string:
        node.kind = Node::Kind::TEXT;
        if (auto code = value.get_string().get(node.text)) return failParse(code);
        return true;
      case ondemand::json_type::number:
        if constexpr (std::is_same_v<V, ondemand::value>) return numberNode(value.raw_json_token(), node);
        return failParse(simdjson::INCORRECT_TYPE);
      case ondemand::json_type::boolean:
        node.kind = Node::Kind::BOOLEAN;
        if (auto code = value.get_bool().get(node.bool_value)) return failParse(code);
        node.text = node.bool_value ? "true" : "false";
        return true;
      case ondemand::json_type::array:
      case ondemand::json_type::object:
        node.kind = type == ondemand::json_type::array ? Node::Kind::ARRAY : Node::Kind::OBJECT;
        node.text = {};
        return true;
      case ondemand::json_type::null: return true;
    }
    return true;
  }

  bool documentNode(ondemand::document& doc, ondemand::json_type type, Node& node) {
    if (type == ondemand::json_type::array) {
      ondemand::array array;
      if (auto code = doc.get_array().get(array)) return failParse(code);
      node.kind = Node::Kind::ARRAY;
      return walkArray(array, nullptr);
    }
    if (type == ondemand::json_type::number) {
      std::string_view raw;
      if (auto code = doc.raw_json_token().get(raw)) return failParse(code);
      return numberNode(raw, node);
    }
    return scalarNode(doc, type, node);
  }

  // Jackson's asText of a scalar node.
  std::string_view asText(const Node& node, std::string& scratch) const {
    switch (node.kind) {
      case Node::Kind::INTEGER:
        if (!node.fits_long) return node.text;
        scratch = std::to_string(node.long_value);
        return scratch;
      case Node::Kind::FLOATING:
        scratch.clear();
        if (decimal_mode_) {
          // USE_BIG_DECIMAL_FOR_FLOATS: a BigDecimal with trailing zeros stripped.
          auto decimal = BigDecimalText::parse(node.text);
          decimal->stripTrailingZeros();
          decimal->appendTo(scratch);
        } else {
          types::appendJavaDouble(node.double_value, scratch);
        }
        return scratch;
      default: return node.text;
    }
  }

  // Validates `value` and, when `out` is set, appends it as Jackson's JsonNode#toString.
  bool walk(ondemand::value value, std::string* out) {
    ondemand::json_type type;
    if (auto code = value.type().get(type)) return failParse(code);
    if (type == ondemand::json_type::object) {
      ondemand::object object;
      if (auto code = value.get_object().get(object)) return failParse(code);
      return walkObject(object, out);
    }
    if (type == ondemand::json_type::array) {
      ondemand::array array;
      if (auto code = value.get_array().get(array)) return failParse(code);
      return walkArray(array, out);
    }
    if (type == ondemand::json_type::null) {
      bool is_null = false;
      if (value.is_null().get(is_null) || !is_null) return failParse(simdjson::N_ATOM_ERROR);
      if (out != nullptr) *out += "null";
      return true;
    }
    Node node;
    if (!scalarNode(value, type, node)) return false;
    if (out != nullptr) {
      if (node.kind == Node::Kind::TEXT) {
        appendJsonString(node.text, *out);
      } else {
        std::string scratch;
        *out += asText(node, scratch);
      }
    }
    return true;
  }

  bool walkObject(ondemand::object& object, std::string* out) {
    if (out != nullptr) out->push_back('{');
    bool first = true;
    for (auto field_result : object) {
      ondemand::field field;
      if (auto code = std::move(field_result).get(field)) return failParse(code);
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) return failParse(code);
      if (out != nullptr) {
        if (!first) out->push_back(',');
        appendJsonString(key, *out);
        out->push_back(':');
      }
      first = false;
      if (!walk(field.value(), out)) return false;
    }
    if (out != nullptr) out->push_back('}');
    return true;
  }

  bool walkArray(ondemand::array& array, std::string* out) {
    if (out != nullptr) out->push_back('[');
    bool first = true;
    for (auto element_result : array) {
      ondemand::value element;
      if (auto code = std::move(element_result).get(element)) return failParse(code);
      if (out != nullptr && !first) out->push_back(',');
      first = false;
      if (!walk(element, out)) return false;
    }
    if (out != nullptr) out->push_back(']');
    return true;
  }

  // Converts `value` to `type` into `result`. Returns false only for malformed JSON. A value
  // that does not convert leaves `result` null and, unless parse errors are ignored, puts the
  // cause into `error` (the innermost converter swallows it otherwise, as Flink's
  // wrapIntoNullableConverter does).
  bool convert(ondemand::value value, const LogicalType& type, Value& result, std::string& error) {
    result = Value();
    ondemand::json_type json_type;
    if (auto code = value.type().get(json_type)) return failParse(code);
    if (json_type == ondemand::json_type::null) return walk(value, nullptr);
    std::string cause;
    switch (type.root()) {
      case LogicalTypeRoot::ROW: {
        if (json_type != ondemand::json_type::object) return mismatch(value, json_type, "ObjectNode", error);
        ondemand::object object;
        if (auto code = value.get_object().get(object)) return failParse(code);
        std::vector<Value> fields;
        if (!convertRow(object, type, fields, error)) return false;
        if (error.empty()) result = Value::row(types::Row(types::RowKind::INSERT, std::move(fields)));
        return true;
      }
      case LogicalTypeRoot::ARRAY: {
        if (json_type != ondemand::json_type::array) return mismatch(value, json_type, "ArrayNode", error);
        ondemand::array array;
        if (auto code = value.get_array().get(array)) return failParse(code);
        return convertArray(array, type.elementType(), result, error);
      }
      case LogicalTypeRoot::MAP:
      case LogicalTypeRoot::MULTISET: {
        // JsonNode#fields() of anything but an object is empty: an empty map.
        if (json_type != ondemand::json_type::object) {
          if (!walk(value, nullptr)) return false;
          result = Value::map({});
          return true;
        }
        ondemand::object object;
        if (auto code = value.get_object().get(object)) return failParse(code);
        static const LogicalType kMultisetCount = LogicalType::make(LogicalTypeRoot::INTEGER).value();
        const LogicalType& value_type = type.root() == LogicalTypeRoot::MAP ? type.valueType() : kMultisetCount;
        return convertMap(object, value_type, result, error);
      }
      case LogicalTypeRoot::CHAR:
      case LogicalTypeRoot::VARCHAR: {
        if (json_type == ondemand::json_type::object || json_type == ondemand::json_type::array) {
          std::string text;
          if (!walk(value, &text)) return false;
          result = Value(std::move(text));
          return true;
        }
        Node node;
        if (!scalarNode(value, json_type, node)) return false;
        std::string scratch;
        const std::string_view text = asText(node, scratch);
        result = Value(std::string(text));
        return true;
      }
      default: {
        Node node;
        if (json_type == ondemand::json_type::object || json_type == ondemand::json_type::array) {
          node.kind = json_type == ondemand::json_type::object ? Node::Kind::OBJECT : Node::Kind::ARRAY;
          if (!walk(value, nullptr)) return false;
        } else if (!scalarNode(value, json_type, node)) {
          return false;
        }
        if (!convertScalar(node, type, result, cause)) setError(std::move(cause), result, error);
        return true;
      }
    }
  }

  bool mismatch(ondemand::value& value, ondemand::json_type json_type, const char* target, std::string& error) {
    Node node;
    if (json_type == ondemand::json_type::object || json_type == ondemand::json_type::array) {
      node.kind = json_type == ondemand::json_type::object ? Node::Kind::OBJECT : Node::Kind::ARRAY;
      if (!walk(value, nullptr)) return false;
    } else if (!scalarNode(value, json_type, node)) {
      return false;
    }
    Value ignored;
    setError(classCast(node, decimal_mode_, target), ignored, error);
    return true;
  }

  void setError(std::string cause, Value& result, std::string& error) const {
    result = Value();
    if (!options_.ignore_parse_errors) error = std::move(cause);
  }

  // The scalar converters; false with the cause when the node does not convert.
  bool convertScalar(const Node& node, const LogicalType& type, Value& result, std::string& cause) {
    std::string scratch;
    auto failed = [&](const Status& status) {
      cause = status.message();
      return false;
    };
    switch (type.root()) {
      case LogicalTypeRoot::NULL_TYPE: return true;
      case LogicalTypeRoot::BOOLEAN:
        if (node.kind == Node::Kind::BOOLEAN) {
          result = Value(node.bool_value);
        } else {
          // Boolean.parseBoolean: "true" in any case is true, anything else false.
          const std::string_view text = javaTrim(asText(node, scratch));
          result = Value(text.size() == 4 && (text[0] | 0x20) == 't' && (text[1] | 0x20) == 'r' &&
                         (text[2] | 0x20) == 'u' && (text[3] | 0x20) == 'e');
        }
        return true;
      case LogicalTypeRoot::TINYINT:
      case LogicalTypeRoot::SMALLINT: {
        const bool tiny = type.root() == LogicalTypeRoot::TINYINT;
        auto parsed = parseJavaShortInteger(javaTrim(asText(node, scratch)), tiny ? -128 : -32768, tiny ? 127 : 32767);
        if (!parsed.ok()) return failed(parsed.status());
        result = tiny ? Value(static_cast<int8_t>(*parsed)) : Value(static_cast<int16_t>(*parsed));
        return true;
      }
      case LogicalTypeRoot::INTEGER:
      case LogicalTypeRoot::INTERVAL_YEAR_MONTH:
      case LogicalTypeRoot::BIGINT:
      case LogicalTypeRoot::INTERVAL_DAY_TIME: {
        const bool is_int = type.root() == LogicalTypeRoot::INTEGER || type.root() == LogicalTypeRoot::INTERVAL_YEAR_MONTH;
        const int64_t min = is_int ? std::numeric_limits<int32_t>::min() : std::numeric_limits<int64_t>::min();
        const int64_t max = is_int ? std::numeric_limits<int32_t>::max() : std::numeric_limits<int64_t>::max();
        int64_t v = 0;
        if (!canConvertToIntegral(node, min, max, v)) {
          auto parsed = parseJavaInteger(javaTrim(asText(node, scratch)), min, max);
          if (!parsed.ok()) return failed(parsed.status());
          v = *parsed;
        }
        if (type.root() == LogicalTypeRoot::INTEGER) result = Value(static_cast<int32_t>(v));
        if (type.root() == LogicalTypeRoot::INTERVAL_YEAR_MONTH) result = Value::intervalYearMonth(static_cast<int32_t>(v));
        if (type.root() == LogicalTypeRoot::BIGINT) result = Value(v);
        if (type.root() == LogicalTypeRoot::INTERVAL_DAY_TIME) result = Value::intervalDayTime(v);
        return true;
      }
      case LogicalTypeRoot::FLOAT: {
        if (node.kind == Node::Kind::FLOATING && !decimal_mode_) {
          result = Value(static_cast<float>(node.double_value));
          return true;
        }
        auto parsed = parseJavaFloat(javaTrim(asText(node, scratch)));
        if (!parsed.ok()) return failed(parsed.status());
        result = Value(*parsed);
        return true;
      }
      case LogicalTypeRoot::DOUBLE: {
        if (node.kind == Node::Kind::FLOATING && !decimal_mode_) {
          result = Value(node.double_value);
          return true;
        }
        auto parsed = parseJavaDouble(javaTrim(asText(node, scratch)));
        if (!parsed.ok()) return failed(parsed.status());
        result = Value(*parsed);
        return true;
      }
      case LogicalTypeRoot::DECIMAL: {
        // new BigDecimal(text), then DecimalData.fromBigDecimal: null when it does not fit.
        const std::string_view text = node.kind == Node::Kind::FLOATING ? node.text : asText(node, scratch);
        auto syntax = BigDecimalText::parse(text);
        if (!syntax.ok()) return failed(syntax.status());
        auto decimal = types::Decimal::fromString(text, type.precision(), type.scale());
        if (decimal.ok()) result = Value(*decimal);
        return true;
      }
      case LogicalTypeRoot::DATE: {
        auto days = parseIsoLocalDate(asText(node, scratch));
        if (!days.ok()) return failed(days.status());
        result = Value::date(*days);
        return true;
      }
      case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: {
        auto nanos = parseSqlTime(asText(node, scratch));
        if (!nanos.ok()) return failed(nanos.status());
        result = Value::time(static_cast<int32_t>(*nanos / kNanosPerMilli));
        return true;
      }
      case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
      case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
        const bool ltz = type.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        auto timestamp = parseTimestamp(asText(node, scratch), options_.timestamp_format, ltz);
        if (!timestamp.ok()) return failed(timestamp.status());
        result = ltz ? Value::timestampLtz(*timestamp) : Value::timestamp(*timestamp);
        return true;
      }
      case LogicalTypeRoot::BINARY:
      case LogicalTypeRoot::VARBINARY: {
        // JsonNode#binaryValue is null for anything but text.
        if (node.kind != Node::Kind::TEXT) return true;
        auto bytes = decodeBase64(node.text);
        if (!bytes.ok()) return failed(InvalidArgument(causedBy("Unable to deserialize byte array.", bytes.status().message())));
        result = Value::bytes(std::move(*bytes));
        return true;
      }
      default:
        cause = fmt::format("Unsupported type: {}", type.asSummaryString());
        return false;
    }
  }

  // JsonNode#canConvertToInt / canConvertToLong and asInt / asLong (truncating doubles).
  bool canConvertToIntegral(const Node& node, int64_t min, int64_t max, int64_t& v) const {
    if (node.kind == Node::Kind::INTEGER) {
      if (!node.fits_long || node.long_value < min || node.long_value > max) return false;
      v = node.long_value;
      return true;
    }
    if (node.kind != Node::Kind::FLOATING) return false;
    const double d = node.double_value;
    if (!(d >= static_cast<double>(min) && d <= static_cast<double>(max))) return false;
    // (long) d saturates at 2^63 in Java; static_cast would be undefined there.
    v = d >= 9223372036854775807.0 ? std::numeric_limits<int64_t>::max() : static_cast<int64_t>(d);
    return true;
  }

  bool convertArray(ondemand::array& array, const LogicalType& element_type, Value& result, std::string& error) {
    std::vector<Value> elements;
    for (auto element_result : array) {
      ondemand::value element;
      if (auto code = std::move(element_result).get(element)) return failParse(code);
      Value converted;
      std::string element_error;
      if (!convert(element, element_type, converted, element_error)) return false;
      if (!element_error.empty() && error.empty()) error = std::move(element_error);
      elements.push_back(std::move(converted));
    }
    if (error.empty()) result = Value::array(std::move(elements));
    return true;
  }

  bool convertMap(ondemand::object& object, const LogicalType& value_type, Value& result, std::string& error) {
    Value::MapEntries entries;
    for (auto field_result : object) {
      ondemand::field field;
      if (auto code = std::move(field_result).get(field)) return failParse(code);
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) return failParse(code);
      Value converted;
      std::string value_error;
      if (!convert(field.value(), value_type, converted, value_error)) return false;
      if (!value_error.empty() && error.empty()) error = std::move(value_error);
      // Jackson's ObjectNode keeps the last value of a repeated key.
      auto same_key = [&](const auto& entry) { return entry.first.getString() == key; };
      auto it = std::find_if(entries.begin(), entries.end(), same_key);
      if (it != entries.end()) {
        it->second = std::move(converted);
      } else {
        entries.emplace_back(Value(std::string(key)), std::move(converted));
      }
    }
    if (error.empty()) result = Value::map(std::move(entries));
    return true;
  }

  // The fields of a row into `values`; on a conversion error `error` is set and `values` is
  // not a row's.
  bool convertRow(ondemand::object& object, const LogicalType& type, std::vector<Value>& values, std::string& error) {
    const std::vector<types::RowField>& fields = type.fields();
    const size_t arity = fields.size();
    values.assign(arity, Value());
    std::vector<bool> seen(options_.fail_on_missing_field ? arity : 0);
    // The first failing field in the type's order is the one Flink reports.
    size_t error_field = arity;
    std::string field_error_cause;
    size_t guess = 0;
    for (auto field_result : object) {
      ondemand::field field;
      if (auto code = std::move(field_result).get(field)) return failParse(code);
      std::string_view key;
      if (auto code = field.unescaped_key().get(key)) return failParse(code);
      size_t index = arity;
      if (guess < arity && fields[guess].name == key) {
        index = guess;
      } else {
        for (size_t i = 0; i < arity; ++i) {
          if (fields[i].name == key) {
            index = i;
            break;
          }
        }
      }
      if (index == arity) {
        if (!walk(field.value(), nullptr)) return false;
        continue;
      }
      guess = index + 1;
      if (!seen.empty()) seen[index] = true;
      std::string cause;
      if (!convert(field.value(), fields[index].type, values[index], cause)) return false;
      if (!cause.empty() && index < error_field) {
        error_field = index;
        field_error_cause = std::move(cause);
      }
    }
    for (size_t i = 0; i < seen.size() && i < error_field; ++i) {
      if (!seen[i]) {
        error_field = i;
        field_error_cause = fmt::format("Could not find field with name '{}'.", fields[i].name);
      }
    }
    if (error_field < arity) {
      error = causedBy(fmt::format("Fail to deserialize at field: {}.", fields[error_field].name), field_error_cause);
    }
    return true;
  }

  LogicalType row_type_;
  JsonDeserializationOptions options_;
  // Jackson reads floating-point numbers as BigDecimal when the type has a DECIMAL anywhere
  // (USE_BIG_DECIMAL_FOR_FLOATS, as AbstractJsonDeserializationSchema sets it).
  bool decimal_mode_;
  ondemand::parser parser_;
  std::vector<char> buffer_;
  simdjson::error_code parse_error_ = simdjson::SUCCESS;
  int64_t skipped_records_ = 0;
};

Result<JsonRowDeserializer> JsonRowDeserializer::create(LogicalType row_type, JsonDeserializationOptions options) {
  EDDY_RETURN_IF_ERROR(checkJsonRowType(row_type));
  if (options.fail_on_missing_field && options.ignore_parse_errors) {
    return InvalidArgument("JSON format doesn't support failOnMissingField and ignoreParseErrors are both enabled.");
  }
  return JsonRowDeserializer(std::make_unique<Impl>(std::move(row_type), options));
}

JsonRowDeserializer::JsonRowDeserializer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonRowDeserializer::JsonRowDeserializer(JsonRowDeserializer&&) noexcept = default;
JsonRowDeserializer& JsonRowDeserializer::operator=(JsonRowDeserializer&&) noexcept = default;
JsonRowDeserializer::~JsonRowDeserializer() = default;

Result<std::optional<types::Row>> JsonRowDeserializer::deserialize(std::string_view json) {
  return impl_->deserialize(json);
}

const LogicalType& JsonRowDeserializer::rowType() const { return impl_->rowType(); }

int64_t JsonRowDeserializer::skippedRecords() const { return impl_->skippedRecords(); }

}  // namespace eddy::formats::json
