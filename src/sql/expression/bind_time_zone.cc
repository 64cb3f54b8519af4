// TO_TIMESTAMP_LTZ and CONVERT_TZ.
#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using binder::castTo;
using types::DataTypes;
using Root = types::LogicalTypeRoot;
using F = BuiltInFunction;

namespace {

bool isNullType(const BoundExpr& e) { return e.type.root() == Root::NULL_TYPE; }

}  // namespace

std::optional<Result<BoundExprPtr>> ExpressionBinder::bindTimeZoneFunction(std::string_view name,
                                                                           SourcePosition position,
                                                                           std::vector<BoundExprPtr>& args) const {
  if (name == "TO_TIMESTAMP_LTZ") {
    // TO_TIMESTAMP_LTZ(numeric [, precision]): epoch seconds (precision 0) or milliseconds
    // (precision 3, the default) as a TIMESTAMP_LTZ(3).
    const bool numeric = !args.empty() && (type_rules::isNumeric(args[0]->type) || isNullType(*args[0]));
    const bool literal_precision = args.size() == 1 || (args.size() == 2 && args[1]->kind == BoundExpr::Kind::kLiteral &&
                                                        type_rules::isIntegral(args[1]->type) && !args[1]->value.isNull());
    if (args.empty() || args.size() > 2 || !numeric || !literal_precision) {
      return binder::cannotApply(position, name, binder::callSignature(name, args),
                                 "'TO_TIMESTAMP_LTZ(<NUMERIC>)'\n'TO_TIMESTAMP_LTZ(<NUMERIC>, <INTEGER>)'");
    }
    const int64_t precision = args.size() == 1 ? 3 : args[1]->type.root() == Root::BIGINT ? args[1]->value.getLong() : args[1]->value.getInt();
    if (precision != 0 && precision != 3) {
      return validationError(position, fmt::format("The precision value '{}' for function TO_TIMESTAMP_LTZ(numeric, "
                                                   "precision) is unsupported, the supported value is '0' for second "
                                                   "or '3' for millisecond.", precision));
    }
    const bool nullable = args[0]->type.isNullable() || isNullType(*args[0]);
    const bool integral = type_rules::isIntegral(args[0]->type) || isNullType(*args[0]);
    std::vector<BoundExprPtr> operands;
    operands.push_back(castTo(std::move(args[0]), integral ? DataTypes::BIGINT() : DataTypes::DOUBLE()));
    operands.push_back(BoundExpr::literal(types::Value(static_cast<int32_t>(precision)), DataTypes::INT().notNull(), position));
    return BoundExpr::call(F::kToTimestampLtz, DataTypes::TIMESTAMP_LTZ(3).copy(nullable), std::move(operands), position);
  }
  if (name == "CONVERT_TZ") {
    bool strings = args.size() == 3;
    for (const BoundExprPtr& arg : args) strings &= type_rules::isCharacterString(arg->type) || isNullType(*arg);
    if (!strings) {
      return binder::cannotApply(position, name, binder::callSignature(name, args),
                                 "'CONVERT_TZ(<CHARACTER>, <CHARACTER>, <CHARACTER>)'");
    }
    const bool nullable = binder::anyNullable(args);
    for (BoundExprPtr& arg : args) arg = castTo(std::move(arg), DataTypes::STRING());
    return BoundExpr::call(F::kConvertTz, DataTypes::STRING().copy(nullable), std::move(args), position);
  }
  return std::nullopt;
}

}  // namespace eddy::sql
