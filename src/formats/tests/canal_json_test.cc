#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "eddy/formats/canal/canal_json_deserializer.h"
#include "eddy/formats/canal/canal_json_serializer.h"
#include "eddy/types/data_types.h"
#include "formats/tests/changelog_format_test_rows.h"

namespace eddy::formats::canal {
namespace {

using types::DataTypes;
using types::LogicalType;
using types::Row;
using types::RowKind;

using testing::productType;

std::string decode(const std::vector<std::string>& messages, CanalJsonOptions options = {}) {
  return testing::decodeChangelog<CanalJsonDeserializer>(messages, options);
}

const std::vector<std::string> kMessages = {
    R"({"data":[{"id":"101","name":"scooter","weight":"3.14"},{"id":"102","name":"battery","weight":"8.1"}],"database":"inventory","table":"products","type":"INSERT","old":null,"ts":1})",
    R"({"data":[{"id":"101","name":"scooter","weight":"5.18"}],"old":[{"weight":"3.14"}],"database":"inventory","table":"products","type":"UPDATE"})",
    R"({"data":[{"id":"102","name":"battery","weight":"8.1"}],"old":null,"database":"inventory","table":"products","type":"DELETE"})",
    R"j({"data":null,"old":null,"database":"inventory","table":"products","type":"CREATE","sql":"CREATE TABLE x (id INT)"})j",
    R"({"data":[{"id":"1","name":"other","weight":"1"}],"old":null,"database":"audit","table":"log","type":"INSERT"})",
};

TEST(CanalJsonTest, EveryType) {
  EXPECT_EQ(decode(kMessages),
            "+I[101, scooter, 3.14]\n"
            "+I[102, battery, 8.1]\n"
            "-U[101, scooter, 3.14]\n"
            "+U[101, scooter, 5.18]\n"
            "-D[102, battery, 8.1]\n"
            "+I[1, other, 1.0]\n");
}

TEST(CanalJsonTest, DatabaseAndTableInclude) {
  CanalJsonOptions options;
  options.database_include = "inv.*";
  options.table_include = "prod";
  EXPECT_EQ(decode(kMessages, options), "");
  options.table_include = "prod.*";
  EXPECT_EQ(decode(kMessages, options),
            "+I[101, scooter, 3.14]\n"
            "+I[102, battery, 8.1]\n"
            "-U[101, scooter, 3.14]\n"
            "+U[101, scooter, 5.18]\n"
            "-D[102, battery, 8.1]\n");
}

TEST(CanalJsonTest, FailuresWithFlinksMessages) {
  EXPECT_EQ(decode({R"({"data":[],"type":"ALTER"})"}),
            "error: Corrupt Canal JSON message '{\"data\":[],\"type\":\"ALTER\"}'. Caused by: Unknown \"type\" value "
            "\"ALTER\". The Canal JSON message is '{\"data\":[],\"type\":\"ALTER\"}'");
  CanalJsonOptions options;
  options.ignore_parse_errors = true;
  EXPECT_EQ(decode({"{oops", R"({"data":[],"type":"ALTER"})", R"({"data":[{"id":"5"}],"type":"INSERT"})"}, options),
            "+I[5, null, null]\n");
}

TEST(CanalJsonTest, SerializesEveryKind) {
  auto serializer = CanalJsonSerializer::create(productType());
  ASSERT_TRUE(serializer.ok());
  std::string out;
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::INSERT, int32_t{1}, "a", 1.5), out).ok());
  out += "\n";
  ASSERT_TRUE(serializer->serialize(Row::ofKind(RowKind::UPDATE_BEFORE, int32_t{1}, "a", 1.5), out).ok());
  EXPECT_EQ(out,
            R"({"data":[{"id":1,"name":"a","weight":1.5}],"type":"INSERT"})"
            "\n"
            R"({"data":[{"id":1,"name":"a","weight":1.5}],"type":"DELETE"})");
}

TEST(CanalJsonTest, Options) {
  auto options = CanalJsonOptions::fromTableOptions({{"database.include", "db"}, {"table.include", "t.*"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(*options->database_include, "db");
  EXPECT_EQ(*options->table_include, "t.*");
  EXPECT_EQ(CanalJsonDeserializer::create(productType(), CanalJsonOptions{.database_include = "("}).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace eddy::formats::canal
