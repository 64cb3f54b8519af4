#pragma once

#include <memory>
#include <string>
#include <vector>

#include "eddy/connectors/nexmark/nexmark_configuration.h"
#include "eddy/connectors/nexmark/nexmark_event.h"
#include "eddy/functions/source.h"

namespace eddy::connectors::nexmark {

// The Nexmark event source for the DataStream API (the reference's NexmarkSource): the
// configuration is split into one generator per parallel reader, each on its own timeline,
// and a reader's position (events emitted so far) is its checkpointed split state. Event
// timestamps are the events' times; pair it with a watermark strategy such as
// forBoundedOutOfOrderness(4 s), as the reference's DDL does.
//
//   auto source = std::make_shared<NexmarkSource>(conf);
//   env->fromSource(source, WatermarkStrategy<NexmarkEvent>::..., "Nexmark Source");
class NexmarkSource final : public Source<NexmarkEvent> {
 public:
  explicit NexmarkSource(NexmarkConfiguration configuration);

  Boundedness getBoundedness() const override;
  std::unique_ptr<SourceReader<NexmarkEvent>> createReader(const SourceReaderContext& context) override;
  Result<std::unique_ptr<SourceReader<NexmarkEvent>>> restoreReader(const SourceReaderContext& context,
                                                                   const std::vector<std::string>& splits) override;

 private:
  NexmarkConfiguration configuration_;
  int64_t base_time_;
};

}  // namespace eddy::connectors::nexmark
