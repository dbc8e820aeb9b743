// Internal representation shared by the scheme files (not part of the public API; include
// "version/version.h" instead).
//
// Every scheme parses a version string once into a ParsedVersion: a normalized byte buffer plus a
// flat list of tokens that point into it by offset. Comparing two parsed versions walks the token
// lists and never allocates, so a matcher can parse each advisory bound once and compare it against
// millions of installed versions. Offsets (not string_views) keep the value safely copyable.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sbomhub::version::internal {

struct Token {
  std::int32_t kind = 0;  // meaning defined by each scheme
  std::uint32_t off = 0;  // into ParsedVersion::buf
  std::uint32_t len = 0;
};

struct ParsedVersion {
  std::string buf;            // normalized text the tokens point into
  std::vector<Token> tokens;  // scheme-specific decomposition
  std::uint32_t flags = 0;    // scheme-specific bits

  std::string_view Text(const Token& t) const { return std::string_view(buf).substr(t.off, t.len); }
  // Appends `s` to buf and a token of `kind` covering it.
  void Push(std::int32_t kind, std::string_view s) {
    tokens.push_back(Token{kind, static_cast<std::uint32_t>(buf.size()),
                           static_cast<std::uint32_t>(s.size())});
    buf.append(s);
  }
};

// Longest version string any scheme accepts. Real versions are far shorter; the cap keeps hostile
// input from costing more than a bounded, linear amount of work per comparison.
inline constexpr std::size_t kMaxVersionLength = 1024;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAlpha(char c) { return IsLower(c) || IsUpper(c); }
inline bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
inline char Lower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
bool AllDigits(std::string_view s);  // true for a non-empty run of ASCII digits

// Drops leading zeros ("007" -> "7", "000" -> "").
std::string_view StripZeros(std::string_view digits);
// Compares two unbounded non-negative decimal numbers given as digit runs (leading zeros allowed).
int CompareNumbers(std::string_view a, std::string_view b);
// memcmp-style three-way comparison of bytes, normalized to -1/0/1.
int CompareBytes(std::string_view a, std::string_view b);
inline int Sign(int v) { return (v > 0) - (v < 0); }

// Rejects what no scheme accepts: empty, over kMaxVersionLength, ASCII control bytes or whitespace.
// `what` names the scheme for the message.
Status CheckCommon(std::string_view s, std::string_view what);

// Reason text for an error: `<scheme> version "<excerpt>": <why>` with position when known.
Status Invalid(std::string_view what, std::string_view s, std::string_view why,
               std::size_t pos = std::string_view::npos);

}  // namespace sbomhub::version::internal
