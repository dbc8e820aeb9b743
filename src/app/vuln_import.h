// `sbomhub db import`: feed files, directories and zips into the vulnerability database.
// Each file's feed is recognised by its content (OSV JSON/YAML/zip, NVD 1.1 and 2.0, CVE JSON 5,
// CSAF 2.0, legacy npm advisories, CISA KEV JSON/CSV, FIRST EPSS CSV), never by a flag; gzip files
// are decompressed first. The rules (docs/vulndb.md has the full table):
//   zip magic                                     -> OSV archive (osv.dev all.zip)
//   JSON, top-level member names:
//     CVE_Items                                   -> NVD 1.1 feed
//     catalogVersion + vulnerabilities            -> CISA KEV
//     vulnerabilities + format NVD_CVE / paging   -> NVD 2.0 API page or feed (other NVD_* formats:
//                                                    unrecognised, they hold no advisories)
//     document                                    -> CSAF (non-CSAF documents are reported by it)
//     module_name + vulnerable_versions           -> legacy npm advisory
//     vulns                                       -> OSV API response
//     cve:{…} alone, or id+sourceIdentifier+vulnStatus -> a bare NVD 2.0 item
//     cveMetadata or dataType CVE_RECORD          -> CVE JSON 5 (also an array of them)
//     id + modified|schema_version|affected       -> OSV record (also an array of them)
//   text, first line: "cveID,…vendorProject…"     -> CISA KEV CSV
//                     "#model_version", "cve,epss,percentile" or "CVE-…;" / "CVE-…,"  -> EPSS
//   *.yaml / *.yml with top-level id: and modified: -> OSV YAML
//   anything else                                 -> counted and listed as unrecognised
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "vuln/advisory/import.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::app {

// Per feed: the parser's statistics (files, records, skipped with reasons) and what the database
// did with the records. The "unreadable" entry collects files that could not be read or unzipped.
struct FeedReport {
  vuln::ImportStats stats;
  vulndb::PutCounts counts;
};

struct ImportReport {
  std::map<std::string, FeedReport> feeds;  // "osv", "nvd", "kev", ...
  static constexpr std::size_t kMaxUnrecognisedKept = 20;
  // Files no feed claims (schemas, READMEs, NVD CPE dictionary pages, …): counted, first paths kept.
  std::size_t unrecognised_files = 0;
  std::vector<std::string> unrecognised;
  double seconds = 0;
  std::size_t TotalRecords() const;
  std::size_t TotalSkipped() const;
};

// Called now and then with the number of records stored so far.
using ProgressFn = std::function<void(std::size_t records)>;

// Imports every path. Records are written in batches of `batch_size`, one transaction each, so an
// interrupted import keeps what it committed and never leaves a record half-written. Re-importing
// the same files changes nothing (counted as unchanged).
Status ImportFeeds(vulndb::VulnDb& db, const std::vector<std::string>& paths, ImportReport& report,
                   const ProgressFn& progress = {}, std::size_t batch_size = 2000);

}  // namespace sbomhub::app
