#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_row_data_deserialization_schema.h"
#include "eddy/formats/avro/avro_row_data_serialization_schema.h"
#include "eddy/formats/avro/confluent_registry_avro_deserialization_schema.h"
#include "eddy/formats/avro/confluent_registry_avro_serialization_schema.h"
#include "eddy/formats/canal/canal_json_deserializer.h"
#include "eddy/formats/canal/canal_json_serializer.h"
#include "eddy/formats/csv/csv_row_deserializer.h"
#include "eddy/formats/csv/csv_row_serializer.h"
#include "eddy/formats/debezium/debezium_json_deserializer.h"
#include "eddy/formats/debezium/debezium_json_serializer.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/formats/json/json_row_serializer.h"
#include "eddy/formats/raw/raw_format_deserializer.h"
#include "eddy/formats/raw/raw_format_serializer.h"
#include "eddy/types/row.h"

namespace eddy::sql {

// Decodes one message (a Kafka key or value) into the changelog rows of a table format
// (Flink's DeserializationSchema<RowData> of a DecodingFormat). The format is picked once,
// so the per-message call is a switch, not a virtual call. Not thread-safe (decoders reuse
// parsers): one per reader.
class RowFormatDecoder {
 public:
  using Decoder = std::variant<formats::json::JsonRowDeserializer, formats::csv::CsvRowDeserializer,
                               formats::raw::RawFormatDeserializer, formats::debezium::DebeziumJsonDeserializer,
                               formats::canal::CanalJsonDeserializer, formats::avro::AvroRowDataDeserializationSchema,
                               formats::avro::ConfluentRegistryAvroDeserializationSchema>;

  explicit RowFormatDecoder(Decoder decoder) : decoder_(std::move(decoder)) {}

  // Appends the rows of `message` (std::nullopt: a null message, e.g. a tombstone) to
  // `out`. json, csv, debezium-json and canal-json skip a null message; raw makes it a row
  // with a null field.
  Status decode(std::optional<std::string_view> message, std::vector<types::Row>& out);

  // How many messages the format has skipped as malformed so far ('json.ignore-parse-errors');
  // 0 for formats that do not count them.
  int64_t skippedRecords() const;

 private:
  Decoder decoder_;
};

// Encodes a row as one message in a table format (Flink's SerializationSchema<RowData> of an
// EncodingFormat). Thread-compatible.
class RowFormatEncoder {
 public:
  using Encoder = std::variant<formats::json::JsonRowSerializer, formats::csv::CsvRowSerializer,
                               formats::raw::RawFormatSerializer, formats::debezium::DebeziumJsonSerializer,
                               formats::canal::CanalJsonSerializer, formats::avro::AvroRowDataSerializationSchema,
                               formats::avro::ConfluentRegistryAvroSerializationSchema>;

  explicit RowFormatEncoder(Encoder encoder) : encoder_(std::move(encoder)) {}

  // Appends the message of `row` to `out`; false when the message is null (raw, for a null
  // field).
  Result<bool> encode(const types::Row& row, std::string& out) const;

 private:
  Encoder encoder_;
};

}  // namespace eddy::sql
