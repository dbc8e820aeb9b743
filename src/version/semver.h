// SemVer 2.0 and its relatives (npm, crates.io, Hex, Go, Pub, NuGet share this parser).
//
// Rules: numeric components separated by '.', compared numerically (unbounded, leading zeros
// ignored) and padded with zeros; a leading "v" is tolerated. Everything from the first character
// that is neither a digit nor '.' is the pre-release/build tail: "-pre" up to '+' is the pre-release
// (dot-separated identifiers: numeric ones compare numerically and sort before alphanumeric ones,
// which compare in ASCII order; a longer list wins a tie); "+..." is build metadata and ignored.
// A version with a pre-release sorts before the same version without. Components past the
// scheme's count (3, NuGet 4) join the tail, as the osv.dev reference implementation does.
#pragma once

#include <string_view>

#include "version/parsed_version.h"

namespace sbomhub::version::internal {

struct SemverOptions {
  int max_components = 3;
  bool case_insensitive = false;  // NuGet: pre-release compared case-insensitively
  bool order_build = false;       // Pub: build metadata orders ("1.0.0 < 1.0.0+1")
  std::string_view name = "semver";
};

Status ParseSemverLike(std::string_view s, const SemverOptions& options, ParsedVersion* out);
int CompareSemverLike(const ParsedVersion& a, const ParsedVersion& b, bool order_build);

Status ParseSemver(std::string_view s, ParsedVersion* out);
int CompareSemver(const ParsedVersion& a, const ParsedVersion& b);
// Dart pub: semver where build metadata sorts after the bare release and compares as a string.
Status ParsePub(std::string_view s, ParsedVersion* out);
int ComparePub(const ParsedVersion& a, const ParsedVersion& b);

}  // namespace sbomhub::version::internal
