#include "sql/connectors/nexmark/nexmark_row_source.h"

#include <fmt/format.h>

#include <charconv>
#include <chrono>
#include <utility>

#include "eddy/connectors/nexmark/nexmark_generator.h"
#include "eddy/types/data_types.h"
#include "sql/expression/vector_ops.h"

namespace eddy::sql {

namespace {

using connectors::nexmark::GeneratorConfig;
using connectors::nexmark::GeneratorTables;
using connectors::nexmark::NexmarkConfiguration;
using connectors::nexmark::NexmarkEvent;
using connectors::nexmark::NexmarkGenerator;
using types::ColumnVector;
using types::DataTypes;

int64_t nowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A split's checkpointed form: what rebuilds its generator at the same position.
struct SplitState {
  int64_t base_time = 0;
  int64_t first_event_id = 0;
  int64_t max_events = 0;
  int64_t stop_at_event = -1;
  int64_t num_event_generators = 1;
  int64_t events_count_so_far = 0;

  std::string serialize() const {
    return fmt::format("{},{},{},{},{},{}", base_time, first_event_id, max_events, stop_at_event, num_event_generators,
                       events_count_so_far);
  }
  static Result<SplitState> parse(std::string_view text) {
    int64_t fields[6];
    const char* p = text.data();
    const char* end = text.data() + text.size();
    for (int i = 0; i < 6; ++i) {
      auto [next, ec] = std::from_chars(p, end, fields[i]);
      if (ec != std::errc() || (i < 5 && (next == end || *next != ','))) {
        return InvalidArgument(fmt::format("Malformed Nexmark split state '{}'", text));
      }
      p = next + 1;
    }
    return SplitState{fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]};
  }
};

// Appends one event as a row of nexmarkRowType(): the kind, then the matching ROW with
// its fields and the other two ROWs null.
class EventRowWriter {
 public:
  explicit EventRowWriter(types::ColumnBatch& batch)
      : type_(batch.column(0)), person_(batch.column(1)), auction_(batch.column(2)), bid_(batch.column(3)) {}

  void append(const NexmarkEvent& event) {
    type_.append<int32_t>(event.type);
    if (event.type == NexmarkEvent::kPerson) {
      const auto& p = event.person;
      person_.child(0).append<int64_t>(p.id);
      person_.child(1).appendString(p.name);
      person_.child(2).appendString(p.email_address);
      person_.child(3).appendString(p.credit_card);
      person_.child(4).appendString(p.city);
      person_.child(5).appendString(p.state);
      person_.child(6).append<int64_t>(p.date_time);
      person_.child(7).appendString(p.extra);
      vector_ops::endRowEntry(person_);
    } else {
      person_.appendNull();
    }
    if (event.type == NexmarkEvent::kAuction) {
      const auto& a = event.auction;
      auction_.child(0).append<int64_t>(a.id);
      auction_.child(1).appendString(a.item_name);
      auction_.child(2).appendString(a.description);
      auction_.child(3).append<int64_t>(a.initial_bid);
      auction_.child(4).append<int64_t>(a.reserve);
      auction_.child(5).append<int64_t>(a.date_time);
      auction_.child(6).append<int64_t>(a.expires);
      auction_.child(7).append<int64_t>(a.seller);
      auction_.child(8).append<int64_t>(a.category);
      auction_.child(9).appendString(a.extra);
      vector_ops::endRowEntry(auction_);
    } else {
      auction_.appendNull();
    }
    if (event.type == NexmarkEvent::kBid) {
      const auto& b = event.bid;
      bid_.child(0).append<int64_t>(b.auction);
      bid_.child(1).append<int64_t>(b.bidder);
      bid_.child(2).append<int64_t>(b.price);
      bid_.child(3).appendString(b.channel);
      bid_.child(4).appendString(b.url);
      bid_.child(5).append<int64_t>(b.date_time);
      bid_.child(6).appendString(b.extra);
      vector_ops::endRowEntry(bid_);
    } else {
      bid_.appendNull();
    }
  }

 private:
  ColumnVector& type_;
  ColumnVector& person_;
  ColumnVector& auction_;
  ColumnVector& bid_;
};

// Reads its generators round-robin, a chunk of each in turn.
class NexmarkRowReader final : public SourceReader<RowChunk> {
 public:
  NexmarkRowReader(std::vector<NexmarkGenerator> generators, std::vector<SplitState> states, bool max_emit_speed)
      : row_type_(nexmarkRowType()),
        generators_(std::move(generators)),
        states_(std::move(states)),
        max_emit_speed_(max_emit_speed) {}

  InputStatus pollNext(runtime::RecordBatch<RowChunk>& out) override {
    if (wallclock_base_ < 0) wallclock_base_ = nowMillis();
    const int64_t now = max_emit_speed_ ? 0 : nowMillis();
    bool any_left = false;
    for (size_t tried = 0; tried < generators_.size() && out.empty(); ++tried) {
      NexmarkGenerator& generator = generators_[next_++ % generators_.size()];
      any_left = any_left || generator.hasNext();
      if (!generator.hasNext()) continue;
      // A chunk is immutable once emitted, so every chunk gets its own batch.
      auto batch = std::make_shared<types::ColumnBatch>(row_type_);
      batch->reserve(kRowChunkSize);
      EventRowWriter writer(*batch);
      while (generator.hasNext() && batch->size() < kRowChunkSize) {
        if (!max_emit_speed_ &&
            wallclock_base_ + (generator.nextEventTimestamp() - generator.config().baseTime()) > now) {
          break;
        }
        generator.nextEvent(event_);
        writer.append(event_);
        batch->appendRowKind(types::RowKind::INSERT);
      }
      if (batch->size() > 0) out.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
    }
    if (!out.empty()) return InputStatus::kMoreAvailable;
    return any_left ? InputStatus::kNothingAvailable : InputStatus::kEndOfInput;
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override {
    std::vector<std::string> splits;
    for (size_t i = 0; i < generators_.size(); ++i) {
      if (!generators_[i].hasNext()) continue;
      SplitState state = states_[i];
      state.events_count_so_far = generators_[i].eventsCountSoFar();
      splits.push_back(state.serialize());
    }
    return splits;
  }

 private:
  types::LogicalType row_type_;
  std::vector<NexmarkGenerator> generators_;
  std::vector<SplitState> states_;
  bool max_emit_speed_;
  size_t next_ = 0;
  int64_t wallclock_base_ = -1;
  NexmarkEvent event_;
};

std::unique_ptr<SourceReader<RowChunk>> makeReader(const NexmarkConfiguration& configuration,
                                                   std::vector<SplitState> states) {
  auto tables = GeneratorTables::create(configuration.seed);
  std::vector<NexmarkGenerator> generators;
  for (const SplitState& state : states) {
    NexmarkConfiguration conf = configuration;
    conf.num_event_generators = static_cast<int>(state.num_event_generators);
    GeneratorConfig config(conf, state.base_time, state.first_event_id, state.max_events, state.stop_at_event, 1);
    generators.emplace_back(config, tables, state.events_count_so_far);
  }
  return std::make_unique<NexmarkRowReader>(std::move(generators), std::move(states), configuration.max_emit_speed);
}

}  // namespace

types::LogicalType nexmarkRowType() {
  using F = types::RowField;
  const auto ts = [] { return DataTypes::TIMESTAMP(3); };
  return DataTypes::ROW(std::vector<F>{
      DataTypes::FIELD("event_type", DataTypes::INT()),
      DataTypes::FIELD("person", DataTypes::ROW(std::vector<F>{
                                     DataTypes::FIELD("id", DataTypes::BIGINT()),
                                     DataTypes::FIELD("name", DataTypes::STRING()),
                                     DataTypes::FIELD("emailAddress", DataTypes::STRING()),
                                     DataTypes::FIELD("creditCard", DataTypes::STRING()),
                                     DataTypes::FIELD("city", DataTypes::STRING()),
                                     DataTypes::FIELD("state", DataTypes::STRING()),
                                     DataTypes::FIELD("dateTime", ts()),
                                     DataTypes::FIELD("extra", DataTypes::STRING()),
                                 })),
      DataTypes::FIELD("auction", DataTypes::ROW(std::vector<F>{
                                      DataTypes::FIELD("id", DataTypes::BIGINT()),
                                      DataTypes::FIELD("itemName", DataTypes::STRING()),
                                      DataTypes::FIELD("description", DataTypes::STRING()),
                                      DataTypes::FIELD("initialBid", DataTypes::BIGINT()),
                                      DataTypes::FIELD("reserve", DataTypes::BIGINT()),
                                      DataTypes::FIELD("dateTime", ts()),
                                      DataTypes::FIELD("expires", ts()),
                                      DataTypes::FIELD("seller", DataTypes::BIGINT()),
                                      DataTypes::FIELD("category", DataTypes::BIGINT()),
                                      DataTypes::FIELD("extra", DataTypes::STRING()),
                                  })),
      DataTypes::FIELD("bid", DataTypes::ROW(std::vector<F>{
                                  DataTypes::FIELD("auction", DataTypes::BIGINT()),
                                  DataTypes::FIELD("bidder", DataTypes::BIGINT()),
                                  DataTypes::FIELD("price", DataTypes::BIGINT()),
                                  DataTypes::FIELD("channel", DataTypes::STRING()),
                                  DataTypes::FIELD("url", DataTypes::STRING()),
                                  DataTypes::FIELD("dateTime", ts()),
                                  DataTypes::FIELD("extra", DataTypes::STRING()),
                              })),
  });
}

NexmarkRowSource::NexmarkRowSource(NexmarkConfiguration configuration)
    : configuration_(configuration), base_time_(configuration.base_time >= 0 ? configuration.base_time : nowMillis()) {}

Boundedness NexmarkRowSource::getBoundedness() const {
  const bool ends = configuration_.num_events > 0 || configuration_.stop_at_event >= 0;
  return ends && !configuration_.keep_alive ? Boundedness::kBounded : Boundedness::kContinuousUnbounded;
}

std::unique_ptr<SourceReader<RowChunk>> NexmarkRowSource::createReader(const SourceReaderContext& context) {
  // The reference's table factory: one generator per parallel instance, first event id 1,
  // first event number 1; the rate is shared, so each generator's events are further apart.
  NexmarkConfiguration conf = configuration_;
  conf.num_event_generators = context.parallelism;
  GeneratorConfig whole(conf, base_time_, 1, conf.num_events, conf.stop_at_event, 1);
  const GeneratorConfig& mine = whole.split(context.parallelism)[static_cast<size_t>(context.subtask_index)];
  const int64_t stop_at = conf.stop_at_event < 0 ? -1 : mine.stopAtEvent();
  SplitState state{base_time_, mine.firstEventId(), mine.maxEvents(), stop_at, context.parallelism, 0};
  return makeReader(configuration_, {state});
}

Result<std::unique_ptr<SourceReader<RowChunk>>> NexmarkRowSource::restoreReader(
    const SourceReaderContext&, const std::vector<std::string>& splits) {
  std::vector<SplitState> states;
  for (const std::string& split : splits) {
    EDDY_ASSIGN_OR_RETURN(SplitState state, SplitState::parse(split));
    states.push_back(state);
  }
  return makeReader(configuration_, std::move(states));
}

}  // namespace eddy::sql
