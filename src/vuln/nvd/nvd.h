// NVD importer: CVE records from the NVD into `Advisory`, from both generations of its JSON.
//
//   NVD CVE API / feeds 2.0   {"resultsPerPage","startIndex","totalResults","format":"NVD_CVE",
//                              "vulnerabilities":[{"cve":{id, descriptions, metrics,
//                              weaknesses, configurations[{operator,negate,nodes[]}], references}}]}
//                             also a bare {"cve":{…}} item or a bare cve object
//   legacy feeds 1.1          {"CVE_Items":[{"cve":{CVE_data_meta,…}, "configurations":{"nodes":[…]},
//                              "impact":{"baseMetricV3","baseMetricV2"}, publishedDate, lastModifiedDate}]}
//
// Both map to the same Advisory: id = CVE id, details = the English description, severities with
// the vector, NVD's published base score and the scoring source, CWE ids ("CWE-79"; NVD's
// "NVD-CWE-Other"/"NVD-CWE-noinfo" placeholders are dropped), references (type = tags joined by
// ','), cpe_configurations as a tree (see CpeNode), kev_date_added from cisaExploitAdd.
// Rejected CVEs (vulnStatus "Rejected", or a 1.1 description starting "** REJECT **") are kept
// with `withdrawn` = their last-modified time.
//
// Files: *.json and *.json.gz (gzip via libarchive); directories are walked recursively.
// Other NVD API responses (CPE dictionary, match strings, change history) are reported as
// skipped files. The import contract is in vuln/advisory/import.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "vuln/advisory/advisory.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

// Paging members of an API 2.0 response, for clients that fetch the next page.
struct NvdPage {
  bool present = false;  // false for 1.1 feeds and bare records
  std::uint64_t results_per_page = 0;
  std::uint64_t start_index = 0;
  std::uint64_t total_results = 0;
};

Status ImportNvd(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats);

// One in-memory JSON document (not compressed). `page` (optional) receives the paging members.
Status ParseNvdJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats, NvdPage* page = nullptr);

}  // namespace sbomhub::vuln
