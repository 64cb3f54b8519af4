#pragma once

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "eddy/runtime/batch_serializer.h"
#include "eddy/runtime/channel_writer.h"
#include "eddy/runtime/checkpoint.h"
#include "eddy/runtime/checkpoint_stats.h"
#include "eddy/runtime/output.h"
#include "eddy/runtime/partitioners.h"
#include "eddy/runtime/stream_operator.h"
#include "eddy/state/rocksdb/state_backend_config.h"
#include "eddy/state/key_group_range.h"

namespace eddy::runtime {

// Whether an operator may be chained to its neighbours (Flink's ChainingStrategy):
// kAlways by default, kHead after startNewChain(), kNever after disableChaining().
enum class ChainingStrategy { kAlways, kHead, kNever };

// An operator of the job as the API declared it, before chaining and parallel expansion.
// The typed API fills in the factories; the runtime only calls them.
struct StreamNode {
  int id = 0;
  std::string name;
  std::string uid;
  int parallelism = 1;
  int max_parallelism = -1;  // -1: derived from parallelism as Flink does
  int num_inputs = 1;        // 0 for sources
  ChainingStrategy chaining = ChainingStrategy::kAlways;
  // Set for keyed operators: creates the keyed state backend of one parallel instance, of
  // the job's kind (heap or RocksDB).
  std::function<Result<std::shared_ptr<state::KeyedStateBackend>>(
      state::KeyGroupRange range, int max_parallelism, const state::StateBackendConfig& backend)>
      make_keyed_backend;
  std::function<std::unique_ptr<StreamOperator>()> operator_factory;
  // The id that maps the node's state in checkpoints: the uid if set, else one derived
  // from the node's position in the graph (stable for the same program).
  std::string operatorId() const { return uid.empty() ? "auto-" + std::to_string(id) + "-" + name : uid; }
  // An output that drops the node's main output (no consumer).
  std::function<std::unique_ptr<OutputBase>()> make_discarding_output;
};

// A connection between two nodes. The factories know the element type of this edge (the
// producer's main output, or a side output named by side_output_tag).
struct StreamEdge {
  int source_id = 0;
  int target_id = 0;
  int target_input = 0;
  PartitionerKind partitioner = PartitionerKind::kForward;
  std::string side_output_tag;  // empty: the main output
  std::function<std::unique_ptr<OutputBase>(StreamOperator* target, int input)> make_chaining_output;
  // `max_parallelism` is the target's: keyed partitioning maps keys to its key groups.
  std::function<std::unique_ptr<OutputBase>(std::vector<ChannelWriter*> channels, int max_parallelism)>
      make_network_output;
  std::function<std::unique_ptr<OutputBase>(std::vector<OutputBase*> outputs)> make_broadcasting_output;
  // Serializes the edge's batches for unaligned checkpoints; null when its type cannot be.
  std::shared_ptr<const BatchSerializer> batch_serializer;
  // Sends a batch of the edge's records (as batch_serializer reads them back) into an output
  // of make_network_output: restoring an unaligned checkpoint at another parallelism routes
  // the in-flight records to the new subtasks as the producer routes them.
  std::function<void(BatchBase& batch, OutputBase& network_output)> emit_batch;
};

// The job as declared: nodes and edges, in the order the API created them (which is a
// topological order, since a node's inputs exist before it).
struct StreamGraph {
  std::string job_name;
  std::vector<StreamNode> nodes;
  std::vector<StreamEdge> edges;
  bool chaining_enabled = true;
  int64_t auto_watermark_interval_ms = 200;
  CheckpointConfig checkpoint_config;
  RestoreSettings restore;
  RestartStrategy restart_strategy;
  // The keyed state backend of every keyed operator (state.backend.type, setStateBackend).
  state::StateBackendConfig state_backend;
  // Where the job reports its checkpoints' statistics, across restarts (set by executeLocally).
  std::shared_ptr<CheckpointStatsTracker> checkpoint_stats;

  StreamNode& node(int id) { return nodes[id]; }
  const StreamNode& node(int id) const { return nodes[id]; }
};

}  // namespace eddy::runtime
