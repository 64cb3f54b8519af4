#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/logical_type.h"

namespace eddy::table {

// The unresolved schema of a table that comes from a DataStream (Flink's
// org.apache.flink.table.api.Schema): declared physical columns, computed columns (SQL
// expressions over the other columns), metadata columns, a WATERMARK and a primary key.
// The Table API resolves it as CREATE TABLE resolves its schema, so computed columns and
// WATERMARK behave as in DDL. Built with Schema::newBuilder(); a value type.
class Schema {
 public:
  // A column as declared: physical (a type), computed (an expression) or metadata.
  struct UnresolvedColumn {
    enum class Kind { kPhysical, kComputed, kMetadata };

    Kind kind = Kind::kPhysical;
    std::string name;
    // kPhysical and kMetadata: the type, either given or as Flink's type string
    // ("STRING", "TIMESTAMP_LTZ(3)"), parsed when the schema is resolved.
    std::optional<types::LogicalType> type;
    std::string type_string;
    std::string expression;                   // kComputed: SQL text
    std::optional<std::string> metadata_key;  // kMetadata: nullopt reads the key `name`
    bool is_virtual = false;
  };
  // WATERMARK FOR column AS expression.
  struct UnresolvedWatermarkSpec {
    std::string column_name;
    std::string expression;
  };
  // CONSTRAINT name PRIMARY KEY (columns) NOT ENFORCED.
  struct UnresolvedPrimaryKey {
    std::string constraint_name;
    std::vector<std::string> column_names;
  };

  class Builder;

  static Builder newBuilder();
  // A schema that declares nothing: every column comes from the stream (Flink's
  // Schema.derived()).
  static Schema derived();

  const std::vector<UnresolvedColumn>& getColumns() const { return columns_; }
  const std::vector<UnresolvedWatermarkSpec>& getWatermarkSpecs() const { return watermarks_; }
  const std::optional<UnresolvedPrimaryKey>& getPrimaryKey() const { return primary_key_; }

  // As Flink's Schema#toString: "(\n  `a` STRING,\n  `b` AS `a` || 'x',\n  WATERMARK FOR
  // `ts` AS [ts - INTERVAL '1' SECOND]\n)".
  std::string toString() const;

 private:
  std::vector<UnresolvedColumn> columns_;
  std::vector<UnresolvedWatermarkSpec> watermarks_;
  std::optional<UnresolvedPrimaryKey> primary_key_;
};

// Declares a Schema column by column, in order (Flink's Schema.Builder). Mistakes (an
// unknown type string, a watermark on a missing column) are reported when the schema is
// resolved, by fromDataStream or createTemporaryView.
class Schema::Builder {
 public:
  // Starts from the declarations of `schema`.
  Builder& fromSchema(const Schema& schema);

  Builder& column(std::string name, types::LogicalType type);
  Builder& column(std::string name, std::string type_string);
  Builder& columnByExpression(std::string name, std::string sql_expression);
  // METADATA [FROM 'key'] [VIRTUAL]. A DataStream offers the key "rowtime"
  // (TIMESTAMP_LTZ(3)): the timestamp of each stream record.
  Builder& columnByMetadata(std::string name, types::LogicalType type, bool is_virtual = false);
  Builder& columnByMetadata(std::string name, types::LogicalType type, std::string metadata_key,
                            bool is_virtual = false);
  Builder& columnByMetadata(std::string name, std::string type_string, std::string metadata_key = "",
                            bool is_virtual = false);
  // WATERMARK FOR column_name AS sql_expression. "SOURCE_WATERMARK()" generates none but
  // passes on the DataStream's own watermarks, e.g. with the "rowtime" metadata column as
  // the rowtime attribute (Flink's SupportsSourceWatermark).
  Builder& watermark(std::string column_name, std::string sql_expression);
  // PRIMARY KEY (columns) NOT ENFORCED, named "PK_<columns joined by _>" as Flink does.
  Builder& primaryKey(std::vector<std::string> column_names);
  Builder& primaryKeyNamed(std::string constraint_name, std::vector<std::string> column_names);

  Schema build() const { return schema_; }

 private:
  Schema schema_;
};

}  // namespace eddy::table
