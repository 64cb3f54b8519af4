#include "eddy/connectors/kafka/kafka_source.h"

#include <regex>

#include <fmt/format.h>

namespace eddy::connectors::kafka {

Status validateSourceOptions(const KafkaSourceOptions& options, bool has_deserializer) {
  if (!options.properties.contains("bootstrap.servers")) {
    return InvalidArgument("Property bootstrap.servers is required but not provided");
  }
  if (options.topics.empty() == options.topic_pattern.empty()) {
    return InvalidArgument("Exactly one of setTopics or setTopicPattern must be called: the source reads either a "
                           "list of topics or the topics matching a pattern");
  }
  if (!options.topic_pattern.empty()) {
    try {
      std::regex check(options.topic_pattern);
    } catch (const std::regex_error& e) {
      return InvalidArgument(fmt::format("Invalid topic pattern '{}': {}", options.topic_pattern, e.what()));
    }
  }
  if (!has_deserializer) return InvalidArgument("Deserialization schema is required but not provided.");
  if (options.starting_offsets.kind() == OffsetsInitializer::Kind::kCommitted && options.group_id.empty()) {
    return InvalidArgument("Property group.id is required when using committed offset for offsets initializer");
  }
  return Status::OK();
}

}  // namespace eddy::connectors::kafka
