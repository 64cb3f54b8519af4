#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/connectors/jdbc/jdbc_filter_pushdown.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"
#include "sql/planner/reduce_expressions.h"

namespace eddy::sql {
namespace {

using connectors::jdbc::JdbcDialect;
using connectors::jdbc::JdbcDriverKind;
using types::DataTypes;

const types::LogicalType kRow = DataTypes::ROW({DataTypes::FIELD("id", DataTypes::INT()),
                                                DataTypes::FIELD("name", DataTypes::STRING()),
                                                DataTypes::FIELD("amount", DataTypes::BIGINT()),
                                                DataTypes::FIELD("quota", DataTypes::BIGINT()),
                                                DataTypes::FIELD("day", DataTypes::DATE())});

// The predicate of `filter` (over kRow, its constant expressions reduced as the planner
// offers filters) for `kind`, its parameters after " | ", or "not pushed".
std::string render(const std::string& filter, JdbcDriverKind kind = JdbcDriverKind::kPostgres) {
  Result<ExprPtr> parsed = SqlParser::parseExpression(filter);
  if (!parsed.ok()) return "ERROR: " + parsed.status().message();
  Result<BoundExprPtr> bound = ExpressionBinder(kRow).bind(**parsed);
  if (!bound.ok()) return "ERROR: " + bound.status().message();
  reduceExpressions({&*bound});
  std::optional<ParameterizedPredicate> predicate = toParameterizedPredicate(**bound, kRow, JdbcDialect(kind));
  if (!predicate) return "not pushed";
  std::string out = predicate->predicate + " |";
  for (size_t i = 0; i < predicate->parameters.size(); ++i) {
    out += " " + predicate->parameters[i].toString() + ":" + predicate->parameter_types[i].asSummaryString();
  }
  return out;
}

TEST(JdbcFilterPushDownTest, ComparisonsOfColumnsAndLiteralsBecomePlaceholders) {
  EXPECT_EQ(render("id > 10"), "(id > ?) | 10:INT NOT NULL");
  EXPECT_EQ(render("name = 'ann'"), "(name = ?) | ann:CHAR(3) NOT NULL");
  EXPECT_EQ(render("id <> 3"), "(id <> ?) | 3:INT NOT NULL");
  EXPECT_EQ(render("amount <= quota"), "(amount <= quota) |");
  EXPECT_EQ(render("name = 'ann'", JdbcDriverKind::kMySql), "(`name` = ?) | ann:CHAR(3) NOT NULL");
}

TEST(JdbcFilterPushDownTest, AndOrAndNullTestsNest) {
  EXPECT_EQ(render("id >= 1 AND (name IS NULL OR name LIKE 'a%')"),
            "((id >= ?) AND ((name IS NULL) OR (name LIKE ?))) | 1:INT NOT NULL a%:STRING NOT NULL");
  EXPECT_EQ(render("amount IS NOT NULL"), "(amount IS NOT NULL) |");
}

TEST(JdbcFilterPushDownTest, OtherExpressionsAreNotPushed) {
  EXPECT_EQ(render("id + 1 > 10"), "not pushed");
  // id is cast to BIGINT to be compared with amount.
  EXPECT_EQ(render("id <= amount"), "not pushed");
  EXPECT_EQ(render("UPPER(name) = 'ANN'"), "not pushed");
  EXPECT_EQ(render("NOT (id > 1)"), "not pushed");
  EXPECT_EQ(render("id > 1 AND id + 1 > 2"), "not pushed");
}

TEST(JdbcFilterPushDownTest, PredicatesAreAndedToTheSplitQuery) {
  std::vector<ParameterizedPredicate> predicates = {{"(id > ?)", {}, {}}, {"(name IS NULL)", {}, {}}};
  EXPECT_EQ(withPredicates("SELECT id, name FROM t", false, predicates),
            "SELECT id, name FROM t WHERE ((id > ?)) AND ((name IS NULL))");
  EXPECT_EQ(withPredicates("SELECT id, name FROM t WHERE id BETWEEN 1 AND 5", true, predicates),
            "SELECT id, name FROM t WHERE id BETWEEN 1 AND 5 AND ((id > ?)) AND ((name IS NULL))");
  EXPECT_EQ(withPredicates("SELECT id FROM t", false, {}), "SELECT id FROM t");
}

}  // namespace
}  // namespace eddy::sql
