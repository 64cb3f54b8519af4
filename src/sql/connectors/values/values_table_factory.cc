#include "sql/connectors/values/values_table_factory.h"

#include <memory>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "eddy/types/data_types.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/values/values_data.h"
#include "sql/connectors/values/values_filter.h"
#include "sql/connectors/values/values_source_operator.h"
#include "sql/expression/expression_binder.h"

namespace eddy::sql {
namespace {

// Reads a `values` table; supports projection push-down, and filter push-down on the
// fields of 'filterable-fields' (values_filter.h).
class ValuesTableSource final : public ScanTableSource {
 public:
  ValuesTableSource(std::string data_id, types::LogicalType physical_type, ChangelogMode mode, bool bounded,
                    std::set<std::string> filterable_fields)
      : data_id_(std::move(data_id)),
        physical_type_(physical_type),
        produced_type_(std::move(physical_type)),
        mode_(mode),
        bounded_(bounded),
        filterable_fields_(std::move(filterable_fields)) {
    for (size_t i = 0; i < physical_type_.fieldCount(); ++i) fields_.push_back(static_cast<int>(i));
  }

  ChangelogMode getChangelogMode() const override { return mode_; }
  bool isBounded() const override { return bounded_; }
  // SOURCE_WATERMARK(): the table's watermarks are the `watermark` elements of its data, which
  // the source emits in place whether asked or not (as Flink's TestValuesTableFactory source).
  bool supportsSourceWatermark() const override { return true; }
  bool supportsProjectionPushDown() const override { return true; }
  void applyProjection(const std::vector<int>& physical_fields, const types::LogicalType& produced_type) override {
    fields_ = physical_fields;
    produced_type_ = produced_type;
  }
  bool supportsFilterPushDown() const override { return !filterable_fields_.empty(); }
  FilterPushDownResult applyFilters(std::vector<BoundExprPtr> filters) override {
    FilterPushDownResult result;
    for (BoundExprPtr& filter : filters) {
      const bool accepted = valuesSourceAcceptsFilter(*filter, physical_type_, filterable_fields_);
      if (accepted) filters_.push_back(binder::copyOf(*filter));
      (accepted ? result.accepted : result.remaining).push_back(std::move(filter));
    }
    return result;
  }

  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override {
    // The accepted filters as one condition, an AND of several.
    std::vector<BoundExprPtr> operands;
    for (const BoundExprPtr& accepted : filters_) operands.push_back(binder::copyOf(*accepted));
    std::shared_ptr<const BoundExpr> filter;
    if (operands.size() == 1) filter = std::move(operands[0]);
    if (operands.size() > 1) {
      filter = BoundExpr::call(BuiltInFunction::kAnd, types::DataTypes::BOOLEAN(), std::move(operands), {});
    }
    auto factory = [id = data_id_, physical = physical_type_, fields = fields_, produced = produced_type_,
                    mode = mode_, bounded = bounded_, filter] {
      return std::make_unique<ValuesSourceOperator>(id, physical, fields, produced, mode, bounded,
                                                    filter ? binder::copyOf(*filter) : nullptr);
    };
    int node = env.addNode<RowChunk>("Values", 0, factory);
    DataStream<RowChunk> stream(&env, node);
    stream.setParallelism(1);
    return stream;
  }

  std::string asSummaryString() const override { return "Values"; }

 private:
  std::string data_id_;
  types::LogicalType physical_type_;
  std::vector<int> fields_;
  types::LogicalType produced_type_;
  ChangelogMode mode_;
  bool bounded_;
  std::set<std::string> filterable_fields_;
  // The filters applyFilters accepted, over the physical row.
  std::vector<BoundExprPtr> filters_;
};

// Appends what a values sink receives to ValuesData's results of its table.
class ValuesSinkFunction final : public Sink<RowChunk> {
 public:
  explicit ValuesSinkFunction(std::string table_name) : table_name_(std::move(table_name)) {}

  std::unique_ptr<SinkWriter<RowChunk>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>(table_name_);
  }

 private:
  class Writer final : public SinkWriter<RowChunk> {
   public:
    explicit Writer(std::string table_name) : table_name_(std::move(table_name)) {}
    void write(const RowChunk& chunk, int64_t) override {
      for (size_t i = 0; i < chunk.size(); ++i) ValuesData::appendResult(table_name_, chunk.batch->getRow(i).toString());
    }

   private:
    std::string table_name_;
  };

  std::string table_name_;
};

// Writes into ValuesData's results of the table's object name.
class ValuesTableSink final : public DynamicTableSink {
 public:
  ValuesTableSink(std::string table_name, std::optional<ChangelogMode> mode)
      : table_name_(std::move(table_name)), mode_(mode) {}

  ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const override {
    return mode_ ? *mode_ : requested_mode;
  }
  Status consumeDataStream(DataStream<RowChunk> stream) override {
    stream.sinkTo(std::make_shared<ValuesSinkFunction>(table_name_), "Sink: " + table_name_);
    return Status::OK();
  }
  std::string asSummaryString() const override { return "Values"; }

 private:
  std::string table_name_;
  std::optional<ChangelogMode> mode_;
};

class ValuesTableFactory final : public DynamicTableSourceFactory, public DynamicTableSinkFactory {
 public:
  std::string factoryIdentifier() const override { return "values"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override {
    return {"data-id", "changelog-mode", "bounded", "sink-insert-only", "sink-changelog-mode-enforced",
            "filterable-fields"};
  }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    EDDY_ASSIGN_OR_RETURN(ChangelogMode mode, ChangelogMode::parse(optionOr(context.options(), "changelog-mode", "I")));
    EDDY_ASSIGN_OR_RETURN(bool bounded, booleanOption(context.options(), "bounded", true));
    return std::unique_ptr<ScanTableSource>(std::make_unique<ValuesTableSource>(
        optionOr(context.options(), "data-id", ""), context.physical_row_type, mode, bounded,
        parseFilterableFields(optionOr(context.options(), "filterable-fields", ""))));
  }

  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    std::optional<ChangelogMode> mode;
    auto enforced = context.options().find("sink-changelog-mode-enforced");
    if (enforced != context.options().end()) {
      EDDY_ASSIGN_OR_RETURN(mode, ChangelogMode::parse(enforced->second));
    } else {
      EDDY_ASSIGN_OR_RETURN(bool insert_only, booleanOption(context.options(), "sink-insert-only", true));
      if (insert_only) mode = ChangelogMode::insertOnly();
    }
    return std::unique_ptr<DynamicTableSink>(std::make_unique<ValuesTableSink>(context.identifier.object, mode));
  }
};

}  // namespace

void registerValuesFactories(FactoryRegistry& registry) { registry.registerFactory(std::make_shared<ValuesTableFactory>()); }

}  // namespace eddy::sql
