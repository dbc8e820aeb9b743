// Alpine apk versions: number{.number}...{letter}{_suffix{number}}...{~hash}{-r#}.
// Numbers compare numerically, except that after the first component a leading zero makes the
// comparison textual (1.02 < 1.1 in apk). A single lower-case letter follows the numbers (absent <
// present). Suffixes order _alpha < _beta < _pre < _rc < (none) < _cvs < _svn < _git < _hg < _p,
// each with an optional number. The hash is ignored; -rN is the package release. Anything left over
// makes the version "invalid" as apk-tools says: it still parses, an invalid version sorts below a
// valid one that is otherwise equal, and two invalid versions compare as plain strings (which is
// not transitive with the structured order, exactly as in apk).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseAlpine(std::string_view s, ParsedVersion* out);
int CompareAlpine(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
