#pragma once

#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "sql/parser/ast_query.h"

namespace eddy::sql {

struct Statement;

// A `'key' = 'value'` pair of a WITH (...) or SET (...) list.
struct SqlOption {
  SourcePosition position;
  std::string key;
  std::string value;
};

// A column of CREATE TABLE: physical (`name TYPE`), computed (`name AS expr`) or metadata
// (`name TYPE METADATA [FROM 'key'] [VIRTUAL]`), as Flink's SqlTableColumn subclasses.
struct TableColumn {
  enum class Kind { kPhysical, kComputed, kMetadata };

  Kind kind = Kind::kPhysical;
  SourcePosition position;
  std::string name;
  std::optional<DataTypeSpec> type;  // kPhysical and kMetadata
  ExprPtr expression;                // kComputed
  std::optional<std::string> metadata_key;
  bool is_virtual = false;
  bool primary_key = false;  // the column form `name TYPE PRIMARY KEY NOT ENFORCED`
  std::optional<std::string> constraint_name;
  std::optional<std::string> comment;
};

// `WATERMARK FOR column AS strategy`.
struct WatermarkSpec {
  SourcePosition position;
  std::vector<std::string> column;
  ExprPtr strategy;
};

// `[CONSTRAINT name] PRIMARY KEY (columns) NOT ENFORCED`, the table form.
struct PrimaryKeyConstraint {
  SourcePosition position;
  std::optional<std::string> name;
  std::vector<std::string> columns;
};

// An option of `LIKE source (INCLUDING ALL, EXCLUDING OPTIONS, ...)`.
struct LikeOption {
  enum class Strategy { kIncluding, kExcluding, kOverwriting };
  enum class Feature { kAll, kConstraints, kGenerated, kMetadata, kOptions, kPartitions, kWatermarks };

  Strategy strategy = Strategy::kIncluding;
  Feature feature = Feature::kAll;
};

// `LIKE source (options)`: the table CREATE TABLE derives its schema and options from.
struct TableLike {
  SourcePosition position;
  std::vector<std::string> source;
  std::vector<LikeOption> options;
};

// CREATE [TEMPORARY] TABLE [IF NOT EXISTS] name (...) [COMMENT] [PARTITIONED BY] WITH (...)
// [LIKE ...] [AS query].
struct CreateTable {
  std::vector<std::string> name;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<TableColumn> columns;
  std::optional<PrimaryKeyConstraint> primary_key;
  std::optional<WatermarkSpec> watermark;
  std::optional<std::string> comment;
  std::vector<std::string> partition_keys;
  std::vector<SqlOption> options;
  std::optional<TableLike> like;
  QueryPtr as_query;
};

// CREATE [TEMPORARY] VIEW [IF NOT EXISTS] name [(columns)] [COMMENT '...'] AS query.
struct CreateView {
  std::vector<std::string> name;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<std::string> columns;
  std::optional<std::string> comment;
  QueryPtr query;
};

// CREATE [TEMPORARY [SYSTEM]] FUNCTION [IF NOT EXISTS] name AS 'class' [LANGUAGE lang].
struct CreateFunction {
  std::vector<std::string> name;
  bool temporary = false;
  bool system = false;
  bool if_not_exists = false;
  std::string class_name;
  std::optional<std::string> language;  // JAVA, SCALA or PYTHON
};

enum class ObjectKind { kTable, kView, kFunction };

// DROP [TEMPORARY [SYSTEM]] TABLE|VIEW|FUNCTION [IF EXISTS] name.
struct DropObject {
  ObjectKind object = ObjectKind::kTable;
  bool temporary = false;
  bool system = false;
  bool if_exists = false;
  std::vector<std::string> name;
};

// ALTER TABLE [IF EXISTS] name RENAME TO new_name | SET (options) | RESET (keys).
struct AlterTable {
  enum class Action { kRename, kSet, kReset };

  std::vector<std::string> name;
  bool if_exists = false;
  Action action = Action::kRename;
  std::vector<std::string> new_name;
  std::vector<SqlOption> options;
  std::vector<std::string> reset_keys;
};

// SET ['key' = 'value'], as Flink's SQL client: without a key it lists the configuration.
struct SetStatement {
  std::optional<std::string> key;
  std::optional<std::string> value;
};

// RESET ['key'].
struct ResetStatement {
  std::optional<std::string> key;
};

// SHOW ...; `name` is the object of SHOW CREATE TABLE / VIEW and SHOW COLUMNS, or the
// database of SHOW TABLES / VIEWS FROM db; `like` the pattern of [NOT] LIKE.
struct Show {
  enum class Kind {
    kTables, kViews, kFunctions, kUserFunctions, kDatabases, kCatalogs, kCurrentCatalog,
    kCurrentDatabase, kCreateTable, kCreateView, kColumns, kModules, kFullModules, kJars,
  };

  Kind kind = Kind::kTables;
  std::vector<std::string> name;
  bool from_in = false;  // FROM (false) or IN (true) before `name`, for SHOW TABLES/VIEWS/COLUMNS
  std::optional<std::string> like;
  bool not_like = false;
};

// DESCRIBE | DESC [EXTENDED] name.
struct Describe {
  bool extended = false;
  std::vector<std::string> name;
};

// USE [CATALOG] name.
struct Use {
  bool catalog = false;
  std::vector<std::string> name;
};

// INSERT INTO | OVERWRITE table [PARTITION (k = v, ...)] [(columns)] query.
struct Insert {
  SourcePosition position;
  bool overwrite = false;
  std::vector<std::string> table;
  std::vector<SqlOption> partition;  // values stored as their SQL literal text
  std::vector<std::string> columns;
  QueryPtr query;
};

// EXECUTE STATEMENT SET BEGIN insert; ... END, or BEGIN STATEMENT SET; ...; END; in a script.
struct StatementSet {
  std::vector<Insert> inserts;
};

// A query run as a statement (SELECT, VALUES, WITH ...).
struct QueryStatement {
  QueryPtr query;
};

enum class ExplainDetail { kEstimatedCost, kChangelogMode, kPlanAdvice, kJsonExecutionPlan };

// EXPLAIN [PLAN FOR | detail, ...] statement.
struct Explain {
  Explain();
  ~Explain();
  Explain(Explain&&) noexcept;
  Explain& operator=(Explain&&) noexcept;

  bool plan_for = false;
  std::vector<ExplainDetail> details;
  std::unique_ptr<Statement> statement;
};

// One statement of a script, tagged by the alternative its `node` holds.
struct Statement {
  using Node = std::variant<CreateTable, CreateView, CreateFunction, DropObject, AlterTable, SetStatement,
                            ResetStatement, Show, Describe, Use, Explain, Insert, StatementSet, QueryStatement>;

  SourcePosition position;
  Node node;
};

}  // namespace eddy::sql
