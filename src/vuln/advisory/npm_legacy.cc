#include "vuln/advisory/npm_legacy.h"

#include <utility>

#include <simdjson.h>

#include "base/file.h"
#include "base/text.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

namespace {

// purl for an npm package name: a scope's '@' is percent-encoded (purl spec, npm type).
std::string NpmPurl(std::string_view name) {
  std::string out = "pkg:npm/";
  if (StartsWith(name, "@")) {
    out += "%40";
    name.remove_prefix(1);
  }
  out.append(name);
  return out;
}

bool Convert(JsonReader& r, simdjson::dom::element root, Advisory& a) {
  JsonPath at;
  auto o = r.AsObject(root, at);
  if (!o) return false;
  a.source = AdvisorySource::kNpmLegacy;
  a.source_id = r.Scalar(*o, "id", at);
  std::string module = std::string(r.String(*o, "module_name", at));
  if (r.failed()) return false;
  if (a.source_id.empty()) {
    r.Fail(at, "missing required member 'id'");
    return false;
  }
  if (module.empty()) {
    r.Fail(at, "missing required member 'module_name'");
    return false;
  }
  a.id = "NSWG-ECO-" + a.source_id;
  r.StringArray(*o, "cves", at, a.aliases);
  a.summary = std::string(r.String(*o, "title", at));
  a.details = std::string(r.String(*o, "overview", at));
  a.published = std::string(r.String(*o, "publish_date", at));
  a.modified = std::string(r.String(*o, "updated_at", at));
  std::string_view vector = r.String(*o, "cvss_vector", at);
  if (!vector.empty()) {
    SeverityScore s;
    s.type = SeverityTypeFromVector(vector);
    s.vector = std::string(vector);
    s.base_score = r.Number(*o, "cvss_score", at);
    a.severities.push_back(std::move(s));
  }
  std::vector<std::string> urls;
  r.StringArray(*o, "references", at, urls);
  for (auto& u : urls) a.references.push_back({"WEB", std::move(u)});
  AffectedPackage& p = a.affected.emplace_back();
  p.ecosystem = "npm";
  p.purl = NpmPurl(module);
  p.name = std::move(module);
  p.npm_range = std::string(r.String(*o, "vulnerable_versions", at));
  p.npm_patched_range = std::string(r.String(*o, "patched_versions", at));
  if (!r.failed() && p.npm_range.empty()) r.Fail(at, "missing required member 'vulnerable_versions'");
  return !r.failed();
}

Status ParseWith(simdjson::dom::parser& parser, std::string_view bytes, bool padded, const std::string& file,
                 const AdvisoryCallback& callback, ImportStats& stats) {
  ++stats.files;
  simdjson::dom::element root;
  auto err = parser.parse(bytes.data(), bytes.size(), !padded).get(root);
  if (err != simdjson::SUCCESS) {
    stats.AddIssue(file, "", JsonErrorWithPosition(bytes, simdjson::error_message(err)));
    return Status::Ok();
  }
  JsonReader r;
  Advisory a;
  if (!Convert(r, root, a)) {
    stats.AddIssue(file, a.source_id, r.error());
    return Status::Ok();
  }
  ++stats.records;
  return callback(std::move(a));
}

bool IsRecordName(std::string_view n) {
  if (!EndsWith(n, ".json") || n.size() == 5) return false;
  for (char c : n.substr(0, n.size() - 5)) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

}  // namespace

Status ParseNpmLegacyJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                          ImportStats& stats) {
  thread_local simdjson::dom::parser parser;  // per thread, reused across files (see ParseNvdJson)
  return ParseWith(parser, bytes, false, file, callback, stats);
}

Status ImportNpmLegacy(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats) {
  simdjson::dom::parser parser;
  return ForEachFile(
      path, IsRecordName,
      [&](const std::string& file) {
        auto bytes = ReadFile(file);
        if (!bytes.ok()) {
          ++stats.files;
          stats.AddIssue(file, "", bytes.status().message());
          return Status::Ok();
        }
        return ParseWith(parser, *bytes, true, file, callback, stats);
      },
      stats);
}

}  // namespace sbomhub::vuln
