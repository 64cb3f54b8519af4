#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace eddy::sql {

// The clauses of the SQL/JSON functions, as Calcite's SqlJson* enums.
enum class JsonValueBehavior { kNull, kError, kDefault };  // JSON_VALUE ... ON EMPTY / ON ERROR
enum class JsonQueryWrapper { kWithoutArray, kWithConditionalArray, kWithUnconditionalArray };
enum class JsonQueryBehavior { kNull, kError, kEmptyArray, kEmptyObject };  // JSON_QUERY ... ON EMPTY / ON ERROR
enum class JsonExistsBehavior { kFalse, kTrue, kUnknown, kError };           // JSON_EXISTS ... ON ERROR
enum class JsonType { kValue, kObject, kArray, kScalar };                      // IS JSON <type>
enum class JsonNullClause { kNullOnNull, kAbsentOnNull };                      // JSON_OBJECT, JSON_ARRAY

// The SQL/JSON query functions with the semantics of Flink's SqlJsonUtils (Calcite's
// JsonFunctions over Jayway JsonPath): a path starts with an optional mode, `lax` or `strict`
// (the default when none is written), then `$` and steps `.key`, `['key']`, `[index]`
// (negative from the end), `.*` and `[*]`. In strict mode a missing key or index is an
// error; in lax mode it makes the result empty. A path with a wildcard selects the list of
// what it matches. JSON is parsed with simdjson; the parser is kept between calls, so an
// instance serves one thread.
class SqlJson {
 public:
  // What a query gives: a value, nothing (empty), or an error (with its message).
  enum class Outcome { kValue, kEmpty, kError };

  SqlJson();
  ~SqlJson();
  SqlJson(const SqlJson&) = delete;
  SqlJson& operator=(const SqlJson&) = delete;

  // JSON_VALUE before its ON EMPTY / ON ERROR clauses: the scalar at `path` as text (a
  // string unquoted, a number as Java prints it, true/false) in `out`. A JSON null or, in lax
  // mode, an array or object is empty; in strict mode an array or object is an error.
  Outcome value(std::string_view json, std::string_view path, std::string& out, std::string& error);
  // JSON_QUERY before its ON EMPTY / ON ERROR clauses: the array or object at `path`, wrapped
  // as asked, serialized compactly in `out`. A scalar is empty in lax mode and an error in
  // strict mode.
  Outcome query(std::string_view json, std::string_view path, JsonQueryWrapper wrapper, std::string& out,
                std::string& error);
  // JSON_EXISTS before its ON ERROR clause: kValue when `path` selects a non-null value.
  Outcome exists(std::string_view json, std::string_view path, std::string& error);
  // IS JSON <type>.
  bool isJson(std::string_view json, JsonType type);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Appends `text` as a JSON string literal: quoted, with '"', '\\' and control characters
// escaped as Jackson writes them.
void appendJsonString(std::string_view text, std::string& out);

}  // namespace eddy::sql
