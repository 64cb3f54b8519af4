#include "sql/planner/logical_explain.h"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "eddy/types/data_types.h"
#include "sql/expression/expression_binder.h"
#include "sql/parser/sql_parser.h"
#include "sql/parser/unparse.h"
#include "sql/planner/logical_explain_digest.h"
#include "sql/planner/logical_explain_rel.h"
#include "sql/planner/plan_builder.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;

void appendRelTreePrefix(const std::vector<bool>& last_flags, std::string& out) {
  if (last_flags.empty()) return;
  for (size_t i = 0; i + 1 < last_flags.size(); ++i) out += last_flags[i] ? "   " : ":  ";
  out += last_flags.back() ? "+- " : ":- ";
}

namespace {

void appendRel(const LogicalRelNode& node, std::vector<bool>& last_flags, std::string& out) {
  appendRelTreePrefix(last_flags, out);
  out += node.description;
  out += '\n';
  for (size_t i = 0; i < node.inputs.size(); ++i) {
    last_flags.push_back(i + 1 == node.inputs.size());
    appendRel(*node.inputs[i], last_flags, out);
    last_flags.pop_back();
  }
}

std::string drawTree(const LogicalRelNode& root) {
  std::string out;
  std::vector<bool> last_flags;
  appendRel(root, last_flags, out);
  return out;
}

}  // namespace

Result<std::string> abstractSyntaxTree(const Query& query, const CatalogManager& catalogs) {
  LogicalRelBuilder builder(catalogs);
  EDDY_ASSIGN_OR_RETURN(LogicalRel rel, builder.query(query));
  return drawTree(*rel.node);
}

Result<std::string> abstractSyntaxTree(const Insert& insert, const ObjectIdentifier& sink,
                                       const CatalogManager& catalogs) {
  LogicalRelBuilder builder(catalogs);
  EDDY_ASSIGN_OR_RETURN(LogicalRel rel, builder.query(*insert.query));
  auto node = std::make_unique<LogicalRelNode>();
  node->description = fmt::format("LogicalSink(table=[{}], fields=[{}])", sink.asSummaryString(),
                                  fmt::join(rel.row_type.fieldNames(), ", "));
  node->inputs.push_back(std::move(rel.node));
  return drawTree(*node);
}

}  // namespace eddy::sql
