#include <gtest/gtest.h>

#include <memory>
#include <optional>
#include <string>

#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::kTtlCases;
using testing::RocksDBKind;
using testing::TtlCase;

class Sum final : public AggregateFunction<int, int64_t, std::string> {
 public:
  int64_t createAccumulator() override { return 0; }
  int64_t add(const int& v, int64_t acc) override { return acc + v; }
  std::string getResult(const int64_t& acc) override { return "sum=" + std::to_string(acc); }
  int64_t merge(int64_t a, const int64_t& b) override { return a + b; }
};

template <typename Kind>
class TtlAppendingStateTest : public testing::TtlTestBase<Kind> {
 protected:
  auto* reducing(KeyedStateBackendT<std::string>& backend, const TtlCase& c) {
    return this->ttlState(
        backend, ReducingStateDescriptor<int>("r", [](const int& a, const int& b) { return a + b; }), this->config(c));
  }
  auto* aggregating(KeyedStateBackendT<std::string>& backend, const TtlCase& c) {
    return this->ttlState(backend, AggregatingStateDescriptor<int, int64_t, std::string>("g", std::make_shared<Sum>()),
                          this->config(c));
  }
};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(TtlAppendingStateTest, Kinds);

// Flink's TtlReducingState: 1 added at 0, 2 at 60 (the sum is written at 60), TTL 100.
TYPED_TEST(TtlAppendingStateTest, ReducingStateExpiresByUpdateTypeAndVisibility) {
  for (const TtlCase& c : kTtlCases) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->reducing(*backend, c);
    backend->setCurrentKey("a");
    state->add(1);
    this->setTime(60);
    state->add(2);
    this->setTime(100);
    EXPECT_EQ(state->get(), 3);
    this->setTime(170);
    EXPECT_EQ(state->get(), c.onRead() || c.returnExpired() ? std::optional<int>(3) : std::nullopt);
    this->setTime(175);
    // The expired sum was cleared when read; with OnReadAndWrite it was read at 100 and 170.
    state->add(5);
    EXPECT_EQ(state->get(), c.onRead() ? 8 : 5);
  }
}

// Adding to an expired value: invisible, it is replaced; visible, it is reduced with (Flink's
// TtlReduceFunction reduces what getUnexpired returns).
TYPED_TEST(TtlAppendingStateTest, ReducingAddToAnExpiredValue) {
  for (const TtlCase& c : {kTtlCases[0], kTtlCases[1]}) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->reducing(*backend, c);
    backend->setCurrentKey("a");
    state->add(1);
    this->setTime(150);
    state->add(2);
    EXPECT_EQ(state->get(), c.returnExpired() ? 3 : 2);
  }
}

TYPED_TEST(TtlAppendingStateTest, AggregatingStateExpiresByUpdateTypeAndVisibility) {
  for (const TtlCase& c : kTtlCases) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->aggregating(*backend, c);
    backend->setCurrentKey("a");
    state->add(1);
    this->setTime(60);
    state->add(2);
    this->setTime(100);
    EXPECT_EQ(state->get(), "sum=3");
    this->setTime(170);
    EXPECT_EQ(state->get(), c.onRead() || c.returnExpired() ? std::optional<std::string>("sum=3") : std::nullopt);
    this->setTime(175);
    state->add(5);
    EXPECT_EQ(state->get(), c.onRead() ? "sum=8" : "sum=5");
    EXPECT_EQ(backend->numEntries("g"), 1u);
  }
}

TYPED_TEST(TtlAppendingStateTest, AggregatingAddToAnExpiredAccumulator) {
  for (const TtlCase& c : {kTtlCases[0], kTtlCases[1]}) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->aggregating(*backend, c);
    backend->setCurrentKey("a");
    state->add(1);
    this->setTime(150);
    state->add(2);
    EXPECT_EQ(state->get(), c.returnExpired() ? "sum=3" : "sum=2");
  }
}

}  // namespace
}  // namespace eddy::state
