#include "sql/planner/unnest_rows_function.h"

#include <fmt/format.h>

#include "eddy/types/data_types.h"
#include "sql/expression/vector_ops.h"

namespace eddy::sql {

using types::DataTypes;
using types::LogicalType;
using types::LogicalTypeRoot;

namespace {

// The fields of the unnested rows, without the ordinality.
std::vector<types::RowField> elementFields(const LogicalType& argument) {
  if (argument.root() == LogicalTypeRoot::MAP) {
    return {DataTypes::FIELD("f0", argument.keyType()), DataTypes::FIELD("f1", argument.valueType())};
  }
  const LogicalType& element = argument.elementType();
  if (element.root() == LogicalTypeRoot::ROW) return element.fields();
  return {DataTypes::FIELD("f0", element)};
}

}  // namespace

Result<UnnestRowsFunction> UnnestRowsFunction::create(LogicalType argument, bool with_ordinality) {
  const LogicalTypeRoot root = argument.root();
  if (root != LogicalTypeRoot::ARRAY && root != LogicalTypeRoot::MAP && root != LogicalTypeRoot::MULTISET) {
    return InvalidArgument(fmt::format("Unsupported type for UNNEST: {}", argument.toString()));
  }
  std::vector<types::RowField> fields = elementFields(argument);
  if (with_ordinality) {
    for (size_t i = 0; i < fields.size(); ++i) fields[i].name = fmt::format("f{}", i);
    fields.push_back(DataTypes::FIELD("ordinality", DataTypes::INT().notNull()));
  }
  LogicalType result = DataTypes::ROW(std::move(fields));
  return UnnestRowsFunction(std::move(argument), std::move(result), with_ordinality);
}

std::vector<table::FunctionSignature> UnnestRowsFunction::signatures() const {
  return {table::FunctionSignature{{argument_}, result_}};
}

void UnnestRowsFunction::appendElement(const types::ColumnVector& elements, size_t i, size_t first,
                                       table::TableFunctionOutput& out) const {
  if (elements.type().root() != LogicalTypeRoot::ROW || argument_.root() == LogicalTypeRoot::MAP) {
    vector_ops::appendAnyFrom(elements, i, out.columns[first]);
    return;
  }
  // A ROW element spreads over the columns; a NULL one leaves them all NULL.
  for (size_t f = 0; f < elements.type().fieldCount(); ++f) {
    if (elements.isNull(i)) {
      out.columns[first + f].appendNull();
    } else {
      vector_ops::appendAnyFrom(elements.child(f), i, out.columns[first + f]);
    }
  }
}

Status UnnestRowsFunction::eval(size_t, std::span<const types::ColumnVector* const> args, size_t n,
                                table::TableFunctionOutput& out) const {
  const types::ColumnVector& collections = *args[0];
  const LogicalTypeRoot root = argument_.root();
  const size_t ordinality = out.columns.size() - 1;
  for (size_t row = 0; row < n; ++row) {
    if (collections.isNull(row)) continue;
    const auto begin = static_cast<size_t>(collections.offsets()[row]);
    const auto end = static_cast<size_t>(collections.offsets()[row + 1]);
    int32_t position = 0;
    for (size_t e = begin; e < end; ++e) {
      const int32_t copies = root == LogicalTypeRoot::MULTISET ? collections.child(1).valueAt<int32_t>(e) : 1;
      for (int32_t c = 0; c < copies; ++c) {
        appendElement(collections.child(0), e, 0, out);
        if (root == LogicalTypeRoot::MAP) vector_ops::appendAnyFrom(collections.child(1), e, out.columns[1]);
        if (with_ordinality_) out.columns[ordinality].append<int32_t>(++position);
        out.input_rows.push_back(static_cast<int32_t>(row));
      }
    }
  }
  return Status::OK();
}

}  // namespace eddy::sql
