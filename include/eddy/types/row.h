#pragma once

#include <string>
#include <utility>
#include <vector>

#include "eddy/common/check.h"
#include "eddy/types/row_kind.h"
#include "eddy/types/value.h"

namespace eddy::types {

// A row of a changelog, as Flink's org.apache.flink.types.Row in position-based mode: a
// RowKind and fields. Row-at-a-time: for tests, connectors and the API boundary; operators
// work on ColumnBatch. A value type; thread-compatible.
class Row {
 public:
  Row() = default;
  Row(RowKind kind, std::vector<Value> fields) : kind_(kind), fields_(std::move(fields)) {}

  // Row.of(...): an INSERT row of the given values.
  template <typename... Vs>
  static Row of(Vs&&... values) {
    return ofKind(RowKind::INSERT, std::forward<Vs>(values)...);
  }
  // Row.ofKind(kind, ...).
  template <typename... Vs>
  static Row ofKind(RowKind kind, Vs&&... values) {
    std::vector<Value> fields;
    fields.reserve(sizeof...(Vs));
    (fields.emplace_back(std::forward<Vs>(values)), ...);
    return Row(kind, std::move(fields));
  }
  // Row.withPositions(kind, arity): all fields null.
  static Row withPositions(RowKind kind, size_t arity) { return Row(kind, std::vector<Value>(arity)); }

  RowKind getKind() const { return kind_; }
  void setKind(RowKind kind) { kind_ = kind; }
  size_t getArity() const { return fields_.size(); }
  const Value& getField(size_t pos) const {
    EDDY_CHECK_LT(pos, fields_.size());
    return fields_[pos];
  }
  void setField(size_t pos, Value value) {
    EDDY_CHECK_LT(pos, fields_.size());
    fields_[pos] = std::move(value);
  }
  const std::vector<Value>& fields() const { return fields_; }

  // As Row#toString: "+I[1, abc, null]", nested values as RowUtils.deepToStringRow.
  std::string toString() const;
  void appendTo(std::string& out) const;

  friend bool operator==(const Row& a, const Row& b) = default;

 private:
  RowKind kind_ = RowKind::INSERT;
  std::vector<Value> fields_;
};

}  // namespace eddy::types
