#pragma once

#include <string>

#include "sql/catalog/catalog_table.h"
#include "sql/catalog/object_identifier.h"

namespace eddy::sql {

// The text of SHOW CREATE TABLE, exactly as Flink's ShowCreateUtil#buildShowCreateTableRow
// builds it: columns, watermark and primary key indented by two spaces, then COMMENT,
// PARTITIONED BY and WITH with options sorted by key. Like Flink, option values are shown
// as stored (secrets included): this is the user's own DDL, never to be logged.
std::string buildShowCreateTableRow(const CatalogTable& table, const ObjectIdentifier& identifier, bool temporary);

}  // namespace eddy::sql
