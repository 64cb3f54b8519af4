#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <utility>

namespace eddy {

// The kinds of failure a caller can act on. User errors (bad input, bad SQL, a job that
// cannot be built) are kept apart from internal errors (a broken invariant).
enum class StatusCode : int {
  kOk = 0,
  kInvalidArgument,
  kNotFound,
  kAlreadyExists,
  kNotSupported,
  kIOError,
  kCorruption,
  kCancelled,
  kTimedOut,
  kUserFunctionError,
  kInternal,
};

std::string_view statusCodeName(StatusCode code);

// Status is the result of an operation that can fail. An OK status holds no allocation,
// so returning it costs a pointer copy. Thread-compatible: a Status is a value.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  const std::string& message() const;

  // "InvalidArgument: message", or "OK".
  std::string toString() const;

  // Returns a copy whose message is "context: message"; OK stays OK.
  Status withContext(std::string_view context) const;

  friend bool operator==(const Status& a, const Status& b) {
    return a.code() == b.code() && a.message() == b.message();
  }

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

Status InvalidArgument(std::string message);
Status NotFound(std::string message);
Status AlreadyExists(std::string message);
Status NotSupported(std::string message);
Status IOError(std::string message);
Status Corruption(std::string message);
Status Cancelled(std::string message);
Status TimedOut(std::string message);
Status UserFunctionError(std::string message);
Status Internal(std::string message);

}  // namespace eddy
