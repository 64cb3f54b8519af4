#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/runtime/stream_operator.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/types/data_types.h"
#include "sql/planner/join_spec.h"
#include "sql/runtime/chunk_builder.h"
#include "sql/runtime/join_condition.h"
#include "sql/runtime/join_record_state_view.h"

namespace eddy::sql {

// What a regular join operator needs, fixed at planning time and shared by its instances.
struct StreamingJoinSpec {
  FlinkJoinType join_type = FlinkJoinType::kInner;
  std::vector<int> left_keys;
  std::vector<int> right_keys;
  std::vector<bool> filter_nulls;
  types::LogicalType left_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  types::LogicalType right_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  // Left fields then right fields: the row the condition reads.
  types::LogicalType joined_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  types::LogicalType output_type = types::DataTypes::ROW(std::vector<types::RowField>{});
  std::shared_ptr<const ExpressionEvaluator> condition;  // null: none
  // 'table.exec.state.ttl' in milliseconds; 0: the records never expire.
  int64_t state_retention_ms = 0;
};

// A regular join of two changelogs (Flink's StreamingJoinOperator, and for SEMI / ANTI its
// StreamingSemiAntiJoinOperator), a keyed two-input operator: input 0 is the left side, 1 the
// right, both hash-partitioned by their join keys (the encoded key selects the current key of
// the KeyedStateBackendT<std::string>). Each side's rows live in a JoinRecordStateView
// ("left-records", "right-records") with counts for duplicates and, for an outer side, the
// number of rows of the other side each one joins. With a state retention time each stored
// record expires that long after it was last written (Flink's createTtlConfig).
//
// Per input row, with its matches on the other side (equal key, no NULL in a key compared
// with `=`, residual condition TRUE), exactly as Flink:
//   accumulate (+I/+U): an inner side forwards its RowKind to the joined rows when the other
//     side is inner; with an outer side involved the joined rows are +I; an outer input row
//     without match emits +I[row, nulls]; the first match of a row of an outer other side
//     retracts its padded row with -D[nulls, other];
//   retract (-U/-D): the joined rows are retracted (-D, or the input's RowKind for an inner
//     join); an outer input row without match retracts -D[row, nulls]; a row of an outer
//     other side that loses its last match emits +I[nulls, other] again.
// SEMI emits a left row while it has a match, ANTI while it has none (see
// streaming_semi_anti_join.cc). An outer side's changes come out as +I / -D (Flink's
// FLINK-17337). Watermarks pass through. Runs in the task thread.
class StreamingJoinOperator final : public runtime::OneOutputOperator<RowChunk> {
 public:
  explicit StreamingJoinOperator(std::shared_ptr<const StreamingJoinSpec> spec);

  void open() override;
  void processBatch(runtime::BatchBase& batch, int input) override;

 private:
  void processRow(const types::ColumnBatch& rows, size_t row, bool input_is_left);
  void processSemiAntiLeft(types::RowKind kind);
  void processSemiAntiRight(types::RowKind kind);
  // Loads the rows of the other side that join the current input record into others_/matched_.
  void findAssociated(bool input_is_left, JoinRecordStateView& other_view, bool key_has_null);
  size_t associatedCount() const;
  void emitJoined(const std::string& input, const std::string& other, bool input_is_left, types::RowKind kind);
  void emitPadded(const std::string& record, bool record_is_left, types::RowKind kind);
  void emitLeft(const std::string& record, types::RowKind kind);

  std::shared_ptr<const StreamingJoinSpec> spec_;
  size_t left_field_count_;
  size_t output_field_count_;
  ChunkBuilder builder_;
  JoinCondition condition_;
  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  std::optional<JoinRecordStateView> left_view_;
  std::optional<JoinRecordStateView> right_view_;
  // Reused per row.
  std::string key_;
  std::string record_;
  std::vector<StoredJoinRecord> others_;
  std::vector<char> matched_;
};

}  // namespace eddy::sql
