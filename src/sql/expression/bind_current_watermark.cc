// CURRENT_WATERMARK(rowtime): Flink's CurrentWatermarkTypeStrategy.
#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql::binder {

using types::DataTypes;
using types::LogicalTypeRoot;

Result<BoundExprPtr> bindCurrentWatermark(SourcePosition position, std::vector<BoundExprPtr> args) {
  if (args.size() != 1) {
    return validationError(position, fmt::format("Invalid number of arguments to function 'CURRENT_WATERMARK'. Was "
                                                 "expecting 1 arguments"));
  }
  const types::LogicalType& type = args[0]->type;
  const bool timestamp = type.root() == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE ||
                         type.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE;
  if (!timestamp || type.timestampKind() != types::TimestampKind::ROWTIME) {
    return validationError(position, fmt::format("The argument of CURRENT_WATERMARK() must be a rowtime attribute, "
                                                 "but was '{}'.",
                                                 type.asSummaryString()));
  }
  // The watermark has the rowtime's type, without the time attribute, and is NULL before
  // the first watermark.
  types::LogicalType result = type.root() == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE
                                  ? DataTypes::TIMESTAMP(3)
                                  : DataTypes::TIMESTAMP_LTZ(3);
  return BoundExpr::call(BuiltInFunction::kCurrentWatermark, std::move(result), std::move(args), position);
}

}  // namespace eddy::sql::binder
