#include "sql/runtime/join_record_state_view.h"

#include <algorithm>
#include <cstring>

#include "eddy/state/state_descriptor.h"

namespace eddy::sql {

namespace {

// The value of an entry: count and associations, two int32 in host order.
void encodeValue(int32_t count, int32_t associations, std::string& out) {
  out.resize(2 * sizeof(int32_t));
  std::memcpy(out.data(), &count, sizeof(int32_t));
  std::memcpy(out.data() + sizeof(int32_t), &associations, sizeof(int32_t));
}

void decodeValue(const std::string& value, int32_t& count, int32_t& associations) {
  std::memcpy(&count, value.data(), sizeof(int32_t));
  std::memcpy(&associations, value.data() + sizeof(int32_t), sizeof(int32_t));
}

}  // namespace

JoinRecordStateView::JoinRecordStateView(state::KeyedStateBackendT<std::string>* backend,
                                         const std::string& state_name)
    : state_(backend->getPartitionedState<state::VoidNamespace>(
          state::MapStateDescriptor<std::string, std::string>(state_name))) {}

void JoinRecordStateView::addRecord(const std::string& record, int32_t associations) {
  int32_t count = 0;
  int32_t ignored = 0;
  if (std::optional<std::string> stored = state_->get(record)) decodeValue(*stored, count, ignored);
  encodeValue(count + 1, associations, value_);
  state_->put(record, value_);
}

void JoinRecordStateView::retractRecord(const std::string& record) {
  std::optional<std::string> stored = state_->get(record);
  if (!stored) return;
  int32_t count = 0;
  int32_t associations = 0;
  decodeValue(*stored, count, associations);
  if (count <= 1) {
    state_->remove(record);
    return;
  }
  encodeValue(count - 1, associations, value_);
  state_->put(record, value_);
}

void JoinRecordStateView::updateNumOfAssociations(const std::string& record, int32_t associations) {
  std::optional<std::string> stored = state_->get(record);
  if (!stored) return;
  int32_t count = 0;
  int32_t ignored = 0;
  decodeValue(*stored, count, ignored);
  encodeValue(count, associations, value_);
  state_->put(record, value_);
}

void JoinRecordStateView::records(std::vector<StoredJoinRecord>& out) {
  out.clear();
  for (auto& [record, value] : state_->entries()) {
    StoredJoinRecord stored;
    stored.record = record;
    decodeValue(value, stored.count, stored.associations);
    out.push_back(std::move(stored));
  }
  // By value, so matches are emitted in one order whatever the map's layout.
  std::sort(out.begin(), out.end(), [](const StoredJoinRecord& a, const StoredJoinRecord& b) { return a.record < b.record; });
}

}  // namespace eddy::sql
