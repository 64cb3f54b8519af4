#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"

namespace eddy::formats::avro {

// Derives the Avro schema of a Flink SQL type, as Flink's AvroSchemaConverter#convertToSchema,
// and returns it as the JSON text Avro's Schema#toString() writes (compact, Java's key order).
//
//   BOOLEAN, INT, BIGINT, FLOAT, DOUBLE, STRING, BYTES  -> boolean, int, long, float, double, string, bytes
//   TINYINT, SMALLINT                                   -> int
//   DATE -> int date; TIME(p <= 3) -> int time-millis; DECIMAL(p, s) -> bytes decimal(p, s)
//   TIMESTAMP(p)      legacy mapping: p <= 3 -> long timestamp-millis;
//                     otherwise local-timestamp-millis / -micros / -nanos by p
//   TIMESTAMP_LTZ(p)  legacy mapping: unsupported; otherwise timestamp-millis / -micros / -nanos
//   ARRAY -> array; MAP<STRING, V> -> map of V; MULTISET<STRING> -> map of int
//   ROW -> record `row_name`, its nested rows named row_name + "_" + field name
//   a nullable type -> ["null", T], and a nullable record field gets "default": null
//
// `row_name` is a full name: the default "org.apache.flink.avro.generated.record" gives the
// record "record" in namespace "org.apache.flink.avro.generated". The legacy mapping
// ('avro.timestamp_mapping.legacy', Flink's default) is passed down to nested types too.
// Failures carry Flink's messages (InvalidArgument): "Unsupported to derive Schema for type:
// INTERVAL SECOND(3)", "Avro does not support TIMESTAMP type with precision: 9, it only
// supports precision less than 3.", "Avro format doesn't support non-string as key type of
// map. The key type is: INT", and Avro's "Illegal character in: a-b" for a bad name.
class AvroSchemaConverter {
 public:
  static constexpr const char* kDefaultRowName = "org.apache.flink.avro.generated.record";

  static Result<std::string> convertToSchema(const types::LogicalType& type, bool legacy_timestamp_mapping = true);
  static Result<std::string> convertToSchema(const types::LogicalType& type, const std::string& row_name,
                                             bool legacy_timestamp_mapping);
};

}  // namespace eddy::formats::avro
