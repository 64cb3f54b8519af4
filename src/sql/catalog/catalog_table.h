#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "eddy/types/data_types.h"
#include "eddy/types/logical_type.h"

namespace eddy::sql {

// A resolved column of a catalog table, as Flink's Column: physical, computed (an expression
// over other columns) or metadata (read from the connector's metadata key).
struct CatalogColumn {
  enum class Kind { kPhysical, kComputed, kMetadata };

  Kind kind = Kind::kPhysical;
  std::string name;
  types::LogicalType type = types::DataTypes::NULL_TYPE();  // kComputed: what the expression computes
  std::string expression;         // kComputed: the expression as Flink prints it ("`a` + 1")
  std::optional<std::string> metadata_key;
  bool is_virtual = false;
  std::optional<std::string> comment;

  // "AS `a` + 1" or "METADATA FROM 'k' VIRTUAL" (Column#explainExtras); empty for physical.
  std::optional<std::string> explainExtras() const;
};

// `WATERMARK FOR rowtime AS expression`, as Flink's WatermarkSpec.
struct CatalogWatermark {
  std::string rowtime_attribute;
  std::string expression;  // as Flink prints it: "`ts` - INTERVAL '5' SECOND"
};

// `CONSTRAINT name PRIMARY KEY (columns) NOT ENFORCED`, as Flink's UniqueConstraint.
struct UniqueConstraint {
  std::string name;
  std::vector<std::string> columns;

  // "CONSTRAINT `PK_id` PRIMARY KEY (`id`) NOT ENFORCED".
  std::string asSummaryString() const;
};

// A table of a catalog (Flink's ResolvedCatalogTable): schema, partition keys, options and
// comment. Options are kept sorted by key, as SHOW CREATE TABLE prints them.
struct CatalogTable {
  std::vector<CatalogColumn> columns;
  std::optional<CatalogWatermark> watermark;
  std::optional<UniqueConstraint> primary_key;
  std::vector<std::string> partition_keys;
  std::map<std::string, std::string> options;
  std::optional<std::string> comment;
};

// A view of a catalog (Flink's CatalogView): its query text. The planner derives the
// schema; until then only explicitly declared column names are known.
struct CatalogView {
  std::string query;
  std::vector<std::string> column_names;
  std::optional<std::string> comment;
};

// A table or a view (Flink's CatalogBaseTable).
using CatalogBaseTable = std::variant<CatalogTable, CatalogView>;

inline bool isView(const CatalogBaseTable& table) { return std::holds_alternative<CatalogView>(table); }

}  // namespace eddy::sql
