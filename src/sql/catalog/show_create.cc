#include "sql/catalog/show_create.h"

#include "eddy/common/configuration.h"

namespace eddy::sql {

namespace {

constexpr const char* kIndent = "  ";

std::string formatComment(const std::string& comment) { return "COMMENT '" + escapeSingleQuotes(comment) + "'"; }

std::string columnString(const CatalogColumn& column) {
  std::string out = escapeIdentifier(column.name) + " ";
  if (column.kind == CatalogColumn::Kind::kComputed) {
    out += *column.explainExtras();
  } else {
    out += column.type.asSerializableString();
    if (auto extras = column.explainExtras()) out += " " + *extras;
  }
  if (column.comment && !column.comment->empty()) out += " " + formatComment(*column.comment);
  return out;
}

}  // namespace

std::string buildShowCreateTableRow(const CatalogTable& table, const ObjectIdentifier& identifier, bool temporary) {
  std::string out = std::string("CREATE ") + (temporary ? "TEMPORARY " : "") + "TABLE " +
                    identifier.asSerializableString() + " (\n";
  for (size_t i = 0; i < table.columns.size(); ++i) {
    if (i > 0) out += ",\n";
    out += kIndent + columnString(table.columns[i]);
  }
  if (table.watermark) {
    out += std::string(",\n") + kIndent + "WATERMARK FOR " + escapeIdentifier(table.watermark->rowtime_attribute) +
           " AS " + table.watermark->expression;
  }
  if (table.primary_key) out += std::string(",\n") + kIndent + table.primary_key->asSummaryString();
  out += "\n)\n";
  if (table.comment && !table.comment->empty()) out += formatComment(*table.comment) + "\n";
  if (!table.partition_keys.empty()) {
    out += "PARTITIONED BY (";
    for (size_t i = 0; i < table.partition_keys.size(); ++i) {
      if (i > 0) out += ", ";
      out += escapeIdentifier(table.partition_keys[i]);
    }
    out += ")\n";
  }
  if (!table.options.empty()) {
    out += "WITH (\n";
    bool first = true;
    for (const auto& [key, value] : table.options) {
      if (!first) out += ",\n";
      first = false;
      const std::string shown =
          GlobalConfiguration::isSensitive(key) ? std::string(GlobalConfiguration::kHiddenContent) : value;
      out += std::string(kIndent) + "'" + escapeSingleQuotes(key) + "' = '" + escapeSingleQuotes(shown) + "'";
    }
    out += "\n)\n";
  }
  return out;
}

}  // namespace eddy::sql
