#pragma once

#include <utility>

#include "eddy/runtime/collector.h"
#include "eddy/runtime/stream_operator.h"

namespace eddy::operators {

// Applies one function per input of two connected streams (Flink's CoStreamMap and
// CoStreamFlatMap): call1(value, out) for the first input, call2(value, out) for the
// second. Output records keep the input's timestamp.
template <typename T1, typename T2, typename OUT, typename Call1, typename Call2>
class CoStreamOperator final : public runtime::OneOutputOperator<OUT> {
 public:
  CoStreamOperator(Call1 call1, Call2 call2) : call1_(std::move(call1)), call2_(std::move(call2)) {}

  void open() override { out_.setOutput(this->typedOutput()); }

  void processBatch(runtime::BatchBase& batch, int input) override {
    if (input == 0) {
      process(static_cast<runtime::RecordBatch<T1>&>(batch), call1_);
    } else {
      process(static_cast<runtime::RecordBatch<T2>&>(batch), call2_);
    }
    out_.flush();
  }

 private:
  template <typename X, typename Call>
  void process(runtime::RecordBatch<X>& in, Call& call) {
    for (size_t i = 0; i < in.size(); ++i) {
      out_.setTimestamp(in.timestamps[i]);
      call(in.values[i], out_);
    }
  }

  Call1 call1_;
  Call2 call2_;
  Collector<OUT> out_;
};

}  // namespace eddy::operators
