#include "sql/connectors/datagen/datagen_table_factory.h"

#include <algorithm>
#include <random>
#include <set>

#include "eddy/common/config_options.h"
#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/factory_helper.h"

namespace eddy::sql {

namespace {

constexpr int64_t kDefaultRowsPerSecond = 10000;

// The keys a datagen table supports, known only once its fields' generators are built;
// lets validateFactoryOptions word the error as Flink's validateUnconsumedKeys.
class ConsumedOptions final : public DynamicTableFactory {
 public:
  explicit ConsumedOptions(std::set<std::string> keys) : keys_(std::move(keys)) {}
  std::string factoryIdentifier() const override { return "datagen"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return {keys_.begin(), keys_.end()}; }

 private:
  std::set<std::string> keys_;
};

template <typename T>
Result<std::optional<T>> optionalNumber(const std::map<std::string, std::string>& options, const std::string& key) {
  auto it = options.find(key);
  if (it == options.end()) return std::optional<T>();
  Result<T> value = ConfigValue<T>::parse(it->second);
  if (!value.ok()) return InvalidArgument("Could not parse value '" + it->second + "' for key '" + key + "'.");
  return std::optional<T>(*value);
}

// SplitMix64's finalizer: independent seeds for the fields of one table.
uint64_t fieldSeed(uint64_t seed, size_t field) {
  uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (field + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

class DataGenTableFactory final : public DynamicTableSourceFactory {
 public:
  std::string factoryIdentifier() const override { return "datagen"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override {
    return {"rows-per-second", "number-of-rows", "scan.parallelism"};
  }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    std::random_device random;
    const uint64_t seed = (static_cast<uint64_t>(random()) << 32) ^ random();
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<DataGenTableSource> source,
                          createDataGenTableSource(context, seed, &DataGenRowSource::systemClock));
    return std::unique_ptr<ScanTableSource>(std::move(source));
  }
};

}  // namespace

DataGenTableSource::DataGenTableSource(types::LogicalType row_type,
                                       std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields, int64_t count,
                                       int64_t rows_per_second, std::optional<int> parallelism,
                                       DataGenRowSource::Clock clock)
    : row_type_(std::move(row_type)),
      fields_(std::move(fields)),
      count_(count),
      rows_per_second_(rows_per_second),
      parallelism_(parallelism),
      clock_(std::move(clock)) {}

std::shared_ptr<DataGenRowSource> DataGenTableSource::createSource() const {
  return std::make_shared<DataGenRowSource>(row_type_, fields_, count_, static_cast<double>(rows_per_second_), clock_);
}

Result<DataStream<RowChunk>> DataGenTableSource::produceDataStream(StreamExecutionEnvironment& env) {
  DataStream<RowChunk> stream =
      env.fromSource<RowChunk>(createSource(), WatermarkStrategy<RowChunk>::noWatermarks(), "DataGenTableSource");
  if (parallelism_) stream.setParallelism(*parallelism_);
  return stream;
}

Result<std::unique_ptr<DataGenTableSource>> createDataGenTableSource(const DynamicTableContext& context, uint64_t seed,
                                                                      DataGenRowSource::Clock clock) {
  const std::map<std::string, std::string>& options = context.options();
  std::set<std::string> supported = {"rows-per-second", "number-of-rows", "scan.parallelism"};
  std::vector<std::shared_ptr<const DataGenFieldGenerator>> fields;
  std::optional<int64_t> sequence_rows;
  const types::LogicalType& row_type = context.physical_row_type;
  for (size_t i = 0; i < row_type.fieldCount(); ++i) {
    const types::RowField& field = row_type.fields()[i];
    DataGenFieldInfo info;
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<DataGenFieldGenerator> generator,
                          createDataGenFieldGenerator(field.name, field.type, options, fieldSeed(seed, i), info));
    fields.push_back(std::move(generator));
    supported.insert(info.consumed_keys.begin(), info.consumed_keys.end());
    if (info.sequence_length) {
      sequence_rows = sequence_rows ? std::min(*sequence_rows, *info.sequence_length) : *info.sequence_length;
    }
  }
  EDDY_RETURN_IF_ERROR(validateFactoryOptions(ConsumedOptions(std::move(supported)), options));
  EDDY_ASSIGN_OR_RETURN(std::optional<int64_t> rows_per_second, optionalNumber<int64_t>(options, "rows-per-second"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int64_t> number_of_rows, optionalNumber<int64_t>(options, "number-of-rows"));
  EDDY_ASSIGN_OR_RETURN(std::optional<int32_t> parallelism, optionalNumber<int32_t>(options, "scan.parallelism"));
  int64_t count = DataGenRowSource::kUnbounded;
  if (number_of_rows) count = std::max<int64_t>(0, *number_of_rows);
  if (sequence_rows) count = std::min(count, *sequence_rows);
  const int64_t rate = rows_per_second.value_or(kDefaultRowsPerSecond);
  if (rate <= 0) return InvalidArgument("'rows-per-second' must be positive, but was: " + std::to_string(rate));
  return std::make_unique<DataGenTableSource>(row_type, std::move(fields), count, rate, parallelism, std::move(clock));
}

void registerDataGenFactories(FactoryRegistry& registry) { registry.registerFactory(std::make_shared<DataGenTableFactory>()); }

}  // namespace eddy::sql
