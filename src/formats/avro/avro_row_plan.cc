#include "formats/avro/avro_row_plan.h"

#include <fmt/format.h>

#include "eddy/types/data_types.h"

namespace eddy::formats::avro {

namespace {

using types::LogicalType;
using types::LogicalTypeRoot;

avro_type_t expectedAvroType(LogicalTypeRoot root) {
  switch (root) {
    case LogicalTypeRoot::BOOLEAN:
      return AVRO_BOOLEAN;
    case LogicalTypeRoot::TINYINT:
    case LogicalTypeRoot::SMALLINT:
    case LogicalTypeRoot::INTEGER:
    case LogicalTypeRoot::DATE:
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
      return AVRO_INT32;
    case LogicalTypeRoot::BIGINT:
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      return AVRO_INT64;
    case LogicalTypeRoot::FLOAT:
      return AVRO_FLOAT;
    case LogicalTypeRoot::DOUBLE:
      return AVRO_DOUBLE;
    case LogicalTypeRoot::CHAR:
    case LogicalTypeRoot::VARCHAR:
      return AVRO_STRING;
    case LogicalTypeRoot::BINARY:
    case LogicalTypeRoot::VARBINARY:
    case LogicalTypeRoot::DECIMAL:
      return AVRO_BYTES;
    case LogicalTypeRoot::ARRAY:
      return AVRO_ARRAY;
    case LogicalTypeRoot::MAP:
    case LogicalTypeRoot::MULTISET:
      return AVRO_MAP;
    case LogicalTypeRoot::ROW:
      return AVRO_RECORD;
    case LogicalTypeRoot::NULL_TYPE:
      return AVRO_NULL;
    default:
      return AVRO_LINK;  // no Avro schema stands for the others
  }
}

Result<AvroFieldPlan> buildPlan(const LogicalType& type, avro_schema_t schema, const std::string& path) {
  AvroFieldPlan plan{type};
  schema = linkTarget(schema);
  if (is_avro_union(schema) && type.root() != LogicalTypeRoot::NULL_TYPE) {
    const avro_schema_t union_schema = schema;
    for (size_t i = 0; i < avro_schema_union_size(union_schema); ++i) {
      avro_schema_t branch = linkTarget(avro_schema_union_branch(union_schema, static_cast<int>(i)));
      if (is_avro_null(branch)) {
        if (plan.null_branch < 0) plan.null_branch = static_cast<int>(i);
      } else if (plan.value_branch < 0) {
        plan.value_branch = static_cast<int>(i);
        schema = branch;
      }
    }
    if (plan.value_branch < 0) {
      return InvalidArgument(fmt::format("The Avro schema of field '{}' is a union without a non-null type", path));
    }
  }
  const avro_type_t expected = expectedAvroType(type.root());
  if (expected == AVRO_LINK) {
    return InvalidArgument("Unsupported to derive Schema for type: " + type.asSummaryString());
  }
  if (avro_typeof(schema) != expected) {
    return InvalidArgument(fmt::format("The Avro schema of field '{}' is '{}', which does not match the type {}", path,
                                       avro_schema_type_name(schema), type.asSummaryString()));
  }
  switch (type.root()) {
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE:
      plan.unit = type.precision() <= 3   ? AvroFieldPlan::TimeUnit::MILLIS
                  : type.precision() <= 6 ? AvroFieldPlan::TimeUnit::MICROS
                                          : AvroFieldPlan::TimeUnit::NANOS;
      break;
    case LogicalTypeRoot::ARRAY: {
      EDDY_ASSIGN_OR_RETURN(AvroFieldPlan element, buildPlan(type.elementType(), avro_schema_array_items(schema), path));
      plan.children.push_back(std::move(element));
      break;
    }
    case LogicalTypeRoot::MAP:
    case LogicalTypeRoot::MULTISET: {
      const LogicalType& key = type.root() == LogicalTypeRoot::MAP ? type.keyType() : type.elementType();
      EDDY_RETURN_IF_ERROR(checkMapKey(key));
      const LogicalType value_type = type.root() == LogicalTypeRoot::MAP ? type.valueType() : types::DataTypes::INT();
      EDDY_ASSIGN_OR_RETURN(AvroFieldPlan value, buildPlan(value_type, avro_schema_map_values(schema), path));
      plan.children.push_back(std::move(value));
      break;
    }
    case LogicalTypeRoot::ROW:
      for (const types::RowField& field : type.fields()) {
        const std::string field_path = path.empty() ? field.name : path + "." + field.name;
        const int index = avro_schema_record_field_get_index(schema, field.name.c_str());
        if (index < 0) {
          if (!field.type.isNullable()) {
            return InvalidArgument(fmt::format(
                "The Avro record {} has no field '{}', and the NOT NULL field of type {} has no default",
                avro_schema_name(schema), field_path, field.type.asSummaryString()));
          }
          plan.children.push_back(AvroFieldPlan{field.type});
        } else {
          EDDY_ASSIGN_OR_RETURN(AvroFieldPlan child,
                                buildPlan(field.type, avro_schema_record_field_get_by_index(schema, index), field_path));
          plan.children.push_back(std::move(child));
        }
        plan.field_index.push_back(index);
      }
      break;
    default:
      break;
  }
  return plan;
}

}  // namespace

Status checkMapKey(const types::LogicalType& key) {
  if (key.root() == LogicalTypeRoot::CHAR || key.root() == LogicalTypeRoot::VARCHAR) return Status::OK();
  return InvalidArgument("Avro format doesn't support non-string as key type of map. The key type is: " +
                         key.asSummaryString());
}

Result<AvroFieldPlan> AvroFieldPlan::build(const types::LogicalType& type, avro_schema_t schema) {
  return buildPlan(type.notNull(), schema, "");
}

}  // namespace eddy::formats::avro
