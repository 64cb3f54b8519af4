#include "sql/table/external_dynamic_source.h"

#include "eddy/types/data_types.h"
#include "sql/table/conversion_operators.h"

namespace eddy::table {

namespace {
constexpr const char* kRowtimeKey = "rowtime";
}  // namespace

std::vector<std::pair<std::string, types::LogicalType>> ExternalDynamicSource::listReadableMetadata() const {
  return {{kRowtimeKey, types::DataTypes::TIMESTAMP_LTZ(3)}};
}

void ExternalDynamicSource::applyReadableMetadata(const std::vector<std::string>& metadata_keys,
                                                  const types::LogicalType& produced_type) {
  append_rowtime_ = !metadata_keys.empty();
  produced_type_ = produced_type;
}

Result<DataStream<sql::RowChunk>> ExternalDynamicSource::produceDataStream(StreamExecutionEnvironment& env) {
  if (stream_.getExecutionEnvironment() != &env) {
    return NotSupported(
        "A table that reads a DataStream runs in the DataStream's StreamExecutionEnvironment: convert the result with "
        "toDataStream or toChangelogStream (or StatementSet::attachAsDataStream) and run env.execute()");
  }
  auto factory = [type = produced_type_, rowtime = append_rowtime_, propagate = propagate_watermark_] {
    return std::make_unique<InputConversionOperator>(type, rowtime, propagate);
  };
  return stream_.transform<sql::RowChunk>("InputConversion", factory);
}

Result<std::unique_ptr<sql::ScanTableSource>> ExternalDynamicSourceFactory::createDynamicTableSource(
    const sql::DynamicTableContext& context) const {
  auto stream = streams_->find(context.options().at("datastream.id"));
  if (stream == streams_->end()) {
    return InvalidArgument("The DataStream of table '" + context.identifier.asSummaryString() +
                           "' belongs to another StreamTableEnvironment");
  }
  EDDY_ASSIGN_OR_RETURN(sql::ChangelogMode mode, sql::ChangelogMode::parse(context.options().at("changelog-mode")));
  return std::unique_ptr<sql::ScanTableSource>(
      std::make_unique<ExternalDynamicSource>(stream->second, context.physical_row_type, mode));
}

}  // namespace eddy::table
