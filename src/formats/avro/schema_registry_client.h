#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/avro/avro_confluent_format_options.h"

namespace eddy::formats::avro {

// A client of the Confluent Schema Registry REST API (what Flink's CachedSchemaRegistryClient
// does for the avro-confluent format), on cpp-httplib: registers schemas under a subject
// (POST /subjects/{subject}/versions) and fetches schemas by id (GET /schemas/ids/{id}),
// caching both, so the registry is asked once per schema. A request that cannot reach the
// registry (no connection, a timeout, a 5xx answer) is retried with doubling pauses, then
// fails with an IOError naming the URL; a 4xx answer fails at once with the registry's
// message. Credentials never appear in messages. Not thread-safe: one per (de)serializer.
class SchemaRegistryClient {
 public:
  // InvalidArgument for a URL that is not http(s)://host[:port][/path], or basic
  // authentication without user info.
  static Result<std::unique_ptr<SchemaRegistryClient>> create(const AvroConfluentFormatOptions& options);
  ~SchemaRegistryClient();

  // The id of `schema` (Avro JSON) under `subject`, registering it when it is new.
  Result<int32_t> registerSchema(const std::string& subject, const std::string& schema);
  // The schema (Avro JSON) of `id`.
  Result<std::string> schemaById(int32_t id);

 private:
  struct Endpoint;
  struct Response {
    int status = 0;
    std::string body;
  };

  SchemaRegistryClient(const AvroConfluentFormatOptions& options, std::vector<Endpoint> endpoints);
  // The first answer below 500 from any endpoint, retried as the class comment says.
  Result<Response> send(const std::string& method, const std::string& path, const std::string& body);

  AvroConfluentFormatOptions options_;
  std::vector<Endpoint> endpoints_;
  std::map<std::pair<std::string, std::string>, int32_t> ids_;
  std::map<int32_t, std::string> schemas_;
};

}  // namespace eddy::formats::avro
