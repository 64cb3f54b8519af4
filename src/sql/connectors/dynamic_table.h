#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "eddy/api/data_stream.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "eddy/types/row.h"
#include "sql/catalog/catalog_table.h"
#include "sql/catalog/object_identifier.h"
#include "sql/connectors/changelog_mode.h"
#include "sql/connectors/lookup_options.h"
#include "sql/expression/bound_expr.h"
#include "sql/runtime/row_chunk.h"

namespace eddy::sql {

// The connector interface of the SQL layer, in Flink's shape (org.apache.flink.table.connector
// and .factories). A table's 'connector' option names a factory in the FactoryRegistry
// (factory_registry.h); the planner asks it for a ScanTableSource when the table is read and
// a DynamicTableSink when it is written. Rows travel as DataStream<RowChunk> (row_chunk.h).
//
// Lifecycle of a source, all on the planning thread:
//   factory.createDynamicTableSource(context) → [applyReadableMetadata] → [applyPartitions]
//   → [applyFilters] → [applyProjection] → getChangelogMode / isBounded
//   → produceDataStream(env)   (once per job built)
// and of a sink:
//   factory.createDynamicTableSink(context) → [applyWritableMetadata] → getChangelogMode(requested)
//   → consumeDataStream.

// What a source answers to applyFilters (Flink's SupportsFilterPushDown.Result): the
// filters it applies itself, and those the planner must still evaluate after the scan. A
// filter may be in both lists when the source applies it only in part (best effort).
struct FilterPushDownResult {
  std::vector<BoundExprPtr> accepted;
  std::vector<BoundExprPtr> remaining;
};

// A partition of a partitioned table: partition column → value, as in the path
// "dt=2024-01-01/hr=10" (Flink's partition spec, a LinkedHashMap in key order).
using PartitionSpec = std::vector<std::pair<std::string, std::string>>;

// What a factory is given to create a source or sink (Flink's DynamicTableFactory.Context).
struct DynamicTableContext {
  ObjectIdentifier identifier;
  // The resolved table: all columns (physical, computed, metadata), watermark, options.
  CatalogTable table;
  // ROW of the table's physical columns, in declaration order: what a source produces and
  // a sink consumes unless projection or metadata is applied.
  types::LogicalType physical_row_type;
  // The session configuration (SET keys, pipeline.*, table.*).
  Configuration configuration;
  bool is_temporary = false;

  const std::map<std::string, std::string>& options() const { return table.options; }
};

// A source that reads a table as a changelog stream (Flink's ScanTableSource, with the
// abilities SupportsProjectionPushDown and SupportsReadingMetadata as optional virtuals).
// Not thread-safe; one instance serves one planned query.
class ScanTableSource {
 public:
  virtual ~ScanTableSource() = default;

  // The RowKinds the stream contains, e.g. insertOnly() for an append-only source.
  virtual ChangelogMode getChangelogMode() const = 0;
  // True when the stream ends by itself (Flink's ScanRuntimeProvider#isBounded).
  virtual bool isBounded() const = 0;

  // SupportsProjectionPushDown: true when the source can produce only some physical
  // fields. applyProjection gets the indices of the physical fields to produce, in the
  // order to produce them, and the resulting ROW type.
  virtual bool supportsProjectionPushDown() const { return false; }
  virtual void applyProjection(const std::vector<int>& /*physical_fields*/,
                               const types::LogicalType& /*produced_type*/) {}

  // SupportsReadingMetadata: the metadata keys the source can append after the physical
  // fields, with their types. applyReadableMetadata gets the keys to append, in order, and
  // the produced ROW type (physical or projected fields, then the metadata fields).
  virtual std::vector<std::pair<std::string, types::LogicalType>> listReadableMetadata() const { return {}; }
  virtual void applyReadableMetadata(const std::vector<std::string>& /*metadata_keys*/,
                                     const types::LogicalType& /*produced_type*/) {}

  // SupportsWatermarkPushDown: true when the source can generate the table's watermarks
  // itself, per split (a Kafka partition), as Flink pushes WATERMARK FOR into such a source:
  // a partition read ahead of another then makes none of the other's rows late.
  // applyWatermark gets the strategy over the produced rows; called before produceDataStream.
  virtual bool supportsWatermarkPushDown() const { return false; }
  virtual void applyWatermark(WatermarkStrategy<RowChunk> /*strategy*/) {}

  // SupportsSourceWatermark: true when the source can emit watermarks of its own, for a
  // table declared with `WATERMARK FOR ts AS SOURCE_WATERMARK()` (source_watermark.h);
  // applySourceWatermark asks it to, before produceDataStream. No WatermarkAssigner runs.
  virtual bool supportsSourceWatermark() const { return false; }
  virtual void applySourceWatermark() {}

  // SupportsFilterPushDown: true when the source can apply some filters itself.
  // applyFilters gets the conjuncts (CNF, as Flink splits a WHERE) of the condition right
  // above the scan that reference physical fields only, as expressions over the physical
  // ROW type, and answers which it applies and which remain for the planner's Calc.
  virtual bool supportsFilterPushDown() const { return false; }
  virtual FilterPushDownResult applyFilters(std::vector<BoundExprPtr> filters) {
    return FilterPushDownResult{{}, std::move(filters)};
  }

  // SupportsPartitionPushDown: true when the source reads a partitioned table and can
  // read only some partitions. listPartitions gives every partition there is;
  // applyPartitions the ones to read (those the conjuncts on partition columns select).
  virtual bool supportsPartitionPushDown() const { return false; }
  virtual Result<std::vector<PartitionSpec>> listPartitions() const { return std::vector<PartitionSpec>{}; }
  virtual void applyPartitions(const std::vector<PartitionSpec>& /*remaining_partitions*/) {}

  // Adds the source's operators to `env` and returns the stream of its rows in the
  // produced type. The planner sets the returned stream's name and uid; a source that adds
  // more than one operator names the others itself.
  virtual Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) = 0;

  // A short description for EXPLAIN, e.g. "Values" (DynamicTableSource#asSummaryString).
  virtual std::string asSummaryString() const = 0;
};

// Loads every row of a lookup table into memory (Flink's FullCachingLookupProvider with the
// ScanRuntimeProvider it reads the cache through). A LookupJoin calls loadAll once per task
// when it opens, in the task thread, and indexes the rows by its lookup keys. Immutable and
// thread-safe.
class FullCachingLookupProvider {
 public:
  virtual ~FullCachingLookupProvider() = default;
  // All rows of the table, in the source's physical ROW type; an error fails the task.
  virtual Result<types::ColumnBatch> loadAll() const = 0;
};

// Finds the rows of a table that have one key (Flink's LookupFunction). One instance per
// task, used by the task thread only:
//
//   open → lookup* → close
//
// A LookupJoin calls lookup once per input key not in its cache, so an implementation may do
// I/O per call; it retries failures itself ('lookup.max-retries') and returns the error that
// is left, which fails the job.
class LookupFunction {
 public:
  virtual ~LookupFunction() = default;
  virtual Status open() = 0;
  // The rows, in the table's physical ROW type, whose key fields (LookupContext::keys, in
  // that order) equal the fields of `key_row`; empty when there are none. REQUIRES: no
  // field of `key_row` is NULL (a NULL key matches nothing and is never looked up).
  virtual Result<std::vector<types::Row>> lookup(const types::Row& key_row) = 0;
  virtual void close() = 0;
};

// Looks the table up key by key, with an optional cache per task (Flink's
// PartialCachingLookupProvider, and its LookupFunctionProvider when there is no cache:
// 'lookup.cache' = 'NONE'). Immutable and thread-safe: the parallel instances of a
// LookupJoin each create their own function.
class PartialCachingLookupProvider {
 public:
  virtual ~PartialCachingLookupProvider() = default;
  // A new, unopened function for one task.
  virtual Result<std::unique_ptr<LookupFunction>> createLookupFunction() const = 0;
  // The cache's options; nullopt for no cache (every input row is looked up).
  virtual std::optional<LookupCacheOptions> getCacheOptions() const = 0;
};

// What a LookupTableSource gives the planner: a full cache or per-key lookups.
using LookupRuntimeProvider =
    std::variant<std::shared_ptr<const FullCachingLookupProvider>, std::shared_ptr<const PartialCachingLookupProvider>>;

// What the planner tells a LookupTableSource about the join (Flink's LookupContext).
struct LookupContext {
  // The physical fields of the table the join looks up by, in the order of a lookup's key
  // row (Flink's getKeys(), one field per key: nested keys are not supported).
  std::vector<int> keys;
};

// A source whose rows can be looked up by key (Flink's LookupTableSource), provided by a
// ScanTableSource that also inherits this; the planner finds it with dynamic_cast, as Flink
// checks `instanceof LookupTableSource`. A processing-time temporal join
// (`JOIN t FOR SYSTEM_TIME AS OF l.proctime`) against such a table is planned as a
// LookupJoin; against any other source it is Flink's "Processing-time temporal join is not
// supported yet." Not thread-safe; one instance serves one planned query.
class LookupTableSource {
 public:
  virtual ~LookupTableSource() = default;
  // How the join reads the table for the keys of `context`.
  virtual Result<LookupRuntimeProvider> getLookupRuntimeProvider(const LookupContext& context) const = 0;
};

// A sink that writes a changelog stream into a table (Flink's DynamicTableSink with a
// DataStreamSinkProvider). Not thread-safe; one instance serves one planned INSERT.
class DynamicTableSink {
 public:
  virtual ~DynamicTableSink() = default;

  // The RowKinds the sink accepts, given what the query produces (Flink's
  // getChangelogMode(requestedMode)). The planner refuses a plan whose output has a kind
  // the result lacks, with Flink's message.
  virtual ChangelogMode getChangelogMode(const ChangelogMode& requested_mode) const = 0;

  // SupportsWritingMetadata: the metadata keys the sink can write, with their types.
  // applyWritableMetadata gets the keys of the table's persisted metadata columns, in order,
  // and the consumed ROW type (the physical fields, then those metadata fields).
  virtual std::vector<std::pair<std::string, types::LogicalType>> listWritableMetadata() const { return {}; }
  virtual void applyWritableMetadata(const std::vector<std::string>& /*metadata_keys*/,
                                     const types::LogicalType& /*consumed_type*/) {}

  // Adds the sink's operator(s) consuming `stream` (rows of the table's physical ROW type,
  // or the consumed type applyWritableMetadata was given).
  virtual Status consumeDataStream(DataStream<RowChunk> stream) = 0;

  // A short description for EXPLAIN, e.g. "Print".
  virtual std::string asSummaryString() const = 0;
};

// A factory of a connector, found by its identifier, the value of 'connector' (Flink's
// DynamicTableFactory). Options are declared as keys; FactoryHelper validates a table's
// options against them with Flink's messages. Implementations are stateless and
// thread-safe.
class DynamicTableFactory {
 public:
  virtual ~DynamicTableFactory() = default;
  virtual std::string factoryIdentifier() const = 0;
  virtual std::vector<std::string> requiredOptions() const = 0;
  virtual std::vector<std::string> optionalOptions() const = 0;
};

// A factory of sources (Flink's DynamicTableSourceFactory).
class DynamicTableSourceFactory : public virtual DynamicTableFactory {
 public:
  virtual Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(
      const DynamicTableContext& context) const = 0;
};

// A factory of sinks (Flink's DynamicTableSinkFactory).
class DynamicTableSinkFactory : public virtual DynamicTableFactory {
 public:
  virtual Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const = 0;
};

}  // namespace eddy::sql
