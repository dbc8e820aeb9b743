#include "store/sqlite/sqlite_store.h"

#include <algorithm>
#include <atomic>
#include <functional>
#include <future>
#include <map>
#include <set>
#include <string_view>
#include <system_error>
#include <utility>

#include "model/purl.h"
#include "sqlite/checkpointer.h"
#include "sqlite/sqlite.h"

#include <sqlite3.h>
#include "store/internal.h"

namespace sbomhub::store {
namespace {

using sqlite::Database;
using sqlite::Statement;

// The sqlite wrapper reports every constraint failure as kConflict; the Store contract tells
// "name taken" from "no such parent" from "bad value", which SQLite's message states.
Status MapError(const Status& s) {
  if (s.ok() || s.code() != StatusCode::kConflict) return s;
  const std::string& m = s.message();
  if (m.find("UNIQUE constraint failed") != std::string::npos) return Status::AlreadyExists(m);
  if (m.find("FOREIGN KEY constraint failed") != std::string::npos) return Status::NotFound(m);
  if (m.find("CHECK constraint failed") != std::string::npos ||
      m.find("NOT NULL constraint failed") != std::string::npos) {
    return Status::InvalidArgument(m);
  }
  return s;
}

// Rolls back unless committed, so every early return leaves the database as it was.
class Transaction {
 public:
  explicit Transaction(Database& db) : db_(db) {}
  ~Transaction() {
    if (open_) db_.Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Status Begin() {
    SBOMHUB_RETURN_IF_ERROR(db_.Begin());
    open_ = true;
    return Status::Ok();
  }
  Status Commit() {
    Status s = db_.Commit();
    if (s.ok()) open_ = false;
    return s;
  }

 private:
  Database& db_;
  bool open_ = false;
};

// An sqlite3_stmt on the C API, finalized on destruction. PutSbom's bulk inserts bind text
// without copying it, which sqlite::Statement does not offer.
class RawStatement {
 public:
  RawStatement() = default;
  explicit RawStatement(sqlite3_stmt* st) : st_(st) {}
  RawStatement(RawStatement&& o) noexcept : st_(std::exchange(o.st_, nullptr)) {}
  RawStatement& operator=(RawStatement&& o) noexcept {
    std::swap(st_, o.st_);
    return *this;
  }
  RawStatement(const RawStatement&) = delete;
  RawStatement& operator=(const RawStatement&) = delete;
  ~RawStatement() { sqlite3_finalize(st_); }
  sqlite3_stmt* get() const { return st_; }

 private:
  sqlite3_stmt* st_ = nullptr;
};

std::string Str(const Statement& st, int col) { return std::string(st.ColumnText(col)); }

Team ReadTeam(const Statement& st) { return {st.ColumnInt(0), Str(st, 1)}; }
User ReadUser(const Statement& st) {
  return {st.ColumnInt(0), Str(st, 1), Str(st, 2),
          ParseRole(st.ColumnText(3)).value_or(Role::kViewer)};
}
ApiKey ReadApiKey(const Statement& st) {
  return {st.ColumnInt(0), st.ColumnInt(1), ParseRole(st.ColumnText(2)).value_or(Role::kViewer),
          Str(st, 3),      Str(st, 4),      st.ColumnInt(5) != 0};
}
Project ReadProject(const Statement& st, int at = 0) {
  return {st.ColumnInt(at), Str(st, at + 1), st.ColumnInt(at + 2),
          ParseCriticality(st.ColumnText(at + 3)).value_or(Criticality::kMedium)};
}
ProjectVersion ReadVersion(const Statement& st, int at = 0) {
  return {st.ColumnInt(at), st.ColumnInt(at + 1), Str(st, at + 2)};
}
SbomDocument ReadDocument(const Statement& st) {
  return {st.ColumnInt(0), st.ColumnInt(1), Str(st, 2), Str(st, 3), Str(st, 4),
          Str(st, 5),      st.ColumnInt(6), Str(st, 7), Str(st, 8), st.ColumnInt(9) != 0};
}
StoredComponent ReadComponent(const Statement& st, int at = 0) {
  StoredComponent c;
  c.id = st.ColumnInt(at + 0);
  c.version_id = st.ColumnInt(at + 1);
  c.document_id = st.ColumnInt(at + 2);
  c.bom_ref = Str(st, at + 3);
  c.name = Str(st, at + 4);
  c.group = Str(st, at + 5);
  c.version = Str(st, at + 6);
  c.purl = Str(st, at + 7);
  c.purl_type = Str(st, at + 8);
  c.purl_name = Str(st, at + 9);
  c.cpe = Str(st, at + 10);
  c.supplier = Str(st, at + 11);
  c.license = Str(st, at + 12);
  c.hashes = Str(st, at + 13);
  c.scope = Str(st, at + 14);
  c.direct = st.ColumnInt(at + 15) != 0;
  c.primary = st.ColumnInt(at + 16) != 0;
  return c;
}

constexpr std::string_view kComponentColumns =
    "c.id, c.version_id, c.document_id, c.bom_ref, c.name, c.grp, c.version, c.purl, c.purl_type, "
    "c.purl_name, c.cpe, c.supplier, c.license, c.hashes, c.scope, c.is_direct, c.is_primary";

std::string Sql(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (auto p : parts) out += p;
  return out;
}

// WAL size (pages of 4 KiB) at which a commit wakes the background checkpointer: 16 MiB.
constexpr int kCheckpointWalPages = 4096;

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::unique_ptr<Database> db) : db_(std::move(db)) {}
  ~SqliteStore() override {
    // db_'s commits must stop calling into the checkpointer before it goes.
    if (checkpointer_) sqlite3_wal_hook(db_->raw(), nullptr, nullptr);
  }

  // Moves WAL checkpoints off the committing thread: a large upload's commit otherwise copies
  // the WAL into the database and fsyncs both before it returns.
  void CheckpointInBackground() {
    checkpointer_ = sqlite::BackgroundCheckpointer::ForFile(db_->path());
    if (checkpointer_) checkpointer_->HandOverCheckpoints(*db_, kCheckpointWalPages);
  }

  std::string_view Backend() const override { return "sqlite"; }

  Status Migrate() {
    SBOMHUB_RETURN_IF_ERROR(db_->Exec(
        "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT "
        "NULL, applied_at TEXT NOT NULL)"));
    const auto& migrations = internal::SqliteMigrations();
    Transaction tx(*db_);
    SBOMHUB_RETURN_IF_ERROR(tx.Begin());
    SBOMHUB_ASSIGN_OR_RETURN(int current, SchemaVersion());
    int newest = migrations.empty() ? 0 : migrations.back().version;
    if (current > newest) {
      return Status::Unsupported(db_->path() + ": schema version " + std::to_string(current) +
                                 " is newer than this sbomhub understands (" +
                                 std::to_string(newest) + "); upgrade sbomhub");
    }
    for (const auto& m : migrations) {
      if (m.version <= current) continue;
      SBOMHUB_RETURN_IF_ERROR(db_->Exec(m.sql).WithContext(std::string("migration ") + m.name));
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st,
          db_->Prepare(
              "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)"));
      SBOMHUB_RETURN_IF_ERROR(
          st.Bind(1, std::int64_t{m.version}).Bind(2, m.name).Bind(3, internal::NowUtc()).Run());
    }
    return tx.Commit();
  }

  Result<int> SchemaVersion() override {
    SBOMHUB_ASSIGN_OR_RETURN(
        auto st, db_->Prepare("SELECT coalesce(max(version), 0) FROM schema_migrations"));
    SBOMHUB_ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? static_cast<int>(st.ColumnInt(0)) : 0;
  }

  // ---- teams, users, keys ----

  Result<Team> CreateTeam(std::string_view actor, std::string_view name) override {
    Team t;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          t.id, InsertReturningId("INSERT INTO teams (name) VALUES (?) RETURNING id", {name}));
      t.name = std::string(name);
      return Audit(actor, "team.create", "team:" + std::to_string(t.id), t.name);
    }));
    return t;
  }

  Result<Team> GetTeam(Id id) override {
    return One<Team>("SELECT id, name FROM teams WHERE id = ?", ReadTeam,
                     "team " + std::to_string(id), [&](Statement& st) { st.Bind(1, id); });
  }

  Result<std::vector<Team>> ListTeams(Page page) override {
    return Many<Team>("SELECT id, name FROM teams ORDER BY name LIMIT ? OFFSET ?", ReadTeam,
                      [&](Statement& st) { BindPage(st, 1, page); });
  }

  Result<User> CreateUser(std::string_view actor, std::string_view name,
                          std::string_view password_hash, Role role) override {
    User u{0, std::string(name), std::string(password_hash), role};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          u.id, InsertReturningId(
                    "INSERT INTO users (name, password_hash, role) VALUES (?, ?, ?) RETURNING id",
                    {name, password_hash, RoleName(role)}));
      return Audit(actor, "user.create", "user:" + std::to_string(u.id),
                   u.name + " role=" + std::string(RoleName(role)));
    }));
    return u;
  }

  Result<User> GetUserByName(std::string_view name) override {
    return One<User>("SELECT id, name, password_hash, role FROM users WHERE name = ?", ReadUser,
                     "user '" + std::string(name) + "'", [&](Statement& st) { st.Bind(1, name); });
  }

  Result<User> GetUser(Id id) override {
    return One<User>("SELECT id, name, password_hash, role FROM users WHERE id = ?", ReadUser,
                     "user " + std::to_string(id), [&](Statement& st) { st.Bind(1, id); });
  }

  Status SetUserPassword(std::string_view actor, Id user_id,
                         std::string_view password_hash) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto st,
                               db_->Prepare("UPDATE users SET password_hash = ? WHERE id = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, password_hash).Bind(2, user_id).Run()));
      if (db_->Changes() == 0)
        return Status::NotFound("user " + std::to_string(user_id) + " not found");
      return Audit(actor, "user.set_password", "user:" + std::to_string(user_id), "");
    });
  }

  Status RemoveTeamMember(std::string_view actor, Id team_id, Id user_id) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("DELETE FROM team_members WHERE team_id = ? AND user_id = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, team_id).Bind(2, user_id).Run()));
      if (db_->Changes() == 0) {
        return Status::NotFound("user " + std::to_string(user_id) + " is not a member of team " +
                                std::to_string(team_id));
      }
      return Audit(actor, "team.remove_member", "team:" + std::to_string(team_id),
                   "user:" + std::to_string(user_id));
    });
  }

  Result<std::vector<User>> ListTeamMembers(Id team_id) override {
    return Many<User>(
        "SELECT u.id, u.name, u.password_hash, u.role FROM users u JOIN team_members m ON "
        "m.user_id = u.id WHERE m.team_id = ? ORDER BY u.name",
        ReadUser, [&](Statement& st) { st.Bind(1, team_id); });
  }

  Result<std::vector<User>> ListUsers(Page page) override {
    return Many<User>(
        "SELECT id, name, password_hash, role FROM users ORDER BY name LIMIT ? OFFSET ?", ReadUser,
        [&](Statement& st) { BindPage(st, 1, page); });
  }

  Status AddTeamMember(std::string_view actor, Id team_id, Id user_id) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("INSERT INTO team_members (team_id, user_id) VALUES (?, ?)"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, team_id).Bind(2, user_id).Run()));
      return Audit(actor, "team.add_member", "team:" + std::to_string(team_id),
                   "user:" + std::to_string(user_id));
    });
  }

  Result<std::vector<Team>> TeamsOfUser(Id user_id) override {
    return Many<Team>(
        "SELECT t.id, t.name FROM teams t JOIN team_members m ON m.team_id = t.id "
        "WHERE m.user_id = ? ORDER BY t.name",
        ReadTeam, [&](Statement& st) { st.Bind(1, user_id); });
  }

  Result<ApiKey> CreateApiKey(std::string_view actor, Id team_id, Role role,
                              std::string_view key_hash) override {
    ApiKey k{0, team_id, role, std::string(key_hash), internal::NowUtc(), false};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto st,
                               db_->Prepare("INSERT INTO api_keys (team_id, role, key_hash, "
                                            "created_at) VALUES (?, ?, ?, ?) RETURNING id"));
      st.Bind(1, team_id).Bind(2, RoleName(role)).Bind(3, key_hash).Bind(4, k.created_at);
      SBOMHUB_ASSIGN_OR_RETURN(k.id, StepId(st));
      return Audit(actor, "api_key.create", "api_key:" + std::to_string(k.id),
                   "team:" + std::to_string(team_id) + " role=" + std::string(RoleName(role)));
    }));
    return k;
  }

  Result<ApiKey> GetApiKeyByHash(std::string_view key_hash) override {
    return One<ApiKey>(
        "SELECT id, team_id, role, key_hash, created_at, revoked FROM api_keys WHERE key_hash = ?",
        ReadApiKey, "API key", [&](Statement& st) { st.Bind(1, key_hash); });
  }

  Result<std::vector<ApiKey>> ListApiKeys(Id team_id, Page page) override {
    return Many<ApiKey>(
        "SELECT id, team_id, role, key_hash, created_at, revoked FROM api_keys WHERE team_id = ? "
        "ORDER BY id LIMIT ? OFFSET ?",
        ReadApiKey, [&](Statement& st) {
          st.Bind(1, team_id);
          BindPage(st, 2, page);
        });
  }

  Status RevokeApiKey(std::string_view actor, Id key_id) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto st,
                               db_->Prepare("UPDATE api_keys SET revoked = 1 WHERE id = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, key_id).Run()));
      if (db_->Changes() == 0)
        return Status::NotFound("API key " + std::to_string(key_id) + " not found");
      return Audit(actor, "api_key.revoke", "api_key:" + std::to_string(key_id), "");
    });
  }

  // ---- projects and versions ----

  Result<Project> CreateProject(std::string_view actor, std::string_view name, Id team_id,
                                Criticality criticality) override {
    Project p{0, std::string(name), team_id, criticality};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st,
          db_->Prepare(
              "INSERT INTO projects (name, team_id, criticality) VALUES (?, ?, ?) RETURNING id"));
      st.Bind(1, name).Bind(2, team_id).Bind(3, CriticalityName(criticality));
      SBOMHUB_ASSIGN_OR_RETURN(p.id, StepId(st));
      return Audit(actor, "project.create", "project:" + std::to_string(p.id),
                   p.name + " team:" + std::to_string(team_id) +
                       " criticality=" + std::string(CriticalityName(criticality)));
    }));
    return p;
  }

  Result<Project> GetProject(Id id) override {
    return One<Project>(
        "SELECT id, name, team_id, criticality FROM projects WHERE id = ?",
        [](const Statement& st) { return ReadProject(st); }, "project " + std::to_string(id),
        [&](Statement& st) { st.Bind(1, id); });
  }

  Result<Project> GetProjectByName(std::string_view name) override {
    return One<Project>(
        "SELECT id, name, team_id, criticality FROM projects WHERE name = ?",
        [](const Statement& st) { return ReadProject(st); }, "project '" + std::string(name) + "'",
        [&](Statement& st) { st.Bind(1, name); });
  }

  Result<std::vector<Project>> ListProjects(const ProjectFilter& filter, Page page) override {
    return Many<Project>(
        "SELECT id, name, team_id, criticality FROM projects WHERE "
        "(? = '' OR team_id IN (SELECT value FROM json_each(?))) "
        "AND lower(name) LIKE ? ESCAPE '\\' AND (? = '' OR criticality = ?) "
        "ORDER BY name LIMIT ? OFFSET ?",
        [](const Statement& st) { return ReadProject(st); },
        [&](Statement& st) {
          std::string teams = internal::TeamsJson(filter.team_ids);
          std::string crit =
              filter.criticality ? std::string(CriticalityName(*filter.criticality)) : "";
          st.Bind(1, teams).Bind(2, teams.empty() ? "[]" : teams);
          st.Bind(3, internal::ContainsToLike(filter.name_contains));
          st.Bind(4, crit).Bind(5, crit);
          BindPage(st, 6, page);
        });
  }

  Result<Project> UpdateProject(std::string_view actor, Id id,
                                std::optional<Criticality> criticality,
                                std::optional<Id> team_id) override {
    Project p;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(p, GetProject(id));
      if (criticality) p.criticality = *criticality;
      if (team_id) p.team_id = *team_id;
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("UPDATE projects SET criticality = ?, team_id = ? WHERE id = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(
          st.Bind(1, CriticalityName(p.criticality)).Bind(2, p.team_id).Bind(3, id).Run()));
      return Audit(actor, "project.update", "project:" + std::to_string(id),
                   "team:" + std::to_string(p.team_id) +
                       " criticality=" + std::string(CriticalityName(p.criticality)));
    }));
    return p;
  }

  Result<ProjectVersion> CreateVersion(std::string_view actor, Id project_id,
                                       std::string_view version) override {
    ProjectVersion v{0, project_id, std::string(version)};
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st,
          db_->Prepare(
              "INSERT INTO project_versions (project_id, version) VALUES (?, ?) RETURNING id"));
      st.Bind(1, project_id).Bind(2, version);
      SBOMHUB_ASSIGN_OR_RETURN(v.id, StepId(st));
      return Audit(actor, "version.create", "version:" + std::to_string(v.id),
                   "project:" + std::to_string(project_id) + " " + v.version);
    }));
    return v;
  }

  Result<ProjectVersion> GetVersion(Id id) override {
    return One<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE id = ?",
        [](const Statement& st) { return ReadVersion(st); }, "version " + std::to_string(id),
        [&](Statement& st) { st.Bind(1, id); });
  }

  Result<ProjectVersion> GetVersionByName(Id project_id, std::string_view version) override {
    return One<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE project_id = ? AND version = ?",
        [](const Statement& st) { return ReadVersion(st); },
        "version '" + std::string(version) + "' of project " + std::to_string(project_id),
        [&](Statement& st) { st.Bind(1, project_id).Bind(2, version); });
  }

  Result<std::vector<ProjectVersion>> ListVersions(Id project_id, Page page) override {
    return Many<ProjectVersion>(
        "SELECT id, project_id, version FROM project_versions WHERE project_id = ? ORDER BY id "
        "LIMIT ? OFFSET ?",
        [](const Statement& st) { return ReadVersion(st); },
        [&](Statement& st) {
          st.Bind(1, project_id);
          BindPage(st, 2, page);
        });
  }

  // ---- documents ----

  // The queued job of `kind` for the version, created when there is none. Runs inside the
  // caller's transaction, so PutSbom can queue the analysis of the document it stores atomically.
  Result<Id> QueueJobInTransaction(std::string_view kind, Id version_id, bool& created) {
    created = false;
    SBOMHUB_ASSIGN_OR_RETURN(
        auto find, db_->Prepare("SELECT id FROM jobs WHERE version_id = ? AND kind = ? AND "
                                "state = 'queued'"));
    find.Bind(1, version_id).Bind(2, kind);
    SBOMHUB_ASSIGN_OR_RETURN(bool row, find.Step());
    if (row) return find.ColumnInt(0);
    find.Reset();
    SBOMHUB_ASSIGN_OR_RETURN(
        auto ins, db_->Prepare("INSERT INTO jobs (kind, version_id, state, created_at) VALUES "
                               "(?, ?, 'queued', ?) RETURNING id"));
    ins.Bind(1, kind).Bind(2, version_id).Bind(3, internal::NowUtc());
    SBOMHUB_ASSIGN_OR_RETURN(Id id, StepId(ins));
    created = true;
    return id;
  }

  using Store::PutSbom;
  Result<StoredSbom> PutSbom(std::string_view actor, Id version_id, const DocumentContent& content,
                             const model::Sbom& sbom) override {
    StoredSbom out;
    SbomDocument& doc = out.document;
    doc.version_id = version_id;
    doc.family = std::string(model::SpecFamilyName(sbom.family));
    doc.spec_version = sbom.spec_version;
    doc.encoding = std::string(model::EncodingName(sbom.encoding));
    doc.size_bytes = static_cast<std::int64_t>(content.original.size());
    doc.uploaded_at = internal::NowUtc();
    doc.uploaded_by = std::string(actor);
    doc.current = true;
    // The component rows (purl parsing is the costly part) are built on a second thread while
    // this one writes the document and the edges, and are stored as they come: the inserts wait
    // only for rows not built yet.
    std::vector<StoredComponent> components(model::CountAllComponents(sbom));
    std::atomic<std::size_t> built{0};
    auto build_rows = [&] { internal::FillComponentRows(sbom, components, built); };
    std::future<void> rows_built;
    try {
      rows_built = std::async(std::launch::async, build_rows);
    } catch (const std::system_error&) {
      build_rows();  // no thread to spare
    }
    // Every path out of this function, errors included, waits for the builder first: it writes
    // into `components`.
    struct JoinBuilder {
      std::future<void>& f;
      ~JoinBuilder() {
        if (f.valid()) f.wait();
      }
    } join_builder{rows_built};
    auto wait_built = [&](std::size_t rows) {
      for (std::size_t have = built.load(std::memory_order_acquire); have < rows;
           have = built.load(std::memory_order_acquire)) {
        built.wait(have, std::memory_order_acquire);
      }
    };
    doc.sha256 = content.sha256;

    // Every row below references the version checked and the document inserted inside this
    // one transaction (IMMEDIATE: no other writer can remove them meanwhile), so SQLite's
    // foreign-key lookups, two per component and one per edge, could never fail; they are off
    // for this transaction (the pragma only takes effect outside one).
    ForeignKeysOff fk_off(*db_);
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_RETURN_IF_ERROR(GetVersion(version_id).status());
      SBOMHUB_ASSIGN_OR_RETURN(
          auto ins_doc,
          db_->Prepare(
              "INSERT INTO sbom_documents (version_id, sha256, family, spec_version, encoding, "
              "size_bytes, uploaded_at, uploaded_by, is_current) "
              "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) RETURNING id"));
      ins_doc.Bind(1, version_id)
          .Bind(2, doc.sha256)
          .Bind(3, doc.family)
          .Bind(4, doc.spec_version)
          .Bind(5, doc.encoding)
          .Bind(6, doc.size_bytes)
          .Bind(7, doc.uploaded_at)
          .Bind(8, doc.uploaded_by);
      SBOMHUB_ASSIGN_OR_RETURN(doc.id, StepId(ins_doc));
      // No RETURNING here: it would materialize the zeroblob the bytes are streamed into.
      SBOMHUB_ASSIGN_OR_RETURN(
          auto ins_content,
          db_->Prepare("INSERT INTO sbom_content (document_id, compression, content) "
                       "VALUES (?, ?, zeroblob(?))"));
      ins_content.Bind(1, doc.id)
          .Bind(2, content.compression)
          .Bind(3, static_cast<std::int64_t>(content.stored.size()));
      SBOMHUB_RETURN_IF_ERROR(MapError(ins_content.Run()));
      SBOMHUB_RETURN_IF_ERROR(WriteContent(doc.id, content.stored));

      // Older uploads stay (bytes for history) but stop being current; their rows go.
      SBOMHUB_ASSIGN_OR_RETURN(
          auto retire,
          db_->Prepare(
              "UPDATE sbom_documents SET is_current = 0 WHERE version_id = ? AND id <> ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(retire.Bind(1, version_id).Bind(2, doc.id).Run()));
      for (std::string_view sql : {"DELETE FROM dependency_edges WHERE version_id = ?",
                                   "DELETE FROM components WHERE version_id = ?"}) {
        SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
        SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, version_id).Run()));
      }

      // Edges first: they are bound straight from the model, and give the builder a head start.
      // seq keeps document order: the edge table is keyed by (version_id, seq) (migration 0006).
      SBOMHUB_RETURN_IF_ERROR(InsertBulk(
          "INSERT INTO dependency_edges (version_id, seq, from_ref, to_ref, type) VALUES ", 5,
          sbom.dependencies.size(), [&](sqlite3_stmt* st, int at, std::size_t i) {
            const model::DependencyEdge& e = sbom.dependencies[i];
            sqlite3_bind_int64(st, at + 0, version_id);
            sqlite3_bind_int64(st, at + 1, static_cast<std::int64_t>(i));
            BindStatic(st, at + 2, e.from);
            BindStatic(st, at + 3, e.to);
            BindStatic(st, at + 4, internal::EdgeTypeText(e));
          }));
      SBOMHUB_RETURN_IF_ERROR(InsertBulk(
          "INSERT INTO components (version_id, document_id, bom_ref, name, grp, version, purl, "
          "purl_type, purl_name, cpe, supplier, license, hashes, scope, is_direct, is_primary) "
          "VALUES ",
          16, components.size(), [&](sqlite3_stmt* st, int at, std::size_t i) {
            const StoredComponent& c = components[i];
            sqlite3_bind_int64(st, at + 0, version_id);
            sqlite3_bind_int64(st, at + 1, doc.id);
            BindStatic(st, at + 2, c.bom_ref);
            BindStatic(st, at + 3, c.name);
            BindStatic(st, at + 4, c.group);
            BindStatic(st, at + 5, c.version);
            BindStatic(st, at + 6, c.purl);
            BindStatic(st, at + 7, c.purl_type);
            BindStatic(st, at + 8, c.purl_name);
            BindStatic(st, at + 9, c.cpe);
            BindStatic(st, at + 10, c.supplier);
            BindStatic(st, at + 11, c.license);
            BindStatic(st, at + 12, c.hashes);
            BindStatic(st, at + 13, c.scope);
            sqlite3_bind_int(st, at + 14, c.direct ? 1 : 0);
            sqlite3_bind_int(st, at + 15, c.primary ? 1 : 0);
          },
          wait_built));
      // A duplicate bom-ref rolls the whole upload back (checked once every row is built).
      SBOMHUB_RETURN_IF_ERROR(internal::CheckUniqueRefs(components));
      bool queued = false;
      SBOMHUB_ASSIGN_OR_RETURN(Id job_id, QueueJobInTransaction("analyze", version_id, queued));
      SBOMHUB_ASSIGN_OR_RETURN(out.job, GetJob(job_id));
      return Audit(actor, "sbom.put", "version:" + std::to_string(version_id),
                   "document:" + std::to_string(doc.id) + " sha256:" + doc.sha256 + " " +
                       doc.family + " " + doc.spec_version +
                       " components=" + std::to_string(components.size()) +
                       " edges=" + std::to_string(sbom.dependencies.size()));
    }));
    return out;
  }

  Result<std::vector<SbomDocument>> ListDocuments(Id version_id) override {
    return Many<SbomDocument>(
        "SELECT id, version_id, sha256, family, spec_version, encoding, size_bytes, uploaded_at, "
        "uploaded_by, is_current FROM sbom_documents WHERE version_id = ? ORDER BY id",
        ReadDocument, [&](Statement& st) { st.Bind(1, version_id); });
  }

  Result<std::string> SbomBytes(Id document_id) override {
    std::string what = "document " + std::to_string(document_id);
    SBOMHUB_ASSIGN_OR_RETURN(
        auto st, db_->Prepare("SELECT c.content, c.compression, d.size_bytes FROM sbom_content c "
                              "JOIN sbom_documents d ON d.id = c.document_id "
                              "WHERE c.document_id = ?"));
    st.Bind(1, document_id);
    SBOMHUB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::NotFound(what + " not found");
    return RestoreDocumentContent(st.ColumnText(0), st.ColumnText(1), st.ColumnInt(2), what);
  }

  Result<std::vector<StoredComponent>> ComponentsOf(Id version_id, Page page) override {
    return Many<StoredComponent>(
        Sql({"SELECT ", kComponentColumns,
             " FROM components c WHERE c.version_id = ? ORDER BY c.id "
             "LIMIT ? OFFSET ?"}),
        [](const Statement& st) { return ReadComponent(st); },
        [&](Statement& st) {
          st.Bind(1, version_id);
          BindPage(st, 2, page);
        });
  }

  Result<std::vector<StoredEdge>> EdgesOf(Id version_id) override {
    return Many<StoredEdge>(
        "SELECT from_ref, to_ref, type FROM dependency_edges WHERE version_id = ? ORDER BY seq",
        [](const Statement& st) {
          return StoredEdge{Str(st, 0), Str(st, 1), Str(st, 2)};
        },
        [&](Statement& st) { st.Bind(1, version_id); });
  }

  // ---- queries ----

  Result<std::vector<WhereUsedRow>> WhereUsed(std::string_view purl,
                                              std::optional<std::string_view> version,
                                              Page page, const TeamScope& teams) override {
    auto key = internal::PurlKey(purl);
    if (key.first.empty()) {
      return Status::InvalidArgument("'" + std::string(purl) + "' is not a package URL");
    }
    return Many<WhereUsedRow>(
        Sql({kWhereUsedSelect,
             "WHERE c.purl_type = ? AND c.purl_name = ? AND (? = 0 OR c.version = ?) AND ",
             kTeamClause, kWhereUsedOrder}),
        ReadWhereUsed, [&](Statement& st) {
          st.Bind(1, key.first)
              .Bind(2, key.second)
              .Bind(3, std::int64_t{version ? 1 : 0})
              .Bind(4, version.value_or(""));
          BindTeams(st, 5, teams);
          BindPage(st, 7, page);
        });
  }

  Result<std::vector<WhereUsedRow>> WhereUsedByName(std::string_view pattern, Page page,
                                                    const TeamScope& teams) override {
    auto range = internal::GlobPrefixRange(pattern);
    return Many<WhereUsedRow>(
        // With a literal prefix the range lets the planner seek each version's part of the
        // components_version_name index; the
        // statement text differs (not a parameter) because SQLite plans before binding.
        Sql({kWhereUsedSelect, "WHERE lower(c.name) LIKE ? ESCAPE '\\' AND ",
             range.first.empty() ? "? = ? AND " : "lower(c.name) >= ? AND lower(c.name) < ? AND ",
             kTeamClause, kWhereUsedOrder}),
        ReadWhereUsed, [&](Statement& st) {
          st.Bind(1, internal::GlobToLike(pattern)).Bind(2, range.first).Bind(3, range.second);
          BindTeams(st, 4, teams);
          BindPage(st, 6, page);
        });
  }

  // ---- findings and triage ----

  Status RecordFindings(std::string_view actor, Id version_id,
                        const std::vector<FindingRecord>& current) override {
    std::map<std::pair<std::string, std::string>, const FindingDetails*> keys;
    for (const auto& r : current)
      keys.emplace(std::make_pair(r.key.component_ref, r.key.vulnerability_id), &r.details);
    std::string now = internal::NowUtc();
    return Mutate([&]() -> Status {
      SBOMHUB_RETURN_IF_ERROR(GetVersion(version_id).status());
      // Retire everything, then re-activate what this scan reports: one pass, no diffing, and
      // first_seen survives because reported rows are updated, never re-inserted.
      SBOMHUB_ASSIGN_OR_RETURN(
          auto retire,
          db_->Prepare("UPDATE findings SET active = 0 WHERE version_id = ? AND active = 1"));
      SBOMHUB_RETURN_IF_ERROR(MapError(retire.Bind(1, version_id).Run()));
      SBOMHUB_ASSIGN_OR_RETURN(
          auto upsert,
          db_->Prepare(
              "INSERT INTO findings (version_id, component_ref, vulnerability_id, active, "
              "first_seen, last_seen, analysis_component, component_name, component_version, "
              "component_purl, severity, cvss_score, cvss_vector, epss, epss_percentile, kev, "
              "summary, fixed_versions, matcher, needs_verification, confidence) "
              "VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (version_id, component_ref, vulnerability_id) DO UPDATE SET "
              "active = 1, last_seen = excluded.last_seen, "
              "analysis_component = excluded.analysis_component, "
              "component_name = excluded.component_name, "
              "component_version = excluded.component_version, "
              "component_purl = excluded.component_purl, severity = excluded.severity, "
              "cvss_score = excluded.cvss_score, cvss_vector = excluded.cvss_vector, "
              "epss = excluded.epss, epss_percentile = excluded.epss_percentile, "
              "kev = excluded.kev, summary = excluded.summary, "
              "fixed_versions = excluded.fixed_versions, matcher = excluded.matcher, "
              "needs_verification = excluded.needs_verification, "
              "confidence = excluded.confidence"));
      auto bind_opt = [&](int at, const std::optional<double>& v) {
        if (v) {
          upsert.Bind(at, *v);
        } else {
          upsert.BindNull(at);
        }
      };
      for (const auto& [key, d] : keys) {
        upsert.Bind(1, version_id).Bind(2, key.first).Bind(3, key.second).Bind(4, now).Bind(5, now);
        upsert.Bind(6, AnalysisComponentKey(d->component_purl,
                                            d->component_name.empty() ? key.first
                                                                      : d->component_name))
            .Bind(7, d->component_name)
            .Bind(8, d->component_version)
            .Bind(9, d->component_purl)
            .Bind(10, d->severity);
        bind_opt(11, d->cvss_score);
        upsert.Bind(12, d->cvss_vector);
        bind_opt(13, d->epss);
        bind_opt(14, d->epss_percentile);
        upsert.Bind(15, std::int64_t{d->kev ? 1 : 0})
            .Bind(16, d->summary)
            .Bind(17, d->fixed_versions)
            .Bind(18, d->matcher)
            .Bind(19, std::int64_t{d->needs_verification ? 1 : 0})
            .Bind(20, d->confidence);
        SBOMHUB_RETURN_IF_ERROR(MapError(upsert.Run()));
      }
      return Audit(actor, "findings.record", "version:" + std::to_string(version_id),
                   "active=" + std::to_string(keys.size()));
    });
  }

  Result<std::vector<Finding>> FindingsOf(Id version_id, bool include_inactive,
                                          Page page) override {
    return Many<Finding>(
        Sql({"SELECT ", kFindingColumns,
             " FROM findings f WHERE f.version_id = ? AND (? = 1 OR f.active = 1) "
             "ORDER BY f.component_ref, f.vulnerability_id LIMIT ? OFFSET ?"}),
        [](const Statement& st) { return ReadFinding(st, 0); },
        [&](Statement& st) {
          st.Bind(1, version_id).Bind(2, std::int64_t{include_inactive ? 1 : 0});
          BindPage(st, 3, page);
        });
  }

  Result<std::vector<FindingRow>> QueryFindings(const FindingQuery& q, Page page) override {
    return Many<FindingRow>(
        Sql({"SELECT p.id, p.name, p.team_id, p.criticality, v.id, v.project_id, v.version, ",
             kFindingColumns, ", ", kAnalysisColumns,
             " FROM findings f JOIN project_versions v ON v.id = f.version_id "
             "JOIN projects p ON p.id = v.project_id "
             "LEFT JOIN analyses a ON a.project_id = p.id AND a.component = f.analysis_component "
             "AND a.vulnerability_id = f.vulnerability_id "
             "WHERE (? = 1 OR f.active = 1) AND (? = 0 OR p.id = ?) AND (? = 0 OR v.id = ?) "
             "AND (? = 0 OR f.vulnerability_id = ?) AND ",
             kTeamClause,
             "ORDER BY p.name, v.version, f.component_ref, f.vulnerability_id LIMIT ? OFFSET ?"}),
        [](const Statement& st) {
          FindingRow r{ReadProject(st, 0), ReadVersion(st, 4), ReadFinding(st, 7), std::nullopt};
          if (!st.ColumnIsNull(7 + kFindingColumnCount)) {
            r.analysis = ReadAnalysisAt(st, 7 + kFindingColumnCount);
          }
          return r;
        },
        [&](Statement& st) {
          st.Bind(1, std::int64_t{q.include_inactive ? 1 : 0});
          st.Bind(2, std::int64_t{q.project_id ? 1 : 0}).Bind(3, q.project_id.value_or(0));
          st.Bind(4, std::int64_t{q.version_id ? 1 : 0}).Bind(5, q.version_id.value_or(0));
          st.Bind(6, std::int64_t{q.vulnerability_id ? 1 : 0})
              .Bind(7, q.vulnerability_id.value_or(""));
          BindTeams(st, 8, q.team_ids);
          BindPage(st, 10, page);
        });
  }

  Result<std::vector<FindingCount>> CountFindings(const FindingQuery& q) override {
    return Many<FindingCount>(
        Sql({"SELECT p.id, f.severity, f.kev, COUNT(*) "
             "FROM findings f JOIN project_versions v ON v.id = f.version_id "
             "JOIN projects p ON p.id = v.project_id "
             "WHERE (? = 1 OR f.active = 1) AND (? = 0 OR p.id = ?) AND (? = 0 OR v.id = ?) "
             "AND (? = 0 OR f.vulnerability_id = ?) AND ",
             kTeamClause, "GROUP BY p.id, f.severity, f.kev ORDER BY p.id, f.severity, f.kev"}),
        [](const Statement& st) {
          return FindingCount{st.ColumnInt(0), Str(st, 1), st.ColumnInt(2) != 0, st.ColumnInt(3)};
        },
        [&](Statement& st) {
          st.Bind(1, std::int64_t{q.include_inactive ? 1 : 0});
          st.Bind(2, std::int64_t{q.project_id ? 1 : 0}).Bind(3, q.project_id.value_or(0));
          st.Bind(4, std::int64_t{q.version_id ? 1 : 0}).Bind(5, q.version_id.value_or(0));
          st.Bind(6, std::int64_t{q.vulnerability_id ? 1 : 0})
              .Bind(7, q.vulnerability_id.value_or(""));
          BindTeams(st, 8, q.team_ids);
        });
  }

  Result<Analysis> PutAnalysis(std::string_view actor, const Analysis& analysis) override {
    Analysis a = analysis;
    a.updated_at = internal::NowUtc();
    a.updated_by = std::string(actor);
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto upsert,
          db_->Prepare(
              "INSERT INTO analyses (project_id, component, vulnerability_id, state, "
              "justification, "
              "response, detail, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
              "ON CONFLICT (project_id, component, vulnerability_id) DO UPDATE SET state = "
              "excluded.state, "
              "justification = excluded.justification, response = excluded.response, "
              "detail = excluded.detail, updated_at = excluded.updated_at, updated_by = "
              "excluded.updated_by "
              "RETURNING id"));
      upsert.Bind(1, a.project_id)
          .Bind(2, a.component)
          .Bind(3, a.vulnerability_id)
          .Bind(4, AnalysisStateName(a.state))
          .Bind(5, a.justification)
          .Bind(6, a.response)
          .Bind(7, a.detail)
          .Bind(8, a.updated_at)
          .Bind(9, a.updated_by);
      SBOMHUB_ASSIGN_OR_RETURN(a.id, StepId(upsert));
      SBOMHUB_ASSIGN_OR_RETURN(auto history,
                               db_->Prepare("INSERT INTO analysis_history (analysis_id, state, "
                                            "justification, response, detail, at, "
                                            "actor) VALUES (?, ?, ?, ?, ?, ?, ?)"));
      history.Bind(1, a.id)
          .Bind(2, AnalysisStateName(a.state))
          .Bind(3, a.justification)
          .Bind(4, a.response)
          .Bind(5, a.detail)
          .Bind(6, a.updated_at)
          .Bind(7, a.updated_by);
      SBOMHUB_RETURN_IF_ERROR(MapError(history.Run()));
      return Audit(actor, "analysis.put", "analysis:" + std::to_string(a.id),
                   "project:" + std::to_string(a.project_id) + " " + a.component + " " +
                       a.vulnerability_id + " state=" + std::string(AnalysisStateName(a.state)));
    }));
    return a;
  }

  Result<Analysis> GetAnalysis(Id project_id, std::string_view component,
                               std::string_view vulnerability_id) override {
    return One<Analysis>(
        "SELECT id, project_id, component, vulnerability_id, state, justification, response, "
        "detail, "
        "updated_at, updated_by FROM analyses WHERE project_id = ? AND component = ? AND "
        "vulnerability_id = ?",
        ReadAnalysis,
        "analysis of " + std::string(vulnerability_id) + " in " + std::string(component),
        [&](Statement& st) {
          st.Bind(1, project_id).Bind(2, component).Bind(3, vulnerability_id);
        });
  }

  Result<std::vector<Analysis>> AnalysisHistory(Id project_id, std::string_view component,
                                                std::string_view vulnerability_id) override {
    return Many<Analysis>(
        "SELECT a.id, a.project_id, a.component, a.vulnerability_id, h.state, h.justification, "
        "h.response, h.detail, h.at, h.actor FROM analysis_history h JOIN analyses a ON "
        "a.id = h.analysis_id WHERE a.project_id = ? AND a.component = ? AND a.vulnerability_id = "
        "? "
        "ORDER BY h.id",
        ReadAnalysis, [&](Statement& st) {
          st.Bind(1, project_id).Bind(2, component).Bind(3, vulnerability_id);
        });
  }

  Result<std::vector<Analysis>> ListAnalyses(Id project_id, Page page) override {
    return Many<Analysis>(
        Sql({"SELECT ", kAnalysisColumns,
             " FROM analyses a WHERE a.project_id = ? ORDER BY a.component, a.vulnerability_id "
             "LIMIT ? OFFSET ?"}),
        ReadAnalysis, [&](Statement& st) {
          st.Bind(1, project_id);
          BindPage(st, 2, page);
        });
  }

  // ---- sessions ----

  Result<Session> CreateSession(std::string_view actor, std::string_view token_hash, Id user_id,
                                std::string_view csrf_token, std::chrono::seconds ttl) override {
    Session se{std::string(token_hash), user_id, std::string(csrf_token), internal::NowUtc(),
               internal::UtcFromNow(ttl), ""};
    se.last_seen = se.created_at;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("INSERT INTO sessions (token_hash, user_id, csrf_token, "
                                "created_at, expires_at, last_seen) VALUES (?, ?, ?, ?, ?, ?)"));
      st.Bind(1, se.token_hash)
          .Bind(2, user_id)
          .Bind(3, se.csrf_token)
          .Bind(4, se.created_at)
          .Bind(5, se.expires_at)
          .Bind(6, se.last_seen);
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Run()));
      return Audit(actor, "session.create", "user:" + std::to_string(user_id), "");
    }));
    return se;
  }

  Result<Session> GetSession(std::string_view token_hash) override {
    return One<Session>(
        "SELECT token_hash, user_id, csrf_token, created_at, expires_at, last_seen FROM sessions "
        "WHERE token_hash = ? AND expires_at > ?",
        ReadSession, "session", [&](Statement& st) {
          st.Bind(1, token_hash).Bind(2, internal::NowUtc());
        });
  }

  Result<Session> TouchSession(std::string_view token_hash, std::chrono::seconds ttl) override {
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto st,
                               db_->Prepare("UPDATE sessions SET last_seen = ?, expires_at = ? "
                                            "WHERE token_hash = ? AND expires_at > ?"));
      std::string now = internal::NowUtc();
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, now)
                                           .Bind(2, internal::UtcFromNow(ttl))
                                           .Bind(3, token_hash)
                                           .Bind(4, now)
                                           .Run()));
      if (db_->Changes() == 0) return Status::NotFound("session not found");
      return Status::Ok();
    }));
    return GetSession(token_hash);
  }

  Status DeleteSession(std::string_view actor, std::string_view token_hash) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto find,
                               db_->Prepare("SELECT user_id FROM sessions WHERE token_hash = ?"));
      find.Bind(1, token_hash);
      SBOMHUB_ASSIGN_OR_RETURN(bool row, find.Step());
      if (!row) return Status::Ok();
      Id user = find.ColumnInt(0);
      find.Reset();
      SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM sessions WHERE token_hash = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, token_hash).Run()));
      return Audit(actor, "session.delete", "user:" + std::to_string(user), "");
    });
  }

  Result<int> DeleteSessionsOfUser(std::string_view actor, Id user_id) override {
    int n = 0;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare("DELETE FROM sessions WHERE user_id = ?"));
      SBOMHUB_RETURN_IF_ERROR(MapError(st.Bind(1, user_id).Run()));
      n = db_->Changes();
      return Audit(actor, "session.delete_all", "user:" + std::to_string(user_id),
                   "sessions=" + std::to_string(n));
    }));
    return n;
  }

  // ---- jobs ----

  Result<Job> EnqueueJob(std::string_view actor, std::string_view kind, Id version_id) override {
    Id id = 0;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_RETURN_IF_ERROR(GetVersion(version_id).status());
      bool created = false;
      SBOMHUB_ASSIGN_OR_RETURN(id, QueueJobInTransaction(kind, version_id, created));
      if (!created) return Status::Ok();
      return Audit(actor, "job.enqueue", "job:" + std::to_string(id),
                   std::string(kind) + " version:" + std::to_string(version_id));
    }));
    return GetJob(id);
  }

  Result<std::optional<Job>> ClaimJob(std::string_view worker) override {
    Id id = 0;
    // BEGIN IMMEDIATE takes the write lock before the SELECT, so two workers cannot pick the same
    // queued row.
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto find, db_->Prepare("SELECT id FROM jobs WHERE state = 'queued' ORDER BY id LIMIT 1"));
      SBOMHUB_ASSIGN_OR_RETURN(bool row, find.Step());
      if (!row) return Status::Ok();
      id = find.ColumnInt(0);
      find.Reset();
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("UPDATE jobs SET state = 'running', attempts = attempts + 1, "
                                "started_at = ?, worker = ?, finished_at = '' WHERE id = ?"));
      return MapError(st.Bind(1, internal::NowUtc()).Bind(2, worker).Bind(3, id).Run());
    }));
    if (id == 0) return std::optional<Job>();
    SBOMHUB_ASSIGN_OR_RETURN(Job job, GetJob(id));
    return std::optional<Job>(std::move(job));
  }

  Status FinishJob(Id id, std::string_view error) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(Job job, GetJob(id));
      if (job.state != JobState::kRunning) {
        return Status::Conflict("job " + std::to_string(id) + " is " +
                                std::string(JobStateName(job.state)) + ", not running");
      }
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st,
          db_->Prepare("UPDATE jobs SET state = ?, error = ?, finished_at = ? WHERE id = ?"));
      return MapError(st.Bind(1, error.empty() ? "done" : "failed")
                          .Bind(2, error)
                          .Bind(3, internal::NowUtc())
                          .Bind(4, id)
                          .Run());
    });
  }

  Result<int> RequeueStaleJobs(std::chrono::seconds older_than) override {
    int n = 0;
    SBOMHUB_RETURN_IF_ERROR(Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto stale, db_->Prepare("SELECT id, version_id, kind, attempts FROM jobs WHERE state = "
                                   "'running' AND started_at < ? ORDER BY id"));
      stale.Bind(1, internal::UtcFromNow(-older_than));
      struct Row {
        Id id, version;
        std::string kind;
        std::int64_t attempts;
      };
      std::vector<Row> rows;
      for (;;) {
        SBOMHUB_ASSIGN_OR_RETURN(bool row, stale.Step());
        if (!row) break;
        rows.push_back({stale.ColumnInt(0), stale.ColumnInt(1), Str(stale, 2), stale.ColumnInt(3)});
      }
      stale.Reset();
      SBOMHUB_ASSIGN_OR_RETURN(
          auto queued, db_->Prepare("SELECT count(*) FROM jobs WHERE version_id = ? AND kind = ? "
                                    "AND state = 'queued'"));
      SBOMHUB_ASSIGN_OR_RETURN(
          auto fail, db_->Prepare("UPDATE jobs SET state = 'failed', error = ?, finished_at = ? "
                                  "WHERE id = ?"));
      SBOMHUB_ASSIGN_OR_RETURN(auto requeue,
                               db_->Prepare("UPDATE jobs SET state = 'queued' WHERE id = ?"));
      for (const auto& r : rows) {
        queued.Bind(1, r.version).Bind(2, r.kind);
        SBOMHUB_ASSIGN_OR_RETURN(bool has, queued.Step());
        bool already = has && queued.ColumnInt(0) > 0;
        queued.Reset();
        std::string why = internal::StaleJobError(r.attempts, already);
        if (!why.empty()) {
          SBOMHUB_RETURN_IF_ERROR(
              MapError(fail.Bind(1, why).Bind(2, internal::NowUtc()).Bind(3, r.id).Run()));
        } else {
          SBOMHUB_RETURN_IF_ERROR(MapError(requeue.Bind(1, r.id).Run()));
        }
        ++n;
      }
      return Status::Ok();
    }));
    return n;
  }

  Result<Job> GetJob(Id id) override {
    return One<Job>(Sql({"SELECT ", kJobColumns, " FROM jobs WHERE id = ?"}), ReadJob,
                    "job " + std::to_string(id), [&](Statement& st) { st.Bind(1, id); });
  }

  Result<std::vector<Job>> ListJobs(std::optional<JobState> state, Page page) override {
    return Many<Job>(
        Sql({"SELECT ", kJobColumns,
             " FROM jobs WHERE (? = '' OR state = ?) ORDER BY id DESC LIMIT ? OFFSET ?"}),
        ReadJob, [&](Statement& st) {
          std::string s = state ? std::string(JobStateName(*state)) : "";
          st.Bind(1, s).Bind(2, s);
          BindPage(st, 3, page);
        });
  }

  // ---- vulnerability DB state ----

  Result<VulnDbState> GetVulnDbState() override {
    SBOMHUB_ASSIGN_OR_RETURN(
        auto st, db_->Prepare("SELECT fingerprint, analyzed_at FROM vulndb_state WHERE id = 1"));
    SBOMHUB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return VulnDbState{};
    return VulnDbState{Str(st, 0), Str(st, 1)};
  }

  Status SetVulnDbState(std::string_view actor, std::string_view fingerprint) override {
    return Mutate([&]() -> Status {
      SBOMHUB_ASSIGN_OR_RETURN(
          auto st, db_->Prepare("INSERT INTO vulndb_state (id, fingerprint, analyzed_at) VALUES "
                                "(1, ?, ?) ON CONFLICT (id) DO UPDATE SET fingerprint = "
                                "excluded.fingerprint, analyzed_at = excluded.analyzed_at"));
      SBOMHUB_RETURN_IF_ERROR(
          MapError(st.Bind(1, fingerprint).Bind(2, internal::NowUtc()).Run()));
      return Audit(actor, "vulndb.analyzed", "vulndb", std::string(fingerprint));
    });
  }

  Result<std::vector<AuditEntry>> ListAudit(Page page) override {
    return Many<AuditEntry>(
        "SELECT id, actor, action, object, detail, at FROM audit_log ORDER BY id DESC LIMIT ? "
        "OFFSET ?",
        [](const Statement& st) {
          return AuditEntry{st.ColumnInt(0), Str(st, 1), Str(st, 2),
                            Str(st, 3),      Str(st, 4), Str(st, 5)};
        },
        [&](Statement& st) { BindPage(st, 1, page); });
  }

 private:
  // CROSS JOIN fixes SQLite's nesting order (projects, then versions, then components): the
  // where-used indexes are keyed by version first (migration 0008), so the plan walks the
  // projects in answer order and seeks each version's range, and a page stops early. Left to
  // itself (no ANALYZE statistics) the planner would scan every component instead.
  static constexpr std::string_view kWhereUsedSelect =
      "SELECT p.id, p.name, p.team_id, p.criticality, v.id, v.project_id, v.version, "
      "c.id, c.version_id, c.document_id, c.bom_ref, c.name, c.grp, c.version, c.purl, "
      "c.purl_type, "
      "c.purl_name, c.cpe, c.supplier, c.license, c.hashes, c.scope, c.is_direct, c.is_primary "
      "FROM projects p CROSS JOIN project_versions v ON v.project_id = p.id "
      "CROSS JOIN components c ON c.version_id = v.id ";
  static constexpr std::string_view kWhereUsedOrder =
      "ORDER BY p.name, v.version, c.id LIMIT ? OFFSET ?";
  // Two parameters: the TeamsJson text twice ("" = every team).
  static constexpr std::string_view kTeamClause =
      "(? = '' OR p.team_id IN (SELECT value FROM json_each(?))) ";
  static constexpr std::string_view kFindingColumns =
      "f.id, f.version_id, f.component_ref, f.vulnerability_id, f.active, f.first_seen, "
      "f.last_seen, f.analysis_component, f.component_name, f.component_version, "
      "f.component_purl, f.severity, f.cvss_score, f.cvss_vector, f.epss, f.epss_percentile, "
      "f.kev, f.summary, f.fixed_versions, f.matcher, f.needs_verification, f.confidence";
  static constexpr int kFindingColumnCount = 22;
  static constexpr std::string_view kAnalysisColumns =
      "a.id, a.project_id, a.component, a.vulnerability_id, a.state, a.justification, "
      "a.response, a.detail, a.updated_at, a.updated_by";
  static constexpr std::string_view kJobColumns =
      "id, kind, version_id, state, attempts, error, created_at, started_at, finished_at, worker";

  static void BindTeams(Statement& st, int at, const TeamScope& teams) {
    std::string json = internal::TeamsJson(teams);
    st.Bind(at, json).Bind(at + 1, json.empty() ? "[]" : json);
  }

  static std::optional<double> OptDouble(const Statement& st, int col) {
    if (st.ColumnIsNull(col)) return std::nullopt;
    return st.ColumnDouble(col);
  }

  static Finding ReadFinding(const Statement& st, int at) {
    Finding f;
    f.id = st.ColumnInt(at + 0);
    f.version_id = st.ColumnInt(at + 1);
    f.component_ref = Str(st, at + 2);
    f.vulnerability_id = Str(st, at + 3);
    f.active = st.ColumnInt(at + 4) != 0;
    f.first_seen = Str(st, at + 5);
    f.last_seen = Str(st, at + 6);
    f.analysis_component = Str(st, at + 7);
    auto& d = f.details;
    d.component_name = Str(st, at + 8);
    d.component_version = Str(st, at + 9);
    d.component_purl = Str(st, at + 10);
    d.severity = Str(st, at + 11);
    d.cvss_score = OptDouble(st, at + 12);
    d.cvss_vector = Str(st, at + 13);
    d.epss = OptDouble(st, at + 14);
    d.epss_percentile = OptDouble(st, at + 15);
    d.kev = st.ColumnInt(at + 16) != 0;
    d.summary = Str(st, at + 17);
    d.fixed_versions = Str(st, at + 18);
    d.matcher = Str(st, at + 19);
    d.needs_verification = st.ColumnInt(at + 20) != 0;
    d.confidence = st.ColumnDouble(at + 21);
    return f;
  }

  static Session ReadSession(const Statement& st) {
    return {Str(st, 0), st.ColumnInt(1), Str(st, 2), Str(st, 3), Str(st, 4), Str(st, 5)};
  }

  static Job ReadJob(const Statement& st) {
    Job j;
    j.id = st.ColumnInt(0);
    j.kind = Str(st, 1);
    j.version_id = st.ColumnInt(2);
    j.state = ParseJobState(st.ColumnText(3)).value_or(JobState::kFailed);
    j.attempts = static_cast<int>(st.ColumnInt(4));
    j.error = Str(st, 5);
    j.created_at = Str(st, 6);
    j.started_at = Str(st, 7);
    j.finished_at = Str(st, 8);
    j.worker = Str(st, 9);
    return j;
  }

  static WhereUsedRow ReadWhereUsed(const Statement& st) {
    return {ReadProject(st, 0), ReadVersion(st, 4), ReadComponent(st, 7)};
  }

  static Analysis ReadAnalysis(const Statement& st) { return ReadAnalysisAt(st, 0); }
  static Analysis ReadAnalysisAt(const Statement& st, int at) {
    return {st.ColumnInt(at + 0),
            st.ColumnInt(at + 1),
            Str(st, at + 2),
            Str(st, at + 3),
            ParseAnalysisState(st.ColumnText(at + 4)).value_or(AnalysisState::kInTriage),
            Str(st, at + 5),
            Str(st, at + 6),
            Str(st, at + 7),
            Str(st, at + 8),
            Str(st, at + 9)};
  }

  static void BindPage(Statement& st, int at, Page page) {
    page = internal::ClampPage(page);
    st.Bind(at, page.limit).Bind(at + 1, page.offset);
  }

  // Text bound without a copy: every row PutSbom binds (and the model it comes from) outlives the
  // statement step that reads it (Statement::Bind copies, which was a tenth of an ingest).
  static void BindStatic(sqlite3_stmt* st, int index, std::string_view text) {
    sqlite3_bind_text(st, index, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
  }

  // Inserts `rows` rows through `head` ("INSERT INTO t (cols) VALUES ") with multi-row VALUES
  // lists, `columns` parameters per row; bind(st, first_index, row) binds one row. One step per
  // batch of up to 64 rows instead of one per row: the per-statement work (step set-up, halt,
  // reset) was as costly as a row's b-tree inserts. The statements (64, 8 and 1 rows) are
  // prepared once per store and kept: preparing a 1,000-parameter INSERT on every call was a
  // fifth of a small upload. Errors map like Statement::Run.
  // `ready(end)` returns once rows [0, end) can be bound (rows still being built elsewhere).
  template <typename BindRow, typename Ready = void (*)(std::size_t)>
  Status InsertBulk(std::string_view head, int columns, std::size_t rows, BindRow bind,
                    Ready ready = [](std::size_t) {}) {
    for (std::size_t at = 0; at < rows;) {
      std::size_t n = rows - at >= 64 ? 64 : rows - at >= 8 ? 8 : 1;
      SBOMHUB_ASSIGN_OR_RETURN(sqlite3_stmt * st, BulkStatement(head, columns, n));
      ready(at + n);
      for (std::size_t r = 0; r < n; ++r) bind(st, static_cast<int>(r) * columns + 1, at + r);
      int rc = sqlite3_step(st);
      if (rc != SQLITE_DONE) {
        // Which rows: the batch's position in document order, so a refused component can be found.
        std::string_view table = head.substr(0, head.find(" ("));
        if (table.rfind("INSERT INTO ", 0) == 0) table.remove_prefix(12);
        std::string msg = "storing " + std::string(table) + " rows " + std::to_string(at + 1) + "-" +
                          std::to_string(at + n) + " of " + std::to_string(rows) + ": " +
                          sqlite3_errmsg(db_->raw());
        sqlite3_reset(st);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) return Status::Unavailable(msg);
        if ((rc & 0xff) == SQLITE_CONSTRAINT) return MapError(Status::Conflict(msg));
        return Status::Internal(msg);
      }
      sqlite3_reset(st);
      at += n;
    }
    return Status::Ok();
  }

  // The cached `head` + `rows` × (`columns` placeholders) statement, prepared on first use.
  Result<sqlite3_stmt*> BulkStatement(std::string_view head, int columns, std::size_t rows) {
    auto key = std::make_pair(std::string(head), rows);
    auto it = bulk_.find(key);
    if (it != bulk_.end()) return it->second.get();
    std::string sql(head);
    sql.reserve(sql.size() + rows * (static_cast<std::size_t>(columns) * 2 + 3));
    for (std::size_t r = 0; r < rows; ++r) {
      sql += r ? ",(" : "(";
      for (int c = 0; c < columns; ++c) sql += c ? ",?" : "?";
      sql += ')';
    }
    sqlite3_stmt* st = nullptr;
    if (sqlite3_prepare_v3(db_->raw(), sql.data(), static_cast<int>(sql.size()),
                           SQLITE_PREPARE_PERSISTENT, &st, nullptr) != SQLITE_OK) {
      Status s =
          Status::Internal(std::string("preparing a bulk insert: ") + sqlite3_errmsg(db_->raw()));
      sqlite3_finalize(st);
      return s;
    }
    return bulk_.emplace(std::move(key), RawStatement(st)).first->second.get();
  }

  // Fills the zeroblob of document `id` in 4 MiB pieces through SQLite's incremental blob API:
  // binding the bytes would make SQLite copy them first (a large upload held twice at the
  // memory peak of an ingest).
  Status WriteContent(Id id, std::string_view bytes) {
    sqlite3_blob* blob = nullptr;
    int rc = sqlite3_blob_open(db_->raw(), "main", "sbom_content", "content", id, 1, &blob);
    if (rc != SQLITE_OK) {
      Status s = Status::Internal(std::string("opening document blob: ") +
                                  sqlite3_errmsg(db_->raw()));
      sqlite3_blob_close(blob);
      return s;
    }
    constexpr std::size_t kChunk = 4 << 20;
    for (std::size_t at = 0; at < bytes.size(); at += kChunk) {
      std::size_t n = std::min(kChunk, bytes.size() - at);
      rc = sqlite3_blob_write(blob, bytes.data() + at, static_cast<int>(n), static_cast<int>(at));
      if (rc != SQLITE_OK) {
        Status s = rc == SQLITE_FULL || rc == SQLITE_IOERR
                       ? Status::IoError(std::string("writing document: ") +
                                         sqlite3_errmsg(db_->raw()))
                       : Status::Internal(std::string("writing document: ") +
                                          sqlite3_errmsg(db_->raw()));
        sqlite3_blob_close(blob);
        return s;
      }
    }
    if (sqlite3_blob_close(blob) != SQLITE_OK) {
      return Status::Internal(std::string("closing document blob: ") + sqlite3_errmsg(db_->raw()));
    }
    return Status::Ok();
  }

  // Foreign-key enforcement off on `db` for its lifetime (on again after). Outside a
  // transaction only: SQLite ignores the pragma inside one.
  class ForeignKeysOff {
   public:
    explicit ForeignKeysOff(Database& db) : db_(db) {
      off_ = db_.Exec("PRAGMA foreign_keys = OFF").ok();
    }
    ~ForeignKeysOff() {
      if (off_) (void)db_.Exec("PRAGMA foreign_keys = ON");
    }
    ForeignKeysOff(const ForeignKeysOff&) = delete;
    ForeignKeysOff& operator=(const ForeignKeysOff&) = delete;

   private:
    Database& db_;
    bool off_ = false;
  };

  // Runs `body` inside one IMMEDIATE transaction; any error rolls everything back.
  Status Mutate(const std::function<Status()>& body) {
    Transaction tx(*db_);
    SBOMHUB_RETURN_IF_ERROR(tx.Begin());
    SBOMHUB_RETURN_IF_ERROR(body());
    return tx.Commit();
  }

  Status Audit(std::string_view actor, std::string_view action, const std::string& object,
               const std::string& detail) {
    SBOMHUB_ASSIGN_OR_RETURN(
        auto st,
        db_->Prepare(
            "INSERT INTO audit_log (actor, action, object, detail, at) VALUES (?, ?, ?, ?, ?)"));
    st.Bind(1, actor).Bind(2, action).Bind(3, object).Bind(4, detail).Bind(5, internal::NowUtc());
    return MapError(st.Run());
  }

  Result<Id> StepId(Statement& st) {
    auto row = st.Step();
    if (!row.ok()) {
      Status s = MapError(row.status());
      st.Reset();
      return s;
    }
    Id id = *row ? st.ColumnInt(0) : 0;
    st.Reset();
    if (id == 0) return Status::Internal("INSERT ... RETURNING id returned no row");
    return id;
  }

  Result<Id> InsertReturningId(std::string_view sql,
                               std::initializer_list<std::string_view> texts) {
    SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    int i = 1;
    for (auto t : texts) st.Bind(i++, t);
    return StepId(st);
  }

  template <typename T, typename Read, typename BindFn>
  Result<T> One(std::string_view sql, Read read, const std::string& what, BindFn bind) {
    SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    bind(st);
    SBOMHUB_ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status::NotFound(what + " not found");
    return T(read(st));
  }

  template <typename T, typename Read, typename BindFn>
  Result<std::vector<T>> Many(std::string_view sql, Read read, BindFn bind) {
    SBOMHUB_ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    bind(st);
    std::vector<T> out;
    for (;;) {
      SBOMHUB_ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back(read(st));
    }
    return out;
  }

  std::unique_ptr<Database> db_;
  // PutSbom's multi-row INSERTs by (SQL head, rows); finalized before db_ closes (declared after).
  std::map<std::pair<std::string, std::size_t>, RawStatement> bulk_;
  // Null when it could not start (db_ then checkpoints itself, see OpenSqliteStore).
  std::shared_ptr<sqlite::BackgroundCheckpointer> checkpointer_;  // one per file, shared
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path) {
  SBOMHUB_ASSIGN_OR_RETURN(auto db,
                           sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite));
  // A 64 MiB page cache (default 2 MiB) for the component indexes. Checkpoints run on a thread
  // of their own (CheckpointInBackground); should that not start, they stay in the commits, every
  // 64 MiB of WAL instead of every 4 MiB so that fewer large uploads pay for one.
  SBOMHUB_RETURN_IF_ERROR(
      db->Exec("PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 16384").WithContext(path));
  auto store = std::make_unique<SqliteStore>(std::move(db));
  SBOMHUB_RETURN_IF_ERROR(store->Migrate().WithContext(path));
  store->CheckpointInBackground();
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace sbomhub::store
