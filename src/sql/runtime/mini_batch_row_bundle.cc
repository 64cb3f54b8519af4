#include "sql/runtime/mini_batch_row_bundle.h"

#include <cstring>

#include "sql/runtime/record_codec.h"

namespace eddy::sql {

void MiniBatchRowBundle::save(std::vector<std::string>& elements) {
  appendBundleEntries(
      bundle_,
      [this](const std::vector<RowRef>& refs, std::string& out) {
        for (RowRef ref : refs) {
          const types::ColumnBatch& rows = chunkOf(ref);
          const size_t row = rowOf(ref);
          record_.clear();
          encodeRecord(rows, row, record_);
          out.push_back(static_cast<char>(rows.rowKind(row)));
          const auto size = static_cast<uint32_t>(record_.size());
          out.append(reinterpret_cast<const char*>(&size), sizeof(size));
          out += record_;
        }
      },
      elements);
}

void MiniBatchRowBundle::restore(const std::vector<std::string>& saved,
                                 const state::KeyedStateBackendT<std::string>& backend) {
  auto restored = std::make_shared<types::ColumnBatch>(row_type_);
  for (const std::string& element : saved) {
    auto [key, rows] = decodeBundleEntry(element);
    key_.assign(key);
    if (!backend.getKeyGroupRange().contains(backend.keyGroupOf(key_))) continue;
    std::vector<RowRef>& refs = bundle_.get(key);
    while (!rows.empty()) {
      const auto kind = static_cast<types::RowKind>(rows[0]);
      uint32_t size = 0;
      std::memcpy(&size, rows.data() + 1, sizeof(size));
      decodeRecordInto(rows.substr(1 + sizeof(size), size), *restored, 0);
      restored->appendRowKind(kind);
      refs.push_back(restored->size() - 1);
      rows.remove_prefix(1 + sizeof(size) + size);
    }
  }
  if (!bundle_.empty()) chunks_.push_back(std::move(restored));
}

}  // namespace eddy::sql
