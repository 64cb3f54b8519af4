#pragma once

#include <string_view>

namespace eddy::sql {

// The built-in scalar functions a BoundExpr calls, named as Flink's
// BuiltInFunctionDefinitions. BETWEEN, IN, COALESCE, NULLIF and IF have no entry: the binder
// rewrites them to comparisons, AND/OR and CASE, as Calcite's convertlets do.
enum class BuiltInFunction {
  // Logic.
  kAnd, kOr, kNot,
  kIsNull, kIsNotNull, kIsTrue, kIsNotTrue, kIsFalse, kIsNotFalse,
  // Comparison.
  kEquals, kNotEquals, kLessThan, kLessThanOrEqual, kGreaterThan, kGreaterThanOrEqual,
  kIsDistinctFrom, kIsNotDistinctFrom,
  kLike,       // operands [value, pattern, escape?]
  kSimilarTo,  // operands [value, pattern, escape?]
  kGreatest, kLeast,  // operands of one common type; NULL when any is
  // Arithmetic.
  kPlus, kMinus, kTimes, kDivide, kMod, kMinusPrefix,
  // Conditional and conversion.
  kCase,  // operands [when1, then1, ..., else]
  kCast, kTryCast,
  // Nested types.
  kGetField,  // operands [row, INT literal: the field's index]: row.field
  // Value constructors (bind_collections.cc, eval_collection.cc).
  kArrayConstructor,  // operands: the elements, cast to the element type: ARRAY[...]
  kMapConstructor,    // operands [key1, value1, ...], cast to the key and value types: MAP[...]
  kRowConstructor,    // operands: the fields: ROW(...) and (a, b)
  kItem,              // operands [array, INT index] (1-based) or [map, key]: a[i], m['k']
  kCardinality,       // operands [array or map]
  kElement,           // operands [array]: its only element, NULL when empty
  kArrayContains,     // operands [array, element of the element type]
  // operands [BIGINT count, value]: the value; fails the job when the count is above 1, as
  // Flink's SINGLE_VALUE does for a scalar subquery that returned more than one row.
  kSingleValue,
  // String.
  kConcat,  // ||
  kCharLength, kUpper, kLower, kTrim, kLtrim, kRtrim, kSubstring, kPosition, kReplace, kConcatFunction,
  kConcatWs, kLpad, kRpad, kRegexpExtract, kRegexpReplace, kSplitIndex, kInitcap, kReverse,
  kRepeat, kRegexp, kOverlay, kToBase64, kFromBase64, kAscii, kChr, kLeft, kRight, kLocate, kInstr,
  kTranslate, kElt, kBin, kHex,
  // Hashing: lowercase hex digests of the string's UTF-8 bytes.
  kMd5, kSha1, kSha224, kSha256, kSha384, kSha512, kSha2,
  // Math.
  kAbs, kPower, kSqrt, kFloor, kCeil, kRound, kTruncate, kLn, kLog10, kExp, kSign,
  kLog2, kLog,  // LOG(x) is LN; LOG(base, x) has operands [base, x]
  kSin, kCos, kTan, kCot, kAsin, kAcos, kAtan, kAtan2, kSinh, kCosh, kTanh, kDegrees, kRadians,
  // Temporal.
  kExtract, kFloorTo, kCeilTo, kDateFormat, kToTimestamp, kToDate, kUnixTimestamp, kFromUnixtime,
  kTimestampAdd, kTimestampDiff, kToTimestampLtz, kConvertTz,
  kProctime,  // PROCTIME(): the processing time when the row is read (proctime_kernel.cc)
  // A user-defined ScalarFunction; the BoundExpr holds it (udf_call.h).
  kUserDefinedScalar,
  // CURRENT_WATERMARK(rowtime): the evaluating operator's watermark, NULL before the first.
  kCurrentWatermark,
  // JSON (json_functions.h): JSON_VALUE, JSON_QUERY, JSON_EXISTS, IS JSON, JSON_STRING,
  // JSON_OBJECT, JSON_ARRAY; their clauses are INT literal operands (bind_json_functions.cc).
  kJsonValue, kJsonQuery, kJsonExists, kIsJson, kJsonString, kJsonObject, kJsonArray,
};

// The name shown in digests and error messages, as Calcite's operator name: "+", "AND",
// "CHAR_LENGTH", "IS NOT NULL".
std::string_view builtInFunctionName(BuiltInFunction function);

}  // namespace eddy::sql
