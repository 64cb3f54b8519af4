#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include <librdkafka/rdkafka.h>

#include "eddy/common/result.h"

namespace eddy::connectors::kafka {

// Which client a configuration is for: some Java keys mean different things to each.
enum class ClientRole { kConsumer, kProducer };

// Owns an rd_kafka_conf_t until rd_kafka_new takes it.
struct RdKafkaConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using RdKafkaConf = std::unique_ptr<rd_kafka_conf_t, RdKafkaConfDeleter>;

// Owns a client handle.
struct RdKafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using RdKafkaHandle = std::unique_ptr<rd_kafka_t, RdKafkaDeleter>;

// The client settings Eddy itself acts on, taken out of the properties before librdkafka
// sees them (Flink's and the Java client's keys that librdkafka does not know).
struct ClientSettings {
  // 'default.api.timeout.ms' (Java client): how long metadata and offset look-ups are
  // retried before the job fails. Default: 60000, as the Java client.
  int64_t api_timeout_ms = 60000;
  // 'max.block.ms' (Java producer): how long init/commit/flush of the producer may block.
  // Default: 60000, as the Java client.
  int64_t max_block_ms = 60000;
  // 'partition.discovery.interval.ms' (Flink's KafkaSourceOptions); <= 0 disables it.
  // Default: 300000 (5 minutes), as Flink's KafkaSourceBuilder.
  int64_t partition_discovery_interval_ms = 300000;
  // 'commit.offsets.on.checkpoint' (Flink's KafkaSourceOptions). Default: true.
  bool commit_offsets_on_checkpoint = true;
};

// Builds a librdkafka configuration from Flink-style properties: librdkafka's own keys pass
// through; the Java client's keys are translated (sasl.jaas.config with a username and a
// password, buffer.memory, auto.offset.reset=none, …) or ignored where Flink overrides them
// (key/value (de)serializers); Java-only settings librdkafka cannot honour (JKS trust and
// key stores, …) fail with NotSupported naming the key and librdkafka's alternative. A bad
// key or value is an InvalidArgument naming the key; secret values never appear in errors
// or logs. librdkafka's logs go to eddy::log.
Result<RdKafkaConf> makeRdKafkaConf(const std::map<std::string, std::string>& properties, ClientRole role,
                                    ClientSettings& settings);

// Sets one librdkafka key, masking secret values in the error.
Status setRdKafkaProperty(rd_kafka_conf_t* conf, const std::string& key, const std::string& value);

// "key=value, …" with secret values masked, for logs and errors.
std::string maskedProperties(const std::map<std::string, std::string>& properties);

}  // namespace eddy::connectors::kafka
