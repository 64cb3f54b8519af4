// Which restores of an unaligned checkpoint's in-flight data the new job graph refuses: an
// operator that no longer reads channels, and channels whose layout the checkpoint leaves
// open; and which subtasks get the data when an edge's partitioner was picked by parallelism.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "runtime/channel_state_restore.h"
#include "runtime/channel_state_serializer.h"

namespace eddy::runtime {
namespace {

StreamNode nodeOf(int id, std::string uid, int parallelism) {
  StreamNode node;
  node.id = id;
  node.name = uid;
  node.uid = std::move(uid);
  node.parallelism = parallelism;
  return node;
}

StreamEdge edgeOf(int source, int target, PartitionerKind partitioner, int target_input = 0) {
  StreamEdge edge;
  edge.source_id = source;
  edge.target_id = target;
  edge.target_input = target_input;
  edge.partitioner = partitioner;
  return edge;
}

// A checkpoint in which operator uid ran at the given parallelism; `with_data` operators'
// subtask 0 holds in-flight data of its input 0's channel 0.
CompletedCheckpoint checkpointOf(const std::vector<std::pair<std::string, int>>& parallelism_by_uid,
                                 const std::string& with_data) {
  CompletedCheckpoint checkpoint;
  checkpoint.checkpoint_id = 7;
  for (const auto& [uid, parallelism] : parallelism_by_uid) {
    OperatorState& op = checkpoint.operators[uid];
    op.parallelism = parallelism;
    if (uid == with_data) op.subtasks[0].input_channel_state.push_back(InputChannelState{0, 0, "x"});
  }
  return checkpoint;
}

TEST(ChannelStateRestoreTest, AnOperatorWithInFlightDataThatIsNowChainedFailsTheRestore) {
  // Checkpointed at source 1 → rebalance → map 2; now both at 1, forward and chained.
  StreamGraph graph;
  graph.nodes = {nodeOf(0, "source", 1), nodeOf(1, "map", 1)};
  graph.edges = {edgeOf(0, 1, PartitionerKind::kForward)};
  auto job = buildJobGraph(graph);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  const CompletedCheckpoint checkpoint = checkpointOf({{"source", 1}, {"map", 2}}, "map");
  EXPECT_EQ(checkChannelStateRestorable(checkpoint, graph, *job),
            NotSupported("Cannot restore unaligned checkpoint 7: operator map holds in-flight data of its input "
                         "channels, but the new job chains it to its input at parallelism 1. Restore it at the old "
                         "parallelism, or disable chaining of the operator."));
  EXPECT_TRUE(checkChannelStateRestorable(checkpointOf({{"source", 1}, {"map", 2}}, ""), graph, *job).ok());
}

TEST(ChannelStateRestoreTest, AnEdgeThatWasForwardOrRebalanceBeforeAnotherInputFailsTheRestore) {
  // Now: a (1) and b (2) → join (2), a's edge rebalance; checkpointed with a at 2, when the
  // graph would have picked forward for it.
  StreamGraph graph;
  graph.nodes = {nodeOf(0, "a", 1), nodeOf(1, "b", 2), nodeOf(2, "join", 2)};
  graph.edges = {edgeOf(0, 2, PartitionerKind::kRebalance, 0), edgeOf(1, 2, PartitionerKind::kRebalance, 1)};
  auto job = buildJobGraph(graph);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  const CompletedCheckpoint checkpoint = checkpointOf({{"a", 2}, {"b", 2}, {"join", 2}}, "join");
  EXPECT_EQ(restoredChannelState(checkpoint, graph, *job, job->vertices[2]).status(),
            NotSupported("Cannot restore unaligned checkpoint 7 at the new parallelism: its in-flight data of task "
                         "'join' does not tell whether the channels of edge 'a' -> 'join' were forward or rebalance "
                         "(the graph chose its partitioner by the parallelism). Restore it at the old parallelism, "
                         "or set the edge's partitioner explicitly."));
}

// Channel state of one batch of `values` (timestamps 0), then watermark 9 if `watermark`.
std::string dataOf(const std::vector<int64_t>& values, bool watermark) {
  const RecordBatchSerializer<int64_t> serializer;
  types::DataOutputSerializer out;
  ChannelElement batch;
  auto records = std::make_unique<RecordBatch<int64_t>>();
  for (int64_t v : values) records->add(v, 0);
  batch.batch = std::move(records);
  writeChannelElement(batch, serializer, out);
  if (watermark) {
    ChannelElement element;
    element.kind = ChannelElement::Kind::kWatermark;
    element.watermark = 9;
    writeChannelElement(element, serializer, out);
  }
  return out.buffer();
}

TEST(ChannelStateRestoreTest, AForwardEdgeBetweenEndsThatDifferedWasRebalance) {
  // Checkpointed at source 2 → rebalance → map 1; now both at 2, forward (unchained). The
  // old map's channel index 1 was the one from source 1 (pointwise, it would not exist); its
  // records go round robin, to new subtask 0's only channel, without the watermark.
  StreamGraph graph;
  graph.chaining_enabled = false;
  graph.nodes = {nodeOf(0, "source", 2), nodeOf(1, "map", 2)};
  graph.edges = {edgeOf(0, 1, PartitionerKind::kForward)};
  graph.edges[0].batch_serializer = std::make_shared<RecordBatchSerializer<int64_t>>();
  auto job = buildJobGraph(graph);
  ASSERT_TRUE(job.ok()) << job.status().toString();
  CompletedCheckpoint checkpoint = checkpointOf({{"source", 2}, {"map", 1}}, "");
  checkpoint.operators["map"].subtasks[0].input_channel_state = {InputChannelState{0, 1, dataOf({5, 6}, true)}};
  auto restored = restoredChannelState(checkpoint, graph, *job, job->vertices[1]);
  ASSERT_TRUE(restored.ok()) << restored.status().toString();
  EXPECT_EQ(*restored,
            (std::vector<std::vector<InputChannelState>>{{InputChannelState{0, 0, dataOf({5, 6}, false)}}, {}}));
}

}  // namespace
}  // namespace eddy::runtime
