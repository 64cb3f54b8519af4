#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/logical_type.h"

namespace eddy::table {

class GroupWindow;

// An expression of the Table API (Flink's Expression with the methods of
// ApiExpressionUtils/BaseExpressions): built with $("field"), lit(value), call("FN", ...)
// and the fluent methods, and turned into Flink SQL when the Table that uses it is planned,
// so that it follows SQL's type rules and functions exactly. An immutable value; copies
// share their nodes.
class Expression {
 public:
  // Arithmetic, comparison and logic.
  Expression plus(const Expression& other) const { return infix("+", other); }
  Expression minus(const Expression& other) const { return infix("-", other); }
  Expression times(const Expression& other) const { return infix("*", other); }
  Expression dividedBy(const Expression& other) const { return infix("/", other); }
  Expression mod(const Expression& other) const;
  Expression isEqual(const Expression& other) const { return infix("=", other); }
  Expression isNotEqual(const Expression& other) const { return infix("<>", other); }
  Expression isGreater(const Expression& other) const { return infix(">", other); }
  Expression isGreaterOrEqual(const Expression& other) const { return infix(">=", other); }
  Expression isLess(const Expression& other) const { return infix("<", other); }
  Expression isLessOrEqual(const Expression& other) const { return infix("<=", other); }
  // and/or/not are C++ keywords, hence the underscore.
  Expression and_(const Expression& other) const { return infix("AND", other); }
  Expression or_(const Expression& other) const { return infix("OR", other); }
  Expression not_() const;
  Expression isNull() const { return postfix("IS NULL"); }
  Expression isNotNull() const { return postfix("IS NOT NULL"); }
  Expression isTrue() const { return postfix("IS TRUE"); }
  Expression like(const Expression& pattern) const { return infix("LIKE", pattern); }
  Expression between(const Expression& lower, const Expression& upper) const;
  Expression in(const std::vector<Expression>& values) const;

  // Strings.
  Expression upperCase() const { return function("UPPER"); }
  Expression lowerCase() const { return function("LOWER"); }
  Expression charLength() const { return function("CHAR_LENGTH"); }
  Expression trim() const { return function("TRIM"); }
  Expression concat(const Expression& other) const { return infix("||", other); }
  Expression substring(const Expression& begin, const Expression& length) const;

  // CAST(this AS type).
  Expression cast(const types::LogicalType& type) const;
  // Renames the expression's column (AS `name`).
  Expression as(const std::string& name) const;

  // Aggregates: COUNT(this), SUM(this), ...; distinct() before one makes it DISTINCT.
  Expression count() const { return function("COUNT"); }
  Expression sum() const { return function("SUM"); }
  Expression avg() const { return function("AVG"); }
  Expression min() const { return function("MIN"); }
  Expression max() const { return function("MAX"); }
  Expression distinct() const;

  // Intervals of a literal count: lit(5).minutes() is INTERVAL '5' MINUTE.
  Expression millis() const { return interval("SECOND", 1000); }
  Expression seconds() const { return interval("SECOND"); }
  Expression minutes() const { return interval("MINUTE"); }
  Expression hours() const { return interval("HOUR"); }
  Expression days() const { return interval("DAY"); }

  // The start, end and rowtime of the group window this field names ($("w").start()).
  Expression start() const { return windowProperty("START"); }
  Expression end() const { return windowProperty("END"); }
  Expression rowtime() const { return windowProperty("ROWTIME"); }

  // Sort directions for Table::orderBy.
  Expression asc() const { return postfix("ASC"); }
  Expression desc() const { return postfix("DESC"); }

  // The expression as Flink SQL; a field that names `window` (its alias) becomes the
  // window's group function, window properties its _START/_END/_ROWTIME functions.
  std::string asSerializableString(const GroupWindow* window = nullptr) const;
  // The field name of $("name"), or of an alias; empty for other expressions.
  std::string fieldName() const;

  struct Node;
  explicit Expression(std::shared_ptr<const Node> node) : node_(std::move(node)) {}

 private:
  Expression infix(const char* op, const Expression& other) const;
  Expression postfix(const char* op) const;
  Expression function(const char* name) const;
  Expression interval(const char* unit, int64_t divisor = 0) const;
  Expression windowProperty(const char* property) const;

  std::shared_ptr<const Node> node_;
};

// A field reference, Flink's $("name").
Expression $(const std::string& name);
// A literal, Flink's lit(value); a string becomes a quoted SQL string literal.
Expression lit(int32_t value);
Expression lit(int64_t value);
Expression lit(double value);
Expression lit(bool value);
Expression lit(const std::string& value);
Expression lit(const char* value);
// A call of a built-in or registered function by name, Flink's call("FN", args...).
Expression call(const std::string& function, const std::vector<Expression>& arguments);
template <typename... Args>
Expression call(const std::string& function, const Args&... arguments) {
  return call(function, std::vector<Expression>{arguments...});
}
// A SQL expression given as text, Flink's callSql("UPPER(name)").
Expression callSql(const std::string& sql_expression);

// A group window of the Table API (Flink's GroupWindow): Tumble, Slide or Session over a
// time attribute, named by an alias that groupBy and the window properties refer to.
class GroupWindow {
 public:
  enum class Kind { kTumble, kSlide, kSession };

  GroupWindow(Kind kind, Expression size, Expression slide, Expression time_field, std::string alias)
      : kind_(kind), size_(std::move(size)), slide_(std::move(slide)), time_field_(std::move(time_field)),
        alias_(std::move(alias)) {}

  const std::string& getAlias() const { return alias_; }
  // TUMBLE(`ts`, INTERVAL '5' MINUTE), HOP(`ts`, slide, size) or SESSION(`ts`, gap).
  std::string groupFunction() const;
  // TUMBLE_START(...) for "START", and so on.
  std::string propertyFunction(const std::string& property) const;

 private:
  std::string arguments() const;

  Kind kind_;
  Expression size_;
  Expression slide_;
  Expression time_field_;
  std::string alias_;
};

// A group window with its time field, waiting for its alias (the last step of Tumble, Slide
// and Session: .as("w")).
class GroupWindowOnTime {
 public:
  GroupWindow as(const std::string& alias) const { return GroupWindow(kind_, size_, slide_, time_, alias); }

 private:
  friend class GroupWindowOfSize;
  GroupWindowOnTime(GroupWindow::Kind kind, Expression size, Expression slide, Expression time)
      : kind_(kind), size_(std::move(size)), slide_(std::move(slide)), time_(std::move(time)) {}

  GroupWindow::Kind kind_;
  Expression size_;
  Expression slide_;
  Expression time_;
};

// A group window of a given size (and slide), waiting for its time field: .on($("ts")).
class GroupWindowOfSize {
 public:
  GroupWindowOfSize(GroupWindow::Kind kind, Expression size, Expression slide)
      : kind_(kind), size_(std::move(size)), slide_(std::move(slide)) {}

  GroupWindowOnTime on(const Expression& time_field) const { return GroupWindowOnTime(kind_, size_, slide_, time_field); }

 private:
  GroupWindow::Kind kind_;
  Expression size_;
  Expression slide_;
};

// Tumble::over(lit(5).minutes()).on($("ts")).as("w") (Flink's Tumble).
struct Tumble {
  static GroupWindowOfSize over(const Expression& size) { return {GroupWindow::Kind::kTumble, size, size}; }
};

// Slide::over(lit(10).minutes()).every(lit(5).minutes()).on($("ts")).as("w") (Flink's Slide).
struct Slide {
  class WithSize {
   public:
    explicit WithSize(Expression size) : size_(std::move(size)) {}
    GroupWindowOfSize every(const Expression& slide) const { return {GroupWindow::Kind::kSlide, size_, slide}; }

   private:
    Expression size_;
  };

  static WithSize over(const Expression& size) { return WithSize(size); }
};

// Session::withGap(lit(10).minutes()).on($("ts")).as("w") (Flink's Session).
struct Session {
  static GroupWindowOfSize withGap(const Expression& gap) { return {GroupWindow::Kind::kSession, gap, gap}; }
};

}  // namespace eddy::table
