#pragma once

#include <memory>
#include <string>
#include <string_view>

#include <avro.h>

#include "eddy/common/result.h"

// Owning handles over Apache Avro C objects, so that the avro format's classes hold them as
// members and free them in order. Private to the formats layer: avro.h stays out of the
// public headers.
namespace eddy::formats::avro {

struct SchemaRelease {
  void operator()(avro_obj_t* schema) const { avro_schema_decref(schema); }
};
struct IfaceRelease {
  void operator()(avro_value_iface_t* iface) const { avro_value_iface_decref(iface); }
};
struct ReaderRelease {
  void operator()(avro_reader_t_* reader) const { avro_reader_free(reader); }
};
struct WriterRelease {
  void operator()(avro_writer_t_* writer) const { avro_writer_free(writer); }
};

// A reference to a schema (avro_schema_t), released on destruction.
using AvroSchema = std::unique_ptr<avro_obj_t, SchemaRelease>;
using AvroIface = std::unique_ptr<avro_value_iface_t, IfaceRelease>;
using AvroReader = std::unique_ptr<avro_reader_t_, ReaderRelease>;
using AvroWriter = std::unique_ptr<avro_writer_t_, WriterRelease>;

// An avro_value_t that owns its storage. Not copyable.
class AvroValue {
 public:
  AvroValue() = default;
  AvroValue(const AvroValue&) = delete;
  AvroValue& operator=(const AvroValue&) = delete;
  ~AvroValue() {
    if (value_.self != nullptr) avro_value_decref(&value_);
  }
  avro_value_t* get() { return &value_; }

 private:
  avro_value_t value_{nullptr, nullptr};
};

// A new reference to `schema`.
AvroSchema shareSchema(avro_schema_t schema);

// The schema of Avro JSON text; InvalidArgument with Avro C's message when it does not parse.
Result<AvroSchema> parseSchema(std::string_view json);

// The text of Avro C's last error in this thread.
std::string avroError();

// The schema a link stands for; any other schema itself.
avro_schema_t linkTarget(avro_schema_t schema);

// The reader schema less the record fields (at any depth) that `writer` does not have, so that
// Avro C, which has no default values, can resolve `writer` against it: the fields left out
// take their defaults when rows are made (see AvroRowPlan).
AvroSchema projectOntoWriter(avro_schema_t writer, avro_schema_t reader);

}  // namespace eddy::formats::avro
