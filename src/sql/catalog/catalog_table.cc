#include "sql/catalog/catalog_table.h"

#include "sql/catalog/object_identifier.h"

namespace eddy::sql {

std::optional<std::string> CatalogColumn::explainExtras() const {
  switch (kind) {
    case Kind::kPhysical:
      return std::nullopt;
    case Kind::kComputed:
      return "AS " + expression;
    case Kind::kMetadata: {
      std::string out = "METADATA";
      if (metadata_key) out += " FROM '" + escapeSingleQuotes(*metadata_key) + "'";
      if (is_virtual) out += " VIRTUAL";
      return out;
    }
  }
  return std::nullopt;
}

std::string UniqueConstraint::asSummaryString() const {
  std::string out = "CONSTRAINT " + escapeIdentifier(name) + " PRIMARY KEY (";
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) out += ", ";
    out += escapeIdentifier(columns[i]);
  }
  out += ") NOT ENFORCED";
  return out;
}

}  // namespace eddy::sql
