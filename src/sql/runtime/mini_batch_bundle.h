#pragma once

#include <absl/container/flat_hash_map.h>
#include <absl/strings/string_view.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eddy::sql {

// The keys of the current bundle of a mini-batch operator, each with what the operator
// buffered for it (Flink's MapBundleFunction bundle), in the order the keys arrived so that
// a bundle's output order does not depend on hashing. Keys are the encoded group keys
// (row_selector.h). Used by one operator instance.
template <typename V>
class MiniBatchBundle {
 public:
  // The value of `key`, default-constructed when the key is new to the bundle.
  V& get(std::string_view key) {
    auto [it, added] = index_.try_emplace(absl::string_view(key.data(), key.size()), entries_.size());
    if (added) entries_.emplace_back(std::string(key), V());
    return entries_[it->second].second;
  }
  std::vector<std::pair<std::string, V>>& entries() { return entries_; }
  const std::vector<std::pair<std::string, V>>& entries() const { return entries_; }
  bool empty() const { return entries_.empty(); }
  void clear() {
    index_.clear();
    entries_.clear();
  }

 private:
  absl::flat_hash_map<std::string, size_t> index_;
  std::vector<std::pair<std::string, V>> entries_;
};

// The operator state a mini-batch operator keeps its open bundle in on a checkpoint, so that
// the rows it took before the barrier are neither lost nor applied twice on restore.
inline constexpr const char* kBundleStateName = "mini-batch-bundle";

// A bundle entry as it goes into that state: the key's length (4 bytes), the key, the value.
inline std::string encodeBundleEntry(std::string_view key, std::string_view value) {
  std::string out;
  const auto size = static_cast<uint32_t>(key.size());
  out.append(reinterpret_cast<const char*>(&size), sizeof(size));
  out.append(key);
  out.append(value);
  return out;
}

// The key and the value of an entry encodeBundleEntry wrote.
inline std::pair<std::string_view, std::string_view> decodeBundleEntry(std::string_view entry) {
  uint32_t size = 0;
  std::memcpy(&size, entry.data(), sizeof(size));
  entry.remove_prefix(sizeof(size));
  return {entry.substr(0, size), entry.substr(size)};
}

// Appends one element per key of `bundle` to `elements` (encodeBundleEntry), with the value's
// bytes as `encode(value, out)` appends them.
template <typename V, typename Encode>
void appendBundleEntries(const MiniBatchBundle<V>& bundle, Encode encode, std::vector<std::string>& elements) {
  std::string bytes;
  for (const auto& [key, value] : bundle.entries()) {
    bytes.clear();
    encode(value, bytes);
    elements.push_back(encodeBundleEntry(key, bytes));
  }
}

}  // namespace eddy::sql
