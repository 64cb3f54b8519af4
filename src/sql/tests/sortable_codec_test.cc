#include "sql/runtime/sortable_codec.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "eddy/types/column_batch.h"
#include "eddy/types/data_types.h"
#include "eddy/types/decimal.h"
#include "eddy/types/row.h"

namespace eddy::sql {
namespace {

using types::DataTypes;
using types::Row;
using types::Value;

// Rows of every fixed-width storage, with NULLs and the extremes of each.
types::ColumnBatch fixedWidthRows() {
  types::ColumnBatch batch(DataTypes::ROW({
      DataTypes::FIELD("b", DataTypes::BOOLEAN()),
      DataTypes::FIELD("t", DataTypes::TINYINT()),
      DataTypes::FIELD("s", DataTypes::SMALLINT()),
      DataTypes::FIELD("i", DataTypes::INT()),
      DataTypes::FIELD("l", DataTypes::BIGINT()),
      DataTypes::FIELD("f", DataTypes::FLOAT()),
      DataTypes::FIELD("d", DataTypes::DOUBLE()),
      DataTypes::FIELD("dec", DataTypes::DECIMAL(5, 2)),
  }));
  const std::vector<Row> rows = {
      Row::of(true, int8_t{-128}, int16_t{-32768}, std::numeric_limits<int32_t>::min(), std::numeric_limits<int64_t>::min(),
              -1.5f, -0.0, types::Decimal::fromUnscaled(-12345, 5, 2)),
      Row::of(Value(), Value(), Value(), Value(), Value(), Value(), Value(), Value()),
      Row::of(false, int8_t{127}, int16_t{7}, 7919, std::numeric_limits<int64_t>::max(), 3.25f, 1e300,
              types::Decimal::fromUnscaled(99, 5, 2)),
  };
  for (const Row& row : rows) EXPECT_TRUE(batch.appendRow(row).ok());
  return batch;
}

TEST(SortableCodecTest, AColumnAtATimeWritesWhatAppendSortableAppends) {
  const types::ColumnBatch batch = fixedWidthRows();
  const size_t n = batch.size();
  // Two columns per record, as a two-column key, in records with room to spare.
  for (size_t first = 0; first + 1 < batch.columnCount(); ++first) {
    constexpr size_t kStride = 40;
    std::vector<unsigned char> records(n * kStride, 0xAB);
    std::vector<uint8_t> lengths(n, 0);
    writeSortableColumn(batch.column(first), n, records.data(), kStride, lengths.data());
    writeSortableColumn(batch.column(first + 1), n, records.data(), kStride, lengths.data());
    for (size_t i = 0; i < n; ++i) {
      std::string expected;
      appendSortable(batch.column(first), i, expected);
      appendSortable(batch.column(first + 1), i, expected);
      ASSERT_EQ(lengths[i], expected.size()) << "columns " << first << ", row " << i;
      EXPECT_EQ(std::string(reinterpret_cast<const char*>(&records[i * kStride]), lengths[i]), expected)
          << "columns " << first << ", row " << i;
      // Nothing past the record's bytes is touched.
      EXPECT_EQ(records[i * kStride + lengths[i]], 0xAB);
    }
  }
}

}  // namespace
}  // namespace eddy::sql
