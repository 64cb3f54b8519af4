// Function calls: Flink's built-in scalar functions by name, and the calls with their own
// syntax (EXTRACT, FLOOR/CEIL ... TO, POSITION, TRIM, SUBSTRING).
#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/expression/type_rules.h"
#include "sql/expression/udf_call.h"
#include "sql/expression/validation_error.h"

namespace eddy::sql {

using binder::castTo;
using types::DataTypes;
using types::LogicalType;
using Root = types::LogicalTypeRoot;
using F = BuiltInFunction;

namespace {

bool isNull(const BoundExpr& e) { return e.type.root() == Root::NULL_TYPE; }
bool isString(const BoundExpr& e) { return type_rules::isCharacterString(e.type) || isNull(e); }
bool isIntegral(const BoundExpr& e) { return type_rules::isIntegral(e.type) || isNull(e); }
bool isNumeric(const BoundExpr& e) { return type_rules::isNumeric(e.type) || isNull(e); }
bool isTemporal(const BoundExpr& e) {
  return type_rules::isTimestamp(e.type) || e.type.root() == Root::DATE || isNull(e);
}

std::string upperCase(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return upper;
}

// What one function accepts: the allowed operand counts and a check of the operands, with
// the "Supported form(s)" text Calcite shows when the check fails.
struct Signature {
  size_t min_args;
  size_t max_args;
  bool (*accepts)(const std::vector<BoundExprPtr>&);
  std::string_view forms;
};

bool strings(const std::vector<BoundExprPtr>& args) {
  return std::all_of(args.begin(), args.end(), [](const BoundExprPtr& e) { return isString(*e); });
}
bool stringThenInts(const std::vector<BoundExprPtr>& args) {
  return isString(*args[0]) && std::all_of(args.begin() + 1, args.end(), [](const BoundExprPtr& e) { return isIntegral(*e); });
}
bool numerics(const std::vector<BoundExprPtr>& args) {
  return std::all_of(args.begin(), args.end(), [](const BoundExprPtr& e) { return isNumeric(*e); });
}
bool exactNumerics(const std::vector<BoundExprPtr>& args) {
  return std::all_of(args.begin(), args.end(),
                     [](const BoundExprPtr& e) { return type_rules::isExactNumeric(e->type) || isNull(*e); });
}
bool numericThenInt(const std::vector<BoundExprPtr>& args) {
  return isNumeric(*args[0]) && (args.size() == 1 || isIntegral(*args[1]));
}
bool padArgs(const std::vector<BoundExprPtr>& args) {
  return isString(*args[0]) && isIntegral(*args[1]) && isString(*args[2]);
}
bool splitArgs(const std::vector<BoundExprPtr>& args) {
  return isString(*args[0]) && isString(*args[1]) && isIntegral(*args[2]);
}
bool regexpExtractArgs(const std::vector<BoundExprPtr>& args) {
  return isString(*args[0]) && isString(*args[1]) && (args.size() == 2 || isIntegral(*args[2]));
}
bool dateFormatArgs(const std::vector<BoundExprPtr>& args) {
  return (isTemporal(*args[0]) || isString(*args[0])) && isString(*args[1]);
}
bool fromUnixtimeArgs(const std::vector<BoundExprPtr>& args) {
  return isIntegral(*args[0]) && (args.size() == 1 || isString(*args[1]));
}
bool intThenStrings(const std::vector<BoundExprPtr>& args) {
  return isIntegral(*args[0]) && std::all_of(args.begin() + 1, args.end(), [](const BoundExprPtr& e) { return isString(*e); });
}
bool integrals(const std::vector<BoundExprPtr>& args) {
  return std::all_of(args.begin(), args.end(), [](const BoundExprPtr& e) { return isIntegral(*e); });
}
bool locateArgs(const std::vector<BoundExprPtr>& args) {
  return isString(*args[0]) && isString(*args[1]) && (args.size() == 2 || isIntegral(*args[2]));
}
bool hexArgs(const std::vector<BoundExprPtr>& args) { return isIntegral(*args[0]) || isString(*args[0]); }
bool booleanThenAny(const std::vector<BoundExprPtr>& args) {
  return args[0]->type.root() == Root::BOOLEAN || isNull(*args[0]);
}

struct FunctionEntry {
  std::string_view name;
  F function;
  Signature signature;
};

// Functions whose operands only need checking; the special ones are handled in
// bindFunctionCall before this table.
constexpr FunctionEntry kFunctions[] = {
    {"CHAR_LENGTH", F::kCharLength, {1, 1, strings, "'CHAR_LENGTH(<CHARACTER>)'"}},
    {"CHARACTER_LENGTH", F::kCharLength, {1, 1, strings, "'CHARACTER_LENGTH(<CHARACTER>)'"}},
    {"UPPER", F::kUpper, {1, 1, strings, "'UPPER(<CHARACTER>)'"}},
    {"LOWER", F::kLower, {1, 1, strings, "'LOWER(<CHARACTER>)'"}},
    {"INITCAP", F::kInitcap, {1, 1, strings, "'INITCAP(<CHARACTER>)'"}},
    {"REVERSE", F::kReverse, {1, 1, strings, "'REVERSE(<CHARACTER>)'"}},
    {"LTRIM", F::kLtrim, {1, 1, strings, "'LTRIM(<CHARACTER>)'"}},
    {"RTRIM", F::kRtrim, {1, 1, strings, "'RTRIM(<CHARACTER>)'"}},
    {"REPLACE", F::kReplace, {3, 3, strings, "'REPLACE(<CHARACTER>, <CHARACTER>, <CHARACTER>)'"}},
    {"CONCAT", F::kConcatFunction, {1, 254, strings, "'CONCAT(<CHARACTER>, ...)'"}},
    {"CONCAT_WS", F::kConcatWs, {2, 254, strings, "'CONCAT_WS(<CHARACTER>, <CHARACTER>, ...)'"}},
    {"LPAD", F::kLpad, {3, 3, padArgs, "'LPAD(<CHARACTER>, <INTEGER>, <CHARACTER>)'"}},
    {"RPAD", F::kRpad, {3, 3, padArgs, "'RPAD(<CHARACTER>, <INTEGER>, <CHARACTER>)'"}},
    {"REGEXP_EXTRACT", F::kRegexpExtract,
     {2, 3, regexpExtractArgs, "'REGEXP_EXTRACT(<CHARACTER>, <CHARACTER>)'\n'REGEXP_EXTRACT(<CHARACTER>, <CHARACTER>, <INTEGER>)'"}},
    {"REGEXP_REPLACE", F::kRegexpReplace, {3, 3, strings, "'REGEXP_REPLACE(<CHARACTER>, <CHARACTER>, <CHARACTER>)'"}},
    {"SPLIT_INDEX", F::kSplitIndex, {3, 3, splitArgs, "'SPLIT_INDEX(<CHARACTER>, <CHARACTER>, <INTEGER>)'"}},
    {"MD5", F::kMd5, {1, 1, strings, "'MD5(<STRING>)'"}},
    {"SHA1", F::kSha1, {1, 1, strings, "'SHA1(<STRING>)'"}},
    {"SHA224", F::kSha224, {1, 1, strings, "'SHA224(<STRING>)'"}},
    {"SHA256", F::kSha256, {1, 1, strings, "'SHA256(<STRING>)'"}},
    {"SHA384", F::kSha384, {1, 1, strings, "'SHA384(<STRING>)'"}},
    {"SHA512", F::kSha512, {1, 1, strings, "'SHA512(<STRING>)'"}},
    {"SHA2", F::kSha2, {2, 2, stringThenInts, "'SHA2(DATA, HASH_LENGTH)'"}},
    {"SUBSTR", F::kSubstring, {2, 3, stringThenInts, "'SUBSTR(<CHARACTER>, <INTEGER>)'\n'SUBSTR(<CHARACTER>, <INTEGER>, <INTEGER>)'"}},
    {"REPEAT", F::kRepeat, {2, 2, stringThenInts, "'REPEAT(<CHARACTER>, <INTEGER>)'"}},
    {"REGEXP", F::kRegexp, {2, 2, strings, "'REGEXP(<CHARACTER>, <CHARACTER>)'"}},
    {"TO_BASE64", F::kToBase64, {1, 1, strings, "'TO_BASE64(<CHARACTER>)'"}},
    {"FROM_BASE64", F::kFromBase64, {1, 1, strings, "'FROM_BASE64(<CHARACTER>)'"}},
    {"ASCII", F::kAscii, {1, 1, strings, "'ASCII(<CHARACTER>)'"}},
    {"CHR", F::kChr, {1, 1, integrals, "'CHR(<INTEGER>)'"}},
    {"LEFT", F::kLeft, {2, 2, stringThenInts, "'LEFT(<CHARACTER>, <INTEGER>)'"}},
    {"RIGHT", F::kRight, {2, 2, stringThenInts, "'RIGHT(<CHARACTER>, <INTEGER>)'"}},
    {"LOCATE", F::kLocate, {2, 3, locateArgs, "'LOCATE(<CHARACTER>, <CHARACTER>)'\n'LOCATE(<CHARACTER>, <CHARACTER>, <INTEGER>)'"}},
    {"INSTR", F::kInstr, {2, 2, strings, "'INSTR(<CHARACTER>, <CHARACTER>)'"}},
    {"TRANSLATE", F::kTranslate, {3, 3, strings, "'TRANSLATE(<CHARACTER>, <CHARACTER>, <CHARACTER>)'"}},
    {"ELT", F::kElt, {2, 254, intThenStrings, "'ELT(<INTEGER>, <CHARACTER>, ...)'"}},
    {"BIN", F::kBin, {1, 1, integrals, "'BIN(<INTEGER>)'"}},
    {"HEX", F::kHex, {1, 1, hexArgs, "'HEX(<INTEGER>)'\n'HEX(<CHARACTER>)'"}},
    {"ABS", F::kAbs, {1, 1, numerics, "'ABS(<NUMERIC>)'"}},
    {"LOG2", F::kLog2, {1, 1, numerics, "'LOG2(<NUMERIC>)'"}},
    {"LOG", F::kLog, {1, 2, numerics, "'LOG(<NUMERIC>)'\n'LOG(<NUMERIC>, <NUMERIC>)'"}},
    {"SIN", F::kSin, {1, 1, numerics, "'SIN(<NUMERIC>)'"}},
    {"COS", F::kCos, {1, 1, numerics, "'COS(<NUMERIC>)'"}},
    {"TAN", F::kTan, {1, 1, numerics, "'TAN(<NUMERIC>)'"}},
    {"COT", F::kCot, {1, 1, numerics, "'COT(<NUMERIC>)'"}},
    {"ASIN", F::kAsin, {1, 1, numerics, "'ASIN(<NUMERIC>)'"}},
    {"ACOS", F::kAcos, {1, 1, numerics, "'ACOS(<NUMERIC>)'"}},
    {"ATAN", F::kAtan, {1, 1, numerics, "'ATAN(<NUMERIC>)'"}},
    {"ATAN2", F::kAtan2, {2, 2, numerics, "'ATAN2(<NUMERIC>, <NUMERIC>)'"}},
    {"SINH", F::kSinh, {1, 1, numerics, "'SINH(<NUMERIC>)'"}},
    {"COSH", F::kCosh, {1, 1, numerics, "'COSH(<NUMERIC>)'"}},
    {"TANH", F::kTanh, {1, 1, numerics, "'TANH(<NUMERIC>)'"}},
    {"DEGREES", F::kDegrees, {1, 1, numerics, "'DEGREES(<NUMERIC>)'"}},
    {"RADIANS", F::kRadians, {1, 1, numerics, "'RADIANS(<NUMERIC>)'"}},
    {"POWER", F::kPower, {2, 2, numerics, "'POWER(<NUMERIC>, <NUMERIC>)'"}},
    {"SQRT", F::kSqrt, {1, 1, numerics, "'SQRT(<NUMERIC>)'"}},
    {"LN", F::kLn, {1, 1, numerics, "'LN(<NUMERIC>)'"}},
    {"LOG10", F::kLog10, {1, 1, numerics, "'LOG10(<NUMERIC>)'"}},
    {"EXP", F::kExp, {1, 1, numerics, "'EXP(<NUMERIC>)'"}},
    {"SIGN", F::kSign, {1, 1, numerics, "'SIGN(<NUMERIC>)'"}},
    {"FLOOR", F::kFloor, {1, 1, numerics, "'FLOOR(<NUMERIC>)'\n'FLOOR(<DATETIME> TO <TIME_UNIT>)'"}},
    {"CEIL", F::kCeil, {1, 1, numerics, "'CEIL(<NUMERIC>)'\n'CEIL(<DATETIME> TO <TIME_UNIT>)'"}},
    {"CEILING", F::kCeil, {1, 1, numerics, "'CEILING(<NUMERIC>)'\n'CEILING(<DATETIME> TO <TIME_UNIT>)'"}},
    {"ROUND", F::kRound, {1, 2, numericThenInt, "'ROUND(<NUMERIC>)'\n'ROUND(<NUMERIC>, <INTEGER>)'"}},
    {"TRUNCATE", F::kTruncate, {1, 2, numericThenInt, "'TRUNCATE(<NUMERIC>)'\n'TRUNCATE(<NUMERIC>, <INTEGER>)'"}},
    {"DATE_FORMAT", F::kDateFormat,
     {2, 2, dateFormatArgs, "'DATE_FORMAT(<TIMESTAMP>, <CHARACTER>)'\n'DATE_FORMAT(<CHARACTER>, <CHARACTER>)'"}},
    {"TO_TIMESTAMP", F::kToTimestamp, {1, 2, strings, "'TO_TIMESTAMP(<CHARACTER>)'\n'TO_TIMESTAMP(<CHARACTER>, <CHARACTER>)'"}},
    {"TO_DATE", F::kToDate, {1, 2, strings, "'TO_DATE(<CHARACTER>)'\n'TO_DATE(<CHARACTER>, <CHARACTER>)'"}},
    {"UNIX_TIMESTAMP", F::kUnixTimestamp,
     {1, 2, strings, "'UNIX_TIMESTAMP()'\n'UNIX_TIMESTAMP(<CHARACTER>)'\n'UNIX_TIMESTAMP(<CHARACTER>, <CHARACTER>)'"}},
    {"FROM_UNIXTIME", F::kFromUnixtime,
     {1, 2, fromUnixtimeArgs, "'FROM_UNIXTIME(<INTEGER>)'\n'FROM_UNIXTIME(<INTEGER>, <CHARACTER>)'"}},
};

// YEAR(x), MONTH(x), ... are EXTRACT(unit FROM x).
std::string_view extractUnitOf(std::string_view name) {
  if (name == "YEAR" || name == "QUARTER" || name == "MONTH" || name == "WEEK" || name == "HOUR" || name == "MINUTE" ||
      name == "SECOND") {
    return name;
  }
  if (name == "DAYOFMONTH") return "DAY";
  if (name == "DAYOFYEAR") return "DOY";
  if (name == "DAYOFWEEK") return "DOW";
  return {};
}

// The units TIMESTAMPADD, TIMESTAMPDIFF and FLOOR/CEIL ... TO accept.
bool isCalendarUnit(std::string_view unit) {
  for (std::string_view candidate : {"YEAR", "QUARTER", "MONTH", "WEEK", "DAY", "HOUR", "MINUTE", "SECOND", "MILLISECOND"}) {
    if (unit == candidate) return true;
  }
  return false;
}

BoundExprPtr typedNull(BoundExprPtr e, const LogicalType& type) { return isNull(*e) ? castTo(std::move(e), type) : std::move(e); }

LogicalType resultTypeOf(F function, std::vector<BoundExprPtr>& args) {
  const bool nullable = binder::anyNullable(args);
  const LogicalType& first = args[0]->type;
  switch (function) {
    case F::kCharLength:
    case F::kAscii:
    case F::kLocate:
    case F::kInstr: return DataTypes::INT().copy(nullable);
    case F::kRegexp: return DataTypes::BOOLEAN().copy(nullable);
    case F::kRepeat:
    case F::kToBase64:
    case F::kFromBase64:
    case F::kChr:
    case F::kLeft:
    case F::kRight:
    case F::kTranslate:
    case F::kBin:
    case F::kHex: return DataTypes::STRING().copy(nullable);
    // An index out of range gives NULL.
    case F::kElt: return DataTypes::STRING();
    case F::kLog2:
    case F::kLog:
    case F::kSin:
    case F::kCos:
    case F::kTan:
    case F::kCot:
    case F::kAsin:
    case F::kAcos:
    case F::kAtan:
    case F::kAtan2:
    case F::kSinh:
    case F::kCosh:
    case F::kTanh:
    case F::kDegrees:
    case F::kRadians: return DataTypes::DOUBLE().copy(nullable);
    case F::kUpper:
    case F::kLower:
    case F::kInitcap: return first.copy(nullable);
    case F::kLtrim:
    case F::kRtrim: return DataTypes::VARCHAR(first.length()).copy(nullable);
    // A negative length gives NULL.
    case F::kSubstring: return DataTypes::VARCHAR(first.length());
    case F::kConcatWs: return DataTypes::STRING().copy(args[0]->type.isNullable());
    case F::kLpad:
    case F::kRpad:
    case F::kRegexpExtract:
    case F::kSplitIndex: return DataTypes::STRING();
    case F::kReplace:
    case F::kConcatFunction:
    case F::kRegexpReplace:
    case F::kReverse:
    case F::kDateFormat:
    case F::kFromUnixtime: return DataTypes::STRING().copy(nullable);
    // As FlinkSqlOperatorTable: CHAR of the digest's hex length, SHA2 VARCHAR(128).
    case F::kMd5: return DataTypes::CHAR(32).copy(nullable);
    case F::kSha1: return DataTypes::CHAR(40).copy(nullable);
    case F::kSha224: return DataTypes::CHAR(56).copy(nullable);
    case F::kSha256: return DataTypes::CHAR(64).copy(nullable);
    case F::kSha384: return DataTypes::CHAR(96).copy(nullable);
    case F::kSha512: return DataTypes::CHAR(128).copy(nullable);
    case F::kSha2: return DataTypes::VARCHAR(128).copy(nullable);
    case F::kAbs:
    case F::kSign: return first.copy(nullable);
    case F::kPower:
    case F::kSqrt:
    case F::kLn:
    case F::kLog10:
    case F::kExp: return DataTypes::DOUBLE().copy(nullable);
    case F::kFloor:
    case F::kCeil:
      if (first.root() == Root::DECIMAL) {
        return DataTypes::DECIMAL(std::min(1 + first.precision() - first.scale(), 38), 0).copy(nullable);
      }
      return first.copy(nullable);
    case F::kToTimestamp: return DataTypes::TIMESTAMP(3);
    case F::kToDate: return DataTypes::DATE();
    case F::kUnixTimestamp: return DataTypes::BIGINT().copy(nullable);
    case F::kRound:
    case F::kTruncate:
      if (first.root() == Root::DECIMAL) {
        // The result type needs the digits, so only a literal (or no) second operand has one.
        int digits = 0;
        if (args.size() > 1) {
          const BoundExpr& arg = *args[1];
          const bool literal = arg.kind == BoundExpr::Kind::kLiteral && !arg.value.isNull();
          digits = literal ? arg.value.getInt() : first.scale();
        }
        return type_rules::roundDecimalType(first, digits).copy(nullable);
      }
      return first.copy(nullable);
    default: return first.copy(nullable);
  }
}


// The call of a checked function: untyped NULL operands get the type the function reads,
// integer operands become INT and math operands DOUBLE, so kernels see one type each.
BoundExprPtr makeFunctionCall(F function, SourcePosition position, std::vector<BoundExprPtr> args) {
  auto ints_from = [&](size_t first) {
    for (size_t i = first; i < args.size(); ++i) args[i] = castTo(std::move(args[i]), DataTypes::INT());
  };
  auto strings_from = [&](size_t first, size_t last) {
    for (size_t i = first; i < std::min(last, args.size()); ++i) args[i] = typedNull(std::move(args[i]), DataTypes::STRING());
  };
  switch (function) {
    case F::kSubstring:
      strings_from(0, 1);
      ints_from(1);
      break;
    case F::kLpad:
    case F::kRpad:
      strings_from(0, 1);
      args[1] = castTo(std::move(args[1]), DataTypes::INT());
      strings_from(2, 3);
      break;
    case F::kSplitIndex:
    case F::kRegexpExtract:
      strings_from(0, 2);
      ints_from(2);
      break;
    case F::kSha2:
    case F::kRepeat:
    case F::kLeft:
    case F::kRight:
      strings_from(0, 1);
      ints_from(1);
      break;
    case F::kLocate:
      strings_from(0, 2);
      ints_from(2);
      break;
    case F::kChr:
    case F::kBin: args[0] = castTo(std::move(args[0]), DataTypes::BIGINT()); break;
    case F::kHex:
      args[0] = isIntegral(*args[0]) && !isNull(*args[0]) ? castTo(std::move(args[0]), DataTypes::BIGINT())
                                                          : typedNull(std::move(args[0]), DataTypes::STRING());
      break;
    case F::kElt:
      args[0] = castTo(std::move(args[0]), DataTypes::INT());
      strings_from(1, args.size());
      break;
    case F::kLog2:
    case F::kLog:
    case F::kSin:
    case F::kCos:
    case F::kTan:
    case F::kCot:
    case F::kAsin:
    case F::kAcos:
    case F::kAtan:
    case F::kAtan2:
    case F::kSinh:
    case F::kCosh:
    case F::kTanh:
    case F::kDegrees:
    case F::kRadians:
    case F::kPower:
    case F::kSqrt:
    case F::kLn:
    case F::kLog10:
    case F::kExp:
      for (BoundExprPtr& arg : args) arg = castTo(std::move(arg), DataTypes::DOUBLE());
      break;
    case F::kAbs:
    case F::kSign:
    case F::kFloor:
    case F::kCeil:
    case F::kRound:
    case F::kTruncate:
      args[0] = typedNull(std::move(args[0]), DataTypes::INT());
      ints_from(1);
      break;
    case F::kDateFormat:
      if (type_rules::isCharacterString(args[0]->type) || isNull(*args[0])) {
        // A string is read as a TIMESTAMP first; one that is not a timestamp gives NULL.
        const LogicalType ts = DataTypes::TIMESTAMP(3);
        std::vector<BoundExprPtr> operand;
        operand.push_back(std::move(args[0]));
        args[0] = BoundExpr::call(F::kTryCast, ts, std::move(operand), position);
      } else if (args[0]->type.root() == Root::DATE) {
        args[0] = castTo(std::move(args[0]), DataTypes::TIMESTAMP(0));
      }
      strings_from(1, 2);
      break;
    case F::kFromUnixtime:
      args[0] = castTo(std::move(args[0]), DataTypes::BIGINT());
      strings_from(1, 2);
      break;
    default: strings_from(0, args.size()); break;
  }
  LogicalType type = resultTypeOf(function, args);
  return BoundExpr::call(function, std::move(type), std::move(args), position);
}

}  // namespace

Result<BoundExprPtr> ExpressionBinder::bindFunctionCall(const Expr& expr) const {
  const std::string name = upperCase(expr.names.back());
  if (expr.over || expr.filter || expr.distinct) {
    return validationError(expr.position, fmt::format("Function '{}' is not a scalar function here", name));
  }
  if (const table::UserDefinedFunction* udf = lookupUserFunction(expr.names.back())) {
    if (const auto* scalar = std::get_if<std::shared_ptr<const table::ScalarFunction>>(udf)) {
      EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> args, bindOperands(expr));
      return bindScalarFunctionCall(*scalar, expr.names.back(), expr.position, std::move(args));
    }
  }
  if (name == "PROCTIME" && expr.operands.empty()) {
    return BoundExpr::call(F::kProctime, DataTypes::TIMESTAMP_LTZ(3).notNull().withTimestampKind(types::TimestampKind::PROCTIME),
                           {}, expr.position);
  }
  if (expr.niladic || name == "CURRENT_TIMESTAMP" || name == "CURRENT_DATE" || name == "NOW" || name == "LOCALTIMESTAMP" ||
      name == "CURRENT_TIME" || name == "LOCALTIME" ||
      (name == "UNIX_TIMESTAMP" && expr.operands.empty())) {
    return NotSupported(fmt::format("At line {}, column {}: {} needs the query's clock and is evaluated by the "
                                    "planner, not as a scalar expression", expr.position.line, expr.position.column, name));
  }
  if (std::optional<Result<BoundExprPtr>> json = binder::bindJsonFunction(*this, expr, name)) return std::move(*json);
  if (name == "CURRENT_WATERMARK") {
    EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> args, bindOperands(expr));
    return binder::bindCurrentWatermark(expr.position, std::move(args));
  }
  if (name == "TIMESTAMPADD" || name == "TIMESTAMPDIFF") {
    std::vector<BoundExprPtr> args;
    for (size_t i = 1; i < expr.operands.size(); ++i) {
      EDDY_ASSIGN_OR_RETURN(BoundExprPtr arg, bind(*expr.operands[i]));
      args.push_back(std::move(arg));
    }
    const std::string& unit = expr.operands[0]->text;
    if (!isCalendarUnit(unit)) {
      return NotSupported(fmt::format("At line {}, column {}: {} by {}", expr.position.line, expr.position.column, name, unit));
    }
    const bool add = name == "TIMESTAMPADD";
    const bool ok = add ? isIntegral(*args[0]) && isTemporal(*args[1]) : isTemporal(*args[0]) && isTemporal(*args[1]);
    if (!ok) {
      return binder::cannotApply(expr.position, name, binder::callSignature(name, args),
                                 add ? "'TIMESTAMPADD(<ANY>, <INTEGER>, <DATETIME>)'"
                                     : "'TIMESTAMPDIFF(<ANY>, <DATETIME>, <DATETIME>)'");
    }
    const bool nullable = binder::anyNullable(args);
    const bool sub_day = unit != "YEAR" && unit != "QUARTER" && unit != "MONTH" && unit != "WEEK" && unit != "DAY";
    if (add && sub_day && args[1]->type.root() == Root::DATE) args[1] = castTo(std::move(args[1]), DataTypes::TIMESTAMP(0));
    LogicalType type = add ? args[1]->type.copy(nullable) : DataTypes::INT().copy(nullable);
    if (add) args[0] = castTo(std::move(args[0]), DataTypes::INT());
    BoundExprPtr call = BoundExpr::call(add ? F::kTimestampAdd : F::kTimestampDiff, std::move(type), std::move(args), expr.position);
    call->unit = unit;
    return call;
  }
  EDDY_ASSIGN_OR_RETURN(std::vector<BoundExprPtr> args, bindOperands(expr));
  if ((name == "PI" || name == "E") && args.empty()) {
    // Math.PI and Math.E, as Flink's PI() and E().
    const double value = name == "PI" ? 3.141592653589793 : 2.718281828459045;
    return BoundExpr::literal(types::Value(value), DataTypes::DOUBLE().notNull(), expr.position);
  }
  if (std::optional<Result<BoundExprPtr>> bound = bindConditionalFunction(name, expr.position, args)) {
    return std::move(*bound);
  }
  if (std::optional<Result<BoundExprPtr>> bound = bindTimeZoneFunction(name, expr.position, args)) {
    return std::move(*bound);
  }
  if (std::optional<Result<BoundExprPtr>> bound = binder::bindCollectionFunction(name, expr.position, args)) {
    return std::move(*bound);
  }
  if (name == "COALESCE") {
    if (args.empty()) return validationError(expr.position, "Invalid number of arguments to function 'COALESCE'. Was expecting 1 arguments");
    // COALESCE(a, b, c) is CASE WHEN a IS NOT NULL THEN a WHEN b IS NOT NULL THEN b ELSE c END,
    // NOT NULL when any argument is.
    const bool nullable = std::all_of(args.begin(), args.end(), [](const BoundExprPtr& e) { return e->type.isNullable(); });
    std::vector<BoundExprPtr> whens;
    std::vector<BoundExprPtr> thens;
    for (size_t i = 0; i + 1 < args.size(); ++i) {
      std::vector<BoundExprPtr> operand;
      operand.push_back(binder::copyOf(*args[i]));
      whens.push_back(BoundExpr::call(F::kIsNotNull, DataTypes::BOOLEAN().notNull(), std::move(operand), args[i]->position));
      thens.push_back(std::move(args[i]));
    }
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr coalesce,
                          binder::makeCase(expr.position, std::move(whens), std::move(thens), std::move(args.back())));
    if (!nullable) coalesce->type = coalesce->type.notNull();
    return coalesce;
  }
  if (name == "NULLIF" || name == "IF") {
    if (args.size() != (name == "IF" ? 3u : 2u)) {
      return validationError(expr.position, fmt::format("Invalid number of arguments to function '{}'. Was expecting {} arguments",
                                                        name, name == "IF" ? 3 : 2));
    }
    std::vector<BoundExprPtr> whens;
    std::vector<BoundExprPtr> thens;
    if (name == "IF") {
      if (!booleanThenAny(args)) {
        return binder::cannotApply(expr.position, name, binder::callSignature(name, args), "'IF(<BOOLEAN>, <ANY>, <ANY>)'");
      }
      whens.push_back(castTo(std::move(args[0]), DataTypes::BOOLEAN()));
      thens.push_back(std::move(args[1]));
      return binder::makeCase(expr.position, std::move(whens), std::move(thens), std::move(args[2]));
    }
    // NULLIF(a, b) is CASE WHEN a = b THEN NULL ELSE a END.
    const LogicalType type = args[0]->type;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr equal,
                          bindComparison(F::kEquals, expr.position, binder::copyOf(*args[0]), std::move(args[1])));
    whens.push_back(std::move(equal));
    thens.push_back(BoundExpr::literal(types::Value(), type.nullable(), expr.position));
    return binder::makeCase(expr.position, std::move(whens), std::move(thens), std::move(args[0]));
  }
  if (name == "MOD") {
    if (args.size() != 2 || !exactNumerics(args)) {
      return binder::cannotApply(expr.position, name, binder::callSignature(name, args),
                                 "'MOD(<EXACT_NUMERIC>, <EXACT_NUMERIC>)'");
    }
    return bindArithmetic(Operator::kModulo, expr.position, std::move(args[0]), std::move(args[1]));
  }
  if (const std::string_view unit = extractUnitOf(name); !unit.empty()) {
    if (args.size() != 1 || !isTemporal(*args[0])) {
      return binder::cannotApply(expr.position, name, binder::callSignature(name, args), fmt::format("'{}(<DATETIME>)'", name));
    }
    LogicalType type = DataTypes::BIGINT().copy(args[0]->type.isNullable());
    BoundExprPtr call = BoundExpr::call(F::kExtract, std::move(type), std::move(args), expr.position);
    call->unit = std::string(unit);
    return call;
  }
  for (const FunctionEntry& entry : kFunctions) {
    if (entry.name != name) continue;
    const Signature& signature = entry.signature;
    if (args.size() < signature.min_args || args.size() > signature.max_args) {
      const std::string expected = signature.min_args == signature.max_args
                                       ? std::to_string(signature.min_args)
                                       : fmt::format("{} to {}", signature.min_args, signature.max_args);
      return validationError(expr.position, fmt::format("Invalid number of arguments to function '{}'. Was expecting {} arguments",
                                                        name, expected));
    }
    if (!signature.accepts(args)) {
      return binder::cannotApply(expr.position, name, binder::callSignature(name, args), signature.forms);
    }
    return makeFunctionCall(entry.function, expr.position, std::move(args));
  }
  std::string families;
  for (size_t i = 0; i < args.size(); ++i) {
    if (i > 0) families += ", ";
    families += "<" + type_rules::calciteFamilyName(args[i]->type) + ">";
  }
  return validationError(expr.position,
                         fmt::format("No match found for function signature {}({})", expr.names.back(), families));
}

Result<BoundExprPtr> ExpressionBinder::bindSpecialCall(const Expr& expr) const {
  std::vector<BoundExprPtr> args;
  for (const ExprPtr& operand : expr.operands) {
    if (!operand) continue;
    EDDY_ASSIGN_OR_RETURN(BoundExprPtr arg, bind(*operand));
    args.push_back(std::move(arg));
  }
  switch (expr.kind) {
    case ExprKind::kExtract:
    case ExprKind::kFloorCeil: {
      const bool extract = expr.kind == ExprKind::kExtract;
      if (!extract && !isCalendarUnit(expr.unit)) {
        return NotSupported(fmt::format("At line {}, column {}: {} to {}", expr.position.line, expr.position.column, expr.text, expr.unit));
      }
      const std::string name = extract ? "EXTRACT" : expr.text;
      if (!isTemporal(*args[0]) && args[0]->type.root() != Root::TIME_WITHOUT_TIME_ZONE) {
        return binder::cannotApply(expr.position, name, binder::callSignature(name, args),
                                   extract ? "'EXTRACT(<DATETIME_INTERVAL> FROM <DATETIME>)'"
                                           : fmt::format("'{}(<DATETIME> TO <TIME_UNIT>)'", name));
      }
      const bool nullable = args[0]->type.isNullable();
      LogicalType type = extract ? DataTypes::BIGINT().copy(nullable) : args[0]->type;
      const F function = extract ? F::kExtract : expr.text == "FLOOR" ? F::kFloorTo : F::kCeilTo;
      BoundExprPtr call = BoundExpr::call(function, std::move(type), std::move(args), expr.position);
      call->unit = extract ? expr.text : expr.unit;
      return call;
    }
    case ExprKind::kPosition:
      if (!strings(args)) {
        return binder::cannotApply(expr.position, "POSITION", binder::callSignature("POSITION", args),
                                   "'POSITION(<STRING> IN <STRING>)'");
      }
      for (BoundExprPtr& arg : args) arg = typedNull(std::move(arg), DataTypes::STRING());
      return BoundExpr::call(F::kPosition, DataTypes::INT().copy(binder::anyNullable(args)), std::move(args), expr.position);
    case ExprKind::kTrim: {
      if (!strings(args)) {
        return binder::cannotApply(expr.position, "TRIM", binder::callSignature("TRIM", args),
                                   "'TRIM(<CHARACTER>)'\n'TRIM(<CHARACTER> FROM <CHARACTER>)'");
      }
      // Operands [characters, source, mode]: mode 0 both, 1 leading, 2 trailing.
      if (args.size() == 1) args.insert(args.begin(), BoundExpr::literal(types::Value(" "), DataTypes::CHAR(1).notNull(), expr.position));
      for (BoundExprPtr& arg : args) arg = typedNull(std::move(arg), DataTypes::STRING());
      const int32_t mode = expr.text == "LEADING" ? 1 : expr.text == "TRAILING" ? 2 : 0;
      args.push_back(BoundExpr::literal(types::Value(mode), DataTypes::INT().notNull(), expr.position));
      LogicalType type = DataTypes::VARCHAR(args[1]->type.length()).copy(binder::anyNullable(args));
      return BoundExpr::call(F::kTrim, std::move(type), std::move(args), expr.position);
    }
    default:
      if (!stringThenInts(args)) {
        return binder::cannotApply(expr.position, "SUBSTRING", binder::callSignature("SUBSTRING", args),
                                   "'SUBSTRING(<CHAR> FROM <INTEGER>)'\n'SUBSTRING(<CHAR> FROM <INTEGER> FOR <INTEGER>)'");
      }
      return makeFunctionCall(F::kSubstring, expr.position, std::move(args));
  }
}

}  // namespace eddy::sql
