#pragma once

#include <string>
#include <vector>

#include "eddy/runtime/record_batch.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "sql/runtime/row_chunk.h"
#include "sql/runtime/row_selector.h"

namespace eddy::sql {

// Calls `f(rows, i)` for every row of the chunks in `batch` with the keyed backend's current
// key set to the row's `keys` fields (encoded into `key`, a buffer the caller reuses): the
// input loop of a keyed SQL operator that handles its rows one key at a time.
template <typename F>
void forEachKeyedRow(runtime::BatchBase& batch, const std::vector<int>& keys,
                     state::KeyedStateBackendT<std::string>& backend, std::string& key, F&& f) {
  auto& in = static_cast<runtime::RecordBatch<RowChunk>&>(batch);
  for (size_t b = 0; b < in.size(); ++b) {
    const types::ColumnBatch& rows = *in.values[b].batch;
    for (size_t i = 0; i < rows.size(); ++i) {
      key.clear();
      encodeRowKey(rows, keys, i, key);
      backend.setCurrentKey(key);
      f(rows, i);
    }
  }
}

}  // namespace eddy::sql
