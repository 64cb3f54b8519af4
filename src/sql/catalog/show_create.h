#pragma once

#include <string>

#include "sql/catalog/catalog_table.h"
#include "sql/catalog/object_identifier.h"

namespace eddy::sql {

// The text of SHOW CREATE TABLE, exactly as Flink's ShowCreateUtil#buildShowCreateTableRow
// builds it: columns, watermark and primary key indented by two spaces, then COMMENT,
// PARTITIONED BY and WITH with options sorted by key. Unlike Flink, which prints option
// values as stored, the values of sensitive keys (password, secret, token, ...: those
// GlobalConfiguration::isSensitive names) are shown as ******, so that a shared screen or a
// log of the session never shows a secret.
std::string buildShowCreateTableRow(const CatalogTable& table, const ObjectIdentifier& identifier, bool temporary);

}  // namespace eddy::sql
