#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <memory>
#include <string>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_ttl_config.h"
#include "eddy/state/ttl/ttl_time_provider.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "state/tests/rocksdb_backend_test_support.h"

namespace eddy::state::testing {

using UpdateType = StateTtlConfig::UpdateType;
using StateVisibility = StateTtlConfig::StateVisibility;

// One combination of the TTL settings the suites run through.
struct TtlCase {
  UpdateType update;
  StateVisibility visibility;
  bool onRead() const { return update == UpdateType::OnReadAndWrite; }
  bool returnExpired() const { return visibility == StateVisibility::ReturnExpiredIfNotCleanedUp; }
  std::string name() const {
    return std::string(onRead() ? "OnReadAndWrite" : "OnCreateAndWrite") + "/" +
           (returnExpired() ? "ReturnExpiredIfNotCleanedUp" : "NeverReturnExpired");
  }
};
inline const TtlCase kTtlCases[] = {
    {UpdateType::OnCreateAndWrite, StateVisibility::NeverReturnExpired},
    {UpdateType::OnCreateAndWrite, StateVisibility::ReturnExpiredIfNotCleanedUp},
    {UpdateType::OnReadAndWrite, StateVisibility::NeverReturnExpired},
    {UpdateType::OnReadAndWrite, StateVisibility::ReturnExpiredIfNotCleanedUp},
};

// A backend of kind `Kind` whose TTL states read a manual clock (Flink's MockTtlTimeProvider).
template <typename Kind>
class TtlTestBase : public ::testing::Test {
 protected:
  static constexpr int64_t kTtl = 100;

  std::shared_ptr<KeyedStateBackendT<std::string>> backend() {
    auto backend = makeBackend<std::string>(Kind::config(), {0, 127});
    backend->setTtlTimeProvider(TtlTimeProvider::manual(now_));
    return backend;
  }
  static StateTtlConfig config(const TtlCase& c) {
    return StateTtlConfig::newBuilder(std::chrono::milliseconds(kTtl))
        .setUpdateType(c.update)
        .setStateVisibility(c.visibility)
        .build();
  }
  void setTime(int64_t ms) { now_->store(ms); }
  // The state of `descriptor` with `ttl` in `backend`.
  template <typename D>
  auto* ttlState(KeyedStateBackendT<std::string>& backend, D descriptor, const StateTtlConfig& ttl) {
    descriptor.enableTimeToLive(ttl);
    return backend.template getPartitionedState<VoidNamespace>(descriptor);
  }

  std::shared_ptr<std::atomic<int64_t>> now_ = std::make_shared<std::atomic<int64_t>>(0);
};

}  // namespace eddy::state::testing
