#include <gtest/gtest.h>

#include <optional>

#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::kTtlCases;
using testing::RocksDBKind;
using testing::TtlCase;

template <typename Kind>
class TtlValueStateTest : public testing::TtlTestBase<Kind> {};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(TtlValueStateTest, Kinds);

// Flink's TtlValueState: written at 0 with TTL 100, read at 50, 120 and 125.
TYPED_TEST(TtlValueStateTest, ExpiresByUpdateTypeAndVisibility) {
  for (const TtlCase& c : kTtlCases) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("v"), this->config(c));
    backend->setCurrentKey("a");
    state->update(1);
    this->setTime(50);
    EXPECT_EQ(state->value(), 1);
    this->setTime(120);
    // Written at 0 it expired at 100; read at 50 with OnReadAndWrite it lives until 150.
    EXPECT_EQ(state->value(), c.onRead() || c.returnExpired() ? std::optional<int>(1) : std::nullopt);
    this->setTime(125);
    // The expired value was removed when read.
    EXPECT_EQ(state->value(), c.onRead() ? std::optional<int>(1) : std::nullopt);
    EXPECT_EQ(backend->numEntries("v"), c.onRead() ? 1u : 0u);
  }
}

TYPED_TEST(TtlValueStateTest, ExpiresWhenLastAccessPlusTtlIsReached) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("v"), this->config(kTtlCases[0]));
  backend->setCurrentKey("a");
  this->setTime(1000);
  state->update(7);
  this->setTime(1099);
  EXPECT_EQ(state->value(), 7);
  this->setTime(1100);
  EXPECT_EQ(state->value(), std::nullopt);
}

TYPED_TEST(TtlValueStateTest, UpdateRefreshesTheTimestamp) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("v"), this->config(kTtlCases[0]));
  backend->setCurrentKey("a");
  state->update(1);
  this->setTime(90);
  state->update(2);
  this->setTime(180);
  EXPECT_EQ(state->value(), 2);
  backend->setCurrentKey("b");
  EXPECT_EQ(state->value(), std::nullopt);
}

// getOrCreate (the SQL operators' read-modify-write) starts over when the value expired and
// counts as a write.
TYPED_TEST(TtlValueStateTest, GetOrCreateStartsOverAfterExpiry) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("count"), this->config(kTtlCases[0]));
  backend->setCurrentKey("a");
  bool created = false;
  state->getOrCreate(created) += 1;
  EXPECT_TRUE(created);
  this->setTime(60);
  state->getOrCreate(created) += 1;
  EXPECT_FALSE(created);
  this->setTime(150);
  EXPECT_EQ(state->getOrCreate(created), 2);
  EXPECT_FALSE(created);
  this->setTime(250);
  EXPECT_EQ(state->getOrCreate(created), 0);
  EXPECT_TRUE(created);
}

TYPED_TEST(TtlValueStateTest, KeysExpireSeparately) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ValueStateDescriptor<int>("v"), this->config(kTtlCases[0]));
  backend->setCurrentKey("a");
  state->update(1);
  this->setTime(80);
  backend->setCurrentKey("b");
  state->update(2);
  this->setTime(130);
  EXPECT_EQ(state->value(), 2);
  backend->setCurrentKey("a");
  EXPECT_EQ(state->value(), std::nullopt);
}

}  // namespace
}  // namespace eddy::state
