#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/source_operator.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/changelog_mode.h"
#include "sql/connectors/values/values_data.h"
#include "sql/expression/expression_evaluator.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The source operator of a `values` table: reads the elements registered under a data id
// (ValuesData), converts runs of rows between watermarks into RowChunks of the produced
// type (CAST from text), keeps the rows the pushed-down filter holds for (if any), and
// emits the registered watermarks in place. Its checkpointed
// state is the index of the next element, so a restored job continues where it stopped,
// also when more elements were registered under the id since. Runs with parallelism 1.
class ValuesSourceOperator final : public runtime::SourceOperatorBase {
 public:
  // `fields`: for each produced field, the index of the physical field it reads.
  // `filter`: a condition over the physical row that a row must meet, or null.
  ValuesSourceOperator(std::string data_id, types::LogicalType physical_type, std::vector<int> fields,
                       types::LogicalType produced_type, ChangelogMode changelog_mode, bool bounded,
                       BoundExprPtr filter = nullptr);

  Status initializeState(const std::vector<std::string>& operator_state) override;
  void open() override;
  InputStatus emitNext() override;
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;

 private:
  // Converts elements [from, to) (rows only) into one chunk of the physical type; throws
  // naming the column when a cell does not convert.
  types::ColumnBatch convert(size_t from, size_t to) const;
  // The produced fields of the rows of `physical` the filter keeps; empty when none.
  RowChunk produce(const types::ColumnBatch& physical);

  std::string data_id_;
  types::LogicalType physical_type_;
  std::vector<int> fields_;
  types::LogicalType produced_type_;
  ChangelogMode changelog_mode_;
  bool bounded_;
  std::optional<ExpressionEvaluator> filter_;
  // For each produced field, a reference to the physical field it reads.
  std::vector<ExpressionEvaluator> projections_;
  std::vector<int32_t> selection_;
  std::shared_ptr<const std::vector<ValuesElement>> data_;
  size_t position_ = 0;
  bool ended_ = false;
};

}  // namespace eddy::sql
