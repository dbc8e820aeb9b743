#include "base/status.h"

#include <gtest/gtest.h>

namespace sbomhub {
namespace {

Result<int> Half(int x) {
  if (x % 2 != 0) return Status::InvalidArgument(std::to_string(x) + " is odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  SBOMHUB_ASSIGN_OR_RETURN(int half, Half(x));
  SBOMHUB_ASSIGN_OR_RETURN(int quarter, Half(half));
  return quarter;
}

TEST(Status, DefaultIsOk) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(Status, ContextPrefixesMessage) {
  Status s = Status::IoError("no such file").WithContext("reading a.json");
  EXPECT_EQ(s.message(), "reading a.json: no such file");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
}

TEST(Result, AssignOrReturnPropagatesFirstError) {
  EXPECT_EQ(*Quarter(8), 2);
  auto r = Quarter(6);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "3 is odd");
}

TEST(Status, ExitCodesSeparateBadInputFromUsage) {
  EXPECT_EQ(ExitCodeFor(Status::Ok()), 0);
  EXPECT_EQ(ExitCodeFor(Status::ParseError("x")), 1);
  EXPECT_EQ(ExitCodeFor(Status::IoError("x")), 2);
  EXPECT_EQ(ExitCodeFor(Status::InvalidArgument("x")), 2);
  EXPECT_EQ(HttpStatusFor(Status::NotFound("x")), 404);
  EXPECT_EQ(HttpStatusFor(Status::TooLarge("x")), 413);
}

}  // namespace
}  // namespace sbomhub
