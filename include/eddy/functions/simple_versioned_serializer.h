#pragma once

#include <string>
#include <string_view>

#include "eddy/common/result.h"

namespace eddy {

// Turns values of T into bytes and back, with a version so that bytes written by an older
// release can still be read (Flink's SimpleVersionedSerializer). Used for what a sink keeps
// in a checkpoint: its committables and its writer state. The version is stored next to
// the bytes by whoever stores them; deserialize gets it back. Implementations are
// stateless and thread-safe.
template <typename T>
class SimpleVersionedSerializer {
 public:
  virtual ~SimpleVersionedSerializer() = default;
  // The version serialize() writes.
  virtual int getVersion() const = 0;
  virtual std::string serialize(const T& value) const = 0;
  // Corruption for bytes that do not parse; NotSupported for a version it cannot read.
  virtual Result<T> deserialize(int version, std::string_view bytes) const = 0;
};

}  // namespace eddy
