#include "sql/catalog/source_watermark.h"

#include <algorithm>
#include <cctype>

namespace eddy::sql {

bool isSourceWatermarkCall(const Expr& expr) {
  if (expr.kind != ExprKind::kFunctionCall || !expr.operands.empty() || expr.names.size() != 1) return false;
  constexpr std::string_view kName = "SOURCE_WATERMARK";
  const std::string& name = expr.names[0];
  return std::equal(name.begin(), name.end(), kName.begin(), kName.end(),
                    [](char a, char b) { return std::toupper(static_cast<unsigned char>(a)) == b; });
}

bool containsSourceWatermarkCall(const Expr& expr) {
  if (isSourceWatermarkCall(expr)) return true;
  return std::any_of(expr.operands.begin(), expr.operands.end(),
                     [](const ExprPtr& operand) { return operand && containsSourceWatermarkCall(*operand); });
}

}  // namespace eddy::sql
