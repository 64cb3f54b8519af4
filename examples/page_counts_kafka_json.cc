#include "page_counts_kafka_json.h"

#include <ctime>

#include <fmt/format.h>

#include "eddy/types/logical_type_parser.h"

namespace eddy::examples {

std::string pageEventJson(const PageEvent& event) {
  const int64_t millis = event.timestamp;
  const auto seconds = static_cast<std::time_t>(millis >= 0 ? millis / 1000 : (millis - 999) / 1000);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return fmt::format(R"({{"user_id":"{}","page":"{}","event_time":"{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}"}})",
                     event.user_id, event.page, utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday, utc.tm_hour,
                     utc.tm_min, utc.tm_sec, ((millis % 1000) + 1000) % 1000);
}

Status PageEventDeserializer::deserialize(std::string_view message, int64_t timestamp,
                                          runtime::RecordBatch<PageEvent>& out) {
  if (!rows_) {
    EDDY_ASSIGN_OR_RETURN(types::LogicalType type,
                          types::LogicalTypeParser::parse("ROW<user_id STRING, page STRING, event_time TIMESTAMP(3)>"));
    EDDY_ASSIGN_OR_RETURN(formats::json::JsonRowDeserializer rows, formats::json::JsonRowDeserializer::create(type));
    rows_.emplace(std::move(rows));
  }
  EDDY_ASSIGN_OR_RETURN(std::optional<types::Row> row, rows_->deserialize(message));
  if (!row) return Status::OK();
  if (row->getField(0).isNull() || row->getField(2).isNull()) {
    return InvalidArgument(fmt::format("page event without user_id or event_time: {}", message));
  }
  PageEvent event;
  event.user_id = row->getField(0).getString();
  if (!row->getField(1).isNull()) event.page = row->getField(1).getString();
  event.timestamp = row->getField(2).getTimestamp().getMillisecond();
  out.add(std::move(event), timestamp);
  return Status::OK();
}

}  // namespace eddy::examples
