#include "sql/runtime/state_config_util.h"

namespace eddy::sql {

Result<int64_t> idleStateRetentionMillis(const Configuration& configuration) {
  EDDY_ASSIGN_OR_RETURN(std::chrono::nanoseconds retention, configuration.get(kIdleStateRetention));
  return std::chrono::duration_cast<std::chrono::milliseconds>(retention).count();
}

state::StateTtlConfig createTtlConfig(int64_t retention_ms) {
  if (retention_ms <= 0) return state::StateTtlConfig::disabled();
  return state::StateTtlConfig::newBuilder(std::chrono::milliseconds(retention_ms))
      .setUpdateType(state::StateTtlConfig::UpdateType::OnCreateAndWrite)
      .setStateVisibility(state::StateTtlConfig::StateVisibility::NeverReturnExpired)
      .build();
}

}  // namespace eddy::sql
