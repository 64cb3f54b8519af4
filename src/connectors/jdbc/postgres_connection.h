#pragma once

#include <memory>
#include <string>

#include "connectors/jdbc/jdbc_connection.h"

namespace eddy::connectors::jdbc {

// Opens a PostgreSQL connection over libpq (see JdbcConnection).
Result<std::unique_ptr<JdbcConnection>> openPostgresConnection(const JdbcUrl& target, const std::string& masked_url);

}  // namespace eddy::connectors::jdbc
