// Go module versions: semantic versions with a mandatory "v" in go.mod (tolerated without it, as
// OSV records write them). "+incompatible" is build metadata and ignored; pseudo-versions
// (v0.0.0-20200101000000-abcdef123456, vX.Y.(Z+1)-0.yyyymmddhhmmss-hash) order correctly as
// pre-releases under plain SemVer precedence, so no special case is needed.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseGo(std::string_view s, ParsedVersion* out);
int CompareGo(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
