#include "sql/runtime/group_aggregate_operator.h"

#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/runtime/aggregate_accumulators.h"
#include "sql/runtime/compact_group_accumulators.h"
#include "sql/tests/keyed_operator_harness.h"
#include "sql/tests/rocksdb_test_backend.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::RowKind;
using F = AggregateCall::Function;

AggregateCall call(F function, int argument, types::LogicalType argument_type, types::LogicalType result_type) {
  AggregateCall out;
  out.function = function;
  out.argument = argument;
  out.argument_type = std::move(argument_type);
  out.result_type = std::move(result_type);
  return out;
}

// Rows (k BIGINT, v INT, d DOUBLE).
types::LogicalType inputType() {
  return DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()), DataTypes::FIELD("v", DataTypes::INT()),
                         DataTypes::FIELD("d", DataTypes::DOUBLE())});
}

// COUNT(*), SUM(v), SUM(d): the calls of the compact accumulators (at most two) or not.
std::vector<AggregateCall> countAndSums(size_t n) {
  std::vector<AggregateCall> calls = {call(F::kCount, -1, DataTypes::BIGINT(), DataTypes::BIGINT()),
                                      call(F::kSum, 1, DataTypes::INT(), DataTypes::INT()),
                                      call(F::kSum, 2, DataTypes::DOUBLE(), DataTypes::DOUBLE())};
  calls.resize(n);
  return calls;
}

types::Row row(RowKind kind, int64_t k, std::optional<int32_t> v, std::optional<double> d) {
  return types::Row(kind, {types::Value(k), v ? types::Value(*v) : types::Value(), d ? types::Value(*d) : types::Value()});
}

// Drives one GroupAggregateOperator for SELECT k, COUNT(*), SUM(v) FROM t GROUP BY k over a
// changelog (with UPDATE_BEFORE), on the heap or RocksDB, optionally from restored state.
class GroupAggregateHarness {
 public:
  GroupAggregateHarness(const state::StateBackendConfig& config, const state::KeyedStateSnapshot* restored = nullptr)
      : harness_(std::make_unique<GroupAggregateOperator>(
                     std::vector<int>{0}, countAndSums(2),
                     DataTypes::ROW({DataTypes::FIELD("k", DataTypes::BIGINT()),
                                     DataTypes::FIELD("cnt", DataTypes::BIGINT()),
                                     DataTypes::FIELD("total", DataTypes::INT())}),
                     true, 0),
                 "group", config, restored) {}

  // Feeds one batch; returns what the operator emitted for it.
  std::string process(const std::vector<types::Row>& rows) {
    auto batch = std::make_shared<types::ColumnBatch>(inputType());
    for (const types::Row& r : rows) EXPECT_TRUE(batch->appendRow(r).ok());
    return harness_.process(std::move(batch));
  }
  state::KeyedStateSnapshot checkpoint() { return harness_.checkpoint(); }
  size_t stateEntries() const { return harness_.stateEntries("accumulators"); }

 private:
  KeyedOperatorHarness harness_;
};

// Where the checkpoint is taken and where it is restored.
struct Backends {
  const char* name;
  bool rocksdb_before;
  bool rocksdb_after;
};

class GroupAggregateOperatorTest : public ::testing::TestWithParam<Backends> {
 protected:
  static state::StateBackendConfig config(bool rocksdb) {
    return rocksdb ? rocksDBTestBackend() : state::StateBackendConfig();
  }
};

TEST_P(GroupAggregateOperatorTest, ARestoredInstanceEndsAsAnUninterruptedRun) {
  const std::vector<types::Row> before = {row(RowKind::INSERT, 7, 3, 1.5), row(RowKind::INSERT, 8, std::nullopt, 2.0),
                                          row(RowKind::INSERT, 7, 4, std::nullopt)};
  const std::vector<types::Row> after = {row(RowKind::UPDATE_BEFORE, 7, 3, 1.5), row(RowKind::UPDATE_AFTER, 7, 5, 0.5),
                                         row(RowKind::DELETE, 8, std::nullopt, 2.0), row(RowKind::DELETE, 9, 1, 1.0)};
  GroupAggregateHarness first(config(GetParam().rocksdb_before));
  EXPECT_EQ(first.process(before), "+I[7, 1, 3]\n+I[8, 1, null]\n-U[7, 1, 3]\n+U[7, 2, 7]\n");
  const state::KeyedStateSnapshot checkpoint = first.checkpoint();
  GroupAggregateHarness restored(config(GetParam().rocksdb_after), &checkpoint);
  EXPECT_EQ(restored.process(after), "-U[7, 2, 7]\n+U[7, 1, 4]\n-U[7, 1, 4]\n+U[7, 2, 9]\n-D[8, 1, null]\n");
  EXPECT_EQ(restored.stateEntries(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, GroupAggregateOperatorTest,
                         ::testing::Values(Backends{"Heap", false, false}, Backends{"RocksDB", true, true},
                                           Backends{"HeapToRocksDB", false, true},
                                           Backends{"RocksDBToHeap", true, false}),
                         [](const ::testing::TestParamInfo<Backends>& info) { return std::string(info.param.name); });

// The rows of CompactAggregatesTest: a retraction, NULLs, and a sum back at zero.
std::shared_ptr<types::ColumnBatch> accumulatedRows() {
  auto batch = std::make_shared<types::ColumnBatch>(inputType());
  for (const types::Row& r : {row(RowKind::INSERT, 1, 5, 0.25), row(RowKind::INSERT, 1, std::nullopt, std::nullopt),
                              row(RowKind::INSERT, 1, -2, 1.5), row(RowKind::DELETE, 1, 5, 0.25)}) {
    EXPECT_TRUE(batch->appendRow(r).ok());
  }
  return batch;
}

std::string resultsOf(const types::ColumnBatch& results) { return results.getRow(0).toString(); }

types::LogicalType resultType() {
  return DataTypes::ROW({DataTypes::FIELD("cnt", DataTypes::BIGINT()), DataTypes::FIELD("v", DataTypes::INT()),
                         DataTypes::FIELD("d", DataTypes::DOUBLE())});
}

// Both layouts accumulate the same rows to the same results and the same bytes, and each
// reads the other's bytes: state taken with either restores into the other.
TEST(CompactAggregatesTest, CompactAccumulatorsAccumulateAndSerializeAsGroupAccumulators) {
  const std::vector<AggregateCall> calls = countAndSums(2);
  std::optional<CompactAggregates> compact = CompactAggregates::of(calls);
  ASSERT_TRUE(compact.has_value());
  const auto rows = accumulatedRows();
  GroupAccumulators general;
  general.calls.resize(calls.size());
  CompactGroupAccumulators small;
  compact->describe(small);
  std::string scratch;
  for (size_t i = 0; i < rows->size(); ++i) {
    const bool retract = rows->rowKind(i) == RowKind::DELETE;
    accumulateRow(general, calls, *rows, i, retract, scratch);
    compact->accumulateRow(small, *rows, i, retract);
  }
  types::ColumnBatch general_results(resultType());
  appendResultColumns(general, calls, general_results, 0, scratch);
  general_results.column(2).appendNull();
  general_results.appendRowKind(RowKind::INSERT);
  types::ColumnBatch compact_results(resultType());
  compact->appendResultColumns(small, compact_results, 0);
  compact_results.column(2).appendNull();
  compact_results.appendRowKind(RowKind::INSERT);
  EXPECT_EQ(resultsOf(general_results), "+I[2, -2, null]");
  EXPECT_EQ(resultsOf(compact_results), "+I[2, -2, null]");

  types::DataOutputSerializer general_bytes;
  general.serialize(general_bytes);
  types::DataOutputSerializer compact_bytes;
  small.serialize(compact_bytes);
  EXPECT_EQ(compact_bytes.buffer(), general_bytes.buffer());

  CompactGroupAccumulators from_general;
  types::DataInputDeserializer general_in(general_bytes.data());
  ASSERT_TRUE(from_general.deserialize(general_in).ok());
  EXPECT_EQ(from_general.record_count, 2);
  EXPECT_TRUE(compact->sameResults(from_general, small));
  GroupAccumulators from_compact;
  types::DataInputDeserializer compact_in(compact_bytes.data());
  ASSERT_TRUE(from_compact.deserialize(compact_in).ok());
  std::string expected;
  appendResults(general, calls, expected);
  std::string actual;
  appendResults(from_compact, calls, actual);
  EXPECT_EQ(actual, expected);
}

TEST(CompactAggregatesTest, ASumOfDoublesRoundTripsThroughTheBytes) {
  const std::vector<AggregateCall> calls = {countAndSums(3)[2]};
  std::optional<CompactAggregates> compact = CompactAggregates::of(calls);
  ASSERT_TRUE(compact.has_value());
  CompactGroupAccumulators group;
  compact->describe(group);
  compact->accumulateRow(group, *accumulatedRows(), 0, false);
  types::DataOutputSerializer bytes;
  group.serialize(bytes);
  GroupAccumulators general;
  types::DataInputDeserializer in(bytes.data());
  ASSERT_TRUE(general.deserialize(in).ok());
  ASSERT_EQ(general.calls.size(), 1u);
  EXPECT_EQ(general.calls[0].double_sum, 0.25);
  EXPECT_EQ(general.calls[0].exact_sum, 0);
  CompactGroupAccumulators back;
  types::DataInputDeserializer again(bytes.data());
  ASSERT_TRUE(back.deserialize(again).ok());
  EXPECT_EQ(back.floating_sums, 1u);
  EXPECT_TRUE(compact->sameResults(back, group));
}

// The packed words of COUNT(*), SUM(v): the record count (COUNT(*)'s count too), then the
// sum's count and sum; they unpack to the same results, and the serialized accumulators of
// other calls do not unpack.
TEST(CompactAggregatesTest, PackedWordsHoldWhatTheResultsNeed) {
  std::optional<CompactAggregates> compact = CompactAggregates::of(countAndSums(2));
  ASSERT_TRUE(compact.has_value());
  EXPECT_EQ(compact->packedWords(), 3u);
  CompactGroupAccumulators group;
  compact->describe(group);
  const auto rows = accumulatedRows();
  for (size_t i = 0; i < rows->size(); ++i) {
    compact->accumulateRow(group, *rows, i, rows->rowKind(i) == RowKind::DELETE);
  }
  uint64_t words[3];
  compact->pack(group, words);
  EXPECT_EQ(words[0], 2u);
  EXPECT_EQ(words[1], 1u);
  EXPECT_EQ(static_cast<int64_t>(words[2]), -2);
  CompactGroupAccumulators unpacked;
  compact->unpack(words, unpacked);
  EXPECT_TRUE(compact->sameResults(unpacked, group));
  EXPECT_EQ(unpacked.calls[0].count, 2);
  EXPECT_EQ(types::serializeToBytes(unpacked), types::serializeToBytes(group));

  uint64_t from_bytes[3] = {0, 0, 0};
  ASSERT_TRUE(compact->unpackBytes(types::serializeToBytes(group), from_bytes).ok());
  EXPECT_EQ(std::vector<uint64_t>(from_bytes, from_bytes + 3), std::vector<uint64_t>(words, words + 3));
  std::optional<CompactAggregates> one_call = CompactAggregates::of(countAndSums(1));
  EXPECT_EQ(one_call->unpackBytes(types::serializeToBytes(group), from_bytes).code(), StatusCode::kCorruption);
}

TEST(CompactAggregatesTest, BytesOfOtherCallsAreRejected) {
  const std::vector<AggregateCall> calls = {call(F::kMax, 1, DataTypes::INT(), DataTypes::INT())};
  GroupAccumulators general;
  general.calls.resize(1);
  std::string scratch;
  accumulateRow(general, calls, *accumulatedRows(), 0, false, scratch);
  types::DataOutputSerializer bytes;
  general.serialize(bytes);
  CompactGroupAccumulators compact;
  types::DataInputDeserializer in(bytes.data());
  EXPECT_EQ(compact.deserialize(in).message(), "group accumulators of a call that is neither a count nor a sum");
}

TEST(CompactAggregatesTest, OnlyPlainCountsAndSumsOfNumbersAreCompact) {
  EXPECT_TRUE(CompactAggregates::of({}).has_value());
  EXPECT_TRUE(CompactAggregates::of(countAndSums(2)).has_value());
  EXPECT_FALSE(CompactAggregates::of(countAndSums(3)).has_value());
  EXPECT_FALSE(CompactAggregates::of({call(F::kMin, 1, DataTypes::INT(), DataTypes::INT())}).has_value());
  EXPECT_FALSE(CompactAggregates::of({call(F::kAvg, 1, DataTypes::INT(), DataTypes::INT())}).has_value());
  EXPECT_FALSE(
      CompactAggregates::of({call(F::kSum, 1, DataTypes::DECIMAL(10, 2), DataTypes::DECIMAL(38, 2))}).has_value());
  AggregateCall distinct = call(F::kCount, 1, DataTypes::INT(), DataTypes::BIGINT());
  distinct.distinct = true;
  EXPECT_FALSE(CompactAggregates::of({distinct}).has_value());
  AggregateCall filtered = call(F::kSum, 1, DataTypes::INT(), DataTypes::INT());
  filtered.filter = 2;
  EXPECT_FALSE(CompactAggregates::of({filtered}).has_value());
}

}  // namespace
}  // namespace eddy::sql
