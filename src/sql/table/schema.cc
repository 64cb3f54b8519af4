#include "eddy/table/schema.h"

#include <fmt/format.h>

#include "sql/catalog/object_identifier.h"

namespace eddy::table {

using sql::escapeIdentifier;

Schema::Builder Schema::newBuilder() { return Builder(); }

Schema Schema::derived() { return Schema(); }

namespace {

// A declared type as Flink prints it: a resolved type as is, a type string in brackets
// (UnresolvedDataType#toString).
std::string typeText(const Schema::UnresolvedColumn& column) {
  return column.type ? column.type->asSummaryString() : "[" + column.type_string + "]";
}

std::string columnText(const Schema::UnresolvedColumn& column) {
  switch (column.kind) {
    case Schema::UnresolvedColumn::Kind::kPhysical:
      return escapeIdentifier(column.name) + " " + typeText(column);
    case Schema::UnresolvedColumn::Kind::kComputed:
      return escapeIdentifier(column.name) + " AS [" + column.expression + "]";
    case Schema::UnresolvedColumn::Kind::kMetadata: {
      std::string text = escapeIdentifier(column.name) + " " + typeText(column) + " METADATA";
      if (column.metadata_key) text += " FROM '" + sql::escapeSingleQuotes(*column.metadata_key) + "'";
      if (column.is_virtual) text += " VIRTUAL";
      return text;
    }
  }
  return "";
}

}  // namespace

std::string Schema::toString() const {
  std::vector<std::string> lines;
  for (const UnresolvedColumn& column : columns_) lines.push_back(columnText(column));
  for (const UnresolvedWatermarkSpec& spec : watermarks_) {
    lines.push_back("WATERMARK FOR " + escapeIdentifier(spec.column_name) + " AS [" + spec.expression + "]");
  }
  if (primary_key_) {
    std::vector<std::string> names;
    for (const std::string& name : primary_key_->column_names) names.push_back(escapeIdentifier(name));
    lines.push_back(fmt::format("CONSTRAINT {} PRIMARY KEY ({}) NOT ENFORCED", escapeIdentifier(primary_key_->constraint_name),
                                fmt::join(names, ", ")));
  }
  if (lines.empty()) return "(\n)";
  return fmt::format("(\n  {}\n)", fmt::join(lines, ",\n  "));
}

Schema::Builder& Schema::Builder::fromSchema(const Schema& schema) {
  schema_ = schema;
  return *this;
}

namespace {

Schema::UnresolvedColumn declared(Schema::UnresolvedColumn::Kind kind, std::string name) {
  Schema::UnresolvedColumn column;
  column.kind = kind;
  column.name = std::move(name);
  return column;
}

}  // namespace

Schema::Builder& Schema::Builder::column(std::string name, types::LogicalType type) {
  schema_.columns_.push_back(declared(UnresolvedColumn::Kind::kPhysical, std::move(name)));
  schema_.columns_.back().type = std::move(type);
  return *this;
}

Schema::Builder& Schema::Builder::column(std::string name, std::string type_string) {
  schema_.columns_.push_back(declared(UnresolvedColumn::Kind::kPhysical, std::move(name)));
  schema_.columns_.back().type_string = std::move(type_string);
  return *this;
}

Schema::Builder& Schema::Builder::columnByExpression(std::string name, std::string sql_expression) {
  schema_.columns_.push_back(declared(UnresolvedColumn::Kind::kComputed, std::move(name)));
  schema_.columns_.back().expression = std::move(sql_expression);
  return *this;
}

Schema::Builder& Schema::Builder::columnByMetadata(std::string name, types::LogicalType type, bool is_virtual) {
  schema_.columns_.push_back(declared(UnresolvedColumn::Kind::kMetadata, std::move(name)));
  schema_.columns_.back().type = std::move(type);
  schema_.columns_.back().is_virtual = is_virtual;
  return *this;
}

Schema::Builder& Schema::Builder::columnByMetadata(std::string name, types::LogicalType type, std::string metadata_key,
                                                   bool is_virtual) {
  columnByMetadata(std::move(name), std::move(type), is_virtual);
  schema_.columns_.back().metadata_key = std::move(metadata_key);
  return *this;
}

Schema::Builder& Schema::Builder::columnByMetadata(std::string name, std::string type_string, std::string metadata_key,
                                                   bool is_virtual) {
  schema_.columns_.push_back(declared(UnresolvedColumn::Kind::kMetadata, std::move(name)));
  UnresolvedColumn& column = schema_.columns_.back();
  column.type_string = std::move(type_string);
  if (!metadata_key.empty()) column.metadata_key = std::move(metadata_key);
  column.is_virtual = is_virtual;
  return *this;
}

Schema::Builder& Schema::Builder::watermark(std::string column_name, std::string sql_expression) {
  schema_.watermarks_.push_back(UnresolvedWatermarkSpec{std::move(column_name), std::move(sql_expression)});
  return *this;
}

Schema::Builder& Schema::Builder::primaryKey(std::vector<std::string> column_names) {
  std::string name = fmt::format("PK_{}", fmt::join(column_names, "_"));
  return primaryKeyNamed(std::move(name), std::move(column_names));
}

Schema::Builder& Schema::Builder::primaryKeyNamed(std::string constraint_name, std::vector<std::string> column_names) {
  schema_.primary_key_ = UnresolvedPrimaryKey{std::move(constraint_name), std::move(column_names)};
  return *this;
}

}  // namespace eddy::table
