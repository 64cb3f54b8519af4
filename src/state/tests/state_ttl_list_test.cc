#include <gtest/gtest.h>

#include <vector>

#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::kTtlCases;
using testing::RocksDBKind;
using testing::TtlCase;
using Ints = std::vector<int>;

template <typename Kind>
class TtlListStateTest : public testing::TtlTestBase<Kind> {};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(TtlListStateTest, Kinds);

// Flink's TtlListState: each element expires on its own. 1 added at 0, 2 at 60, TTL 100.
TYPED_TEST(TtlListStateTest, ElementsExpireOneByOne) {
  for (const TtlCase& c : kTtlCases) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->ttlState(*backend, ListStateDescriptor<int>("l"), this->config(c));
    backend->setCurrentKey("a");
    state->add(1);
    this->setTime(60);
    state->add(2);
    this->setTime(80);
    EXPECT_EQ(state->get(), (Ints{1, 2}));
    this->setTime(130);
    // OnCreateAndWrite: 1 expired at 100; OnReadAndWrite: both were read at 80.
    EXPECT_EQ(state->get(), c.onRead() || c.returnExpired() ? (Ints{1, 2}) : (Ints{2}));
    this->setTime(175);
    // OnCreateAndWrite: 2 expired at 160 too, and the list is cleared once nothing is left.
    EXPECT_EQ(state->get(), c.onRead() || c.returnExpired() ? (Ints{1, 2}) : (Ints{}));
    this->setTime(180);
    EXPECT_EQ(state->get(), c.onRead() ? (Ints{1, 2}) : (Ints{}));
    EXPECT_EQ(backend->numEntries("l"), c.onRead() ? 1u : 0u);
  }
}

TYPED_TEST(TtlListStateTest, UpdateAndAddAllStampEveryElement) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ListStateDescriptor<int>("l"), this->config(kTtlCases[0]));
  backend->setCurrentKey("a");
  state->update({1, 2});
  this->setTime(50);
  state->addAll({3, 4});
  this->setTime(120);
  EXPECT_EQ(state->get(), (Ints{3, 4}));
  state->update({});
  EXPECT_EQ(state->get(), (Ints{}));
  EXPECT_EQ(backend->numEntries("l"), 0u);
}

// An expired element stays stored (and visible with ReturnExpiredIfNotCleanedUp) while an
// unexpired one is left; OnReadAndWrite rewrites the list without it.
TYPED_TEST(TtlListStateTest, ReadWithUpdateDropsExpiredElements) {
  auto backend = this->backend();
  auto* state = this->ttlState(*backend, ListStateDescriptor<int>("l"), this->config(kTtlCases[3]));
  backend->setCurrentKey("a");
  state->add(1);
  this->setTime(60);
  state->add(2);
  this->setTime(130);
  EXPECT_EQ(state->get(), (Ints{1, 2}));
  EXPECT_EQ(state->get(), (Ints{2}));
}

}  // namespace
}  // namespace eddy::state
