#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/runtime/record_batch.h"
#include "page_events.h"

namespace eddy::examples {

// The JSON of a page event on the `page-events` topic, as the seed's SQL table reads it
// with 'format' = 'json': {"user_id":"user-1","page":"/page/3","event_time":"2026-01-01 00:04:59.123"}
// (event_time in Flink's SQL timestamp format, UTC).
std::string pageEventJson(const PageEvent& event);

// Reads page events from their JSON (the seed's PageEventDeserializer): a value-only
// deserialization schema for KafkaSource. A malformed message fails the job, naming the
// record (topic, partition, offset) and the parse error. The source copies it for each
// reader; a copy makes its own JSON parser on first use. Used by one thread.
class PageEventDeserializer {
 public:
  using ProducedType = PageEvent;

  PageEventDeserializer() = default;
  PageEventDeserializer(const PageEventDeserializer&) {}
  PageEventDeserializer& operator=(const PageEventDeserializer&) = delete;

  Status deserialize(std::string_view message, int64_t timestamp, runtime::RecordBatch<PageEvent>& out);

 private:
  std::optional<formats::json::JsonRowDeserializer> rows_;
};

// Writes page events as their JSON: a value serialization schema for KafkaSink.
class PageEventSerializer {
 public:
  Status serialize(const PageEvent& event, std::string& out) const {
    out.append(pageEventJson(event));
    return Status::OK();
  }
};

// Writes a page event's user id as its Kafka key, so that a user's events stay in one
// partition, in order.
class PageEventKeySerializer {
 public:
  Status serialize(const PageEvent& event, std::string& out) const {
    out.append(event.user_id);
    return Status::OK();
  }
};

}  // namespace eddy::examples
