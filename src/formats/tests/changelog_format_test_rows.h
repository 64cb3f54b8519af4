#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/types/data_types.h"
#include "eddy/types/row.h"

namespace eddy::formats::testing {

// The products table of the CDC format tests (Flink's debezium/canal test data).
inline types::LogicalType productType() {
  using types::DataTypes;
  return DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()), DataTypes::FIELD("name", DataTypes::STRING()),
                         DataTypes::FIELD("weight", DataTypes::DOUBLE())});
}

// The rows a changelog deserializer (Debezium, Canal) makes of `messages`, one
// Row::toString a line, or "error: <message>".
template <typename Deserializer, typename Options>
std::string decodeChangelog(const std::vector<std::string>& messages, const Options& options) {
  auto deserializer = Deserializer::create(productType(), options);
  EXPECT_TRUE(deserializer.ok()) << deserializer.status().toString();
  std::vector<types::Row> rows;
  for (const std::string& message : messages) {
    Status status = deserializer->deserialize(message, rows);
    if (!status.ok()) return "error: " + status.message();
  }
  std::string out;
  for (const types::Row& row : rows) out += row.toString() + "\n";
  return out;
}

}  // namespace eddy::formats::testing
