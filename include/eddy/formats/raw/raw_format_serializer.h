#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/raw/raw_format_options.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::raw {

// Writes the single field of a row as the bytes of a message, as Flink's
// RawFormatSerializationSchema (the inverse of RawFormatDeserializer). A null field has no
// bytes: the message is null (a Kafka tombstone). The RowKind is not written. Stateless.
class RawFormatSerializer {
 public:
  // InvalidArgument with Flink's messages, as RawFormatDeserializer::create.
  static Result<RawFormatSerializer> create(types::LogicalType row_type, RawFormatOptions options = {});

  // Appends the bytes of `row`'s field to `out`; false (nothing appended) when it is null.
  Result<bool> serialize(const types::Row& row, std::string& out) const;

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  RawFormatSerializer(types::LogicalType row_type, RawFormatOptions options)
      : row_type_(std::move(row_type)), options_(std::move(options)) {}

  types::LogicalType row_type_;
  RawFormatOptions options_;
};

}  // namespace eddy::formats::raw
