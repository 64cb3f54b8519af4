#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "eddy/types/row_kind.h"

namespace eddy::sql {

// One element of the data of a `values` table: a row (its RowKind and its fields as text,
// nullopt for NULL) or a watermark (epoch milliseconds) that the source emits at that point
// of the stream. Text is converted to the column's type with the rules of CAST(text AS type)
// when the source runs; a cell that does not convert fails the job naming the column.
struct ValuesElement {
  types::RowKind kind = types::RowKind::INSERT;
  std::vector<std::optional<std::string>> fields;
  std::optional<int64_t> watermark;

  static ValuesElement row(types::RowKind kind, std::vector<std::optional<std::string>> fields) {
    return ValuesElement{kind, std::move(fields), std::nullopt};
  }
  static ValuesElement insert(std::vector<std::optional<std::string>> fields) {
    return row(types::RowKind::INSERT, std::move(fields));
  }
  static ValuesElement watermarkAt(int64_t millis) { return ValuesElement{types::RowKind::INSERT, {}, millis}; }
};

// The in-process store behind the `values` connector, as Flink's TestValuesTableFactory
// (registerData / getResults). Thread-safe: tests and the sqllogictest runner register data
// from their thread; sources and sinks read and write from task threads.
//
// Source: CREATE TABLE t (...) WITH ('connector' = 'values', 'data-id' = '<id>', ...)
//   'data-id'         the id given to registerData; no data-id (or an unknown one) reads no rows.
//   'changelog-mode'  the RowKinds the data may hold, e.g. 'I,UB,UA,D'. Default: 'I'.
//   'bounded'         'true' ends the stream after the data; 'false' keeps it open until
//                     the job is cancelled. Default: 'true'.
// The source runs with parallelism 1 and emits the elements in order; rows of a kind
// outside 'changelog-mode' fail the job.
//
// Sink: INSERT INTO t ... where t has 'connector' = 'values' and
//   'sink-insert-only'              'true' accepts inserts only. Default: 'true'.
//   'sink-changelog-mode-enforced'  the RowKinds accepted, e.g. 'I,UA,D'; overrides the above.
// appends every row it receives, printed as Flink's Row.toString ("+I[1, a]"), to the
// results of the table's object name, readable with rawResults(name).
class ValuesData {
 public:
  // Stores `elements` under `id`, replacing what was there.
  static void registerData(const std::string& id, std::vector<ValuesElement> elements);
  // The elements under `id`, or nullptr.
  static std::shared_ptr<const std::vector<ValuesElement>> data(const std::string& id);

  // Every row written by values sinks into tables named `table_name`, in arrival order.
  static std::vector<std::string> rawResults(const std::string& table_name);
  static void appendResult(const std::string& table_name, std::string row);

  // Drops all data and results (between tests).
  static void clearAll();
};

}  // namespace eddy::sql
