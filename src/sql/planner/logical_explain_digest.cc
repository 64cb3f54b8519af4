#include "sql/planner/logical_explain_digest.h"

#include <fmt/format.h>

#include <vector>

#include "sql/expression/type_rules.h"
#include "sql/expression/udf_call.h"

namespace eddy::sql {

using types::LogicalType;
using types::LogicalTypeRoot;

namespace {

const char* dayTimeUnit(types::DayTimeResolution resolution) {
  using R = types::DayTimeResolution;
  switch (resolution) {
    case R::DAY: return "DAY";
    case R::DAY_TO_HOUR: return "DAY TO HOUR";
    case R::DAY_TO_MINUTE: return "DAY TO MINUTE";
    case R::DAY_TO_SECOND: return "DAY TO SECOND";
    case R::HOUR: return "HOUR";
    case R::HOUR_TO_MINUTE: return "HOUR TO MINUTE";
    case R::HOUR_TO_SECOND: return "HOUR TO SECOND";
    case R::MINUTE: return "MINUTE";
    case R::MINUTE_TO_SECOND: return "MINUTE TO SECOND";
    case R::SECOND: return "SECOND";
  }
  return "SECOND";
}

const char* yearMonthUnit(types::YearMonthResolution resolution) {
  switch (resolution) {
    case types::YearMonthResolution::YEAR: return "YEAR";
    case types::YearMonthResolution::YEAR_TO_MONTH: return "YEAR TO MONTH";
    case types::YearMonthResolution::MONTH: return "MONTH";
  }
  return "MONTH";
}

// The type without nullability; `detail` adds the character set of strings.
std::string typeName(const LogicalType& type, bool detail) {
  const std::string charset = detail ? " CHARACTER SET \"UTF-16LE\"" : "";
  switch (type.root()) {
    case LogicalTypeRoot::CHAR: return fmt::format("CHAR({}){}", type.length(), charset);
    case LogicalTypeRoot::VARCHAR: return fmt::format("VARCHAR({}){}", type.length(), charset);
    case LogicalTypeRoot::BINARY: return fmt::format("BINARY({})", type.length());
    case LogicalTypeRoot::VARBINARY: return fmt::format("VARBINARY({})", type.length());
    case LogicalTypeRoot::DECIMAL: return fmt::format("DECIMAL({}, {})", type.precision(), type.scale());
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE: return fmt::format("TIME({})", type.precision());
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE: return fmt::format("TIMESTAMP({})", type.precision());
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return fmt::format("TIMESTAMP_LTZ({})", type.precision());
    case LogicalTypeRoot::INTERVAL_DAY_TIME: return std::string("INTERVAL ") + dayTimeUnit(type.dayTimeResolution());
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH:
      return std::string("INTERVAL ") + yearMonthUnit(type.yearMonthResolution());
    case LogicalTypeRoot::ARRAY: return calciteTypeString(type.elementType()) + " ARRAY";
    case LogicalTypeRoot::MULTISET: return calciteTypeString(type.elementType()) + " MULTISET";
    case LogicalTypeRoot::MAP:
      return fmt::format("({}, {}) MAP", calciteTypeString(type.keyType()), calciteTypeString(type.valueType()));
    case LogicalTypeRoot::ROW: return calciteRecordType(type);
    case LogicalTypeRoot::NULL_TYPE: return "NULL";
    case LogicalTypeRoot::INTEGER: return "INTEGER";
    default: break;
  }
  // BOOLEAN, TINYINT, SMALLINT, BIGINT, FLOAT, DOUBLE and DATE keep Flink's names.
  return type.copy(true).asSummaryString();
}

std::string literalDigest(const BoundExpr& expr) {
  const LogicalType& type = expr.type;
  if (expr.value.isNull()) return "null:" + calciteTypeString(type);
  switch (type.root()) {
    case LogicalTypeRoot::CHAR: return "_UTF-16LE'" + expr.value.toString() + "'";
    case LogicalTypeRoot::VARCHAR:
      return "_UTF-16LE'" + expr.value.toString() + "':" + calciteTypeString(type);
    case LogicalTypeRoot::BOOLEAN:
    case LogicalTypeRoot::INTEGER: return expr.value.toString();
    case LogicalTypeRoot::INTERVAL_DAY_TIME:
    case LogicalTypeRoot::INTERVAL_YEAR_MONTH: {
      const int64_t amount = type.root() == LogicalTypeRoot::INTERVAL_DAY_TIME ? expr.value.getLong()
                                                                               : expr.value.getInt();
      return fmt::format("{}:{}", amount, typeName(type, false));
    }
    default: break;
  }
  // Calcite prints the type of every other literal after it: 10:BIGINT, 1.5:DECIMAL(2, 1).
  return expr.value.toString() + ":" + typeName(type, true);
}

// The operands of nested calls of AND (or OR) as one list, as Calcite flattens them.
void flattenOperands(const BoundExpr& expr, BuiltInFunction function, std::vector<const BoundExpr*>& out) {
  for (const BoundExprPtr& operand : expr.operands) {
    if (operand->kind == BoundExpr::Kind::kCall && operand->function == function) {
      flattenOperands(*operand, function, out);
    } else {
      out.push_back(operand.get());
    }
  }
}

}  // namespace

std::string calciteTypeString(const LogicalType& type) {
  return typeName(type, true) + (type.isNullable() ? "" : " NOT NULL");
}

std::string calciteRecordType(const LogicalType& row_type) {
  std::string out = "RecordType(";
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    if (i > 0) out += ", ";
    const LogicalType& field = row_type.typeAt(i);
    out += typeName(field, false);
    const bool timestamp = field.root() == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE ||
                           field.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
    if (timestamp && field.timestampKind() == types::TimestampKind::ROWTIME) out += " *ROWTIME*";
    if (timestamp && field.timestampKind() == types::TimestampKind::PROCTIME) out += " *PROCTIME*";
    out += " " + row_type.fields()[i].name;
  }
  return out + ")";
}

std::string rexDigest(const BoundExpr& expr, const std::map<int, std::string>& substitutions) {
  switch (expr.kind) {
    case BoundExpr::Kind::kInputRef: {
      auto it = substitutions.find(expr.input_index);
      return it != substitutions.end() ? it->second : "$" + std::to_string(expr.input_index);
    }
    case BoundExpr::Kind::kLiteral: return literalDigest(expr);
    case BoundExpr::Kind::kCall: break;
  }
  // The binder widens numeric operands with implicit CASTs (at the operand's own position);
  // Calcite's tree compares and computes over mixed numeric types without them.
  if (expr.function == BuiltInFunction::kCast && type_rules::isNumeric(expr.type) &&
      type_rules::isNumeric(expr.operands[0]->type) &&
      expr.position.line == expr.operands[0]->position.line &&
      expr.position.column == expr.operands[0]->position.column) {
    return rexDigest(*expr.operands[0], substitutions);
  }
  if (expr.function == BuiltInFunction::kGetField) {
    const size_t field = static_cast<size_t>(expr.operands[1]->value.getInt());
    return rexDigest(*expr.operands[0], substitutions) + "." + expr.operands[0]->type.fields()[field].name;
  }
  std::string out(expr.function == BuiltInFunction::kUserDefinedScalar ? std::string_view(expr.udf->name)
                                                                       : builtInFunctionName(expr.function));
  out += '(';
  if (!expr.unit.empty()) {
    out += "FLAG(" + expr.unit + ")";
    if (!expr.operands.empty()) out += ", ";
  }
  std::vector<const BoundExpr*> operands;
  if (expr.function == BuiltInFunction::kAnd || expr.function == BuiltInFunction::kOr) {
    flattenOperands(expr, expr.function, operands);
  } else {
    for (const BoundExprPtr& operand : expr.operands) operands.push_back(operand.get());
  }
  for (size_t i = 0; i < operands.size(); ++i) {
    if (i > 0) out += ", ";
    out += rexDigest(*operands[i], substitutions);
  }
  out += ')';
  if (expr.function == BuiltInFunction::kCast || expr.function == BuiltInFunction::kTryCast) {
    out += ':' + calciteTypeString(expr.type);
  }
  return out;
}

}  // namespace eddy::sql
