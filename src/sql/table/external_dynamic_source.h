#pragma once

#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/types/row.h"
#include "sql/connectors/dynamic_table.h"

namespace eddy::table {

// The DataStreams a StreamTableEnvironment reads as tables, by the id in their table's
// 'datastream.id' option. Owned by the environment; read while planning.
using DataStreamRegistry = std::map<std::string, DataStream<types::Row>>;

// Reads a DataStream<Row> as a table (Flink's ExternalDynamicSource behind fromDataStream
// and fromChangelogStream): an InputConversionOperator after the stream, its changelog mode
// the table's 'changelog-mode' option ("I" for fromDataStream), the record timestamps
// readable as the metadata key "rowtime" (TIMESTAMP_LTZ(3)), the stream's watermarks passed
// on for a table declared with SOURCE_WATERMARK() (Flink's SupportsSourceWatermark). The
// stream belongs to one StreamExecutionEnvironment, so the source can only be added to that
// one.
class ExternalDynamicSource final : public sql::ScanTableSource {
 public:
  ExternalDynamicSource(DataStream<types::Row> stream, types::LogicalType physical_type, sql::ChangelogMode mode)
      : stream_(std::move(stream)), produced_type_(std::move(physical_type)), mode_(mode) {}

  sql::ChangelogMode getChangelogMode() const override { return mode_; }
  // A DataStream may end or not; the job it belongs to runs it either way.
  bool isBounded() const override { return false; }
  std::vector<std::pair<std::string, types::LogicalType>> listReadableMetadata() const override;
  void applyReadableMetadata(const std::vector<std::string>& metadata_keys, const types::LogicalType& produced_type) override;
  bool supportsSourceWatermark() const override { return true; }
  void applySourceWatermark() override { propagate_watermark_ = true; }
  Result<DataStream<sql::RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override;
  std::string asSummaryString() const override { return "DataStream"; }

 private:
  DataStream<types::Row> stream_;
  types::LogicalType produced_type_;
  sql::ChangelogMode mode_;
  bool append_rowtime_ = false;
  bool propagate_watermark_ = false;
};

// Creates the ExternalDynamicSource of a table registered by a StreamTableEnvironment:
// connector 'datastream', the stream's id in 'datastream.id'. Holds the environment's
// registry, which must outlive it.
class ExternalDynamicSourceFactory final : public sql::DynamicTableSourceFactory {
 public:
  static constexpr const char* kIdentifier = "datastream";

  explicit ExternalDynamicSourceFactory(const DataStreamRegistry* streams) : streams_(streams) {}

  std::string factoryIdentifier() const override { return kIdentifier; }
  std::vector<std::string> requiredOptions() const override { return {"datastream.id", "changelog-mode"}; }
  std::vector<std::string> optionalOptions() const override { return {}; }
  Result<std::unique_ptr<sql::ScanTableSource>> createDynamicTableSource(
      const sql::DynamicTableContext& context) const override;

 private:
  const DataStreamRegistry* streams_;
};

}  // namespace eddy::table
