#include "sql/catalog/object_identifier.h"

namespace eddy::sql {

std::string escapeIdentifier(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    if (c == '`') out += '`';
    out += c;
  }
  out += '`';
  return out;
}

std::string escapeSingleQuotes(const std::string& value) {
  std::string out;
  for (char c : value) {
    if (c == '\'') out += '\'';
    out += c;
  }
  return out;
}

std::string ObjectIdentifier::asSerializableString() const {
  return escapeIdentifier(catalog) + "." + escapeIdentifier(database) + "." + escapeIdentifier(object);
}

std::string ObjectIdentifier::asSummaryString() const { return catalog + "." + database + "." + object; }

std::string ObjectIdentifier::objectPathFullName() const { return database + "." + object; }

}  // namespace eddy::sql
