#include "sql/connectors/nexmark/nexmark_row_source.h"

#include <utility>

#include "eddy/connectors/nexmark/nexmark_split.h"
#include "eddy/types/data_types.h"
#include "sql/expression/vector_ops.h"

namespace eddy::sql {

namespace {

using connectors::nexmark::NexmarkConfiguration;
using connectors::nexmark::NexmarkEvent;
using connectors::nexmark::NexmarkGenerator;
using connectors::nexmark::NexmarkSplit;
using connectors::nexmark::NexmarkSplitGenerators;
using types::ColumnVector;
using types::DataTypes;

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

// Reads its splits' generators round-robin, a chunk of each in turn.
class NexmarkRowReader final : public SourceReader<RowChunk> {
 public:
  NexmarkRowReader(const NexmarkConfiguration& configuration, std::vector<NexmarkSplit> splits)
      : row_type_(nexmarkRowType()), generators_(configuration, std::move(splits)) {}

  InputStatus pollNext(runtime::RecordBatch<RowChunk>& out) override {
    return generators_.poll([&](NexmarkGenerator& generator) {
      // A chunk is immutable once emitted, so every chunk gets its own batch.
      auto batch = std::make_shared<types::ColumnBatch>(row_type_);
      batch->reserve(kRowChunkSize);
      EventRowWriter writer(*batch);
      generators_.emitDue(generator, kRowChunkSize, [&](const NexmarkEvent& event) {
        writer.append(event);
        batch->appendRowKind(types::RowKind::INSERT);
      });
      if (batch->size() == 0) return false;
      out.add(RowChunk{std::move(batch)}, runtime::kNoTimestamp);
      return true;
    });
  }

  Result<std::vector<std::string>> snapshotState(int64_t) override { return generators_.snapshotState(); }

 private:
  types::LogicalType row_type_;
  NexmarkSplitGenerators generators_;
};

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
    : configuration_(configuration), base_time_(connectors::nexmark::nexmarkBaseTime(configuration)) {}

Boundedness NexmarkRowSource::getBoundedness() const { return connectors::nexmark::nexmarkBoundedness(configuration_); }

std::unique_ptr<SourceReader<RowChunk>> NexmarkRowSource::createReader(const SourceReaderContext& context) {
  // The reference's table factory splits the events as its NexmarkSource does.
  return std::make_unique<NexmarkRowReader>(
      configuration_, std::vector<NexmarkSplit>{NexmarkSplit::forReader(configuration_, base_time_, context)});
}

Result<std::unique_ptr<SourceReader<RowChunk>>> NexmarkRowSource::restoreReader(
    const SourceReaderContext&, const std::vector<std::string>& splits) {
  EDDY_ASSIGN_OR_RETURN(std::vector<NexmarkSplit> restored, NexmarkSplit::parseAll(splits));
  return std::unique_ptr<SourceReader<RowChunk>>(
      std::make_unique<NexmarkRowReader>(configuration_, std::move(restored)));
}

}  // namespace eddy::sql
