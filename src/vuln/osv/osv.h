// OSV importer: OSV JSON and YAML records (https://ossf.github.io/osv-schema/) into `Advisory`.
//
// Accepted inputs
//   - a JSON file holding one record, an array of records, or {"vulns": [records]} (osv.dev API
//     and osv-scalibr test data);
//   - a YAML file holding one record (PyPA advisory-database), read with libyaml's event parser;
//   - a zip archive of such files (osv.dev's per-ecosystem `all.zip`);
//   - a directory tree of all the above, walked recursively in sorted order.
// Files are recognised by name: *.json, *.yaml, *.yml, *.zip; anything else is ignored.
//
// A record needs `id` and `modified` (schema-required); a member with the wrong type, a range
// type outside SEMVER/ECOSYSTEM/GIT or an event that is not introduced/fixed/last_affected/limit
// rejects the record (reported with file, id and JSON pointer). Withdrawn records are imported
// with `withdrawn` set and counted in ImportStats::withdrawn.
// The import contract (streaming, issues, Status) is in vuln/advisory/import.h.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "vuln/advisory/advisory.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

Status ImportOsv(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats);

// One in-memory document; `file` names it in issues.
Status ParseOsvJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats);
Status ParseOsvYaml(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats);
// Reads every *.json/*.yaml/*.yml member of a zip archive held in memory.
Status ParseOsvZip(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                   ImportStats& stats);

// Exactly one record (JSON object); for tests and callers that already split a feed.
Result<Advisory> ParseOsvRecord(std::string_view json);

}  // namespace sbomhub::vuln
