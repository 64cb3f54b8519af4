#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "eddy/connectors/kafka/offsets_initializer.h"

namespace eddy::connectors::kafka {

// Everything a KafkaSource's readers need, as the builder collected it.
struct KafkaSourceOptions {
  // Topics to read (setTopics) or a regular expression over topic names (setTopicPattern,
  // matched against the whole name, as Java's Pattern.matches). Exactly one is set.
  std::vector<std::string> topics;
  std::string topic_pattern;
  // Default: none (offsets are then not committed; committedOffsets() needs one).
  std::string group_id;
  // Default: earliest(), as Flink's KafkaSourceBuilder.
  OffsetsInitializer starting_offsets = OffsetsInitializer::earliest();
  // Where every partition stops; none reads on forever.
  std::optional<OffsetsInitializer> stopping_offsets;
  // setBounded: the source ends when every partition reached its stopping offset.
  bool bounded = false;
  // Client properties, Flink/Java keys included (translated for librdkafka).
  std::map<std::string, std::string> properties;
};

}  // namespace eddy::connectors::kafka
