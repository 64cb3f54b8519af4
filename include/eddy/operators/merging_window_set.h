#pragma once

#include <algorithm>
#include <optional>
#include <utility>
#include <vector>

#include "eddy/state/state.h"

namespace eddy::operators {

// The windows of one key of a merging assigner and, for each, the window whose namespace
// holds its state (Flink's MergingWindowSet). When windows merge, the state stays in one
// of the old state windows, so only the others' state has to be merged into it. Loaded from
// and persisted to keyed state around each use.
template <typename W>
class MergingWindowSet {
 public:
  using Mapping = std::vector<std::pair<W, W>>;  // window → state window

  explicit MergingWindowSet(state::ValueState<Mapping>* state) : state_(state) {
    mapping_ = state_->value().value_or(Mapping{});
    initial_ = mapping_;
  }

  // The state window of `window`, or empty if the window is not (or no longer) in the set.
  std::optional<W> getStateWindow(const W& window) const {
    auto it = find(window);
    return it == mapping_.end() ? std::nullopt : std::optional<W>(it->second);
  }

  void retireWindow(const W& window) {
    auto it = find(window);
    if (it != mapping_.end()) mapping_.erase(it);
  }

  // Adds `new_window`, merging it with the windows it overlaps. For every merge,
  // merge_fn(result window, merged windows, state window of the result, state windows to
  // merge into it) is called. Returns the window `new_window` ended up in.
  template <typename Assigner, typename F>
  W addWindow(const W& new_window, const Assigner& assigner, F&& merge_fn) {
    std::vector<W> windows;
    windows.reserve(mapping_.size() + 1);
    for (const auto& [window, state_window] : mapping_) windows.push_back(window);
    windows.push_back(new_window);

    std::vector<std::pair<W, std::vector<W>>> merges;
    assigner.mergeWindows(windows, [&](const W& result, const std::vector<W>& merged) { merges.emplace_back(result, merged); });

    W result_window = new_window;
    bool merged_new_window = false;
    for (auto& [merge_result, merged_windows] : merges) {
      auto self = std::find(merged_windows.begin(), merged_windows.end(), new_window);
      if (self != merged_windows.end()) {
        merged_windows.erase(self);
        merged_new_window = true;
        result_window = merge_result;
      }
      W merged_state_window = find(merged_windows.front())->second;
      std::vector<W> merged_state_windows;
      for (const W& w : merged_windows) {
        auto it = find(w);
        if (it != mapping_.end()) {
          merged_state_windows.push_back(it->second);
          mapping_.erase(it);
        }
      }
      mapping_.emplace_back(merge_result, merged_state_window);
      std::erase(merged_state_windows, merged_state_window);
      bool only_itself = merged_windows.size() == 1 && merged_windows.front() == merge_result;
      if (!only_itself) merge_fn(merge_result, merged_windows, merged_state_window, merged_state_windows);
    }
    if (merges.empty() || (result_window == new_window && !merged_new_window)) {
      mapping_.emplace_back(result_window, result_window);
    }
    return result_window;
  }

  // Writes the set back to keyed state if it changed.
  void persist() {
    if (mapping_ == initial_) return;
    if (mapping_.empty()) {
      state_->clear();
    } else {
      state_->update(mapping_);
    }
  }

 private:
  typename Mapping::iterator find(const W& window) {
    return std::find_if(mapping_.begin(), mapping_.end(), [&](const auto& e) { return e.first == window; });
  }
  typename Mapping::const_iterator find(const W& window) const {
    return std::find_if(mapping_.begin(), mapping_.end(), [&](const auto& e) { return e.first == window; });
  }

  state::ValueState<Mapping>* state_;
  Mapping mapping_;
  Mapping initial_;
};

}  // namespace eddy::operators
