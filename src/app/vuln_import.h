// `sbomhub db import`: feed files, directories and zips into the vulnerability database.
// Each file's feed is recognised by its content (OSV JSON/YAML/zip, NVD 1.1 and 2.0, CVE JSON 5,
// CSAF 2.0, legacy npm advisories, CISA KEV JSON/CSV, FIRST EPSS CSV), never by a flag.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "vuln/advisory/import.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::app {

struct FeedReport {
  vuln::ImportStats stats;
  vulndb::PutCounts counts;
};

struct ImportReport {
  std::map<std::string, FeedReport> feeds;  // "osv", "nvd", "kev", ...
  std::size_t unrecognised_files = 0;
  std::vector<std::string> unrecognised;  // first few paths
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
