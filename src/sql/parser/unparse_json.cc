#include "sql/parser/unparse_json.h"

#include <string_view>
#include <vector>

#include "sql/parser/json_clauses.h"
#include "sql/parser/unparse.h"

namespace eddy::sql {

namespace {

void appendReturning(std::string& out, const Expr& call) {
  if (call.type) out += " RETURNING " + call.type->type.asSerializableString();
}

}  // namespace

bool appendJsonCall(std::string& out, const Expr& call) {
  if (call.kind != ExprKind::kFunctionCall || call.names.size() != 1 || call.text.empty()) return false;
  const std::string& name = call.names[0];
  if (name == "IS JSON") {
    out += "(" + unparse(*call.operands[0]) + (call.negated ? " IS NOT JSON " : " IS JSON ") + call.text + ")";
    return true;
  }
  if (name == "JSON_OBJECT" || name == "JSON_ARRAY") {
    out += name + "(";
    const bool object = name == "JSON_OBJECT";
    for (size_t i = 0; i < call.operands.size(); ++i) {
      if (i > 0) out += object && i % 2 == 1 ? " VALUE " : ", ";
      if (object && i % 2 == 0) out += "KEY ";
      out += unparse(*call.operands[i]);
    }
    if (call.text != (object ? "NULL" : "ABSENT")) out += (call.operands.empty() ? "" : " ") + call.text + " ON NULL";
    out += ")";
    return true;
  }
  if (name != "JSON_VALUE" && name != "JSON_QUERY" && name != "JSON_EXISTS") return false;
  out += name + "(" + unparse(*call.operands[0]) + ", " + unparse(*call.operands[1]);
  if (name == "JSON_EXISTS") {
    if (call.text != "FALSE") out += " " + call.text + " ON ERROR";
    out += ")";
    return true;
  }
  appendReturning(out, call);
  const std::vector<std::string> clauses = jsonClauseFields(call.text);
  const size_t first_behavior = name == "JSON_QUERY" ? 1 : 0;
  if (name == "JSON_QUERY" && clauses[0] != "WITHOUT ARRAY") out += " " + clauses[0] + " WRAPPER";
  for (size_t c = 0; c < 2; ++c) {
    const std::string& behavior = clauses[first_behavior + c];
    if (behavior == "NULL") continue;
    out += " " + behavior;
    if (behavior == "DEFAULT") out += " " + unparse(*call.operands[2 + c]);
    out += c == 0 ? " ON EMPTY" : " ON ERROR";
  }
  out += ")";
  return true;
}

}  // namespace eddy::sql
