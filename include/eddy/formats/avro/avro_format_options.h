#pragma once

#include <map>
#include <string>

#include "eddy/common/result.h"

namespace eddy::formats::avro {

// The options of the 'avro' format with Flink's keys (AvroFormatOptions, written 'avro.<key>'
// in a table's WITH clause) and defaults. A value type.
struct AvroFormatOptions {
  // 'avro.timestamp_mapping.legacy': TIMESTAMP as Avro timestamp-millis (and no TIMESTAMP_LTZ),
  // as Flink before 1.19; false maps TIMESTAMP to local-timestamp-* and TIMESTAMP_LTZ to
  // timestamp-*.
  // Default: true
  bool legacy_timestamp_mapping = true;

  // The options from a table's format options, keys without the "avro." prefix.
  // 'avro.encoding' = 'binary' is the only encoding ('json' is NotSupported); 'avro.codec'
  // is accepted and ignored, as it is only for files. A bad value is Flink's "Could not parse
  // value 'x' for key 'avro.timestamp_mapping.legacy'." (InvalidArgument). Unknown keys are the
  // caller's to reject.
  static Result<AvroFormatOptions> fromTableOptions(const std::map<std::string, std::string>& options);
};

}  // namespace eddy::formats::avro
