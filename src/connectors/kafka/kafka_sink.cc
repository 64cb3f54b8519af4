#include "eddy/connectors/kafka/kafka_sink.h"

#include <charconv>

#include <fmt/format.h>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"

namespace eddy::connectors::kafka {

namespace {

Status checkVersion(int version) {
  if (version != 1) return NotSupported(fmt::format("Kafka sink state version {} is not supported", version));
  return Status::OK();
}

}  // namespace

std::string KafkaCommittableSerializer::serialize(const KafkaCommittable& value) const {
  types::DataOutputSerializer out;
  out.writeLengthPrefixed(value.transactional_id);
  return std::string(out.data());
}

Result<KafkaCommittable> KafkaCommittableSerializer::deserialize(int version, std::string_view bytes) const {
  EDDY_RETURN_IF_ERROR(checkVersion(version));
  types::DataInputDeserializer in(bytes);
  KafkaCommittable committable;
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(committable.transactional_id));
  return committable;
}

std::string KafkaWriterStateSerializer::serialize(const KafkaWriterState& value) const {
  types::DataOutputSerializer out;
  out.writeLengthPrefixed(value.transactional_id_prefix);
  out.writeInt(value.subtask_index);
  out.writeLong(value.transaction_index);
  return std::string(out.data());
}

Result<KafkaWriterState> KafkaWriterStateSerializer::deserialize(int version, std::string_view bytes) const {
  EDDY_RETURN_IF_ERROR(checkVersion(version));
  types::DataInputDeserializer in(bytes);
  KafkaWriterState state;
  EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(state.transactional_id_prefix));
  EDDY_RETURN_IF_ERROR(in.readInt(state.subtask_index));
  EDDY_RETURN_IF_ERROR(in.readLong(state.transaction_index));
  return state;
}

int64_t maxBlockMs(const KafkaSinkOptions& options) {
  auto it = options.properties.find("max.block.ms");
  int64_t value = 60000;
  if (it != options.properties.end()) std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  return value;
}

Status validateSinkOptions(const KafkaSinkOptions& options, bool has_serializer) {
  if (!options.properties.contains("bootstrap.servers")) {
    return InvalidArgument("bootstrap.servers must be set: call setBootstrapServers");
  }
  if (!has_serializer) return InvalidArgument("recordSerializer must be set: call setRecordSerializer");
  if (options.delivery_guarantee == DeliveryGuarantee::EXACTLY_ONCE && options.transactional_id_prefix.empty()) {
    return InvalidArgument("EXACTLY_ONCE delivery guarantee requires a transactionalIdPrefix to be set to provide "
                           "unique transaction names across multiple KafkaSinks writing to the same Kafka cluster.");
  }
  return Status::OK();
}

}  // namespace eddy::connectors::kafka
