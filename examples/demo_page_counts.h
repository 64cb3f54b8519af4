#pragma once

#include <vector>

#include "page_events.h"

namespace eddy::examples {

// The windows `make demo` prints for the generator's default 2000 events, sorted by window
// then user: what the demo's job must give on any runner (collected in-process, or written to
// PostgreSQL by the Kafka job). A value for tests; no state.
inline std::vector<PageCount> demoPageCounts() {
  return {
      {"user-0", 1767225300000, 1767225600000, 3},
      {"user-1", 1767225300000, 1767225600000, 1},
      {"user-2", 1767225300000, 1767225600000, 3},
      {"user-0", 1767225600000, 1767225900000, 126},
      {"user-1", 1767225600000, 1767225900000, 125},
      {"user-2", 1767225600000, 1767225900000, 116},
      {"user-3", 1767225600000, 1767225900000, 130},
      {"user-0", 1767225900000, 1767226200000, 115},
      {"user-1", 1767225900000, 1767226200000, 133},
      {"user-2", 1767225900000, 1767226200000, 129},
      {"user-3", 1767225900000, 1767226200000, 122},
      {"user-0", 1767226200000, 1767226500000, 126},
      {"user-1", 1767226200000, 1767226500000, 115},
      {"user-2", 1767226200000, 1767226500000, 130},
      {"user-3", 1767226200000, 1767226500000, 129},
      {"user-0", 1767226500000, 1767226800000, 109},
      {"user-1", 1767226500000, 1767226800000, 127},
      {"user-2", 1767226500000, 1767226800000, 138},
      {"user-3", 1767226500000, 1767226800000, 123},
  };
}

}  // namespace eddy::examples
