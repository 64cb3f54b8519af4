#include "sql/runtime/event_time_timer_index.h"

#include <cstring>

#include "eddy/state/namespaces.h"
#include "eddy/state/state_descriptor.h"
#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using state_bytes::put;
using state_bytes::take;

void EventTimeTimerIndex::open(state::KeyedStateBackendT<std::string>* backend, TimerService* timers) {
  backend_ = backend;
  state_ = backend->getPartitionedState<state::VoidNamespace>(state::ValueStateDescriptor<std::string>("timers"));
  const state::KeyGroupRange& range = backend->getKeyGroupRange();
  const size_t groups = static_cast<size_t>(range.end - range.start + 1);
  for (uint64_t n = 0; reserved_keys_.size() < groups; ++n) {
    std::string key = "\xFFtimers-" + std::to_string(n);
    const int group = backend->keyGroupOf(key);
    if (range.contains(group)) reserved_keys_.try_emplace(group, std::move(key));
  }
  for (const auto& [group, reserved] : reserved_keys_) {
    backend->setCurrentKey(reserved);
    std::optional<std::string> stored = state_->value();
    if (!stored) continue;
    std::string_view in = *stored;
    while (!in.empty()) {
      const uint32_t size = take<uint32_t>(in);
      std::string key(in.substr(0, size));
      in.remove_prefix(size);
      const windowing::TimeWindow ns{take<int64_t>(in), take<int64_t>(in)};
      const int64_t time = take<int64_t>(in);
      backend->setCurrentKey(key);
      timers->registerEventTimeTimer(ns, time);
      pending_[group].emplace(std::move(key), ns.start, ns.end, time);
    }
  }
}

void EventTimeTimerIndex::add(const std::string& key, const windowing::TimeWindow& ns, int64_t time) {
  pending_[backend_->keyGroupOf(key)].emplace(key, ns.start, ns.end, time);
}

void EventTimeTimerIndex::remove(const std::string& key, const windowing::TimeWindow& ns, int64_t time) {
  auto group = pending_.find(backend_->keyGroupOf(key));
  if (group != pending_.end()) group->second.erase(Timer{key, ns.start, ns.end, time});
}

void EventTimeTimerIndex::snapshot() {
  for (const auto& [group, reserved] : reserved_keys_) {
    backend_->setCurrentKey(reserved);
    auto timers = pending_.find(group);
    if (timers == pending_.end() || timers->second.empty()) {
      state_->clear();
      continue;
    }
    std::string out;
    for (const auto& [key, start, end, time] : timers->second) {
      put<uint32_t>(out, static_cast<uint32_t>(key.size()));
      out += key;
      put<int64_t>(out, start);
      put<int64_t>(out, end);
      put<int64_t>(out, time);
    }
    state_->update(out);
  }
}

}  // namespace eddy::sql
