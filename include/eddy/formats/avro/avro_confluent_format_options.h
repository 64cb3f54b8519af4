#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"

namespace eddy::formats::avro {

// The options of the 'avro-confluent' format with Flink's keys (AvroConfluentFormatOptions,
// written 'avro-confluent.<key>' in a table's WITH clause) and defaults, plus how hard the
// registry client tries. A value type; `basic_auth_user_info` is a secret and appears in no
// message or log.
struct AvroConfluentFormatOptions {
  // 'avro-confluent.url' (or 'schema-registry.url'): the registry, e.g. "http://host:8081";
  // several are tried in turn when separated by commas. Required.
  std::string url;
  // 'avro-confluent.subject' (or 'schema-registry.subject'): where the serializer registers
  // its schema. The 'kafka' connectors default it to '<topic>-value' / '<topic>-key'; other
  // sinks must set it.
  // Default: none
  std::optional<std::string> subject;
  // 'avro-confluent.schema' (or 'schema-registry.schema'): the Avro schema to register and
  // read with, instead of the one derived from the table's type; it must match the type.
  // Default: none
  std::optional<std::string> schema;
  // 'avro-confluent.basic-auth.credentials-source': USER_INFO (take 'basic-auth.user-info')
  // or URL (take the user info of the URL).
  // Default: none (no authentication)
  std::optional<std::string> basic_auth_credentials_source;
  // 'avro-confluent.basic-auth.user-info': "user:password".
  // Default: none
  std::optional<std::string> basic_auth_user_info;

  // Attempts of one registry request before it fails (not a Flink option).
  // Default: 4
  int max_attempts = 4;
  // The pause after the first failed attempt, doubling after each one (not a Flink option).
  // Default: 100 ms
  std::chrono::milliseconds initial_backoff{100};
  // Connect and read timeout of one attempt (not a Flink option).
  // Default: 5 s
  std::chrono::milliseconds request_timeout{5000};

  // The options from a table's format options, keys without the "avro-confluent." prefix.
  // A missing url is Flink's "One or more required options are missing.\n\nMissing required
  // options are:\n\nurl"; a credentials source other than USER_INFO and URL is NotSupported.
  // Unknown keys are the caller's to reject.
  static Result<AvroConfluentFormatOptions> fromTableOptions(const std::map<std::string, std::string>& options);

  // The schema the format writes and reads rows of `row_type` with: `schema`, or
  // AvroSchemaConverter's of the type. InvalidArgument when the type is not a ROW or has no
  // Avro schema.
  Result<std::string> avroSchema(const types::LogicalType& row_type) const;
};

}  // namespace eddy::formats::avro
