#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_ttl_config.h"
#include "eddy/state/typed_keyed_state_backend.h"

namespace eddy::sql {

// A record of one input of a regular join as kept in state: its encoded fields
// (record_codec.h, RowKind erased), how many times it is there (duplicates), and for an
// outer side how many records of the other side it currently joins with.
struct StoredJoinRecord {
  std::string record;
  int32_t count = 0;
  int32_t associations = 0;
};

// The rows of one join input under the current join key (Flink's JoinRecordStateView /
// OuterJoinRecordStateView for an input without unique key): a MapState from the encoded
// record to its count and number of associations, in the operator's keyed state backend, so
// it is checkpointed with it. With TTL each record expires on its own, `ttl` after it was last
// written. Used by one operator instance in its task thread.
class JoinRecordStateView {
 public:
  JoinRecordStateView(state::KeyedStateBackendT<std::string>* backend, const std::string& state_name,
                      const state::StateTtlConfig& ttl);

  // One more copy of `record`; its number of associations becomes `associations`.
  void addRecord(const std::string& record, int32_t associations);
  // One copy less; the record leaves the state with its last copy.
  void retractRecord(const std::string& record);
  void updateNumOfAssociations(const std::string& record, int32_t associations);
  // The records under the current key, replacing the contents of `out`.
  void records(std::vector<StoredJoinRecord>& out);

 private:
  // Record → its count (high 32 bits) and number of associations (low 32 bits).
  state::InternalMapState<state::VoidNamespace, std::string, int64_t>* state_;
};

}  // namespace eddy::sql
