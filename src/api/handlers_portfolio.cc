// Routes backed by the portfolio use cases (src/app/portfolio.h): upload, worklist, VEX in/out,
// diff, vulnerability detail (affected-by), dashboard, vulnerability DB status and import,
// quality and license reports of a stored version.
#include <unistd.h>

#include <filesystem>

#include "api/dto.h"
#include "api/routes.h"
#include "api/state.h"
#include "app/portfolio.h"
#include "app/vuln_import.h"
#include "base/file.h"
#include "base/text.h"
#include "license/report.h"
#include "quality/quality.h"
#include "vuln/advisory/advisory.h"

namespace sbomhub::api {
namespace {

using store::Id;

const std::string kVersionPath = "/api/v1/projects/{project}/versions/{version}";

Result<std::unique_ptr<vulndb::VulnDb>> OpenVulnDb(const ServerState& s, bool write) {
  std::error_code ec;
  if (!write && !std::filesystem::exists(s.options.vuln_db_path, ec)) {
    return Status::NotFound("no vulnerability database yet (POST /api/v1/vulndb/import or `sbomhub db import`)");
  }
  return vulndb::VulnDb::Open(s.options.vuln_db_path,
                              write ? sqlite::Database::Mode::kReadWrite : sqlite::Database::Mode::kReadOnly);
}

Result<Reply> PutSbom(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, true));
  const std::string& version = call.path.at("version");
  std::string file = call.Query("filename");
  if (file.empty()) file = p.name + "@" + version;
  if (call.req.body.empty()) return Status::InvalidArgument("empty body: send the SBOM document as the request body");
  Diagnostics diagnostics;
  // This handler is the body's last reader: the upload moves into the ingest instead of being
  // copied (12 MB for a 10,000-component SBOM, and one whole copy less at the memory peak).
  // httplib hands handlers its own mutable Request as const.
  std::string body = std::move(const_cast<httplib::Request&>(call.req).body);
  auto ingested = app::IngestSbom(call.store, call.who.name, p.id, version, std::move(body), file, diagnostics);
  if (!ingested.ok()) {
    if (ingested.status().code() == StatusCode::kInvalidArgument && !diagnostics.items().empty()) {
      std::vector<std::string> details;
      for (const auto& d : diagnostics.items()) {
        if (details.size() >= 1000) break;
        if (d.severity == Severity::kError) details.push_back(d.ToString());
      }
      return ErrorReply(422, "invalid_document", ingested.status().message(), details);
    }
    return ingested.status();
  }
  JsonWriter w(false);
  w.BeginObject();
  w.Key("version").BeginObject();
  WriteVersion(w, ingested->version);
  w.EndObject();
  w.Key("document");
  WriteDocument(w, ingested->document);
  w.Field("components", static_cast<std::int64_t>(ingested->components));
  w.Key("job");
  WriteJob(w, ingested->job);
  w.Key("warnings").BeginArray();
  for (const auto& d : diagnostics.items()) {
    if (d.severity != Severity::kError) w.String(d.ToString());
  }
  w.EndArray().EndObject();
  return JsonReply(w.Take(), 201);
}

Result<Reply> ExportVex(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  std::string name = call.HasQuery("format") ? call.Query("format") : "cyclonedx";
  auto format = vex::ParseVexFormat(name);
  if (!format) return Status::InvalidArgument("format must be cyclonedx, openvex or csaf");
  SBOMHUB_ASSIGN_OR_RETURN(auto doc, app::ExportVex(call.store, v.id, *format, call.server.options.public_url));
  Reply r;
  r.body = std::move(doc);
  return r;
}

Result<Reply> ImportVex(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, true));
  std::string file = call.Query("filename");
  if (file.empty()) file = "vex-upload";
  auto report = app::ImportVex(call.store, call.who.name, p.id, call.req.body, file);
  if (!report.ok()) {
    if (report.status().code() == StatusCode::kParseError || report.status().code() == StatusCode::kInvalidArgument ||
        report.status().code() == StatusCode::kInvalidDocument) {
      return ErrorReply(422, "invalid_document", report.status().message());
    }
    return report.status();
  }
  JsonWriter w(false);
  w.BeginObject().Field("format", vex::VexFormatName(report->format)).Key("applied").BeginArray();
  for (const auto& a : report->applied) {
    w.BeginObject().Field("statement", static_cast<std::int64_t>(a.statement));
    w.Field("vulnerability", a.vulnerability_id).Field("component", a.component).Key("analysis");
    WriteAnalysis(w, a.analysis);
    w.EndObject();
  }
  w.EndArray().Key("unmatched").BeginArray();
  for (const auto& u : report->unmatched) {
    w.BeginObject().Field("statement", static_cast<std::int64_t>(u.statement));
    w.Field("vulnerability", u.vulnerability_id).Field("reason", u.reason).EndObject();
  }
  w.EndArray().EndObject();
  return JsonReply(w.Take());
}

// "project@version" → the version, if the caller may read the project.
Result<std::pair<store::Project, store::ProjectVersion>> VersionRef(Call& call, const std::string& param) {
  std::string ref = call.Query(param);
  auto at = ref.rfind('@');
  if (ref.empty() || at == std::string::npos || at == 0 || at + 1 == ref.size()) {
    return Status::InvalidArgument("query parameter '" + param + "' must be PROJECT@VERSION");
  }
  call.path["project"] = ref.substr(0, at);
  call.path["version"] = ref.substr(at + 1);
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  return std::make_pair(p, v);
}

Result<Reply> Diff(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto from, VersionRef(call, "from"));
  SBOMHUB_ASSIGN_OR_RETURN(auto to, VersionRef(call, "to"));
  SBOMHUB_ASSIGN_OR_RETURN(auto d, app::DiffVersions(call.store, from.second.id, to.second.id));
  return JsonReply(diff::RenderJson(d, from.first.name + "@" + from.second.version,
                                    to.first.name + "@" + to.second.version));
}

Result<Reply> Vulnerability(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  const std::string& id = call.path.at("id");
  JsonWriter w(false);
  w.BeginObject().Field("id", id);
  auto db = OpenVulnDb(call.server, false);
  bool known = false;
  w.Key("advisories").BeginArray();
  if (db.ok()) {
    SBOMHUB_RETURN_IF_ERROR((*db)->ForIdOrAlias(id, [&](const vuln::Advisory& a) {
      known = true;
      w.Raw(vuln::AdvisoryToJson(a));
      return Status::Ok();
    }));
  }
  w.EndArray();
  if (db.ok()) {
    SBOMHUB_ASSIGN_OR_RETURN(auto kev, (*db)->Kev(id));
    w.Key("kev");
    if (kev) {
      w.BeginObject().Field("date_added", kev->date_added).Field("due_date", kev->due_date);
      w.Field("ransomware_use", kev->ransomware_use).Field("name", kev->name).EndObject();
    } else {
      w.Null();
    }
    SBOMHUB_ASSIGN_OR_RETURN(auto epss, (*db)->Epss(id));
    w.Key("epss");
    if (epss) {
      w.BeginObject().Field("score", epss->score).Field("percentile", epss->percentile);
      w.Field("date", epss->score_date).EndObject();
    } else {
      w.Null();
    }
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, app::AffectedBy(call.store, id, call.who.Scope(), store::Page{store::Page::kMaxLimit, 0}));
  if (!known && rows.empty()) return Status::NotFound("no vulnerability '" + Excerpt(id) + "' in the database or the portfolio");
  w.Key("affected").BeginObject().Key("items").BeginArray();
  std::size_t end = std::min(rows.size(), static_cast<std::size_t>(page.offset + page.limit));
  for (std::size_t i = static_cast<std::size_t>(page.offset); i < end; ++i) {
    const auto& r = rows[i];
    w.BeginObject();
    w.Key("project").BeginObject().Field("id", r.project.id).Field("name", r.project.name).EndObject();
    w.Key("version").BeginObject().Field("id", r.version.id).Field("version", r.version.version).EndObject();
    w.Field("component_ref", r.finding.component_ref).Field("component", r.finding.analysis_component);
    w.Field("component_version", r.finding.details.component_version);
    w.Field("state", r.analysis ? store::AnalysisStateName(r.analysis->state) : std::string_view("in_triage"));
    w.Field("triaged", r.analysis.has_value()).EndObject();
  }
  w.EndArray().Field("total", static_cast<std::int64_t>(rows.size())).Field("limit", page.limit);
  w.Field("offset", page.offset).EndObject();
  w.EndObject();
  return JsonReply(w.Take());
}

Result<Reply> Dashboard(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto s, app::PortfolioSummary(call.store, call.who.Scope()));
  JsonWriter w(false);
  auto n = [](std::size_t v) { return static_cast<std::int64_t>(v); };
  w.BeginObject().Field("projects", n(s.projects)).Field("versions", n(s.versions));
  w.Field("active_findings", n(s.active_findings)).Field("open_findings", n(s.open_findings));
  w.Key("by_priority").BeginObject().Field("P1", n(s.by_priority[0])).Field("P2", n(s.by_priority[1]));
  w.Field("P3", n(s.by_priority[2])).Field("P4", n(s.by_priority[3])).EndObject();
  w.Key("by_severity").BeginObject().Field("critical", n(s.by_severity[0])).Field("high", n(s.by_severity[1]));
  w.Field("medium", n(s.by_severity[2])).Field("low", n(s.by_severity[3])).Field("none", n(s.by_severity[4]));
  w.Field("unknown", n(s.by_severity[5])).EndObject();
  w.Field("kev_findings", n(s.kev_findings));
  w.Key("top_epss").BeginArray();
  for (const auto& item : s.top_epss) {
    const auto& r = item.row;
    w.BeginObject().Field("project", r.project.name).Field("version", r.version.version);
    w.Field("vulnerability", r.finding.vulnerability_id).Field("component", r.finding.details.component_name);
    if (r.finding.details.epss) w.Field("epss", *r.finding.details.epss);
    w.Field("priority", item.priority.band).EndObject();
  }
  w.EndArray().Key("projects_by_risk").BeginArray();
  for (const auto& pr : s.projects_by_risk) {
    w.BeginObject().Field("id", pr.project.id).Field("name", pr.project.name);
    w.Field("criticality", store::CriticalityName(pr.project.criticality));
    w.Field("active_findings", n(pr.active_findings)).Field("p1", n(pr.p1)).Field("p2", n(pr.p2));
    w.Field("max_priority_score", pr.max_priority_score).EndObject();
  }
  w.EndArray().Key("trend").BeginArray();
  for (const auto& d : s.trend) {
    w.BeginObject().Field("date", d.date).Field("new_findings", n(d.new_findings));
    w.Field("resolved_findings", n(d.resolved_findings)).EndObject();
  }
  w.EndArray().EndObject();
  return JsonReply(w.Take());
}

Result<Reply> VulnDbStatus(Call& call) {
  JsonWriter w(false);
  w.BeginObject();
  auto db = OpenVulnDb(call.server, false);
  w.Field("present", db.ok());
  w.Key("sources").BeginArray();
  if (db.ok()) {
    SBOMHUB_ASSIGN_OR_RETURN(auto summary, (*db)->Summary());
    for (const auto& s : summary) {
      w.BeginObject().Field("source", s.source).Field("records", static_cast<std::int64_t>(s.records));
      w.Field("withdrawn", static_cast<std::int64_t>(s.withdrawn)).Field("newest_modified", s.newest_modified).EndObject();
    }
  }
  w.EndArray();
  SBOMHUB_ASSIGN_OR_RETURN(auto state, call.store.GetVulnDbState());
  w.Field("analyzed_fingerprint", state.fingerprint).Field("analyzed_at", state.analyzed_at).EndObject();
  return JsonReply(w.Take());
}

Result<Reply> VulnDbImport(Call& call) {
  if (call.req.body.empty()) return Status::InvalidArgument("empty body: send one feed file (OSV, NVD, KEV, EPSS, ...)");
  std::string name = call.Query("filename");
  // The importer recognises feeds by content, but a name keeps .zip/.gz handling right.
  std::string ext;
  for (std::string_view e : {".zip", ".gz", ".json", ".yaml", ".csv"}) {
    if (EndsWith(name, e)) ext = std::string(e);
  }
  auto dir = std::filesystem::path(call.server.options.vuln_db_path).parent_path();
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  std::string tmp = (dir / ("upload-" + std::to_string(::getpid()) + "-" + std::to_string(reinterpret_cast<std::uintptr_t>(&call)) + ext)).string();
  SBOMHUB_RETURN_IF_ERROR(WriteFile(tmp, call.req.body));
  SBOMHUB_ASSIGN_OR_RETURN(auto db, OpenVulnDb(call.server, true));
  app::ImportReport report;
  Status s = app::ImportFeeds(*db, {tmp}, report);
  std::filesystem::remove(tmp, ec);
  if (!s.ok()) return s;
  SBOMHUB_ASSIGN_OR_RETURN(auto re, app::ReanalyseIfDbChanged(call.store, *db, call.who.name));
  JsonWriter w(false);
  w.BeginObject().Field("records", static_cast<std::int64_t>(report.TotalRecords()));
  w.Field("unrecognised_files", static_cast<std::int64_t>(report.unrecognised_files));
  w.Field("db_changed", re.db_changed).Field("versions_requeued", static_cast<std::int64_t>(re.enqueued.size()));
  w.EndObject();
  return JsonReply(w.Take());
}

Result<Reply> Quality(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  std::string list = call.HasQuery("profile") ? call.Query("profile") : "all";
  SBOMHUB_ASSIGN_OR_RETURN(auto profiles, quality::ParseProfiles(list));
  SBOMHUB_ASSIGN_OR_RETURN(auto sbom, app::CurrentSbom(call.store, v.id));
  auto report = quality::Assess(sbom, profiles);
  JsonWriter w(false);
  quality::WriteQualityReportJson(w, report);
  return JsonReply(w.Take());
}

Result<Reply> Licenses(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  SBOMHUB_ASSIGN_OR_RETURN(auto sbom, app::CurrentSbom(call.store, v.id));
  auto report = license::BuildLicenseReport(sbom, license::Policy::Default());
  JsonWriter w(false);
  license::WriteLicenseReportJson(w, report);
  return JsonReply(w.Take());
}

}  // namespace

void AddPortfolioRoutes(std::vector<Route>& r) {
  r.push_back({.method = "PUT", .path = kVersionPath + "/sbom", .access = Access::kWriter, .tag = "sbom",
               .summary = "upload an SBOM (raw body) as the current document of the version (created when new); "
                          "201 once stored and an analysis is queued, 422 with diagnostics when invalid",
               .query = {{"filename", "name used in diagnostics"}}, .body = Body::kRaw, .success = 201,
               .handler = PutSbom});
  r.push_back({.method = "GET", .path = kVersionPath + "/quality", .access = Access::kSignedIn, .tag = "sbom",
               .summary = "NTIA / CISA 2024 / BSI TR-03183-2 / hygiene results of the current document",
               .query = {{"profile", "ntia|cisa-2024|bsi-tr-03183-2|hygiene|all (comma list)"}}, .handler = Quality});
  r.push_back({.method = "GET", .path = kVersionPath + "/licenses", .access = Access::kSignedIn, .tag = "sbom",
               .summary = "license policy verdicts of the current document (default policy)", .handler = Licenses});
  r.push_back({.method = "GET", .path = kVersionPath + "/vex", .access = Access::kSignedIn, .tag = "vex",
               .summary = "the version's findings and triage as a VEX document",
               .query = {{"format", "cyclonedx|openvex|csaf (default cyclonedx)"}}, .handler = ExportVex});
  r.push_back({.method = "POST", .path = "/api/v1/projects/{project}/vex", .access = Access::kWriter, .tag = "vex",
               .summary = "import a CycloneDX VEX, OpenVEX or CSAF VEX document (raw body) as triage; answers "
                          "{applied, unmatched}",
               .query = {{"filename", "name used in errors"}}, .body = Body::kRaw, .handler = ImportVex});
  r.push_back({.method = "GET", .path = "/api/v1/diff", .access = Access::kSignedIn, .tag = "queries",
               .summary = "SBOM diff of two stored versions",
               .query = {{"from", "PROJECT@VERSION", true}, {"to", "PROJECT@VERSION", true}}, .handler = Diff});
  r.push_back({.method = "GET", .path = "/api/v1/vulnerabilities/{id}", .access = Access::kSignedIn,
               .tag = "queries",
               .summary = "advisories, KEV, EPSS and the visible project versions affected with their triage state",
               .paged = true, .handler = Vulnerability});
  r.push_back({.method = "GET", .path = "/api/v1/dashboard", .access = Access::kSignedIn, .tag = "queries",
               .summary = "counts by priority and severity, KEV hits, top EPSS, projects by risk, 7-day trend",
               .handler = Dashboard});
  r.push_back({.method = "GET", .path = "/api/v1/vulndb", .access = Access::kSignedIn, .tag = "vulndb",
               .summary = "vulnerability database sources and the fingerprint the portfolio was analysed with",
               .handler = VulnDbStatus});
  r.push_back({.method = "POST", .path = "/api/v1/vulndb/import", .access = Access::kAdmin, .tag = "vulndb",
               .summary = "import one feed file (raw body); re-queues the versions the change may affect",
               .query = {{"filename", "original file name (.zip/.gz/.json/...)"}}, .body = Body::kRaw,
               .handler = VulnDbImport});
}

}  // namespace sbomhub::api
