// Legacy npm advisories (the Node.js security working group's `vuln/npm/<n>.json`, the format the
// old npm/nodesecurity.io advisory API used) into `Advisory`.
//
//   {"id": 1, "module_name": "bassmaster", "vulnerable_versions": "<=1.5.1",
//    "patched_versions": ">=1.5.2", "cves": ["CVE-2014-7205"], "title", "overview",
//    "recommendation", "publish_date", "updated_at", "references": [urls] | null,
//    "cvss_vector": "CVSS:3.0/…", "cvss_score": 6.5}
//
// Mapping: id = "NSWG-ECO-<id>" (the working group's public identifier), source_id = "<id>",
// aliases = cves, summary = title, details = overview, published = publish_date,
// modified = updated_at, one severity (type from the vector prefix, cvss_score as base score),
// references typed WEB, and one affected package {ecosystem "npm", name, purl pkg:npm/<name>,
// npm_range = vulnerable_versions, npm_patched_range = patched_versions}. The ranges stay
// strings: src/version owns npm semver range semantics.
// Files: <digits>.json (the folder's index.json duplicates every record and is skipped).
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "vuln/advisory/advisory.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

Status ImportNpmLegacy(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats);
Status ParseNpmLegacyJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                          ImportStats& stats);

}  // namespace sbomhub::vuln
