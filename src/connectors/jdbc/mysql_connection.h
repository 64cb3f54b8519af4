#pragma once

#include <memory>
#include <string>

#include "connectors/jdbc/jdbc_connection.h"

namespace eddy::connectors::jdbc {

// Opens a MySQL or MariaDB connection over MariaDB Connector/C (see JdbcConnection).
Result<std::unique_ptr<JdbcConnection>> openMySqlConnection(const JdbcUrl& target, const std::string& masked_url);

}  // namespace eddy::connectors::jdbc
