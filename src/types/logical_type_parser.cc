#include "eddy/types/logical_type_parser.h"

#include <fmt/format.h>

#include <cctype>
#include <charconv>
#include <set>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"

namespace eddy::types {

namespace {

// Token types with Flink's names, which appear in error messages.
enum class TokenType {
  BEGIN_SUBTYPE,
  END_SUBTYPE,
  BEGIN_PARAMETER,
  END_PARAMETER,
  LIST_SEPARATOR,
  LITERAL_STRING,
  LITERAL_INT,
  KEYWORD,
  IDENTIFIER,
  IDENTIFIER_SEPARATOR,
};

std::string_view tokenTypeName(TokenType type) {
  switch (type) {
    case TokenType::BEGIN_SUBTYPE: return "BEGIN_SUBTYPE";
    case TokenType::END_SUBTYPE: return "END_SUBTYPE";
    case TokenType::BEGIN_PARAMETER: return "BEGIN_PARAMETER";
    case TokenType::END_PARAMETER: return "END_PARAMETER";
    case TokenType::LIST_SEPARATOR: return "LIST_SEPARATOR";
    case TokenType::LITERAL_STRING: return "LITERAL_STRING";
    case TokenType::LITERAL_INT: return "LITERAL_INT";
    case TokenType::KEYWORD: return "KEYWORD";
    case TokenType::IDENTIFIER: return "IDENTIFIER";
    case TokenType::IDENTIFIER_SEPARATOR: return "IDENTIFIER_SEPARATOR";
  }
  return "";
}

const std::set<std::string, std::less<>>& keywords() {
  static const std::set<std::string, std::less<>> kKeywords = {
      "CHAR",     "VARCHAR",  "STRING",  "BOOLEAN",  "BINARY",    "VARBINARY",     "BYTES",    "DECIMAL",
      "NUMERIC",  "DEC",      "TINYINT", "SMALLINT", "INT",       "INTEGER",       "BIGINT",   "FLOAT",
      "DOUBLE",   "PRECISION", "DATE",   "TIME",     "WITH",      "WITHOUT",       "LOCAL",    "ZONE",
      "TIMESTAMP", "TIMESTAMP_LTZ", "INTERVAL", "YEAR", "MONTH",  "DAY",           "HOUR",     "MINUTE",
      "SECOND",   "TO",       "ARRAY",   "MULTISET", "MAP",       "ROW",           "NULL",     "RAW",
      "LEGACY",   "NOT",      "DESCRIPTOR", "STRUCTURED", "VARIANT", "BITMAP"};
  return kKeywords;
}

struct Token {
  TokenType type;
  int cursor;  // position of the token's last character
  std::string value;
};

bool isWhitespace(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isDelimiter(char c) {
  return isWhitespace(c) || c == '<' || c == '>' || c == '(' || c == ')' || c == ',' || c == '.';
}

// Reads a quoted literal or identifier starting at `cursor` (the opening quote); a doubled
// quote stands for one. Returns the position of the closing quote.
int consumeEscaped(std::string& out, std::string_view chars, int cursor, char delimiter) {
  const int size = static_cast<int>(chars.size());
  for (++cursor; cursor < size; ++cursor) {
    const char c = chars[cursor];
    if (c == delimiter && cursor + 1 < size && chars[cursor + 1] == delimiter) {
      ++cursor;
      out.push_back(c);
    } else if (c == delimiter) {
      break;
    } else {
      out.push_back(c);
    }
  }
  return cursor;
}

std::vector<Token> tokenize(std::string_view chars) {
  std::vector<Token> tokens;
  const int size = static_cast<int>(chars.size());
  for (int cursor = 0; cursor < size; ++cursor) {
    const char c = chars[cursor];
    switch (c) {
      case '<': tokens.push_back({TokenType::BEGIN_SUBTYPE, cursor, "<"}); break;
      case '>': tokens.push_back({TokenType::END_SUBTYPE, cursor, ">"}); break;
      case '(': tokens.push_back({TokenType::BEGIN_PARAMETER, cursor, "("}); break;
      case ')': tokens.push_back({TokenType::END_PARAMETER, cursor, ")"}); break;
      case ',': tokens.push_back({TokenType::LIST_SEPARATOR, cursor, ","}); break;
      case '.': tokens.push_back({TokenType::IDENTIFIER_SEPARATOR, cursor, "."}); break;
      case '\'':
      case '`': {
        std::string value;
        cursor = consumeEscaped(value, chars, cursor, c);
        tokens.push_back({c == '\'' ? TokenType::LITERAL_STRING : TokenType::IDENTIFIER, cursor, std::move(value)});
        break;
      }
      default: {
        if (isWhitespace(c)) continue;
        const bool digits = isDigit(c);
        const int begin = cursor;
        while (cursor < size && (digits ? isDigit(chars[cursor]) : !isDelimiter(chars[cursor]))) ++cursor;
        std::string value(chars.substr(begin, cursor - begin));
        --cursor;
        if (digits) {
          tokens.push_back({TokenType::LITERAL_INT, cursor, std::move(value)});
          break;
        }
        std::string upper = value;
        for (char& u : upper) u = static_cast<char>(std::toupper(static_cast<unsigned char>(u)));
        if (keywords().contains(upper)) {
          tokens.push_back({TokenType::KEYWORD, cursor, std::move(upper)});
        } else {
          tokens.push_back({TokenType::IDENTIFIER, cursor, std::move(value)});
        }
      }
    }
  }
  return tokens;
}

// Recursive descent over the tokens, as Flink's LogicalTypeParser.TokenParser.
class TokenParser {
 public:
  TokenParser(std::string_view input, std::vector<Token> tokens) : input_(input), tokens_(std::move(tokens)) {}

  Result<LogicalType> parseTokens() {
    EDDY_ASSIGN_OR_RETURN(LogicalType type, parseTypeWithNullability());
    if (hasRemainingTokens()) {
      EDDY_RETURN_IF_ERROR(nextToken());
      return error("Unexpected token: " + token().value);
    }
    return type;
  }

 private:
  using Root = LogicalTypeRoot;

  int lastCursor() const { return last_valid_ < 0 ? 0 : tokens_[last_valid_].cursor + 1; }

  std::string message(std::string_view cause) const {
    return fmt::format("Could not parse type at position {}: {}\n Input type string: {}", lastCursor(), cause, input_);
  }
  Status error(std::string_view cause) const { return InvalidArgument(message(cause)); }
  Status notSupported(std::string_view type) const {
    return NotSupported(message(fmt::format("Type '{}' is not supported.", type)));
  }

  // Builds a type, reporting Flink's validation message at the current position.
  Result<LogicalType> make(Root root, int32_t precision = 0, int32_t scale = 0, uint8_t sub_kind = 0,
                           std::vector<RowField> children = {}) const {
    Result<LogicalType> type = LogicalType::make(root, precision, scale, sub_kind, std::move(children));
    if (!type.ok()) return error(type.status().message());
    return type;
  }

  bool hasRemainingTokens() const { return current_ + 1 < static_cast<int>(tokens_.size()); }
  const Token& token() const { return tokens_[current_]; }

  Status nextToken() {
    ++current_;
    if (current_ >= static_cast<int>(tokens_.size())) return error("Unexpected end.");
    last_valid_ = current_ - 1;
    return Status::OK();
  }

  Status nextToken(TokenType type) {
    EDDY_RETURN_IF_ERROR(nextToken());
    if (token().type != type) {
      return error(fmt::format("<{}> expected but was <{}>.", tokenTypeName(type), tokenTypeName(token().type)));
    }
    return Status::OK();
  }

  Status nextKeyword(std::string_view keyword) {
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::KEYWORD));
    if (token().value != keyword) {
      return error(fmt::format("Keyword '{}' expected but was '{}'.", keyword, token().value));
    }
    return Status::OK();
  }

  bool hasNextToken(TokenType type) const {
    return hasRemainingTokens() && tokens_[current_ + 1].type == type;
  }

  bool hasNextKeywords(std::initializer_list<std::string_view> words) const {
    if (current_ + static_cast<int>(words.size()) + 1 > static_cast<int>(tokens_.size())) return false;
    int i = current_ + 1;
    for (std::string_view word : words) {
      if (tokens_[i].type != TokenType::KEYWORD || tokens_[i].value != word) return false;
      ++i;
    }
    return true;
  }

  Result<int32_t> tokenAsInt() const {
    int32_t value = 0;
    const std::string& text = token().value;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) return error("Invalid integer value.");
    return value;
  }

  Result<int32_t> nextInt() {
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::LITERAL_INT));
    return tokenAsInt();
  }

  // "NOT NULL" gives false; "NULL" or nothing gives true.
  Result<bool> parseNullability() {
    if (hasNextKeywords({"NOT", "NULL"})) {
      EDDY_RETURN_IF_ERROR(nextKeyword("NOT"));
      EDDY_RETURN_IF_ERROR(nextKeyword("NULL"));
      return false;
    }
    if (hasNextKeywords({"NULL"})) EDDY_RETURN_IF_ERROR(nextKeyword("NULL"));
    return true;
  }

  Result<LogicalType> withNullability(LogicalType type) {
    EDDY_ASSIGN_OR_RETURN(bool nullable, parseNullability());
    if (!nullable && type.root() == Root::NULL_TYPE) {
      return error("The nullability of a NULL type cannot be disabled because the type must always be able to contain a null value.");
    }
    return type.copy(nullable);
  }

  Result<LogicalType> parseTypeWithNullability() {
    if (hasNextToken(TokenType::IDENTIFIER)) {
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::IDENTIFIER));
      return notSupported(token().value);
    }
    EDDY_ASSIGN_OR_RETURN(LogicalType base, parseTypeByKeyword());
    EDDY_ASSIGN_OR_RETURN(LogicalType type, withNullability(std::move(base)));
    // Suffix notation: "INT ARRAY", "INT MULTISET".
    for (std::string_view suffix : {"ARRAY", "MULTISET"}) {
      if (hasNextKeywords({suffix})) {
        EDDY_RETURN_IF_ERROR(nextKeyword(suffix));
        const Root root = suffix == "ARRAY" ? Root::ARRAY : Root::MULTISET;
        EDDY_ASSIGN_OR_RETURN(LogicalType collection, make(root, 0, 0, 0, {RowField{"", std::move(type), std::nullopt}}));
        return withNullability(std::move(collection));
      }
    }
    return type;
  }

  Result<LogicalType> parseTypeByKeyword() {
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::KEYWORD));
    const std::string keyword = token().value;
    constexpr int32_t kMax = LogicalType::kMaxLength;
    if (keyword == "CHAR") return parseLength(Root::CHAR);
    if (keyword == "VARCHAR") return parseLength(Root::VARCHAR);
    if (keyword == "STRING") return make(Root::VARCHAR, kMax);
    if (keyword == "BOOLEAN") return make(Root::BOOLEAN);
    if (keyword == "BINARY") return parseLength(Root::BINARY);
    if (keyword == "VARBINARY") return parseLength(Root::VARBINARY);
    if (keyword == "BYTES") return make(Root::VARBINARY, kMax);
    if (keyword == "DECIMAL" || keyword == "NUMERIC" || keyword == "DEC") return parseDecimal();
    if (keyword == "TINYINT") return make(Root::TINYINT);
    if (keyword == "SMALLINT") return make(Root::SMALLINT);
    if (keyword == "INT" || keyword == "INTEGER") return make(Root::INTEGER);
    if (keyword == "BIGINT") return make(Root::BIGINT);
    if (keyword == "FLOAT") return make(Root::FLOAT);
    if (keyword == "DOUBLE") {
      if (hasNextKeywords({"PRECISION"})) EDDY_RETURN_IF_ERROR(nextKeyword("PRECISION"));
      return make(Root::DOUBLE);
    }
    if (keyword == "DATE") return make(Root::DATE);
    if (keyword == "TIME") return parseTime();
    if (keyword == "TIMESTAMP") return parseTimestamp();
    if (keyword == "TIMESTAMP_LTZ") {
      EDDY_ASSIGN_OR_RETURN(int32_t precision, parseOptionalPrecision(LogicalType::kDefaultTimestampPrecision));
      return make(Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE, precision);
    }
    if (keyword == "INTERVAL") return parseInterval();
    if (keyword == "ARRAY" || keyword == "MULTISET") {
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::BEGIN_SUBTYPE));
      EDDY_ASSIGN_OR_RETURN(LogicalType element, parseTypeWithNullability());
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::END_SUBTYPE));
      return make(keyword == "ARRAY" ? Root::ARRAY : Root::MULTISET, 0, 0, 0,
                  {RowField{"", std::move(element), std::nullopt}});
    }
    if (keyword == "MAP") return parseMap();
    if (keyword == "ROW") return parseRow();
    if (keyword == "NULL") return make(Root::NULL_TYPE);
    if (keyword == "RAW" || keyword == "LEGACY" || keyword == "DESCRIPTOR" || keyword == "STRUCTURED" ||
        keyword == "VARIANT" || keyword == "BITMAP") {
      return notSupported(keyword);
    }
    return error("Unsupported type: " + keyword);
  }

  Result<LogicalType> parseLength(Root root) {
    int32_t length = 1;  // CHAR and BINARY default to 1, VARCHAR and VARBINARY as well
    if (hasNextToken(TokenType::BEGIN_PARAMETER)) {
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::BEGIN_PARAMETER));
      EDDY_ASSIGN_OR_RETURN(length, nextInt());
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::END_PARAMETER));
    }
    return make(root, length);
  }

  Result<LogicalType> parseDecimal() {
    int32_t precision = LogicalType::kDefaultDecimalPrecision;
    int32_t scale = 0;
    if (hasNextToken(TokenType::BEGIN_PARAMETER)) {
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::BEGIN_PARAMETER));
      EDDY_ASSIGN_OR_RETURN(precision, nextInt());
      if (hasNextToken(TokenType::LIST_SEPARATOR)) {
        EDDY_RETURN_IF_ERROR(nextToken(TokenType::LIST_SEPARATOR));
        EDDY_ASSIGN_OR_RETURN(scale, nextInt());
      }
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::END_PARAMETER));
    }
    return make(Root::DECIMAL, precision, scale);
  }

  Result<int32_t> parseOptionalPrecision(int32_t default_precision) {
    if (!hasNextToken(TokenType::BEGIN_PARAMETER)) return default_precision;
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::BEGIN_PARAMETER));
    EDDY_ASSIGN_OR_RETURN(int32_t precision, nextInt());
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::END_PARAMETER));
    return precision;
  }

  Status parseTimeZoneSuffix() {
    EDDY_RETURN_IF_ERROR(nextKeyword("TIME"));
    return nextKeyword("ZONE");
  }

  Result<LogicalType> parseTime() {
    EDDY_ASSIGN_OR_RETURN(int32_t precision, parseOptionalPrecision(0));
    if (hasNextKeywords({"WITHOUT"})) {
      EDDY_RETURN_IF_ERROR(nextKeyword("WITHOUT"));
      EDDY_RETURN_IF_ERROR(parseTimeZoneSuffix());
    }
    return make(Root::TIME_WITHOUT_TIME_ZONE, precision);
  }

  Result<LogicalType> parseTimestamp() {
    EDDY_ASSIGN_OR_RETURN(int32_t precision, parseOptionalPrecision(LogicalType::kDefaultTimestampPrecision));
    if (hasNextKeywords({"WITHOUT"})) {
      EDDY_RETURN_IF_ERROR(nextKeyword("WITHOUT"));
      EDDY_RETURN_IF_ERROR(parseTimeZoneSuffix());
    } else if (hasNextKeywords({"WITH"})) {
      EDDY_RETURN_IF_ERROR(nextKeyword("WITH"));
      if (hasNextKeywords({"LOCAL"})) {
        EDDY_RETURN_IF_ERROR(nextKeyword("LOCAL"));
        EDDY_RETURN_IF_ERROR(parseTimeZoneSuffix());
        return make(Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE, precision);
      }
      EDDY_RETURN_IF_ERROR(parseTimeZoneSuffix());
      return notSupported("TIMESTAMP WITH TIME ZONE");
    }
    return make(Root::TIMESTAMP_WITHOUT_TIME_ZONE, precision);
  }

  Result<LogicalType> yearMonth(YearMonthResolution resolution, int32_t year_precision) {
    return make(Root::INTERVAL_YEAR_MONTH, year_precision, 0, static_cast<uint8_t>(resolution));
  }

  Result<LogicalType> dayTime(DayTimeResolution resolution, int32_t day_precision, int32_t fractional_precision) {
    return make(Root::INTERVAL_DAY_TIME, day_precision, fractional_precision, static_cast<uint8_t>(resolution));
  }

  Result<LogicalType> parseInterval() {
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::KEYWORD));
    const std::string unit = token().value;
    if (unit == "YEAR") {
      EDDY_ASSIGN_OR_RETURN(int32_t year_precision, parseOptionalPrecision(LogicalType::kDefaultYearPrecision));
      if (hasNextKeywords({"TO"})) {
        EDDY_RETURN_IF_ERROR(nextKeyword("TO"));
        EDDY_RETURN_IF_ERROR(nextKeyword("MONTH"));
        return yearMonth(YearMonthResolution::YEAR_TO_MONTH, year_precision);
      }
      return yearMonth(YearMonthResolution::YEAR, year_precision);
    }
    if (unit == "MONTH") return yearMonth(YearMonthResolution::MONTH, LogicalType::kDefaultYearPrecision);
    if (unit == "DAY" || unit == "HOUR" || unit == "MINUTE" || unit == "SECOND") return parseDayTimeInterval(unit);
    return error("Invalid interval resolution.");
  }

  Result<LogicalType> parseDayTimeInterval(const std::string& unit) {
    using R = DayTimeResolution;
    int32_t day_precision = LogicalType::kDefaultDayPrecision;
    int32_t fractional = LogicalType::kDefaultFractionalPrecision;
    if (unit == "SECOND") {
      EDDY_ASSIGN_OR_RETURN(fractional, parseOptionalPrecision(fractional));
      return dayTime(R::SECOND, day_precision, fractional);
    }
    if (unit == "DAY") {
      EDDY_ASSIGN_OR_RETURN(day_precision, parseOptionalPrecision(day_precision));
    }
    const R single = unit == "DAY" ? R::DAY : unit == "HOUR" ? R::HOUR : R::MINUTE;
    if (!hasNextKeywords({"TO"})) return dayTime(single, day_precision, fractional);
    EDDY_RETURN_IF_ERROR(nextKeyword("TO"));
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::KEYWORD));
    const std::string to = token().value;
    if (to == "SECOND" && unit != "SECOND") {
      EDDY_ASSIGN_OR_RETURN(fractional, parseOptionalPrecision(fractional));
      const R resolution = unit == "DAY" ? R::DAY_TO_SECOND : unit == "HOUR" ? R::HOUR_TO_SECOND : R::MINUTE_TO_SECOND;
      return dayTime(resolution, day_precision, fractional);
    }
    if (to == "MINUTE" && unit != "MINUTE") {
      return dayTime(unit == "DAY" ? R::DAY_TO_MINUTE : R::HOUR_TO_MINUTE, day_precision, fractional);
    }
    if (to == "HOUR" && unit == "DAY") return dayTime(R::DAY_TO_HOUR, day_precision, fractional);
    if (unit == "MINUTE") return error(fmt::format("Keyword 'SECOND' expected but was '{}'.", to));
    return error("Invalid day-time interval resolution.");
  }

  Result<LogicalType> parseMap() {
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::BEGIN_SUBTYPE));
    EDDY_ASSIGN_OR_RETURN(LogicalType key, parseTypeWithNullability());
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::LIST_SEPARATOR));
    EDDY_ASSIGN_OR_RETURN(LogicalType value, parseTypeWithNullability());
    EDDY_RETURN_IF_ERROR(nextToken(TokenType::END_SUBTYPE));
    return make(Root::MAP, 0, 0, 0,
                {RowField{"", std::move(key), std::nullopt}, RowField{"", std::move(value), std::nullopt}});
  }

  Result<LogicalType> parseRow() {
    // "ROW(...)" is the SQL standard's notation, "ROW<...>" Flink's.
    const bool standard = hasNextToken(TokenType::BEGIN_PARAMETER);
    const TokenType end = standard ? TokenType::END_PARAMETER : TokenType::END_SUBTYPE;
    EDDY_RETURN_IF_ERROR(nextToken(standard ? TokenType::BEGIN_PARAMETER : TokenType::BEGIN_SUBTYPE));
    std::vector<RowField> fields;
    while (!hasNextToken(end)) {
      if (!fields.empty()) EDDY_RETURN_IF_ERROR(nextToken(TokenType::LIST_SEPARATOR));
      EDDY_RETURN_IF_ERROR(nextToken(TokenType::IDENTIFIER));
      RowField field{token().value, DataTypes::NULL_TYPE(), std::nullopt};
      EDDY_ASSIGN_OR_RETURN(field.type, parseTypeWithNullability());
      if (hasNextToken(TokenType::LITERAL_STRING)) {
        EDDY_RETURN_IF_ERROR(nextToken(TokenType::LITERAL_STRING));
        field.description = token().value;
      }
      fields.push_back(std::move(field));
    }
    EDDY_RETURN_IF_ERROR(nextToken(end));
    return make(Root::ROW, 0, 0, 0, std::move(fields));
  }

  std::string_view input_;
  std::vector<Token> tokens_;
  int last_valid_ = -1;
  int current_ = -1;
};

}  // namespace

Result<LogicalType> LogicalTypeParser::parse(std::string_view type_string) {
  TokenParser parser(type_string, tokenize(type_string));
  return parser.parseTokens();
}

}  // namespace eddy::types
