// PEP 440 (PyPI). [N!]N(.N)*[{a|b|rc}N][.postN][.devN][+local], case-insensitive, with the PEP's
// normalizations: "alpha"/"beta"/"c"/"pre"/"preview" spell a/b/rc, "rev"/"r" and "-N" spell post,
// separators '-', '_', '.' are optional, missing numbers are 0, a leading "v" and surrounding
// whitespace are ignored.
// Order: epoch, release (zero-padded), then .devN < aN < bN < rcN < (release) < .postN, where a
// dev release of a pre/post release sorts just before it; local versions sort after the public one
// (segment-wise: numbers > strings, longer wins).
// Strings that are not PEP 440 are parsed as setuptools' LegacyVersion (as pip did for years) and
// sort before every PEP 440 version; they are never rejected unless empty or containing control
// bytes.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParsePep440(std::string_view s, ParsedVersion* out);
int ComparePep440(const ParsedVersion& a, const ParsedVersion& b);
// True when `v` (parsed by ParsePep440) fell back to the legacy form.
bool IsLegacyPep440(const ParsedVersion& v);

}  // namespace sbomhub::version::internal
