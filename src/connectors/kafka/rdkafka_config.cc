#include "connectors/kafka/rdkafka_config.h"

#include <charconv>
#include <regex>
#include <string_view>

#include <fmt/format.h>

#include "eddy/common/configuration.h"
#include "eddy/common/logging.h"

namespace eddy::connectors::kafka {

namespace {

// Java client settings that librdkafka cannot honour, with what to use instead.
const std::map<std::string, std::string, std::less<>>& unsupportedJavaKeys() {
  static const std::map<std::string, std::string, std::less<>> keys{
      {"ssl.truststore.location", "ssl.ca.location (a PEM file)"},
      {"ssl.truststore.password", "ssl.ca.location (a PEM file)"},
      {"ssl.truststore.type", "ssl.ca.location (a PEM file)"},
      {"ssl.keystore.location", "ssl.certificate.location and ssl.key.location (PEM files)"},
      {"ssl.keystore.password", "ssl.key.password"},
      {"ssl.keystore.type", "ssl.certificate.location and ssl.key.location (PEM files)"},
      {"sasl.login.callback.handler.class", "sasl.oauthbearer.* settings"},
      {"sasl.client.callback.handler.class", "sasl.oauthbearer.* settings"},
      {"partitioner.class", "KafkaRecordSerializationSchema's setPartitioner"},
      {"interceptor.classes", "nothing: interceptors are Java classes"},
  };
  return keys;
}

// Keys Flink sets itself for its clients: the user's value is ignored, as in Flink.
bool isOverriddenByFlink(std::string_view key) {
  return key == "key.deserializer" || key == "value.deserializer" || key == "key.serializer" ||
         key == "value.serializer" || key == "enable.auto.commit" || key == "client.id.prefix" ||
         key == "register.consumer.metrics" || key == "register.producer.metrics";
}

Result<int64_t> parseLong(const std::string& key, const std::string& value) {
  int64_t out = 0;
  auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), out);
  if (ec != std::errc() || end != value.data() + value.size()) {
    return InvalidArgument(fmt::format("Invalid value '{}' for Kafka property '{}': not a number", value, key));
  }
  return out;
}

// The username and password of a PLAIN or SCRAM JAAS line:
// `org.apache.kafka.common.security.plain.PlainLoginModule required username="u" password="p";`
Status translateJaasConfig(rd_kafka_conf_t* conf, const std::string& value) {
  static const std::regex kLoginModule(R"(\s*\S+LoginModule\s+required\b(.*?);?\s*)");
  static const std::regex kOption(R"re((\w+)\s*=\s*"([^"]*)")re");
  std::smatch module;
  if (!std::regex_match(value, module, kLoginModule) ||
      (value.find("PlainLoginModule") == std::string::npos && value.find("ScramLoginModule") == std::string::npos)) {
    return NotSupported(
        "Kafka property 'sasl.jaas.config' is supported for PlainLoginModule and ScramLoginModule only; set "
        "sasl.username and sasl.password instead");
  }
  const std::string options = module[1].str();
  for (std::sregex_iterator it(options.begin(), options.end(), kOption), end; it != end; ++it) {
    const std::string name = (*it)[1].str();
    if (name == "username") EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf, "sasl.username", (*it)[2].str()));
    if (name == "password") EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf, "sasl.password", (*it)[2].str()));
  }
  return Status::OK();
}

// librdkafka's log lines into eddy::log (librdkafka itself redacts secrets in what it logs).
void logToEddy(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  log::Level eddy_level = level <= 3 ? log::Level::kError : level <= 4 ? log::Level::kWarn
                                                         : level <= 6 ? log::Level::kInfo
                                                                      : log::Level::kDebug;
  if (!log::isEnabled(eddy_level)) return;
  log::write(eddy_level, fmt::format("librdkafka {} {}: {}", rk ? rd_kafka_name(rk) : "", facility, message));
}

}  // namespace

Status setRdKafkaProperty(rd_kafka_conf_t* conf, const std::string& key, const std::string& value) {
  char error[512];
  if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), error, sizeof(error)) == RD_KAFKA_CONF_OK) {
    return Status::OK();
  }
  if (GlobalConfiguration::isSensitive(key)) {
    return InvalidArgument(fmt::format("Invalid Kafka property '{}' (value hidden)", key));
  }
  return InvalidArgument(fmt::format("Invalid Kafka property '{}' = '{}': {}", key, value, error));
}

std::string maskedProperties(const std::map<std::string, std::string>& properties) {
  std::string out;
  for (const auto& [key, value] : properties) {
    if (!out.empty()) out += ", ";
    out += key + "=" + (GlobalConfiguration::isSensitive(key) ? std::string(GlobalConfiguration::kHiddenContent) : value);
  }
  return out;
}

Result<RdKafkaConf> makeRdKafkaConf(const std::map<std::string, std::string>& properties, ClientRole role,
                                    ClientSettings& settings) {
  RdKafkaConf conf(rd_kafka_conf_new());
  rd_kafka_conf_set_log_cb(conf.get(), logToEddy);
  for (const auto& [key, value] : properties) {
    if (isOverriddenByFlink(key)) continue;
    if (auto it = unsupportedJavaKeys().find(key); it != unsupportedJavaKeys().end()) {
      return NotSupported(fmt::format("Kafka property '{}' is a Java client setting librdkafka does not support; use {}",
                                      key, it->second));
    }
    if (key == "default.api.timeout.ms") {
      EDDY_ASSIGN_OR_RETURN(settings.api_timeout_ms, parseLong(key, value));
    } else if (key == "max.block.ms") {
      EDDY_ASSIGN_OR_RETURN(settings.max_block_ms, parseLong(key, value));
    } else if (key == "partition.discovery.interval.ms") {
      EDDY_ASSIGN_OR_RETURN(settings.partition_discovery_interval_ms, parseLong(key, value));
    } else if (key == "commit.offsets.on.checkpoint") {
      if (value != "true" && value != "false") {
        return InvalidArgument(fmt::format("Invalid value '{}' for Kafka property '{}': not a boolean", value, key));
      }
      settings.commit_offsets_on_checkpoint = value == "true";
    } else if (key == "sasl.jaas.config") {
      EDDY_RETURN_IF_ERROR(translateJaasConfig(conf.get(), value));
    } else if (key == "buffer.memory") {
      EDDY_ASSIGN_OR_RETURN(int64_t bytes, parseLong(key, value));
      EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "queue.buffering.max.kbytes", std::to_string(bytes / 1024)));
    } else if (key == "auto.offset.reset") {
      // Java's "none" is librdkafka's "error": no reset, a failure instead.
      EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), key, value == "none" ? "error" : value));
    } else if (key == "max.poll.records" || key == "key.deserializer.encoding") {
      // A fetch is sized by the batch, not by this Java consumer setting.
      continue;
    } else {
      EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), key, value));
    }
  }
  if (role == ClientRole::kProducer) {
    // The Java client's default partitioner hashes keys with murmur2, as this one does, so a
    // key lands in the same partition as from a Java producer.
    if (!properties.contains("partitioner")) EDDY_RETURN_IF_ERROR(setRdKafkaProperty(conf.get(), "partitioner", "murmur2_random"));
  }
  return conf;
}

}  // namespace eddy::connectors::kafka
