#include "eddy/common/result.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

namespace eddy {
namespace {

Result<int> parsePositive(int v) {
  if (v <= 0) return InvalidArgument(fmt::format("{} is not positive", v));
  return v;
}

Result<int> doubled(int v) {
  EDDY_ASSIGN_OR_RETURN(int x, parsePositive(v));
  return x * 2;
}

Status checkBoth(int a, int b) {
  EDDY_RETURN_IF_ERROR(parsePositive(a).status());
  EDDY_RETURN_IF_ERROR(parsePositive(b).status());
  return Status::OK();
}

TEST(StatusTest, OkHasNoMessage) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.toString(), "OK");
  EXPECT_EQ(s.message(), "");
}

TEST(StatusTest, ErrorCarriesCodeAndMessage) {
  Status s = NotSupported("windowAll with evictor");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kNotSupported);
  EXPECT_EQ(s.toString(), "NotSupported: windowAll with evictor");
  EXPECT_EQ(s.withContext("operator 'Map'").toString(), "NotSupported: operator 'Map': windowAll with evictor");
}

TEST(ResultTest, PropagatesValuesAndErrors) {
  EXPECT_EQ(*doubled(4), 8);
  Result<int> bad = doubled(-1);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().toString(), "InvalidArgument: -1 is not positive");
  EXPECT_EQ(bad.valueOr(7), 7);
  EXPECT_TRUE(checkBoth(1, 2).ok());
  EXPECT_EQ(checkBoth(1, 0).message(), "0 is not positive");
}

}  // namespace
}  // namespace eddy
