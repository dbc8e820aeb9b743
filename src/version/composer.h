// Composer / Packagist versions, compared like PHP's version_compare() after composer's cleanup:
// a leading "v"/"V" is dropped, '-', '_' and '+' become '.', and a '.' is inserted at every
// digit/non-digit boundary. Numeric parts compare numerically; word parts by their leading
// special form dev < alpha = a < beta = b < RC = rc < # < pl = p (any other word counts as dev);
// a number beats a word. When one side runs out, a remaining number makes the longer version newer,
// otherwise the remaining words are compared against "#" (so 1.0 > 1.0-beta, 1.0 < 1.0-p1).
// As in PHP, "#" ties with every number, so equality is not transitive for such strings
// (1.2.3.# = 1.2.3.1 and = 1.2.3.9).
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseComposer(std::string_view s, ParsedVersion* out);
int CompareComposer(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
