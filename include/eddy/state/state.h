#pragma once

#include <optional>
#include <utility>
#include <vector>

namespace eddy::state {

// The keyed state a user function sees, as Flink's org.apache.flink.api.common.state.
// Every call is scoped to the key of the record (or timer) being processed and, inside
// windows, to the current window. Not thread-safe: used only from its task's thread.

class State {
 public:
  virtual ~State() = default;
  // Removes the value for the current key (and namespace).
  virtual void clear() = 0;
};

// A single value per key; value() is empty when nothing was stored (Flink returns null).
template <typename T>
class ValueState : public State {
 public:
  virtual std::optional<T> value() = 0;
  virtual void update(const T& value) = 0;
};

// A list of values per key. get() returns a reference valid until the next call on any
// state of the same backend; it is empty when nothing was stored.
template <typename T>
class ListState : public State {
 public:
  virtual const std::vector<T>& get() = 0;
  virtual void add(const T& value) = 0;
  virtual void addAll(const std::vector<T>& values) = 0;
  virtual void update(const std::vector<T>& values) = 0;
};

// A map per key.
template <typename UK, typename UV>
class MapState : public State {
 public:
  virtual std::optional<UV> get(const UK& key) = 0;
  virtual void put(const UK& key, const UV& value) = 0;
  virtual void putAll(const std::vector<std::pair<UK, UV>>& entries) = 0;
  virtual void remove(const UK& key) = 0;
  virtual bool contains(const UK& key) = 0;
  virtual bool isEmpty() = 0;
  // Snapshots of the current key's map, in unspecified order.
  virtual std::vector<std::pair<UK, UV>> entries() = 0;
  virtual std::vector<UK> keys() = 0;
  virtual std::vector<UV> values() = 0;
};

// A value per key folded with a ReduceFunction on every add().
template <typename T>
class ReducingState : public State {
 public:
  virtual std::optional<T> get() = 0;
  virtual void add(const T& value) = 0;
};

// An accumulator per key folded with an AggregateFunction; get() returns its result.
template <typename IN, typename OUT>
class AggregatingState : public State {
 public:
  virtual std::optional<OUT> get() = 0;
  virtual void add(const IN& value) = 0;
};

}  // namespace eddy::state
