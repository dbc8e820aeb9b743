// The light scanner that cuts a CycloneDX JSON document into pieces before simdjson parses each
// (json_decode.cc explains why). It follows strings and bracket depth only: what it accepts may
// still be malformed, and simdjson rejects that when it parses the piece.
//
// Containers are scanned 64 bytes at a time: with SSE2 (the x86-64 baseline) or, where the CPU
// has it (checked at run time), AVX2. SkipContainerBytes is the byte-at-a-time reference the
// tests compare both with.
#pragma once

#include <cstddef>
#include <string_view>

#if defined(__x86_64__) && defined(__GNUC__)
#define SBOMHUB_SCAN_AVX2 1
#endif

namespace sbomhub::formats::cyclonedx::internal::scan {

inline constexpr std::size_t kBad = std::string_view::npos;

inline bool IsJsonSpace(char c) { return c == ' ' || c == '\n' || c == '\r' || c == '\t'; }

inline std::size_t SkipSpace(std::string_view t, std::size_t p) {
  while (p < t.size() && IsJsonSpace(t[p])) ++p;
  return p;
}

// `p` at an opening quote; the offset past the closing quote, or kBad when there is none.
std::size_t SkipString(std::string_view t, std::size_t p);

// `p` at '{' or '['; the offset just past the matching bracket, or kBad when it stays open.
std::size_t SkipContainer(std::string_view t, std::size_t p);       // 64-byte blocks (SSE2)
std::size_t SkipContainerBytes(std::string_view t, std::size_t p);  // one byte at a time
#if defined(SBOMHUB_SCAN_AVX2)
std::size_t SkipContainerAvx2(std::string_view t, std::size_t p);   // only when HasAvx2()
bool HasAvx2();
#endif

// `p` at the first byte of a value; the offset just past it, or kBad. Uses the fastest container
// scan the CPU has.
std::size_t SkipValue(std::string_view t, std::size_t p);

}  // namespace sbomhub::formats::cyclonedx::internal::scan
