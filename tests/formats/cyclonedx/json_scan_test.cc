// The container scanner's three implementations (one byte at a time; 64-byte blocks with SSE2;
// with AVX2 where the CPU has it) agree on every input, including strings, escapes and brackets
// that straddle block boundaries and containers that never close. CI machines usually have
// AVX2, so without this test the SSE2 path the others fall back to would go untested.
#include "formats/cyclonedx/json_scan.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace sbomhub::formats::cyclonedx::internal::scan {
namespace {

void ExpectAllAgree(const std::string& text, std::size_t at) {
  std::size_t reference = SkipContainerBytes(text, at);
  EXPECT_EQ(SkipContainer(text, at), reference) << "SSE2 blocks disagree on: " << text;
#if defined(SBOMHUB_SCAN_AVX2)
  if (HasAvx2()) {
    EXPECT_EQ(SkipContainerAvx2(text, at), reference) << "AVX2 disagrees on: " << text;
  }
#endif
}

TEST(JsonScan, KnownContainers) {
  EXPECT_EQ(SkipContainerBytes(R"({"a":[1,{"b":"}"}]} tail)", 0), 19u);
  EXPECT_EQ(SkipContainerBytes(R"(["\"]", "\\"] x)", 0), 13u);
  EXPECT_EQ(SkipContainerBytes(R"({"open": [)", 0), kBad);
  EXPECT_EQ(SkipValue(R"("a\"b" ,)", 0), 6u);
  EXPECT_EQ(SkipValue("true,", 0), 4u);
  EXPECT_EQ(SkipValue("", 0), kBad);
}

// Long strings of brackets, quotes and backslashes put every state (inside a string, after a
// backslash, depth about to reach zero) at every offset of a 64-byte block.
TEST(JsonScan, BlockImplementationsMatchTheByteLoopOnRandomInput) {
  std::mt19937 rng(20261128);
  const std::string alphabet = "{}[]\"\\\"\\ ab:,";
  for (int round = 0; round < 20000; ++round) {
    std::size_t len = 1 + rng() % 400;
    std::string text = "{";
    for (std::size_t i = 0; i < len; ++i) text += alphabet[rng() % alphabet.size()];
    ExpectAllAgree(text, 0);
    // The same text starting at a later bracket, so blocks start mid-document.
    std::size_t later = text.find_first_of("{[", 1 + rng() % text.size());
    if (later != std::string::npos) ExpectAllAgree(text, later);
  }
}

// Realistic pieces: nested components with escaped quotes and backslashes placed so that they
// cross the 64-byte boundaries at every shift.
TEST(JsonScan, BlockImplementationsMatchOnComponentsShiftedAcrossBlocks) {
  const std::string component =
      R"({"name":"a\"b\\","purl":"pkg:npm/x@1","licenses":[{"license":{"id":"MIT"}}],)"
      R"("description":"brackets } ] { [ and \\\" inside","components":[{"name":"n"}]})";
  for (std::size_t shift = 0; shift < 130; ++shift) {
    std::string text = "[" + std::string(shift, ' ') + component + "," + component + "]";
    ExpectAllAgree(text, 0);
    ExpectAllAgree(text, 1 + shift);
    EXPECT_EQ(SkipContainerBytes(text, 1 + shift), 1 + shift + component.size());
  }
}

}  // namespace
}  // namespace sbomhub::formats::cyclonedx::internal::scan
