#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "eddy/common/status.h"
#include "eddy/runtime/record_batch.h"

namespace eddy::connectors::kafka {

// Messages as UTF-8 strings, both ways (Flink's SimpleStringSchema): a value-only
// deserialization schema and a serialization schema. Stateless.
class SimpleStringSchema {
 public:
  using ProducedType = std::string;

  Status deserialize(std::string_view message, int64_t timestamp, runtime::RecordBatch<std::string>& out) const {
    out.add(std::string(message), timestamp);
    return Status::OK();
  }
  // Appends the bytes of `element` to `out`.
  Status serialize(const std::string& element, std::string& out) const {
    out.append(element);
    return Status::OK();
  }
};

}  // namespace eddy::connectors::kafka
