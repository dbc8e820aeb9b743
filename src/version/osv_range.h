// OSV affected ranges, evaluated exactly as the OSV schema's "Evaluation" pseudocode says:
//
//   BeforeLimits(v): no limit events, or v < some limit ("*" is infinity)
//   vulnerable = false
//   for e in events sorted by version ("introduced: 0" first):
//     introduced and v >= e    -> vulnerable = true
//     fixed and v >= e         -> vulnerable = false
//     last_affected and v > e  -> vulnerable = false
//
// Event versions are parsed once, when the range is built (SEMVER ranges always with the SemVer
// scheme, ECOSYSTEM ranges with the ecosystem's scheme). Events at equal versions keep the order
// the record gave them (stable sort). GIT ranges hold commit hashes: they cannot be evaluated
// against a version, so they answer kUnknown, as does a version of another scheme.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "version/vers_range.h"
#include "version/version.h"

namespace sbomhub::version {

enum class OsvRangeType { kSemver, kEcosystem, kGit };
std::string_view OsvRangeTypeName(OsvRangeType t);  // "SEMVER" | "ECOSYSTEM" | "GIT"
std::optional<OsvRangeType> ParseOsvRangeType(std::string_view name);

enum class OsvEventKind { kIntroduced, kFixed, kLastAffected, kLimit };
std::string_view OsvEventKindName(OsvEventKind k);  // "introduced" | "fixed" | "last_affected" | "limit"

struct OsvEvent {
  OsvEventKind kind = OsvEventKind::kIntroduced;
  std::string version;  // as written in the record
};

enum class Affected { kAffected, kNotAffected, kUnknown };
std::string_view AffectedName(Affected a);  // "affected" | "not-affected" | "unknown"

class OsvRange {
 public:
  // `scheme` is the ecosystem's scheme (SchemeForEcosystem); ignored for SEMVER (always kSemver)
  // and GIT. Fails when there is no event, no "introduced" event (the schema requires one), or an
  // event version does not parse under the scheme (the message names the event).
  static Result<OsvRange> Create(OsvRangeType type, Scheme scheme, std::vector<OsvEvent> events);

  // The OSV evaluation; kUnknown for GIT ranges and for a version of another scheme.
  Affected Evaluate(const Version& v) const;
  // Parses `v` with this range's scheme first; kUnknown when it does not parse.
  Affected Evaluate(std::string_view v) const;
  bool Contains(const Version& v) const { return Evaluate(v) == Affected::kAffected; }

  // The same set of versions as a canonical vers range of `vers_type` (e.g. "npm", "pypi"), whose
  // scheme must equal scheme(): the event timeline becomes intervals (introduced opens, fixed
  // closes before, last_affected closes at), capped below the greatest limit. kUnsupported for GIT
  // ranges; kInvalidArgument when the range affects no version (vers cannot say "nothing").
  Result<VersRange> ToVers(std::string_view vers_type) const;

  OsvRangeType type() const { return type_; }
  Scheme scheme() const { return scheme_; }
  // Events in evaluation order (sorted), as written.
  const std::vector<OsvEvent>& events() const { return events_; }

 private:
  struct Bound {
    OsvEventKind kind;
    bool zero = false;      // introduced "0": before every version
    bool infinity = false;  // limit "*"
    std::optional<Version> version;
  };
  OsvRange(OsvRangeType type, Scheme scheme) : type_(type), scheme_(scheme) {}

  OsvRangeType type_;
  Scheme scheme_;
  std::vector<OsvEvent> events_;
  std::vector<Bound> bounds_;  // parallel to events_
  bool has_limits_ = false;
};

}  // namespace sbomhub::version
