#include "sql/catalog/table_from_ddl.h"

#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "eddy/types/data_types.h"
#include "sql/catalog/source_watermark.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/unparse.h"

namespace eddy::sql {

namespace {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;
using types::TimestampKind;

// Whether the first character's '(' closes at the last one, so both can go.
bool wrappedInParentheses(const std::string& text) {
  if (text.size() < 2 || text.front() != '(' || text.back() != ')') return false;
  int depth = 0;
  char quote = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quote != 0) {
      if (c == quote) quote = 0;
      continue;
    }
    if (c == '\'' || c == '`' || c == '"') {
      quote = c;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0 && i + 1 < text.size()) {
      return false;
    }
  }
  return true;
}

bool isProctimeCall(const Expr& expr) {
  return expr.kind == ExprKind::kFunctionCall && expr.operands.empty() && expr.names.size() == 1 &&
         (expr.names[0] == "PROCTIME" || expr.names[0] == "proctime");
}

std::string quotedNames(const std::vector<CatalogColumn>& columns) {
  std::string out;
  for (const CatalogColumn& column : columns) out += (out.empty() ? "'" : ", '") + column.name + "'";
  return out;
}

std::string plainNames(const std::vector<CatalogColumn>& columns) {
  std::string out;
  for (const CatalogColumn& column : columns) out += (out.empty() ? "" : ", ") + column.name;
  return "[" + out + "]";
}

const CatalogColumn* findColumn(const std::vector<CatalogColumn>& columns, const std::string& name) {
  for (const CatalogColumn& column : columns) {
    if (column.name == name) return &column;
  }
  return nullptr;
}

bool isTimestampUpTo3(const LogicalType& type) {
  return (type.root() == LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE ||
          type.root() == LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE) &&
         type.precision() <= 3;
}

Status resolveColumns(const CreateTable& ddl, CatalogTable& table) {
  std::vector<types::RowField> non_computed;
  std::set<std::string> seen;
  std::vector<std::string> duplicates;
  for (const TableColumn& column : ddl.columns) {
    if (!seen.insert(column.name).second) duplicates.push_back(column.name);
    if (column.kind != TableColumn::Kind::kComputed) non_computed.push_back(DataTypes::FIELD(column.name, column.type->type));
  }
  if (!duplicates.empty()) {
    std::string joined;
    for (const std::string& name : duplicates) joined += (joined.empty() ? "" : ", ") + name;
    return InvalidArgument(fmt::format("Schema must not contain duplicate column names. Found duplicates: [{}]", joined));
  }
  const ExpressionBinder binder(DataTypes::ROW(non_computed));
  for (const TableColumn& column : ddl.columns) {
    CatalogColumn resolved;
    resolved.name = column.name;
    resolved.comment = column.comment;
    switch (column.kind) {
      case TableColumn::Kind::kPhysical:
        resolved.type = column.type->type;
        break;
      case TableColumn::Kind::kMetadata:
        resolved.kind = CatalogColumn::Kind::kMetadata;
        resolved.type = column.type->type;
        resolved.metadata_key = column.metadata_key;
        resolved.is_virtual = column.is_virtual;
        break;
      case TableColumn::Kind::kComputed: {
        resolved.kind = CatalogColumn::Kind::kComputed;
        resolved.expression = expressionText(*column.expression);
        if (isProctimeCall(*column.expression)) {
          resolved.type = DataTypes::TIMESTAMP_LTZ(3).notNull().withTimestampKind(TimestampKind::PROCTIME);
        } else {
          EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, binder.bind(*column.expression));
          resolved.type = bound->type;
        }
        break;
      }
    }
    table.columns.push_back(std::move(resolved));
  }
  return Status::OK();
}

Status resolveWatermark(const CreateTable& ddl, CatalogTable& table) {
  if (!ddl.watermark) return Status::OK();
  const WatermarkSpec& spec = *ddl.watermark;
  if (spec.column.size() != 1) {
    return NotSupported("A WATERMARK on a nested field (" + fmt::format("{}", fmt::join(spec.column, ".")) + ")");
  }
  CatalogColumn* rowtime = nullptr;
  for (CatalogColumn& column : table.columns) {
    if (column.name == spec.column[0]) rowtime = &column;
  }
  if (rowtime == nullptr) {
    return InvalidArgument(fmt::format(
        "Invalid column name '{}' for rowtime attribute in watermark declaration. Available columns are: {}",
        spec.column[0], plainNames(table.columns)));
  }
  if (!isTimestampUpTo3(rowtime->type)) {
    return InvalidArgument(fmt::format(
        "Invalid data type of time field for watermark definition. The field must be of type TIMESTAMP(p) or "
        "TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the time field type is {}",
        rowtime->type.asSummaryString()));
  }
  if (isSourceWatermarkCall(*spec.strategy)) {
    rowtime->type = rowtime->type.withTimestampKind(TimestampKind::ROWTIME);
    table.watermark = CatalogWatermark{spec.column[0], std::string(kSourceWatermarkExpression)};
    return Status::OK();
  }
  if (containsSourceWatermarkCall(*spec.strategy)) return InvalidArgument(std::string(kSourceWatermarkError));
  std::vector<types::RowField> fields;
  for (const CatalogColumn& column : table.columns) fields.push_back(DataTypes::FIELD(column.name, column.type));
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, ExpressionBinder(DataTypes::ROW(fields)).bind(*spec.strategy));
  if (!isTimestampUpTo3(bound->type)) {
    return InvalidArgument(fmt::format(
        "Invalid data type of expression for watermark definition. The field must be of type TIMESTAMP(p) or "
        "TIMESTAMP_LTZ(p), the supported precision 'p' is from 0 to 3, but the watermark expression type is {}",
        bound->type.asSummaryString()));
  }
  rowtime->type = rowtime->type.withTimestampKind(TimestampKind::ROWTIME);
  table.watermark = CatalogWatermark{spec.column[0], expressionText(*spec.strategy)};
  return Status::OK();
}

Status resolvePrimaryKey(const CreateTable& ddl, CatalogTable& table) {
  std::optional<UniqueConstraint> key;
  if (ddl.primary_key) key = UniqueConstraint{ddl.primary_key->name.value_or(""), ddl.primary_key->columns};
  for (const TableColumn& column : ddl.columns) {
    if (!column.primary_key) continue;
    if (key) return InvalidArgument("Duplicate primary key definition");
    key = UniqueConstraint{column.constraint_name.value_or(""), {column.name}};
  }
  if (!key) return Status::OK();
  if (key->name.empty()) key->name = "PK_" + fmt::format("{}", fmt::join(key->columns, "_"));
  for (const std::string& name : key->columns) {
    const CatalogColumn* column = findColumn(table.columns, name);
    if (column == nullptr) {
      return InvalidArgument(fmt::format("Invalid primary key '{}'. Column '{}' does not exist.", key->name, name));
    }
    if (column->kind != CatalogColumn::Kind::kPhysical) {
      return InvalidArgument(
          fmt::format("Invalid primary key '{}'. Column '{}' is not a physical column.", key->name, name));
    }
  }
  for (CatalogColumn& column : table.columns) {
    for (const std::string& name : key->columns) {
      if (column.name == name) column.type = column.type.notNull();
    }
  }
  table.primary_key = std::move(key);
  return Status::OK();
}

}  // namespace

std::string expressionText(const Expr& expr) {
  std::string text = unparse(expr);
  if (wrappedInParentheses(text)) text = text.substr(1, text.size() - 2);
  return text;
}

Result<CatalogTable> tableFromDdl(const CreateTable& ddl) {
  if (ddl.like) return NotSupported("CREATE TABLE ... LIKE");
  if (ddl.as_query) return NotSupported("CREATE TABLE ... AS SELECT");
  CatalogTable table;
  EDDY_RETURN_IF_ERROR(resolveColumns(ddl, table));
  EDDY_RETURN_IF_ERROR(resolveWatermark(ddl, table));
  EDDY_RETURN_IF_ERROR(resolvePrimaryKey(ddl, table));
  for (const std::string& key : ddl.partition_keys) {
    if (findColumn(table.columns, key) == nullptr) {
      return InvalidArgument(fmt::format("Partition column '{}' not defined in the table schema. Available columns: [{}]",
                                         key, quotedNames(table.columns)));
    }
  }
  table.partition_keys = ddl.partition_keys;
  for (const SqlOption& option : ddl.options) table.options.insert_or_assign(option.key, option.value);
  table.comment = ddl.comment;
  return table;
}

CatalogView viewFromDdl(const CreateView& ddl) {
  return CatalogView{unparse(*ddl.query), ddl.columns, ddl.comment};
}

}  // namespace eddy::sql
