#include "sql/connectors/jdbc/jdbc_lookup_options.h"

#include <charconv>
#include <memory>
#include <utility>

#include <fmt/format.h>

#include "eddy/common/config_options.h"
#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/jdbc/jdbc_row_data_lookup_function.h"

namespace eddy::sql {

namespace {

constexpr const char* kLegacyMaxRows = "lookup.cache.max-rows";
constexpr const char* kLegacyTtl = "lookup.cache.ttl";
constexpr const char* kLegacyCachingMissingKey = "lookup.cache.caching-missing-key";

// Creates a JdbcRowDataLookupFunction per task.
class JdbcLookupProvider final : public PartialCachingLookupProvider {
 public:
  JdbcLookupProvider(connectors::jdbc::JdbcConnectionOptions connection, JdbcLookupSpec spec, LookupOptions options)
      : connection_(std::move(connection)), spec_(std::move(spec)), options_(std::move(options)) {}

  Result<std::unique_ptr<LookupFunction>> createLookupFunction() const override {
    return std::unique_ptr<LookupFunction>(
        std::make_unique<JdbcRowDataLookupFunction>(connection_, spec_, options_.max_retries));
  }
  std::optional<LookupCacheOptions> getCacheOptions() const override { return options_.partial_cache; }

 private:
  connectors::jdbc::JdbcConnectionOptions connection_;
  JdbcLookupSpec spec_;
  LookupOptions options_;
};

// The legacy cache: max rows and ttl both positive.
Result<std::optional<LookupCacheOptions>> legacyCache(const std::map<std::string, std::string>& options) {
  auto max_rows = options.find(kLegacyMaxRows);
  auto ttl = options.find(kLegacyTtl);
  if ((max_rows == options.end()) != (ttl == options.end())) {
    return InvalidArgument(fmt::format("Either all or none of the following options should be provided:\n{}\n{}",
                                       kLegacyMaxRows, kLegacyTtl));
  }
  if (max_rows == options.end()) return std::optional<LookupCacheOptions>();
  int64_t rows = 0;
  const std::string& text = max_rows->second;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), rows);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", text, kLegacyMaxRows));
  }
  Result<std::chrono::nanoseconds> duration = parseDuration(ttl->second);
  if (!duration.ok()) return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", ttl->second, kLegacyTtl));
  EDDY_ASSIGN_OR_RETURN(bool missing_key, booleanOption(options, kLegacyCachingMissingKey, true));
  if (rows <= 0 || duration->count() <= 0) return std::optional<LookupCacheOptions>();
  LookupCacheOptions cache;
  cache.max_rows = rows;
  cache.expire_after_write = std::chrono::duration_cast<std::chrono::milliseconds>(*duration);
  cache.cache_missing_key = missing_key;
  return std::optional<LookupCacheOptions>(cache);
}

}  // namespace

Result<LookupOptions> jdbcLookupOptions(const std::map<std::string, std::string>& options) {
  EDDY_ASSIGN_OR_RETURN(LookupOptions lookup, LookupOptions::fromTableOptions(options));
  EDDY_ASSIGN_OR_RETURN(std::optional<LookupCacheOptions> legacy, legacyCache(options));
  if (lookup.cache != LookupCacheType::kPartial) lookup.partial_cache = legacy;
  return lookup;
}

std::vector<std::string> jdbcLookupOptionKeys() {
  std::vector<std::string> keys = LookupOptions::optionKeys();
  keys.insert(keys.end(), {kLegacyMaxRows, kLegacyTtl, kLegacyCachingMissingKey});
  return keys;
}

Result<LookupRuntimeProvider> jdbcLookupRuntimeProvider(const connectors::jdbc::JdbcConnectionOptions& connection,
                                                        const std::string& table_name,
                                                        const types::LogicalType& physical_row_type,
                                                        const LookupContext& context, const LookupOptions& options) {
  EDDY_ASSIGN_OR_RETURN(connectors::jdbc::JdbcUrl target, connection.connectionTarget());
  const connectors::jdbc::JdbcDialect dialect(target.kind);
  JdbcLookupSpec spec;
  spec.table_name = table_name;
  for (size_t i = 0; i < physical_row_type.fieldCount(); ++i) {
    EDDY_RETURN_IF_ERROR(dialect.validate(physical_row_type.typeAt(i)));
    spec.field_names.push_back(physical_row_type.fields()[i].name);
    spec.field_types.push_back(physical_row_type.typeAt(i));
  }
  for (int key : context.keys) spec.key_names.push_back(spec.field_names.at(static_cast<size_t>(key)));
  return LookupRuntimeProvider(std::shared_ptr<const PartialCachingLookupProvider>(
      std::make_shared<JdbcLookupProvider>(connection, std::move(spec), options)));
}

}  // namespace eddy::sql
