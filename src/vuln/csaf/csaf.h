// CSAF 2.0 (and the compatible parts of 2.1) security advisories and CSAF VEX documents.
//
// Two steps, so VEX import can reuse the first:
//   ParseCsaf:          JSON -> CsafDocument (the document-level tracking data, the flattened
//                       product tree, and per vulnerability the scores, product status groups,
//                       remediations, flags and threats, all keyed by product_id);
//   CsafToAdvisories:   CsafDocument -> one Advisory per vulnerability.
//
// Product tree flattening: every `branches[]…product`, `full_product_names[]` and
// `relationships[].full_product_name` becomes one CsafProduct. A relationship product
// ("7Client-7.9.Z:firefox-0:115…" = component X as part of platform Y) takes the purl/CPE of its
// `product_reference` when it has none of its own, and remembers the platform in `platform_id`.
//
// Advisory mapping: id = the CVE (else the first ids[] text, else "<tracking id>#<n>"),
// source_id = document tracking id, aliases = ids[] texts that look like advisory ids
// ("GHSA-…", "CVE-…"; bug-tracker numbers are not aliases), modified = current_release_date,
// published = the vulnerability's release_date (else initial_release_date), summary = title,
// details = the first description/summary note, cwes from `cwe` (2.0) / `cwes` (2.1),
// severities from scores[] (cvss_v3, cvss_v4, cvss_v2; identical vectors kept once; source =
// publisher name), affected = one AffectedPackage per product id in each product_status group
// with `status`, product_id, name, purl and cpe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "vuln/advisory/advisory.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

struct CsafProduct {
  std::string product_id;
  std::string name;
  std::string purl;  // first of purl (2.0) / purls[] (2.1)
  std::string cpe;
  std::string platform_id;   // relationships: relates_to_product_reference
  std::string component_id;  // relationships: product_reference
  bool operator==(const CsafProduct&) const = default;
};

struct CsafScore {
  std::vector<std::string> product_ids;
  SeverityType type = SeverityType::kCvssV3;
  std::string vector;
  std::optional<double> base_score;
  bool operator==(const CsafScore&) const = default;
};

struct CsafStatusGroup {
  std::string category;  // first_affected | known_affected | last_affected | fixed | first_fixed |
                         // known_not_affected | under_investigation | recommended
  ProductStatus status = ProductStatus::kAffected;
  std::vector<std::string> product_ids;
  bool operator==(const CsafStatusGroup&) const = default;
};

struct CsafRemediation {
  std::string category;  // vendor_fix | workaround | mitigation | no_fix_planned | none_available …
  std::string details;
  std::string url;
  std::vector<std::string> product_ids;
  std::vector<std::string> group_ids;
  bool operator==(const CsafRemediation&) const = default;
};

// VEX justification flags (component_not_present, vulnerable_code_not_in_execute_path, …).
struct CsafFlag {
  std::string label;
  std::string date;
  std::vector<std::string> product_ids;
  std::vector<std::string> group_ids;
  bool operator==(const CsafFlag&) const = default;
};

struct CsafThreat {
  std::string category;  // impact | exploit_status | target_set
  std::string details;
  std::vector<std::string> product_ids;
  bool operator==(const CsafThreat&) const = default;
};

struct CsafId {
  std::string system_name;
  std::string text;
  bool operator==(const CsafId&) const = default;
};

struct CsafVulnerability {
  std::string cve;
  std::string title;
  std::vector<CsafId> ids;
  std::vector<std::string> cwes;
  std::string description;  // first note of category description (else summary)
  std::string discovery_date;
  std::string release_date;
  std::vector<Reference> references;
  std::vector<CsafScore> scores;
  std::vector<CsafStatusGroup> product_status;
  std::vector<CsafRemediation> remediations;
  std::vector<CsafFlag> flags;
  std::vector<CsafThreat> threats;
  bool operator==(const CsafVulnerability&) const = default;
};

struct CsafDocument {
  std::string csaf_version;
  std::string category;  // csaf_security_advisory | csaf_vex | csaf_base …
  std::string title;
  std::string publisher_name;
  std::string publisher_namespace;
  std::string tracking_id;
  std::string tracking_status;  // draft | interim | final
  std::string tracking_version;
  std::string initial_release_date;
  std::string current_release_date;
  std::vector<CsafProduct> products;  // in document order, product ids unique (first wins)
  std::vector<CsafVulnerability> vulnerabilities;

  // Product by id, or nullptr. The index is built by ParseCsaf.
  const CsafProduct* FindProduct(std::string_view product_id) const;

  std::unordered_map<std::string, std::size_t> product_index;  // product_id -> index in `products`
};

// Parses one CSAF document. kParseError for bad JSON (with line/column), kInvalidDocument when
// it is not CSAF (no document.csaf_version) or a member has the wrong type (with JSON pointer).
Result<CsafDocument> ParseCsaf(std::string_view json);

std::vector<Advisory> CsafToAdvisories(const CsafDocument& doc);

// Imports *.json files under `path`; each document yields one advisory per vulnerability.
// Non-CSAF JSON files are reported as skipped. Contract: vuln/advisory/import.h.
Status ImportCsaf(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats);
// One in-memory document.
Status ParseCsafJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                     ImportStats& stats);

}  // namespace sbomhub::vuln
