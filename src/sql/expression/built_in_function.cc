#include "sql/expression/built_in_function.h"

namespace eddy::sql {

std::string_view builtInFunctionName(BuiltInFunction function) {
  using F = BuiltInFunction;
  switch (function) {
    case F::kAnd: return "AND";
    case F::kOr: return "OR";
    case F::kNot: return "NOT";
    case F::kIsNull: return "IS NULL";
    case F::kIsNotNull: return "IS NOT NULL";
    case F::kIsTrue: return "IS TRUE";
    case F::kIsNotTrue: return "IS NOT TRUE";
    case F::kIsFalse: return "IS FALSE";
    case F::kIsNotFalse: return "IS NOT FALSE";
    case F::kEquals: return "=";
    case F::kNotEquals: return "<>";
    case F::kLessThan: return "<";
    case F::kLessThanOrEqual: return "<=";
    case F::kGreaterThan: return ">";
    case F::kGreaterThanOrEqual: return ">=";
    case F::kIsDistinctFrom: return "IS DISTINCT FROM";
    case F::kIsNotDistinctFrom: return "IS NOT DISTINCT FROM";
    case F::kLike: return "LIKE";
    case F::kPlus: return "+";
    case F::kMinus: return "-";
    case F::kTimes: return "*";
    case F::kDivide: return "/";
    case F::kMod: return "MOD";
    case F::kMinusPrefix: return "-";
    case F::kCase: return "CASE";
    case F::kCast: return "CAST";
    case F::kTryCast: return "TRY_CAST";
    case F::kConcat: return "||";
    case F::kCharLength: return "CHAR_LENGTH";
    case F::kUpper: return "UPPER";
    case F::kLower: return "LOWER";
    case F::kTrim: return "TRIM";
    case F::kLtrim: return "LTRIM";
    case F::kRtrim: return "RTRIM";
    case F::kSubstring: return "SUBSTRING";
    case F::kPosition: return "POSITION";
    case F::kReplace: return "REPLACE";
    case F::kConcatFunction: return "CONCAT";
    case F::kConcatWs: return "CONCAT_WS";
    case F::kLpad: return "LPAD";
    case F::kRpad: return "RPAD";
    case F::kRegexpExtract: return "REGEXP_EXTRACT";
    case F::kRegexpReplace: return "REGEXP_REPLACE";
    case F::kSplitIndex: return "SPLIT_INDEX";
    case F::kInitcap: return "INITCAP";
    case F::kReverse: return "REVERSE";
    case F::kMd5: return "MD5";
    case F::kSha1: return "SHA1";
    case F::kSha224: return "SHA224";
    case F::kSha256: return "SHA256";
    case F::kSha384: return "SHA384";
    case F::kSha512: return "SHA512";
    case F::kSha2: return "SHA2";
    case F::kAbs: return "ABS";
    case F::kPower: return "POWER";
    case F::kSqrt: return "SQRT";
    case F::kFloor: return "FLOOR";
    case F::kCeil: return "CEIL";
    case F::kRound: return "ROUND";
    case F::kTruncate: return "TRUNCATE";
    case F::kLn: return "LN";
    case F::kLog10: return "LOG10";
    case F::kExp: return "EXP";
    case F::kSign: return "SIGN";
    case F::kExtract: return "EXTRACT";
    case F::kFloorTo: return "FLOOR";
    case F::kCeilTo: return "CEIL";
    case F::kDateFormat: return "DATE_FORMAT";
    case F::kToTimestamp: return "TO_TIMESTAMP";
    case F::kToDate: return "TO_DATE";
    case F::kUnixTimestamp: return "UNIX_TIMESTAMP";
    case F::kFromUnixtime: return "FROM_UNIXTIME";
    case F::kTimestampAdd: return "TIMESTAMPADD";
    case F::kTimestampDiff: return "TIMESTAMPDIFF";
  }
  return "?";
}

}  // namespace eddy::sql
