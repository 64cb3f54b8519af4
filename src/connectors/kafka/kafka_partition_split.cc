#include "eddy/connectors/kafka/kafka_partition_split.h"

#include <fmt/format.h>

#include "eddy/state/java_hash.h"
#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::connectors::kafka {

namespace {

// The first byte of a state entry says what it is.
constexpr int8_t kSplitEntry = 1;
constexpr int8_t kKnownPartitionsEntry = 2;

}  // namespace

std::string splitToBytes(const KafkaPartitionSplit& split) {
  types::DataOutputSerializer out;
  out.writeByte(kSplitEntry);
  out.writeLengthPrefixed(split.partition.topic);
  out.writeInt(split.partition.partition);
  out.writeLong(split.starting_offset);
  out.writeLong(split.stopping_offset);
  return std::string(out.data());
}

std::string knownPartitionsToBytes(const KnownPartitions& known) {
  types::DataOutputSerializer out;
  out.writeByte(kKnownPartitionsEntry);
  out.writeInt(static_cast<int32_t>(known.size()));
  for (const auto& [topic, count] : known) {
    out.writeLengthPrefixed(topic);
    out.writeInt(count);
  }
  return std::string(out.data());
}

Result<std::variant<KafkaPartitionSplit, KnownPartitions>> sourceStateFromBytes(const std::string& bytes) {
  types::DataInputDeserializer in(bytes);
  int8_t kind = 0;
  EDDY_RETURN_IF_ERROR(in.readByte(kind));
  if (kind == kSplitEntry) {
    KafkaPartitionSplit split;
    EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(split.partition.topic));
    EDDY_RETURN_IF_ERROR(in.readInt(split.partition.partition));
    EDDY_RETURN_IF_ERROR(in.readLong(split.starting_offset));
    EDDY_RETURN_IF_ERROR(in.readLong(split.stopping_offset));
    return std::variant<KafkaPartitionSplit, KnownPartitions>(std::move(split));
  }
  if (kind == kKnownPartitionsEntry) {
    KnownPartitions known;
    int32_t size = 0;
    EDDY_RETURN_IF_ERROR(in.readInt(size));
    for (int32_t i = 0; i < size; ++i) {
      std::string topic;
      int32_t count = 0;
      EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(topic));
      EDDY_RETURN_IF_ERROR(in.readInt(count));
      known[topic] = count;
    }
    return std::variant<KafkaPartitionSplit, KnownPartitions>(std::move(known));
  }
  return Corruption(fmt::format("not a Kafka source state entry (kind {})", kind));
}

int splitOwner(const TopicPartition& partition, int num_readers) {
  // Java int arithmetic: the multiplication wraps before the mask.
  const auto hash = static_cast<uint32_t>(state::javaHashCode(partition.topic));
  const int start = static_cast<int>(((hash * 31u) & 0x7FFFFFFFu) % static_cast<uint32_t>(num_readers));
  return (start + partition.partition) % num_readers;
}

}  // namespace eddy::connectors::kafka
