#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/chunk_builder.h"

namespace eddy::sql {

// ChangelogNormalize: turns an upsert changelog keyed on the primary key (+I/+U carry the
// new row, -D may carry only the key, as a Kafka tombstone) into a full changelog, as
// Flink's ProcTimeDeduplicateKeepLastRowFunction over a changelog
// (DeduplicateFunctionHelper#processLastRowOnChangelog). ValueState "changelog-normalize"
// holds the last row of each key (record_codec.h):
//   - +I/+U of a new key: +I; of a known key: nothing when equal to the kept row, else
//     -U[kept] (when generate_update_before) and +U[new];
//   - -U/-D of a known key: -D[kept], the full row, and the key is forgotten; of an
//     unknown key: nothing.
// With a state retention time ('table.exec.state.ttl') the kept row expires that long after it
// was last written (Flink's createTtlConfig, no cleanup timer), and a row equal to the kept
// one is emitted again as -U / +U, so that downstream state with the same TTL is refreshed.
// Keyed on `keys`; one instance per subtask, in the task thread.
class ChangelogNormalizeOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  ChangelogNormalizeOperator(std::vector<int> keys, bool generate_update_before, types::LogicalType row_type,
                             int64_t state_retention_ms);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void emit(std::string_view row, types::RowKind kind);

  std::vector<int> keys_;
  bool generate_update_before_;
  int64_t state_retention_ms_;
  ChunkBuilder builder_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* kept_ = nullptr;
  // Reused per row: the key and the encoded row.
  std::string key_;
  std::string row_;
};

}  // namespace eddy::sql
