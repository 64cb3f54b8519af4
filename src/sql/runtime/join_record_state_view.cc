#include "sql/runtime/join_record_state_view.h"

#include <algorithm>
#include <utility>

#include "eddy/state/state_descriptor.h"

namespace eddy::sql {

namespace {

// The value of an entry: count in the high 32 bits, associations in the low 32.
int64_t encodeValue(int32_t count, int32_t associations) {
  return static_cast<int64_t>((static_cast<uint64_t>(static_cast<uint32_t>(count)) << 32) |
                              static_cast<uint32_t>(associations));
}

void decodeValue(int64_t value, int32_t& count, int32_t& associations) {
  count = static_cast<int32_t>(static_cast<uint64_t>(value) >> 32);
  associations = static_cast<int32_t>(static_cast<uint32_t>(static_cast<uint64_t>(value)));
}

state::MapStateDescriptor<std::string, int64_t> recordsDescriptor(const std::string& name,
                                                                  const state::StateTtlConfig& ttl) {
  state::MapStateDescriptor<std::string, int64_t> descriptor(name);
  if (ttl.isEnabled()) descriptor.enableTimeToLive(ttl);
  return descriptor;
}

}  // namespace

JoinRecordStateView::JoinRecordStateView(state::KeyedStateBackendT<std::string>* backend,
                                         const std::string& state_name, const state::StateTtlConfig& ttl)
    : state_(backend->getPartitionedState<state::VoidNamespace>(recordsDescriptor(state_name, ttl))) {}

void JoinRecordStateView::addRecord(const std::string& record, int32_t associations) {
  int32_t count = 0;
  int32_t ignored = 0;
  if (std::optional<int64_t> stored = state_->get(record)) decodeValue(*stored, count, ignored);
  state_->put(record, encodeValue(count + 1, associations));
}

void JoinRecordStateView::retractRecord(const std::string& record) {
  std::optional<int64_t> stored = state_->get(record);
  if (!stored) return;
  int32_t count = 0;
  int32_t associations = 0;
  decodeValue(*stored, count, associations);
  if (count <= 1) {
    state_->remove(record);
    return;
  }
  state_->put(record, encodeValue(count - 1, associations));
}

void JoinRecordStateView::updateNumOfAssociations(const std::string& record, int32_t associations) {
  std::optional<int64_t> stored = state_->get(record);
  if (!stored) return;
  int32_t count = 0;
  int32_t ignored = 0;
  decodeValue(*stored, count, ignored);
  state_->put(record, encodeValue(count, associations));
}

void JoinRecordStateView::records(std::vector<StoredJoinRecord>& out) {
  out.clear();
  for (auto& [record, value] : state_->entries()) {
    StoredJoinRecord stored;
    stored.record = std::move(record);  // entries() returns copies: take them
    decodeValue(value, stored.count, stored.associations);
    out.push_back(std::move(stored));
  }
  // By value, so matches are emitted in one order whatever the map's layout.
  std::sort(out.begin(), out.end(), [](const StoredJoinRecord& a, const StoredJoinRecord& b) { return a.record < b.record; });
}

}  // namespace eddy::sql
