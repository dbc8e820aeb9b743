// The normalized vulnerability advisory. Every feed importer (OSV, NVD 1.1/2.0, CVE JSON 5,
// CSAF 2.0, legacy npm advisories) produces `Advisory` values; the store keeps them in the
// compact JSON form written by `AdvisoryToJson`, and the matchers read only this model.
//
//   Advisory ─┬─ identity: id, source, source_id, aliases[], related[], timestamps
//             ├─ text: summary, details; cwes[]; references[]
//             ├─ severities[]: {type, vector, feed score, who scored}
//             ├─ affected[] (package view: OSV, CSAF products, npm legacy)
//             │     └─ ranges[]{type, repo, events[]}, versions[], npm_range, status
//             ├─ cpe_configurations[] (NVD): CpeNode{op, negate, matches[], children[]}
//             └─ cve5_affected[] (CVE JSON 5: vendor/product/cpes/versions per container)
//                 + ssvc (CISA ADP decision points), kev_date_added
//
// Design rules:
// - Nothing is evaluated here: OSV events, CPE version bounds, CVE 5 version ranges and npm
//   semver ranges are kept exactly as the feed spelled them; src/version interprets them.
//   CVSS vectors are strings; `base_score` is the score the feed published, not recomputed.
// - Timestamps are kept as the feed wrote them (RFC 3339 or NVD's "2023-09-12T15:15:24.327").
// - A withdrawn/rejected advisory is still imported with `withdrawn` set; matchers skip it.
// - Values are plain structs with defaulted equality so round trips are testable.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace sbomhub::vuln {

enum class AdvisorySource { kOsv, kNvd, kCve5, kCsaf, kNpmLegacy };
std::string_view AdvisorySourceName(AdvisorySource s);  // "osv" | "nvd" | "cve5" | "csaf" | "npm-legacy"
std::optional<AdvisorySource> ParseAdvisorySource(std::string_view name);

enum class SeverityType { kCvssV2, kCvssV3, kCvssV4, kUbuntu, kOther };
std::string_view SeverityTypeName(SeverityType t);  // OSV spelling: "CVSS_V2" | "CVSS_V3" | "CVSS_V4" | "Ubuntu" | "OTHER"
std::optional<SeverityType> ParseSeverityType(std::string_view name);
// Guesses the type from a vector's prefix ("CVSS:3.1/" -> V3, "CVSS:4.0/" -> V4, "AV:" -> V2).
SeverityType SeverityTypeFromVector(std::string_view vector);

struct SeverityScore {
  SeverityType type = SeverityType::kCvssV3;
  std::string vector;                 // e.g. "CVSS:3.1/AV:N/AC:L/..." (OSV: the `score` string)
  std::optional<double> base_score;   // only when the feed published one
  std::string source;                 // who scored: "nvd@nist.gov", "CISA-ADP", CNA short name…
  bool operator==(const SeverityScore&) const = default;
};

struct Reference {
  std::string type;  // OSV type (WEB, FIX, ADVISORY…), NVD/CVE5 tags joined by ',', CSAF category
  std::string url;
  bool operator==(const Reference&) const = default;
};

enum class RangeType { kSemver, kEcosystem, kGit };
std::string_view RangeTypeName(RangeType t);  // "SEMVER" | "ECOSYSTEM" | "GIT"
std::optional<RangeType> ParseRangeType(std::string_view name);

enum class EventKind { kIntroduced, kFixed, kLastAffected, kLimit };
std::string_view EventKindName(EventKind k);  // "introduced" | "fixed" | "last_affected" | "limit"
std::optional<EventKind> ParseEventKind(std::string_view name);

struct RangeEvent {
  EventKind kind = EventKind::kIntroduced;
  std::string value;
  bool operator==(const RangeEvent&) const = default;
};

struct AffectedRange {
  RangeType type = RangeType::kEcosystem;
  std::string repo;                 // GIT ranges only
  std::vector<RangeEvent> events;   // in feed order
  bool operator==(const AffectedRange&) const = default;
};

// Status of a product/package with respect to one advisory. OSV and npm entries are always
// kAffected; CSAF product_status groups map onto these.
enum class ProductStatus { kAffected, kFixed, kNotAffected, kUnderInvestigation, kRecommended };
std::string_view ProductStatusName(ProductStatus s);  // "affected" | "fixed" | "not_affected" | "under_investigation" | "recommended"
std::optional<ProductStatus> ParseProductStatus(std::string_view name);

// One affected package (OSV `affected[]`), CSAF product, or npm legacy module.
struct AffectedPackage {
  std::string ecosystem;  // OSV ecosystem ("Go", "PyPI", "crates.io", "npm", "Debian:12"…)
  std::string name;
  std::string purl;
  std::string cpe;        // CSAF products identified only by CPE
  std::string product_id; // CSAF product_id
  ProductStatus status = ProductStatus::kAffected;
  std::vector<AffectedRange> ranges;
  std::vector<std::string> versions;
  std::string npm_range;  // legacy npm `vulnerable_versions`, unparsed semver range
  std::string npm_patched_range;  // legacy npm `patched_versions`
  std::string ecosystem_specific;  // raw compact JSON, empty when absent
  std::string database_specific;   // raw compact JSON, empty when absent
  bool operator==(const AffectedPackage&) const = default;
};

struct CpeMatch {
  bool vulnerable = true;
  std::string criteria;  // CPE 2.3 formatted string
  std::string version_start_including;
  std::string version_start_excluding;
  std::string version_end_including;
  std::string version_end_excluding;
  std::string match_criteria_id;  // NVD 2.0 only
  bool operator==(const CpeMatch&) const = default;
};

enum class CpeOperator { kOr, kAnd };
std::string_view CpeOperatorName(CpeOperator op);  // "OR" | "AND"

// A node of an NVD applicability statement. NVD 2.0 `configurations[]` become one node each
// (operator from the configuration, its `nodes[]` as children) unless the configuration is a
// single plain node; NVD 1.1 `nodes[]` map one-to-one.
struct CpeNode {
  CpeOperator op = CpeOperator::kOr;
  bool negate = false;
  std::vector<CpeMatch> matches;
  std::vector<CpeNode> children;
  bool operator==(const CpeNode&) const = default;
};

struct Cve5Version {
  std::string version;
  std::string less_than;
  std::string less_than_or_equal;
  std::string status;        // "affected" | "unaffected" | "unknown"
  std::string version_type;  // "semver", "custom", "git"…
  bool operator==(const Cve5Version&) const = default;
};

struct Cve5Affected {
  std::string container;  // "cna" or the ADP provider's short name ("CISA-ADP")
  std::string vendor;
  std::string product;
  std::string package_name;
  std::string collection_url;
  std::vector<std::string> cpes;
  std::vector<Cve5Version> versions;
  std::string default_status;
  bool operator==(const Cve5Affected&) const = default;
};

// CISA ADP SSVC decision points (values lower-case as published: "none|poc|active", "yes|no",
// "partial|total").
struct SsvcDecision {
  std::string exploitation;
  std::string automatable;
  std::string technical_impact;
  std::string version;
  std::string timestamp;
  bool operator==(const SsvcDecision&) const = default;
};

struct Advisory {
  std::string id;            // canonical id: OSV id, CVE id, "NPM-<n>"
  AdvisorySource source = AdvisorySource::kOsv;
  std::string source_id;     // the feed's own document id (CSAF tracking id, npm number, file id)
  std::string schema_version;
  std::string modified;
  std::string published;
  std::string withdrawn;     // non-empty: withdrawn/rejected at that time (or "rejected")
  std::vector<std::string> aliases;
  std::vector<std::string> related;
  std::string summary;
  std::string details;
  std::vector<SeverityScore> severities;
  std::vector<std::string> cwes;  // "CWE-79"
  std::vector<Reference> references;
  std::vector<AffectedPackage> affected;
  std::vector<CpeNode> cpe_configurations;
  std::vector<Cve5Affected> cve5_affected;
  std::optional<SsvcDecision> ssvc;
  std::string kev_date_added;  // CISA KEV date when the feed embeds it (NVD 2.0, CISA ADP)

  bool IsWithdrawn() const { return !withdrawn.empty(); }
  bool operator==(const Advisory&) const = default;
};

// Deterministic compact JSON (fields in declaration order, empty fields omitted). This is the
// storage format: the layout is versioned by the "v" member (currently 1).
std::string AdvisoryToJson(const Advisory& advisory);
// Parses what AdvisoryToJson wrote. Unknown members are ignored so newer writers stay readable.
Result<Advisory> AdvisoryFromJson(std::string_view json);

// Groups advisories that describe the same problem: two advisories are in one group when they
// share an id or alias (transitively). Returns groups of indices into `advisories`, each sorted
// ascending, groups ordered by their first index. Linear in the total number of ids and aliases
// (union-find with path halving over a hash map).
std::vector<std::vector<std::size_t>> GroupByAlias(const std::vector<Advisory>& advisories);

}  // namespace sbomhub::vuln
