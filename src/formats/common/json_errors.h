// Precise positions for malformed JSON. simdjson tells *that* a document is malformed (and is
// fast at it); on that rare path we re-scan to find *where*, so every error names
// file:line:column.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::formats {

inline constexpr std::size_t kMaxJsonDepth = 1024;

struct JsonErrorLocation {
  std::size_t offset = 0;  // byte offset of the first offending byte
  std::string reason;      // "invalid UTF-8 byte sequence", "malformed JSON: ..."
};

// The first problem in `bytes` (invalid UTF-8, nesting deeper than `max_depth`, a syntax error),
// or nullopt when there is none. Shared by every JSON reader's error path.
std::optional<JsonErrorLocation> FindJsonError(std::string_view bytes, std::size_t max_depth = kMaxJsonDepth);

// Finds the first problem in `bytes`: invalid UTF-8, nesting deeper than `max_depth`, or a
// syntax error. Returns a kParseError Status "file:line:col: reason", or OK if none was found.
Status LocateJsonError(std::string_view bytes, const std::string& file,
                       std::size_t max_depth = kMaxJsonDepth);

// "file:line:col: message" as a kParseError for an error found at byte `offset`.
Status JsonErrorAt(std::string_view bytes, const std::string& file, std::size_t offset,
                   std::string_view message);

}  // namespace sbomhub::formats
