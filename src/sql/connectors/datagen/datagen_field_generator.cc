#include "sql/connectors/datagen/datagen_field_generator.h"

#include <fmt/format.h>

#include "eddy/types/civil_date.h"
#include "sql/connectors/datagen/datagen_typed_generator.h"

namespace eddy::sql {

namespace {

constexpr int64_t kMillisPerDay = 86'400'000;

}  // namespace

void DataGenFieldGenerator::appendTo(int64_t begin, int64_t end, int64_t now_millis, types::ColumnVector& column) const {
  for (int64_t i = begin; i < end; ++i) {
    connectors::RandomGenerator random = randomFor(i);
    // The generators build values of their own type, so the append cannot fail.
    (void)column.appendValue(next(random, i, now_millis));
  }
}

std::unique_ptr<DataGenFieldGenerator> makeClockGenerator(uint64_t seed, const types::LogicalType& type) {
  using types::LogicalTypeRoot;
  switch (type.root()) {
    case LogicalTypeRoot::DATE:
      return makeFixedWidth<int32_t>(seed, type, 0, [](connectors::RandomGenerator&, int64_t, int64_t now) {
        return static_cast<int32_t>(types::floorDiv(now, kMillisPerDay));
      });
    case LogicalTypeRoot::TIME_WITHOUT_TIME_ZONE:
      return makeFixedWidth<int32_t>(seed, type, 0, [](connectors::RandomGenerator&, int64_t, int64_t now) {
        return static_cast<int32_t>(types::floorMod(now, kMillisPerDay));
      });
    case LogicalTypeRoot::TIMESTAMP_WITHOUT_TIME_ZONE:
    case LogicalTypeRoot::TIMESTAMP_WITH_LOCAL_TIME_ZONE: {
      const int64_t units = timestampUnitsPerMilli(type.precision());
      return makeFixedWidth<int64_t>(seed, type, 0,
                                     [units](connectors::RandomGenerator&, int64_t, int64_t now) { return now * units; });
    }
    default: return nullptr;
  }
}

Result<std::unique_ptr<DataGenFieldGenerator>> createDataGenFieldGenerator(
    const std::string& name, const types::LogicalType& type, const std::map<std::string, std::string>& options,
    uint64_t seed, DataGenFieldInfo& info) {
  const std::string kind_key = "fields." + name + ".kind";
  info.consumed_keys.insert(kind_key);
  auto kind = options.find(kind_key);
  const std::string kind_value = kind == options.end() ? "random" : kind->second;
  if (kind_value == "random") return createRandomGenerator(name, type, options, seed, info);
  if (kind_value == "sequence") return createSequenceGenerator(name, type, options, seed, info);
  return InvalidArgument(fmt::format("Unsupported generator kind: {}", kind_value));
}

}  // namespace eddy::sql
