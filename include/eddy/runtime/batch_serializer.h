#pragma once

#include <cstdint>
#include <memory>
#include <type_traits>

#include "eddy/common/result.h"
#include "eddy/runtime/record_batch.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "eddy/types/has_type_serializer.h"

namespace eddy::runtime {

// How the batches of one edge become bytes and back, for the in-flight data that unaligned
// checkpoints persist (Flink's channel state holds the serialized buffers of a channel). One
// virtual call per batch; the records go through TypeSerializer<T>. Thread-safe (stateless).
class BatchSerializer {
 public:
  virtual ~BatchSerializer() = default;
  // Writes the record count, then per record its timestamp and value.
  virtual void serialize(const BatchBase& batch, types::DataOutputSerializer& out) const = 0;
  virtual Result<std::unique_ptr<BatchBase>> deserialize(types::DataInputDeserializer& in) const = 0;
};

// The BatchSerializer of RecordBatch<T>. REQUIRES: types::kHasTypeSerializer<T>, T default-constructible.
template <typename T>
class RecordBatchSerializer final : public BatchSerializer {
 public:
  void serialize(const BatchBase& batch, types::DataOutputSerializer& out) const override {
    const auto& records = static_cast<const RecordBatch<T>&>(batch);
    out.writeInt(static_cast<int32_t>(records.size()));
    for (size_t i = 0; i < records.size(); ++i) {
      out.writeLong(records.timestamps[i]);
      types::TypeSerializer<T>::serialize(records.values[i], out);
    }
  }

  Result<std::unique_ptr<BatchBase>> deserialize(types::DataInputDeserializer& in) const override {
    int32_t n = 0;
    EDDY_RETURN_IF_ERROR(in.readInt(n));
    if (n < 0) return Corruption("negative record count in channel state");
    auto batch = std::make_unique<RecordBatch<T>>(static_cast<size_t>(n));
    for (int32_t i = 0; i < n; ++i) {
      int64_t timestamp = 0;
      T value{};
      EDDY_RETURN_IF_ERROR(in.readLong(timestamp));
      EDDY_RETURN_IF_ERROR(types::TypeSerializer<T>::deserialize(in, value));
      batch->add(std::move(value), timestamp);
    }
    return std::unique_ptr<BatchBase>(std::move(batch));
  }
};

// The serializer of an edge carrying T; null when T has no TypeSerializer or cannot be
// default-constructed to read into (its consumers then take aligned checkpoints only).
template <typename T>
std::shared_ptr<const BatchSerializer> makeBatchSerializer() {
  if constexpr (types::kHasTypeSerializer<T> && std::is_default_constructible_v<T>) {
    return std::make_shared<RecordBatchSerializer<T>>();
  } else {
    return nullptr;
  }
}

}  // namespace eddy::runtime
