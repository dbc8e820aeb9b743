#include "base/text.h"

#include <gtest/gtest.h>

namespace sbomhub {
namespace {

TEST(LineColumnAt, CountsLinesAndBytes) {
  std::string_view t = "ab\ncd\nef";
  EXPECT_EQ(LineColumnAt(t, 0).line, 1u);
  EXPECT_EQ(LineColumnAt(t, 4).line, 2u);
  EXPECT_EQ(LineColumnAt(t, 4).column, 2u);
  EXPECT_EQ(LineColumnAt(t, 100).line, 3u);
}

TEST(FindInvalidUtf8, AcceptsValidMultibyte) {
  EXPECT_FALSE(FindInvalidUtf8("日本語 ok"));
}

TEST(FindInvalidUtf8, RejectsOverlongSurrogateAndTruncated) {
  EXPECT_EQ(*FindInvalidUtf8("ab\xC0\xAF"), 2u);        // overlong '/'
  EXPECT_EQ(*FindInvalidUtf8("\xED\xA0\x80"), 0u);      // UTF-16 surrogate
  EXPECT_EQ(*FindInvalidUtf8("xyz\xE6\x97"), 3u);       // truncated
  EXPECT_EQ(*FindInvalidUtf8("\xFF"), 0u);
}

TEST(Text, CaseAndTrim) {
  EXPECT_EQ(AsciiLower("MiXeD"), "mixed");
  EXPECT_TRUE(EqualsIgnoreCase("SHA-256", "sha-256"));
  EXPECT_EQ(TrimWhitespace("  a b \n"), "a b");
  EXPECT_EQ(Split("a,b,,c", ',').size(), 4u);
}

}  // namespace
}  // namespace sbomhub
