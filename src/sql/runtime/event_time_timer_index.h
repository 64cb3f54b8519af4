#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "eddy/operators/internal_timer_service.h"
#include "eddy/state/typed_keyed_state_backend.h"
#include "eddy/windowing/time_window.h"

namespace eddy::sql {

// Carries the event-time timers of a keyed SQL operator through checkpoints, which Eddy's
// runtime does not snapshot yet. The operator reports every timer it registers and every
// timer that fires; when a checkpoint is taken (snapshotOperatorState runs before the keyed
// state is copied) the pending timers of each key group are written into ValueState "timers"
// of a reserved key of that key group, and open() re-registers the timers found there after
// a restore. The reserved keys start with byte 0xFF, which no encoded row key does
// (sortable_codec.h starts every value with 0 or 1), and since the entries travel with their
// key group a restore with another parallelism keeps them. One instance per operator
// instance, used from its task thread.
class EventTimeTimerIndex {
 public:
  using TimerService = operators::InternalTimerService<std::string, windowing::TimeWindow>;

  // Finds the reserved keys of the backend's key groups and re-registers the restored timers.
  void open(state::KeyedStateBackendT<std::string>* backend, TimerService* timers);

  void add(const std::string& key, const windowing::TimeWindow& ns, int64_t time);
  void remove(const std::string& key, const windowing::TimeWindow& ns, int64_t time);

  // Writes the pending timers into keyed state; the backend's current key changes.
  void snapshot();

 private:
  using Timer = std::tuple<std::string, int64_t, int64_t, int64_t>;  // key, ns start, ns end, time

  state::KeyedStateBackendT<std::string>* backend_ = nullptr;
  state::ValueState<std::string>* state_ = nullptr;
  std::map<int, std::string> reserved_keys_;  // key group → its reserved key
  std::map<int, std::set<Timer>> pending_;    // key group → timers
};

}  // namespace eddy::sql
