#pragma once

#include <memory>
#include <vector>

#include "eddy/runtime/source_operator.h"
#include "eddy/types/row.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The source of a VALUES clause (Flink's ValuesInputFormat): emits its constant rows as one
// chunk, then ends the input. Runs with parallelism 1; a restored instance that emitted its
// rows already emits nothing.
class RowsSourceOperator final : public runtime::SourceOperatorBase {
 public:
  RowsSourceOperator(types::LogicalType row_type, std::vector<types::Row> rows)
      : row_type_(std::move(row_type)), rows_(std::move(rows)) {}

  Status initializeState(const std::vector<std::string>& operator_state) override {
    emitted_ = !operator_state.empty() && operator_state[0] == "emitted";
    return Status::OK();
  }
  Result<std::vector<std::string>> snapshotOperatorState(int64_t) override {
    return std::vector<std::string>{emitted_ ? "emitted" : "pending"};
  }
  InputStatus emitNext() override;

 private:
  types::LogicalType row_type_;
  std::vector<types::Row> rows_;
  bool emitted_ = false;
};

}  // namespace eddy::sql
