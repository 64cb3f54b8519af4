#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "eddy/common/result.h"
#include "eddy/types/logical_type.h"
#include "sql/connectors/changelog_mode.h"
#include "sql/formats/row_format_codec.h"

namespace eddy::sql {

// A format of the SQL layer, found by its identifier, the value of a table's 'format',
// 'key.format' or 'value.format' (Flink's DeserializationFormatFactory and
// SerializationFormatFactory in one). Its options are given without their prefix
// ("ignore-parse-errors" for 'json.ignore-parse-errors' or 'value.json.ignore-parse-errors').
// Implementations are stateless and thread-safe; planning-time only.
class FormatFactory {
 public:
  virtual ~FormatFactory() = default;
  virtual std::string factoryIdentifier() const = 0;
  // The option keys without the prefix.
  virtual std::vector<std::string> optionalOptions() const = 0;
  // Checks the options (Flink's messages, InvalidArgument) without a row type.
  virtual Status validateOptions(const std::map<std::string, std::string>& options) const = 0;
  virtual Result<RowFormatDecoder> createDecoder(const types::LogicalType& row_type,
                                                 const std::map<std::string, std::string>& options) const = 0;
  virtual Result<RowFormatEncoder> createEncoder(const types::LogicalType& row_type,
                                                 const std::map<std::string, std::string>& options) const = 0;
  // The RowKinds the decoder produces (DecodingFormat#getChangelogMode) and the encoder
  // writes (EncodingFormat#getChangelogMode).
  virtual ChangelogMode decodingChangelogMode() const = 0;
  virtual ChangelogMode encodingChangelogMode() const = 0;
};

// The format of one format key of a table ('format', 'key.format' or 'value.format') with
// its options, as Flink's FactoryUtil.TableFactoryHelper#discoverDecodingFormat reads them:
// 'value.format' = 'json' takes the options 'value.json.*'. A value type.
class TableFormat {
 public:
  // The format named by `format_key` in `options`. An unknown identifier is Flink's "Could
  // not find any factory for identifier 'x' that implements
  // 'org.apache.flink.table.factories.DeserializationFormatFactory' in the
  // classpath.\n\nAvailable factory identifiers are:\n\n<identifiers>"; bad options are the
  // format's messages. REQUIRES: options contain `format_key`.
  static Result<TableFormat> fromTableOptions(const std::map<std::string, std::string>& options,
                                              const std::string& format_key);

  // The full keys of this format's options ("value.json.ignore-parse-errors", …), for
  // validateFactoryOptions.
  std::vector<std::string> optionKeys() const;
  const std::string& identifier() const { return identifier_; }

  Result<RowFormatDecoder> createDecoder(const types::LogicalType& row_type) const;
  Result<RowFormatEncoder> createEncoder(const types::LogicalType& row_type) const;
  ChangelogMode decodingChangelogMode() const { return factory_->decodingChangelogMode(); }
  ChangelogMode encodingChangelogMode() const { return factory_->encodingChangelogMode(); }

 private:
  std::string identifier_;
  // "json." or "value.json.".
  std::string prefix_;
  // The options under prefix_, without it.
  std::map<std::string, std::string> options_;
  std::shared_ptr<const FormatFactory> factory_;
};

// The factory of `identifier`, or nullptr.
std::shared_ptr<const FormatFactory> findFormatFactory(const std::string& identifier);

}  // namespace eddy::sql
