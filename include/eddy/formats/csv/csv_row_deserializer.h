#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/formats/csv/csv_format_options.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::csv {

// Turns one CSV line into a Row of a ROW type, as Flink's CsvRowDataDeserializationSchema
// (Jackson's CsvParser + CsvToRowDataConverters): fields by position; quoted values with
// doubled quotes; the escape character (if set) taking the next character literally, with
// \0 \n \r \t for 0 n r t; a field equal to the null literal is null; ARRAY and ROW fields
// split at the array element delimiter. Values convert as Flink's converters do: integers
// and floating point numbers trimmed and parsed as Java parses them, BOOLEAN true only for
// "true" in any case, DECIMAL by new BigDecimal (null when it does not fit), BYTES from
// base64, DATE by java.sql.Date.valueOf, TIME by LocalTime.parse cut to the type's
// precision, TIMESTAMP "2024-01-02 12:34:56.789" and TIMESTAMP_LTZ "...Z".
//
// A line that fails fails with Flink's message, "Failed to deserialize CSV row '<line>'.",
// and its causes ("Caused by: Fail to deserialize at field: f1. Caused by: For input string:
// \"x\""; "Caused by: Row length mismatch. 3 fields expected but was 2."; "Caused by: Too
// many entries: expected at most 3 (value #3 (4 chars) \"Test\")"). With ignore_parse_errors
// a field that does not convert is null, missing trailing fields are null, and a line that
// does not parse is skipped. An empty line and, with allow_comments, a line starting with
// '#' are skipped. Reuses its buffers: not thread-safe, one per reader thread.
class CsvRowDeserializer {
 public:
  using ProducedType = types::Row;

  // InvalidArgument with Flink's message for a type CSV cannot hold (see CsvRowSerializer)
  // or a TIME with precision over 3 ("Csv does not support TIME type with precision: 5, it
  // only supports precision 0 ~ 3.").
  static Result<CsvRowDeserializer> create(types::LogicalType row_type, CsvFormatOptions options = {});

  // The row of one line (without its terminator); std::nullopt when the line is skipped.
  Result<std::optional<types::Row>> deserialize(std::string_view line);
  // Appends the row of `line` to `batch` as an INSERT; false when the line is skipped.
  // REQUIRES: batch.schema() is this row type and the batch has no rowtime column.
  Result<bool> deserializeInto(std::string_view line, types::ColumnBatch& batch);

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  CsvRowDeserializer(types::LogicalType row_type, CsvFormatOptions options);

  types::LogicalType row_type_;
  CsvFormatOptions options_;
  // The fields of the current line and whether each matched the null literal; reused.
  std::vector<std::string> fields_;
  std::vector<bool> field_is_null_;
};

}  // namespace eddy::formats::csv
