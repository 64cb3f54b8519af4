#include "sql/connectors/jdbc/jdbc_table_factory.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "eddy/connectors/jdbc/jdbc_dialect.h"
#include "eddy/connectors/jdbc/jdbc_row_output_format.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/jdbc/jdbc_dynamic_table_sink.h"
#include "sql/connectors/jdbc/jdbc_dynamic_table_source.h"
#include "sql/connectors/jdbc/jdbc_table_options.h"

namespace eddy::sql {
namespace {

class JdbcDynamicTableFactory final : public DynamicTableSourceFactory, public DynamicTableSinkFactory {
 public:
  std::string factoryIdentifier() const override { return "jdbc"; }
  std::vector<std::string> requiredOptions() const override { return JdbcTableOptions::requiredOptionKeys(); }
  std::vector<std::string> optionalOptions() const override { return JdbcTableOptions::optionalOptionKeys(); }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(JdbcTableOptions options, read(context));
    return std::unique_ptr<ScanTableSource>(
        std::make_unique<JdbcDynamicTableSource>(std::move(options), context.physical_row_type));
  }

  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(JdbcTableOptions options, read(context));
    connectors::jdbc::JdbcDmlOptions dml;
    dml.table_name = options.table_name;
    for (size_t i = 0; i < context.physical_row_type.fieldCount(); ++i) {
      dml.field_names.push_back(context.physical_row_type.fields()[i].name);
      dml.field_types.push_back(context.physical_row_type.typeAt(i));
    }
    if (context.table.primary_key) dml.key_fields = context.table.primary_key->columns;
    return std::unique_ptr<DynamicTableSink>(
        std::make_unique<JdbcDynamicTableSink>(std::move(options), std::move(dml), context.physical_row_type));
  }

 private:
  // Flink's helper.validate(), validateConfigOptions and validateDataTypeWithJdbcDialect.
  Result<JdbcTableOptions> read(const DynamicTableContext& context) const {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    EDDY_ASSIGN_OR_RETURN(JdbcTableOptions options, JdbcTableOptions::fromTableOptions(context.options()));
    const connectors::jdbc::JdbcDialect dialect(options.dialect);
    for (size_t i = 0; i < context.physical_row_type.fieldCount(); ++i) {
      EDDY_RETURN_IF_ERROR(dialect.validate(context.physical_row_type.typeAt(i))
                               .withContext(fmt::format("column '{}'", context.physical_row_type.fields()[i].name)));
    }
    return options;
  }
};

}  // namespace

void registerJdbcFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<JdbcDynamicTableFactory>());
}

}  // namespace eddy::sql
