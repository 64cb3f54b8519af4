#include "sql/connectors/blackhole/blackhole_table_factory.h"

#include <memory>
#include <string>
#include <vector>

#include "sql/connectors/factory_helper.h"

namespace eddy::sql {
namespace {

class DiscardingSink final : public Sink<RowChunk> {
 public:
  std::unique_ptr<SinkWriter<RowChunk>> createWriter(const SinkWriterContext&) override {
    return std::make_unique<Writer>();
  }

 private:
  class Writer final : public SinkWriter<RowChunk> {
   public:
    void write(const RowChunk&, int64_t) override {}
    void writeBatch(const runtime::RecordBatch<RowChunk>&) override {}
  };
};

class BlackholeTableSink final : public DynamicTableSink {
 public:
  // What is requested but UPDATE_BEFORE, as Flink's BlackHoleSink: a discarding sink needs
  // no retractions, so aggregations in front of it emit updates alone.
  ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const override {
    ChangelogMode accepted;
    for (types::RowKind kind : {types::RowKind::INSERT, types::RowKind::UPDATE_AFTER, types::RowKind::DELETE}) {
      if (requested_mode.contains(kind)) accepted.add(kind);
    }
    return accepted;
  }
  Status consumeDataStream(DataStream<RowChunk> stream) override {
    stream.sinkTo(std::make_shared<DiscardingSink>(), "BlackHole");
    return Status::OK();
  }
  std::string asSummaryString() const override { return "BlackHole"; }
};

class BlackholeTableFactory final : public DynamicTableSinkFactory {
 public:
  std::string factoryIdentifier() const override { return "blackhole"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override { return {}; }

  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    return std::unique_ptr<DynamicTableSink>(std::make_unique<BlackholeTableSink>());
  }
};

}  // namespace

void registerBlackholeFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<BlackholeTableFactory>());
}

}  // namespace eddy::sql
