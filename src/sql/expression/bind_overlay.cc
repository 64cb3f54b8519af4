// OVERLAY(s PLACING r FROM start [FOR length]).
#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"

namespace eddy::sql {

using types::DataTypes;
using Root = types::LogicalTypeRoot;

Result<BoundExprPtr> ExpressionBinder::bindOverlay(const Expr& expr) const {
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> args, bindOperands(expr));
  auto is = [](const BoundExpr& e, bool (*family)(const types::LogicalType&)) {
    return family(e.type) || e.type.root() == Root::NULL_TYPE;
  };
  bool ok = is(*args[0], type_rules::isCharacterString) && is(*args[1], type_rules::isCharacterString);
  for (size_t i = 2; i < args.size(); ++i) ok &= is(*args[i], type_rules::isIntegral);
  if (!ok) {
    return binder::cannotApply(expr.position, "OVERLAY", binder::callSignature("OVERLAY", args),
                               "'OVERLAY(<STRING> PLACING <STRING> FROM <INTEGER>)'\n"
                               "'OVERLAY(<STRING> PLACING <STRING> FROM <INTEGER> FOR <INTEGER>)'");
  }
  const bool nullable = binder::anyNullable(args);
  for (size_t i = 0; i < args.size(); ++i) {
    args[i] = binder::castTo(std::move(args[i]), i < 2 ? DataTypes::STRING() : DataTypes::INT());
  }
  return BoundExpr::call(BuiltInFunction::kOverlay, DataTypes::STRING().copy(nullable), std::move(args), expr.position);
}

}  // namespace eddy::sql
