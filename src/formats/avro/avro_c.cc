#include "formats/avro/avro_c.h"

#include <cstring>

namespace eddy::formats::avro {

namespace {

bool sameKind(avro_schema_t a, avro_schema_t b) {
  if (avro_typeof(a) != avro_typeof(b)) return false;
  if (is_avro_record(a)) return std::strcmp(avro_schema_name(a), avro_schema_name(b)) == 0;
  return true;
}

// The branch of a writer union that a reader schema reads, or nullptr.
avro_schema_t matchingBranch(avro_schema_t writer, avro_schema_t reader) {
  if (!is_avro_union(writer)) return sameKind(writer, reader) ? writer : nullptr;
  for (size_t i = 0; i < avro_schema_union_size(writer); ++i) {
    avro_schema_t branch = linkTarget(avro_schema_union_branch(writer, static_cast<int>(i)));
    if (sameKind(branch, reader)) return branch;
  }
  return nullptr;
}

}  // namespace

AvroSchema shareSchema(avro_schema_t schema) { return AvroSchema(avro_schema_incref(schema)); }

Result<AvroSchema> parseSchema(std::string_view json) {
  avro_schema_t schema = nullptr;
  if (avro_schema_from_json_length(json.data(), json.size(), &schema) != 0) {
    return InvalidArgument("Could not parse the Avro schema: " + avroError());
  }
  return AvroSchema(schema);
}

std::string avroError() { return avro_strerror(); }

avro_schema_t linkTarget(avro_schema_t schema) {
  return is_avro_link(schema) ? avro_schema_link_target(schema) : schema;
}

AvroSchema projectOntoWriter(avro_schema_t writer, avro_schema_t reader) {
  writer = linkTarget(writer);
  reader = linkTarget(reader);
  if (is_avro_union(reader)) {
    AvroSchema out(avro_schema_union());
    for (size_t i = 0; i < avro_schema_union_size(reader); ++i) {
      avro_schema_t branch = linkTarget(avro_schema_union_branch(reader, static_cast<int>(i)));
      avro_schema_t written = matchingBranch(writer, branch);
      AvroSchema projected = written != nullptr ? projectOntoWriter(written, branch) : shareSchema(branch);
      avro_schema_union_append(out.get(), projected.get());
    }
    return out;
  }
  if (is_avro_union(writer)) {
    avro_schema_t written = matchingBranch(writer, reader);
    return written != nullptr ? projectOntoWriter(written, reader) : shareSchema(reader);
  }
  if (is_avro_record(reader) && is_avro_record(writer)) {
    AvroSchema out(avro_schema_record(avro_schema_name(reader), avro_schema_namespace(reader)));
    for (size_t i = 0; i < avro_schema_record_size(reader); ++i) {
      const char* name = avro_schema_record_field_name(reader, static_cast<int>(i));
      // (avro_schema_record_field_get is undefined for a missing name.)
      const int written = avro_schema_record_field_get_index(writer, name);
      if (written < 0) continue;
      AvroSchema projected = projectOntoWriter(avro_schema_record_field_get_by_index(writer, written),
                                               avro_schema_record_field_get_by_index(reader, static_cast<int>(i)));
      avro_schema_record_field_append(out.get(), name, projected.get());
    }
    return out;
  }
  if (is_avro_array(reader) && is_avro_array(writer)) {
    AvroSchema items = projectOntoWriter(avro_schema_array_items(writer), avro_schema_array_items(reader));
    return AvroSchema(avro_schema_array(items.get()));
  }
  if (is_avro_map(reader) && is_avro_map(writer)) {
    AvroSchema values = projectOntoWriter(avro_schema_map_values(writer), avro_schema_map_values(reader));
    return AvroSchema(avro_schema_map(values.get()));
  }
  return shareSchema(reader);
}

}  // namespace eddy::formats::avro
