// Debian (dpkg) versions: [epoch:]upstream[-revision]. The epoch is a number (default 0), the
// revision is everything after the last '-' (default ""), the upstream version the rest.
// Each part compares with dpkg's verrevcmp: alternate non-digit runs (compared byte by byte where
// letters sort before non-letters and '~' sorts before everything, even the end of the string) and
// digit runs (compared numerically).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseDebian(std::string_view s, ParsedVersion* out);
int CompareDebian(const ParsedVersion& a, const ParsedVersion& b);
// dpkg's verrevcmp on one part; exposed for tests.
int DebianVerRevCmp(std::string_view a, std::string_view b);

}  // namespace sbomhub::version::internal
