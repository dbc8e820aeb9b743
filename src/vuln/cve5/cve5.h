// CVE JSON 5.x importer (CVE Services / cvelistV5 / CISA vulnrichment records) into `Advisory`.
//
//   {"dataType":"CVE_RECORD","dataVersion":"5.1",
//    "cveMetadata":{cveId, state, datePublished, dateUpdated, dateRejected},
//    "containers":{"cna":{title, descriptions, affected, metrics, problemTypes, references},
//                  "adp":[{providerMetadata.shortName, affected, metrics, problemTypes, …}]}}
//
// Mapping: id = cveId; summary = CNA title; details = the English CNA description; severities
// from every container's cvssV2_0/V3_0/V3_1/V4_0 (vector + published baseScore, source = the
// container's provider short name, "cna" when it has none); CWE ids from problemTypes;
// references from all containers, first occurrence of each URL kept; cve5_affected keeps each
// container's affected[] (vendor, product, packageName, collectionURL, cpes[], versions[] with
// lessThan/lessThanOrEqual/status/versionType, defaultStatus); the CISA ADP `other` metrics give
// `ssvc` (Exploitation, Automatable, Technical Impact) and `kev_date_added`.
// REJECTED records are kept with `withdrawn` = dateRejected (else dateUpdated).
// Files: *.json, directories walked recursively. The import contract is in vuln/advisory/import.h.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "vuln/advisory/advisory.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

Status ImportCve5(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats);

// One in-memory record (or a JSON array of records).
Status ParseCve5Json(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                     ImportStats& stats);

}  // namespace sbomhub::vuln
