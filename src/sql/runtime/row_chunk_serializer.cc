#include "sql/runtime/row_chunk_serializer.h"

#include <fmt/format.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sql/expression/vector_ops.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

namespace {

using types::ColumnBatch;
using types::ColumnVector;
using types::DataInputDeserializer;
using types::DataOutputSerializer;
using types::LogicalType;
using types::RowField;
using Root = types::LogicalTypeRoot;

// Deeper types than any schema has; bounds the recursion over corrupt bytes.
constexpr int kMaxTypeDepth = 64;

Status corrupt(std::string_view what) {
  return Corruption(fmt::format("Invalid row chunk in channel state: {}", what));
}

// The timestamp kind or interval resolution; 0 for the other roots (as DataTypes makes them).
uint8_t subKind(const LogicalType& type) {
  switch (type.root()) {
    case Root::TIMESTAMP_WITHOUT_TIME_ZONE:
    case Root::TIMESTAMP_WITH_LOCAL_TIME_ZONE: return static_cast<uint8_t>(type.timestampKind());
    case Root::INTERVAL_YEAR_MONTH: return static_cast<uint8_t>(type.yearMonthResolution());
    case Root::INTERVAL_DAY_TIME: return static_cast<uint8_t>(type.dayTimeResolution());
    default: return 0;
  }
}

// Child columns of a column of `root` (elements; keys or elements and values or counts).
size_t collectionChildren(Root root) { return root == Root::ARRAY ? 1 : 2; }

void writeType(const LogicalType& type, DataOutputSerializer& out) {
  out.writeByte(static_cast<int8_t>(type.root()));
  out.writeBoolean(type.isNullable());
  out.writeInt(type.precision());
  out.writeInt(type.scale());
  out.writeByte(static_cast<int8_t>(subKind(type)));
  switch (type.root()) {
    case Root::ROW:
      out.writeInt(static_cast<int32_t>(type.fieldCount()));
      for (const RowField& field : type.fields()) {
        out.writeLengthPrefixed(field.name);
        out.writeBoolean(field.description.has_value());
        if (field.description) out.writeLengthPrefixed(*field.description);
        writeType(field.type, out);
      }
      return;
    case Root::ARRAY:
    case Root::MULTISET:
      out.writeInt(1);
      writeType(type.elementType(), out);
      return;
    case Root::MAP:
      out.writeInt(2);
      writeType(type.keyType(), out);
      writeType(type.valueType(), out);
      return;
    default: out.writeInt(0); return;
  }
}

int32_t expectedChildCount(Root root) {
  switch (root) {
    case Root::ARRAY:
    case Root::MULTISET: return 1;
    case Root::MAP: return 2;
    default: return 0;
  }
}

Result<LogicalType> readType(DataInputDeserializer& in, int depth) {
  if (depth > kMaxTypeDepth) return corrupt("type nested too deeply");
  int8_t root_byte = 0;
  bool nullable = true;
  int32_t precision = 0;
  int32_t scale = 0;
  int8_t sub_kind = 0;
  int32_t child_count = 0;
  EDDY_RETURN_IF_ERROR(in.readByte(root_byte));
  EDDY_RETURN_IF_ERROR(in.readBoolean(nullable));
  EDDY_RETURN_IF_ERROR(in.readInt(precision));
  EDDY_RETURN_IF_ERROR(in.readInt(scale));
  EDDY_RETURN_IF_ERROR(in.readByte(sub_kind));
  EDDY_RETURN_IF_ERROR(in.readInt(child_count));
  if (root_byte < 0 || root_byte > static_cast<int8_t>(Root::NULL_TYPE)) {
    return corrupt(fmt::format("type root {}", root_byte));
  }
  const auto root = static_cast<Root>(root_byte);
  if (root == Root::ROW ? (child_count < 0 || static_cast<size_t>(child_count) > in.available())
                        : child_count != expectedChildCount(root)) {
    return corrupt(fmt::format("{} children of a type of root {}", child_count, root_byte));
  }
  std::vector<RowField> children;
  for (int32_t i = 0; i < child_count; ++i) {
    std::string name;
    std::optional<std::string> description;
    if (root == Root::ROW) {
      bool has_description = false;
      EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(name));
      EDDY_RETURN_IF_ERROR(in.readBoolean(has_description));
      if (has_description) EDDY_RETURN_IF_ERROR(in.readLengthPrefixed(description.emplace()));
    }
    EDDY_ASSIGN_OR_RETURN(LogicalType child, readType(in, depth + 1));
    children.push_back(RowField{std::move(name), std::move(child), std::move(description)});
  }
  Result<LogicalType> type =
      LogicalType::make(root, precision, scale, static_cast<uint8_t>(sub_kind), std::move(children));
  if (!type.ok()) return corrupt(type.status().message());
  if (nullable) return *std::move(type);
  if (root == Root::NULL_TYPE) return corrupt("NULL type marked NOT NULL");
  return type->notNull();
}

template <typename T>
void writeValue(T value, DataOutputSerializer& out) {
  if constexpr (std::is_same_v<T, bool>) {
    out.writeBoolean(value);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    out.writeByte(value);
  } else if constexpr (std::is_same_v<T, int16_t>) {
    out.writeShort(value);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    out.writeInt(value);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    out.writeLong(value);
  } else if constexpr (std::is_same_v<T, float>) {
    out.writeFloat(value);
  } else if constexpr (std::is_same_v<T, double>) {
    out.writeDouble(value);
  } else {
    static_assert(std::is_same_v<T, __int128>);
    out.writeLong(static_cast<int64_t>(value >> 64));
    out.writeLong(static_cast<int64_t>(static_cast<uint64_t>(value)));
  }
}

template <typename T>
Status readValue(DataInputDeserializer& in, T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    return in.readBoolean(value);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    return in.readByte(value);
  } else if constexpr (std::is_same_v<T, int16_t>) {
    return in.readShort(value);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    return in.readInt(value);
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return in.readLong(value);
  } else if constexpr (std::is_same_v<T, float>) {
    return in.readFloat(value);
  } else if constexpr (std::is_same_v<T, double>) {
    return in.readDouble(value);
  } else {
    static_assert(std::is_same_v<T, __int128>);
    int64_t high = 0;
    int64_t low = 0;
    EDDY_RETURN_IF_ERROR(in.readLong(high));
    EDDY_RETURN_IF_ERROR(in.readLong(low));
    value = static_cast<__int128>(high) << 64 | static_cast<uint64_t>(low);
    return Status::OK();
  }
}

bool isString(Root root) {
  return root == Root::CHAR || root == Root::VARCHAR || root == Root::BINARY || root == Root::VARBINARY;
}

void writeLengths(const ColumnVector& column, size_t rows, DataOutputSerializer& out) {
  const int32_t* offsets = column.offsets();
  for (size_t i = 0; i < rows; ++i) out.writeInt(offsets[i + 1] - offsets[i]);
}

// Writes the first `rows` rows of `column`: a child column may hold more (elements appended
// before their collection turned out null), which no row reaches.
void writeColumn(const ColumnVector& column, size_t rows, DataOutputSerializer& out) {
  out.writeInt(static_cast<int32_t>(rows));
  for (size_t word = 0; word < (rows + 63) / 64; ++word) out.writeLong(static_cast<int64_t>(column.validity()[word]));
  const Root root = column.type().root();
  if (isString(root)) {
    writeLengths(column, rows, out);
    const int32_t* offsets = column.offsets();
    out.write(std::string_view(column.bytes(), static_cast<size_t>(offsets[rows])));
  } else if (root == Root::ROW) {
    for (size_t f = 0; f < column.type().fieldCount(); ++f) writeColumn(column.child(f), rows, out);
  } else if (vector_ops::isNested(root)) {
    writeLengths(column, rows, out);
    const int32_t* offsets = column.offsets();
    const auto elements = static_cast<size_t>(offsets[rows]);
    for (size_t c = 0; c < collectionChildren(root); ++c) writeColumn(column.child(c), elements, out);
  } else if (root != Root::NULL_TYPE) {
    vector_ops::dispatchStorage(root, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (!std::is_same_v<T, vector_ops::StringTag>) {
        const T* values = column.values<T>();
        for (size_t i = 0; i < rows; ++i) writeValue<T>(values[i], out);
      }
    });
  }
}

// Rows of a column as read: its size and validity bitmap.
struct ColumnHeader {
  size_t size = 0;
  std::vector<uint64_t> validity;

  bool isValid(size_t i) const { return (validity[i >> 6] >> (i & 63) & 1) != 0; }
};

Result<ColumnHeader> readColumnHeader(DataInputDeserializer& in) {
  int32_t size = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(size));
  const size_t words = (static_cast<size_t>(size) + 63) / 64;
  if (size < 0 || words * sizeof(int64_t) > in.available()) return corrupt(fmt::format("column of {} rows", size));
  ColumnHeader header{static_cast<size_t>(size), std::vector<uint64_t>(words)};
  for (uint64_t& word : header.validity) {
    int64_t bits = 0;
    EDDY_RETURN_IF_ERROR(in.readLong(bits));
    word = static_cast<uint64_t>(bits);
  }
  return header;
}

// The int lengths (or element counts) of `rows` rows, and their sum.
Result<std::vector<int32_t>> readLengths(DataInputDeserializer& in, size_t rows, int64_t& total) {
  if (rows * sizeof(int32_t) > in.available()) return corrupt("truncated lengths");
  std::vector<int32_t> lengths(rows);
  total = 0;
  for (int32_t& length : lengths) {
    EDDY_RETURN_IF_ERROR(in.readInt(length));
    if (length < 0) return corrupt(fmt::format("length {}", length));
    total += length;
  }
  return lengths;
}

Status readColumn(DataInputDeserializer& in, ColumnVector& out);

// Reads a child column of `rows` rows into a column of its own, to copy from row by row:
// a collection's or ROW's validity and offsets are only appended with its entries.
Result<ColumnVector> readChild(DataInputDeserializer& in, const LogicalType& type, int64_t rows) {
  ColumnVector child(type);
  EDDY_RETURN_IF_ERROR(readColumn(in, child));
  if (static_cast<int64_t>(child.size()) != rows) {
    return corrupt(fmt::format("child column of {} rows where {} were expected", child.size(), rows));
  }
  return child;
}

Status readStrings(DataInputDeserializer& in, const ColumnHeader& header, ColumnVector& out) {
  int64_t total = 0;
  EDDY_ASSIGN_OR_RETURN(const std::vector<int32_t> lengths, readLengths(in, header.size, total));
  std::string bytes;
  EDDY_RETURN_IF_ERROR(in.readFully(static_cast<size_t>(total), bytes));
  size_t at = 0;
  for (size_t i = 0; i < header.size; ++i) {
    if (header.isValid(i)) {
      out.appendString(std::string_view(bytes.data() + at, static_cast<size_t>(lengths[i])));
    } else {
      out.appendNull();
    }
    at += static_cast<size_t>(lengths[i]);
  }
  return Status::OK();
}

Status readCollections(DataInputDeserializer& in, const ColumnHeader& header, ColumnVector& out) {
  const Root root = out.type().root();
  int64_t total = 0;
  EDDY_ASSIGN_OR_RETURN(const std::vector<int32_t> counts, readLengths(in, header.size, total));
  std::vector<ColumnVector> children;
  for (size_t c = 0; c < collectionChildren(root); ++c) {
    EDDY_ASSIGN_OR_RETURN(ColumnVector child, readChild(in, out.child(c).type(), total));
    children.push_back(std::move(child));
  }
  size_t at = 0;
  for (size_t i = 0; i < header.size; ++i) {
    if (!header.isValid(i)) {
      if (counts[i] != 0) return corrupt("a null collection with elements");
      out.appendNull();
      continue;
    }
    for (size_t end = at + static_cast<size_t>(counts[i]); at < end; ++at) {
      for (size_t c = 0; c < children.size(); ++c) vector_ops::appendAnyFrom(children[c], at, out.child(c));
    }
    if (root == Root::ARRAY) {
      vector_ops::endArrayEntry(out);
    } else {
      vector_ops::endMapEntry(out);
    }
  }
  return Status::OK();
}

Status readRows(DataInputDeserializer& in, const ColumnHeader& header, ColumnVector& out) {
  std::vector<ColumnVector> fields;
  for (const RowField& field : out.type().fields()) {
    EDDY_ASSIGN_OR_RETURN(ColumnVector child, readChild(in, field.type, static_cast<int64_t>(header.size)));
    fields.push_back(std::move(child));
  }
  for (size_t i = 0; i < header.size; ++i) {
    if (!header.isValid(i)) {
      out.appendNull();
      continue;
    }
    for (size_t f = 0; f < fields.size(); ++f) vector_ops::appendAnyFrom(fields[f], i, out.child(f));
    vector_ops::endRowEntry(out);
  }
  return Status::OK();
}

Status readFixedWidth(DataInputDeserializer& in, const ColumnHeader& header, ColumnVector& out) {
  return vector_ops::dispatchStorage(out.type().root(), [&](auto tag) -> Status {
    using T = decltype(tag);
    if constexpr (!std::is_same_v<T, vector_ops::StringTag>) {
      for (size_t i = 0; i < header.size; ++i) {
        T value{};
        EDDY_RETURN_IF_ERROR(readValue<T>(in, value));
        if (header.isValid(i)) {
          out.append<T>(value);
        } else {
          out.appendNull();
        }
      }
    }
    return Status::OK();
  });
}

// Appends the column's rows to `out`. REQUIRES: out is empty.
Status readColumn(DataInputDeserializer& in, ColumnVector& out) {
  EDDY_ASSIGN_OR_RETURN(const ColumnHeader header, readColumnHeader(in));
  const Root root = out.type().root();
  if (isString(root)) return readStrings(in, header, out);
  if (root == Root::ROW) return readRows(in, header, out);
  if (vector_ops::isNested(root)) return readCollections(in, header, out);
  if (root == Root::NULL_TYPE) {
    for (size_t i = 0; i < header.size; ++i) out.appendNull();
    return Status::OK();
  }
  return readFixedWidth(in, header, out);
}

}  // namespace

void serializeColumnBatch(const ColumnBatch& batch, DataOutputSerializer& out) {
  writeType(batch.schema(), out);
  const size_t n = batch.size();
  out.writeInt(static_cast<int32_t>(n));
  for (size_t i = 0; i < n; ++i) out.writeByte(types::toByteValue(batch.rowKind(i)));
  out.writeBoolean(batch.hasRowtime());
  if (batch.hasRowtime()) {
    for (size_t i = 0; i < n; ++i) out.writeLong(batch.rowtime(i));
  }
  for (size_t c = 0; c < batch.columnCount(); ++c) writeColumn(batch.column(c), n, out);
}

Result<std::shared_ptr<ColumnBatch>> deserializeColumnBatch(DataInputDeserializer& in) {
  EDDY_ASSIGN_OR_RETURN(LogicalType schema, readType(in, 0));
  if (schema.root() != Root::ROW) return corrupt("schema " + schema.asSummaryString() + " is not a ROW");
  int32_t rows = 0;
  EDDY_RETURN_IF_ERROR(in.readInt(rows));
  if (rows < 0 || static_cast<size_t>(rows) > in.available()) return corrupt(fmt::format("{} rows", rows));
  std::vector<int8_t> kinds(static_cast<size_t>(rows));
  for (int8_t& kind : kinds) EDDY_RETURN_IF_ERROR(in.readByte(kind));
  bool has_rowtime = false;
  EDDY_RETURN_IF_ERROR(in.readBoolean(has_rowtime));
  auto batch = std::make_shared<ColumnBatch>(std::move(schema), has_rowtime);
  for (const int8_t kind : kinds) {
    Result<types::RowKind> row_kind = types::rowKindFromByteValue(kind);
    if (!row_kind.ok()) return corrupt(row_kind.status().message());
    batch->appendRowKind(*row_kind);
  }
  for (int32_t i = 0; has_rowtime && i < rows; ++i) {
    int64_t rowtime = 0;
    EDDY_RETURN_IF_ERROR(in.readLong(rowtime));
    batch->appendRowtime(rowtime);
  }
  for (size_t c = 0; c < batch->columnCount(); ++c) {
    EDDY_RETURN_IF_ERROR(readColumn(in, batch->column(c)));
    if (batch->column(c).size() != static_cast<size_t>(rows)) {
      return corrupt(fmt::format("column {} has {} rows, the chunk {}", c, batch->column(c).size(), rows));
    }
  }
  return batch;
}

void RowChunk::serialize(DataOutputSerializer& out) const {
  out.writeBoolean(batch != nullptr);
  if (batch) serializeColumnBatch(*batch, out);
}

Status RowChunk::deserialize(DataInputDeserializer& in) {
  bool present = false;
  EDDY_RETURN_IF_ERROR(in.readBoolean(present));
  if (!present) {
    batch = nullptr;
    return Status::OK();
  }
  EDDY_ASSIGN_OR_RETURN(batch, deserializeColumnBatch(in));
  return Status::OK();
}

}  // namespace eddy::sql
