#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "eddy/connectors/nexmark/nexmark_configuration.h"
#include "eddy/functions/source.h"
#include "eddy/types/logical_type.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The reference's nexmark table schema (NexmarkTableSource.NEXMARK_SCHEMA): event_type INT
// (0 person, 1 auction, 2 bid) and one nullable ROW per kind, set for events of that kind.
types::LogicalType nexmarkRowType();

// The DataStream source of a `nexmark` table (the reference's NexmarkTableSource): the
// event space is split into one generator per parallel reader as the reference's
// NexmarkSource splits it (GeneratorConfig::split), and each reader turns its events into
// RowChunks of up to kRowChunkSize INSERT rows of nexmarkRowType(), writing the fields
// straight into the chunk's columns. A reader's position (events emitted so far) is its
// checkpointed split state. Without max-emit-speed an event waits for its wall-clock time.
// Immutable; readers run in their task threads.
class NexmarkRowSource final : public Source<RowChunk> {
 public:
  explicit NexmarkRowSource(connectors::nexmark::NexmarkConfiguration configuration);

  Boundedness getBoundedness() const override;
  std::unique_ptr<SourceReader<RowChunk>> createReader(const SourceReaderContext& context) override;
  Result<std::unique_ptr<SourceReader<RowChunk>>> restoreReader(const SourceReaderContext& context,
                                                                const std::vector<std::string>& splits) override;

 private:
  connectors::nexmark::NexmarkConfiguration configuration_;
  int64_t base_time_;
};

}  // namespace eddy::sql
