// Binding: name resolution, Flink's result types and implicit casts, and validation errors
// with Calcite's messages and the node's line and column.
#include <gtest/gtest.h>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"

namespace eddy::sql {
namespace {

using types::DataTypes;

types::LogicalType schema() {
  return DataTypes::ROW({DataTypes::FIELD("a", DataTypes::INT()), DataTypes::FIELD("b", DataTypes::BIGINT().notNull()),
                         DataTypes::FIELD("d", DataTypes::DECIMAL(10, 2)), DataTypes::FIELD("d2", DataTypes::DECIMAL(5, 3)),
                         DataTypes::FIELD("f", DataTypes::FLOAT()), DataTypes::FIELD("x", DataTypes::DOUBLE()),
                         DataTypes::FIELD("s", DataTypes::VARCHAR(10)), DataTypes::FIELD("c", DataTypes::CHAR(3)),
                         DataTypes::FIELD("t", DataTypes::TINYINT()), DataTypes::FIELD("ts", DataTypes::TIMESTAMP(3)),
                         DataTypes::FIELD("dt", DataTypes::DATE()), DataTypes::FIELD("flag", DataTypes::BOOLEAN()),
                         DataTypes::FIELD("Mixed", DataTypes::INT())});
}

Result<BoundExprPtr> bind(std::string_view sql) {
  EDDY_ASSIGN_OR_RETURN(ExprPtr parsed, SqlParser::parseExpression(sql));
  return ExpressionBinder(schema()).bind(*parsed);
}

// The bound expression's type, as Flink's summary string.
std::string typeOf(std::string_view sql) {
  Result<BoundExprPtr> bound = bind(sql);
  if (!bound.ok()) return "ERROR: " + bound.status().message();
  return (*bound)->type.asSummaryString();
}

std::string digestOf(std::string_view sql) {
  Result<BoundExprPtr> bound = bind(sql);
  if (!bound.ok()) return "ERROR: " + bound.status().message();
  return (*bound)->toString();
}

std::string errorOf(std::string_view sql) {
  Result<BoundExprPtr> bound = bind(sql);
  if (bound.ok()) return "OK: " + (*bound)->toString();
  return bound.status().message();
}

TEST(ExpressionBinderTest, ResolvesFieldsByIndex) {
  EXPECT_EQ(digestOf("a + b"), "+(CAST($0):BIGINT, $1)");
  EXPECT_EQ(digestOf("`Mixed`"), "$12");
  EXPECT_EQ(digestOf("Mixed"), "$12");
}

TEST(ExpressionBinderTest, IdentifiersAreCaseSensitive) {
  EXPECT_EQ(errorOf("mixed"), "From line 1, column 1 to line 1, column 5: Column 'mixed' not found in any table");
  EXPECT_EQ(errorOf("A + 1"), "At line 1, column 1: Column 'A' not found in any table");
}

TEST(ExpressionBinderTest, UnknownColumnPosition) {
  EXPECT_EQ(errorOf("a +\n  nope * 2"), "From line 2, column 3 to line 2, column 6: Column 'nope' not found in any table");
  EXPECT_EQ(errorOf("t2.a"), "From line 1, column 1 to line 1, column 4: Table 't2' not found");
}

TEST(ExpressionBinderTest, LiteralTypes) {
  EXPECT_EQ(typeOf("1"), "INT NOT NULL");
  EXPECT_EQ(typeOf("3000000000"), "BIGINT NOT NULL");
  EXPECT_EQ(typeOf("12.50"), "DECIMAL(4, 2) NOT NULL");
  EXPECT_EQ(typeOf("0.05"), "DECIMAL(3, 2) NOT NULL");
  EXPECT_EQ(typeOf("1.5E3"), "DOUBLE NOT NULL");
  EXPECT_EQ(typeOf("'abc'"), "CHAR(3) NOT NULL");
  EXPECT_EQ(typeOf("TRUE"), "BOOLEAN NOT NULL");
  EXPECT_EQ(typeOf("NULL"), "NULL");
  EXPECT_EQ(typeOf("DATE '2024-01-01'"), "DATE NOT NULL");
  EXPECT_EQ(typeOf("TIMESTAMP '2024-01-01 00:00:00.12'"), "TIMESTAMP(2) NOT NULL");
  EXPECT_EQ(typeOf("X'00FF'"), "BINARY(2) NOT NULL");
}

TEST(ExpressionBinderTest, IntegerArithmeticTypes) {
  EXPECT_EQ(typeOf("a + a"), "INT");
  EXPECT_EQ(typeOf("t + t"), "TINYINT");
  EXPECT_EQ(typeOf("t * a"), "INT");
  EXPECT_EQ(typeOf("a + b"), "BIGINT");
  EXPECT_EQ(typeOf("b + 1"), "BIGINT NOT NULL");
  EXPECT_EQ(typeOf("a / 2"), "INT");
  EXPECT_EQ(typeOf("b % a"), "INT");
}

TEST(ExpressionBinderTest, ApproximateArithmeticTypes) {
  EXPECT_EQ(typeOf("a + f"), "FLOAT");
  EXPECT_EQ(typeOf("f + x"), "DOUBLE");
  EXPECT_EQ(typeOf("d + f"), "DOUBLE");
  EXPECT_EQ(typeOf("a / x"), "DOUBLE");
}

TEST(ExpressionBinderTest, DecimalArithmeticTypes) {
  // LogicalTypeMerging: + is (max(p1-s1, p2-s2) + max(s1, s2) + 1, max(s1, s2)).
  EXPECT_EQ(typeOf("d + d2"), "DECIMAL(12, 3)");
  EXPECT_EQ(typeOf("d - 1"), "DECIMAL(13, 2)");
  EXPECT_EQ(typeOf("d * d2"), "DECIMAL(16, 5)");
  EXPECT_EQ(typeOf("d / d2"), "DECIMAL(19, 8)");
  EXPECT_EQ(typeOf("d % d2"), "DECIMAL(5, 3)");
  EXPECT_EQ(typeOf("d * b"), "DECIMAL(30, 2)");
  // Beyond 38 digits the scale gives way, keeping at least 6 fraction digits.
  EXPECT_EQ(typeOf("CAST(d AS DECIMAL(38, 10)) * CAST(d AS DECIMAL(38, 10))"), "DECIMAL(38, 6)");
  EXPECT_EQ(typeOf("CAST(d AS DECIMAL(38, 8)) + CAST(d AS DECIMAL(32, 8))"), "DECIMAL(38, 7)");
}

TEST(ExpressionBinderTest, ComparisonInsertsCasts) {
  EXPECT_EQ(digestOf("a < b"), "<(CAST($0):BIGINT, $1)");
  EXPECT_EQ(digestOf("d = 1"), "=(CAST($2):DECIMAL(12, 2), CAST(1):DECIMAL(12, 2) NOT NULL)");
  EXPECT_EQ(digestOf("s = c"), "=($6, $7)");
  EXPECT_EQ(typeOf("a = 1"), "BOOLEAN");
  EXPECT_EQ(typeOf("b = 1"), "BOOLEAN NOT NULL");
  EXPECT_EQ(typeOf("a IS NOT DISTINCT FROM 1"), "BOOLEAN NOT NULL");
}

TEST(ExpressionBinderTest, RewritesBetweenInCoalesceNullifIf) {
  EXPECT_EQ(digestOf("a BETWEEN 1 AND 5"), "AND(>=($0, 1), <=($0, 5))");
  EXPECT_EQ(digestOf("a NOT BETWEEN 1 AND 5"), "OR(<($0, 1), >($0, 5))");
  EXPECT_EQ(digestOf("a IN (1, 2)"), "OR(=($0, 1), =($0, 2))");
  EXPECT_EQ(digestOf("a NOT IN (1, 2)"), "AND(<>($0, 1), <>($0, 2))");
  EXPECT_EQ(digestOf("COALESCE(a, 0)"), "CASE(IS NOT NULL($0), $0, 0)");
  EXPECT_EQ(digestOf("NULLIF(a, 1)"), "CASE(=($0, 1), null:INT, $0)");
  EXPECT_EQ(digestOf("IF(flag, 1, 2)"), "CASE($11, 1, 2)");
}

TEST(ExpressionBinderTest, CaseUnifiesTypes) {
  EXPECT_EQ(typeOf("CASE WHEN flag THEN a ELSE b END"), "BIGINT");
  EXPECT_EQ(typeOf("CASE WHEN flag THEN 'a' ELSE 'abc' END"), "VARCHAR(3) NOT NULL");
  EXPECT_EQ(typeOf("CASE WHEN flag THEN 'a' END"), "CHAR(1)");
  EXPECT_EQ(typeOf("CASE WHEN flag THEN d ELSE 1.5E0 END"), "DOUBLE");
  EXPECT_EQ(typeOf("CASE WHEN flag THEN d ELSE a END"), "DECIMAL(12, 2)");
  EXPECT_EQ(typeOf("COALESCE(s, 'none')"), "VARCHAR(10) NOT NULL");
  EXPECT_EQ(typeOf("COALESCE(s, c)"), "VARCHAR(10)");
}

TEST(ExpressionBinderTest, StringResultTypes) {
  EXPECT_EQ(typeOf("s || c"), "VARCHAR(13)");
  EXPECT_EQ(typeOf("c || 'ab'"), "CHAR(5)");
  EXPECT_EQ(typeOf("UPPER(c)"), "CHAR(3)");
  EXPECT_EQ(typeOf("CHAR_LENGTH(s)"), "INT");
  EXPECT_EQ(typeOf("REGEXP_EXTRACT(s, 'a')"), "STRING");
  EXPECT_EQ(typeOf("TRIM(s)"), "VARCHAR(10)");
}

TEST(ExpressionBinderTest, CastTypes) {
  EXPECT_EQ(typeOf("CAST(a AS STRING)"), "STRING");
  EXPECT_EQ(typeOf("CAST(b AS INT)"), "INT NOT NULL");
  EXPECT_EQ(typeOf("TRY_CAST(b AS INT)"), "INT");
  EXPECT_EQ(typeOf("CAST(NULL AS DATE)"), "DATE");
}

TEST(ExpressionBinderTest, TemporalTypes) {
  EXPECT_EQ(typeOf("EXTRACT(YEAR FROM ts)"), "BIGINT");
  EXPECT_EQ(typeOf("ts + INTERVAL '1' HOUR"), "TIMESTAMP(3)");
  EXPECT_EQ(typeOf("FLOOR(ts TO DAY)"), "TIMESTAMP(3)");
  EXPECT_EQ(typeOf("TIMESTAMPDIFF(DAY, ts, ts)"), "INT");
  EXPECT_EQ(typeOf("TO_TIMESTAMP('2024-01-01 00:00:00')"), "TIMESTAMP(3)");
  EXPECT_EQ(typeOf("ROUND(d, 1)"), "DECIMAL(10, 1)");
  EXPECT_EQ(typeOf("ROUND(d, -1)"), "DECIMAL(9, 0)");
}

TEST(ExpressionBinderTest, ArithmeticTypeErrors) {
  EXPECT_EQ(errorOf("s + 1"),
            "From line 1, column 1 to line 1, column 5: Cannot apply '+' to arguments of type '<VARCHAR(10)> + <INTEGER>'. Supported "
            "form(s): '<NUMERIC> + <NUMERIC>'\n'<DATETIME_INTERVAL> + <DATETIME_INTERVAL>'\n'<DATETIME> + "
            "<DATETIME_INTERVAL>'\n'<DATETIME_INTERVAL> + <DATETIME>'");
  EXPECT_EQ(errorOf("flag * 2"),
            "From line 1, column 1 to line 1, column 8: Cannot apply '*' to arguments of type '<BOOLEAN> * <INTEGER>'. Supported form(s): "
            "'<NUMERIC> * <NUMERIC>'\n'<DATETIME_INTERVAL> * <NUMERIC>'\n'<NUMERIC> * <DATETIME_INTERVAL>'");
  EXPECT_EQ(errorOf("x % 2"),
            "From line 1, column 1 to line 1, column 5: Cannot apply '%' to arguments of type '<DOUBLE> % <INTEGER>'. Supported form(s): "
            "'<EXACT_NUMERIC> % <EXACT_NUMERIC>'");
  EXPECT_EQ(errorOf("-s"),
            "From line 1, column 1 to line 1, column 2: Cannot apply '-' to arguments of type '-<VARCHAR(10)>'. Supported form(s): "
            "'-<NUMERIC>'\n'-<DATETIME_INTERVAL>'");
}

TEST(ExpressionBinderTest, ComparisonTypeErrors) {
  EXPECT_EQ(errorOf("a = 'x'"),
            "From line 1, column 1 to line 1, column 7: Cannot apply '=' to arguments of type '<INTEGER> = <CHAR(1)>'. Supported form(s): "
            "'<COMPARABLE_TYPE> = <COMPARABLE_TYPE>'");
  EXPECT_EQ(errorOf("ts < dt"),
            "From line 1, column 1 to line 1, column 7: Cannot apply '<' to arguments of type '<TIMESTAMP(3)> < <DATE>'. Supported form(s): "
            "'<COMPARABLE_TYPE> < <COMPARABLE_TYPE>'");
}

TEST(ExpressionBinderTest, LogicalTypeErrors) {
  EXPECT_EQ(errorOf("flag AND a"),
            "From line 1, column 1 to line 1, column 10: Cannot apply 'AND' to arguments of type '<BOOLEAN> AND <INTEGER>'. Supported "
            "form(s): '<BOOLEAN> AND <BOOLEAN>'");
  EXPECT_EQ(errorOf("NOT a"),
            "From line 1, column 1 to line 1, column 5: Cannot apply 'NOT' to arguments of type 'NOT <INTEGER>'. Supported form(s): "
            "'NOT <BOOLEAN>'");
  EXPECT_EQ(errorOf("a IS TRUE"),
            "From line 1, column 1 to line 1, column 9: Cannot apply 'IS TRUE' to arguments of type '<INTEGER> IS TRUE'. Supported "
            "form(s): '<BOOLEAN> IS TRUE'");
  EXPECT_EQ(errorOf("CASE WHEN a THEN 1 END"), "At line 1, column 11: Expected a boolean type, but was INTEGER");
}

TEST(ExpressionBinderTest, OtherErrors) {
  EXPECT_EQ(errorOf("a LIKE 'x'"),
            "From line 1, column 1 to line 1, column 10: Cannot apply 'LIKE' to arguments of type '<INTEGER> LIKE <CHAR(1)>'. Supported "
            "form(s): '<STRING> LIKE <STRING>'\n'<STRING> LIKE <STRING> ESCAPE <STRING>'");
  EXPECT_EQ(errorOf("s || 1"),
            "From line 1, column 1 to line 1, column 6: Cannot apply '||' to arguments of type '<VARCHAR(10)> || <INTEGER>'. Supported "
            "form(s): '<STRING> || <STRING>'");
  EXPECT_EQ(errorOf("CASE WHEN flag THEN 1 ELSE 'a' END"),
            "From line 1, column 1 to line 1, column 34: Illegal mixing of types in CASE or COALESCE statement");
  EXPECT_EQ(errorOf("COALESCE(a, s)"), "From line 1, column 1 to line 1, column 14: Illegal mixing of types in CASE or COALESCE statement");
  EXPECT_EQ(errorOf("CAST(dt AS INT)"), "From line 1, column 1 to line 1, column 15: Cast function cannot convert value of type DATE to type INTEGER");
  EXPECT_EQ(errorOf("CAST(flag AS DATE)"),
            "From line 1, column 1 to line 1, column 18: Cast function cannot convert value of type BOOLEAN to type DATE");
}

TEST(ExpressionBinderTest, FunctionErrors) {
  EXPECT_EQ(errorOf("NO_SUCH_FN(a, s)"), "From line 1, column 1 to line 1, column 16: No match found for function signature NO_SUCH_FN(<NUMERIC>, <CHARACTER>)");
  EXPECT_EQ(errorOf("UPPER(a)"),
            "From line 1, column 1 to line 1, column 8: Cannot apply 'UPPER' to arguments of type 'UPPER(<INTEGER>)'. Supported form(s): "
            "'UPPER(<CHARACTER>)'");
  EXPECT_EQ(errorOf("  SUBSTRING(s, 'x')"),
            "From line 1, column 3 to line 1, column 19: Cannot apply 'SUBSTRING' to arguments of type 'SUBSTRING(<VARCHAR(10)>, <CHAR(1)>)'. "
            "Supported form(s): 'SUBSTRING(<CHAR> FROM <INTEGER>)'\n'SUBSTRING(<CHAR> FROM <INTEGER> FOR <INTEGER>)'");
  EXPECT_EQ(errorOf("REPLACE(s, 'a')"),
            "From line 1, column 1 to line 1, column 15: Invalid number of arguments to function 'REPLACE'. Was expecting 3 arguments");
  EXPECT_EQ(errorOf("EXTRACT(YEAR FROM a)"),
            "From line 1, column 1 to line 1, column 20: Cannot apply 'EXTRACT' to arguments of type 'EXTRACT(<INTEGER>)'. Supported form(s): "
            "'EXTRACT(<DATETIME_INTERVAL> FROM <DATETIME>)'");
  EXPECT_EQ(errorOf("TIMESTAMPADD(DAY, 's', ts)"),
            "From line 1, column 1 to line 1, column 26: Cannot apply 'TIMESTAMPADD' to arguments of type 'TIMESTAMPADD(<CHAR(1)>, "
            "<TIMESTAMP(3)>)'. Supported form(s): 'TIMESTAMPADD(<ANY>, <INTEGER>, <DATETIME>)'");
}

TEST(ExpressionBinderTest, LiteralErrors) {
  EXPECT_EQ(errorOf("DATE '2024-02-30'"), "From line 1, column 1 to line 1, column 17: Illegal DATE literal '2024-02-30': not in format 'yyyy-MM-dd'");
  EXPECT_EQ(errorOf("a + INTERVAL '1:2' DAY"), "From line 1, column 5 to line 1, column 22: Illegal interval literal format '1:2' for INTERVAL DAY");
}

TEST(ExpressionBinderTest, UnsupportedKindsAreNotSupported) {
  Result<BoundExprPtr> subquery = bind("a IN (SELECT 1)");
  EXPECT_EQ(subquery.status().code(), StatusCode::kNotSupported);
  EXPECT_EQ(bind("FLOOR(ts TO DOW)").status().toString(), "NotSupported: At line 1, column 1: FLOOR to DOW");
  EXPECT_EQ(bind("TIMESTAMPADD(MICROSECOND, 1, ts)").status().toString(),
            "NotSupported: At line 1, column 1: TIMESTAMPADD by MICROSECOND");
  Result<BoundExprPtr> clock = bind("CURRENT_TIMESTAMP");
  EXPECT_EQ(clock.status().toString(),
            "NotSupported: At line 1, column 1: CURRENT_TIMESTAMP needs the query's clock and is evaluated by the "
            "planner, not as a scalar expression");
}

}  // namespace
}  // namespace eddy::sql
