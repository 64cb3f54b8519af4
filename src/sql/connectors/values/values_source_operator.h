#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/source_operator.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/changelog_mode.h"
#include "sql/connectors/values/values_data.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The source operator of a `values` table: reads the elements registered under a data id
// (ValuesData), converts runs of rows between watermarks into RowChunks of the produced
// type (CAST from text), and emits the registered watermarks in place. Its checkpointed
// state is the index of the next element, so a restored job continues where it stopped,
// also when more elements were registered under the id since. Runs with parallelism 1.
class ValuesSourceOperator final : public runtime::SourceOperatorBase {
 public:
  // `fields`: for each produced field, the index of the physical field it reads.
  ValuesSourceOperator(std::string data_id, types::LogicalType physical_type, std::vector<int> fields,
                       types::LogicalType produced_type, ChangelogMode changelog_mode, bool bounded);

  Status initializeState(const std::vector<std::string>& operator_state) override;
  void open() override;
  InputStatus emitNext() override;
  Result<std::vector<std::string>> snapshotOperatorState(int64_t checkpoint_id) override;

 private:
  // Converts elements [from, to) (rows only) into one chunk; throws naming the column when
  // a cell does not convert.
  RowChunk convert(size_t from, size_t to) const;

  std::string data_id_;
  types::LogicalType physical_type_;
  std::vector<int> fields_;
  types::LogicalType produced_type_;
  ChangelogMode changelog_mode_;
  bool bounded_;
  std::shared_ptr<const std::vector<ValuesElement>> data_;
  size_t position_ = 0;
  bool ended_ = false;
};

}  // namespace eddy::sql
