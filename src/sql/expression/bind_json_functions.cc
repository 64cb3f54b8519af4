// Binding of the JSON functions (Flink's JSON_VALUE, JSON_QUERY, JSON_EXISTS, IS JSON,
// JSON_STRING, JSON_OBJECT, JSON_ARRAY). The parser's clause text (parse_json.cc) becomes INT
// literal operands of the call, the enums of json_functions.h:
//   kJsonValue   [json, path, on empty, default on empty, on error, default on error] → STRING
//                (JsonValueBehavior; defaults cast to STRING), then CAST to the RETURNING type
//                (TRY_CAST under NULL ON ERROR, where a failed conversion is an error's NULL)
//   kJsonQuery   [json, path, wrapper, on empty, on error] → STRING (JsonQueryWrapper, JsonQueryBehavior)
//   kJsonExists  [json, path, on error] → BOOLEAN (JsonExistsBehavior)
//   kIsJson      [value, type] → BOOLEAN NOT NULL (JsonType), under NOT for IS NOT JSON
//   kJsonString  [value] → STRING
//   kJsonObject  [null clause, key1, value1, ...] → STRING NOT NULL (JsonNullClause)
//   kJsonArray   [null clause, value, ...] → STRING NOT NULL
#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/json_functions.h"
#include "sql/expression/validation_error.h"
#include "sql/parser/json_clauses.h"

namespace eddy::sql::binder {

namespace {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;
using F = BuiltInFunction;

bool isCharacter(const LogicalType& type) {
  return type.root() == LogicalTypeRoot::CHAR || type.root() == LogicalTypeRoot::VARCHAR;
}

bool isNullLiteral(const BoundExpr& expr) {
  return expr.kind == BoundExpr::Kind::kLiteral && expr.value.isNull();
}

// Whether JSON_STRING, JSON_OBJECT and JSON_ARRAY can write a value of `type`.
bool isJsonWritable(const LogicalType& type) {
  switch (type.root()) {
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::FLOAT:
    case LogicalTypeRoot::DOUBLE:
    case LogicalTypeRoot::DECIMAL:
    case LogicalTypeRoot::NULL_TYPE: return true;
    default: return false;
  }
}

BoundExprPtr clauseLiteral(int value, SourcePosition position) {
  return BoundExpr::literal(types::Value(int32_t{value}), DataTypes::INT().notNull(), position);
}

Status checkJsonArguments(const std::string& name, const std::vector<BoundExprPtr>& args, SourcePosition position) {
  for (size_t i = 0; i < 2; ++i) {
    if (!isCharacter(args[i]->type) && args[i]->type.root() != LogicalTypeRoot::NULL_TYPE) {
      return cannotApply(position, name, callSignature(name, args),
                         fmt::format("'{}(<CHARACTER>, <CHARACTER>)'", name));
    }
  }
  return Status::OK();
}

Result<std::vector<BoundExprPtr>> bindAll(const ExpressionBinder& binder, const Expr& call) {
  std::vector<BoundExprPtr> args;
  for (const ExprPtr& operand : call.operands) {
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*operand));
    args.push_back(std::move(bound));
  }
  return args;
}

Result<BoundExprPtr> bindJsonValue(std::vector<BoundExprPtr> args, const Expr& call) {
  EDDY_RETURN_IF_ERROR(checkJsonArguments("JSON_VALUE", args, call.position));
  const std::vector<std::string> clauses = jsonClauseFields(call.text);
  auto behavior = [](const std::string& text) {
    return static_cast<int>(text == "ERROR" ? JsonValueBehavior::kError
                            : text == "DEFAULT" ? JsonValueBehavior::kDefault
                                                : JsonValueBehavior::kNull);
  };
  const LogicalType string = DataTypes::STRING();
  std::vector<BoundExprPtr> operands;
  operands.push_back(std::move(args[0]));
  operands.push_back(std::move(args[1]));
  operands.push_back(clauseLiteral(behavior(clauses[0]), call.position));
  operands.push_back(castTo(std::move(args[2]), string));
  operands.push_back(clauseLiteral(behavior(clauses[1]), call.position));
  operands.push_back(castTo(std::move(args[3]), string));
  BoundExprPtr value = BoundExpr::call(F::kJsonValue, string, std::move(operands), call.position);
  if (!call.type || isCharacter(call.type->type)) {
    return call.type ? castTo(std::move(value), call.type->type.nullable()) : std::move(value);
  }
  const LogicalType returning = call.type->type.nullable();
  if (clauses[1] == "NULL") {
    std::vector<BoundExprPtr> operand;
    operand.push_back(std::move(value));
    return BoundExpr::call(F::kTryCast, returning, std::move(operand), call.position);
  }
  return castTo(std::move(value), returning);
}

Result<BoundExprPtr> bindJsonQuery(std::vector<BoundExprPtr> args, const Expr& call) {
  EDDY_RETURN_IF_ERROR(checkJsonArguments("JSON_QUERY", args, call.position));
  if (call.type && !isCharacter(call.type->type)) {
    return NotSupported(fmt::format("At line {}, column {}: JSON_QUERY RETURNING {} is not supported yet",
                                    call.position.line, call.position.column, call.type->text));
  }
  const std::vector<std::string> clauses = jsonClauseFields(call.text);
  const JsonQueryWrapper wrapper = clauses[0] == "WITH CONDITIONAL ARRAY"     ? JsonQueryWrapper::kWithConditionalArray
                                   : clauses[0] == "WITH UNCONDITIONAL ARRAY" ? JsonQueryWrapper::kWithUnconditionalArray
                                                                              : JsonQueryWrapper::kWithoutArray;
  auto behavior = [](const std::string& text) {
    return static_cast<int>(text == "ERROR"          ? JsonQueryBehavior::kError
                            : text == "EMPTY ARRAY"  ? JsonQueryBehavior::kEmptyArray
                            : text == "EMPTY OBJECT" ? JsonQueryBehavior::kEmptyObject
                                                     : JsonQueryBehavior::kNull);
  };
  args.push_back(clauseLiteral(static_cast<int>(wrapper), call.position));
  args.push_back(clauseLiteral(behavior(clauses[1]), call.position));
  args.push_back(clauseLiteral(behavior(clauses[2]), call.position));
  BoundExprPtr query = BoundExpr::call(F::kJsonQuery, DataTypes::STRING(), std::move(args), call.position);
  return call.type ? castTo(std::move(query), call.type->type.nullable()) : std::move(query);
}

Result<BoundExprPtr> bindJsonExists(std::vector<BoundExprPtr> args, const Expr& call) {
  EDDY_RETURN_IF_ERROR(checkJsonArguments("JSON_EXISTS", args, call.position));
  const JsonExistsBehavior behavior = call.text == "TRUE"      ? JsonExistsBehavior::kTrue
                                      : call.text == "UNKNOWN" ? JsonExistsBehavior::kUnknown
                                      : call.text == "ERROR"   ? JsonExistsBehavior::kError
                                                               : JsonExistsBehavior::kFalse;
  const bool nullable = anyNullable(args) || behavior == JsonExistsBehavior::kUnknown;
  args.push_back(clauseLiteral(static_cast<int>(behavior), call.position));
  return BoundExpr::call(F::kJsonExists, nullable ? DataTypes::BOOLEAN() : DataTypes::BOOLEAN().notNull(),
                         std::move(args), call.position);
}

Result<BoundExprPtr> bindIsJson(std::vector<BoundExprPtr> args, const Expr& call) {
  if (!isCharacter(args[0]->type) && args[0]->type.root() != LogicalTypeRoot::NULL_TYPE) {
    return cannotApply(call.position, "IS JSON " + call.text, callSignature("IS JSON " + call.text, args),
                       "'<CHARACTER> IS JSON " + call.text + "'");
  }
  const JsonType type = call.text == "OBJECT"   ? JsonType::kObject
                        : call.text == "ARRAY"  ? JsonType::kArray
                        : call.text == "SCALAR" ? JsonType::kScalar
                                                : JsonType::kValue;
  args.push_back(clauseLiteral(static_cast<int>(type), call.position));
  BoundExprPtr is_json = BoundExpr::call(F::kIsJson, DataTypes::BOOLEAN().notNull(), std::move(args), call.position);
  if (!call.negated) return is_json;
  std::vector<BoundExprPtr> operand;
  operand.push_back(std::move(is_json));
  return BoundExpr::call(F::kNot, DataTypes::BOOLEAN().notNull(), std::move(operand), call.position);
}

Result<BoundExprPtr> bindJsonConstruction(const std::string& name, std::vector<BoundExprPtr> args, const Expr& call) {
  for (size_t i = 0; i < args.size(); ++i) {
    const bool key = name == "JSON_OBJECT" && i % 2 == 0;
    if (key ? !isCharacter(args[i]->type) : !isJsonWritable(args[i]->type)) {
      if (key) {
        return validationError(args[i]->position, fmt::format("Invalid function call:\n{}: the keys of JSON_OBJECT "
                                                               "must be strings",
                                                               name));
      }
      return NotSupported(fmt::format("At line {}, column {}: {} of a value of type {} is not supported yet",
                                      args[i]->position.line, args[i]->position.column, name,
                                      args[i]->type.asSummaryString()));
    }
  }
  if (name == "JSON_STRING") {
    if (args.size() != 1) {
      return validationError(call.position, "Invalid number of arguments to function 'JSON_STRING'. Was expecting 1 "
                                            "arguments");
    }
    const LogicalType type = args[0]->type.isNullable() ? DataTypes::STRING() : DataTypes::STRING().notNull();
    return BoundExpr::call(F::kJsonString, type, std::move(args), call.position);
  }
  const JsonNullClause clause = call.text == "ABSENT" ? JsonNullClause::kAbsentOnNull : JsonNullClause::kNullOnNull;
  args.insert(args.begin(), clauseLiteral(static_cast<int>(clause), call.position));
  return BoundExpr::call(name == "JSON_OBJECT" ? F::kJsonObject : F::kJsonArray, DataTypes::STRING().notNull(),
                         std::move(args), call.position);
}

}  // namespace

std::optional<Result<BoundExprPtr>> bindJsonFunction(const ExpressionBinder& binder, const Expr& call,
                                                     const std::string& name) {
  if (name != "JSON_VALUE" && name != "JSON_QUERY" && name != "JSON_EXISTS" && name != "IS JSON" &&
      name != "JSON_STRING" && name != "JSON_OBJECT" && name != "JSON_ARRAY") {
    return std::nullopt;
  }
  // A quoted name (`JSON_VALUE`(...)) is an ordinary call, without the clauses these need.
  if (name != "JSON_STRING" && call.text.empty()) {
    return Result<BoundExprPtr>(
        validationError(call.position, fmt::format("No match found for function signature {}", name)));
  }
  Result<std::vector<BoundExprPtr>> args = bindAll(binder, call);
  if (!args.ok()) return Result<BoundExprPtr>(args.status());
  if (name == "JSON_VALUE") return bindJsonValue(std::move(*args), call);
  if (name == "JSON_QUERY") return bindJsonQuery(std::move(*args), call);
  if (name == "JSON_EXISTS") return bindJsonExists(std::move(*args), call);
  if (name == "IS JSON") return bindIsJson(std::move(*args), call);
  return bindJsonConstruction(name, std::move(*args), call);
}

}  // namespace eddy::sql::binder
