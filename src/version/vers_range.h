// purl "vers" version range specifiers (package-url VERSION-RANGE-SPEC):
//
//   vers:<versioning-scheme>/<constraint>|<constraint>|...
//   constraint = [comparator] version, comparator one of = != < <= > >= ("=" when absent),
//   or a lone "*" for every version.
//
// Parse() removes spaces and tabs, checks that "vers" and the scheme are lower case, percent-decodes
// versions, parses every version with the scheme's rules (SchemeForVersType: unknown types use the
// generic scheme), sorts constraints by version and validates them as the spec requires: versions
// unique, "*" alone, and ignoring "!=", "=" only followed by "=", ">" or ">=", and ignoring "=" and
// "!=" as well, "<"/"<=" and ">"/">=" alternating. ToString() gives the canonical form (sorted, "="
// omitted, '%' and '|' in versions percent-encoded), so Parse(ToString()) round-trips.
// Contains() is the spec's containment algorithm.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "version/version.h"

namespace sbomhub::version {

enum class VersComparator { kEq, kNe, kLt, kLe, kGt, kGe };
std::string_view VersComparatorText(VersComparator c);  // "=", "!=", "<", "<=", ">", ">="

struct VersConstraint {
  VersComparator comparator;
  Version version;
};

// One interval of versions; a missing bound is unbounded. Used to build ranges from other notations
// (npm ranges, OSV events, CVE lessThan) and merged into a canonical VersRange.
struct VersionBound {
  Version version;
  bool inclusive = true;
};
struct VersionInterval {
  std::optional<VersionBound> lower;
  std::optional<VersionBound> upper;
  bool Contains(const Version& v) const;
};

class VersRange {
 public:
  // Parses and validates `text`; errors name the offending constraint and its byte position.
  static Result<VersRange> Parse(std::string_view text);
  // "*": every version of `versioning_scheme` (a purl/vers type such as "npm", "deb").
  static VersRange Any(std::string_view versioning_scheme);
  // The union of `intervals` (any order, may overlap) as a canonical range. All versions must be of
  // SchemeForVersType(versioning_scheme). An empty list yields a range that contains nothing
  // representable only as... it is rejected with kInvalidArgument.
  static Result<VersRange> FromIntervals(std::string_view versioning_scheme, std::vector<VersionInterval> intervals);

  bool Contains(const Version& v) const;
  // Parses `v` with this range's scheme first; false when it does not parse.
  bool Contains(std::string_view v) const;
  std::string ToString() const;

  const std::string& versioning_scheme() const { return versioning_scheme_; }
  Scheme scheme() const { return scheme_; }
  bool is_any() const { return any_; }
  // Sorted by version, versions unique. Empty when is_any().
  const std::vector<VersConstraint>& constraints() const { return constraints_; }

 private:
  VersRange(std::string versioning_scheme, Scheme scheme)
      : versioning_scheme_(std::move(versioning_scheme)), scheme_(scheme) {}
  // Sorts, rejects duplicates and checks the comparator sequence rules.
  Status Normalize();

  std::string versioning_scheme_;
  Scheme scheme_;
  bool any_ = false;
  std::vector<VersConstraint> constraints_;
};

}  // namespace sbomhub::version
