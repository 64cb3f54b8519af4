#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "eddy/types/column_vector.h"
#include "eddy/types/timestamp_data.h"

namespace eddy::sql::vector_ops {

// Typed loops over dense ColumnVectors for the evaluator's kernels: the functor is a template
// parameter, so the per-row call is direct and inlined; nulls propagate through the
// validity bitmaps. Every loop appends exactly `n` rows to `out`.

using types::ColumnVector;
using Args = std::span<const ColumnVector* const>;

// The storage of a string column, for dispatch.
struct StringTag {};

// Calls f(T{}) with the storage type of `root` (StringTag for strings and bytes).
template <typename F>
decltype(auto) dispatchStorage(types::LogicalTypeRoot root, F&& f) {
  using Root = types::LogicalTypeRoot;
  switch (root) {
    case Root::BOOLEAN: return f(bool{});
    case Root::TINYINT: return f(int8_t{});
    case Root::SMALLINT: return f(int16_t{});
    case Root::INTEGER:
    case Root::DATE:
    case Root::TIME_WITHOUT_TIME_ZONE:
    case Root::INTERVAL_YEAR_MONTH: return f(int32_t{});
    case Root::BIGINT:
    case Root::INTERVAL_DAY_TIME:
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE:
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return f(int64_t{});
    case Root::FLOAT: return f(float{});
    case Root::DOUBLE: return f(double{});
    case Root::DECIMAL: return f(__int128{});
    default: return f(StringTag{});
  }
}

template <typename T>
inline T get(const ColumnVector& v, size_t i) {
  if constexpr (std::is_same_v<T, StringTag>) {
    return StringTag{};
  } else {
    return v.valueAt<T>(i);
  }
}

// Appends row i of `src` to `out` (same storage type T).
template <typename T>
inline void appendFrom(const ColumnVector& src, size_t i, ColumnVector& out) {
  if (src.isNull(i)) {
    out.appendNull();
  } else if constexpr (std::is_same_v<T, StringTag>) {
    out.appendString(src.stringAt(i));
  } else {
    out.append<T>(src.valueAt<T>(i));
  }
}

// Whether values of `root` are nested columns, which appendFrom cannot copy.
inline bool isNested(types::LogicalTypeRoot root) {
  using Root = types::LogicalTypeRoot;
  return root == Root::ROW || root == Root::ARRAY || root == Root::MAP || root == Root::MULTISET;
}

// ROW: ends a non-null row whose fields the caller appended to the children, one per child.
// ColumnVector has no call for this yet; appending a fixed-width value marks the row valid
// (a ROW keeps no fixed-width values, so the byte is never read).
inline void endRowEntry(ColumnVector& row) { row.append<uint8_t>(0); }

// ARRAY: ends a non-null array whose elements the caller appended to child(0) since the
// previous entry. Appending an empty Value array pushes the child's size as the next offset
// and marks the row valid, without allocating.
inline void endArrayEntry(ColumnVector& array) { EDDY_CHECK(array.appendValue(types::Value::array({})).ok()); }

// MAP: the same for a map whose keys and values the caller appended to child(0) and child(1).
inline void endMapEntry(ColumnVector& map) { EDDY_CHECK(map.appendValue(types::Value::map({})).ok()); }

// Appends row i of `src` to `out`, of any type: a ROW field by field into the children,
// ARRAY, MAP and MULTISET through their Value (they are not on a hot path).
inline void appendAnyFrom(const ColumnVector& src, size_t i, ColumnVector& out) {
  const types::LogicalTypeRoot root = src.type().root();
  if (!isNested(root)) {
    dispatchStorage(root, [&](auto tag) { appendFrom<decltype(tag)>(src, i, out); });
  } else if (src.isNull(i)) {
    out.appendNull();
  } else if (root == types::LogicalTypeRoot::ROW) {
    for (size_t f = 0; f < src.type().fieldCount(); ++f) appendAnyFrom(src.child(f), i, out.child(f));
    endRowEntry(out);
  } else {
    EDDY_CHECK(out.appendValue(src.getValue(i)).ok());
  }
}

// out[i] = f(a[i]), NULL when a[i] is. Without NULLs in the input, one pass over the
// arrays (f never sees the zero values of NULL rows, which it may not take, e.g. a divisor).
template <typename A, typename Out, typename F>
inline void mapUnary(const ColumnVector& a, size_t n, ColumnVector& out, F&& f) {
  if (a.noNullsIn(n)) {
    const A* in = a.values<A>();
    Out* result = out.appendValid<Out>(n);
    for (size_t i = 0; i < n; ++i) result[i] = f(in[i]);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a.isNull(i)) {
      out.appendNull();
    } else {
      out.append<Out>(f(a.valueAt<A>(i)));
    }
  }
}

// out[i] = f(a[i], b[i]), NULL when either is; one pass without NULLs, as mapUnary.
template <typename A, typename B, typename Out, typename F>
inline void mapBinary(const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out, F&& f) {
  if (a.noNullsIn(n) && b.noNullsIn(n)) {
    const A* x = a.values<A>();
    const B* y = b.values<B>();
    Out* result = out.appendValid<Out>(n);
    for (size_t i = 0; i < n; ++i) result[i] = f(x[i], y[i]);
    return;
  }
  for (size_t i = 0; i < n; ++i) {
    if (a.isNull(i) || b.isNull(i)) {
      out.appendNull();
    } else {
      out.append<Out>(f(a.valueAt<A>(i), b.valueAt<B>(i)));
    }
  }
}

// As mapBinary, for functions that may give NULL (std::nullopt).
template <typename A, typename B, typename Out, typename F>
inline void mapBinaryNullable(const ColumnVector& a, const ColumnVector& b, size_t n, ColumnVector& out, F&& f) {
  for (size_t i = 0; i < n; ++i) {
    std::optional<Out> result;
    if (!a.isNull(i) && !b.isNull(i)) result = f(a.valueAt<A>(i), b.valueAt<B>(i));
    if (result) {
      out.append<Out>(*result);
    } else {
      out.appendNull();
    }
  }
}

// Whether any argument is NULL at row i.
inline bool anyNull(Args args, size_t i) {
  for (const ColumnVector* arg : args) {
    if (arg->isNull(i)) return true;
  }
  return false;
}

// Timestamps as stored by ColumnVector: epoch millis, micros or nanos by precision.
inline int64_t timestampUnitsPerMilli(int32_t precision) { return precision <= 3 ? 1 : precision <= 6 ? 1000 : 1000000; }

inline types::TimestampData timestampAt(const ColumnVector& v, size_t i) {
  const int64_t per_milli = timestampUnitsPerMilli(v.type().precision());
  const int64_t stored = v.valueAt<int64_t>(i);
  int64_t millis = stored / per_milli;
  if (stored % per_milli < 0) --millis;
  return {millis, static_cast<int32_t>((stored - millis * per_milli) * (1000000 / per_milli))};
}

inline int64_t encodeTimestamp(types::TimestampData ts, int32_t precision) {
  const int64_t per_milli = timestampUnitsPerMilli(precision);
  return ts.millisecond * per_milli + ts.nano_of_millisecond / (1000000 / per_milli);
}

inline void appendTimestamp(ColumnVector& out, types::TimestampData ts) {
  out.append<int64_t>(encodeTimestamp(ts, out.type().precision()));
}

}  // namespace eddy::sql::vector_ops
