#include "sql/planner/expand_rows_function.h"

#include "eddy/types/data_types.h"
#include "sql/expression/vector_ops.h"

namespace eddy::sql {

using types::DataTypes;

ExpandRowsFunction::ExpandRowsFunction(std::vector<types::LogicalType> key_types, std::vector<std::vector<bool>> sets)
    : key_types_(std::move(key_types)), sets_(std::move(sets)) {}

int64_t ExpandRowsFunction::expandId(const std::vector<bool>& set) {
  int64_t id = 0;
  for (size_t i = 0; i < set.size(); ++i) {
    if (!set[i]) id |= int64_t{1} << (set.size() - 1 - i);
  }
  return id;
}

std::vector<table::FunctionSignature> ExpandRowsFunction::signatures() const {
  std::vector<types::RowField> fields;
  for (size_t i = 0; i < key_types_.size(); ++i) {
    fields.push_back(DataTypes::FIELD("$expand" + std::to_string(i), key_types_[i].nullable()));
  }
  fields.push_back(DataTypes::FIELD("$expand_id", DataTypes::BIGINT().notNull()));
  return {table::FunctionSignature{key_types_, DataTypes::ROW(std::move(fields))}};
}

Status ExpandRowsFunction::eval(size_t, std::span<const types::ColumnVector* const> args, size_t n,
                                table::TableFunctionOutput& out) const {
  const size_t keys = key_types_.size();
  for (size_t row = 0; row < n; ++row) {
    for (const std::vector<bool>& set : sets_) {
      for (size_t i = 0; i < keys; ++i) {
        if (set[i]) {
          vector_ops::appendAnyFrom(*args[i], row, out.columns[i]);
        } else {
          out.columns[i].appendNull();
        }
      }
      out.columns[keys].append<int64_t>(expandId(set));
      out.input_rows.push_back(static_cast<int32_t>(row));
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql
