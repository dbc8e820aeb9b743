// RPM versions (Red Hat, Rocky, AlmaLinux, SUSE, openSUSE, ...): [epoch:]version[-release].
// The epoch is present only when the text before the first ':' is all digits (default 0); the
// release is what follows the first '-' after it. Each part compares with rpmvercmp: separators
// (anything but ASCII letters, digits, '~', '^') are skipped; '~' sorts before everything
// (pre-release), '^' after the end of the other string but before anything else (post-release
// snapshot); digit runs compare numerically and beat letter runs; letter runs compare with strcmp;
// when one string runs out, the longer remainder wins. A version without release sorts before the
// same version with one.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

Status ParseRpm(std::string_view s, ParsedVersion* out);
int CompareRpm(const ParsedVersion& a, const ParsedVersion& b);
int RpmVerCmp(std::string_view a, std::string_view b);

}  // namespace sbomhub::version::internal
