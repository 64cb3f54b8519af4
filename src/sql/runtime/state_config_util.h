#pragma once

#include <chrono>
#include <cstdint>

#include "eddy/common/config_options.h"
#include "eddy/common/configuration.h"
#include "eddy/common/result.h"
#include "eddy/state/state_ttl_config.h"

namespace eddy::sql {

// 'table.exec.state.ttl' (Flink's ExecutionConfigOptions.IDLE_STATE_RETENTION): how long the
// state of a key of a regular group aggregation or join is kept after it was last written.
// Default 0: never cleared.
inline const ConfigOption<std::chrono::nanoseconds> kIdleStateRetention =
    ConfigOptions::key("table.exec.state.ttl")
        .durationType()
        .defaultValue(std::chrono::nanoseconds(0))
        .withDescription(
            "Specifies a minimum time interval for how long idle state (i.e. state which was not updated), will be "
            "retained. State will never be cleared until it was idle for less than the minimum time, and will be "
            "cleared at some time after it was idle. Default is never clean-up the state. NOTE: Cleaning up state "
            "requires additional overhead for bookkeeping. Default value is 0, which means that it will never clean "
            "up state.");

// The idle state retention of `configuration` in milliseconds (0: none); InvalidArgument
// naming the key when it does not parse as a duration.
Result<int64_t> idleStateRetentionMillis(const Configuration& configuration);

// Flink's StateConfigUtil.createTtlConfig: TTL refreshed on create and write, expired state
// never returned; disabled for a retention of 0.
state::StateTtlConfig createTtlConfig(int64_t retention_ms);

}  // namespace eddy::sql
