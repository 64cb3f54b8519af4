#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/types/decimal.h"
#include "eddy/types/timestamp_data.h"

namespace eddy::connectors::jdbc {

// The SQL type a parameter was set as; each dialect binds it as its own type (see
// JdbcConnection): PostgreSQL as text the server casts, MySQL/MariaDB as native binds.
enum class ParameterType : uint8_t {
  kNull,
  kBoolean,
  kInt,     // TINYINT, SMALLINT, INT (`integer`)
  kLong,    // BIGINT (`integer`)
  kFloat,   // FLOAT (`floating`)
  kDouble,  // DOUBLE (`floating`)
  kString,  // CHAR, VARCHAR (`text`)
  kBytes,   // BINARY, VARBINARY (`text` holds the bytes)
  kDecimal, // DECIMAL (`text` holds the plain string)
  kDate,    // DATE: days since the epoch (`integer`)
  kTime,    // TIME: milliseconds of the day (`integer`)
  kTimestamp,  // TIMESTAMP: epoch millis (`integer`) + nanos of the milli (`nanos`)
};

// One parameter of one row. Text lives in the statement's arena at [offset, offset + length).
struct Parameter {
  ParameterType type = ParameterType::kNull;
  int32_t nanos = 0;
  int64_t integer = 0;
  double floating = 0;
  uint32_t offset = 0;
  uint32_t length = 0;
};

// The parameters of a batch of executions of one SQL statement with `?` placeholders, as
// java.sql.PreparedStatement is used by Flink's JdbcStatementBuilder: the setters fill the
// current row by 1-based index, addBatch() appends it to the batch. Values are copied into
// one arena reused across batches, so steady-state writing allocates nothing per row.
// Not thread-safe.
class PreparedStatement {
 public:
  explicit PreparedStatement(int parameter_count);

  void setNull(int index);
  void setBoolean(int index, bool value);
  void setByte(int index, int8_t value) { setInteger(index, ParameterType::kInt, value); }
  void setShort(int index, int16_t value) { setInteger(index, ParameterType::kInt, value); }
  void setInt(int index, int32_t value) { setInteger(index, ParameterType::kInt, value); }
  void setLong(int index, int64_t value) { setInteger(index, ParameterType::kLong, value); }
  void setFloat(int index, float value);
  void setDouble(int index, double value);
  void setString(int index, std::string_view value) { setText(index, ParameterType::kString, value); }
  void setBytes(int index, std::string_view value) { setText(index, ParameterType::kBytes, value); }
  void setBigDecimal(int index, const types::Decimal& value);
  // Days since 1970-01-01.
  void setDate(int index, int32_t epoch_days) { setInteger(index, ParameterType::kDate, epoch_days); }
  // Milliseconds of the day.
  void setTime(int index, int32_t millis_of_day) { setInteger(index, ParameterType::kTime, millis_of_day); }
  // A local date-time (TIMESTAMP), written without a time zone.
  void setTimestamp(int index, types::TimestampData value);

  // Appends the current row to the batch; every parameter must have been set (JDBC's
  // "No value specified for parameter N" otherwise, as std::invalid_argument).
  void addBatch();
  // Drops every row; the memory stays for the next batch.
  void clearBatch();

  int parameterCount() const { return parameter_count_; }
  // Rows added with addBatch().
  size_t batchSize() const { return rows_; }
  // Parameter `index` (1-based) of row `row`.
  const Parameter& parameter(size_t row, int index) const {
    return parameters_[row * parameter_count_ + (index - 1)];
  }
  std::string_view text(const Parameter& parameter) const {
    return std::string_view(arena_).substr(parameter.offset, parameter.length);
  }

 private:
  Parameter& slot(int index);
  void setInteger(int index, ParameterType type, int64_t value);
  void setText(int index, ParameterType type, std::string_view value);

  int parameter_count_;
  size_t rows_ = 0;
  std::vector<Parameter> parameters_;  // rows_ + 1 rows: the last is the current row
  std::vector<bool> set_;              // which parameters of the current row are set
  std::string arena_;
};

}  // namespace eddy::connectors::jdbc
