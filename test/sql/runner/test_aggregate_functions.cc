// The aggregate function classes of the test library (see test_function_classes.h).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "eddy/table/functions/function_class_registry.h"
#include "eddy/types/data_types.h"
#include "test_function_classes.h"

namespace eddy::slt {
namespace {

using table::FunctionSignature;
using types::ColumnVector;
using types::DataTypes;

// Flink's WeightedAvg example: accumulate(acc, Long value, Integer weight) adds
// value * weight to sum and weight to count, retract subtracts them, getValue is
// sum / count (integer division) or NULL when count is 0. Rows with a NULL argument are
// skipped; merge adds another accumulator's sum and count. The accumulator (Flink's
// WeightedAvgAccumulator { long sum; int count; }) is 12 bytes: sum, then count.
class WeightedAvg final : public table::AggregateFunction {
 public:
  std::vector<FunctionSignature> signatures() const override {
    return {{{DataTypes::BIGINT(), DataTypes::INT()}, DataTypes::BIGINT()}};
  }

  std::string createAccumulator() const override { return std::string(kAccumulatorSize, '\0'); }

  Status accumulate(size_t, std::string& acc, std::span<const ColumnVector* const> args, size_t row) const override {
    add(acc, args, row, 1);
    return Status::OK();
  }

  Status retract(size_t, std::string& acc, std::span<const ColumnVector* const> args, size_t row) const override {
    add(acc, args, row, -1);
    return Status::OK();
  }

  Status getValue(size_t, std::string_view acc, ColumnVector& out) const override {
    int64_t sum;
    int32_t count;
    std::memcpy(&sum, acc.data(), sizeof(sum));
    std::memcpy(&count, acc.data() + sizeof(sum), sizeof(count));
    if (count == 0) {
      out.appendNull();
    } else {
      out.append<int64_t>(sum / count);
    }
    return Status::OK();
  }

  bool implementsMerge() const override { return true; }

  Status merge(size_t, std::string& acc, std::string_view other) const override {
    int64_t sum, other_sum;
    int32_t count, other_count;
    std::memcpy(&sum, acc.data(), sizeof(sum));
    std::memcpy(&count, acc.data() + sizeof(sum), sizeof(count));
    std::memcpy(&other_sum, other.data(), sizeof(other_sum));
    std::memcpy(&other_count, other.data() + sizeof(other_sum), sizeof(other_count));
    sum += other_sum;
    count += other_count;
    std::memcpy(acc.data(), &sum, sizeof(sum));
    std::memcpy(acc.data() + sizeof(sum), &count, sizeof(count));
    return Status::OK();
  }

 private:
  static constexpr size_t kAccumulatorSize = sizeof(int64_t) + sizeof(int32_t);

  static void add(std::string& acc, std::span<const ColumnVector* const> args, size_t row, int sign) {
    if (args[0]->isNull(row) || args[1]->isNull(row)) return;
    int64_t sum;
    int32_t count;
    std::memcpy(&sum, acc.data(), sizeof(sum));
    std::memcpy(&count, acc.data() + sizeof(sum), sizeof(count));
    const int32_t weight = args[1]->valueAt<int32_t>(row);
    sum += sign * args[0]->valueAt<int64_t>(row) * weight;
    count += sign * weight;
    std::memcpy(acc.data(), &sum, sizeof(sum));
    std::memcpy(acc.data() + sizeof(sum), &count, sizeof(count));
  }
};

}  // namespace

void registerTestAggregateFunctionClasses() {
  table::registerFunctionClass("org.apache.flink.table.test.udf.WeightedAvg",
                               [] { return table::UserDefinedFunction(std::make_shared<const WeightedAvg>()); });
}

}  // namespace eddy::slt
