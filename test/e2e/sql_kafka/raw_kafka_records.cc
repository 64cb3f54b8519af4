#include "sql_kafka/raw_kafka_records.h"

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <map>
#include <thread>

#include <fmt/format.h>

#include "connectors/tests/kafka_test_broker.h"
#include "eddy/connectors/kafka/kafka_partition_split_reader.h"

namespace eddy::sql::kafka_test {

namespace {

using connectors::kafka::KafkaConsumerRecord;
using connectors::kafka::KafkaHeader;
using connectors::kafka::testing::KafkaTestBroker;

// A librdkafka client of the test broker; null with the reason in `error`.
rd_kafka_t* newClient(rd_kafka_type_t type, const std::map<std::string, std::string>& properties, std::string& error) {
  char text[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", KafkaTestBroker::bootstrapServers().c_str(), text, sizeof(text));
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), text, sizeof(text)) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      error = text;
      return nullptr;
    }
  }
  rd_kafka_t* rk = rd_kafka_new(type, conf, text, sizeof(text));
  if (!rk) error = text;
  return rk;
}

}  // namespace

std::string RawRecord::toString() const {
  std::string out = fmt::format("p{}@{} key={} value={}", partition, offset, key.value_or("null"), value.value_or("null"));
  if (!headers.empty()) {
    out += " headers={";
    for (size_t i = 0; i < headers.size(); ++i) {
      out += fmt::format("{}{}={}", i > 0 ? ", " : "", headers[i].first, headers[i].second.value_or("null"));
    }
    out += "}";
  }
  return out;
}

Status produceRaw(const std::string& topic, const std::vector<RawRecord>& records) {
  std::string error;
  rd_kafka_t* rk = newClient(RD_KAFKA_PRODUCER, {}, error);
  if (!rk) return IOError(error);
  for (const RawRecord& record : records) {
    rd_kafka_headers_t* headers = rd_kafka_headers_new(record.headers.size());
    for (const auto& [name, value] : record.headers) {
      rd_kafka_header_add(headers, name.data(), static_cast<ssize_t>(name.size()), value ? value->data() : nullptr,
                          value ? static_cast<ssize_t>(value->size()) : 0);
    }
    void* key = record.key ? const_cast<char*>(record.key->data()) : nullptr;
    void* value = record.value ? const_cast<char*>(record.value->data()) : nullptr;
    const size_t key_size = record.key ? record.key->size() : 0;
    const size_t value_size = record.value ? record.value->size() : 0;
    rd_kafka_resp_err_t err = rd_kafka_producev(
        rk, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(record.partition),
        RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_KEY(key, key_size), RD_KAFKA_V_VALUE(value, value_size),
        RD_KAFKA_V_TIMESTAMP(record.timestamp), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_END);
    if (err) {
      rd_kafka_headers_destroy(headers);
      rd_kafka_destroy(rk);
      return IOError(rd_kafka_err2str(err));
    }
  }
  rd_kafka_resp_err_t err = rd_kafka_flush(rk, 30000);
  rd_kafka_destroy(rk);
  return err ? IOError(rd_kafka_err2str(err)) : Status::OK();
}

std::vector<RawRecord> consumeRaw(const std::string& topic, const std::string& isolation_level, size_t expected,
                                  int64_t wait_ms) {
  connectors::kafka::KafkaSourceOptions options;
  options.topics = {topic};
  options.properties = {{"bootstrap.servers", KafkaTestBroker::bootstrapServers()}, {"isolation.level", isolation_level}};
  connectors::kafka::KafkaPartitionSplitReader reader(options, 0, 1);
  std::map<std::pair<int32_t, int64_t>, RawRecord> by_position;
  std::vector<KafkaConsumerRecord> records;
  SplitRuns runs;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(wait_ms);
  while (by_position.size() < expected && std::chrono::steady_clock::now() < deadline) {
    if (!reader.fetch(records, 1024, runs).ok()) break;
    for (const KafkaConsumerRecord& record : records) {
      RawRecord& raw = by_position[{record.partition, record.offset}];
      raw.partition = record.partition;
      raw.offset = record.offset;
      raw.timestamp = record.timestamp;
      if (!record.key_is_null) raw.key = std::string(record.key);
      if (!record.value_is_null) raw.value = std::string(record.value);
      for (const KafkaHeader& header : record.headers) {
        raw.headers.emplace_back(std::string(header.key),
                                 header.value_is_null ? std::nullopt : std::optional(std::string(header.value)));
      }
    }
    if (records.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  reader.close();
  std::vector<RawRecord> out;
  for (auto& [position, record] : by_position) out.push_back(std::move(record));
  return out;
}

Status commitGroupOffset(const std::string& group_id, const std::string& topic, int32_t partition, int64_t offset) {
  std::string error;
  rd_kafka_t* rk = newClient(RD_KAFKA_CONSUMER, {{"group.id", group_id}}, error);
  if (!rk) return IOError(error);
  rd_kafka_topic_partition_list_t* offsets = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(offsets, topic.c_str(), partition)->offset = offset;
  rd_kafka_resp_err_t err = rd_kafka_commit(rk, offsets, 0);
  rd_kafka_topic_partition_list_destroy(offsets);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return err ? IOError(fmt::format("Cannot commit the offset of group {}: {}", group_id, rd_kafka_err2str(err)))
             : Status::OK();
}

}  // namespace eddy::sql::kafka_test
