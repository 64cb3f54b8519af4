#include "sql/planner/plan_window_tvf.h"

#include <fmt/format.h>

#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/validation_error.h"
#include "sql/planner/plan_builder.h"
#include "sql/planner/query_planner.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;

std::string formatDuration(int64_t millis) {
  static const std::pair<int64_t, const char*> kUnits[] = {
      {86'400'000, "d"}, {3'600'000, "h"}, {60'000, "min"}, {1'000, "s"}};
  for (const auto& [unit, name] : kUnits) {
    if (millis != 0 && millis % unit == 0) return fmt::format("{} {}", millis / unit, name);
  }
  return fmt::format("{} ms", millis);
}

std::string windowTvfToString(const GroupWindow& window, const std::string& time_or_bounds) {
  std::string out;
  switch (window.kind) {
    case GroupWindow::Kind::kTumble:
      out = fmt::format("TUMBLE({}, size=[{}]", time_or_bounds, formatDuration(window.size_ms));
      break;
    case GroupWindow::Kind::kHop:
      out = fmt::format("HOP({}, size=[{}], slide=[{}]", time_or_bounds, formatDuration(window.size_ms),
                        formatDuration(window.slide_ms));
      break;
    case GroupWindow::Kind::kCumulate:
      out = fmt::format("CUMULATE({}, max_size=[{}], step=[{}]", time_or_bounds, formatDuration(window.size_ms),
                        formatDuration(window.slide_ms));
      break;
    case GroupWindow::Kind::kSession:
      out = fmt::format("SESSION({}, gap=[{}]", time_or_bounds, formatDuration(window.slide_ms));
      break;
  }
  if (window.offset_ms != 0) out += fmt::format(", offset=[{}]", formatDuration(window.offset_ms));
  return out + ")";
}

std::optional<WindowColumn> windowColumnOf(const PlanNode& node, int field) {
  if (node.kind == PlanNode::Kind::kCalc) {
    const BoundExpr& projection = *node.projections[static_cast<size_t>(field)];
    if (projection.kind != BoundExpr::Kind::kInputRef) return std::nullopt;
    return windowColumnOf(*node.inputs[0], projection.input_index);
  }
  if (node.kind == PlanNode::Kind::kExchange) return windowColumnOf(*node.inputs[0], field);
  if (node.kind == PlanNode::Kind::kGroupWindowAggregate && node.window.start_field >= 0) {
    // A window aggregation over a window TVF: keys, aggregates, window_start, window_end, window_time.
    const int first = static_cast<int>(node.keys.size() + node.aggregates.size());
    if (field < first) return std::nullopt;
    return WindowColumn{&node, static_cast<WindowColumn::Which>(field - first)};
  }
  if (node.kind != PlanNode::Kind::kWindowTableFunction) return std::nullopt;
  const int first = static_cast<int>(node.inputs[0]->output_type.fieldCount());
  if (field < first) return std::nullopt;
  return WindowColumn{&node, static_cast<WindowColumn::Which>(field - first)};
}

namespace {

std::string upper(std::string name) {
  for (char& c : name) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

const char* signatureOf(GroupWindow::Kind kind) {
  switch (kind) {
    case GroupWindow::Kind::kTumble:
      return "TUMBLE(TABLE table_name, DESCRIPTOR(timecol), datetime interval[, datetime interval])";
    case GroupWindow::Kind::kHop:
      return "HOP(TABLE table_name, DESCRIPTOR(timecol), datetime interval, datetime interval[, datetime interval])";
    case GroupWindow::Kind::kCumulate:
      return "CUMULATE(TABLE table_name, DESCRIPTOR(timecol), datetime interval, datetime interval[, datetime "
             "interval])";
    case GroupWindow::Kind::kSession:
      return "SESSION(TABLE table_name [PARTITION BY (keycols, ...)], DESCRIPTOR(timecol), datetime interval)";
  }
  return "";
}

Result<int64_t> intervalArgument(const Expr& expr, const Relation& input) {
  EDDY_ASSIGN_OR_RETURN(BoundExprPtr bound, relationBinder(input).bind(expr));
  if (bound->type.root() != LogicalTypeRoot::INTERVAL_DAY_TIME) {
    return validationError(expr.position, "A window table function expects an INTERVAL DAY TO SECOND literal");
  }
  EDDY_ASSIGN_OR_RETURN(types::Value value, evaluateConstant(*bound));
  return value.getLong();
}

}  // namespace

// TABLE(TUMBLE(TABLE t, DESCRIPTOR(ts), size [, offset])), HOP(.., slide, size [, offset]),
// CUMULATE(.., step, size [, offset]), SESSION(TABLE t [PARTITION BY k], .., gap): the table,
// then a WindowTableFunction node that appends window_start, window_end (TIMESTAMP(3) NOT
// NULL) and window_time (the rowtime). A SESSION node gives each row the window [ts, ts +
// gap), which only the window aggregation above it merges into sessions.
Result<Relation> QueryPlanner::planWindowTableFunction(const TableRef& ref) {
  const Expr& call = *ref.call;
  const std::string name = call.names.empty() ? std::string() : upper(call.names.back());
  GroupWindow window;
  size_t intervals = 0;
  if (name == "TUMBLE") {
    window.kind = GroupWindow::Kind::kTumble;
    intervals = 1;
  } else if (name == "HOP") {
    window.kind = GroupWindow::Kind::kHop;
    intervals = 2;
  } else if (name == "CUMULATE") {
    window.kind = GroupWindow::Kind::kCumulate;
    intervals = 2;
  } else if (name == "SESSION") {
    window.kind = GroupWindow::Kind::kSession;
    intervals = 1;
  } else {
    return NotSupported(fmt::format("At line {}, column {}: table function {} is not supported yet",
                                    call.position.line, call.position.column, name));
  }
  const size_t max_arguments = window.kind == GroupWindow::Kind::kSession ? 2 + intervals : 3 + intervals;
  if (ref.lateral || call.operands.size() < 2 + intervals || call.operands.size() > max_arguments) {
    return validationError(call.position, fmt::format("Invalid number of arguments to function '{}'. Was expecting {} "
                                                      "arguments",
                                                      name, 2 + intervals));
  }
  for (const ExprPtr& operand : call.operands) {
    if (operand->kind == ExprKind::kNamedArgument) {
      return NotSupported(fmt::format("At line {}, column {}: named arguments of window table functions are not "
                                      "supported yet",
                                      operand->position.line, operand->position.column));
    }
  }
  const Expr& table = *call.operands[0];
  Relation input;
  if (table.kind == ExprKind::kTableArgument) {
    if (!table.operands.empty() && window.kind != GroupWindow::Kind::kSession) {
      return validationError(table.position, fmt::format("The window function {} does not support PARTITION BY",
                                                         signatureOf(window.kind)));
    }
    TableRef named(TableRefKind::kTable, table.position);
    named.names = table.names;
    EDDY_ASSIGN_OR_RETURN(input, planFrom(named));
  } else if (table.kind == ExprKind::kScalarSubquery && table.query) {
    EDDY_ASSIGN_OR_RETURN(input, planQueryExpr(*table.query));
  } else {
    return validationError(table.position, fmt::format("The first argument of {} must be a table: TABLE table_name", name));
  }
  // SESSION's PARTITION BY keys must be columns of the table; the window aggregation above
  // keeps sessions per group key, which the query groups by.
  if (table.kind == ExprKind::kTableArgument) {
    for (const ExprPtr& key : table.operands) EDDY_RETURN_IF_ERROR(resolveField(input, *key).status());
  }
  const Expr& descriptor = *call.operands[1];
  if (descriptor.kind != ExprKind::kDescriptor || descriptor.operands.size() != 1) {
    return validationError(descriptor.position,
                           fmt::format("The window function {} expects a DESCRIPTOR(timecol) as its second argument",
                                       signatureOf(window.kind)));
  }
  EDDY_ASSIGN_OR_RETURN(window.time_field, resolveField(input, *descriptor.operands[0]));
  const LogicalType time_type = input.node->output_type.typeAt(static_cast<size_t>(window.time_field));
  window.proctime = time_type.timestampKind() == types::TimestampKind::PROCTIME;
  if (window.proctime && window.kind == GroupWindow::Kind::kSession) {
    return NotSupported(fmt::format("At line {}, column {}: SESSION windows on processing time are not supported yet",
                                    descriptor.position.line, descriptor.position.column));
  }
  if (window.time_field != input.node->rowtime_field && !window.proctime) {
    return validationError(descriptor.position,
                           fmt::format("The window function {} requires the timecol is a time attribute type, but is {}.",
                                       signatureOf(window.kind), time_type.asSummaryString()));
  }
  if (window.kind == GroupWindow::Kind::kTumble) {
    EDDY_ASSIGN_OR_RETURN(window.size_ms, intervalArgument(*call.operands[2], input));
  } else if (window.kind == GroupWindow::Kind::kSession) {
    EDDY_ASSIGN_OR_RETURN(window.slide_ms, intervalArgument(*call.operands[2], input));
    window.size_ms = window.slide_ms;
  } else {
    EDDY_ASSIGN_OR_RETURN(window.slide_ms, intervalArgument(*call.operands[2], input));
    EDDY_ASSIGN_OR_RETURN(window.size_ms, intervalArgument(*call.operands[3], input));
  }
  if (call.operands.size() == 3 + intervals) {
    EDDY_ASSIGN_OR_RETURN(window.offset_ms, intervalArgument(*call.operands[2 + intervals], input));
  }
  if (window.size_ms <= 0 || (window.kind != GroupWindow::Kind::kTumble && window.slide_ms <= 0)) {
    return validationError(call.position, fmt::format("{} window requires positive size", name));
  }
  if (window.kind == GroupWindow::Kind::kHop && window.size_ms % window.slide_ms != 0) {
    return validationError(call.position,
                           fmt::format("HOP table function based aggregate requires size must be an integral multiple "
                                       "of slide, but got size {} ms and slide {} ms.",
                                       window.size_ms, window.slide_ms));
  }
  if (window.kind == GroupWindow::Kind::kCumulate && window.size_ms % window.slide_ms != 0) {
    return validationError(call.position,
                           fmt::format("CUMULATE table function based aggregate requires maxSize must be an integral "
                                       "multiple of step, but got maxSize {} ms and step {} ms.",
                                       window.size_ms, window.slide_ms));
  }

  auto node = std::make_unique<PlanNode>(PlanNode::Kind::kWindowTableFunction);
  std::vector<types::RowField> fields = input.node->output_type.fields();
  // window_time keeps the time attribute's type (TIMESTAMP(3) or TIMESTAMP_LTZ(3)) and is
  // the rowtime of the output; the rowtime column of the input becomes a plain timestamp.
  const int rowtime = static_cast<int>(fields.size()) + 2;
  fields.push_back(DataTypes::FIELD("window_start", DataTypes::TIMESTAMP(3).notNull()));
  fields.push_back(DataTypes::FIELD("window_end", DataTypes::TIMESTAMP(3).notNull()));
  fields.push_back(DataTypes::FIELD("window_time", time_type.notNull()));
  node->output_type = DataTypes::ROW(std::move(fields));
  // On processing time window_time is a proctime attribute, not a rowtime.
  node->rowtime_field = window.proctime ? -1 : rowtime;
  node->window = window;
  node->inputs.push_back(std::move(input.node));
  std::vector<std::string> qualifiers = std::move(input.qualifiers);
  qualifiers.resize(node->output_type.fieldCount());
  return Relation{std::move(node), std::move(qualifiers)};
}

}  // namespace eddy::sql
