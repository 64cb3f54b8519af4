#pragma once

#include <memory>
#include <vector>

#include "eddy/common/status.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::sql {

struct ChunkKeyGroups;

// The record SQL data travels in through the DataStream runtime: one chunk of up to
// kRowChunkSize rows of a changelog in columnar form, each row with its RowKind. Time
// attributes are ordinary TIMESTAMP(3)/TIMESTAMP_LTZ(3) columns; the batch's separate rowtime
// column is not used. A chunk is immutable once emitted: the batch is shared (not copied)
// when the runtime copies the record, e.g. into a network channel, so a consumer that wants
// to change rows builds a new batch.
//
// Its TypeSerializer (the members below, defined in row_chunk_serializer.cc) is
// self-describing: each chunk carries its row type, so every edge of RowChunk gets a
// BatchSerializer and SQL tasks take unaligned checkpoints, whatever the edge's row type.
struct RowChunk {
  std::shared_ptr<const types::ColumnBatch> batch;
  // The rows' key groups, when a hash Exchange computed them to route the chunk; not
  // serialized (a chunk restored from in-flight data has none).
  std::shared_ptr<const ChunkKeyGroups> key_groups;

  size_t size() const { return batch ? batch->size() : 0; }

  // The chunk as serializeColumnBatch writes it, after a presence flag (a chunk without a
  // batch is empty).
  void serialize(types::DataOutputSerializer& out) const;
  // Corruption if the bytes are truncated or do not describe a valid chunk.
  Status deserialize(types::DataInputDeserializer& in);
};

// The key groups of a chunk's rows as the hash Exchange before a keyed operator computed
// them (keyGroupOfKey of the rows' encoded `key_fields`, for `max_parallelism`), so that the
// operator need not hash every key again, as Flink's does after its KeyGroupStreamPartitioner.
// An operator takes them only when they are of its own key fields and max parallelism.
struct ChunkKeyGroups {
  std::vector<int> key_fields;
  int max_parallelism = 0;
  std::vector<int> groups;  // one per row

  // The groups of `chunk`'s rows when computed for these key fields and max parallelism;
  // nullptr otherwise.
  static const std::vector<int>* of(const RowChunk& chunk, const std::vector<int>& key_fields, int max_parallelism) {
    const ChunkKeyGroups* given = chunk.key_groups.get();
    if (!given || given->max_parallelism != max_parallelism || given->key_fields != key_fields ||
        given->groups.size() != chunk.size()) {
      return nullptr;
    }
    return &given->groups;
  }
};

// How many rows an operator puts into one chunk before emitting it.
inline constexpr size_t kRowChunkSize = 1024;

}  // namespace eddy::sql
