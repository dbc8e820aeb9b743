// Findings, triage (analyses), bulk triage and where-used.
#include <set>

#include "api/dto.h"
#include "api/routes.h"
#include "api/state.h"
#include "app/portfolio.h"
#include "base/text.h"
#include "version/vers_range.h"

namespace sbomhub::api {
namespace {

using store::Id;

void WriteFindingRow(JsonWriter& w, const store::FindingRow& r, bool with_location,
                     const app::Priority* priority) {
  const auto& f = r.finding;
  const auto& d = f.details;
  w.BeginObject();
  if (with_location) {
    w.Key("project").BeginObject().Field("id", r.project.id).Field("name", r.project.name);
    w.Field("criticality", store::CriticalityName(r.project.criticality)).EndObject();
    w.Key("version").BeginObject().Field("id", r.version.id).Field("version", r.version.version).EndObject();
  }
  w.Field("id", f.id).Field("component_ref", f.component_ref).Field("vulnerability", f.vulnerability_id);
  w.Field("active", f.active).Field("first_seen", f.first_seen).Field("last_seen", f.last_seen);
  w.Field("analysis_component", f.analysis_component);
  w.Key("component").BeginObject().Field("name", d.component_name).Field("version", d.component_version);
  w.Field("purl", d.component_purl).EndObject();
  w.Field("severity", d.severity);
  if (d.cvss_score) w.Field("cvss_score", *d.cvss_score);
  else w.Key("cvss_score").Null();
  w.Field("cvss_vector", d.cvss_vector);
  if (d.epss) w.Field("epss", *d.epss);
  else w.Key("epss").Null();
  if (d.epss_percentile) w.Field("epss_percentile", *d.epss_percentile);
  else w.Key("epss_percentile").Null();
  w.Field("kev", d.kev).Field("summary", d.summary);
  w.Key("fixed_versions").BeginArray();
  for (std::string_view v : Split(d.fixed_versions, ' ')) {
    if (!v.empty()) w.String(v);
  }
  w.EndArray();
  w.Key("match").BeginObject().Field("matcher", d.matcher).Field("needs_verification", d.needs_verification);
  w.Field("confidence", d.confidence).EndObject();
  if (priority != nullptr) {
    w.Field("priority", priority->band).Field("priority_score", priority->score);
    w.Key("priority_reasons").BeginArray();
    for (const auto& reason : priority->reasons) w.String(reason);
    w.EndArray();
  }
  w.Key("analysis");
  if (r.analysis) WriteAnalysis(w, *r.analysis);
  else w.Null();
  w.EndObject();
}

// The prioritized worklist of one version (app::Worklist: CVSS, EPSS, KEV, asset criticality).
Result<Reply> ListFindings(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  app::WorklistFilter filter;
  filter.query.project_id = p.id;
  filter.query.version_id = v.id;
  filter.query.include_inactive = call.Query("include_inactive") == "true";
  if (call.HasQuery("priority")) {
    std::string band = call.Query("priority");
    if (band != "P1" && band != "P2" && band != "P3" && band != "P4") {
      return Status::InvalidArgument("priority must be P1, P2, P3 or P4");
    }
    filter.priority = band;
  }
  std::string state = call.Query("state");
  bool untriaged_only = state == "none";
  if (!state.empty() && !untriaged_only) {
    filter.state = store::ParseAnalysisState(state);
    if (!filter.state) {
      return Status::InvalidArgument("state must be none or an analysis state (in_triage, exploitable, ...)");
    }
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto items, app::Worklist(call.store, filter));
  if (untriaged_only) {
    std::erase_if(items, [](const app::WorklistItem& i) { return i.row.analysis.has_value(); });
  }
  return JsonReply(ListJson(items, page, [](JsonWriter& w, const app::WorklistItem& i) {
    WriteFindingRow(w, i.row, false, &i.priority);
  }));
}

// The decision fields of a triage body into `a` (state required).
Status ReadDecision(const nlohmann::json& body, store::Analysis& a) {
  SBOMHUB_ASSIGN_OR_RETURN(std::string state, StringField(body, "state"));
  auto s = store::ParseAnalysisState(state);
  if (!s) {
    return Status::InvalidArgument("state must be in_triage, exploitable, resolved, resolved_with_pedigree, "
                                   "false_positive or not_affected, got '" + Excerpt(state) + "'");
  }
  a.state = *s;
  SBOMHUB_ASSIGN_OR_RETURN(a.justification, StringField(body, "justification", false));
  SBOMHUB_ASSIGN_OR_RETURN(a.detail, StringField(body, "detail", false));
  auto it = body.find("response");
  if (it != body.end() && it->is_array()) {
    std::string joined;
    for (const auto& x : *it) {
      if (!x.is_string()) return Status::InvalidArgument("field 'response' must be a string or an array of strings");
      if (!joined.empty()) joined += ",";
      joined += x.get<std::string>();
    }
    a.response = joined;
  } else {
    SBOMHUB_ASSIGN_OR_RETURN(a.response, StringField(body, "response", false));
  }
  return Status::Ok();
}

Result<Reply> PutAnalysis(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, true));
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  store::Analysis a;
  a.project_id = p.id;
  SBOMHUB_ASSIGN_OR_RETURN(a.component, StringField(body, "component"));
  SBOMHUB_ASSIGN_OR_RETURN(a.vulnerability_id, StringField(body, "vulnerability"));
  if (a.component.empty() || a.vulnerability_id.empty()) {
    return Status::InvalidArgument("component and vulnerability must not be empty");
  }
  SBOMHUB_RETURN_IF_ERROR(ReadDecision(body, a));
  SBOMHUB_ASSIGN_OR_RETURN(auto stored, call.store.PutAnalysis(call.who.name, a));
  JsonWriter w(false);
  WriteAnalysis(w, stored);
  return JsonReply(w.Take());
}

Result<Reply> ListAnalyses(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto all, call.store.ListAnalyses(p.id, AllRows()));
  return JsonReply(ListJson(all, page, WriteAnalysis));
}

Result<Reply> AnalysisHistory(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  std::string component = call.Query("component");
  std::string vuln = call.Query("vulnerability");
  if (component.empty() || vuln.empty()) {
    return Status::InvalidArgument("query parameters 'component' and 'vulnerability' are required");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto history, call.store.AnalysisHistory(p.id, component, vuln));
  return JsonReply(ListJson(history, page, WriteAnalysis));
}

// Applies one decision to every finding of `vulnerability` (optionally of one component key) in
// one project or, for an admin, the whole portfolio.
Result<Reply> BulkTriage(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string scope, StringField(body, "scope"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string vuln, StringField(body, "vulnerability"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string component, StringField(body, "component", false));
  store::Analysis decision;
  SBOMHUB_RETURN_IF_ERROR(ReadDecision(body, decision));
  store::FindingQuery q;
  q.vulnerability_id = vuln;
  if (scope == "project") {
    SBOMHUB_ASSIGN_OR_RETURN(std::string project, StringField(body, "project"));
    call.path["project"] = project;
    SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, true));
    q.project_id = p.id;
  } else if (scope == "portfolio") {
    if (call.who.role != store::Role::kAdmin) {
      return Status::PermissionDenied("triage across the portfolio needs the admin role");
    }
  } else {
    return Status::InvalidArgument("scope must be 'project' or 'portfolio'");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, call.store.QueryFindings(q, AllRows()));
  std::set<std::pair<Id, std::string>> keys;
  for (const auto& r : rows) {
    if (!component.empty() && r.finding.analysis_component != component) continue;
    keys.emplace(r.project.id, r.finding.analysis_component);
  }
  JsonWriter w(false);
  w.BeginObject().Key("applied").BeginArray();
  for (const auto& [project_id, comp] : keys) {
    store::Analysis a = decision;
    a.project_id = project_id;
    a.component = comp;
    a.vulnerability_id = vuln;
    SBOMHUB_ASSIGN_OR_RETURN(auto stored, call.store.PutAnalysis(call.who.name, a));
    WriteAnalysis(w, stored);
  }
  w.EndArray().Field("count", static_cast<std::int64_t>(keys.size())).EndObject();
  return JsonReply(w.Take());
}

Result<Reply> WhereUsed(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  std::string purl = call.Query("purl");
  std::string name = call.Query("name");
  if (purl.empty() == name.empty()) {
    return Status::InvalidArgument("give exactly one of ?purl=pkg:... or ?name=pattern");
  }
  std::optional<version::VersRange> range;
  if (call.HasQuery("range")) {
    auto parsed = version::VersRange::Parse(call.Query("range"));
    if (!parsed.ok()) return parsed.status().WithContext("range");
    range = std::move(*parsed);
  }
  std::optional<std::string> exact;
  if (call.HasQuery("version")) exact = call.Query("version");
  store::TeamScope scope = call.who.Scope();
  std::optional<std::string_view> version;
  if (exact) version = *exact;
  // Paged by the store unless a filter the store cannot apply (a range; an exact version of a
  // name-pattern match) must see every row: the common cases stay cheap on a large portfolio.
  const bool store_pages = !range && (!purl.empty() || !exact);
  std::vector<store::WhereUsedRow> rows;
  if (store_pages) {
    store::Page sp = page;
    sp.limit += 1;
    SBOMHUB_ASSIGN_OR_RETURN(rows, !purl.empty()
                                       ? call.store.WhereUsed(purl, version, sp, scope)
                                       : call.store.WhereUsedByName(name, sp, scope));
  } else {
    SBOMHUB_ASSIGN_OR_RETURN(auto all, !purl.empty()
                                           ? call.store.WhereUsed(purl, version, AllRows(), scope)
                                           : call.store.WhereUsedByName(name, AllRows(), scope));
    for (auto& r : all) {
      if (exact && r.component.version != *exact) continue;
      if (range && !range->Contains(std::string_view(r.component.version))) continue;
      rows.push_back(std::move(r));
    }
  }
  auto write = [](JsonWriter& w, const store::WhereUsedRow& r) {
    w.BeginObject();
    w.Key("project").BeginObject().Field("id", r.project.id).Field("name", r.project.name);
    w.Field("criticality", store::CriticalityName(r.project.criticality)).EndObject();
    w.Key("version").BeginObject().Field("id", r.version.id).Field("version", r.version.version).EndObject();
    w.Key("component");
    WriteComponent(w, r.component);
    w.EndObject();
  };
  if (store_pages) {
    bool more = static_cast<std::int64_t>(rows.size()) > page.limit;
    if (more) rows.pop_back();
    JsonWriter w(false);
    w.BeginObject().Key("items").BeginArray();
    for (const auto& r : rows) write(w, r);
    w.EndArray();
    if (!more) w.Field("total", page.offset + static_cast<std::int64_t>(rows.size()));
    else w.Key("total").Null();
    w.Field("has_more", more).Field("limit", page.limit).Field("offset", page.offset).EndObject();
    return JsonReply(w.Take());
  }
  return JsonReply(ListJson(rows, page, write));
}

const std::string kProjectPath = "/api/v1/projects/{project}";

}  // namespace

void AddAnalysisRoutes(std::vector<Route>& r) {
  r.push_back({.method = "GET", .path = kProjectPath + "/versions/{version}/findings", .access = Access::kSignedIn,
               .tag = "findings", .summary = "prioritized worklist of a version: findings with match details, priority and triage",
               .query = {{"include_inactive", "also findings the last scan no longer reported", false, "boolean"},
                         {"priority", "P1|P2|P3|P4"},
                         {"state", "analysis state (in_triage also matches untriaged), or none for untriaged"}},
               .paged = true, .handler = ListFindings});
  r.push_back({.method = "PUT", .path = kProjectPath + "/analyses", .access = Access::kWriter, .tag = "triage",
               .summary = "triage one component x vulnerability for every version of the project",
               .body = Body::kJson, .body_fields = "component,vulnerability,state,justification,response,detail",
               .handler = PutAnalysis});
  r.push_back({.method = "GET", .path = kProjectPath + "/analyses", .access = Access::kSignedIn, .tag = "triage",
               .summary = "current triage decisions of the project", .paged = true, .handler = ListAnalyses});
  r.push_back({.method = "GET", .path = kProjectPath + "/analyses/history", .access = Access::kSignedIn,
               .tag = "triage", .summary = "audit trail of one decision, oldest first",
               .query = {{"component", "analysis component key", true}, {"vulnerability", "vulnerability id", true}},
               .paged = true, .handler = AnalysisHistory});
  r.push_back({.method = "POST", .path = "/api/v1/analyses/bulk", .access = Access::kWriter, .tag = "triage",
               .summary = "apply one decision to every finding of a vulnerability in a project (or, admin, the portfolio)",
               .body = Body::kJson,
               .body_fields = "scope,project,vulnerability,component,state,justification,response,detail",
               .handler = BulkTriage});
  r.push_back({.method = "GET", .path = "/api/v1/where-used", .access = Access::kSignedIn, .tag = "queries",
               .summary = "project versions containing a package (purl, optional vers: range or version) or a name pattern",
               .query = {{"purl", "package URL (version ignored)"}, {"name", "name pattern, * wildcard"},
                         {"range", "vers: range the component version must satisfy"},
                         {"version", "exact component version"}},
               .paged = true, .handler = WhereUsed});
}

}  // namespace sbomhub::api
