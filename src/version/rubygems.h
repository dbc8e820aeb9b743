// RubyGems (Gem::Version). '-' means ".pre." (1.0-beta = 1.0.pre.beta); the string is split at
// dots and at every digit/letter boundary. Segments up to the first non-numeric one form the
// release, the rest the pre-release; trailing zeros of each group are dropped. Comparison pads with
// 0; numbers compare numerically, strings with strcmp, and a string segment sorts before a number
// (so any version with letters is a pre-release: 1.0.a < 1.0).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseRubyGems(std::string_view s, ParsedVersion* out);
int CompareRubyGems(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
