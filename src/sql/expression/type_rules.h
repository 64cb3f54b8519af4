#pragma once

#include <optional>
#include <span>
#include <string>

#include "eddy/types/logical_type.h"

namespace eddy::sql {

// Flink's type rules for scalar expressions: type families, the common type of several
// types (LogicalTypeMerging#findCommonType), DECIMAL result types of arithmetic
// (LogicalTypeMerging#find*DecimalType) and which casts exist (LogicalTypeCasts). Stateless.
namespace type_rules {

bool isCharacterString(const types::LogicalType& type);
bool isBinaryString(const types::LogicalType& type);
bool isExactNumeric(const types::LogicalType& type);  // TINYINT .. BIGINT and DECIMAL
bool isIntegral(const types::LogicalType& type);      // TINYINT .. BIGINT
bool isApproximateNumeric(const types::LogicalType& type);
bool isNumeric(const types::LogicalType& type);
bool isTimestamp(const types::LogicalType& type);  // TIMESTAMP and TIMESTAMP_LTZ
bool isDatetime(const types::LogicalType& type);   // DATE, TIME and timestamps
bool isInterval(const types::LogicalType& type);

// The DECIMAL an exact numeric type widens to: INT is DECIMAL(10, 0), BIGINT DECIMAL(19, 0).
types::LogicalType toDecimal(const types::LogicalType& type);

types::LogicalType additionDecimalType(const types::LogicalType& a, const types::LogicalType& b);
types::LogicalType multiplicationDecimalType(const types::LogicalType& a, const types::LogicalType& b);
types::LogicalType divisionDecimalType(const types::LogicalType& a, const types::LogicalType& b);
types::LogicalType moduloDecimalType(const types::LogicalType& a, const types::LogicalType& b);
// ROUND(DECIMAL(p, s), digits), as LogicalTypeMerging#findRoundDecimalType.
types::LogicalType roundDecimalType(const types::LogicalType& a, int digits);

// The most general type all `types` can be cast to, nullable if any is; nullopt when there
// is none or all are NULL.
std::optional<types::LogicalType> findCommonType(std::span<const types::LogicalType> types);

bool supportsImplicitCast(const types::LogicalType& from, const types::LogicalType& to);
bool supportsExplicitCast(const types::LogicalType& from, const types::LogicalType& to);

// Whether `a` and `b` may be compared with = and <, as Calcite's SqlTypeUtil#isComparable.
bool isComparable(const types::LogicalType& a, const types::LogicalType& b);

// The type as Calcite prints it in validation messages: "INTEGER", "VARCHAR(10)",
// "DECIMAL(5, 2)", "TIMESTAMP(3)", "TIMESTAMP_WITH_LOCAL_TIME_ZONE(3)".
std::string calciteTypeName(const types::LogicalType& type);
// The family Calcite shows for an argument of an unknown function: "NUMERIC", "CHARACTER".
std::string calciteFamilyName(const types::LogicalType& type);

}  // namespace type_rules
}  // namespace eddy::sql
