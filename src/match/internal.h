// Shared by the matchers inside src/match; not part of the module's interface.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "match/match.h"
#include "version/version.h"

namespace sbomhub::match::internal {

// One route from one component to one advisory, before findings are merged by alias.
struct RawMatch {
  const vuln::Advisory* advisory = nullptr;
  MatchDetail detail;
  std::vector<std::string> fixed_versions;
  std::optional<version::Scheme> scheme;  // for ordering fixed versions
};

enum class RangeVerdict { kAffected, kNotAffected, kUnknown };

// OSV range semantics (version::OsvRange) for a version string. GIT ranges, ranges whose event
// versions do not parse and versions that do not parse are kUnknown.
RangeVerdict EvaluateOsvRange(const vuln::AffectedRange& range, version::Scheme scheme,
                              std::string_view version_text);

// The version scheme an OSV affected entry's versions follow.
version::Scheme SchemeForAffected(const std::string& ecosystem, vuln::RangeType range_type);

// purl → OSV advisories.
Status MatchPurl(const model::Component& c, AdvisorySource& source, std::vector<RawMatch>& out);

// Per-scan CPE state: every CPE of the SBOM parsed once and indexed by vendor:product (for
// "running on" platform checks), and advisory criteria parsed once however many components meet
// them. Keeps CPE matching linear in the SBOM size.
class CpeScanState;
struct CpeScanStateDeleter {
  void operator()(CpeScanState* state) const;
};
using CpeScanStatePtr = std::unique_ptr<CpeScanState, CpeScanStateDeleter>;
CpeScanStatePtr BuildCpeScanState(const std::vector<std::string>& sbom_cpes);

// CPE → NVD configurations and CVE 5 affected entries.
Status MatchCpe(const model::Component& c, CpeScanState& state, AdvisorySource& source,
                std::vector<RawMatch>& out);

// Name (+ supplier) → candidates; confidence < 1, needs verification. `no_platforms` is a
// CpeScanState built from no SBOM CPEs (a name match has no platform context), shared across
// the scan so candidate criteria are parsed once.
class NameIndex;
// The index is defined beside the name matcher; this deleter lets others own one.
struct NameIndexDeleter {
  void operator()(NameIndex* index) const;
};
using NameIndexPtr = std::unique_ptr<NameIndex, NameIndexDeleter>;
Status MatchName(const model::Component& c, const NameIndex& index, AdvisorySource& source,
                 double min_confidence, CpeScanState& no_platforms, std::vector<RawMatch>& out);

// Indexes only the candidates whose normalized name is in `wanted` (ComponentNameKey of the
// components that will be name-matched).
Result<NameIndexPtr> BuildNameIndex(AdvisorySource& source, const std::unordered_set<std::string>& wanted);
// The normalized name MatchName looks a component up by.
std::string ComponentNameKey(std::string_view name);

// A short human text for a range: "introduced 0, fixed 1.2.3".
std::string DescribeRange(const vuln::AffectedRange& range);

}  // namespace sbomhub::match::internal
