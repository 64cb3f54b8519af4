#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "eddy/common/status.h"
#include "eddy/connectors/kafka/kafka_sink.h"
#include "eddy/connectors/kafka/simple_string_schema.h"
#include "eddy/datastream.h"

namespace eddy::e2e {

// The tail the Kafka chaos jobs share: running sums as "(key,sum)" lines (uid "format")
// into `topic` through a KafkaSink EXACTLY_ONCE with `transactional_id_prefix`. The
// sink's configuration error, if any.
inline Status sinkRunningSumsToKafka(DataStream<std::pair<int64_t, int64_t>>& sums, const std::string& bootstrap,
                                     const std::string& topic, const std::string& transactional_id_prefix) {
  using namespace connectors::kafka;
  auto lines = sums.map([](const std::pair<int64_t, int64_t>& kv) { return fmt::format("({},{})", kv.first, kv.second); });
  lines.uid("format");
  EDDY_ASSIGN_OR_RETURN(auto schema, KafkaRecordSerializationSchema<std::string>::builder()
                                         .setTopic(topic)
                                         .setValueSerializationSchema(SimpleStringSchema())
                                         .build());
  EDDY_ASSIGN_OR_RETURN(auto sink, KafkaSink<std::string>::builder()
                                       .setBootstrapServers(bootstrap)
                                       .setRecordSerializer(schema)
                                       .setDeliveryGuarantee(DeliveryGuarantee::EXACTLY_ONCE)
                                       .setTransactionalIdPrefix(transactional_id_prefix)
                                       .build());
  lines.sinkTo(sink, "Kafka Sink");
  return Status::OK();
}

}  // namespace eddy::e2e
