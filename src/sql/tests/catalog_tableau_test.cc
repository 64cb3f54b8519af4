#include <gtest/gtest.h>

#include "sql/catalog/catalog_manager.h"
#include "sql/catalog/table_result.h"

namespace eddy::sql {
namespace {

TEST(CatalogTableauTest, EmptySet) {
  EXPECT_EQ(printTableau(TableResult{TableResult::Kind::kSuccessWithContent, {"a"}, {}}), "Empty set\n");
}

TEST(CatalogTableauTest, RightAlignsAndPrintsNull) {
  TableResult result{TableResult::Kind::kSuccessWithContent, {"name", "v"}, {{"x", std::nullopt}, {"longer", "é"}}};
  EXPECT_EQ(printTableau(result),
            "+--------+--------+\n"
            "|   name |      v |\n"
            "+--------+--------+\n"
            "|      x | <NULL> |\n"
            "| longer |      é |\n"
            "+--------+--------+\n"
            "2 rows in set\n");
}

TEST(CatalogTableauTest, ObjectIdentifierForms) {
  const ObjectIdentifier id{"c", "d", "t`x"};
  EXPECT_EQ(id.asSerializableString(), "`c`.`d`.`t``x`");
  EXPECT_EQ(id.asSummaryString(), "c.d.t`x");
}

TEST(CatalogTableauTest, QualifyIdentifier) {
  CatalogManager manager;
  EXPECT_EQ(manager.qualifyIdentifier({"t"})->asSummaryString(), "default_catalog.default_database.t");
  EXPECT_EQ(manager.qualifyIdentifier({"db", "t"})->asSummaryString(), "default_catalog.db.t");
  EXPECT_EQ(manager.qualifyIdentifier({"c", "db", "t"})->asSummaryString(), "c.db.t");
  EXPECT_EQ(manager.qualifyIdentifier({"a", "b", "c", "d"}).status().message(),
            "Object identifier `a`.`b`.`c`.`d` has 4 parts; expected [[catalog.]database.]object");
}

}  // namespace
}  // namespace eddy::sql
