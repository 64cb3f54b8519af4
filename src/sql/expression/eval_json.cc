// The JSON functions over columns. Their clauses arrive as INT literal operands, whose
// layout bind_json_functions.cc documents.
#include <string>

#include "eddy/common/result.h"
#include "sql/expression/cast_text.h"
#include "sql/expression/json_functions.h"
#include "sql/expression/kernels.h"
#include "types/java_to_string.h"

namespace eddy::sql::kernels {

namespace {

using types::LogicalTypeRoot;
using F = BuiltInFunction;

int32_t clause(Args args, size_t operand, size_t row) { return args[operand]->valueAt<int32_t>(row); }

bool isJsonConstructor(const BoundExpr& expr) {
  return expr.kind == BoundExpr::Kind::kCall &&
         (expr.function == F::kJsonObject || expr.function == F::kJsonArray);
}

// Row `row` of `values` as a JSON value, as Flink's JSON construction functions write
// their arguments; the result of a nested JSON_OBJECT or JSON_ARRAY goes in as JSON.
void appendJsonValue(const BoundExpr& operand, const ColumnVector& values, size_t row, std::string& out) {
  if (values.isNull(row)) {
    out += "null";
    return;
  }
  switch (values.type().root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
      if (isJsonConstructor(operand)) {
        out += values.stringAt(row);
      } else {
        appendJsonString(values.stringAt(row), out);
      }
      return;
    case LogicalTypeRoot::BOOLEAN: out += values.valueAt<int8_t>(row) != 0 ? "true" : "false"; return;
    case LogicalTypeRoot::TINYINT: out += std::to_string(values.valueAt<int8_t>(row)); return;
    case LogicalTypeRoot::SMALLINT: out += std::to_string(values.valueAt<int16_t>(row)); return;
    case LogicalTypeRoot::INTEGER: out += std::to_string(values.valueAt<int32_t>(row)); return;
    case LogicalTypeRoot::BIGINT: out += std::to_string(values.valueAt<int64_t>(row)); return;
    case LogicalTypeRoot::FLOAT: types::appendJavaFloat(values.valueAt<float>(row), out); return;
    case LogicalTypeRoot::DOUBLE: types::appendJavaDouble(values.valueAt<double>(row), out); return;
    case LogicalTypeRoot::DECIMAL:
      cast_text::appendDecimal(values.valueAt<__int128>(row), values.type().scale(), out);
      return;
    default: out += "null"; return;  // the binder admits only the types above
  }
}

// JSON_VALUE and JSON_QUERY row by row: NULL for a NULL document or path, the text
// `query(json, row, text, error)` finds, or else what `onEmptyOrError(row, empty, error)`
// appends or returns (its ON EMPTY or ON ERROR clause).
template <typename Query, typename OnEmptyOrError>
Status queryRows(Args args, size_t n, ColumnVector& out, Query&& query, OnEmptyOrError&& on_empty_or_error) {
  SqlJson json;
  std::string text;
  std::string error;
  for (size_t i = 0; i < n; ++i) {
    if (args[0]->isNull(i) || args[1]->isNull(i)) {
      out.appendNull();
      continue;
    }
    text.clear();
    const SqlJson::Outcome outcome = query(json, i, text, error);
    if (outcome == SqlJson::Outcome::kValue) {
      out.appendString(text);
      continue;
    }
    EDDY_RETURN_IF_ERROR(on_empty_or_error(i, outcome == SqlJson::Outcome::kEmpty, error));
  }
  return Status::OK();
}

Status jsonValue(Args args, size_t n, ColumnVector& out) {
  return queryRows(
      args, n, out,
      [&](SqlJson& json, size_t i, std::string& text, std::string& error) {
        return json.value(args[0]->stringAt(i), args[1]->stringAt(i), text, error);
      },
      [&](size_t i, bool empty, const std::string& error) {
        const auto behavior = static_cast<JsonValueBehavior>(clause(args, empty ? 2 : 4, i));
        const ColumnVector& fallback = *args[empty ? 3 : 5];
        switch (behavior) {
          case JsonValueBehavior::kNull: out.appendNull(); break;
          case JsonValueBehavior::kDefault:
            if (fallback.isNull(i)) {
              out.appendNull();
            } else {
              out.appendString(fallback.stringAt(i));
            }
            break;
          case JsonValueBehavior::kError:
            return InvalidArgument(empty ? "Empty result of JSON_VALUE function is not allowed" : error);
        }
        return Status::OK();
      });
}

Status jsonQuery(Args args, size_t n, ColumnVector& out) {
  return queryRows(
      args, n, out,
      [&](SqlJson& json, size_t i, std::string& text, std::string& error) {
        const auto wrapper = static_cast<JsonQueryWrapper>(clause(args, 2, i));
        return json.query(args[0]->stringAt(i), args[1]->stringAt(i), wrapper, text, error);
      },
      [&](size_t i, bool empty, const std::string& error) {
        switch (static_cast<JsonQueryBehavior>(clause(args, empty ? 3 : 4, i))) {
          case JsonQueryBehavior::kNull: out.appendNull(); break;
          case JsonQueryBehavior::kEmptyArray: out.appendString("[]"); break;
          case JsonQueryBehavior::kEmptyObject: out.appendString("{}"); break;
          case JsonQueryBehavior::kError:
            return InvalidArgument(empty ? "Empty result of JSON_QUERY function is not allowed" : error);
        }
        return Status::OK();
      });
}

Status jsonExists(Args args, size_t n, ColumnVector& out) {
  SqlJson json;
  std::string error;
  for (size_t i = 0; i < n; ++i) {
    if (args[0]->isNull(i) || args[1]->isNull(i)) {
      out.appendNull();
      continue;
    }
    const SqlJson::Outcome outcome = json.exists(args[0]->stringAt(i), args[1]->stringAt(i), error);
    if (outcome != SqlJson::Outcome::kError) {
      out.append<int8_t>(outcome == SqlJson::Outcome::kValue ? 1 : 0);
      continue;
    }
    switch (static_cast<JsonExistsBehavior>(clause(args, 2, i))) {
      case JsonExistsBehavior::kFalse: out.append<int8_t>(0); break;
      case JsonExistsBehavior::kTrue: out.append<int8_t>(1); break;
      case JsonExistsBehavior::kUnknown: out.appendNull(); break;
      case JsonExistsBehavior::kError: return InvalidArgument(error);
    }
  }
  return Status::OK();
}

Status isJson(Args args, size_t n, ColumnVector& out) {
  SqlJson json;
  for (size_t i = 0; i < n; ++i) {
    const bool valid =
        !args[0]->isNull(i) && json.isJson(args[0]->stringAt(i), static_cast<JsonType>(clause(args, 1, i)));
    out.append<int8_t>(valid ? 1 : 0);
  }
  return Status::OK();
}

}  // namespace

Status json(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  switch (call.function) {
    case F::kJsonValue: return jsonValue(args, n, out);
    case F::kJsonQuery: return jsonQuery(args, n, out);
    case F::kJsonExists: return jsonExists(args, n, out);
    case F::kIsJson: return isJson(args, n, out);
    default: break;
  }
  std::string text;
  for (size_t i = 0; i < n; ++i) {
    text.clear();
    if (call.function == F::kJsonString) {
      if (args[0]->isNull(i)) {
        out.appendNull();
        continue;
      }
      appendJsonValue(*call.operands[0], *args[0], i, text);
      out.appendString(text);
      continue;
    }
    const bool absent_on_null = static_cast<JsonNullClause>(clause(args, 0, i)) == JsonNullClause::kAbsentOnNull;
    if (call.function == F::kJsonObject) {
      text += '{';
      bool first = true;
      for (size_t k = 1; k + 1 < args.size(); k += 2) {
        if (args[k]->isNull(i)) return InvalidArgument("Null key of JSON object is not allowed");
        if (args[k + 1]->isNull(i) && absent_on_null) continue;
        if (!first) text += ',';
        first = false;
        appendJsonString(args[k]->stringAt(i), text);
        text += ':';
        appendJsonValue(*call.operands[k + 1], *args[k + 1], i, text);
      }
      text += '}';
    } else {
      text += '[';
      bool first = true;
      for (size_t v = 1; v < args.size(); ++v) {
        if (args[v]->isNull(i) && absent_on_null) continue;
        if (!first) text += ',';
        first = false;
        appendJsonValue(*call.operands[v], *args[v], i, text);
      }
      text += ']';
    }
    out.appendString(text);
  }
  return Status::OK();
}

}  // namespace eddy::sql::kernels
