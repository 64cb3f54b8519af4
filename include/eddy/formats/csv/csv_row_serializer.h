#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/formats/csv/csv_format_options.h"
#include "eddy/types/column_batch.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"

namespace eddy::formats::csv {

// Writes Rows of a ROW type as CSV lines, byte for byte as Flink's
// CsvRowDataSerializationSchema (RowDataToCsvConverters + Jackson's CsvGenerator) writes
// them, without a line separator: fields in the order of the type; null as the null literal
// (empty without one); numbers and booleans as Java prints them; DECIMAL as
// BigDecimal#toString of the value without trailing zeros (or #toPlainString); BYTES as
// base64; DATE "2024-01-02"; TIME "12:34:56.5"; TIMESTAMP "2024-01-02 12:34:56.789" and
// TIMESTAMP_LTZ with a trailing 'Z'; ARRAY and ROW fields as their elements joined by the
// array element delimiter. Text values (strings, decimals, dates, arrays...) are quoted as
// Jackson quotes them: when longer than 24 characters, or holding a character below
// max(field delimiter, quote character) + 1 or the escape character; quotes inside are
// doubled and escape characters doubled. The RowKind is not written. Thread-compatible.
class CsvRowSerializer {
 public:
  // InvalidArgument with Flink's message for a type CSV cannot hold ("Unsupported type
  // 'MAP<STRING, INT>' for field 'm'.", "Only simple types are supported in the second level
  // nesting of fields 'a' but was: ARRAY<INT>").
  static Result<CsvRowSerializer> create(types::LogicalType row_type, CsvFormatOptions options = {});

  // Appends the CSV line of `row` to `out`. On failure ("Could not serialize row '<row>'."
  // and its causes) `out` holds a partial line.
  Status serialize(const types::Row& row, std::string& out) const;
  Result<std::string> serialize(const types::Row& row) const;
  // Appends the line of row `i` of `batch`, whose schema must be this row type.
  Status serialize(const types::ColumnBatch& batch, size_t i, std::string& out) const;

  const types::LogicalType& rowType() const { return row_type_; }

 private:
  CsvRowSerializer(types::LogicalType row_type, CsvFormatOptions options);

  types::LogicalType row_type_;
  CsvFormatOptions options_;
  // Jackson's CsvEncoder._cfgMinSafeChar: characters below it make a value quoted.
  int min_safe_char_;
};

}  // namespace eddy::formats::csv
