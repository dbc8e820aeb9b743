#include "store/postgres/postgres_store.h"

#include <functional>
#include <map>
#include <optional>
#include <pqxx/pqxx>
#include <set>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "store/internal.h"

namespace sbomhub::store {
namespace {

// libpqxx reports through exceptions; none may leave this file. Constraint classes map onto the
// Store contract's codes; a lost or refused connection is kUnavailable.
Status FromException(const std::exception& e) {
  std::string msg = e.what();
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  if (dynamic_cast<const pqxx::unique_violation*>(&e) != nullptr) return Status::AlreadyExists(msg);
  if (dynamic_cast<const pqxx::foreign_key_violation*>(&e) != nullptr) return Status::NotFound(msg);
  if (dynamic_cast<const pqxx::check_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::not_null_violation*>(&e) != nullptr ||
      dynamic_cast<const pqxx::data_exception*>(&e) != nullptr) {
    return Status::InvalidArgument(msg);
  }
  if (dynamic_cast<const pqxx::integrity_constraint_violation*>(&e) != nullptr) {
    return Status::Conflict(msg);
  }
  if (dynamic_cast<const pqxx::broken_connection*>(&e) != nullptr ||
      dynamic_cast<const pqxx::insufficient_privilege*>(&e) != nullptr) {
    return Status::Unavailable(msg);
  }
  if (const auto* sql = dynamic_cast<const pqxx::sql_error*>(&e)) {
    // 40001 serialization failure, 40P01 deadlock: the caller may retry.
    if (sql->sqlstate() == "40001" || sql->sqlstate() == "40P01") return Status::Conflict(msg);
  }
  return Status::Internal("PostgreSQL: " + msg);
}

// Runs `fn` turning any exception into a Status.
template <typename Fn>
auto Guard(Fn&& fn) -> decltype(fn()) {
  try {
    return fn();
  } catch (const std::exception& e) {
    return FromException(e);
  }
}

std::string S(std::string_view v) { return std::string(v); }
std::string Str(const pqxx::field& f) {
  return f.is_null() ? std::string() : std::string(f.c_str(), f.size());
}
Id IdOf(const pqxx::field& f) { return f.as<Id>(); }
bool BoolOf(const pqxx::field& f) { return f.as<bool>(); }

Team ReadTeam(const pqxx::row& r) { return {IdOf(r[0]), Str(r[1])}; }
User ReadUser(const pqxx::row& r) {
  return {IdOf(r[0]), Str(r[1]), Str(r[2]), ParseRole(Str(r[3])).value_or(Role::kViewer)};
}
ApiKey ReadApiKey(const pqxx::row& r) {
  return {IdOf(r[0]), IdOf(r[1]), ParseRole(Str(r[2])).value_or(Role::kViewer),
          Str(r[3]),  Str(r[4]),  BoolOf(r[5])};
}
Project ReadProject(const pqxx::row& r, int at = 0) {
  return {IdOf(r[at]), Str(r[at + 1]), IdOf(r[at + 2]),
          ParseCriticality(Str(r[at + 3])).value_or(Criticality::kMedium)};
}
ProjectVersion ReadVersion(const pqxx::row& r, int at = 0) {
  return {IdOf(r[at]), IdOf(r[at + 1]), Str(r[at + 2])};
}
SbomDocument ReadDocument(const pqxx::row& r) {
  return {IdOf(r[0]), IdOf(r[1]), Str(r[2]), Str(r[3]), Str(r[4]),
          Str(r[5]),  IdOf(r[6]), Str(r[7]), Str(r[8]), BoolOf(r[9])};
}
StoredComponent ReadComponent(const pqxx::row& r, int at = 0) {
  StoredComponent c;
  c.id = IdOf(r[at + 0]);
  c.version_id = IdOf(r[at + 1]);
  c.document_id = IdOf(r[at + 2]);
  c.bom_ref = Str(r[at + 3]);
  c.name = Str(r[at + 4]);
  c.group = Str(r[at + 5]);
  c.version = Str(r[at + 6]);
  c.purl = Str(r[at + 7]);
  c.purl_type = Str(r[at + 8]);
  c.purl_name = Str(r[at + 9]);
  c.cpe = Str(r[at + 10]);
  c.supplier = Str(r[at + 11]);
  c.license = Str(r[at + 12]);
  c.hashes = Str(r[at + 13]);
  c.scope = Str(r[at + 14]);
  c.direct = BoolOf(r[at + 15]);
  c.primary = BoolOf(r[at + 16]);
  return c;
}
WhereUsedRow ReadWhereUsed(const pqxx::row& r) {
  return {ReadProject(r, 0), ReadVersion(r, 4), ReadComponent(r, 7)};
}

Analysis ReadAnalysis(const pqxx::row& r) {
  return {IdOf(r[0]),
          IdOf(r[1]),
          Str(r[2]),
          Str(r[3]),
          ParseAnalysisState(Str(r[4])).value_or(AnalysisState::kInTriage),
          Str(r[5]),
          Str(r[6]),
          Str(r[7]),
          Str(r[8]),
          Str(r[9])};
}

Analysis ReadAnalysisAt(const pqxx::row& r, int at) {
  return {IdOf(r[at + 0]),
          IdOf(r[at + 1]),
          Str(r[at + 2]),
          Str(r[at + 3]),
          ParseAnalysisState(Str(r[at + 4])).value_or(AnalysisState::kInTriage),
          Str(r[at + 5]),
          Str(r[at + 6]),
          Str(r[at + 7]),
          Str(r[at + 8]),
          Str(r[at + 9])};
}

std::optional<double> OptDouble(const pqxx::field& f) {
  if (f.is_null()) return std::nullopt;
  return f.as<double>();
}

constexpr int kFindingColumnCount = 22;
const std::string kFindingColumns =
    "f.id, f.version_id, f.component_ref, f.vulnerability_id, f.active, f.first_seen, "
    "f.last_seen, f.analysis_component, f.component_name, f.component_version, "
    "f.component_purl, f.severity, f.cvss_score, f.cvss_vector, f.epss, f.epss_percentile, "
    "f.kev, f.summary, f.fixed_versions, f.matcher, f.needs_verification, f.confidence";
const std::string kAnalysisColumns =
    "a.id, a.project_id, a.component, a.vulnerability_id, a.state, a.justification, "
    "a.response, a.detail, a.updated_at, a.updated_by";
const std::string kJobColumns =
    "id, kind, version_id, state, attempts, error, created_at, started_at, finished_at, worker";

Finding ReadFinding(const pqxx::row& r, int at) {
  Finding f;
  f.id = IdOf(r[at + 0]);
  f.version_id = IdOf(r[at + 1]);
  f.component_ref = Str(r[at + 2]);
  f.vulnerability_id = Str(r[at + 3]);
  f.active = BoolOf(r[at + 4]);
  f.first_seen = Str(r[at + 5]);
  f.last_seen = Str(r[at + 6]);
  f.analysis_component = Str(r[at + 7]);
  auto& d = f.details;
  d.component_name = Str(r[at + 8]);
  d.component_version = Str(r[at + 9]);
  d.component_purl = Str(r[at + 10]);
  d.severity = Str(r[at + 11]);
  d.cvss_score = OptDouble(r[at + 12]);
  d.cvss_vector = Str(r[at + 13]);
  d.epss = OptDouble(r[at + 14]);
  d.epss_percentile = OptDouble(r[at + 15]);
  d.kev = BoolOf(r[at + 16]);
  d.summary = Str(r[at + 17]);
  d.fixed_versions = Str(r[at + 18]);
  d.matcher = Str(r[at + 19]);
  d.needs_verification = BoolOf(r[at + 20]);
  d.confidence = r[at + 21].as<double>();
  return f;
}

Session ReadSession(const pqxx::row& r) {
  return {Str(r[0]), IdOf(r[1]), Str(r[2]), Str(r[3]), Str(r[4]), Str(r[5])};
}

Job ReadJob(const pqxx::row& r) {
  Job j;
  j.id = IdOf(r[0]);
  j.kind = Str(r[1]);
  j.version_id = IdOf(r[2]);
  j.state = ParseJobState(Str(r[3])).value_or(JobState::kFailed);
  j.attempts = r[4].as<int>();
  j.error = Str(r[5]);
  j.created_at = Str(r[6]);
  j.started_at = Str(r[7]);
  j.finished_at = Str(r[8]);
  j.worker = Str(r[9]);
  return j;
}

const std::string kComponentColumns =
    "c.id, c.version_id, c.document_id, c.bom_ref, c.name, c.grp, c.version, c.purl, c.purl_type, "
    "c.purl_name, c.cpe, c.supplier, c.license, c.hashes, c.scope, c.is_direct, c.is_primary";
const std::string kWhereUsedSelect =
    "SELECT p.id, p.name, p.team_id, p.criticality, v.id, v.project_id, v.version, " +
    kComponentColumns +
    " FROM components c JOIN project_versions v ON v.id = c.version_id "
    "JOIN projects p ON p.id = v.project_id ";

const std::vector<std::string> kComponentCopyColumns = {
    "version_id", "document_id", "bom_ref",   "name",      "grp",      "version",
    "purl",       "purl_type",   "purl_name", "cpe",       "supplier", "license",
    "hashes",     "scope",       "is_direct", "is_primary"};
const std::vector<std::string> kEdgeCopyColumns = {"version_id", "seq", "from_ref", "to_ref",
                                                   "type"};

class PostgresStore final : public Store {
 public:
  explicit PostgresStore(std::unique_ptr<pqxx::connection> conn) : conn_(std::move(conn)) {}

  std::string_view Backend() const override { return "postgres"; }

  Status Migrate() {
    return Guard([&]() -> Status {
      pqxx::work w(*conn_);
      // Several servers may start at once: the first migrates, the others wait and find it done.
      w.exec("SELECT pg_advisory_xact_lock(7142031001)");
      w.exec(
          "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT "
          "NOT "
          "NULL, applied_at TEXT NOT NULL)");
      int current =
          w.exec("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0].as<int>();
      const auto& migrations = internal::PostgresMigrations();
      int newest = migrations.empty() ? 0 : migrations.back().version;
      if (current > newest) {
        return Status::Unsupported("schema version " + std::to_string(current) +
                                   " is newer than this sbomhub understands (" +
                                   std::to_string(newest) + "); upgrade sbomhub");
      }
      for (const auto& m : migrations) {
        if (m.version <= current) continue;
        w.exec(m.sql);
        w.exec_params(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)",
            m.version, std::string(m.name), internal::NowUtc());
      }
      w.commit();
      return Status::Ok();
    });
  }

  Result<int> SchemaVersion() override {
    return Guard([&]() -> Result<int> {
      pqxx::nontransaction n(*conn_);
      return n.exec("SELECT coalesce(max(version), 0) FROM schema_migrations")[0][0].as<int>();
    });
  }

  // ---- teams, users, keys ----

  Result<Team> CreateTeam(std::string_view actor, std::string_view name) override {
    Team t{0, S(name)};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      t.id = IdOf(w.exec_params1("INSERT INTO teams (name) VALUES ($1) RETURNING id", t.name)[0]);
      Audit(w, actor, "team.create", "team:" + std::to_string(t.id), t.name);
    }));
    return t;
  }

  Result<Team> GetTeam(Id id) override {
    return One<Team>("SELECT id, name FROM teams WHERE id = $1", ReadTeam,
                     "team " + std::to_string(id), id);
  }

  Result<std::vector<Team>> ListTeams(Page page) override {
    page = internal::ClampPage(page);
    return Many<Team>("SELECT id, name FROM teams ORDER BY name LIMIT $1 OFFSET $2", ReadTeam,
                      page.limit, page.offset);
  }

  Result<User> CreateUser(std::string_view actor, std::string_view name,
                          std::string_view password_hash, Role role) override {
    User u{0, S(name), S(password_hash), role};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      u.id = IdOf(w.exec_params1(
          "INSERT INTO users (name, password_hash, role) VALUES ($1, $2, $3) RETURNING id", u.name,
          u.password_hash, S(RoleName(role)))[0]);
      Audit(w, actor, "user.create", "user:" + std::to_string(u.id),
            u.name + " role=" + S(RoleName(role)));
    }));
    return u;
  }

  Result<User> GetUserByName(std::string_view name) override {
    return One<User>("SELECT id, name, password_hash, role FROM users WHERE name = $1", ReadUser,
                     "user '" + S(name) + "'", S(name));
  }

  Result<User> GetUser(Id id) override {
    return One<User>("SELECT id, name, password_hash, role FROM users WHERE id = $1", ReadUser,
                     "user " + std::to_string(id), id);
  }

  Status SetUserPassword(std::string_view actor, Id user_id,
                         std::string_view password_hash) override {
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          auto r = w.exec_params("UPDATE users SET password_hash = $1 WHERE id = $2",
                                 S(password_hash), user_id);
          if (r.affected_rows() == 0) {
            status = Status::NotFound("user " + std::to_string(user_id) + " not found");
            throw Abort();
          }
          Audit(w, actor, "user.set_password", "user:" + std::to_string(user_id), "");
        },
        &status));
    return status;
  }

  Status RemoveTeamMember(std::string_view actor, Id team_id, Id user_id) override {
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          auto r = w.exec_params("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2",
                                 team_id, user_id);
          if (r.affected_rows() == 0) {
            status = Status::NotFound("user " + std::to_string(user_id) +
                                      " is not a member of team " + std::to_string(team_id));
            throw Abort();
          }
          Audit(w, actor, "team.remove_member", "team:" + std::to_string(team_id),
                "user:" + std::to_string(user_id));
        },
        &status));
    return status;
  }

  Result<std::vector<User>> ListTeamMembers(Id team_id) override {
    return Many<User>(
        "SELECT u.id, u.name, u.password_hash, u.role FROM users u JOIN team_members m ON "
        "m.user_id = u.id WHERE m.team_id = $1 ORDER BY u.name",
        ReadUser, team_id);
  }

  Result<std::vector<User>> ListUsers(Page page) override {
    page = internal::ClampPage(page);
    return Many<User>(
        "SELECT id, name, password_hash, role FROM users ORDER BY name LIMIT $1 OFFSET $2",
        ReadUser, page.limit, page.offset);
  }

  Status AddTeamMember(std::string_view actor, Id team_id, Id user_id) override {
    return Mutate([&](pqxx::work& w) {
      w.exec_params0("INSERT INTO team_members (team_id, user_id) VALUES ($1, $2)", team_id,
                     user_id);
      Audit(w, actor, "team.add_member", "team:" + std::to_string(team_id),
            "user:" + std::to_string(user_id));
    });
  }

  Result<std::vector<Team>> TeamsOfUser(Id user_id) override {
    return Many<Team>(
        "SELECT t.id, t.name FROM teams t JOIN team_members m ON m.team_id = t.id "
        "WHERE m.user_id = $1 ORDER BY t.name",
        ReadTeam, user_id);
  }

  Result<ApiKey> CreateApiKey(std::string_view actor, Id team_id, Role role,
                              std::string_view key_hash) override {
    ApiKey k{0, team_id, role, S(key_hash), internal::NowUtc(), false};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      k.id = IdOf(w.exec_params1(
          "INSERT INTO api_keys (team_id, role, key_hash, created_at) VALUES ($1, $2, $3, $4) "
          "RETURNING id",
          team_id, S(RoleName(role)), k.key_hash, k.created_at)[0]);
      Audit(w, actor, "api_key.create", "api_key:" + std::to_string(k.id),
            "team:" + std::to_string(team_id) + " role=" + S(RoleName(role)));
    }));
    return k;
  }

  Result<ApiKey> GetApiKeyByHash(std::string_view key_hash) override {
    return One<ApiKey>(
        "SELECT id, team_id, role, key_hash, created_at, revoked FROM api_keys WHERE key_hash = $1",
        ReadApiKey, "API key", S(key_hash));
  }

  Result<std::vector<ApiKey>> ListApiKeys(Id team_id, Page page) override {
    page = internal::ClampPage(page);
    return Many<ApiKey>(
        "SELECT id, team_id, role, key_hash, created_at, revoked FROM api_keys WHERE team_id = $1 "
        "ORDER BY id LIMIT $2 OFFSET $3",
        ReadApiKey, team_id, page.limit, page.offset);
  }

  Status RevokeApiKey(std::string_view actor, Id key_id) override {
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          auto r = w.exec_params("UPDATE api_keys SET revoked = TRUE WHERE id = $1", key_id);
          if (r.affected_rows() == 0) {
            status = Status::NotFound("API key " + std::to_string(key_id) + " not found");
            throw Abort();
          }
          Audit(w, actor, "api_key.revoke", "api_key:" + std::to_string(key_id), "");
        },
        &status));
    return status;
  }

  // ---- projects and versions ----

  Result<Project> CreateProject(std::string_view actor, std::string_view name, Id team_id,
                                Criticality criticality) override {
    Project p{0, S(name), team_id, criticality};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      p.id = IdOf(w.exec_params1(
          "INSERT INTO projects (name, team_id, criticality) VALUES ($1, $2, $3) RETURNING id",
          p.name, team_id, S(CriticalityName(criticality)))[0]);
      Audit(w, actor, "project.create", "project:" + std::to_string(p.id),
            p.name + " team:" + std::to_string(team_id) +
                " criticality=" + S(CriticalityName(criticality)));
    }));
    return p;
  }

  Result<Project> GetProject(Id id) override {
    return One<Project>(
        "SELECT id, name, team_id, criticality FROM projects WHERE id = $1",
        [](const pqxx::row& r) { return ReadProject(r); }, "project " + std::to_string(id), id);
  }

  Result<Project> GetProjectByName(std::string_view name) override {
    return One<Project>(
        "SELECT id, name, team_id, criticality FROM projects WHERE name = $1",
        [](const pqxx::row& r) { return ReadProject(r); }, "project '" + S(name) + "'", S(name));
  }

  Result<std::vector<Project>> ListProjects(const ProjectFilter& filter, Page page) override {
    page = internal::ClampPage(page);
    std::string crit = filter.criticality ? S(CriticalityName(*filter.criticality)) : "";
    return Many<Project>(
        "SELECT p.id, p.name, p.team_id, p.criticality FROM projects p WHERE " + TeamClause(1) +
            " AND lower(p.name) LIKE $3 ESCAPE '\\' AND ($4 = '' OR p.criticality = $4) "
            "ORDER BY p.name LIMIT $5 OFFSET $6",
        [](const pqxx::row& r) { return ReadProject(r); }, TeamsFlag(filter.team_ids),
        internal::TeamsPgArray(filter.team_ids), internal::ContainsToLike(filter.name_contains),
        crit, page.limit, page.offset);
  }

  Result<Project> UpdateProject(std::string_view actor, Id id,
                                std::optional<Criticality> criticality,
                                std::optional<Id> team_id) override {
    Project p;
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          auto r = w.exec_params(
              "SELECT id, name, team_id, criticality FROM projects WHERE id = $1 FOR UPDATE", id);
          if (r.empty()) {
            status = Status::NotFound("project " + std::to_string(id) + " not found");
            throw Abort();
          }
          p = ReadProject(r[0]);
          if (criticality) p.criticality = *criticality;
          if (team_id) p.team_id = *team_id;
          w.exec_params0("UPDATE projects SET criticality = $1, team_id = $2 WHERE id = $3",
                         S(CriticalityName(p.criticality)), p.team_id, id);
          Audit(w, actor, "project.update", "project:" + std::to_string(id),
                "team:" + std::to_string(p.team_id) +
                    " criticality=" + S(CriticalityName(p.criticality)));
        },
        &status));
    return p;
  }

  Result<ProjectVersion> CreateVersion(std::string_view actor, Id project_id,
                                       std::string_view version) override {
    ProjectVersion v{0, project_id, S(version)};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      v.id = IdOf(w.exec_params1(
          "INSERT INTO project_versions (project_id, version) VALUES ($1, $2) RETURNING id",
          project_id, v.version)[0]);
      Audit(w, actor, "version.create", "version:" + std::to_string(v.id),
            "project:" + std::to_string(project_id) + " " + v.version);
    }));
    return v;
  }

  Result<ProjectVersion> GetVersion(Id id) override {
    return One<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE id = $1",
        [](const pqxx::row& r) { return ReadVersion(r); }, "version " + std::to_string(id), id);
  }

  Result<ProjectVersion> GetVersionByName(Id project_id, std::string_view version) override {
    return One<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE project_id = $1 AND "
        "version = $2",
        [](const pqxx::row& r) { return ReadVersion(r); },
        "version '" + S(version) + "' of project " + std::to_string(project_id), project_id,
        S(version));
  }

  Result<std::vector<ProjectVersion>> ListVersions(Id project_id, Page page) override {
    page = internal::ClampPage(page);
    return Many<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE project_id = $1 ORDER BY id "
        "LIMIT $2 OFFSET $3",
        [](const pqxx::row& r) { return ReadVersion(r); }, project_id, page.limit, page.offset);
  }

  // ---- documents ----

  using Store::PutSbom;
  Result<StoredSbom> PutSbom(std::string_view actor, Id version_id, const DocumentContent& content,
                             const model::Sbom& sbom) override {
    StoredSbom out;
    SbomDocument& doc = out.document;
    doc.version_id = version_id;
    doc.sha256 = content.sha256;
    doc.family = S(model::SpecFamilyName(sbom.family));
    doc.spec_version = sbom.spec_version;
    doc.encoding = S(model::EncodingName(sbom.encoding));
    doc.size_bytes = static_cast<std::int64_t>(content.original.size());
    doc.uploaded_at = internal::NowUtc();
    doc.uploaded_by = S(actor);
    doc.current = true;
    std::vector<StoredComponent> components = internal::ComponentRows(sbom);
    std::vector<StoredEdge> edges = internal::EdgeRows(sbom);
    SBOMHUB_RETURN_IF_ERROR(internal::CheckUniqueRefs(components));

    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          // Lock the version row so two concurrent uploads for one version serialize instead of
          // interleaving their deletes and inserts.
          if (w.exec_params("SELECT id FROM project_versions WHERE id = $1 FOR UPDATE", version_id)
                  .empty()) {
            status = Status::NotFound("version " + std::to_string(version_id) + " not found");
            throw Abort();
          }
          doc.id = IdOf(w.exec_params1(
              "INSERT INTO sbom_documents (version_id, sha256, family, spec_version, encoding, "
              "size_bytes, uploaded_at, uploaded_by, is_current) "
              "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, TRUE) RETURNING id",
              version_id, doc.sha256, doc.family, doc.spec_version, doc.encoding, doc.size_bytes,
              doc.uploaded_at, doc.uploaded_by)[0]);
          w.exec_params0(
              "INSERT INTO sbom_content (document_id, compression, content) VALUES ($1, $2, $3)",
              doc.id, content.compression,
              pqxx::binarystring(content.stored.data(), content.stored.size()));
          // Older uploads stay (bytes for history) but stop being current; their rows go.
          w.exec_params0(
              "UPDATE sbom_documents SET is_current = FALSE WHERE version_id = $1 AND id <> $2",
              version_id, doc.id);
          w.exec_params0("DELETE FROM dependency_edges WHERE version_id = $1", version_id);
          w.exec_params0("DELETE FROM components WHERE version_id = $1", version_id);
          // COPY rather than one INSERT per row: a 3,000-component document is one round trip per
          // table instead of thousands. Constraint violations surface from complete(), inside the
          // transaction, so atomicity is unchanged.
          {
            pqxx::stream_to copy(w, "components", kComponentCopyColumns);
            for (const auto& c : components) {
              copy << std::make_tuple(version_id, doc.id, c.bom_ref, c.name, c.group, c.version,
                                      c.purl, c.purl_type, c.purl_name, c.cpe, c.supplier,
                                      c.license, c.hashes, c.scope, c.direct, c.primary);
            }
            copy.complete();
          }
          {
            pqxx::stream_to copy(w, "dependency_edges", kEdgeCopyColumns);
            // seq keeps document order: the table is keyed by (version_id, seq) (migration 0006).
            std::int64_t seq = 0;
            for (const auto& e : edges)
              copy << std::make_tuple(version_id, seq++, e.from_ref, e.to_ref, e.type);
            copy.complete();
          }
          // Queued in the same transaction, so a crash after the commit never leaves a stored
          // document without its analysis (the partial unique index keeps one queued per version).
          // The job is returned so the caller does not enqueue again. Between a conflicting insert
          // and the SELECT a worker may claim the queued job; then the insert is tried again.
          for (int attempt = 0; attempt < 3 && out.job.id == 0; ++attempt) {
            auto ins = w.exec_params(
                "INSERT INTO jobs (kind, version_id, state, created_at) VALUES ('analyze', $1, "
                "'queued', $2) ON CONFLICT (version_id, kind) WHERE state = 'queued' DO NOTHING "
                "RETURNING " +
                    kJobColumns,
                version_id, internal::NowUtc());
            if (ins.empty()) {
              ins = w.exec_params("SELECT " + kJobColumns +
                                      " FROM jobs WHERE version_id = $1 AND kind = 'analyze' AND "
                                      "state = 'queued'",
                                  version_id);
            }
            if (!ins.empty()) out.job = ReadJob(ins[0]);
          }
          if (out.job.id == 0) {
            status = Status::Unavailable("could not queue the analysis of version " +
                                         std::to_string(version_id) + "; try again");
            throw Abort();
          }
          Audit(w, actor, "sbom.put", "version:" + std::to_string(version_id),
                "document:" + std::to_string(doc.id) + " sha256:" + doc.sha256 + " " + doc.family +
                    " " + doc.spec_version + " components=" + std::to_string(components.size()) +
                    " edges=" + std::to_string(edges.size()));
        },
        &status));
    return out;
  }

  Result<std::vector<SbomDocument>> ListDocuments(Id version_id) override {
    return Many<SbomDocument>(
        "SELECT id, version_id, sha256, family, spec_version, encoding, size_bytes, uploaded_at, "
        "uploaded_by, is_current FROM sbom_documents WHERE version_id = $1 ORDER BY id",
        ReadDocument, version_id);
  }

  Result<std::string> SbomBytes(Id document_id) override {
    std::string what = "document " + std::to_string(document_id);
    SBOMHUB_ASSIGN_OR_RETURN(
        auto row, (One<std::tuple<std::string, std::string, std::int64_t>>(
                      "SELECT c.content, c.compression, d.size_bytes FROM sbom_content c "
                      "JOIN sbom_documents d ON d.id = c.document_id WHERE c.document_id = $1",
                      [](const pqxx::row& r) {
                        return std::make_tuple(pqxx::binarystring(r[0]).str(),
                                               r[1].as<std::string>(), r[2].as<std::int64_t>());
                      },
                      what, document_id)));
    return RestoreDocumentContent(std::get<0>(row), std::get<1>(row), std::get<2>(row), what);
  }

  Result<std::vector<StoredComponent>> ComponentsOf(Id version_id, Page page) override {
    page = internal::ClampPage(page);
    return Many<StoredComponent>(
        "SELECT " + kComponentColumns +
            " FROM components c WHERE c.version_id = $1 ORDER BY c.id LIMIT $2 OFFSET $3",
        [](const pqxx::row& r) { return ReadComponent(r); }, version_id, page.limit, page.offset);
  }

  Result<std::vector<StoredEdge>> EdgesOf(Id version_id) override {
    return Many<StoredEdge>(
        "SELECT from_ref, to_ref, type FROM dependency_edges WHERE version_id = $1 ORDER BY seq",
        [](const pqxx::row& r) {
          return StoredEdge{Str(r[0]), Str(r[1]), Str(r[2])};
        },
        version_id);
  }

  // ---- queries ----

  Result<std::vector<WhereUsedRow>> WhereUsed(std::string_view purl,
                                              std::optional<std::string_view> version,
                                              Page page, const TeamScope& teams) override {
    auto key = internal::PurlKey(purl);
    if (key.first.empty()) return Status::InvalidArgument("'" + S(purl) + "' is not a package URL");
    page = internal::ClampPage(page);
    return Many<WhereUsedRow>(
        kWhereUsedSelect +
            "WHERE c.purl_type = $1 AND c.purl_name = $2 AND (NOT $3 OR c.version = $4) AND " +
            TeamClause(5) + " ORDER BY p.name, v.version, c.id LIMIT $7 OFFSET $8",
        ReadWhereUsed, key.first, key.second, version.has_value(), S(version.value_or("")),
        TeamsFlag(teams), internal::TeamsPgArray(teams), page.limit, page.offset);
  }

  Result<std::vector<WhereUsedRow>> WhereUsedByName(std::string_view pattern, Page page,
                                                    const TeamScope& teams) override {
    page = internal::ClampPage(page);
    // The prefix range compares bytewise (COLLATE "C"), as components_version_name does. Two
    // statement texts rather than "($6 = '' OR range)": a generic plan cannot drop that
    // disjunction, and would read each version's whole name range instead of the prefix.
    auto [low, high] = internal::GlobPrefixRange(pattern);
    const std::string head = kWhereUsedSelect + "WHERE lower(c.name) LIKE $1 ESCAPE '\\' AND ";
    const std::string tail =
        TeamClause(2) + " ORDER BY p.name, v.version, c.id LIMIT $4 OFFSET $5";
    if (low.empty()) {
      return Many<WhereUsedRow>(head + tail, ReadWhereUsed, internal::GlobToLike(pattern),
                                TeamsFlag(teams), internal::TeamsPgArray(teams), page.limit,
                                page.offset);
    }
    return Many<WhereUsedRow>(
        head + "lower(c.name) COLLATE \"C\" >= $6 AND lower(c.name) COLLATE \"C\" < $7 AND " + tail,
        ReadWhereUsed, internal::GlobToLike(pattern), TeamsFlag(teams),
        internal::TeamsPgArray(teams), page.limit, page.offset, low, high);
  }

  // ---- findings and triage ----

  Status RecordFindings(std::string_view actor, Id version_id,
                        const std::vector<FindingRecord>& current) override {
    std::map<std::pair<std::string, std::string>, const FindingDetails*> keys;
    for (const auto& r : current)
      keys.emplace(std::make_pair(r.key.component_ref, r.key.vulnerability_id), &r.details);
    std::string now = internal::NowUtc();
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          if (w.exec_params("SELECT id FROM project_versions WHERE id = $1 FOR UPDATE", version_id)
                  .empty()) {
            status = Status::NotFound("version " + std::to_string(version_id) + " not found");
            throw Abort();
          }
          // Retire everything, then re-activate what this scan reports (first_seen survives).
          w.exec_params0("UPDATE findings SET active = FALSE WHERE version_id = $1 AND active",
                         version_id);
          for (const auto& [key, d] : keys) {
            w.exec_params0(
                "INSERT INTO findings (version_id, component_ref, vulnerability_id, active, "
                "first_seen, last_seen, analysis_component, component_name, component_version, "
                "component_purl, severity, cvss_score, cvss_vector, epss, epss_percentile, kev, "
                "summary, fixed_versions, matcher, needs_verification, confidence) "
                "VALUES ($1, $2, $3, TRUE, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
                "$15, $16, $17, $18, $19) "
                "ON CONFLICT (version_id, component_ref, vulnerability_id) DO UPDATE SET "
                "active = TRUE, last_seen = excluded.last_seen, "
                "analysis_component = excluded.analysis_component, "
                "component_name = excluded.component_name, "
                "component_version = excluded.component_version, "
                "component_purl = excluded.component_purl, severity = excluded.severity, "
                "cvss_score = excluded.cvss_score, cvss_vector = excluded.cvss_vector, "
                "epss = excluded.epss, epss_percentile = excluded.epss_percentile, "
                "kev = excluded.kev, summary = excluded.summary, "
                "fixed_versions = excluded.fixed_versions, matcher = excluded.matcher, "
                "needs_verification = excluded.needs_verification, "
                "confidence = excluded.confidence",
                version_id, key.first, key.second, now,
                AnalysisComponentKey(d->component_purl,
                                     d->component_name.empty() ? key.first : d->component_name),
                d->component_name, d->component_version, d->component_purl, d->severity,
                d->cvss_score, d->cvss_vector, d->epss, d->epss_percentile, d->kev, d->summary,
                d->fixed_versions, d->matcher, d->needs_verification, d->confidence);
          }
          Audit(w, actor, "findings.record", "version:" + std::to_string(version_id),
                "active=" + std::to_string(keys.size()));
        },
        &status));
    return status;
  }

  Result<std::vector<Finding>> FindingsOf(Id version_id, bool include_inactive,
                                          Page page) override {
    page = internal::ClampPage(page);
    return Many<Finding>(
        "SELECT " + kFindingColumns +
            " FROM findings f WHERE f.version_id = $1 AND ($2 OR f.active) "
            "ORDER BY f.component_ref, f.vulnerability_id LIMIT $3 OFFSET $4",
        [](const pqxx::row& r) { return ReadFinding(r, 0); }, version_id, include_inactive,
        page.limit, page.offset);
  }

  Result<std::vector<FindingRow>> QueryFindings(const FindingQuery& q, Page page) override {
    page = internal::ClampPage(page);
    return Many<FindingRow>(
        "SELECT p.id, p.name, p.team_id, p.criticality, v.id, v.project_id, v.version, " +
            kFindingColumns + ", " + kAnalysisColumns +
            " FROM findings f JOIN project_versions v ON v.id = f.version_id "
            "JOIN projects p ON p.id = v.project_id "
            "LEFT JOIN analyses a ON a.project_id = p.id AND a.component = f.analysis_component "
            "AND a.vulnerability_id = f.vulnerability_id "
            "WHERE ($1 OR f.active) AND (NOT $2 OR p.id = $3) AND (NOT $4 OR v.id = $5) "
            "AND (NOT $6 OR f.vulnerability_id = $7) AND " +
            TeamClause(8) +
            " ORDER BY p.name, v.version, f.component_ref, f.vulnerability_id "
            "LIMIT $10 OFFSET $11",
        [](const pqxx::row& r) {
          FindingRow row{ReadProject(r, 0), ReadVersion(r, 4), ReadFinding(r, 7), std::nullopt};
          if (!r[7 + kFindingColumnCount].is_null()) {
            row.analysis = ReadAnalysisAt(r, 7 + kFindingColumnCount);
          }
          return row;
        },
        q.include_inactive, q.project_id.has_value(), q.project_id.value_or(0),
        q.version_id.has_value(), q.version_id.value_or(0), q.vulnerability_id.has_value(),
        q.vulnerability_id.value_or(""), TeamsFlag(q.team_ids), internal::TeamsPgArray(q.team_ids),
        page.limit, page.offset);
  }

  Result<std::vector<FindingCount>> CountFindings(const FindingQuery& q) override {
    return Many<FindingCount>(
        "SELECT p.id, f.severity, f.kev, COUNT(*) "
        "FROM findings f JOIN project_versions v ON v.id = f.version_id "
        "JOIN projects p ON p.id = v.project_id "
        "WHERE ($1 OR f.active) AND (NOT $2 OR p.id = $3) AND (NOT $4 OR v.id = $5) "
        "AND (NOT $6 OR f.vulnerability_id = $7) AND " +
            TeamClause(8) + " GROUP BY p.id, f.severity, f.kev ORDER BY p.id, f.severity COLLATE \"C\", f.kev",
        [](const pqxx::row& r) {
          return FindingCount{IdOf(r[0]), Str(r[1]), BoolOf(r[2]), r[3].as<std::int64_t>()};
        },
        q.include_inactive, q.project_id.has_value(), q.project_id.value_or(0),
        q.version_id.has_value(), q.version_id.value_or(0), q.vulnerability_id.has_value(),
        q.vulnerability_id.value_or(""), TeamsFlag(q.team_ids), internal::TeamsPgArray(q.team_ids));
  }

  Result<Analysis> PutAnalysis(std::string_view actor, const Analysis& analysis) override {
    Analysis a = analysis;
    a.updated_at = internal::NowUtc();
    a.updated_by = S(actor);
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      a.id = IdOf(w.exec_params1(
          "INSERT INTO analyses (project_id, component, vulnerability_id, state, justification, "
          "response, detail, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) "
          "ON CONFLICT (project_id, component, vulnerability_id) DO UPDATE SET state = "
          "excluded.state, "
          "justification = excluded.justification, response = excluded.response, "
          "detail = excluded.detail, updated_at = excluded.updated_at, updated_by = "
          "excluded.updated_by "
          "RETURNING id",
          a.project_id, a.component, a.vulnerability_id, S(AnalysisStateName(a.state)),
          a.justification, a.response, a.detail, a.updated_at, a.updated_by)[0]);
      w.exec_params0(
          "INSERT INTO analysis_history (analysis_id, state, justification, response, detail, at, "
          "actor) VALUES ($1, $2, $3, $4, $5, $6, $7)",
          a.id, S(AnalysisStateName(a.state)), a.justification, a.response, a.detail, a.updated_at,
          a.updated_by);
      Audit(w, actor, "analysis.put", "analysis:" + std::to_string(a.id),
            "project:" + std::to_string(a.project_id) + " " + a.component + " " +
                a.vulnerability_id + " state=" + S(AnalysisStateName(a.state)));
    }));
    return a;
  }

  Result<Analysis> GetAnalysis(Id project_id, std::string_view component,
                               std::string_view vulnerability_id) override {
    return One<Analysis>(
        "SELECT id, project_id, component, vulnerability_id, state, justification, response, "
        "detail, "
        "updated_at, updated_by FROM analyses WHERE project_id = $1 AND component = $2 AND "
        "vulnerability_id = $3",
        ReadAnalysis, "analysis of " + S(vulnerability_id) + " in " + S(component), project_id,
        S(component), S(vulnerability_id));
  }

  Result<std::vector<Analysis>> AnalysisHistory(Id project_id, std::string_view component,
                                                std::string_view vulnerability_id) override {
    return Many<Analysis>(
        "SELECT a.id, a.project_id, a.component, a.vulnerability_id, h.state, h.justification, "
        "h.response, h.detail, h.at, h.actor FROM analysis_history h JOIN analyses a ON "
        "a.id = h.analysis_id WHERE a.project_id = $1 AND a.component = $2 AND a.vulnerability_id "
        "= $3 "
        "ORDER BY h.id",
        ReadAnalysis, project_id, S(component), S(vulnerability_id));
  }

  Result<std::vector<Analysis>> ListAnalyses(Id project_id, Page page) override {
    page = internal::ClampPage(page);
    return Many<Analysis>("SELECT " + kAnalysisColumns +
                              " FROM analyses a WHERE a.project_id = $1 ORDER BY a.component, "
                              "a.vulnerability_id LIMIT $2 OFFSET $3",
                          ReadAnalysis, project_id, page.limit, page.offset);
  }

  // ---- sessions ----

  Result<Session> CreateSession(std::string_view actor, std::string_view token_hash, Id user_id,
                                std::string_view csrf_token, std::chrono::seconds ttl) override {
    Session se{S(token_hash), user_id, S(csrf_token), internal::NowUtc(),
               internal::UtcFromNow(ttl), ""};
    se.last_seen = se.created_at;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      w.exec_params0(
          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
          "last_seen) VALUES ($1, $2, $3, $4, $5, $6)",
          se.token_hash, user_id, se.csrf_token, se.created_at, se.expires_at, se.last_seen);
      Audit(w, actor, "session.create", "user:" + std::to_string(user_id), "");
    }));
    return se;
  }

  Result<Session> GetSession(std::string_view token_hash) override {
    return One<Session>(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen FROM sessions "
        "WHERE token_hash = $1 AND expires_at > $2",
        ReadSession, "session", S(token_hash), internal::NowUtc());
  }

  Result<Session> TouchSession(std::string_view token_hash, std::chrono::seconds ttl) override {
    std::string now = internal::NowUtc();
    return Guard([&]() -> Result<Session> {
      pqxx::nontransaction n(*conn_);
      auto r = n.exec_params(
          "UPDATE sessions SET last_seen = $1, expires_at = $2 WHERE token_hash = $3 AND "
          "expires_at > $1 RETURNING token_hash, user_id, csrf_token, created_at, expires_at, "
          "last_seen",
          now, internal::UtcFromNow(ttl), S(token_hash));
      if (r.empty()) return Status::NotFound("session not found");
      return ReadSession(r[0]);
    });
  }

  Status DeleteSession(std::string_view actor, std::string_view token_hash) override {
    return Mutate([&](pqxx::work& w) {
      auto r =
          w.exec_params("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id", S(token_hash));
      if (!r.empty()) {
        Audit(w, actor, "session.delete", "user:" + std::to_string(IdOf(r[0][0])), "");
      }
    });
  }

  Result<int> DeleteSessionsOfUser(std::string_view actor, Id user_id) override {
    int n = 0;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      n = static_cast<int>(
          w.exec_params("DELETE FROM sessions WHERE user_id = $1", user_id).affected_rows());
      Audit(w, actor, "session.delete_all", "user:" + std::to_string(user_id),
            "sessions=" + std::to_string(n));
    }));
    return n;
  }

  // ---- jobs ----

  Result<Job> EnqueueJob(std::string_view actor, std::string_view kind, Id version_id) override {
    Job job;
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          if (w.exec_params("SELECT id FROM project_versions WHERE id = $1", version_id).empty()) {
            status = Status::NotFound("version " + std::to_string(version_id) + " not found");
            throw Abort();
          }
          // The partial unique index makes a concurrent second enqueue a no-op here.
          auto ins = w.exec_params(
              "INSERT INTO jobs (kind, version_id, state, created_at) VALUES ($1, $2, 'queued', "
              "$3) ON CONFLICT (version_id, kind) WHERE state = 'queued' DO NOTHING RETURNING " +
                  kJobColumns,
              S(kind), version_id, internal::NowUtc());
          if (!ins.empty()) {
            job = ReadJob(ins[0]);
            Audit(w, actor, "job.enqueue", "job:" + std::to_string(job.id),
                  S(kind) + " version:" + std::to_string(version_id));
            return;
          }
          auto found = w.exec_params("SELECT " + kJobColumns +
                                         " FROM jobs WHERE version_id = $1 AND kind = $2 AND "
                                         "state = 'queued'",
                                     version_id, S(kind));
          if (found.empty()) {
            status = Status::Conflict("job for version " + std::to_string(version_id) +
                                      " was claimed while enqueueing; retry");
            throw Abort();
          }
          job = ReadJob(found[0]);
        },
        &status));
    return job;
  }

  Result<std::optional<Job>> ClaimJob(std::string_view worker) override {
    std::optional<Job> job;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      // SKIP LOCKED: concurrent workers each take a different queued row without waiting.
      auto r = w.exec_params(
          "UPDATE jobs SET state = 'running', attempts = attempts + 1, started_at = $1, "
          "worker = $2, finished_at = '' WHERE id = (SELECT id FROM jobs WHERE state = 'queued' "
          "ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING " +
              kJobColumns,
          internal::NowUtc(), S(worker));
      if (!r.empty()) job = ReadJob(r[0]);
    }));
    return job;
  }

  Status FinishJob(Id id, std::string_view error) override {
    Status status;
    SBOMHUB_RETURN_IF_ERROR(Mutate(
        [&](pqxx::work& w) {
          auto r = w.exec_params("SELECT state FROM jobs WHERE id = $1 FOR UPDATE", id);
          if (r.empty()) {
            status = Status::NotFound("job " + std::to_string(id) + " not found");
            throw Abort();
          }
          std::string state = Str(r[0][0]);
          if (state != "running") {
            status = Status::Conflict("job " + std::to_string(id) + " is " + state +
                                      ", not running");
            throw Abort();
          }
          w.exec_params0("UPDATE jobs SET state = $1, error = $2, finished_at = $3 WHERE id = $4",
                         std::string(error.empty() ? "done" : "failed"), S(error),
                         internal::NowUtc(), id);
        },
        &status));
    return status;
  }

  Result<int> RequeueStaleJobs(std::chrono::seconds older_than) override {
    int n = 0;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&](pqxx::work& w) {
      n = 0;
      auto rows = w.exec_params(
          "SELECT id, version_id, kind, attempts FROM jobs WHERE state = 'running' AND "
          "started_at < $1 ORDER BY id FOR UPDATE SKIP LOCKED",
          internal::UtcFromNow(-older_than));
      for (const auto& r : rows) {
        Id id = IdOf(r[0]);
        bool already = w.exec_params1("SELECT count(*) FROM jobs WHERE version_id = $1 AND kind = "
                                      "$2 AND state = 'queued'",
                                      IdOf(r[1]), Str(r[2]))[0]
                           .as<std::int64_t>() > 0;
        std::string why = internal::StaleJobError(r[3].as<std::int64_t>(), already);
        if (!why.empty()) {
          w.exec_params0(
              "UPDATE jobs SET state = 'failed', error = $1, finished_at = $2 WHERE id = $3", why,
              internal::NowUtc(), id);
        } else {
          w.exec_params0("UPDATE jobs SET state = 'queued' WHERE id = $1", id);
        }
        ++n;
      }
    }));
    return n;
  }

  Result<Job> GetJob(Id id) override {
    return One<Job>("SELECT " + kJobColumns + " FROM jobs WHERE id = $1", ReadJob,
                    "job " + std::to_string(id), id);
  }

  Result<std::vector<Job>> ListJobs(std::optional<JobState> state, Page page) override {
    page = internal::ClampPage(page);
    return Many<Job>("SELECT " + kJobColumns +
                         " FROM jobs WHERE ($1 = '' OR state = $1) ORDER BY id DESC LIMIT $2 "
                         "OFFSET $3",
                     ReadJob, state ? S(JobStateName(*state)) : std::string(), page.limit,
                     page.offset);
  }

  // ---- vulnerability DB state ----

  Result<VulnDbState> GetVulnDbState() override {
    return Guard([&]() -> Result<VulnDbState> {
      pqxx::nontransaction n(*conn_);
      auto r = n.exec("SELECT fingerprint, analyzed_at FROM vulndb_state WHERE id = 1");
      if (r.empty()) return VulnDbState{};
      return VulnDbState{Str(r[0][0]), Str(r[0][1])};
    });
  }

  Status SetVulnDbState(std::string_view actor, std::string_view fingerprint) override {
    return Mutate([&](pqxx::work& w) {
      w.exec_params0(
          "INSERT INTO vulndb_state (id, fingerprint, analyzed_at) VALUES (1, $1, $2) ON CONFLICT "
          "(id) DO UPDATE SET fingerprint = excluded.fingerprint, analyzed_at = "
          "excluded.analyzed_at",
          S(fingerprint), internal::NowUtc());
      Audit(w, actor, "vulndb.analyzed", "vulndb", S(fingerprint));
    });
  }

  Result<std::vector<AuditEntry>> ListAudit(Page page) override {
    page = internal::ClampPage(page);
    return Many<AuditEntry>(
        "SELECT id, actor, action, object, detail, at FROM audit_log ORDER BY id DESC LIMIT $1 "
        "OFFSET $2",
        [](const pqxx::row& r) {
          return AuditEntry{IdOf(r[0]), Str(r[1]), Str(r[2]), Str(r[3]), Str(r[4]), Str(r[5])};
        },
        page.limit, page.offset);
  }

 private:
  // `$at` = is a team filter set, `$at+1` = the ids as a bigint[] literal.
  static std::string TeamClause(int at) {
    return "(NOT $" + std::to_string(at) + " OR p.team_id = ANY($" + std::to_string(at + 1) +
           "::bigint[]))";
  }
  static bool TeamsFlag(const TeamScope& teams) { return teams.has_value(); }

  // Thrown inside a Mutate body to roll back with the Status the body already set.
  struct Abort {};

  // Runs `body` in one transaction, committing when it returns. An exception rolls back (pqxx
  // aborts an uncommitted work in its destructor); `Abort` keeps the Status in *status.
  Status Mutate(const std::function<void(pqxx::work&)>& body, Status* status = nullptr) {
    try {
      pqxx::work w(*conn_);
      body(w);
      w.commit();
      return Status::Ok();
    } catch (const Abort&) {
      return status != nullptr && !status->ok() ? *status : Status::Internal("transaction aborted");
    } catch (const std::exception& e) {
      return FromException(e);
    }
  }

  void Audit(pqxx::work& w, std::string_view actor, std::string_view action,
             const std::string& object, const std::string& detail) {
    w.exec_params0(
        "INSERT INTO audit_log (actor, action, object, detail, at) VALUES ($1, $2, $3, $4, $5)",
        S(actor), S(action), object, detail, internal::NowUtc());
  }

  template <typename T, typename Read, typename... Args>
  Result<T> One(const std::string& sql, Read read, const std::string& what, Args&&... args) {
    return Guard([&]() -> Result<T> {
      pqxx::nontransaction n(*conn_);
      auto r = n.exec_params(sql, std::forward<Args>(args)...);
      if (r.empty()) return Status::NotFound(what + " not found");
      return T(read(r[0]));
    });
  }

  template <typename T, typename Read, typename... Args>
  Result<std::vector<T>> Many(const std::string& sql, Read read, Args&&... args) {
    return Guard([&]() -> Result<std::vector<T>> {
      pqxx::nontransaction n(*conn_);
      auto r = n.exec_params(sql, std::forward<Args>(args)...);
      std::vector<T> out;
      out.reserve(r.size());
      for (const auto& row : r) out.push_back(read(row));
      return out;
    });
  }

  std::unique_ptr<pqxx::connection> conn_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url) {
  std::unique_ptr<pqxx::connection> conn;
  try {
    conn = std::make_unique<pqxx::connection>(url);
  } catch (const std::exception& e) {
    std::string msg = e.what();
    while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
    return Status::Unavailable("cannot connect to PostgreSQL: " + msg);
  }
  auto store = std::make_unique<PostgresStore>(std::move(conn));
  SBOMHUB_RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sbomhub::store
