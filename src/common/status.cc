#include "eddy/common/status.h"

#include <fmt/format.h>

#include "eddy/common/check.h"

namespace eddy {

std::string_view statusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kNotSupported: return "NotSupported";
    case StatusCode::kIOError: return "IOError";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kTimedOut: return "TimedOut";
    case StatusCode::kUserFunctionError: return "UserFunctionError";
    case StatusCode::kInternal: return "Internal";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) state_ = std::make_shared<const State>(State{code, std::move(message)});
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::toString() const {
  if (ok()) return "OK";
  return fmt::format("{}: {}", statusCodeName(code()), message());
}

Status Status::withContext(std::string_view context) const {
  if (ok()) return *this;
  return Status(code(), fmt::format("{}: {}", context, message()));
}

Status InvalidArgument(std::string m) { return Status(StatusCode::kInvalidArgument, std::move(m)); }
Status NotFound(std::string m) { return Status(StatusCode::kNotFound, std::move(m)); }
Status AlreadyExists(std::string m) { return Status(StatusCode::kAlreadyExists, std::move(m)); }
Status NotSupported(std::string m) { return Status(StatusCode::kNotSupported, std::move(m)); }
Status IOError(std::string m) { return Status(StatusCode::kIOError, std::move(m)); }
Status Corruption(std::string m) { return Status(StatusCode::kCorruption, std::move(m)); }
Status Cancelled(std::string m) { return Status(StatusCode::kCancelled, std::move(m)); }
Status TimedOut(std::string m) { return Status(StatusCode::kTimedOut, std::move(m)); }
Status UserFunctionError(std::string m) { return Status(StatusCode::kUserFunctionError, std::move(m)); }
Status Internal(std::string m) { return Status(StatusCode::kInternal, std::move(m)); }

namespace detail {
void checkFailed(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: %s failed\n", file, line, what.c_str());
  std::abort();
}
}  // namespace detail

}  // namespace eddy
