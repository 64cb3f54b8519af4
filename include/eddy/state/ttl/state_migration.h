#pragma once

#include <string>

#include "eddy/common/status.h"

namespace eddy::state {

// The failure of restoring state taken with TTL into a descriptor without it, or the reverse:
// the stored bytes (TtlValue or plain) do not match what the descriptor reads. Flink fails the
// same restore with a StateMigrationException; the message names the state and both sides.
Status stateMigrationError(const std::string& state_name, bool restored_ttl, bool requested_ttl);

}  // namespace eddy::state
