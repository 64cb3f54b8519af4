#pragma once

#include <string>
#include <vector>

#include "sql/planner/plan_node.h"

namespace eddy::sql {

// A planned FROM item or query block while the planner works on the enclosing SELECT: the
// plan producing it and, per output field, the name of the table (or alias) it came from,
// for qualified identifiers like `t`.`a`.
struct Relation {
  PlanNodePtr node;
  std::vector<std::string> qualifiers;
  // The names identifiers resolve against when they differ from the node's field names: a
  // join's output renames a repeated name (id, id0) while `t`.`id` still names the right
  // input's column. Empty (or of another length): the node's names.
  std::vector<std::string> names = {};
};

}  // namespace eddy::sql
