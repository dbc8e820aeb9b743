// node-semver range syntax (npm "dependencies" and the legacy npm advisories' vulnerable_versions /
// patched_versions) converted into typed intervals and vers ranges:
//
//   range  = set ( "||" set )*            union of sets
//   set    = hyphen | comparator*          intersection of comparators ("" or "*" = any)
//   hyphen = partial " - " partial         1.2 - 2.3.4  =>  >=1.2.0 <=2.3.4
//   comparator = [op] partial, op one of < <= > >= = ~ ~> ^ (whitespace may follow the op)
//   partial = [v|=] (N|x|X|*) [. (N|x|X|*) [. (N|x|X|*) [-pre] [+build]]]
//
// Desugaring follows node-semver: 1.x / 1 => >=1.0.0 <2.0.0-0, ~1.2.3 => >=1.2.3 <1.3.0-0,
// ^0.2.3 => >=0.2.3 <0.3.0-0, ^0.0.3 => >=0.0.3 <0.0.4-0, >1.2 => >=1.3.0, <=1.2 => <1.3.0-0.
// Versions then order by plain SemVer precedence (as OSV does); node-semver's extra rule that
// pre-releases only match comparators on the same major.minor.patch is deliberately not applied,
// because advisories speak about every published version.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "version/vers_range.h"

namespace sbomhub::version {

// The union of intervals, one per "||" set (sets that can match nothing are dropped, so the result
// may be empty). Errors name the comparator and why.
Result<std::vector<VersionInterval>> ParseNpmRange(std::string_view range);
// ParseNpmRange merged into a canonical vers:npm range. Fails when the range matches nothing.
Result<VersRange> NpmRangeToVers(std::string_view range);

}  // namespace sbomhub::version
