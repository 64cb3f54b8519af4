#include "sql/connectors/filesystem/legacy_csv_table_factory.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <regex>
#include <set>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "eddy/common/file_system.h"
#include "eddy/functions/watermark_strategy.h"
#include "sql/connectors/factory_helper.h"
#include "sql/connectors/filesystem/filesystem_row_source.h"
#include "sql/connectors/filesystem/row_line_format.h"

namespace eddy::sql {

namespace {

using Options = std::map<std::string, std::string>;

// The keys CsvTableSourceFactoryBase and CsvAppendTableSourceFactory accept (the descriptor's
// 'format.fields.#.*' keys are matched separately).
const std::set<std::string> kSupportedKeys = {
    "connector.type",          "connector.path",           "connector.property-version", "format.type",
    "format.property-version", "format.derive-schema",     "format.field-delimiter",     "format.line-delimiter",
    "format.quote-character",  "format.comment-prefix",    "format.ignore-first-line",   "format.ignore-parse-errors",
    "update-mode"};

// What a legacy csv table reads (CsvTableSource's CsvInputFormatConfig).
struct LegacyCsvOptions {
  std::string path;
  char field_delimiter = ',';
  std::optional<char> quote_character;
  std::optional<std::string> comment_prefix;
  bool ignore_first_line = false;
  // 'format.ignore-parse-errors': a line that does not parse is skipped.
  bool lenient = false;
};

// Flink's answer when no legacy factory takes all the properties (TableFactoryService).
Status unsupportedKeys(const std::vector<std::string>& keys) {
  return InvalidArgument(fmt::format(
      "Could not find a suitable table factory for 'org.apache.flink.table.factories.TableSourceFactory' in\nthe "
      "classpath.\n\nReason: No factory supports all properties.\n\nThe matching candidates:\n"
      "org.apache.flink.table.sources.CsvAppendTableSourceFactory\nUnsupported property keys:\n{}",
      fmt::join(keys, "\n")));
}

Result<LegacyCsvOptions> parseOptions(const Options& options) {
  static const std::regex kFieldKey(R"(format\.fields\.\d+\.(name|type|data-type))");
  std::vector<std::string> unsupported;
  for (const auto& [key, value] : options) {
    if (!kSupportedKeys.contains(key) && !std::regex_match(key, kFieldKey)) unsupported.push_back(key);
  }
  if (!unsupported.empty()) return unsupportedKeys(unsupported);
  if (optionOr(options, "connector.type", "") != "filesystem" || optionOr(options, "format.type", "") != "csv") {
    return InvalidArgument("The legacy filesystem connector requires 'connector.type' = 'filesystem' and "
                           "'format.type' = 'csv'.");
  }
  if (const std::string mode = optionOr(options, "update-mode", "append"); mode != "append") {
    return InvalidArgument(fmt::format("Could not find a suitable table factory for update-mode '{}'.", mode));
  }
  auto path = options.find("connector.path");
  if (path == options.end()) return InvalidArgument("Could not find required property 'connector.path'.");
  EDDY_ASSIGN_OR_RETURN(Path parsed, Path::parse(path->second));
  if (!(parsed.scheme().empty() || parsed.scheme() == "file") || !parsed.authority().empty()) {
    return NotSupported(fmt::format("the legacy filesystem connector on '{}': only local paths are supported", path->second));
  }
  LegacyCsvOptions out;
  out.path = std::filesystem::path(parsed.path()).lexically_normal().string();
  const std::string delimiter = optionOr(options, "format.field-delimiter", ",");
  if (delimiter.size() != 1) {
    return NotSupported(fmt::format("'format.field-delimiter' = '{}': only a single character is supported", delimiter));
  }
  out.field_delimiter = delimiter[0];
  if (const std::string line = optionOr(options, "format.line-delimiter", "\n"); line != "\n") {
    return NotSupported(fmt::format("'format.line-delimiter' = '{}': only \"\\n\" is supported", line));
  }
  if (auto quote = options.find("format.quote-character"); quote != options.end()) {
    if (quote->second.size() != 1) {
      return InvalidArgument(fmt::format("Could not parse value for key 'format.quote-character'."));
    }
    out.quote_character = quote->second[0];
  }
  if (auto prefix = options.find("format.comment-prefix"); prefix != options.end()) out.comment_prefix = prefix->second;
  EDDY_ASSIGN_OR_RETURN(out.ignore_first_line, booleanOption(options, "format.ignore-first-line", false));
  EDDY_ASSIGN_OR_RETURN(out.lenient, booleanOption(options, "format.ignore-parse-errors", false));
  return out;
}

// The csv format of Eddy's line decoder that reads lines as RowCsvInputFormat does: no
// unquoting unless a quote character is set; comments and lenience are the reader's.
Result<RowLineFormat> lineFormat(const LegacyCsvOptions& options) {
  Options format = {{"format", "csv"}, {"csv.field-delimiter", std::string(1, options.field_delimiter)}};
  if (options.quote_character) {
    format["csv.quote-character"] = std::string(1, *options.quote_character);
  } else {
    format["csv.disable-quote-character"] = "true";
  }
  return RowLineFormat::fromTableOptions(format);
}

// Reads every row of the file, or of the visible files of the directory, at the path
// (CsvTableSource's lookup function, which reads the table once when it opens).
class LegacyCsvLoader final : public FullCachingLookupProvider {
 public:
  LegacyCsvLoader(LegacyCsvOptions options, RowLineFormat format, types::LogicalType row_type)
      : options_(std::move(options)), format_(std::move(format)), row_type_(std::move(row_type)) {}

  Result<types::ColumnBatch> loadAll() const override {
    EDDY_ASSIGN_OR_RETURN(Path root, Path::parse(options_.path));
    EDDY_ASSIGN_OR_RETURN(std::shared_ptr<FileSystem> fs, FileSystem::get(root));
    EDDY_ASSIGN_OR_RETURN(FileStatus status, fs->getFileStatus(root));
    std::vector<Path> files;
    if (status.is_dir) {
      EDDY_ASSIGN_OR_RETURN(std::vector<FileStatus> entries, fs->listStatus(root));
      for (const FileStatus& entry : entries) {
        const std::string_view name = entry.path.getName();
        if (!entry.is_dir && !name.starts_with('.') && !name.starts_with('_')) files.push_back(entry.path);
      }
      std::sort(files.begin(), files.end(), [](const Path& a, const Path& b) { return a.path() < b.path(); });
    } else {
      files.push_back(root);
    }
    EDDY_ASSIGN_OR_RETURN(RowLineDecoder decoder, format_.createDecoder(row_type_));
    types::ColumnBatch rows(row_type_);
    for (const Path& file : files) {
      EDDY_ASSIGN_OR_RETURN(std::string content, fs->readFully(file));
      EDDY_RETURN_IF_ERROR(readFile(file, content, decoder, rows));
    }
    return rows;
  }

 private:
  Status readFile(const Path& file, std::string_view content, RowLineDecoder& decoder, types::ColumnBatch& rows) const {
    size_t line_number = 0;
    while (!content.empty()) {
      const size_t end = content.find('\n');
      std::string_view line = content.substr(0, end);
      content = end == std::string_view::npos ? std::string_view() : content.substr(end + 1);
      ++line_number;
      if (line.ends_with('\r')) line.remove_suffix(1);
      if (line_number == 1 && options_.ignore_first_line) continue;
      if (options_.comment_prefix && line.starts_with(*options_.comment_prefix)) continue;
      Result<std::optional<types::Row>> row = decoder.decode(line);
      Status appended = row.ok() && *row ? rows.appendRow(**row) : row.status();
      if (appended.ok() || options_.lenient) continue;
      return InvalidArgument(fmt::format("Parsing error in file '{}' at line {}: {}", file.toString(), line_number,
                                         appended.message()));
    }
    return Status::OK();
  }

  LegacyCsvOptions options_;
  RowLineFormat format_;
  types::LogicalType row_type_;
};

// CsvTableSource: a bounded, insert-only scan of the file(s), and a lookup table.
class LegacyCsvTableSource final : public ScanTableSource, public LookupTableSource {
 public:
  LegacyCsvTableSource(LegacyCsvOptions options, RowLineFormat format, types::LogicalType row_type)
      : options_(std::move(options)), format_(std::move(format)), row_type_(std::move(row_type)) {}

  ChangelogMode getChangelogMode() const override { return ChangelogMode::insertOnly(); }
  bool isBounded() const override { return true; }

  Result<DataStream<RowChunk>> produceDataStream(StreamExecutionEnvironment& env) override {
    // The scan reads through the filesystem connector's reader, which knows neither option.
    if (options_.ignore_first_line || options_.lenient) {
      return NotSupported("scanning a legacy csv table with 'format.ignore-first-line' or "
                          "'format.ignore-parse-errors' is not supported yet");
    }
    RowLineFormat format = format_;
    if (options_.comment_prefix) {
      if (*options_.comment_prefix != "#") {
        return NotSupported("scanning a legacy csv table with a 'format.comment-prefix' other than '#' is not "
                            "supported yet");
      }
      EDDY_ASSIGN_OR_RETURN(format, RowLineFormat::fromTableOptions({{"format", "csv"},
                                                                      {"csv.field-delimiter", std::string(1, options_.field_delimiter)},
                                                                      {"csv.allow-comments", "true"},
                                                                      quoteOption()}));
    }
    FileSystemReadSpec spec{options_.path, row_type_, {}, std::move(format), "", std::nullopt};
    EDDY_RETURN_IF_ERROR(FileSystemRowSource::validate(spec));
    return env.fromSource<RowChunk>(std::make_shared<FileSystemRowSource>(std::move(spec)),
                                    WatermarkStrategy<RowChunk>::noWatermarks(), "CsvTableSource");
  }

  Result<LookupRuntimeProvider> getLookupRuntimeProvider(const LookupContext& /*context*/) const override {
    return LookupRuntimeProvider(
        std::shared_ptr<const FullCachingLookupProvider>(std::make_shared<LegacyCsvLoader>(options_, format_, row_type_)));
  }

  std::string asSummaryString() const override { return "CsvTableSource"; }

 private:
  std::pair<const std::string, std::string> quoteOption() const {
    if (options_.quote_character) return {"csv.quote-character", std::string(1, *options_.quote_character)};
    return {"csv.disable-quote-character", "true"};
  }

  LegacyCsvOptions options_;
  RowLineFormat format_;
  types::LogicalType row_type_;
};

class LegacyCsvTableFactory final : public DynamicTableSourceFactory {
 public:
  std::string factoryIdentifier() const override { return kLegacyCsvFactoryIdentifier; }
  std::vector<std::string> requiredOptions() const override { return {"connector.type", "connector.path", "format.type"}; }
  std::vector<std::string> optionalOptions() const override {
    std::vector<std::string> keys;
    for (const std::string& key : kSupportedKeys) {
      if (key != "connector.type" && key != "connector.path" && key != "format.type") keys.push_back(key);
    }
    return keys;
  }

  Result<std::unique_ptr<ScanTableSource>> createDynamicTableSource(const DynamicTableContext& context) const override {
    EDDY_ASSIGN_OR_RETURN(LegacyCsvOptions options, parseOptions(context.options()));
    EDDY_ASSIGN_OR_RETURN(RowLineFormat format, lineFormat(options));
    EDDY_RETURN_IF_ERROR(format.createDecoder(context.physical_row_type).status());
    return std::unique_ptr<ScanTableSource>(
        std::make_unique<LegacyCsvTableSource>(std::move(options), std::move(format), context.physical_row_type));
  }
};

}  // namespace

std::string legacyFactoryIdentifier(const std::map<std::string, std::string>& options) {
  if (options.contains("connector") || optionOr(options, "connector.type", "") != "filesystem") return "";
  return kLegacyCsvFactoryIdentifier;
}

void registerLegacyCsvFactories(FactoryRegistry& registry) {
  registry.registerFactory(std::make_shared<LegacyCsvTableFactory>());
}

}  // namespace eddy::sql
