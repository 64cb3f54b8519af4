#pragma once

#include <cstdint>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "formats/avro/avro_c.h"

namespace eddy::formats::avro {

// How one Flink type is read from or written to one Avro schema, worked out once per schema
// so that the per-record code only follows it: the union branches of a nullable value, the
// record field of each row field, the unit of a timestamp. A value type.
struct AvroFieldPlan {
  enum class TimeUnit : uint8_t { MILLIS, MICROS, NANOS };

  types::LogicalType type;
  // The branches of ["null", T]; -1 when the schema is not a union (or has no null branch).
  int null_branch = -1;
  int value_branch = -1;
  // TIMESTAMP and TIMESTAMP_LTZ: the unit of the long, from the precision.
  TimeUnit unit = TimeUnit::MILLIS;
  // ARRAY: the element; MAP and MULTISET: the value; ROW: the fields.
  std::vector<AvroFieldPlan> children;
  // ROW: the index of each field in the Avro record, -1 when the record lacks it (it reads
  // as null).
  std::vector<int> field_index;

  // The plan of `type` (its nullability ignored at the top) over `schema`. InvalidArgument
  // naming the field when the schema does not match the type: another Avro type, a record
  // without a NOT NULL field of the row.
  static Result<AvroFieldPlan> build(const types::LogicalType& type, avro_schema_t schema);
};

// OK when `key` (of a MAP, or the element of a MULTISET) is a string type, as Avro's map keys
// are; Flink's "Avro format doesn't support non-string as key type of map. …" otherwise.
Status checkMapKey(const types::LogicalType& key);

}  // namespace eddy::formats::avro
