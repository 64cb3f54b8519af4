#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/table/pojo_type.h"
#include "eddy/table/schema.h"
#include "eddy/table/statement_set.h"
#include "eddy/table/table.h"
#include "eddy/table/table_environment.h"
#include "eddy/types/row.h"
#include "sql/connectors/changelog_mode.h"

namespace eddy::table {

// The bridge between the DataStream API and the Table API (Flink's StreamTableEnvironment):
// a TableEnvironment whose conversions add to the job of one StreamExecutionEnvironment, so
// that one program mixes DataStream operators and SQL and env.execute() runs both.
//
//   auto tenv = StreamTableEnvironment::create(env);
//   Table t = tenv->fromDataStream(stream, schema).value();     DataStream -> Table
//   tenv->createTemporaryView("events", t);                      SQL can read it
//   Table r = tenv->sqlQuery("SELECT ... FROM events").value();
//   DataStream<Row> out = tenv->toChangelogStream(r).value();    Table -> DataStream
//   env.execute();
//
// The session is configured from the environment's configuration. executeSql, Table::execute
// and StatementSet::execute run statements that read no DataStream as jobs of their own, as
// TableEnvironment does; statements that read a DataStream become part of the environment's
// job through toDataStream, toChangelogStream or StreamStatementSet::attachAsDataStream.
// Not thread-safe; `env` must outlive it.
class StreamTableEnvironment : public virtual TableEnvironment {
 public:
  static std::unique_ptr<StreamTableEnvironment> create(StreamExecutionEnvironment& env);

  // An insert-only Table of `stream` (Flink's fromDataStream). The Rows' fields are the
  // physical columns declared in `schema` (a Row carries no field names) or, with
  // `stream_fields`, those fields (Flink's RowTypeInfo), whose types `schema` may change.
  // Computed columns, metadata columns (the key "rowtime": each record's timestamp),
  // WATERMARK and PRIMARY KEY work as in CREATE TABLE: the WATERMARK column becomes the
  // rowtime attribute and watermarks are generated as by a WATERMARK clause.
  virtual Result<Table> fromDataStream(DataStream<types::Row> stream, const std::vector<types::RowField>& stream_fields,
                                       const Schema& schema) = 0;
  Result<Table> fromDataStream(DataStream<types::Row> stream, const Schema& schema) {
    return fromDataStream(std::move(stream), {}, schema);
  }
  // A Table of a stream of structs described by PojoType<T> (pojo_type.h).
  template <typename T>
  Result<Table> fromDataStream(DataStream<T> stream, const Schema& schema = Schema::derived()) {
    DataStream<types::Row> rows = stream.map([](const T& value) { return pojoToRow(value); });
    rows.name("PojoToRow");
    return fromDataStream(std::move(rows), pojoRowFields<T>(), schema);
  }

  // A Table of a changelog (Flink's fromChangelogStream): every Row's RowKind is kept, and
  // `mode` declares which kinds occur; with ChangelogMode::upsert() the schema's primary
  // key identifies the rows (a ChangelogNormalize restores UPDATE_BEFORE).
  virtual Result<Table> fromChangelogStream(DataStream<types::Row> stream, const Schema& schema,
                                            sql::ChangelogMode mode = sql::ChangelogMode::all()) = 0;

  // Registers fromDataStream(stream, schema) as a temporary view at `path`.
  virtual Status createTemporaryView(std::string_view path, DataStream<types::Row> stream, const Schema& schema) = 0;
  using TableEnvironment::createTemporaryView;

  // The Rows of an insert-only Table as a DataStream of this environment (Flink's
  // toDataStream); the rowtime column's value is each record's timestamp and watermarks
  // pass through. An updating Table is Flink's "Table sink '*anonymous_datastream_sink$1*'
  // doesn't support consuming update changes which is produced by node ...".
  virtual Result<DataStream<types::Row>> toDataStream(const Table& table) = 0;
  // The changelog of any Table (Flink's toChangelogStream): Rows with their RowKind
  // (+I, -U, +U, -D), the rowtime as each record's timestamp.
  virtual Result<DataStream<types::Row>> toChangelogStream(const Table& table) = 0;

  // An empty StreamStatementSet (Flink's StreamTableEnvironment#createStatementSet).
  virtual StreamStatementSet createStatementSet() = 0;
};

}  // namespace eddy::table
