#pragma once

#include <string>
#include <string_view>

namespace sbomhub {

// Lower-case hex SHA-256 of `bytes` (OpenSSL).
std::string Sha256Hex(std::string_view bytes);

}  // namespace sbomhub
