// Small text helpers shared by every module: positions in input, case folding, trimming, UTF-8.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sbomhub {

struct LineColumn {
  std::size_t line = 1;    // 1-based
  std::size_t column = 1;  // 1-based, counted in bytes
};

// Line and column of byte `offset` in `text` (offset past the end clamps to the end).
LineColumn LineColumnAt(std::string_view text, std::size_t offset);

// Offset of the first byte that is not valid UTF-8, or nullopt when all of `text` is valid.
std::optional<std::size_t> FindInvalidUtf8(std::string_view text);

std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
// Inline: hot in validators and quality checks that trim every field they look at.
inline std::string_view TrimWhitespace(std::string_view s) {
  auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}
std::vector<std::string_view> Split(std::string_view s, char sep);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);

// A printable excerpt for error messages: at most `max` bytes, control bytes escaped.
std::string Excerpt(std::string_view s, std::size_t max = 60);

}  // namespace sbomhub
