// Reading whole input files with a size limit. Buffers keep spare capacity after the last byte so
// parsers that read ahead in blocks (simdjson needs 64 bytes) can use them without a copy.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub {

inline constexpr std::uint64_t kDefaultMaxInputBytes = 2ull << 30;  // 2 GiB
inline constexpr std::size_t kInputPadding = 64;

// Reads `path` ("-" is standard input). Fails with kTooLarge past `max_bytes`, kIoError (naming the
// path and the OS reason) when it cannot be read. The string's capacity is at least
// size() + kInputPadding.
Result<std::string> ReadFile(const std::string& path,
                             std::uint64_t max_bytes = kDefaultMaxInputBytes);

// Writes atomically: to a temporary beside `path`, then rename. "-" writes standard output.
Status WriteFile(const std::string& path, std::string_view bytes);

// Copies `bytes` into a string with kInputPadding spare capacity.
std::string PaddedCopy(std::string_view bytes);

}  // namespace sbomhub
