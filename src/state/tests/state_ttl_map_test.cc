#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "eddy/state/namespaces.h"
#include "state/tests/state_ttl_test_support.h"

namespace eddy::state {
namespace {

using testing::HeapKind;
using testing::kTtlCases;
using testing::RocksDBKind;
using testing::TtlCase;
using Entries = std::vector<std::pair<std::string, int>>;
using Keys = std::vector<std::string>;

template <typename Kind>
class TtlMapStateTest : public testing::TtlTestBase<Kind> {};
using Kinds = ::testing::Types<HeapKind, RocksDBKind>;
TYPED_TEST_SUITE(TtlMapStateTest, Kinds);

template <typename T>
std::vector<T> sorted(std::vector<T> v) {
  std::sort(v.begin(), v.end());
  return v;
}

// Flink's TtlMapState: each entry expires on its own. a=1 put at 0, b=2 at 60, TTL 100.
TYPED_TEST(TtlMapStateTest, EntriesExpireOneByOne) {
  for (const TtlCase& c : kTtlCases) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->ttlState(*backend, MapStateDescriptor<std::string, int>("m"), this->config(c));
    backend->setCurrentKey("k");
    state->put("a", 1);
    this->setTime(60);
    state->put("b", 2);
    this->setTime(80);
    EXPECT_EQ(state->get("a"), 1);
    this->setTime(130);
    // a expired at 100 unless read at 80 with OnReadAndWrite; an expired entry is removed.
    EXPECT_EQ(state->get("a"), c.onRead() || c.returnExpired() ? std::optional<int>(1) : std::nullopt);
    EXPECT_TRUE(state->contains("b"));
    this->setTime(150);
    EXPECT_EQ(sorted(state->entries()), c.onRead() ? (Entries{{"a", 1}, {"b", 2}}) : (Entries{{"b", 2}}));
    this->setTime(200);
    // b expired at 160 (OnCreateAndWrite); with OnReadAndWrite both were read at 150.
    EXPECT_EQ(sorted(state->keys()), c.onRead() ? (Keys{"a", "b"}) : c.returnExpired() ? (Keys{"b"}) : (Keys{}));
    EXPECT_EQ(state->isEmpty(), !c.onRead());
    EXPECT_EQ(backend->numEntries("m"), c.onRead() ? 1u : 0u);
  }
}

TYPED_TEST(TtlMapStateTest, ContainsRemovesAnExpiredEntry) {
  for (const TtlCase& c : {kTtlCases[0], kTtlCases[1]}) {
    SCOPED_TRACE(c.name());
    this->setTime(0);
    auto backend = this->backend();
    auto* state = this->ttlState(*backend, MapStateDescriptor<std::string, int>("m"), this->config(c));
    backend->setCurrentKey("k");
    state->putAll({{"a", 1}, {"b", 2}});
    this->setTime(100);
    EXPECT_EQ(state->contains("a"), c.returnExpired());
    EXPECT_FALSE(state->contains("a"));
    EXPECT_EQ(state->values(), c.returnExpired() ? (std::vector<int>{2}) : (std::vector<int>{}));
  }
}

}  // namespace
}  // namespace eddy::state
