#pragma once

#include <string>
#include <utility>

namespace eddy {

// Names a side output of type T (Flink's OutputTag): an operator emits to it, and
// getSideOutput(tag) on its stream reads it.
template <typename T>
class OutputTag {
 public:
  using ValueType = T;
  explicit OutputTag(std::string id) : id_(std::move(id)) {}
  const std::string& getId() const { return id_; }

 private:
  std::string id_;
};

}  // namespace eddy
