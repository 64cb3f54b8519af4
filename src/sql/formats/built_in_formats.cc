#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "eddy/formats/avro/avro_confluent_format_options.h"
#include "eddy/formats/avro/avro_format_options.h"
#include "eddy/formats/canal/canal_json_options.h"
#include "eddy/formats/csv/csv_format_options.h"
#include "eddy/formats/debezium/debezium_json_options.h"
#include "eddy/formats/raw/raw_format_options.h"
#include "formats/debezium/changelog_json_options.h"
#include "sql/formats/format_factory.h"

namespace eddy::sql {

namespace {

using Options = std::map<std::string, std::string>;
using types::LogicalType;

const std::vector<std::string> kJsonWriteKeys = {"timestamp-format.standard", "map-null-key.mode",
                                                 "map-null-key.literal", "encode.decimal-as-plain-number"};

std::vector<std::string> withJsonKeys(std::vector<std::string> keys) {
  keys.insert(keys.end(), kJsonWriteKeys.begin(), kJsonWriteKeys.end());
  return keys;
}

// The shape of every factory: `Read` parses the options, `Decoder`/`Encoder` are made from a
// row type and them.
template <typename Read, typename Decoder, typename Encoder>
class SimpleFormatFactory final : public FormatFactory {
 public:
  SimpleFormatFactory(std::string identifier, std::vector<std::string> keys, ChangelogMode mode, Read read)
      : identifier_(std::move(identifier)), keys_(std::move(keys)), mode_(mode), read_(std::move(read)) {}

  std::string factoryIdentifier() const override { return identifier_; }
  std::vector<std::string> optionalOptions() const override { return keys_; }
  Status validateOptions(const Options& options) const override { return read_(options).status(); }
  Result<RowFormatDecoder> createDecoder(const LogicalType& row_type, const Options& options) const override {
    EDDY_ASSIGN_OR_RETURN(auto parsed, read_(options));
    EDDY_ASSIGN_OR_RETURN(Decoder decoder, Decoder::create(row_type, parsed.first));
    return RowFormatDecoder(std::move(decoder));
  }
  Result<RowFormatEncoder> createEncoder(const LogicalType& row_type, const Options& options) const override {
    EDDY_ASSIGN_OR_RETURN(auto parsed, read_(options));
    EDDY_ASSIGN_OR_RETURN(Encoder encoder, Encoder::create(row_type, parsed.second));
    return RowFormatEncoder(std::move(encoder));
  }
  ChangelogMode decodingChangelogMode() const override { return mode_; }
  ChangelogMode encodingChangelogMode() const override { return mode_; }

 private:
  std::string identifier_;
  std::vector<std::string> keys_;
  ChangelogMode mode_;
  Read read_;
};

template <typename Decoder, typename Encoder, typename Read>
std::shared_ptr<const FormatFactory> makeFactory(std::string identifier, std::vector<std::string> keys,
                                                 ChangelogMode mode, Read read) {
  return std::make_shared<SimpleFormatFactory<Read, Decoder, Encoder>>(std::move(identifier), std::move(keys), mode,
                                                                       std::move(read));
}

// 'json' (Flink's JsonFormatFactory).
Result<std::pair<formats::json::JsonDeserializationOptions, formats::json::JsonSerializationOptions>> readJson(
    const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::ChangelogJsonOptions common, formats::ChangelogJsonOptions::fromTableOptions(options, "json"));
  formats::json::JsonDeserializationOptions read;
  EDDY_ASSIGN_OR_RETURN(read.fail_on_missing_field,
                        formats::formatBooleanOption(options, "fail-on-missing-field", "json", false));
  read.ignore_parse_errors = common.ignore_parse_errors;
  read.timestamp_format = common.timestamp_format;
  if (read.fail_on_missing_field && read.ignore_parse_errors) {
    return InvalidArgument("fail-on-missing-field and ignore-parse-errors shouldn't both be true.");
  }
  return std::make_pair(read, common.write);
}

// 'csv' (Flink's CsvFormatFactory): one options struct serves both ways.
Result<std::pair<formats::csv::CsvFormatOptions, formats::csv::CsvFormatOptions>> readCsv(const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::csv::CsvFormatOptions csv, formats::csv::CsvFormatOptions::fromTableOptions(options));
  return std::make_pair(csv, csv);
}

Result<std::pair<formats::raw::RawFormatOptions, formats::raw::RawFormatOptions>> readRaw(const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::raw::RawFormatOptions raw, formats::raw::RawFormatOptions::fromTableOptions(options));
  return std::make_pair(raw, raw);
}

Result<std::pair<formats::debezium::DebeziumJsonOptions, formats::debezium::DebeziumJsonOptions>> readDebezium(
    const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::debezium::DebeziumJsonOptions debezium,
                        formats::debezium::DebeziumJsonOptions::fromTableOptions(options));
  return std::make_pair(debezium, debezium);
}

Result<std::pair<formats::canal::CanalJsonOptions, formats::canal::CanalJsonOptions>> readCanal(const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::canal::CanalJsonOptions canal, formats::canal::CanalJsonOptions::fromTableOptions(options));
  return std::make_pair(canal, canal);
}

// 'avro' (Flink's AvroFormatFactory).
Result<std::pair<formats::avro::AvroFormatOptions, formats::avro::AvroFormatOptions>> readAvro(const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::avro::AvroFormatOptions avro, formats::avro::AvroFormatOptions::fromTableOptions(options));
  return std::make_pair(avro, avro);
}

// 'avro-confluent' (Flink's RegistryAvroFormatFactory).
Result<std::pair<formats::avro::AvroConfluentFormatOptions, formats::avro::AvroConfluentFormatOptions>> readAvroConfluent(
    const Options& options) {
  EDDY_ASSIGN_OR_RETURN(formats::avro::AvroConfluentFormatOptions confluent,
                        formats::avro::AvroConfluentFormatOptions::fromTableOptions(options));
  return std::make_pair(confluent, confluent);
}

const std::vector<std::shared_ptr<const FormatFactory>>& builtInFormats() {
  static const auto* factories = new std::vector<std::shared_ptr<const FormatFactory>>{
      makeFactory<formats::json::JsonRowDeserializer, formats::json::JsonRowSerializer>(
          "json", withJsonKeys({"fail-on-missing-field", "ignore-parse-errors"}), ChangelogMode::insertOnly(),
          readJson),
      makeFactory<formats::csv::CsvRowDeserializer, formats::csv::CsvRowSerializer>(
          "csv",
          {"field-delimiter", "disable-quote-character", "quote-character", "allow-comments", "ignore-parse-errors",
           "array-element-delimiter", "escape-character", "null-literal", "write-bigdecimal-in-scientific-notation"},
          ChangelogMode::insertOnly(), readCsv),
      makeFactory<formats::raw::RawFormatDeserializer, formats::raw::RawFormatSerializer>(
          "raw", {"charset", "endianness"}, ChangelogMode::insertOnly(), readRaw),
      makeFactory<formats::debezium::DebeziumJsonDeserializer, formats::debezium::DebeziumJsonSerializer>(
          "debezium-json", withJsonKeys({"schema-include", "ignore-parse-errors"}), ChangelogMode::all(),
          readDebezium),
      makeFactory<formats::canal::CanalJsonDeserializer, formats::canal::CanalJsonSerializer>(
          "canal-json", withJsonKeys({"database.include", "table.include", "ignore-parse-errors"}),
          ChangelogMode::all(), readCanal),
      makeFactory<formats::avro::AvroRowDataDeserializationSchema, formats::avro::AvroRowDataSerializationSchema>(
          "avro", {"encoding", "codec", "timestamp_mapping.legacy"}, ChangelogMode::insertOnly(), readAvro),
      makeFactory<formats::avro::ConfluentRegistryAvroDeserializationSchema,
                  formats::avro::ConfluentRegistryAvroSerializationSchema>(
          "avro-confluent",
          {"url", "subject", "schema", "basic-auth.credentials-source", "basic-auth.user-info", "schema-registry.url",
           "schema-registry.subject", "schema-registry.schema"},
          ChangelogMode::insertOnly(), readAvroConfluent),
  };
  return *factories;
}

}  // namespace

std::shared_ptr<const FormatFactory> findFormatFactory(const std::string& identifier) {
  for (const auto& factory : builtInFormats()) {
    if (factory->factoryIdentifier() == identifier) return factory;
  }
  return nullptr;
}

Result<TableFormat> TableFormat::fromTableOptions(const Options& options, const std::string& format_key) {
  TableFormat format;
  format.identifier_ = options.at(format_key);
  format.factory_ = findFormatFactory(format.identifier_);
  if (!format.factory_) {
    std::vector<std::string> identifiers;
    for (const auto& factory : builtInFormats()) identifiers.push_back(factory->factoryIdentifier());
    std::sort(identifiers.begin(), identifiers.end());
    return InvalidArgument(fmt::format(
        "Could not find any factory for identifier '{}' that implements "
        "'org.apache.flink.table.factories.DeserializationFormatFactory' in the classpath.\n\n"
        "Available factory identifiers are:\n\n{}",
        format.identifier_, fmt::join(identifiers, "\n")));
  }
  format.prefix_ = format_key.substr(0, format_key.size() - std::string("format").size()) + format.identifier_ + ".";
  for (const auto& [key, value] : options) {
    if (key.starts_with(format.prefix_)) format.options_.emplace(key.substr(format.prefix_.size()), value);
  }
  EDDY_RETURN_IF_ERROR(format.factory_->validateOptions(format.options_));
  return format;
}

std::vector<std::string> TableFormat::optionKeys() const {
  std::vector<std::string> keys;
  for (const std::string& key : factory_->optionalOptions()) keys.push_back(prefix_ + key);
  return keys;
}

Result<RowFormatDecoder> TableFormat::createDecoder(const LogicalType& row_type) const {
  return factory_->createDecoder(row_type, options_);
}

Result<RowFormatEncoder> TableFormat::createEncoder(const LogicalType& row_type) const {
  return factory_->createEncoder(row_type, options_);
}

}  // namespace eddy::sql
