#include "eddy/state/heap/packed_value_state.h"

namespace eddy::state {

namespace {

// The key groups' maps when it was taken, written out as HeapValueState's entries.
class PackedSnapshot final : public HeapStateSnapshot {
 public:
  PackedSnapshot(int first_key_group, std::vector<std::shared_ptr<const PackedKeyMap>> maps,
                 const PackedValueCodec& codec, std::shared_ptr<StateTableVersions> versions, uint64_t version)
      : first_key_group_(first_key_group),
        maps_(std::move(maps)),
        codec_(codec),
        versions_(std::move(versions)),
        version_(version) {}
  ~PackedSnapshot() override { versions_->releaseSnapshot(version_); }

  Status writeTo(StateSnapshot& out) const override {
    const std::string ns = types::serializeToBytes(VoidNamespace{});
    for (size_t i = 0; i < maps_.size(); ++i) {
      if (!maps_[i]) continue;
      const PackedLayout& layout = maps_[i]->layout();
      std::vector<StateEntry>& entries = out.key_groups[first_key_group_ + static_cast<int>(i)];
      maps_[i]->forEach([&](const uint64_t* key, const uint64_t* value) {
        StateEntry entry;
        entry.key = types::serializeToBytes(std::string(keyBytes(layout, key)));
        entry.ns = ns;
        entry.value = codec_.encode(value);
        entries.push_back(std::move(entry));
      });
    }
    return Status::OK();
  }

 private:
  int first_key_group_;
  std::vector<std::shared_ptr<const PackedKeyMap>> maps_;
  // A copy: the snapshot may outlive the state.
  PackedValueCodec codec_;
  std::shared_ptr<StateTableVersions> versions_;
  uint64_t version_;
};

}  // namespace

std::unique_ptr<HeapStateSnapshot> PackedValueState::stateSnapshot() const {
  const uint64_t version = versions_->beginSnapshot();
  std::vector<std::shared_ptr<const PackedKeyMap>> maps;
  maps.reserve(slots_.size());
  for (const KeyGroupSlot& slot : slots_) maps.push_back(slot.map);
  return std::make_unique<PackedSnapshot>(range_.start, std::move(maps), codec_, versions_, version);
}

Status PackedValueState::restore(const StateSnapshot& in) {
  std::vector<uint64_t> key(layout_.key_words);
  for (const auto& [key_group, entries] : in.key_groups) {
    if (!range_.contains(key_group)) continue;
    PackedKeyMap& map = writableMap(static_cast<size_t>(key_group - range_.start));
    for (const StateEntry& entry : entries) {
      EDDY_ASSIGN_OR_RETURN(std::string bytes, types::deserializeFromBytes<std::string>(entry.key));
      if (bytes.size() > layout_.maxKeyBytes()) {
        return Corruption(fmt::format("State '{}' has a key of {} bytes where this operator's keys take at most {}",
                                      in.name, bytes.size(), layout_.maxKeyBytes()));
      }
      packKey(layout_, bytes, key.data());
      bool created;
      uint64_t* value = map.findOrInsert(key.data(), hashKey(layout_, key.data()), created);
      EDDY_RETURN_IF_ERROR(codec_.decode(entry.value, value));
    }
  }
  return Status::OK();
}

}  // namespace eddy::state
