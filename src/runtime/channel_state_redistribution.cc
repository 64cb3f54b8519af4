#include "runtime/channel_state_redistribution.h"

#include <memory>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "eddy/common/check.h"
#include "runtime/channel_state_serializer.h"

namespace eddy::runtime {

namespace {

// Keeps what a network output sends to one new subtask, as channel state bytes.
class ChannelStateCollector final : public ChannelWriter {
 public:
  explicit ChannelStateCollector(const BatchSerializer& serializer) : serializer_(serializer) {}

  void push(ChannelElement element) override { writeChannelElement(element, serializer_, data_); }

  std::string take() {
    std::string data = data_.buffer();
    data_.clear();
    return data;
  }

 private:
  const BatchSerializer& serializer_;
  types::DataOutputSerializer data_;
};

// The edge's network output at the new parallelism, writing into one collector per subtask.
struct EdgeRouter {
  std::vector<std::unique_ptr<ChannelStateCollector>> collectors;
  std::unique_ptr<OutputBase> output;
};

// One redistribution: walks the old subtasks' channels in order and appends each one's data
// to the new subtasks it goes to.
class Redistribution {
 public:
  Redistribution(const OperatorState& old, const ChannelStateRescaling& rescaling)
      : old_(old), rescaling_(rescaling), out_(static_cast<size_t>(rescaling.parallelism)) {
    std::vector<InputEdgeShape> now;
    for (const ChannelStateInputEdge& in : rescaling.edges) {
      before_.push_back(in.before);
      now.push_back(in.now);
    }
    for (int j = 0; j < rescaling.parallelism; ++j) {
      new_channels_.push_back(inputChannelsOf(now, j, rescaling.parallelism));
    }
    routers_.resize(rescaling.edges.size());
    next_round_robin_.assign(rescaling.edges.size(), 0);
  }

  Result<std::vector<std::vector<InputChannelState>>> run() && {
    for (const auto& [subtask, part] : old_.subtasks) {
      if (part.input_channel_state.empty()) continue;
      const std::vector<InputChannelSource> channels = inputChannelsOf(before_, subtask, old_.parallelism);
      for (const InputChannelState& state : part.input_channel_state) {
        EDDY_RETURN_IF_ERROR(redistribute(subtask, channels, state));
      }
    }
    return std::move(out_);
  }

 private:
  Status redistribute(int subtask, const std::vector<InputChannelSource>& channels, const InputChannelState& state) {
    const size_t c = static_cast<size_t>(state.channel);
    if (state.channel < 0 || c >= channels.size() ||
        rescaling_.edges[static_cast<size_t>(channels[c].edge)].edge->target_input != state.input) {
      return InvalidArgument(fmt::format("subtask {} holds in-flight data of its input channel {} (input {}), which "
                                         "its inputs no longer have",
                                         subtask, state.channel, state.input));
    }
    const InputChannelSource source = channels[c];
    const ChannelStateInputEdge& in = rescaling_.edges[static_cast<size_t>(source.edge)];
    if (in.before.partitioner == in.now.partitioner && in.before.producers == in.now.producers &&
        old_.parallelism == rescaling_.parallelism) {
      add(subtask, source, std::string(state.data));
      return Status::OK();
    }
    if (!in.edge->batch_serializer) {
      return InvalidArgument(fmt::format("input {} can no longer read the in-flight data of channel {}", state.input,
                                         state.channel));
    }
    EDDY_ASSIGN_OR_RETURN(std::vector<ChannelElement> elements,
                          readChannelElements(state.data, *in.edge->batch_serializer));
    switch (in.now.partitioner) {
      case PartitionerKind::kKeyGroup:
      case PartitionerKind::kGlobal:
        return route(source, elements);
      case PartitionerKind::kBroadcast: {
        const std::string records = recordsOf(elements, *in.edge->batch_serializer);
        for (int j = subtask; j < rescaling_.parallelism; j += old_.parallelism) add(j, source, records);
        return Status::OK();
      }
      case PartitionerKind::kForward:
      case PartitionerKind::kRescale:
      case PartitionerKind::kRebalance:
      case PartitionerKind::kShuffle:
        break;
    }
    size_t& next = next_round_robin_[static_cast<size_t>(source.edge)];
    add(static_cast<int>(next++ % out_.size()), source, recordsOf(elements, *in.edge->batch_serializer));
    return Status::OK();
  }

  // Sends each record where the edge's network output sends it at the new parallelism.
  Status route(const InputChannelSource& source, std::vector<ChannelElement>& elements) {
    const StreamEdge& edge = *rescaling_.edges[static_cast<size_t>(source.edge)].edge;
    if (!edge.emit_batch || !edge.make_network_output) {
      return InvalidArgument("the edge cannot route its in-flight records to the new subtasks");
    }
    EdgeRouter& router = routers_[static_cast<size_t>(source.edge)];
    if (!router.output) {
      std::vector<ChannelWriter*> writers;
      for (size_t j = 0; j < out_.size(); ++j) {
        router.collectors.push_back(std::make_unique<ChannelStateCollector>(*edge.batch_serializer));
        writers.push_back(router.collectors.back().get());
      }
      router.output = edge.make_network_output(std::move(writers), rescaling_.max_parallelism);
    }
    for (ChannelElement& element : elements) {
      if (element.kind == ChannelElement::Kind::kBatch) edge.emit_batch(*element.batch, *router.output);
    }
    router.output->flush();
    for (size_t j = 0; j < out_.size(); ++j) {
      std::string data = router.collectors[j]->take();
      if (!data.empty()) add(static_cast<int>(j), source, std::move(data));
    }
    return Status::OK();
  }

  static std::string recordsOf(const std::vector<ChannelElement>& elements, const BatchSerializer& serializer) {
    types::DataOutputSerializer out;
    for (const ChannelElement& element : elements) {
      if (element.kind == ChannelElement::Kind::kBatch) writeChannelElement(element, serializer, out);
    }
    return out.buffer();
  }

  // Appends `data` to new subtask `j`'s channel from the same producer of the same edge, or
  // (the producers changed) its first channel of that edge.
  void add(int j, const InputChannelSource& source, std::string data) {
    if (data.empty()) return;
    const std::vector<InputChannelSource>& channels = new_channels_[static_cast<size_t>(j)];
    int channel = -1;
    for (size_t c = 0; c < channels.size(); ++c) {
      if (channels[c].edge != source.edge) continue;
      if (channel < 0 || channels[c].producer == source.producer) channel = static_cast<int>(c);
      if (channels[c].producer == source.producer) break;
    }
    // Every consumer subtask has a channel of every edge (connected() covers all of them).
    EDDY_CHECK_GE(channel, 0);
    const int input = rescaling_.edges[static_cast<size_t>(source.edge)].edge->target_input;
    out_[static_cast<size_t>(j)].push_back(InputChannelState{input, channel, std::move(data)});
  }

  const OperatorState& old_;
  const ChannelStateRescaling& rescaling_;
  std::vector<InputEdgeShape> before_;
  std::vector<std::vector<InputChannelSource>> new_channels_;
  std::vector<EdgeRouter> routers_;
  std::vector<size_t> next_round_robin_;
  std::vector<std::vector<InputChannelState>> out_;
};

}  // namespace

Result<std::vector<std::vector<InputChannelState>>> redistributeInputChannelState(
    const OperatorState& old, const ChannelStateRescaling& rescaling) {
  return Redistribution(old, rescaling).run();
}

}  // namespace eddy::runtime
