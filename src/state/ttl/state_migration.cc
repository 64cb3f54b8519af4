#include "eddy/state/ttl/state_migration.h"

#include <fmt/format.h>

namespace eddy::state {

Status stateMigrationError(const std::string& state_name, bool restored_ttl, bool requested_ttl) {
  auto describe = [](bool ttl) { return ttl ? "with TTL" : "without TTL"; };
  return InvalidArgument(fmt::format(
      "StateMigrationException: The new state serializer of state '{}' ({}) must not be incompatible with the old "
      "state serializer ({}). State restored {} cannot be read {}; enable or disable TTL as when the snapshot was "
      "taken.",
      state_name, describe(requested_ttl), describe(restored_ttl), describe(restored_ttl), describe(requested_ttl)));
}

}  // namespace eddy::state
