#include "eddy/connectors/print_sink.h"

#include <mutex>

namespace eddy::connectors {

void writePrintLines(const std::string& text, bool to_stderr) {
  static std::mutex mutex;
  std::lock_guard<std::mutex> lock(mutex);
  FILE* out = to_stderr ? stderr : stdout;
  std::fwrite(text.data(), 1, text.size(), out);
  std::fflush(out);
}

}  // namespace eddy::connectors
