#include "eddy/table/expressions.h"

#include <fmt/format.h>

#include "sql/catalog/object_identifier.h"

namespace eddy::table {

// A node of an expression tree. `text` is the field name, the literal's SQL, the operator,
// the function name, the alias, the CAST's type, the interval unit or the window property;
// `number` a numeric literal's digits (for intervals).
struct Expression::Node {
  enum class Kind { kField, kLiteral, kInfix, kPostfix, kOrder, kNot, kCall, kAlias, kCast, kInterval, kWindowProperty, kSql, kIn, kBetween };

  Kind kind;
  std::string text;
  std::vector<Expression> args;
  std::string number;
  bool distinct = false;
  int64_t divisor = 0;
};

namespace {

using Node = Expression::Node;

Expression make(Node::Kind kind, std::string text, std::vector<Expression> args = {}) {
  auto node = std::make_shared<Node>();
  node->kind = kind;
  node->text = std::move(text);
  node->args = std::move(args);
  return Expression(std::move(node));
}

Expression numeric(std::string sql, std::string number) {
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::kLiteral;
  node->text = std::move(sql);
  node->number = std::move(number);
  return Expression(std::move(node));
}

std::string joined(const std::vector<Expression>& args, const GroupWindow* window, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < args.size(); ++i) out += (i == from ? "" : ", ") + args[i].asSerializableString(window);
  return out;
}

}  // namespace

Expression Expression::infix(const char* op, const Expression& other) const {
  return make(Node::Kind::kInfix, op, {*this, other});
}

Expression Expression::postfix(const char* op) const {
  const bool order = std::string_view(op) == "ASC" || std::string_view(op) == "DESC";
  return make(order ? Node::Kind::kOrder : Node::Kind::kPostfix, op, {*this});
}

Expression Expression::function(const char* name) const { return make(Node::Kind::kCall, name, {*this}); }

Expression Expression::mod(const Expression& other) const { return make(Node::Kind::kCall, "MOD", {*this, other}); }

Expression Expression::not_() const { return make(Node::Kind::kNot, "NOT", {*this}); }

Expression Expression::between(const Expression& lower, const Expression& upper) const {
  return make(Node::Kind::kBetween, "BETWEEN", {*this, lower, upper});
}

Expression Expression::in(const std::vector<Expression>& values) const {
  std::vector<Expression> args{*this};
  args.insert(args.end(), values.begin(), values.end());
  return make(Node::Kind::kIn, "IN", std::move(args));
}

Expression Expression::substring(const Expression& begin, const Expression& length) const {
  return make(Node::Kind::kCall, "SUBSTRING", {*this, begin, length});
}

Expression Expression::cast(const types::LogicalType& type) const {
  return make(Node::Kind::kCast, type.asSerializableString(), {*this});
}

Expression Expression::as(const std::string& name) const { return make(Node::Kind::kAlias, name, {*this}); }

Expression Expression::distinct() const {
  auto node = std::make_shared<Node>(*node_);
  node->distinct = true;
  return Expression(std::move(node));
}

Expression Expression::interval(const char* unit, int64_t divisor) const {
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::kInterval;
  node->text = unit;
  node->args = {*this};
  node->divisor = divisor;
  return Expression(std::move(node));
}

Expression Expression::windowProperty(const char* property) const {
  return make(Node::Kind::kWindowProperty, property, {*this});
}

std::string Expression::fieldName() const {
  if (node_->kind == Node::Kind::kField || node_->kind == Node::Kind::kAlias) return node_->text;
  return "";
}

std::string Expression::asSerializableString(const GroupWindow* window) const {
  const Node& n = *node_;
  switch (n.kind) {
    case Node::Kind::kField:
      if (window && n.text == window->getAlias()) return window->groupFunction();
      return sql::escapeIdentifier(n.text);
    case Node::Kind::kLiteral:
      return n.text;
    case Node::Kind::kInfix:
      return fmt::format("({} {} {})", n.args[0].asSerializableString(window), n.text, n.args[1].asSerializableString(window));
    case Node::Kind::kPostfix:
      return fmt::format("({} {})", n.args[0].asSerializableString(window), n.text);
    case Node::Kind::kOrder:
      return fmt::format("{} {}", n.args[0].asSerializableString(window), n.text);
    case Node::Kind::kNot:
      return fmt::format("(NOT {})", n.args[0].asSerializableString(window));
    case Node::Kind::kCall:
      return fmt::format("{}({}{})", n.text, n.distinct ? "DISTINCT " : "", joined(n.args, window));
    case Node::Kind::kAlias:
      return fmt::format("{} AS {}", n.args[0].asSerializableString(window), sql::escapeIdentifier(n.text));
    case Node::Kind::kCast:
      return fmt::format("CAST({} AS {})", n.args[0].asSerializableString(window), n.text);
    case Node::Kind::kInterval: {
      const std::string& number = n.args[0].node_->number;
      if (n.divisor == 0) return fmt::format("INTERVAL '{}' {}", number, n.text);
      const int64_t millis = std::stoll(number);
      return fmt::format("INTERVAL '{}.{:03}' {}", millis / n.divisor, millis % n.divisor, n.text);
    }
    case Node::Kind::kWindowProperty:
      if (window && n.args[0].fieldName() == window->getAlias()) return window->propertyFunction(n.text);
      return fmt::format("{}.{}", n.args[0].asSerializableString(window), n.text);
    case Node::Kind::kSql:
      return "(" + n.text + ")";
    case Node::Kind::kIn:
      return fmt::format("({} IN ({}))", n.args[0].asSerializableString(window), joined(n.args, window, 1));
    case Node::Kind::kBetween:
      return fmt::format("({} BETWEEN {} AND {})", n.args[0].asSerializableString(window),
                         n.args[1].asSerializableString(window), n.args[2].asSerializableString(window));
  }
  return "";
}

Expression $(const std::string& name) { return make(Node::Kind::kField, name); }

Expression lit(int32_t value) { return numeric(std::to_string(value), std::to_string(value)); }

Expression lit(int64_t value) {
  return numeric(fmt::format("CAST({} AS BIGINT)", value), std::to_string(value));
}

Expression lit(double value) { return numeric(fmt::format("CAST({} AS DOUBLE)", value), fmt::format("{}", value)); }

Expression lit(bool value) { return make(Node::Kind::kLiteral, value ? "TRUE" : "FALSE"); }

Expression lit(const std::string& value) {
  return make(Node::Kind::kLiteral, "'" + sql::escapeSingleQuotes(value) + "'");
}

Expression lit(const char* value) { return lit(std::string(value)); }

Expression call(const std::string& function, const std::vector<Expression>& arguments) {
  return make(Node::Kind::kCall, function, arguments);
}

Expression callSql(const std::string& sql_expression) { return make(Node::Kind::kSql, sql_expression); }

std::string GroupWindow::arguments() const {
  const std::string time = time_field_.asSerializableString();
  switch (kind_) {
    case Kind::kTumble:
    case Kind::kSession:
      return time + ", " + size_.asSerializableString();
    case Kind::kSlide:
      return time + ", " + slide_.asSerializableString() + ", " + size_.asSerializableString();
  }
  return time;
}

namespace {
const char* groupFunctionName(GroupWindow::Kind kind) {
  switch (kind) {
    case GroupWindow::Kind::kTumble: return "TUMBLE";
    case GroupWindow::Kind::kSlide: return "HOP";
    case GroupWindow::Kind::kSession: return "SESSION";
  }
  return "";
}
}  // namespace

std::string GroupWindow::groupFunction() const { return fmt::format("{}({})", groupFunctionName(kind_), arguments()); }

std::string GroupWindow::propertyFunction(const std::string& property) const {
  return fmt::format("{}_{}({})", groupFunctionName(kind_), property, arguments());
}

}  // namespace eddy::table
