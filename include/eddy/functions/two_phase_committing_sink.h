#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/functions/committer.h"
#include "eddy/functions/simple_versioned_serializer.h"
#include "eddy/functions/sink.h"
#include "eddy/runtime/processing_time_service.h"

namespace eddy {

// What a two-phase-committing sink's writer gets where it runs (Flink's Sink.InitContext):
// its place among the parallel instances and the task's processing time, whose timer
// callbacks run in the task thread between batches.
struct PrecommittingSinkWriterContext {
  int subtask_index = 0;
  int parallelism = 1;
  runtime::ProcessingTimeService* processing_time = nullptr;
};

// The writer of a TwoPhaseCommittingSink (Flink's PrecommittingSinkWriter and
// StatefulSinkWriter in one). Lifecycle, all in the sink's task thread:
//
//   create or restore → (write | writeBatch)* → on each checkpoint barrier:
//     prepareCommit() → snapshotState(id) → ... → at end of input: flush(true) → prepareCommit()
//
// prepareCommit() closes what must become visible with the checkpoint (the first phase)
// and hands it over as committables; they are made visible by the sink's Committer once
// the checkpoint completed. snapshotState() returns what the writer needs to continue after
// a failover from this checkpoint (e.g. in-progress files and their lengths). Errors from
// write() are thrown and fail the job naming the sink.
template <typename T, typename CommT, typename WriterStateT>
class PrecommittingSinkWriter : public SinkWriter<T> {
 public:
  virtual Result<std::vector<CommT>> prepareCommit() = 0;
  virtual Result<std::vector<WriterStateT>> snapshotState(int64_t checkpoint_id) = 0;
};

// A sink that writes exactly once through a two-phase commit (Flink's
// TwoPhaseCommittingSink with StatefulSink): a writer per parallel instance pre-commits on
// every checkpoint barrier; the committables go into the checkpoint and are committed when
// it completes, or after a failover from it. Run it with
// operators::CommittingSinkOperator. Shared by the sink's instances: create*() may be
// called from several task threads and must not change the sink.
template <typename T, typename CommT, typename WriterStateT>
class TwoPhaseCommittingSink {
 public:
  using Writer = PrecommittingSinkWriter<T, CommT, WriterStateT>;

  virtual ~TwoPhaseCommittingSink() = default;
  virtual Result<std::unique_ptr<Writer>> createWriter(const PrecommittingSinkWriterContext& context) = 0;
  // A writer continuing from `states`: those of the instance it replaces, or, after a
  // change of parallelism, any share of all instances' states (possibly none).
  virtual Result<std::unique_ptr<Writer>> restoreWriter(const PrecommittingSinkWriterContext& context,
                                                        const std::vector<WriterStateT>& states) = 0;
  virtual Result<std::unique_ptr<Committer<CommT>>> createCommitter() = 0;
  virtual const SimpleVersionedSerializer<CommT>& getCommittableSerializer() const = 0;
  virtual const SimpleVersionedSerializer<WriterStateT>& getWriterStateSerializer() const = 0;
};

// The TwoPhaseCommittingSink base of a sink class (for overloads that take any such sink).
template <typename T, typename CommT, typename WriterStateT>
TwoPhaseCommittingSink<T, CommT, WriterStateT>* twoPhaseCommittingBase(TwoPhaseCommittingSink<T, CommT, WriterStateT>* sink) {
  return sink;
}

}  // namespace eddy
