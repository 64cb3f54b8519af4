#include "sql/runtime/over_state.h"

#include "sql/runtime/state_bytes.h"

namespace eddy::sql {

using state_bytes::put;
using state_bytes::putString;
using state_bytes::take;
using state_bytes::takeString;

std::string OverState::serialize() const {
  std::string out;
  put<int64_t>(out, last_triggering_ts);
  std::string bytes;
  accumulators.appendTo(bytes);
  putString(out, bytes);
  put<uint32_t>(out, static_cast<uint32_t>(frame.size()));
  for (const auto& [ts, row] : frame) {
    put<int64_t>(out, ts);
    putString(out, row);
  }
  return out;
}

OverState OverState::deserialize(std::string_view in, size_t calls) {
  OverState state;
  state.last_triggering_ts = take<int64_t>(in);
  state.accumulators = GroupAccumulators::fromBytes(takeString(in));
  state.accumulators.calls.resize(calls);
  const uint32_t rows = take<uint32_t>(in);
  for (uint32_t r = 0; r < rows; ++r) {
    const int64_t ts = take<int64_t>(in);
    state.frame.emplace_back(ts, takeString(in));
  }
  return state;
}

}  // namespace eddy::sql
