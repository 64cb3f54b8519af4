#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "eddy/types/data_input_deserializer.h"
#include "eddy/types/data_output_serializer.h"
#include "eddy/windowing/triggers.h"

namespace eddy::windowing {

// The one window that holds every record of a key (Flink's GlobalWindow).
struct GlobalWindow {
  int64_t maxTimestamp() const { return std::numeric_limits<int64_t>::max(); }
  bool operator==(const GlobalWindow&) const = default;
  std::string toString() const { return "GlobalWindow"; }
  // One zero byte, as Flink's GlobalWindow.Serializer.
  void serialize(types::DataOutputSerializer& out) const { out.writeByte(0); }
  Status deserialize(types::DataInputDeserializer& in) {
    int8_t ignored;
    return in.readByte(ignored);
  }
  template <typename H>
  friend H AbslHashValue(H h, const GlobalWindow&) {
    return h;
  }
};

// Puts all records into the GlobalWindow; it never fires unless a trigger is set (Flink's
// GlobalWindows).
class GlobalWindows final {
 public:
  using WindowType = GlobalWindow;
  static constexpr bool kMerging = false;

  static GlobalWindows create() { return {}; }
  // Appends the windows of a record to `out` (a std::vector or a runtime::Column).
  template <typename Out>
  void assignWindows(int64_t, int64_t, Out& out) const { out.push_back(GlobalWindow{}); }
  NeverTrigger getDefaultTrigger() const { return {}; }
  bool isEventTime() const { return false; }
  std::string toString() const { return "GlobalWindows()"; }
};

}  // namespace eddy::windowing
