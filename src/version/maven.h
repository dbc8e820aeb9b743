// Maven ComparableVersion (maven-artifact 3.9).
// The string is split at '.', '-' and every digit/non-digit transition (a transition counts as
// '-'); each item remembers the separator before it. Qualifiers are case-insensitive; "cr" = "rc";
// "ga", "final", "release" = "" (the release itself); "a1"/"b1"/"m1" = alpha/beta/milestone when
// directly followed by a number. Known qualifiers order alpha < beta < milestone < rc < snapshot <
// "" < sp, then unknown qualifiers alphabetically. Trailing null items (0, "", ga, final) are
// trimmed before each '-'. When lengths differ the shorter side is padded with null items of the
// other side's separator. Items with different separators order ".qualifier" < "-qualifier" <
// "-number" < ".number".
// Like Maven itself, the order is not transitive for some odd strings that mix ".qualifier" and
// "-qualifier" (1.0-alpha-1 < 1.0 < 1.i1.0-a < 1.0-alpha-1); ranges built from such versions still
// sort deterministically, but no order can make their meaning consistent.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseMaven(std::string_view s, ParsedVersion* out);
int CompareMaven(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
