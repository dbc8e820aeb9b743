// Generic fallback for ecosystems without a dedicated scheme (conan, generic purls, unknown vers
// types). The version is split into digit runs and letter runs (letters compared
// case-insensitively); every other byte only separates. Numbers compare numerically and sort after
// words; a missing segment counts as 0 against a number and sorts after a word, so 1 = 1.0,
// 1.0rc1 < 1.0 < 1.0.1 and 1.0 < 1.0a is false (1.0a is a pre-release of 1.0).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseGeneric(std::string_view s, ParsedVersion* out);
int CompareGeneric(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
