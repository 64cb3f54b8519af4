// Kernels of the value constructors and of collection access. Elements are copied between
// the nested children of the columns (ARRAY: offsets into child(0); MAP: child(0) keys and
// child(1) values), a row at a time, without building Values for scalar elements.
#include <fmt/format.h>

#include "sql/expression/kernels.h"

namespace eddy::sql::kernels {

namespace {

using F = BuiltInFunction;
using Root = types::LogicalTypeRoot;
using vector_ops::StringTag;

// Whether a[i] equals b[j] (both non-null, of one storage type). Nested values compare as
// Values (they are not on a hot path).
bool sameValue(const ColumnVector& a, size_t i, const ColumnVector& b, size_t j) {
  if (vector_ops::isNested(a.type().root())) return a.getValue(i) == b.getValue(j);
  return vector_ops::dispatchStorage(a.type().root(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_same_v<T, StringTag>) {
      return a.stringAt(i) == b.stringAt(j);
    } else {
      return a.valueAt<T>(i) == b.valueAt<T>(j);
    }
  });
}

// The element range [begin, end) of row i of an ARRAY or MAP column.
std::pair<size_t, size_t> range(const ColumnVector& v, size_t i) {
  return {static_cast<size_t>(v.offsets()[i]), static_cast<size_t>(v.offsets()[i + 1])};
}

void arrayConstructor(Args args, size_t n, ColumnVector& out) {
  ColumnVector& elements = out.child(0);
  for (size_t i = 0; i < n; ++i) {
    for (const ColumnVector* element : args) vector_ops::appendAnyFrom(*element, i, elements);
    vector_ops::endArrayEntry(out);
  }
}

// MAP[k1, v1, k2, v2, ...]: a repeated key keeps its first place and takes the last value, as
// Flink's map constructor does (FLINK-25699, FLINK-38286).
void mapConstructor(Args args, size_t n, ColumnVector& out) {
  ColumnVector& keys = out.child(0);
  ColumnVector& values = out.child(1);
  const size_t pairs = args.size() / 2;
  for (size_t i = 0; i < n; ++i) {
    for (size_t p = 0; p < pairs; ++p) {
      const ColumnVector& key = *args[2 * p];
      bool seen = false;
      size_t last = p;
      for (size_t other = 0; other < pairs; ++other) {
        const ColumnVector& candidate = *args[2 * other];
        const bool same = key.isNull(i) ? candidate.isNull(i) : !candidate.isNull(i) && sameValue(key, i, candidate, i);
        if (!same) continue;
        seen |= other < p;
        last = other;
      }
      if (seen) continue;
      vector_ops::appendAnyFrom(key, i, keys);
      vector_ops::appendAnyFrom(*args[2 * last + 1], i, values);
    }
    vector_ops::endMapEntry(out);
  }
}

void rowConstructor(Args args, size_t n, ColumnVector& out) {
  for (size_t i = 0; i < n; ++i) {
    for (size_t f = 0; f < args.size(); ++f) vector_ops::appendAnyFrom(*args[f], i, out.child(f));
    vector_ops::endRowEntry(out);
  }
}

// a[i] (1-based; NULL out of range) and m[k] (NULL for an absent key).
void item(Args args, size_t n, ColumnVector& out) {
  const ColumnVector& container = *args[0];
  const ColumnVector& index = *args[1];
  const bool map = container.type().root() == Root::MAP;
  const ColumnVector& elements = container.child(map ? 1 : 0);
  for (size_t i = 0; i < n; ++i) {
    if (container.isNull(i) || index.isNull(i)) {
      out.appendNull();
      continue;
    }
    const auto [begin, end] = range(container, i);
    size_t at = end;
    if (map) {
      const ColumnVector& keys = container.child(0);
      for (size_t j = begin; j < end && at == end; ++j) {
        if (!keys.isNull(j) && sameValue(keys, j, index, i)) at = j;
      }
    } else {
      const int64_t position = index.valueAt<int32_t>(i);
      if (position >= 1 && position <= static_cast<int64_t>(end - begin)) at = begin + static_cast<size_t>(position - 1);
    }
    if (at == end) {
      out.appendNull();
    } else {
      vector_ops::appendAnyFrom(elements, at, out);
    }
  }
}

void cardinality(const ColumnVector& container, size_t n, ColumnVector& out) {
  const bool multiset = container.type().root() == Root::MULTISET;
  for (size_t i = 0; i < n; ++i) {
    if (container.isNull(i)) {
      out.appendNull();
      continue;
    }
    const auto [begin, end] = range(container, i);
    int32_t count = static_cast<int32_t>(end - begin);
    if (multiset) {
      count = 0;
      for (size_t j = begin; j < end; ++j) count += container.child(1).valueAt<int32_t>(j);
    }
    out.append<int32_t>(count);
  }
}

Status element(const ColumnVector& array, size_t n, ColumnVector& out) {
  for (size_t i = 0; i < n; ++i) {
    const auto [begin, end] = array.isNull(i) ? std::pair<size_t, size_t>{0, 0} : range(array, i);
    if (end - begin > 1) return InvalidArgument("Array has more than one element.");
    if (end == begin) {
      out.appendNull();
    } else {
      vector_ops::appendAnyFrom(array.child(0), begin, out);
    }
  }
  return Status::OK();
}

// ARRAY_CONTAINS(array, needle): a NULL needle is contained when a NULL element is.
void arrayContains(const ColumnVector& array, const ColumnVector& needle, size_t n, ColumnVector& out) {
  const ColumnVector& elements = array.child(0);
  for (size_t i = 0; i < n; ++i) {
    if (array.isNull(i)) {
      out.appendNull();
      continue;
    }
    const auto [begin, end] = range(array, i);
    bool found = false;
    for (size_t j = begin; j < end && !found; ++j) {
      found = needle.isNull(i) ? elements.isNull(j) : !elements.isNull(j) && sameValue(elements, j, needle, i);
    }
    out.append<bool>(found);
  }
}

Status singleValue(const ColumnVector& count, const ColumnVector& value, size_t n, ColumnVector& out) {
  for (size_t i = 0; i < n; ++i) {
    if (!count.isNull(i) && count.valueAt<int64_t>(i) > 1) {
      return InvalidArgument("SingleValueAggFunction received more than one element.");
    }
    vector_ops::appendAnyFrom(value, i, out);
  }
  return Status::OK();
}

}  // namespace

Status collection(const BoundExpr& call, Args args, size_t n, ColumnVector& out) {
  switch (call.function) {
    case F::kArrayConstructor: arrayConstructor(args, n, out); return Status::OK();
    case F::kMapConstructor: mapConstructor(args, n, out); return Status::OK();
    case F::kRowConstructor: rowConstructor(args, n, out); return Status::OK();
    case F::kItem: item(args, n, out); return Status::OK();
    case F::kCardinality: cardinality(*args[0], n, out); return Status::OK();
    case F::kElement: return element(*args[0], n, out);
    case F::kArrayContains: arrayContains(*args[0], *args[1], n, out); return Status::OK();
    case F::kSingleValue: return singleValue(*args[0], *args[1], n, out);
    default: break;
  }
  return Internal(fmt::format("not a collection function: {}", builtInFunctionName(call.function)));
}

}  // namespace eddy::sql::kernels
