#pragma once

#include <absl/container/flat_hash_map.h>

#include <functional>
#include <memory>
#include <string>
#include <utility>

#include "eddy/runtime/collector.h"
#include "eddy/runtime/output.h"

namespace eddy {

// The side outputs a function writes to through Context::output(tag, value): a collector
// per tag, created on first use; a tag nobody reads drops its records (as in Flink).
class SideOutputs {
 public:
  // `resolve` finds the output of a tag id, or nullptr when nobody reads it.
  explicit SideOutputs(std::function<runtime::OutputBase*(const std::string&)> resolve) : resolve_(std::move(resolve)) {}

  template <typename X>
  void output(const std::string& tag_id, const X& value, int64_t timestamp) {
    auto it = collectors_.find(tag_id);
    if (it == collectors_.end()) {
      auto* out = static_cast<runtime::Output<X>*>(resolve_(tag_id));
      it = collectors_.emplace(tag_id, out ? std::make_unique<Typed<X>>(out) : nullptr).first;
    }
    if (it->second) static_cast<Typed<X>*>(it->second.get())->collector.collectWithTimestamp(value, timestamp);
  }

  void flush() {
    for (auto& [tag, holder] : collectors_) {
      if (holder) holder->flush();
    }
  }

 private:
  struct Holder {
    virtual ~Holder() = default;
    virtual void flush() = 0;
  };
  template <typename X>
  struct Typed final : Holder {
    explicit Typed(runtime::Output<X>* out) : collector(out) {}
    void flush() override { collector.flush(); }
    Collector<X> collector;
  };

  std::function<runtime::OutputBase*(const std::string&)> resolve_;
  absl::flat_hash_map<std::string, std::unique_ptr<Holder>> collectors_;
};

}  // namespace eddy
