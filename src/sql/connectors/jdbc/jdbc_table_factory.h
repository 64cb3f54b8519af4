#pragma once

#include "sql/connectors/factory_registry.h"

namespace eddy::sql {

// Registers the `jdbc` factory (Flink's JdbcDynamicTableFactory): a JdbcDynamicTableSource
// when the table is read, a JdbcDynamicTableSink when it is written, for PostgreSQL
// (jdbc:postgresql://) and MySQL/MariaDB (jdbc:mysql://, jdbc:mariadb://) urls. Options are
// checked with Flink's messages (jdbc_table_options.h), column types against the url's
// dialect.
void registerJdbcFactories(FactoryRegistry& registry);

}  // namespace eddy::sql
