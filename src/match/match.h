// Matching SBOM components to advisories, with every finding explaining itself.
//
//   component ─┬─ purl  ─► PurlMatcher  (OSV affected packages + the ecosystem's version scheme)
//              ├─ CPE   ─► CpeMatcher   (NVD configurations: AND/OR/negate, version bounds,
//              │                          running-on platforms checked against the whole SBOM;
//              │                          CVE 5 affected[] ranges)
//              └─ none  ─► NameMatcher  (normalized name / supplier vs advisory package names and
//                                        CPE vendor:product; confidence < 1, needsVerification)
//
// Advisories reached by several routes or sources for one component and sharing an id or alias
// become ONE finding (all sources kept). Matchers read advisories only through AdvisorySource;
// they know no SQL.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "model/sbom.h"
#include "vuln/advisory/advisory.h"
#include "vulndb/package_key.h"

namespace sbomhub::match {

// Where advisories come from: the SQLite vulnerability DB in production, an in-memory set built
// from flat files in tests.
class AdvisorySource {
 public:
  using AdvisoryFn = std::function<Status(const vuln::Advisory&)>;
  virtual ~AdvisorySource() = default;
  virtual Status ForPackage(const vulndb::PackageKey& key, const AdvisoryFn& fn) = 0;
  virtual Status ForCpeProduct(std::string_view vendor, std::string_view product, const AdvisoryFn& fn) = 0;
  // Candidates for name matching: every package key and CPE vendor:product the source knows.
  virtual Result<std::vector<vulndb::PackageKey>> PackageNames() = 0;
  virtual Result<std::vector<std::pair<std::string, std::string>>> CpeProducts() = 0;
  // Exploit and probability context for a CVE id; nullopt when unknown.
  struct Kev {
    std::string date_added;
    std::string due_date;
    std::string ransomware_use;
  };
  struct Epss {
    double score = 0;
    double percentile = 0;
    std::string date;
  };
  virtual Result<std::optional<Kev>> KevFor(std::string_view cve) = 0;
  virtual Result<std::optional<Epss>> EpssFor(std::string_view cve) = 0;
};

// Why a finding exists (grype's match details): what we searched by, what we found, who found
// it, how sure we are.
struct MatchDetail {
  std::string searched_by;  // "purl pkg:pypi/django@3.2.0" / "cpe cpe:2.3:a:openssl:..." / "name openssl (supplier OpenSSL)"
  std::string found;        // "GHSA-xxxx affected PyPI/django: introduced 3.2, fixed 3.2.15"
  std::string matcher;      // "purl-osv" | "cpe-nvd" | "cpe-cve5" | "name-fuzzy"
  double confidence = 1.0;  // 1 for exact identity matches
  bool needs_verification = false;
};

struct CvssSummary {
  std::string version;  // "3.1"
  std::string vector;
  double score = 0;
};

struct Finding {
  // The component, copied so a finding outlives the SBOM it came from.
  std::string component_name;
  std::string component_version;
  std::string component_purl;
  std::string component_bom_ref;

  std::string id;                    // preferred id: the CVE when one is known, else the first advisory's
  std::vector<std::string> aliases;  // every other id of the problem, sorted
  std::vector<std::string> sources;  // "osv:GHSA-...", "nvd:CVE-..." that contributed
  std::string summary;
  std::string severity;              // "Critical" | "High" | "Medium" | "Low" | "None" | "Unknown"
  std::optional<CvssSummary> cvss;   // the highest-version vector available, scored by sbomhub
  std::optional<AdvisorySource::Epss> epss;
  std::optional<AdvisorySource::Kev> kev;
  MatchDetail match;                 // the strongest route (highest confidence)
  std::vector<MatchDetail> other_matches;
  std::vector<std::string> fixed_versions;  // sorted by the component's scheme
  std::string nearest_fix;                  // smallest fixed version above the component's
};

struct ScanOptions {
  bool name_matching = true;           // only for components with neither purl nor CPE
  double min_name_confidence = 0.75;
};

struct ScanStats {
  std::size_t components = 0;
  std::size_t by_purl = 0;
  std::size_t by_cpe = 0;
  std::size_t by_name = 0;
  std::size_t unmatched_identity = 0;  // components with nothing to search by
};

struct ScanResult {
  std::vector<Finding> findings;  // sorted: severity desc, then id, then component
  ScanStats stats;
};

Result<ScanResult> Scan(const model::Sbom& sbom, AdvisorySource& source, const ScanOptions& options = {});

}  // namespace sbomhub::match
