// CRAN (R package_version): non-negative integers separated by '.' or '-' (equivalent), compared
// numerically with zero padding; when equal, the version with more components is newer
// (0.1.0 < 0.1.0.0).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseCran(std::string_view s, ParsedVersion* out);
int CompareCran(const ParsedVersion& a, const ParsedVersion& b);

// Shared by CRAN and Hackage: digit runs separated by any byte in `separators`.
Status ParseNumericList(std::string_view s, std::string_view separators, std::string_view name, ParsedVersion* out);
// Zero-padded numeric comparison, then more components wins.
int CompareNumericList(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
