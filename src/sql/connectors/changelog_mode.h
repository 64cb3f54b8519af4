#pragma once

#include <string>

#include "eddy/common/result.h"
#include "eddy/types/row_kind.h"

namespace eddy::sql {

// The set of RowKinds a source produces, an operator emits or a sink accepts (Flink's
// ChangelogMode). A value type.
class ChangelogMode {
 public:
  ChangelogMode() = default;

  // [I]
  static ChangelogMode insertOnly();
  // [I, UA, D]: updates without UPDATE_BEFORE (Flink's ChangelogMode.upsert()).
  static ChangelogMode upsert();
  // [I, UB, UA, D]
  static ChangelogMode all();
  // Parses Flink's TestValues notation: "I,UB,UA,D" (whitespace ignored); InvalidArgument
  // naming a bad kind.
  static Result<ChangelogMode> parse(const std::string& text);

  ChangelogMode& add(types::RowKind kind) {
    bits_ |= bit(kind);
    return *this;
  }
  bool contains(types::RowKind kind) const { return (bits_ & bit(kind)) != 0; }
  bool containsOnly(types::RowKind kind) const { return bits_ == bit(kind); }
  bool isInsertOnly() const { return containsOnly(types::RowKind::INSERT); }
  // True when every kind of `other` is in this mode.
  bool containsAll(const ChangelogMode& other) const { return (bits_ & other.bits_) == other.bits_; }
  ChangelogMode unionWith(const ChangelogMode& other) const;

  // "I,UB,UA,D" in this order, as EXPLAIN CHANGELOG_MODE prints inside changelogMode=[…].
  std::string toString() const;

  friend bool operator==(const ChangelogMode&, const ChangelogMode&) = default;

 private:
  static unsigned bit(types::RowKind kind) { return 1u << static_cast<unsigned>(kind); }
  unsigned bits_ = 0;
};

}  // namespace eddy::sql
