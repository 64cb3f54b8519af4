#include "sql/connectors/print/print_table_factory.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/connectors/print_sink.h"
#include "sql/connectors/factory_helper.h"

namespace eddy::sql {
namespace {

// Prints rows as Flink's RowDataPrintFunction: one line per row, its RowKind first.
class PrintRowsSink final : public Sink<RowChunk> {
 public:
  PrintRowsSink(std::string identifier, bool to_stderr) : identifier_(std::move(identifier)), to_stderr_(to_stderr) {}

  std::unique_ptr<SinkWriter<RowChunk>> createWriter(const SinkWriterContext& context) override {
    std::string prefix = identifier_;
    if (context.parallelism > 1) prefix += (prefix.empty() ? "" : ":") + std::to_string(context.subtask_index + 1);
    if (!prefix.empty()) prefix += "> ";
    return std::make_unique<Writer>(std::move(prefix), to_stderr_);
  }

 private:
  class Writer final : public SinkWriter<RowChunk> {
   public:
    Writer(std::string prefix, bool to_stderr) : prefix_(std::move(prefix)), to_stderr_(to_stderr) {}
    void write(const RowChunk& chunk, int64_t) override {
      text_.clear();
      for (size_t i = 0; i < chunk.size(); ++i) {
        text_ += prefix_;
        chunk.batch->getRow(i).appendTo(text_);
        text_ += '\n';
      }
      connectors::writePrintLines(text_, to_stderr_);
    }

   private:
    std::string prefix_;
    bool to_stderr_;
    std::string text_;
  };

  std::string identifier_;
  bool to_stderr_;
};

class PrintTableSink final : public DynamicTableSink {
 public:
  PrintTableSink(std::string identifier, bool to_stderr, std::optional<int> parallelism)
      : identifier_(std::move(identifier)), to_stderr_(to_stderr), parallelism_(parallelism) {}

  ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const override { return requested_mode; }
  Status consumeDataStream(DataStream<RowChunk> stream) override {
    stream.sinkTo(std::make_shared<PrintRowsSink>(identifier_, to_stderr_), "Print to Std. Out");
    if (parallelism_) {
      // sinkTo returns the input stream; the sink is the node added last.
      stream.getExecutionEnvironment()->graph().nodes.back().parallelism = *parallelism_;
    }
    return Status::OK();
  }
  std::string asSummaryString() const override { return "Print to " + std::string(to_stderr_ ? "System.err" : "System.out"); }

 private:
  std::string identifier_;
  bool to_stderr_;
  std::optional<int> parallelism_;
};

class PrintTableFactory final : public DynamicTableSinkFactory {
 public:
  std::string factoryIdentifier() const override { return "print"; }
  std::vector<std::string> requiredOptions() const override { return {}; }
  std::vector<std::string> optionalOptions() const override {
    return {"print-identifier", "standard-error", "sink.parallelism"};
  }

  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_RETURN_IF_ERROR(validateFactoryOptions(*this, context.options()));
    EDDY_ASSIGN_OR_RETURN(bool to_stderr, booleanOption(context.options(), "standard-error", false));
    std::optional<int> parallelism;
    auto it = context.options().find("sink.parallelism");
    if (it != context.options().end()) {
      try {
        parallelism = std::stoi(it->second);
      } catch (const std::exception&) {
        return InvalidArgument("Could not parse value '" + it->second + "' for key 'sink.parallelism'.");
      }
    }
    return std::unique_ptr<DynamicTableSink>(
        std::make_unique<PrintTableSink>(optionOr(context.options(), "print-identifier", ""), to_stderr, parallelism));
  }
};

}  // namespace

void registerPrintFactories(FactoryRegistry& registry) { registry.registerFactory(std::make_shared<PrintTableFactory>()); }

}  // namespace eddy::sql
