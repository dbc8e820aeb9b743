#include "api/dto.h"

namespace sbomhub::api {

void WriteTeam(JsonWriter& w, const store::Team& t) {
  w.BeginObject().Field("id", t.id).Field("name", t.name).EndObject();
}

void WriteUser(JsonWriter& w, const store::User& u, const std::vector<store::Team>& teams) {
  w.BeginObject().Field("id", u.id).Field("name", u.name).Field("role", store::RoleName(u.role));
  w.Key("teams").BeginArray();
  for (const auto& t : teams) WriteTeam(w, t);
  w.EndArray().EndObject();
}

void WriteApiKey(JsonWriter& w, const store::ApiKey& k) {
  w.BeginObject().Field("id", k.id).Field("team_id", k.team_id).Field("role", store::RoleName(k.role));
  w.Field("created_at", k.created_at).Field("revoked", k.revoked).EndObject();
}

void WriteProject(JsonWriter& w, const store::Project& p) {
  w.Field("id", p.id).Field("name", p.name).Field("team_id", p.team_id);
  w.Field("criticality", store::CriticalityName(p.criticality));
}

void WriteVersion(JsonWriter& w, const store::ProjectVersion& v) {
  w.Field("id", v.id).Field("project_id", v.project_id).Field("version", v.version);
}

void WriteDocument(JsonWriter& w, const store::SbomDocument& d) {
  w.BeginObject().Field("id", d.id).Field("version_id", d.version_id).Field("sha256", d.sha256);
  w.Field("family", d.family).Field("spec_version", d.spec_version).Field("encoding", d.encoding);
  w.Field("size_bytes", d.size_bytes).Field("uploaded_at", d.uploaded_at).Field("uploaded_by", d.uploaded_by);
  w.Field("current", d.current).EndObject();
}

void WriteComponent(JsonWriter& w, const store::StoredComponent& c) {
  w.BeginObject().Field("id", c.id).Field("bom_ref", c.bom_ref).Field("name", c.name).Field("group", c.group);
  w.Field("version", c.version).Field("purl", c.purl).Field("purl_type", c.purl_type).Field("cpe", c.cpe);
  w.Field("supplier", c.supplier).Field("license", c.license).Field("hashes", c.hashes).Field("scope", c.scope);
  w.Field("direct", c.direct).Field("primary", c.primary).EndObject();
}

void WriteAnalysis(JsonWriter& w, const store::Analysis& a) {
  w.BeginObject().Field("project_id", a.project_id).Field("component", a.component);
  w.Field("vulnerability", a.vulnerability_id).Field("state", store::AnalysisStateName(a.state));
  w.Field("justification", a.justification).Field("response", a.response).Field("detail", a.detail);
  w.Field("updated_at", a.updated_at).Field("updated_by", a.updated_by).EndObject();
}

void WriteJob(JsonWriter& w, const store::Job& j) {
  w.BeginObject().Field("id", j.id).Field("kind", j.kind).Field("version_id", j.version_id);
  w.Field("state", store::JobStateName(j.state)).Field("attempts", j.attempts).Field("error", j.error);
  w.Field("created_at", j.created_at).Field("started_at", j.started_at).Field("finished_at", j.finished_at);
  w.Field("worker", j.worker).EndObject();
}

void WriteAudit(JsonWriter& w, const store::AuditEntry& e) {
  w.BeginObject().Field("id", e.id).Field("actor", e.actor).Field("action", e.action).Field("object", e.object);
  w.Field("detail", e.detail).Field("at", e.at).EndObject();
}

}  // namespace sbomhub::api
