#pragma once

#include <string>
#include <vector>

#include "eddy/common/result.h"

namespace eddy::sql {

// The fully qualified name of a table or view, as Flink's ObjectIdentifier: catalog,
// database and object name, each case-sensitive. A value type.
struct ObjectIdentifier {
  std::string catalog;
  std::string database;
  std::string object;

  // "`cat`.`db`.`t`", backquotes inside names doubled (ObjectIdentifier#asSerializableString;
  // also Flink's toString()).
  std::string asSerializableString() const;
  // "cat.db.t" (ObjectIdentifier#asSummaryString).
  std::string asSummaryString() const;
  // "db.t", the ObjectPath inside its catalog (ObjectPath#getFullName).
  std::string objectPathFullName() const;

  friend bool operator==(const ObjectIdentifier&, const ObjectIdentifier&) = default;
  friend auto operator<=>(const ObjectIdentifier&, const ObjectIdentifier&) = default;
};

// `name` in backquotes with inner backquotes doubled (EncodingUtils#escapeIdentifier).
std::string escapeIdentifier(const std::string& name);
// `value` with single quotes doubled (EncodingUtils#escapeSingleQuotes).
std::string escapeSingleQuotes(const std::string& value);

}  // namespace eddy::sql
