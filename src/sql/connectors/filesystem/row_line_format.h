#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/csv/csv_format_options.h"
#include "eddy/formats/csv/csv_row_deserializer.h"
#include "eddy/formats/csv/csv_row_serializer.h"
#include "eddy/formats/json/json_format_options.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/formats/json/json_row_serializer.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::sql {

// Decodes one line of a file into a row of the format: CSV or JSON, picked once, so the
// per-line call is a switch, not a virtual call. Not thread-safe (the decoders reuse
// buffers): one per reader.
class RowLineDecoder {
 public:
  explicit RowLineDecoder(std::variant<formats::csv::CsvRowDeserializer, formats::json::JsonRowDeserializer> decoder)
      : decoder_(std::move(decoder)) {}
  // The row of `line`; std::nullopt when the format skips it.
  Result<std::optional<types::Row>> decode(std::string_view line) {
    return std::visit([&](auto& decoder) { return decoder.deserialize(line); }, decoder_);
  }

 private:
  std::variant<formats::csv::CsvRowDeserializer, formats::json::JsonRowDeserializer> decoder_;
};

// Encodes a row as one line of the format, without the line terminator. Thread-compatible.
class RowLineEncoder {
 public:
  explicit RowLineEncoder(std::variant<formats::csv::CsvRowSerializer, formats::json::JsonRowSerializer> encoder)
      : encoder_(std::move(encoder)) {}
  Status encode(const types::Row& row, std::string& out) const {
    return std::visit([&](const auto& encoder) { return encoder.serialize(row, out); }, encoder_);
  }

 private:
  std::variant<formats::csv::CsvRowSerializer, formats::json::JsonRowSerializer> encoder_;
};

// The 'format' of a filesystem table with its options ('csv.*' or 'json.*'), read from the
// table's options as Flink's format factories read them. A value type.
class RowLineFormat {
 public:
  // InvalidArgument for a format other than csv or json (Flink's factory-discovery message)
  // or a bad format option.
  static Result<RowLineFormat> fromTableOptions(const std::map<std::string, std::string>& options);

  // The option keys of `format` ("csv.field-delimiter", ...), for option validation.
  static std::vector<std::string> optionKeys(const std::string& format);

  const std::string& identifier() const { return identifier_; }
  Result<RowLineDecoder> createDecoder(const types::LogicalType& row_type) const;
  Result<RowLineEncoder> createEncoder(const types::LogicalType& row_type) const;

 private:
  std::string identifier_;
  formats::csv::CsvFormatOptions csv_;
  formats::json::JsonDeserializationOptions json_read_;
  formats::json::JsonSerializationOptions json_write_;
};

}  // namespace eddy::sql
