#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types/column_batch.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/runtime/join_record_state_view.h"
#include "sql/runtime/record_codec.h"

namespace eddy::sql {

// The residual condition of a regular join (Flink's JoinCondition) over the concatenated row
// of a left and a right record, evaluated for one input record against all candidate records
// of the other side at once: the pairs are decoded into one batch and the condition runs over
// it a column at a time. Without a condition every candidate matches. Used by one operator
// instance; the condition is shared, read-only.
class JoinCondition {
 public:
  JoinCondition(types::LogicalType joined_type, size_t left_field_count,
                std::shared_ptr<const ExpressionEvaluator> condition);

  // matched[i] is true when `input` (of the left side when input_is_left) joins others[i].
  // Throws std::runtime_error on an evaluation failure (fails the job naming the operator).
  void match(const std::string& input, bool input_is_left, const std::vector<StoredJoinRecord>& others,
             std::vector<char>& matched);

 private:
  size_t left_field_count_;
  std::shared_ptr<const ExpressionEvaluator> condition_;
  types::ColumnBatch pairs_;
};

}  // namespace eddy::sql
