#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/canal/canal_json_options.h"
#include "eddy/formats/json/json_row_deserializer.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::canal {

// Turns Canal JSON change events into changelog rows, as Flink's
// CanalJsonDeserializationSchema: {"data":[…], "old":[…], "type":…, "database":…,
// "table":…} gives
//   type "INSERT" → +I for each row of "data"
//   type "UPDATE" → for each i: -U old[i] (its absent or null fields taken from data[i]),
//                   then +U data[i]
//   type "DELETE" → -D for each row of "data"
//   type "CREATE" → nothing (a DDL event)
// Messages whose database or table do not match database_include / table_include are
// skipped; an empty message or JSON null too. Any failure is Flink's "Corrupt Canal JSON
// message '<message>'." with its cause, or, with ignore_parse_errors, skips the message.
//
// Reuses one JSON parser: not thread-safe, one per reader thread.
class CanalJsonDeserializer {
 public:
  using ProducedType = types::Row;

  // InvalidArgument when `physical_row_type` is not a ROW the JSON format can read or an
  // include pattern is not a regular expression.
  static Result<CanalJsonDeserializer> create(types::LogicalType physical_row_type, CanalJsonOptions options = {});

  CanalJsonDeserializer(CanalJsonDeserializer&&) noexcept;
  CanalJsonDeserializer& operator=(CanalJsonDeserializer&&) noexcept;
  ~CanalJsonDeserializer();

  // Appends the rows of one message to `out`, each with its RowKind.
  Status deserialize(std::string_view message, std::vector<types::Row>& out);

  const types::LogicalType& rowType() const { return physical_row_type_; }

 private:
  struct Patterns;
  CanalJsonDeserializer(types::LogicalType physical_row_type, CanalJsonOptions options, json::JsonRowDeserializer json,
                        std::unique_ptr<Patterns> patterns);
  Status convert(std::string_view message, std::vector<types::Row>& out);

  types::LogicalType physical_row_type_;
  CanalJsonOptions options_;
  // Reads ROW<data ARRAY<physical>, old ARRAY<physical>, type STRING, database STRING,
  // table STRING>.
  json::JsonRowDeserializer json_;
  // The compiled include patterns (std::regex kept out of this header).
  std::unique_ptr<Patterns> patterns_;
};

}  // namespace eddy::formats::canal
