#include "sql/runtime/join_condition.h"

#include <stdexcept>
#include <utility>


namespace eddy::sql {

JoinCondition::JoinCondition(types::LogicalType joined_type, size_t left_field_count,
                             std::shared_ptr<const ExpressionEvaluator> condition)
    : left_field_count_(left_field_count), condition_(std::move(condition)), pairs_(std::move(joined_type)) {}

void JoinCondition::match(const std::string& input, bool input_is_left, const std::vector<StoredJoinRecord>& others,
                          std::vector<char>& matched) {
  matched.assign(others.size(), 1);
  if (!condition_ || others.empty()) return;
  pairs_.clear();
  for (const StoredJoinRecord& other : others) {
    decodeRecordInto(input_is_left ? input : other.record, pairs_, 0);
    decodeRecordInto(input_is_left ? other.record : input, pairs_, left_field_count_);
    pairs_.appendRowKind(types::RowKind::INSERT);
  }
  Result<types::ColumnVector> result = condition_->evaluate(pairs_);
  if (!result.ok()) throw std::runtime_error(result.status().message());
  for (size_t i = 0; i < others.size(); ++i) matched[i] = !result->isNull(i) && result->valueAt<int8_t>(i) != 0;
}

}  // namespace eddy::sql
