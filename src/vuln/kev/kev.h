// CISA Known Exploited Vulnerabilities (KEV) catalog reader.
//
// CISA publishes one catalog in two serializations with the same columns
// (https://www.cisa.gov/known-exploited-vulnerabilities-catalog):
//
//   JSON  {"title", "catalogVersion", "dateReleased", "count", "vulnerabilities": [ {
//           "cveID", "vendorProject", "product", "vulnerabilityName", "dateAdded",
//           "shortDescription", "requiredAction", "dueDate", "knownRansomwareCampaignUse",
//           "notes", "cwes": ["CWE-79", ...] }, ... ]}
//   CSV   header "cveID,vendorProject,...,notes,cwes", RFC 4180 quoting, cwes "CWE-59, CWE-436"
//
// Validation follows the catalog's JSON schema: the eight required fields are strings,
// cveID matches CVE-YYYY-NNNN (4 to 19 digits), dateAdded/dueDate are YYYY-MM-DD, each cwe is
// CWE-N; knownRansomwareCampaignUse, notes and cwes are optional (older catalogs lack them).
// A JSON catalog whose "count" differs from the number of entries, or any duplicate cveID, is
// rejected: both mean the file is not the catalog CISA published. Unknown fields are ignored.
//
// Errors are kParseError / kInvalidDocument Statuses naming the file and the position: line and
// column for malformed JSON, the JSON pointer (/vulnerabilities/12/dueDate) for schema
// violations, the line number for CSV.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace sbomhub::vuln {

enum class KevRansomwareUse { kUnknown, kKnown };

struct KevEntry {
  std::string cve_id;  // "CVE-2021-44228"
  std::string vendor_project;
  std::string product;
  std::string vulnerability_name;
  std::string date_added;  // YYYY-MM-DD
  std::string short_description;
  std::string required_action;
  std::string due_date;  // YYYY-MM-DD
  KevRansomwareUse known_ransomware_campaign_use = KevRansomwareUse::kUnknown;
  std::string notes;
  std::vector<std::string> cwes;  // "CWE-79"
};

struct KevCatalog {
  // Catalog metadata; only the JSON serialization carries it (empty for CSV).
  std::string title;
  std::string catalog_version;  // "2025.08.25"
  std::string date_released;    // "2025-08-25T17:04:19.9796Z"

  std::vector<KevEntry> entries;  // in file order
  // cveID -> index into `entries`.
  std::unordered_map<std::string, std::size_t> by_cve;

  // The entry for `cve_id`, or nullptr. O(1).
  const KevEntry* Find(const std::string& cve_id) const;
};

// Parses the JSON catalog. `file` is used in messages only.
Result<KevCatalog> ParseKevJson(std::string_view bytes, const std::string& file);

// Parses the CSV catalog. Columns are matched by header name, in any order.
Result<KevCatalog> ParseKevCsv(std::string_view bytes, const std::string& file);

// Reads `path` and picks the serialization from its first non-blank byte ('{' = JSON, else CSV).
Result<KevCatalog> ReadKev(const std::string& path);

// "Known" / "Unknown".
std::string_view KevRansomwareUseName(KevRansomwareUse use);

// True when `id` has the shape CVE-YYYY-NNNN (four-digit year, 4 to 19 digits). Shared with the
// EPSS reader, which uses the same rule.
bool IsCveId(std::string_view id);

}  // namespace sbomhub::vuln
