// Lookup joins that look the table up key by key (a PartialCachingLookupProvider), through a
// test-only lookup table whose function counts its calls: the cache keeps one call per
// distinct key, 'lookup.cache' = 'NONE' calls once per input row.
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/factory_registry.h"
#include "sql/tests/table_test_util.h"

namespace eddy::sql {
namespace {

using types::RowKind;
using types::Value;

// The rows of the test lookup table and the keys its functions were asked for.
struct CountingLookupData {
  static std::mutex& mutex() {
    static std::mutex m;
    return m;
  }
  static std::vector<types::Row>& rows() {
    static std::vector<types::Row> r;
    return r;
  }
  // "key row → calls", as Row#toString of the key row.
  static std::map<std::string, int>& calls() {
    static std::map<std::string, int> c;
    return c;
  }
  static std::string callsText() {
    std::lock_guard<std::mutex> lock(mutex());
    std::string out;
    for (const auto& [key, count] : calls()) out += key + "×" + std::to_string(count) + " ";
    return out;
  }
};

class CountingLookupFunction final : public LookupFunction {
 public:
  explicit CountingLookupFunction(std::vector<int> keys) : keys_(std::move(keys)) {}
  Status open() override { return Status::OK(); }
  Result<std::vector<types::Row>> lookup(const types::Row& key_row) override {
    std::lock_guard<std::mutex> lock(CountingLookupData::mutex());
    ++CountingLookupData::calls()[key_row.toString()];
    std::vector<types::Row> found;
    for (const types::Row& row : CountingLookupData::rows()) {
      bool equal = true;
      for (size_t k = 0; k < keys_.size(); ++k) equal &= row.getField(static_cast<size_t>(keys_[k])) == key_row.getField(k);
      if (equal) found.push_back(row);
    }
    return found;
  }
  void close() override {}

 private:
  std::vector<int> keys_;
};

class CountingLookupProvider final : public PartialCachingLookupProvider {
 public:
  CountingLookupProvider(std::vector<int> keys, std::optional<LookupCacheOptions> cache)
      : keys_(std::move(keys)), cache_(std::move(cache)) {}
  Result<std::unique_ptr<LookupFunction>> createLookupFunction() const override {
    return std::unique_ptr<LookupFunction>(std::make_unique<CountingLookupFunction>(keys_));
  }
  std::optional<LookupCacheOptions> getCacheOptions() const override { return cache_; }

 private:
  std::vector<int> keys_;
  std::optional<LookupCacheOptions> cache_;
};

// Can only be looked up, key by key.
class CountingLookupSource final : public ScanTableSource, public LookupTableSource {
 public:
  explicit CountingLookupSource(LookupOptions options) : options_(std::move(options)) {}
  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override { return true; }
  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment&) override {
    return NotSupported("scanning a counting-lookup table");
  }
  std::string asSummaryString() const override { return "CountingLookup"; }
  Result<LookupRuntimeProvider> getLookupRuntimeProvider(const LookupContext& context) const override {
    return LookupRuntimeProvider(std::shared_ptr<const PartialCachingLookupProvider>(
        std::make_shared<CountingLookupProvider>(context.keys, options_.partial_cache)));
  }

 private:
  LookupOptions options_;
};

class CountingLookupFactory final : public DynamicTableSourceFactory {
 public:
  std::string factoryIdentifier() const override { return "counting-lookup"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return LookupOptions::optionKeys(); }
  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    EDDY_ASSIGN_OR_RETURN(LookupOptions options, LookupOptions::fromTableOptions(context.options()));
    return std::unique_ptr<ScanTableSource>(std::make_unique<CountingLookupSource>(std::move(options)));
  }
};

class SqlLookupJoinPartialCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const_cast<FactoryRegistry&>(defaultFactoryRegistry()).registerFactory(std::make_shared<CountingLookupFactory>());
    {
      std::lock_guard<std::mutex> lock(CountingLookupData::mutex());
      CountingLookupData::calls().clear();
      CountingLookupData::rows() = {
          types::Row(RowKind::INSERT, {Value(int64_t{1}), Value(std::string("one"))}),
          types::Row(RowKind::INSERT, {Value(int64_t{2}), Value(std::string("two"))}),
          types::Row(RowKind::INSERT, {Value(int64_t{2}), Value(std::string("deux"))}),
          types::Row(RowKind::INSERT, {Value(int64_t{3}), Value(std::string("three"))}),
      };
    }
    ValuesData::clearAll();
    ValuesData::registerData("orders", {insertRow({"100", "1"}), insertRow({"101", "2"}), insertRow({"102", "1"}),
                                        insertRow({"103", "4"}), insertRow({"104", std::nullopt}),
                                        insertRow({"105", "2"}), insertRow({"106", "4"})});
    ASSERT_EQ(runSql(*env_, "CREATE TABLE orders (id BIGINT, k BIGINT, p AS PROCTIME()) WITH ('connector' = "
                            "'values', 'data-id' = 'orders')"),
              "[OK]\n");
  }

  void createSide(const std::string& name, const std::string& options) {
    ASSERT_EQ(runSql(*env_, "CREATE TABLE " + name + " (key BIGINT, v STRING) WITH ('connector' = 'counting-lookup'" +
                                options + ")"),
              "[OK]\n");
  }
  std::string sortedRows(const std::string& sql) { return eddy::sql::sortedRows(*env_, sql); }

  std::unique_ptr<table::TableEnvironment> env_ = table::TableEnvironment::create();
};

TEST_F(SqlLookupJoinPartialCacheTest, ACachedKeyIsLookedUpOnce) {
  createSide("side", ", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100'");
  EXPECT_EQ(sortedRows("SELECT o.id, s.key, s.v FROM orders o JOIN side FOR SYSTEM_TIME AS OF o.p AS s "
                       "ON o.k = s.key"),
            "+I[100, 1, one]\n+I[101, 2, deux]\n+I[101, 2, two]\n+I[102, 1, one]\n+I[105, 2, deux]\n"
            "+I[105, 2, two]\n");
  // 4 has no rows and is cached as missing; the NULL key is never looked up.
  EXPECT_EQ(CountingLookupData::callsText(), "+I[1]×1 +I[2]×1 +I[4]×1 ");
}

TEST_F(SqlLookupJoinPartialCacheTest, WithoutCacheMissingKeyAMissingKeyIsLookedUpAgain) {
  createSide("side", ", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '100', "
                     "'lookup.partial-cache.cache-missing-key' = 'false'");
  EXPECT_EQ(sortedRows("SELECT o.id, s.v FROM orders o JOIN side FOR SYSTEM_TIME AS OF o.p AS s ON o.k = s.key"),
            "+I[100, one]\n+I[101, deux]\n+I[101, two]\n+I[102, one]\n+I[105, deux]\n+I[105, two]\n");
  EXPECT_EQ(CountingLookupData::callsText(), "+I[1]×1 +I[2]×1 +I[4]×2 ");
}

TEST_F(SqlLookupJoinPartialCacheTest, WithoutACacheEveryRowIsLookedUp) {
  createSide("side", "");
  EXPECT_EQ(sortedRows("SELECT o.id, s.v FROM orders o JOIN side FOR SYSTEM_TIME AS OF o.p AS s ON o.k = s.key"),
            "+I[100, one]\n+I[101, deux]\n+I[101, two]\n+I[102, one]\n+I[105, deux]\n+I[105, two]\n");
  EXPECT_EQ(CountingLookupData::callsText(), "+I[1]×2 +I[2]×2 +I[4]×2 ");
}

TEST_F(SqlLookupJoinPartialCacheTest, LeftJoinPadsMissingAndNullKeys) {
  createSide("side", ", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.expire-after-write' = '1 h'");
  EXPECT_EQ(sortedRows("SELECT o.id, s.v FROM orders o LEFT JOIN side FOR SYSTEM_TIME AS OF o.p AS s "
                       "ON o.k = s.key"),
            "+I[100, one]\n+I[101, deux]\n+I[101, two]\n+I[102, one]\n+I[103, NULL]\n+I[104, NULL]\n"
            "+I[105, deux]\n+I[105, two]\n+I[106, NULL]\n");
}

TEST_F(SqlLookupJoinPartialCacheTest, ResidualConditionAndComputedKey) {
  createSide("side", ", 'lookup.cache' = 'PARTIAL', 'lookup.partial-cache.max-rows' = '1'");
  EXPECT_EQ(sortedRows("SELECT o.id, s.v FROM orders o LEFT JOIN side FOR SYSTEM_TIME AS OF o.p AS s "
                       "ON o.k + 1 = s.key AND s.v <> 'deux'"),
            "+I[100, two]\n+I[101, three]\n+I[102, two]\n+I[103, NULL]\n+I[104, NULL]\n+I[105, three]\n"
            "+I[106, NULL]\n");
}

TEST_F(SqlLookupJoinPartialCacheTest, PartialWithoutABoundIsFlinksError) {
  EXPECT_EQ(runSql(*env_, "CREATE TABLE side (key BIGINT, v STRING) WITH ('connector' = 'counting-lookup', "
                          "'lookup.cache' = 'PARTIAL')"),
            "[OK]\n");
  const std::string error =
      runSql(*env_, "SELECT o.id FROM orders o JOIN side FOR SYSTEM_TIME AS OF o.p AS s ON o.k = s.key");
  EXPECT_NE(error.find("Missing 'lookup.partial-cache.expire-after-access', 'lookup.partial-cache.expire-after-write' "
                       "or 'lookup.partial-cache.max-rows' in the configuration."),
            std::string::npos)
      << error;
}

}  // namespace
}  // namespace eddy::sql
