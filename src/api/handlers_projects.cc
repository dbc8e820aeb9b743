// Projects, versions, their SBOM documents, components, dependency graph and paths.

#include "api/dto.h"
#include "api/routes.h"
#include "api/state.h"
#include "base/file.h"
#include "base/text.h"
#include "formats/registry.h"

namespace sbomhub::api {
namespace {

using store::Id;

// Active finding counts of a project (or one version) by severity.
struct RiskCounts {
  std::int64_t critical = 0, high = 0, medium = 0, low = 0, other = 0, kev = 0;
  std::int64_t Total() const { return critical + high + medium + low + other; }
};

void Add(RiskCounts& c, const store::FindingCount& n) {
  const std::string& s = n.severity;
  if (s == "critical") c.critical += n.count;
  else if (s == "high") c.high += n.count;
  else if (s == "medium") c.medium += n.count;
  else if (s == "low") c.low += n.count;
  else c.other += n.count;
  if (n.kev) c.kev += n.count;
}

Result<RiskCounts> CountRisk(store::Store& store, std::optional<Id> project, std::optional<Id> version) {
  store::FindingQuery q;
  q.project_id = project;
  q.version_id = version;
  SBOMHUB_ASSIGN_OR_RETURN(auto counts, store.CountFindings(q));
  RiskCounts c;
  for (const auto& n : counts) Add(c, n);
  return c;
}

void WriteRisk(JsonWriter& w, const RiskCounts& c) {
  w.Key("findings").BeginObject().Field("critical", c.critical).Field("high", c.high).Field("medium", c.medium);
  w.Field("low", c.low).Field("other", c.other).Field("kev", c.kev).Field("total", c.Total()).EndObject();
}

Result<Reply> ListProjects(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  store::ProjectFilter filter;
  filter.team_ids = call.who.Scope();
  filter.name_contains = call.Query("q");
  if (call.HasQuery("criticality")) {
    filter.criticality = store::ParseCriticality(call.Query("criticality"));
    if (!filter.criticality) return Status::InvalidArgument("criticality must be critical, high, medium or low");
  }
  if (call.HasQuery("team")) {
    auto team = FindTeam(call.store, call.Query("team"));
    if (!team.ok() && team.status().code() != StatusCode::kNotFound) return team.status();
    std::vector<Id> only;
    if (team.ok() && (call.who.SeesAllTeams() || call.who.InTeam(team->id))) only.push_back(team->id);
    filter.team_ids = only;  // an unknown or invisible team yields nothing
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto projects, call.store.ListProjects(filter, AllRows()));
  // Finding counts of the whole visible portfolio, counted by the database in one query.
  std::map<Id, RiskCounts> risk_by_project;
  {
    store::FindingQuery q;
    q.team_ids = call.who.Scope();
    SBOMHUB_ASSIGN_OR_RETURN(auto counts, call.store.CountFindings(q));
    for (const auto& n : counts) Add(risk_by_project[n.project_id], n);
  }
  std::map<Id, std::string> team_names;
  JsonWriter w(false);
  w.BeginObject().Key("items").BeginArray();
  std::size_t end = std::min(projects.size(), static_cast<std::size_t>(page.offset + page.limit));
  for (std::size_t i = static_cast<std::size_t>(page.offset); i < end; ++i) {
    const auto& p = projects[i];
    if (!team_names.count(p.team_id)) {
      SBOMHUB_ASSIGN_OR_RETURN(auto t, call.store.GetTeam(p.team_id));
      team_names[p.team_id] = t.name;
    }
    const RiskCounts& risk = risk_by_project[p.id];
    w.BeginObject();
    WriteProject(w, p);
    w.Field("team", team_names[p.team_id]);
    WriteRisk(w, risk);
    w.EndObject();
  }
  w.EndArray().Field("total", static_cast<std::int64_t>(projects.size())).Field("limit", page.limit);
  w.Field("offset", page.offset).EndObject();
  return JsonReply(w.Take());
}

Result<Reply> CreateProject(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string name, StringField(body, "name"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string team_key, StringField(body, "team"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string crit_name, StringField(body, "criticality", false));
  auto crit = crit_name.empty() ? std::optional(store::Criticality::kMedium) : store::ParseCriticality(crit_name);
  if (!crit) return Status::InvalidArgument("criticality must be critical, high, medium or low");
  if (name.empty() || AsId(name)) {
    return Status::InvalidArgument("project name must not be empty or a number (numbers address projects by id)");
  }
  auto team = FindTeam(call.store, team_key);
  if (!team.ok()) return team.status();
  if (call.who.role != store::Role::kAdmin && !call.who.InTeam(team->id)) {
    return Status::PermissionDenied("you may create projects only in your own teams");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto p, call.store.CreateProject(call.who.name, name, team->id, *crit));
  JsonWriter w(false);
  w.BeginObject();
  WriteProject(w, p);
  w.Field("team", team->name).EndObject();
  return JsonReply(w.Take(), 201);
}

Result<Reply> GetProject(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto team, call.store.GetTeam(p.team_id));
  SBOMHUB_ASSIGN_OR_RETURN(auto versions, call.store.ListVersions(p.id, AllRows()));
  SBOMHUB_ASSIGN_OR_RETURN(auto risk, CountRisk(call.store, p.id, std::nullopt));
  JsonWriter w(false);
  w.BeginObject();
  WriteProject(w, p);
  w.Field("team", team.name);
  WriteRisk(w, risk);
  w.Key("versions").BeginArray();
  for (const auto& v : versions) {
    w.BeginObject();
    WriteVersion(w, v);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return JsonReply(w.Take());
}

Result<Reply> PatchProject(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, true));
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  std::optional<store::Criticality> crit;
  std::optional<Id> team_id;
  SBOMHUB_ASSIGN_OR_RETURN(std::string crit_name, StringField(body, "criticality", false));
  if (!crit_name.empty()) {
    crit = store::ParseCriticality(crit_name);
    if (!crit) return Status::InvalidArgument("criticality must be critical, high, medium or low");
  }
  SBOMHUB_ASSIGN_OR_RETURN(std::string team_key, StringField(body, "team", false));
  if (!team_key.empty()) {
    SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, team_key));
    if (call.who.role != store::Role::kAdmin && !call.who.InTeam(team.id)) {
      return Status::PermissionDenied("you may move a project only to one of your own teams");
    }
    team_id = team.id;
  }
  if (!crit && !team_id) return Status::InvalidArgument("nothing to change: give criticality and/or team");
  SBOMHUB_ASSIGN_OR_RETURN(auto updated, call.store.UpdateProject(call.who.name, p.id, crit, team_id));
  JsonWriter w(false);
  w.BeginObject();
  WriteProject(w, updated);
  w.EndObject();
  return JsonReply(w.Take());
}

Result<Reply> ListVersions(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto versions, call.store.ListVersions(p.id, AllRows()));
  JsonWriter w(false);
  w.BeginObject().Key("items").BeginArray();
  std::size_t end = std::min(versions.size(), static_cast<std::size_t>(page.offset + page.limit));
  for (std::size_t i = static_cast<std::size_t>(page.offset); i < end; ++i) {
    const auto& v = versions[i];
    SBOMHUB_ASSIGN_OR_RETURN(auto docs, call.store.ListDocuments(v.id));
    SBOMHUB_ASSIGN_OR_RETURN(auto components, call.store.ComponentsOf(v.id, AllRows()));
    SBOMHUB_ASSIGN_OR_RETURN(auto risk, CountRisk(call.store, std::nullopt, v.id));
    w.BeginObject();
    WriteVersion(w, v);
    w.Field("documents", static_cast<std::int64_t>(docs.size()));
    if (!docs.empty()) {
      w.Key("current_document");
      WriteDocument(w, docs.back());
    }
    // Counted up to the store's page limit; `component_count_capped` says when there are more.
    w.Field("component_count", static_cast<std::int64_t>(components.size()));
    w.Field("component_count_capped", static_cast<std::int64_t>(components.size()) >= store::Page::kMaxLimit);
    WriteRisk(w, risk);
    w.EndObject();
  }
  w.EndArray().Field("total", static_cast<std::int64_t>(versions.size())).Field("limit", page.limit);
  w.Field("offset", page.offset).EndObject();
  return JsonReply(w.Take());
}

Result<Reply> ListDocuments(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  SBOMHUB_ASSIGN_OR_RETURN(auto docs, call.store.ListDocuments(v.id));
  return JsonReply(ListJson(docs, page, WriteDocument));
}

// The version's current document, or ?document=ID among its uploads.
Result<store::SbomDocument> ChosenDocument(Call& call, const store::ProjectVersion& v) {
  SBOMHUB_ASSIGN_OR_RETURN(auto docs, call.store.ListDocuments(v.id));
  if (docs.empty()) return Status::NotFound("version '" + v.version + "' has no SBOM yet");
  if (!call.HasQuery("document")) {
    for (const auto& d : docs) {
      if (d.current) return d;
    }
    return docs.back();
  }
  auto id = AsId(call.Query("document"));
  for (const auto& d : docs) {
    if (id && d.id == *id) return d;
  }
  return Status::NotFound("version '" + v.version + "' has no document " + Excerpt(call.Query("document")));
}

std::string MediaTypeOf(const store::SbomDocument& d) {
  if (d.encoding == "json" || d.encoding == "json-ld") return "application/json";
  if (d.encoding == "xml") return "application/xml";
  return "text/plain; charset=utf-8";
}

Result<Reply> GetSbom(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  SBOMHUB_ASSIGN_OR_RETURN(auto doc, ChosenDocument(call, v));
  SBOMHUB_ASSIGN_OR_RETURN(auto bytes, call.store.SbomBytes(doc.id));
  Reply r;
  r.body = std::move(bytes);
  r.content_type = MediaTypeOf(doc);
  r.headers.emplace_back("X-SBOM-SHA256", doc.sha256);
  r.headers.emplace_back("X-SBOM-Document", std::to_string(doc.id));
  return r;
}

Result<Reply> ExportSbom(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  std::string target = call.HasQuery("format") ? call.Query("format") : "cyclonedx-json";
  SBOMHUB_ASSIGN_OR_RETURN(const formats::Codec* codec, formats::CodecByName(target));
  (void)codec;
  SBOMHUB_ASSIGN_OR_RETURN(auto doc, ChosenDocument(call, v));
  SBOMHUB_ASSIGN_OR_RETURN(auto bytes, call.store.SbomBytes(doc.id));
  formats::DecodeOptions dopts;
  dopts.file_name = p.name + "@" + v.version;
  SBOMHUB_ASSIGN_OR_RETURN(auto decoded, formats::DecodeSbom(PaddedCopy(bytes), dopts));
  formats::EncodeOptions eopts;
  eopts.spec_version = call.Query("spec_version");
  SBOMHUB_ASSIGN_OR_RETURN(auto encoded, formats::EncodeSbom(decoded.sbom, target, eopts));
  Reply r;
  r.body = std::move(encoded.bytes);
  r.content_type = EndsWith(target, "-xml") ? "application/xml"
                   : EndsWith(target, "-tv") ? "text/plain; charset=utf-8"
                                             : "application/json";
  r.headers.emplace_back("X-Conversion-Warnings", std::to_string(encoded.warnings.items().size()));
  return r;
}

bool Truthy(const std::string& s) { return s == "true" || s == "1" || s == "yes"; }

Result<Reply> ListComponents(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  std::string q = AsciiLower(call.Query("q"));
  std::string eco = AsciiLower(call.Query("ecosystem"));
  std::string license = AsciiLower(call.Query("license"));
  std::string scope = call.Query("scope");
  bool only_direct = call.HasQuery("direct") && Truthy(call.Query("direct"));
  bool filtered = !q.empty() || !eco.empty() || !license.empty() || !scope.empty() || only_direct;
  if (!filtered) {
    // Paged by the store (large SBOMs); total from a count of the whole list would cost as much.
    store::Page sp = page;
    sp.limit += 1;
    SBOMHUB_ASSIGN_OR_RETURN(auto rows, call.store.ComponentsOf(v.id, sp));
    bool more = static_cast<std::int64_t>(rows.size()) > page.limit;
    if (more) rows.pop_back();
    JsonWriter w(false);
    w.BeginObject().Key("items").BeginArray();
    for (const auto& c : rows) WriteComponent(w, c);
    w.EndArray();
    if (!more) w.Field("total", page.offset + static_cast<std::int64_t>(rows.size()));
    else w.Key("total").Null();
    w.Field("has_more", more).Field("limit", page.limit).Field("offset", page.offset).EndObject();
    return JsonReply(w.Take());
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto all, call.store.ComponentsOf(v.id, AllRows()));
  std::vector<store::StoredComponent> hits;
  for (auto& c : all) {
    if (!q.empty() && AsciiLower(c.name).find(q) == std::string::npos &&
        AsciiLower(c.purl).find(q) == std::string::npos) {
      continue;
    }
    if (!eco.empty() && AsciiLower(c.purl_type) != eco) continue;
    if (!license.empty() && AsciiLower(c.license).find(license) == std::string::npos) continue;
    if (!scope.empty() && c.scope != scope) continue;
    if (only_direct && !c.direct) continue;
    hits.push_back(std::move(c));
  }
  return JsonReply(ListJson(hits, page, WriteComponent));
}

Result<Reply> ListDependencies(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  SBOMHUB_ASSIGN_OR_RETURN(auto edges, call.store.EdgesOf(v.id));
  return JsonReply(ListJson(edges, page, [](JsonWriter& w, const store::StoredEdge& e) {
    w.BeginObject().Field("from", e.from_ref).Field("to", e.to_ref).Field("type", e.type).EndObject();
  }));
}

Result<Reply> DependencyPaths(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto p, ResolveProject(call, false));
  SBOMHUB_ASSIGN_OR_RETURN(auto v, ResolveVersion(call, p));
  std::string to = call.Query("to");
  if (to.empty()) return Status::InvalidArgument("query parameter 'to' (a component's bom_ref) is required");
  SBOMHUB_ASSIGN_OR_RETURN(auto paths, call.store.DependencyPaths(v.id, to));
  JsonWriter w(false);
  w.BeginObject().Field("to", to).Key("paths").BeginArray();
  for (const auto& path : paths) {
    w.BeginArray();
    for (const auto& ref : path) w.String(ref);
    w.EndArray();
  }
  w.EndArray().EndObject();
  return JsonReply(w.Take());
}

const std::string kVersionPath = "/api/v1/projects/{project}/versions/{version}";

}  // namespace

void AddProjectRoutes(std::vector<Route>& r) {
  r.push_back({.method = "GET", .path = "/api/v1/projects", .access = Access::kSignedIn, .tag = "projects",
               .summary = "projects visible to the caller, with active finding counts",
               .query = {{"q", "name contains (case-insensitive)"}, {"team", "team name or id"},
                         {"criticality", "critical|high|medium|low"}},
               .paged = true, .handler = ListProjects});
  r.push_back({.method = "POST", .path = "/api/v1/projects", .access = Access::kWriter, .tag = "projects",
               .summary = "create a project in one of the caller's teams (admin: any team)", .body = Body::kJson,
               .body_fields = "name,team,criticality", .success = 201, .handler = CreateProject});
  r.push_back({.method = "GET", .path = "/api/v1/projects/{project}", .access = Access::kSignedIn,
               .tag = "projects", .summary = "one project with its versions", .handler = GetProject});
  r.push_back({.method = "PATCH", .path = "/api/v1/projects/{project}", .access = Access::kWriter,
               .tag = "projects", .summary = "change criticality and/or team", .body = Body::kJson,
               .body_fields = "criticality,team", .handler = PatchProject});
  r.push_back({.method = "GET", .path = "/api/v1/projects/{project}/versions", .access = Access::kSignedIn,
               .tag = "versions", .summary = "versions with document, component and finding counts", .paged = true,
               .handler = ListVersions});
  r.push_back({.method = "GET", .path = kVersionPath + "/sbom", .access = Access::kSignedIn, .tag = "sbom",
               .summary = "the original bytes of the current document (?document=ID for an older one)",
               .query = {{"document", "document id", false, "integer"}}, .handler = GetSbom});
  r.push_back({.method = "GET", .path = kVersionPath + "/sbom/export", .access = Access::kSignedIn, .tag = "sbom",
               .summary = "the document converted (cyclonedx-json|cyclonedx-xml|spdx-json|spdx-tv)",
               .query = {{"format", "target format (default cyclonedx-json)"},
                         {"spec_version", "target spec version (default newest)"},
                         {"document", "document id", false, "integer"}},
               .handler = ExportSbom});
  r.push_back({.method = "GET", .path = kVersionPath + "/documents", .access = Access::kSignedIn, .tag = "sbom",
               .summary = "upload history, oldest first", .paged = true, .handler = ListDocuments});
  r.push_back({.method = "GET", .path = kVersionPath + "/components", .access = Access::kSignedIn,
               .tag = "components", .summary = "components of the current document",
               .query = {{"q", "name or purl contains"}, {"ecosystem", "purl type (npm, maven, ...)"},
                         {"license", "license expression contains"}, {"scope", "required|optional|excluded"},
                         {"direct", "only direct dependencies of the primary component", false, "boolean"}},
               .paged = true, .handler = ListComponents});
  r.push_back({.method = "GET", .path = kVersionPath + "/dependencies", .access = Access::kSignedIn,
               .tag = "components", .summary = "dependency edges (bom_refs)", .paged = true,
               .handler = ListDependencies});
  r.push_back({.method = "GET", .path = kVersionPath + "/paths", .access = Access::kSignedIn, .tag = "components",
               .summary = "every path from the primary component to ?to=BOMREF, shortest first",
               .query = {{"to", "target bom_ref", true}}, .handler = DependencyPaths});
}

}  // namespace sbomhub::api
