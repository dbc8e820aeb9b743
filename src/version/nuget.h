// NuGet versions: up to four numeric parts (1.0 = 1.0.0.0; leading zeros ignored) and a SemVer 2
// pre-release compared case-insensitively; build metadata after '+' is ignored.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseNuGet(std::string_view s, ParsedVersion* out);
int CompareNuGet(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
