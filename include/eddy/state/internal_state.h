#pragma once

#include <vector>

#include "eddy/state/state.h"

namespace eddy::state {

// The runtime's view of keyed state (Flink's InternalKvState family): the user-facing
// interfaces plus a namespace (VoidNamespace, or the window for window state) and merging
// of namespaces for merging windows. Every call is scoped to the backend's current key and
// the state's current namespace.

template <typename N>
class InternalKvState {
 public:
  virtual ~InternalKvState() = default;
  virtual void setCurrentNamespace(const N& ns) = 0;
};

// State whose values of several namespaces can be combined into one (lists are
// concatenated, reducing and aggregating state are merged).
template <typename N>
class InternalMergingState : public InternalKvState<N> {
 public:
  // Merges the state of `sources` into `target` (all under the current key) and clears them.
  virtual void mergeNamespaces(const N& target, const std::vector<N>& sources) = 0;
};

template <typename N, typename V>
class InternalValueState : public ValueState<V>, public InternalKvState<N> {};

template <typename N, typename V>
class InternalListState : public ListState<V>, public InternalMergingState<N> {};

template <typename N, typename UK, typename UV>
class InternalMapState : public MapState<UK, UV>, public InternalKvState<N> {};

template <typename N, typename V>
class InternalReducingState : public ReducingState<V>, public InternalMergingState<N> {};

template <typename N, typename IN, typename OUT>
class InternalAggregatingState : public AggregatingState<IN, OUT>, public InternalMergingState<N> {};

}  // namespace eddy::state
