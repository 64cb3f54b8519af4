#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "sql/planner/plan_node.h"

namespace eddy::sql {

// The accumulators of one group of a GROUP BY whose calls are all plain COUNTs and SUMs of
// numbers (see CompactAggregates): fixed-size, so that the state table's slot of a group is
// one small block (48 bytes instead of GroupAccumulators' 128) and 100k groups stay in the
// caches. Serialized exactly as GroupAccumulators is, so that the state of either layout
// restores into the other (a savepoint taken before, RocksDB, mini-batch on or off).
struct CompactGroupAccumulators {
  static constexpr size_t kMaxCalls = 2;

  // One call: the values it took (COUNT's result; SUM's, NULL at 0) and, for SUM, their sum,
  // integral sums wrapping at 64 bits (their results are at most BIGINT, so they wrap to
  // the same value as GroupAccumulators' 128-bit sum) and floating ones as a double's bits.
  struct Call {
    int64_t count = 0;
    int64_t sum = 0;
  };

  int64_t record_count = 0;
  uint32_t call_count = 0;
  // Bit c set: call c's sum is a double (only serialize() reads it).
  uint32_t floating_sums = 0;
  Call calls[kMaxCalls];

  void serialize(types::DataOutputSerializer& out) const;
  // Corruption when the bytes hold more calls than kMaxCalls or anything but counts and sums.
  Status deserialize(types::DataInputDeserializer& in);
};

// How the calls of a GROUP BY accumulate into CompactGroupAccumulators, for calls that are
// all COUNT(*), COUNT(x) and SUM(x) of TINYINT, SMALLINT, INT, BIGINT, FLOAT or DOUBLE
// without FILTER or DISTINCT: the same results as accumulateRow/appendResultColumns over
// GroupAccumulators. Immutable after construction.
class CompactAggregates {
 public:
  // The compact form of `calls`, or nullopt when one of them needs GroupAccumulators.
  static std::optional<CompactAggregates> of(const std::vector<AggregateCall>& calls);

  // Sets what serialize() needs to know of the calls (after creation or a read that may
  // have deserialized the value).
  void describe(CompactGroupAccumulators& group) const {
    group.call_count = static_cast<uint32_t>(calls_.size());
    group.floating_sums = floating_sums_;
  }
  // The packed form of the accumulators (see state::PackedValueState), in 64-bit words: the
  // record count, then per call its count unless it is COUNT(*) (whose count is the record
  // count), and for a SUM its sum.
  size_t packedWords() const { return packed_words_; }
  void pack(const CompactGroupAccumulators& group, uint64_t* words) const;
  // Also describes `group`.
  void unpack(const uint64_t* words, CompactGroupAccumulators& group) const;
  // The packed words of serialized accumulators; Corruption when they are not of these calls.
  Status unpackBytes(std::string_view bytes, uint64_t* words) const;

  // Accumulates (or, when `retract`, retracts) row `row` of `input`.
  void accumulateRow(CompactGroupAccumulators& group, const types::ColumnBatch& input, size_t row, bool retract) const;
  // Whether the two groups' results are equal.
  bool sameResults(const CompactGroupAccumulators& a, const CompactGroupAccumulators& b) const;
  // Appends the results to the columns of `out` from `first_field` on (the current row's).
  void appendResultColumns(const CompactGroupAccumulators& group, types::ColumnBatch& out, size_t first_field) const;

 private:
  enum class Kind : uint8_t { kCountStar, kCount, kSumInt8, kSumInt16, kSumInt32, kSumInt64, kSumFloat, kSumDouble };
  struct Call {
    Kind kind;
    int argument;  // the argument's field, -1 for COUNT(*)
    // The result's width for integral SUMs (TINYINT … BIGINT wrap), float for FLOAT results.
    types::LogicalTypeRoot result;
  };

  explicit CompactAggregates(std::vector<Call> calls, uint32_t floating_sums);

  std::vector<Call> calls_;
  uint32_t floating_sums_;
  size_t packed_words_;
};

}  // namespace eddy::sql
