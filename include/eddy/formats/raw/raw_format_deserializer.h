#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "eddy/common/result.h"
#include "eddy/formats/raw/raw_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::raw {

// Turns the bytes of a message into a row of one field, as Flink's
// RawFormatDeserializationSchema: CHAR/VARCHAR take the bytes as UTF-8 text, BINARY/VARBINARY
// the bytes as they are, BOOLEAN one byte (non-zero is true), TINYINT/SMALLINT/INT/BIGINT/
// FLOAT/DOUBLE their fixed-size two's complement / IEEE-754 bytes in the configured byte
// order. A null message (a Kafka tombstone) is a row whose field is null. Stateless.
class RawFormatDeserializer {
 public:
  using ProducedType = types::Row;

  // InvalidArgument with Flink's messages when `row_type` has more than one field ("The
  // 'raw' format only supports single physical column. However the defined schema contains
  // multiple physical columns: [`a` INT, `b` STRING]") or a field type raw cannot hold
  // ("The 'raw' format doesn't supports 'DATE' as column type.").
  static Result<RawFormatDeserializer> create(types::LogicalType row_type, RawFormatOptions options = {});

  // The INSERT row of `message` (std::nullopt: a null message). InvalidArgument when a
  // numeric message has the wrong size.
  Result<types::Row> deserialize(std::optional<std::string_view> message) const;

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  RawFormatDeserializer(types::LogicalType row_type, RawFormatOptions options)
      : row_type_(std::move(row_type)), options_(std::move(options)) {}

  types::LogicalType row_type_;
  RawFormatOptions options_;
};

// Checks that `row_type` is a ROW of one field of a type the raw format holds, with Flink's
// messages (see RawFormatDeserializer::create).
Status validateRawRowType(const types::LogicalType& row_type);

}  // namespace eddy::formats::raw
