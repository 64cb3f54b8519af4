#include "sql/connectors/filesystem/filesystem_table_factory.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "eddy/common/config_options.h"
#include "eddy/common/file_system.h"
#include "eddy/connectors/file_source.h"
#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/filesystem/part_file_names.h"
#include "sql/connectors/filesystem/partition_commit_options.h"
#include "sql/connectors/filesystem/partition_committer.h"
#include "sql/connectors/filesystem/partition_path.h"

namespace eddy::sql {

namespace {

using Options = std::map<std::string, std::string>;

// The connector's optional keys (FileSystemTableFactory#optionalOptions, those Eddy reads).
std::vector<std::string> optionalKeys() {
  std::vector<std::string> keys = {"partition.default-name",
                                   "sink.rolling-policy.file-size",
                                   "sink.rolling-policy.rollover-interval",
                                   "sink.rolling-policy.check-interval",
                                   "sink.rolling-policy.inactivity-interval",
                                   "sink.parallelism"};
  for (const std::string& key : partitionCommitOptionKeys()) keys.push_back(key);
  return keys;
}

// The table's keys: the connector's and those of its format, for validateFactoryOptions.
class FileSystemOptionKeys final : public DynamicTableFactory {
 public:
  explicit FileSystemOptionKeys(const std::string& format) : format_(format) {}
  std::string factoryIdentifier() const override { return "filesystem"; }
  std::vector<std::string> requiredOptions() const override { return {"path", "format"}; }
  std::vector<std::string> optionalOptions() const override {
    std::vector<std::string> keys = optionalKeys();
    for (const std::string& key : RowLineFormat::optionKeys(format_)) keys.push_back(key);
    return keys;
  }

 private:
  std::string format_;
};

Status cannotParse(const std::string& key, const std::string& value) {
  return InvalidArgument(fmt::format("Could not parse value '{}' for key '{}'.", value, key));
}

Result<int64_t> durationMillis(const Options& options, const std::string& key, int64_t default_ms) {
  auto it = options.find(key);
  if (it == options.end()) return default_ms;
  Result<std::chrono::nanoseconds> value = parseDuration(it->second);
  if (!value.ok()) return cannotParse(key, it->second);
  return std::chrono::duration_cast<std::chrono::milliseconds>(*value).count();
}

// The local directory of 'path', absolute and normalized without a trailing '/'.
Result<std::string> localBasePath(const std::string& path) {
  EDDY_ASSIGN_OR_RETURN(Path parsed, Path::parse(path));
  if (!(parsed.scheme().empty() || parsed.scheme() == "file") || !parsed.authority().empty()) {
    return NotSupported(fmt::format("the filesystem connector on '{}': only local paths are supported", path));
  }
  std::string base = std::filesystem::path(parsed.path()).lexically_normal().string();
  while (base.size() > 1 && base.back() == '/') base.pop_back();
  return base;
}

struct CommonOptions {
  std::string base_path;
  RowLineFormat format;
  std::string default_partition_name;
};

Result<CommonOptions> commonOptions(const DynamicTableContext& context) {
  const Options& options = context.options();
  auto format_it = options.find("format");
  EDDY_RETURN_IF_ERROR(
      validateFactoryOptions(FileSystemOptionKeys(format_it == options.end() ? "" : format_it->second), options));
  CommonOptions common;
  EDDY_ASSIGN_OR_RETURN(common.base_path, localBasePath(options.at("path")));
  EDDY_ASSIGN_OR_RETURN(common.format, RowLineFormat::fromTableOptions(options));
  common.default_partition_name = optionOr(options, "partition.default-name", std::string(kDefaultPartitionName));
  for (const std::string& key : context.table.partition_keys) {
    if (context.physical_row_type.fieldIndex(key) < 0) {
      return InvalidArgument(fmt::format("Partition column '{}' is not a physical column of the table.", key));
    }
  }
  return common;
}

class FileSystemTableFactory final : public DynamicTableSourceFactory, public DynamicTableSinkFactory {
 public:
  std::string factoryIdentifier() const override { return "filesystem"; }
  std::vector<std::string> requiredOptions() const override { return {"path", "format"}; }
  std::vector<std::string> optionalOptions() const override { return optionalKeys(); }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(CommonOptions common, commonOptions(context));
    FileSystemReadSpec spec{common.base_path, context.physical_row_type, context.table.partition_keys,
                            std::move(common.format), std::move(common.default_partition_name), std::nullopt};
    EDDY_RETURN_IF_ERROR(FileSystemRowSource::validate(spec));
    return std::unique_ptr<ScanTableSource>(std::make_unique<FileSystemTableSource>(std::move(spec)));
  }

  Result<std::unique_ptr<DynamicTableSink>> createDynamicTableSink(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(CommonOptions common, commonOptions(context));
    const Options& options = context.options();
    FileSystemSinkOptions sink;
    sink.base_path = common.base_path;
    sink.default_partition_name = common.default_partition_name;
    if (auto it = options.find("sink.rolling-policy.file-size"); it != options.end()) {
      Result<MemorySize> size = MemorySize::parse(it->second);
      if (!size.ok()) return cannotParse(it->first, it->second);
      sink.file_size = size->getBytes();
    }
    EDDY_ASSIGN_OR_RETURN(sink.rollover_interval_ms,
                          durationMillis(options, "sink.rolling-policy.rollover-interval", sink.rollover_interval_ms));
    EDDY_ASSIGN_OR_RETURN(sink.inactivity_interval_ms,
                          durationMillis(options, "sink.rolling-policy.inactivity-interval", sink.inactivity_interval_ms));
    EDDY_ASSIGN_OR_RETURN(sink.check_interval_ms,
                          durationMillis(options, "sink.rolling-policy.check-interval", sink.check_interval_ms));
    EDDY_ASSIGN_OR_RETURN(sink.partition_commit, partitionCommitOptions(options));
    std::optional<int> parallelism;
    if (auto it = options.find("sink.parallelism"); it != options.end()) {
      Result<int32_t> value = ConfigValue<int32_t>::parse(it->second);
      if (!value.ok()) return cannotParse(it->first, it->second);
      parallelism = *value;
    }
    std::vector<types::RowField> data_fields;
    for (const types::RowField& field : context.physical_row_type.fields()) {
      const auto& keys = context.table.partition_keys;
      if (std::find(keys.begin(), keys.end(), field.name) == keys.end()) data_fields.push_back(field);
    }
    EDDY_RETURN_IF_ERROR(common.format.createEncoder(types::DataTypes::ROW(std::move(data_fields))).status());
    return std::unique_ptr<DynamicTableSink>(std::make_unique<FileSystemTableSink>(
        std::move(sink), context.physical_row_type, context.table.partition_keys, std::move(common.format), parallelism));
  }
};

}  // namespace

Result<std::vector<PartitionSpec>> FileSystemTableSource::listPartitions() const {
  EDDY_ASSIGN_OR_RETURN(std::vector<std::string> files, connectors::enumerateFiles(spec_.base_path));
  std::vector<PartitionSpec> partitions;
  for (const std::string& file : files) {
    std::string_view relative = file;
    relative.remove_prefix(std::min(relative.size(), spec_.base_path.size() + 1));
    const size_t last_slash = relative.rfind('/');
    if (last_slash == std::string_view::npos) continue;
    PartitionSpec partition = extractPartitionSpec(relative.substr(0, last_slash));
    bool complete = partition.size() == spec_.partition_keys.size();
    for (size_t i = 0; complete && i < partition.size(); ++i) complete = partition[i].first == spec_.partition_keys[i];
    if (complete && std::find(partitions.begin(), partitions.end(), partition) == partitions.end()) {
      partitions.push_back(std::move(partition));
    }
  }
  return partitions;
}

void FileSystemTableSource::applyPartitions(const std::vector<PartitionSpec>& remaining_partitions) {
  std::vector<std::string> dirs;
  for (const PartitionSpec& partition : remaining_partitions) {
    std::vector<std::string> parts;
    for (const auto& [key, value] : partition) parts.push_back(escapePathName(key) + "=" + escapePathName(value));
    dirs.push_back(fmt::format("{}", fmt::join(parts, "/")));
  }
  spec_.partition_dirs = std::move(dirs);
}

Result<DataStream<RowChunk>> FileSystemTableSource::produceDataStream(StreamExecutionEnvironment& env) {
  return env.fromSource<RowChunk>(createSource(), WatermarkStrategy<RowChunk>::noWatermarks(), "FileSystemTableSource");
}

FileSystemTableSink::FileSystemTableSink(FileSystemSinkOptions options, types::LogicalType physical_type,
                                         std::vector<std::string> partition_keys, RowLineFormat format,
                                         std::optional<int> parallelism)
    : options_(std::move(options)),
      physical_type_(std::move(physical_type)),
      partition_keys_(std::move(partition_keys)),
      format_(std::move(format)),
      parallelism_(parallelism),
      uuid_(randomUuid()) {}

std::unique_ptr<FileSystemSinkOperator> FileSystemTableSink::createOperator() const {
  return std::make_unique<FileSystemSinkOperator>(options_, physical_type_, partition_keys_, format_, uuid_);
}

std::unique_ptr<PartitionCommitter> FileSystemTableSink::createCommitter() const {
  return std::make_unique<PartitionCommitter>(options_.base_path, partition_keys_, options_.partition_commit);
}

Status FileSystemTableSink::consumeDataStream(DataStream<RowChunk> stream) {
  DataStream<PartitionCommitInfo> writer = stream.transform<PartitionCommitInfo>(
      "Filesystem", [options = options_, type = physical_type_, keys = partition_keys_, format = format_, uuid = uuid_] {
        return std::make_unique<FileSystemSinkOperator>(options, type, keys, format, uuid);
      });
  if (parallelism_) writer.setParallelism(*parallelism_);
  // Flink's StreamingSink: one committer for all writers when partitions are committed.
  if (options_.partition_commit.isCommitEnabled(partition_keys_)) {
    writer
        .transform<PartitionCommitter::Output>(
            "PartitionCommitter",
            [base_path = options_.base_path, keys = partition_keys_, commit = options_.partition_commit] {
              return std::make_unique<PartitionCommitter>(base_path, keys, commit);
            })
        .setParallelism(1)
        .setMaxParallelism(1);
  }
  return Status::OK();
}

void registerFileSystemFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<FileSystemTableFactory>());
}

}  // namespace eddy::sql
