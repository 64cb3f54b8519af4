#include "eddy/connectors/nexmark/nexmark_source.h"

#include <utility>

#include "eddy/connectors/nexmark/nexmark_split.h"

namespace eddy::connectors::nexmark {

namespace {

// Reads its splits' generators round-robin, a batch of each in turn.
class NexmarkReader final : public SourceReader<NexmarkEvent> {
 public:
  NexmarkReader(const NexmarkConfiguration& configuration, std::vector<NexmarkSplit> splits)
      : generators_(configuration, std::move(splits)) {}

  InputStatus pollNext(runtime::RecordBatch<NexmarkEvent>& out) override {
    return generators_.poll([&](NexmarkGenerator& generator) {
      generators_.emitDue(generator, runtime::kDefaultBatchSize,
                          [&](const NexmarkEvent& event) { out.add(event, event.event_timestamp); });
      return !out.empty();
    });
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override { return generators_.snapshotState(); }

 private:
  NexmarkSplitGenerators generators_;
};

}  // namespace

NexmarkSource::NexmarkSource(NexmarkConfiguration configuration)
    : configuration_(configuration), base_time_(nexmarkBaseTime(configuration)) {}

Boundedness NexmarkSource::getBoundedness() const { return nexmarkBoundedness(configuration_); }

std::unique_ptr<SourceReader<NexmarkEvent>> NexmarkSource::createReader(const SourceReaderContext& context) {
  return std::make_unique<NexmarkReader>(
      configuration_, std::vector<NexmarkSplit>{NexmarkSplit::forReader(configuration_, base_time_, context)});
}

Result<std::unique_ptr<SourceReader<NexmarkEvent>>> NexmarkSource::restoreReader(
    const SourceReaderContext&, const std::vector<std::string>& splits) {
  EDDY_ASSIGN_OR_RETURN(std::vector<NexmarkSplit> restored, NexmarkSplit::parseAll(splits));
  return std::unique_ptr<SourceReader<NexmarkEvent>>(
      std::make_unique<NexmarkReader>(configuration_, std::move(restored)));
}

}  // namespace eddy::connectors::nexmark
