// Hackage (Haskell Data.Version / PVP): non-negative integers separated by '.', compared as lists:
// numerically, element by element; a proper prefix is older (1.0 < 1.0.0).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseHackage(std::string_view s, ParsedVersion* out);
int CompareHackage(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
