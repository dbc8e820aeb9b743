// One conformance suite for every Store backend. Each test gets an empty store: a fresh SQLite
// file, or a fresh PostgreSQL database created on the server named by SBOMHUB_TEST_POSTGRES_URL
// (start one with scripts/pg-test-cluster start). Without that variable the PostgreSQL instances
// are reported as skipped and the SQLite ones still run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>
#include <string>
#include <thread>
#include <vector>

#include "base/sha256.h"
#include "model/sbom.h"
#include "sqlite/sqlite.h"
#include "store/store.h"

namespace sbomhub::store {
namespace {

using model::Component;
using model::DependencyEdge;
using model::Sbom;

// "postgresql://u@h:5432/postgres?x=y" with the database name replaced by `db`.
std::string WithDatabase(const std::string& url, const std::string& db) {
  auto scheme = url.find("://");
  auto slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  auto query = url.find('?');
  std::string head = slash == std::string::npos ? url.substr(0, query) : url.substr(0, slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + db + tail;
}

class StoreConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    static std::atomic<int> counter{0};
    std::string unique = std::to_string(::getpid()) + "_" + std::to_string(counter++);
    if (GetParam() == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("sbomhub_store_test_" + unique);
      std::filesystem::create_directories(dir_);
      location_ = (dir_ / "portfolio.db").string();
    } else {
      const char* url = std::getenv("SBOMHUB_TEST_POSTGRES_URL");
      if (url == nullptr || *url == '\0') {
        GTEST_SKIP() << "SBOMHUB_TEST_POSTGRES_URL not set (scripts/pg-test-cluster start)";
      }
      admin_url_ = url;
      database_ = "sbomhub_conformance_" + unique;
      try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction n(admin);
        n.exec("CREATE DATABASE " + n.quote_name(database_));
      } catch (const std::exception& e) {
        FAIL() << "creating test database: " << e.what();
      }
      location_ = WithDatabase(admin_url_, database_);
    }
    auto opened = OpenStore(location_);
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened).value();
  }

  void TearDown() override {
    store_.reset();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    if (!database_.empty()) {
      try {
        pqxx::connection admin(admin_url_);
        pqxx::nontransaction n(admin);
        n.exec("DROP DATABASE IF EXISTS " + n.quote_name(database_) + " WITH (FORCE)");
      } catch (const std::exception& e) {
        ADD_FAILURE() << "dropping test database: " << e.what();
      }
    }
  }

  Store& s() { return *store_; }

  // Runs SQL behind the store's back (to fake an older or newer schema). Test-only.
  void RawExec(const std::string& sql) {
    if (GetParam() == "sqlite") {
      auto db = sqlite::Database::Open(location_, sqlite::Database::Mode::kReadWrite);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      ASSERT_TRUE((*db)->Exec(sql).ok()) << sql;
    } else {
      try {
        pqxx::connection c(location_);
        pqxx::nontransaction n(c);
        n.exec(sql);
      } catch (const std::exception& e) {
        FAIL() << sql << ": " << e.what();
      }
    }
  }

  // The first column of the first row of `sql` as text, behind the store's back. Test-only.
  std::string RawScalar(const std::string& sql) {
    if (GetParam() == "sqlite") {
      auto db = sqlite::Database::Open(location_, sqlite::Database::Mode::kReadOnly);
      EXPECT_TRUE(db.ok()) << db.status().ToString();
      if (!db.ok()) return "";
      auto st = (*db)->Prepare(sql);
      EXPECT_TRUE(st.ok()) << sql;
      if (!st.ok()) return "";
      auto row = st->Step();
      if (!row.ok() || !*row) return "";
      return std::string(st->ColumnText(0));
    }
    try {
      pqxx::connection c(location_);
      pqxx::nontransaction n(c);
      auto r = n.exec(sql);
      return r.empty() ? "" : r[0][0].c_str();
    } catch (const std::exception& e) {
      ADD_FAILURE() << sql << ": " << e.what();
      return "";
    }
  }

  void RawExpectSmall(Id document_id, std::size_t limit) {
    std::string where = " FROM sizes WHERE document_id = " + std::to_string(document_id);
    EXPECT_EQ(RawScalar("SELECT compression" + where), "zstd");
    std::string n = RawScalar("SELECT n" + where);
    ASSERT_FALSE(n.empty());
    EXPECT_LT(std::stoull(n), limit);
  }

  // `bytes` as an SQL blob literal of the backend.
  std::string BlobLiteral(std::string_view bytes) const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : bytes) {
      hex += kHex[c >> 4];
      hex += kHex[c & 0xF];
    }
    return GetParam() == "sqlite" ? "X'" + hex + "'" : "'\\x" + hex + "'::bytea";
  }

  // SQL that takes a database back to the layout before migration 0008: the where-used indexes
  // keyed by purl and by name alone, plus one by version.
  std::string Undo0008() const {
    return std::string(
               "DROP INDEX components_version_purl; DROP INDEX components_version_name; "
               "CREATE INDEX components_version ON components(version_id); "
               "CREATE INDEX components_purl ON components(purl_type, purl_name); "
               "CREATE INDEX components_name ON components(lower(name)); ") +
           (GetParam() == "sqlite"
                ? ""
                : "CREATE INDEX components_name_c ON components ((lower(name) COLLATE \"C\")); ") +
           "DELETE FROM schema_migrations WHERE version >= 8; ";
  }

  // SQL that takes a database back to the layout before migration 0007: content uncompressed,
  // no compression column. `documents` are the (id, original bytes) of what is stored.
  std::string Undo0007(const std::vector<std::pair<Id, std::string>>& documents) const {
    std::string sql = Undo0008();
    for (const auto& [id, bytes] : documents) {
      sql += "UPDATE sbom_content SET content = " + BlobLiteral(bytes) +
             " WHERE document_id = " + std::to_string(id) + "; ";
    }
    return sql +
           "ALTER TABLE sbom_content DROP COLUMN compression; "
           "DELETE FROM schema_migrations WHERE version >= 7; ";
  }

  // SQL that takes a database back to the layout before migration 0006 (edges with ids, given
  // by `id_from_seq`, and a version index; the unique bom-ref index) and forgets 0006 and later.
  static std::string Undo0006(const std::string& id_from_seq) {
    return "CREATE TABLE old_edges (id INTEGER PRIMARY KEY, version_id BIGINT NOT NULL, "
           "from_ref TEXT NOT NULL, to_ref TEXT NOT NULL, type TEXT NOT NULL); "
           "INSERT INTO old_edges (id, version_id, from_ref, to_ref, type) SELECT " +
           id_from_seq +
           ", version_id, from_ref, to_ref, type FROM dependency_edges; "
           "DROP TABLE dependency_edges; ALTER TABLE old_edges RENAME TO dependency_edges; "
           "CREATE INDEX dependency_edges_version ON dependency_edges(version_id); "
           "CREATE UNIQUE INDEX components_ref ON components(version_id, bom_ref) "
           "WHERE bom_ref <> ''; DELETE FROM schema_migrations WHERE version >= 6; ";
  }

  // A team, project and version to hang documents on.
  ProjectVersion MakeVersion(const std::string& project, const std::string& version) {
    auto team = s().GetTeam(1);
    Id team_id = team.ok() ? team->id : s().CreateTeam("alice", "platform").value().id;
    auto p = s().GetProjectByName(project);
    Id project_id =
        p.ok() ? p->id
               : s().CreateProject("alice", project, team_id, Criticality::kHigh).value().id;
    auto v = s().CreateVersion("alice", project_id, version);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : ProjectVersion{};
  }

  std::string location_;
  std::unique_ptr<Store> store_;

 private:
  std::filesystem::path dir_;
  std::string admin_url_;
  std::string database_;
};

Component Comp(std::string ref, std::string name, std::string version, std::string purl) {
  Component c;
  c.bom_ref = std::move(ref);
  c.name = std::move(name);
  c.version = std::move(version);
  c.purl = std::move(purl);
  return c;
}

DependencyEdge Edge(std::string from, std::string to) {
  DependencyEdge e;
  e.from = std::move(from);
  e.to = std::move(to);
  return e;
}

// app ─┬─> log4j-core ──> log4j-api
//      └─> jackson (nested: jackson-annotations)
Sbom ShopSbom(const std::string& log4j_version = "2.14.1") {
  Sbom sbom;
  sbom.spec_version = "1.6";
  sbom.primary = Comp("app", "shop", "1.0", "");
  sbom.primary->type = model::ComponentType::kApplication;
  Component core =
      Comp("log4j-core", "log4j-core", log4j_version,
           "pkg:maven/org.apache.logging.log4j/log4j-core@" + log4j_version + "?type=jar");
  core.licenses.push_back({model::License::Kind::kSpdxId, "Apache-2.0"});
  core.hashes.push_back({model::HashAlgorithm::kSha256, "abcd"});
  core.hashes.push_back({model::HashAlgorithm::kSha1, "ef01"});
  core.cpes.push_back("cpe:2.3:a:apache:log4j:" + log4j_version + ":*:*:*:*:*:*:*");
  core.supplier = model::Party{model::Party::Kind::kOrganization, "Apache", "", {}};
  core.scope = model::Scope::kRequired;
  sbom.components.push_back(core);
  sbom.components.push_back(Comp("log4j-api", "log4j-api", log4j_version,
                                 "pkg:maven/org.apache.logging.log4j/log4j-api@" + log4j_version));
  Component jackson = Comp("jackson", "jackson-databind", "2.15.0",
                           "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.0");
  jackson.licenses.push_back({model::License::Kind::kExpression, "MIT OR Apache-2.0"});
  jackson.licenses.push_back({model::License::Kind::kSpdxId, "BSD-3-Clause"});
  jackson.components.push_back(
      Comp("jackson-ann", "jackson-annotations", "2.15.0",
           "pkg:maven/com.fasterxml.jackson.core/jackson-annotations@2.15.0"));
  sbom.components.push_back(jackson);
  sbom.dependencies = {Edge("app", "log4j-core"), Edge("log4j-core", "log4j-api"),
                       Edge("app", "jackson")};
  return sbom;
}

// Bytes with a NUL and non-UTF-8 bytes: stored verbatim means byte for byte.
std::string Bytes(const std::string& tag) {
  return std::string("{\"bom\":\0\xff\xfe", 10) + tag + "}";
}

std::vector<std::string> Names(const std::vector<StoredComponent>& cs) {
  std::vector<std::string> out;
  for (const auto& c : cs) out.push_back(c.name);
  return out;
}

TEST_P(StoreConformance, MigratesOnceAndReopens) {
  auto v = s().SchemaVersion();
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  // 0001_init, 0002_findings, 0003_server, 0004_name_index, 0005_document_content, 0006_ingest,
  // 0007_content_compression, 0008_version_major_indexes
  EXPECT_EQ(*v, 8);
  ASSERT_TRUE(s().CreateTeam("alice", "platform").ok());
  store_.reset();
  auto again = OpenStore(location_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  store_ = std::move(again).value();
  EXPECT_EQ(s().SchemaVersion().value(), 8);
  auto teams = s().ListTeams({});
  ASSERT_TRUE(teams.ok());
  ASSERT_EQ(teams->size(), 1u);
  EXPECT_EQ((*teams)[0].name, "platform");
}

// 0005 moves document bytes out of sbom_documents; an upgraded database keeps every byte.
TEST_P(StoreConformance, DocumentBytesSurviveTheMoveToTheirOwnTable) {
  auto v = MakeVersion("shop", "1.0");
  std::string bytes = Bytes("kept");
  auto doc = s().PutSbom("ci", v.id, bytes, ShopSbom()).value().document;
  store_.reset();
  // The layout before 0005: bytes in sbom_documents.content.
  RawExec(Undo0007({{doc.id, bytes}}) + Undo0006("seq + 1") +
      "ALTER TABLE sbom_documents ADD COLUMN content BYTEA NOT NULL DEFAULT ''; "
      "UPDATE sbom_documents SET content = (SELECT c.content FROM sbom_content c "
      "WHERE c.document_id = sbom_documents.id); "
      "DROP TABLE sbom_content; DELETE FROM schema_migrations WHERE version = 5; ");
  auto reopened = OpenStore(location_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(s().SchemaVersion().value(), 8);
  EXPECT_EQ(s().SbomBytes(doc.id).value(), bytes);
  EXPECT_EQ(s().ListDocuments(v.id).value(), (std::vector<SbomDocument>{doc}));
}

// 0006 re-keys edges by (version, position in the document); an upgraded database keeps every
// edge in the order its old ids gave it, and duplicate bom-refs are still refused.
TEST_P(StoreConformance, EdgesKeepTheirOrderThroughTheMoveToVersionKeys) {
  auto v = MakeVersion("shop", "1.0");
  auto doc = s().PutSbom("ci", v.id, Bytes("kept"), ShopSbom());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto edges = s().EdgesOf(v.id).value();
  ASSERT_EQ(edges.size(), 3u);
  store_.reset();
  // The layout before 0006, with ids that run against document order.
  RawExec(Undo0007({{doc->document.id, Bytes("kept")}}) + Undo0006("100 - seq"));
  auto reopened = OpenStore(location_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(s().SchemaVersion().value(), 8);
  std::reverse(edges.begin(), edges.end());
  EXPECT_EQ(s().EdgesOf(v.id).value(), edges);
  Sbom dup = ShopSbom("9.9.9");
  dup.components.push_back(dup.components.front());
  EXPECT_EQ(s().PutSbom("ci", v.id, Bytes("dup"), dup).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(s().EdgesOf(v.id).value(), edges);
}

// 0007 compresses what PutSbom writes from then on; documents stored before it read back as
// they were, and the database holds the new ones in a fraction of their size.
TEST_P(StoreConformance, DocumentsAreCompressedAndOlderOnesStillRead) {
  auto v = MakeVersion("shop", "1.0");
  std::string old_bytes = Bytes("before 0007");
  auto old_doc = s().PutSbom("ci", v.id, old_bytes, ShopSbom()).value().document;
  store_.reset();
  RawExec(Undo0007({{old_doc.id, old_bytes}}));
  auto reopened = OpenStore(location_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(s().SchemaVersion().value(), 8);
  EXPECT_EQ(s().SbomBytes(old_doc.id).value(), old_bytes);

  std::string big;
  for (int i = 0; big.size() < (1 << 20); ++i) {
    big += "{\"type\":\"library\",\"name\":\"lib-" + std::to_string(i % 977) +
           "\",\"version\":\"1." + std::to_string(i % 13) + "\"},\n";
  }
  auto stored = s().PutSbom("ci", v.id, big, ShopSbom());
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->document.size_bytes, static_cast<std::int64_t>(big.size()));
  EXPECT_EQ(stored->document.sha256, Sha256Hex(big));
  EXPECT_EQ(s().SbomBytes(stored->document.id).value(), big);
  EXPECT_EQ(s().SbomBytes(old_doc.id).value(), old_bytes);
  store_.reset();
  // Behind the store's back: the row is much smaller than the document, and a damaged row is
  // reported, not returned.
  RawExec("CREATE TABLE sizes AS SELECT document_id, length(content) AS n, compression "
          "FROM sbom_content");
  RawExec("UPDATE sbom_content SET content = " + BlobLiteral("not zstd") +
          " WHERE document_id = " + std::to_string(stored->document.id));
  store_ = OpenStore(location_).value();
  auto damaged = s().SbomBytes(stored->document.id);
  EXPECT_EQ(damaged.status().code(), StatusCode::kInternal);
  EXPECT_NE(damaged.status().message().find("corrupt"), std::string::npos)
      << damaged.status().ToString();
  EXPECT_EQ(s().SbomBytes(old_doc.id).value(), old_bytes);
  RawExpectSmall(stored->document.id, big.size() / 8);
}

// PutSbom may skip per-row reference checks it has made redundant, but never leaves them off:
// after a stored upload and after a refused one, a version of a missing project is still refused.
TEST_P(StoreConformance, ReferencesStayEnforcedAfterPutSbom) {
  auto v = MakeVersion("shop", "1.0");
  ASSERT_TRUE(s().PutSbom("ci", v.id, Bytes("ok"), ShopSbom()).ok());
  EXPECT_EQ(s().CreateVersion("ci", 424242, "1.0").status().code(), StatusCode::kNotFound);
  Sbom dup = ShopSbom();
  dup.components.push_back(dup.components.front());
  EXPECT_EQ(s().PutSbom("ci", v.id, Bytes("dup"), dup).status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(s().CreateVersion("ci", 424242, "1.0").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().PutSbom("ci", 424242, Bytes("x"), ShopSbom()).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(s().CreateVersion("ci", 424242, "1.0").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, AppliesOnlyMissingMigrationsAndRefusesNewerSchemas) {
  auto team = s().CreateTeam("alice", "platform").value();
  store_.reset();
  // Back to a database that only knows 0001: reopening applies 0002 to 0005 and keeps the data.
  RawExec(Undo0008() +
      "DROP TABLE sbom_content; ALTER TABLE sbom_documents ADD COLUMN content BYTEA NOT NULL "
      "DEFAULT ''; "
      "DROP INDEX IF EXISTS components_name_c; "
      "CREATE UNIQUE INDEX components_ref ON components(version_id, bom_ref) WHERE bom_ref <> ''; "
      "DROP TABLE dependency_edges; CREATE TABLE dependency_edges (id INTEGER PRIMARY KEY, "
      "version_id BIGINT NOT NULL, from_ref TEXT NOT NULL, to_ref TEXT NOT NULL, "
      "type TEXT NOT NULL); CREATE INDEX dependency_edges_version ON dependency_edges(version_id); "
      "DROP TABLE vulndb_state; DROP TABLE jobs; DROP TABLE sessions; "
      "DROP TABLE analysis_history; DROP TABLE analyses; DROP TABLE findings; "
      "DELETE FROM schema_migrations WHERE version >= 2");
  auto reopened = OpenStore(location_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  store_ = std::move(reopened).value();
  EXPECT_EQ(s().SchemaVersion().value(), 8);
  EXPECT_EQ(s().GetTeam(team.id).value(), team);
  auto v = MakeVersion("shop", "1.0");
  EXPECT_TRUE(s().RecordFindingKeys("scanner", v.id, {{"a", "CVE-1"}}).ok());
  store_.reset();
  // A schema from a newer sbomhub is refused rather than misread.
  RawExec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 'x')");
  EXPECT_EQ(OpenStore(location_).status().code(), StatusCode::kUnsupported);
}

// Two connections (two server processes, or two threads) see each other's committed work, and
// concurrent uploads to one version serialize: the survivor's rows all belong to the current
// document.
TEST_P(StoreConformance, ConcurrentConnectionsStayConsistent) {
  auto v = MakeVersion("shop", "1.0");
  auto second = OpenStore(location_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ((*second)->GetVersion(v.id).value(), v);

  constexpr int kUploads = 4;
  std::vector<Status> results(2 * kUploads);
  auto upload = [&](Store* store, int base) {
    for (int i = 0; i < kUploads; ++i) {
      auto r = store->PutSbom("ci", v.id, Bytes(std::to_string(base + i)),
                              ShopSbom("2.0." + std::to_string(base + i)));
      results[base + i] = r.status();
    }
  };
  std::thread a(upload, store_.get(), 0);
  std::thread b(upload, second->get(), kUploads);
  a.join();
  b.join();
  for (const auto& r : results) EXPECT_TRUE(r.ok()) << r.ToString();

  auto docs = s().ListDocuments(v.id).value();
  ASSERT_EQ(docs.size(), static_cast<std::size_t>(2 * kUploads));
  int current = 0;
  Id current_id = 0;
  for (const auto& d : docs) {
    if (d.current) {
      ++current;
      current_id = d.id;
    }
  }
  EXPECT_EQ(current, 1);
  auto cs = s().ComponentsOf(v.id, {}).value();
  ASSERT_EQ(cs.size(), 5u);
  for (const auto& c : cs) EXPECT_EQ(c.document_id, current_id);
  EXPECT_EQ(s().EdgesOf(v.id).value().size(), 3u);
}

TEST_P(StoreConformance, TeamsAreUniqueAndPaged) {
  auto a = s().CreateTeam("alice", "platform");
  auto b = s().CreateTeam("alice", "apps");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->id, b->id);
  EXPECT_EQ(s().CreateTeam("bob", "platform").status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s().CreateTeam("bob", "").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s().GetTeam(a->id).value(), *a);
  EXPECT_EQ(s().GetTeam(a->id + 1000).status().code(), StatusCode::kNotFound);
  auto all = s().ListTeams({});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(*all, (std::vector<Team>{*b, *a}));  // by name
  auto second = s().ListTeams({1, 1});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(*second, (std::vector<Team>{*a}));
  EXPECT_TRUE(s().ListTeams({10, 5}).value().empty());
}

TEST_P(StoreConformance, UsersAndMemberships) {
  auto team = s().CreateTeam("root", "platform").value();
  auto other = s().CreateTeam("root", "apps").value();
  auto u = s().CreateUser("root", "alice", "argon2id$x", Role::kAnalyst);
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(s().CreateUser("root", "alice", "h", Role::kViewer).status().code(),
            StatusCode::kAlreadyExists);
  auto got = s().GetUserByName("alice");
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, *u);
  EXPECT_EQ(got->role, Role::kAnalyst);
  EXPECT_EQ(got->password_hash, "argon2id$x");
  EXPECT_EQ(s().GetUserByName("nobody").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(s().AddTeamMember("root", team.id, u->id).ok());
  ASSERT_TRUE(s().AddTeamMember("root", other.id, u->id).ok());
  EXPECT_EQ(s().AddTeamMember("root", team.id, u->id).code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(s().AddTeamMember("root", team.id + 100, u->id).code(), StatusCode::kNotFound);
  EXPECT_EQ(s().AddTeamMember("root", team.id, u->id + 100).code(), StatusCode::kNotFound);
  EXPECT_EQ(s().TeamsOfUser(u->id).value(), (std::vector<Team>{other, team}));

  ASSERT_TRUE(s().CreateUser("root", "bob", "h", Role::kAuditor).ok());
  auto users = s().ListUsers({});
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ((*users)[1].name, "bob");
  EXPECT_EQ((*users)[1].role, Role::kAuditor);
}

TEST_P(StoreConformance, ApiKeysKeepOnlyHashesAndRevoke) {
  auto team = s().CreateTeam("root", "platform").value();
  auto k = s().CreateApiKey("root", team.id, Role::kAnalyst, "sha256:key1");
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_FALSE(k->revoked);
  EXPECT_FALSE(k->created_at.empty());
  EXPECT_EQ(s().CreateApiKey("root", team.id, Role::kViewer, "sha256:key1").status().code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(s().CreateApiKey("root", team.id + 9, Role::kViewer, "sha256:key2").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(s().GetApiKeyByHash("sha256:key1").value(), *k);
  EXPECT_EQ(s().GetApiKeyByHash("sha256:nope").status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(s().RevokeApiKey("root", k->id).ok());
  EXPECT_TRUE(s().GetApiKeyByHash("sha256:key1").value().revoked);
  EXPECT_TRUE(s().RevokeApiKey("root", k->id).ok());
  EXPECT_EQ(s().RevokeApiKey("root", k->id + 50).code(), StatusCode::kNotFound);
  auto keys = s().ListApiKeys(team.id, {});
  ASSERT_TRUE(keys.ok());
  ASSERT_EQ(keys->size(), 1u);
  EXPECT_TRUE((*keys)[0].revoked);
}

TEST_P(StoreConformance, ProjectsAndVersions) {
  auto team = s().CreateTeam("root", "platform").value();
  EXPECT_EQ(s().CreateProject("root", "shop", team.id + 5, Criticality::kLow).status().code(),
            StatusCode::kNotFound);
  auto shop = s().CreateProject("root", "shop", team.id, Criticality::kCritical);
  ASSERT_TRUE(shop.ok()) << shop.status().ToString();
  EXPECT_EQ(s().CreateProject("root", "shop", team.id, Criticality::kLow).status().code(),
            StatusCode::kAlreadyExists);
  auto blog = s().CreateProject("root", "blog", team.id, Criticality::kLow).value();
  EXPECT_EQ(s().GetProjectByName("shop").value(), *shop);
  EXPECT_EQ(s().GetProject(shop->id).value().criticality, Criticality::kCritical);
  EXPECT_EQ(s().ListProjects(Page{}).value(), (std::vector<Project>{blog, *shop}));

  auto v1 = s().CreateVersion("root", shop->id, "1.0");
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(s().CreateVersion("root", shop->id, "1.0").status().code(), StatusCode::kAlreadyExists);
  EXPECT_TRUE(s().CreateVersion("root", blog.id, "1.0").ok());  // unique per project only
  EXPECT_EQ(s().CreateVersion("root", shop->id + 99, "1.0").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().CreateVersion("root", shop->id, "").status().code(), StatusCode::kInvalidArgument);
  auto v2 = s().CreateVersion("root", shop->id, "2.0").value();
  EXPECT_EQ(s().ListVersions(shop->id, {}).value(), (std::vector<ProjectVersion>{*v1, v2}));
  EXPECT_EQ(s().GetVersion(v2.id).value(), v2);
  EXPECT_EQ(s().GetVersion(v2.id + 99).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, PutSbomQueuesOneAnalysisInItsTransaction) {
  auto v = MakeVersion("shop", "1.0");
  auto put = s().PutSbom("ci", v.id, Bytes("one"), ShopSbom());
  ASSERT_TRUE(put.ok()) << put.status().ToString();
  auto jobs = s().ListJobs(std::nullopt, {}).value();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(jobs[0].kind, "analyze");
  EXPECT_EQ(jobs[0].version_id, v.id);
  EXPECT_EQ(jobs[0].state, JobState::kQueued);
  EXPECT_EQ(put->job, jobs[0]);  // PutSbom returns the job it queued
  // A second upload before the worker runs keeps (and returns) the one queued job.
  auto again = s().PutSbom("ci", v.id, Bytes("two"), ShopSbom("2.17.1"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->job.id, jobs[0].id);
  EXPECT_EQ(s().ListJobs(std::nullopt, {}).value().size(), 1u);
  EXPECT_EQ(s().EnqueueJob("ci", "analyze", v.id).value().id, jobs[0].id);
  // Once a worker has claimed it, the next upload queues (and returns) a new one.
  auto claimed = s().ClaimJob("w1").value();
  ASSERT_TRUE(claimed.has_value());
  auto third = s().PutSbom("ci", v.id, Bytes("three"), ShopSbom("2.17.2"));
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_NE(third->job.id, claimed->id);
  EXPECT_EQ(third->job.state, JobState::kQueued);
  EXPECT_EQ(s().GetJob(third->job.id).value(), third->job);
  EXPECT_EQ(s().ListJobs(JobState::kQueued, {}).value().size(), 1u);
  ASSERT_TRUE(s().FinishJob(claimed->id, "").ok());
  jobs = s().ListJobs(std::nullopt, {}).value();
  // A failed PutSbom queues nothing.
  auto other = MakeVersion("blog", "1.0");
  EXPECT_FALSE(s().PutSbom("ci", other.id + 99, Bytes("x"), ShopSbom()).ok());
  EXPECT_EQ(s().ListJobs(std::nullopt, {}).value().size(), jobs.size());
}

TEST_P(StoreConformance, PutSbomStoresBytesComponentsAndEdges) {
  auto v = MakeVersion("shop", "1.0");
  std::string bytes = Bytes("one");
  auto doc = s().PutSbom("ci", v.id, bytes, ShopSbom());
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->document.sha256, Sha256Hex(bytes));
  EXPECT_EQ(doc->document.family, "CycloneDX");
  EXPECT_EQ(doc->document.spec_version, "1.6");
  EXPECT_EQ(doc->document.encoding, "json");
  EXPECT_EQ(doc->document.size_bytes, static_cast<std::int64_t>(bytes.size()));
  EXPECT_EQ(doc->document.uploaded_by, "ci");
  EXPECT_TRUE(doc->document.current);
  EXPECT_EQ(s().ListDocuments(v.id).value(), (std::vector<SbomDocument>{doc->document}));
  EXPECT_EQ(s().SbomBytes(doc->document.id).value(), bytes);
  EXPECT_EQ(s().SbomBytes(doc->document.id + 9).status().code(), StatusCode::kNotFound);

  auto cs = s().ComponentsOf(v.id, {});
  ASSERT_TRUE(cs.ok()) << cs.status().ToString();
  ASSERT_EQ(Names(*cs), (std::vector<std::string>{"shop", "log4j-core", "log4j-api",
                                                  "jackson-databind", "jackson-annotations"}));
  const auto& app = (*cs)[0];
  EXPECT_TRUE(app.primary);
  EXPECT_FALSE(app.direct);
  const auto& core = (*cs)[1];
  EXPECT_EQ(core.version_id, v.id);
  EXPECT_EQ(core.document_id, doc->document.id);
  EXPECT_EQ(core.bom_ref, "log4j-core");
  EXPECT_EQ(core.version, "2.14.1");
  EXPECT_EQ(core.purl, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar");
  EXPECT_EQ(core.purl_type, "maven");
  EXPECT_EQ(core.purl_name, "org.apache.logging.log4j/log4j-core");
  EXPECT_EQ(core.cpe, "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
  EXPECT_EQ(core.supplier, "Apache");
  EXPECT_EQ(core.license, "Apache-2.0");
  EXPECT_EQ(core.hashes, "SHA-256:abcd SHA-1:ef01");
  EXPECT_EQ(core.scope, "required");
  EXPECT_TRUE(core.direct);
  EXPECT_FALSE(core.primary);
  EXPECT_FALSE((*cs)[2].direct);  // log4j-api: transitive
  EXPECT_TRUE((*cs)[3].direct);
  EXPECT_EQ((*cs)[3].license, "(MIT OR Apache-2.0) AND BSD-3-Clause");
  EXPECT_FALSE((*cs)[4].direct);  // nested, no edge from the primary

  // Text that needs escaping on every path (SQL quoting, COPY, LIKE) comes back byte for byte.
  auto v_odd = MakeVersion("shop", "odd");
  Sbom odd;
  const std::string weird = "we\\ird\tna\nme \"q\" '; DROP TABLE teams; -- \xc3\xbc\\N";
  odd.components.push_back(Comp("r\t1", weird, "1\\0", "pkg:generic/x%09y@1"));
  odd.components.back().group = "\\.";
  odd.dependencies.push_back(Edge("r\t1", "r\t1"));
  ASSERT_TRUE(s().PutSbom("ci", v_odd.id, Bytes("odd"), odd).ok());
  auto odd_rows = s().ComponentsOf(v_odd.id, {});
  ASSERT_TRUE(odd_rows.ok());
  ASSERT_EQ(odd_rows->size(), 1u);
  EXPECT_EQ(odd_rows->front().name, weird);
  EXPECT_EQ(odd_rows->front().bom_ref, "r\t1");
  EXPECT_EQ(odd_rows->front().version, "1\\0");
  EXPECT_EQ(odd_rows->front().group, "\\.");
  EXPECT_EQ(odd_rows->front().purl_name, "x\ty");
  EXPECT_EQ(s().EdgesOf(v_odd.id).value(),
            (std::vector<StoredEdge>{{"r\t1", "r\t1", "dependsOn"}}));

  auto page = s().ComponentsOf(v.id, {2, 1});
  ASSERT_TRUE(page.ok());
  EXPECT_EQ(Names(*page), (std::vector<std::string>{"log4j-core", "log4j-api"}));

  auto edges = s().EdgesOf(v.id);
  ASSERT_TRUE(edges.ok());
  EXPECT_EQ(*edges, (std::vector<StoredEdge>{{"app", "log4j-core", "dependsOn"},
                                             {"log4j-core", "log4j-api", "dependsOn"},
                                             {"app", "jackson", "dependsOn"}}));
  EXPECT_EQ(s().PutSbom("ci", v.id + 99, bytes, ShopSbom()).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, ReuploadReplacesComponentsAndKeepsOldBytes) {
  auto v = MakeVersion("shop", "1.0");
  auto first = s().PutSbom("ci", v.id, Bytes("one"), ShopSbom("2.14.1")).value().document;
  Sbom second_sbom = ShopSbom("2.17.1");
  second_sbom.components.pop_back();  // jackson dropped
  second_sbom.dependencies.pop_back();
  auto second = s().PutSbom("ci", v.id, Bytes("two"), second_sbom);
  ASSERT_TRUE(second.ok()) << second.status().ToString();

  auto docs = s().ListDocuments(v.id).value();
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, first.id);
  EXPECT_FALSE(docs[0].current);
  EXPECT_TRUE(docs[1].current);
  EXPECT_EQ(s().SbomBytes(first.id).value(), Bytes("one"));
  EXPECT_EQ(s().SbomBytes(second->document.id).value(), Bytes("two"));

  auto cs = s().ComponentsOf(v.id, {}).value();
  EXPECT_EQ(Names(cs), (std::vector<std::string>{"shop", "log4j-core", "log4j-api"}));
  for (const auto& c : cs) EXPECT_EQ(c.document_id, second->document.id);
  EXPECT_EQ(cs[1].version, "2.17.1");
  EXPECT_EQ(s().EdgesOf(v.id).value().size(), 2u);
  EXPECT_TRUE(
      s().WhereUsed("pkg:maven/com.fasterxml.jackson.core/jackson-databind", std::nullopt, {})
          .value()
          .empty());
  EXPECT_TRUE(
      s().WhereUsed("pkg:maven/org.apache.logging.log4j/log4j-core", "2.14.1", {}).value().empty());
}

TEST_P(StoreConformance, PutSbomIsAtomic) {
  auto v = MakeVersion("shop", "1.0");
  auto good = s().PutSbom("ci", v.id, Bytes("good"), ShopSbom()).value().document;
  auto audit_before = s().ListAudit({}).value();
  auto components_before = s().ComponentsOf(v.id, {}).value();

  // The fourth component breaks a constraint after the document row and three components were
  // written inside the transaction.
  Sbom bad = ShopSbom("9.9.9");
  bad.components.insert(bad.components.begin() + 2, Comp("nameless", "", "1", "pkg:npm/x@1"));
  auto r = s().PutSbom("ci", v.id, Bytes("bad"), bad);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
  EXPECT_NE(r.status().message().find("components"), std::string::npos) << r.status().ToString();

  // Two components claiming one bom-ref.
  Sbom dup = ShopSbom("9.9.9");
  dup.components.push_back(Comp("log4j-api", "other", "1", ""));
  EXPECT_EQ(s().PutSbom("ci", v.id, Bytes("dup"), dup).status().code(), StatusCode::kAlreadyExists);

  EXPECT_EQ(s().ListDocuments(v.id).value(), (std::vector<SbomDocument>{good}));
  EXPECT_EQ(s().ComponentsOf(v.id, {}).value(), components_before);
  EXPECT_EQ(s().EdgesOf(v.id).value().size(), 3u);
  EXPECT_TRUE(s().WhereUsed("pkg:npm/x", std::nullopt, {}).value().empty());
  EXPECT_EQ(s().ListAudit({}).value().size(), audit_before.size());

  // And the store still accepts the next good upload.
  EXPECT_TRUE(s().PutSbom("ci", v.id, Bytes("good2"), ShopSbom("2.17.1")).ok());
}

TEST_P(StoreConformance, WhereUsedByPurl) {
  auto shop1 = MakeVersion("shop", "1.0");
  auto shop2 = MakeVersion("shop", "2.0");
  auto blog = MakeVersion("blog", "0.1");
  ASSERT_TRUE(s().PutSbom("ci", shop1.id, Bytes("a"), ShopSbom("2.14.1")).ok());
  ASSERT_TRUE(s().PutSbom("ci", shop2.id, Bytes("b"), ShopSbom("2.17.1")).ok());
  Sbom py;
  py.components.push_back(Comp("dj", "Django_Rest", "3.0", "pkg:pypi/Django_Rest@3.0"));
  py.components.push_back(
      Comp("l4j", "log4j-core", "2.14.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"));
  ASSERT_TRUE(s().PutSbom("ci", blog.id, Bytes("c"), py).ok());

  auto all = s().WhereUsed("pkg:maven/org.apache.logging.log4j/log4j-core", std::nullopt, {});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->size(), 3u);
  EXPECT_EQ((*all)[0].project.name, "blog");  // project, then version order
  EXPECT_EQ((*all)[1].version.version, "1.0");
  EXPECT_EQ((*all)[2].version.version, "2.0");
  EXPECT_EQ((*all)[2].component.version, "2.17.1");
  EXPECT_EQ((*all)[1].project.criticality, Criticality::kHigh);
  EXPECT_EQ((*all)[1].version.id, shop1.id);

  auto vulnerable = s().WhereUsed("pkg:maven/org.apache.logging.log4j/log4j-core", "2.14.1", {});
  ASSERT_TRUE(vulnerable.ok());
  ASSERT_EQ(vulnerable->size(), 2u);
  EXPECT_EQ((*vulnerable)[0].project.name, "blog");
  EXPECT_EQ((*vulnerable)[1].version.id, shop1.id);

  // A version, qualifiers and subpath in the query purl are ignored; names are normalized.
  EXPECT_EQ(
      s().WhereUsed("pkg:maven/org.apache.logging.log4j/log4j-core@1.0?type=jar", std::nullopt, {})
          .value()
          .size(),
      3u);
  auto dj = s().WhereUsed("pkg:pypi/django-rest", std::nullopt, {});
  ASSERT_TRUE(dj.ok());
  ASSERT_EQ(dj->size(), 1u);
  EXPECT_EQ(dj->front().component.name, "Django_Rest");
  EXPECT_EQ(s().WhereUsed("pkg:maven/org.apache.logging.log4j/log4j-core", std::nullopt, {1, 2})
                .value()
                .size(),
            1u);
  EXPECT_TRUE(s().WhereUsed("pkg:maven/org.apache/log4j-core", std::nullopt, {}).value().empty());
  EXPECT_EQ(s().WhereUsed("not a purl", std::nullopt, {}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreConformance, WhereUsedByNamePattern) {
  auto v = MakeVersion("shop", "1.0");
  Sbom sbom = ShopSbom();
  sbom.components.push_back(Comp("odd", "100%_sure", "1", ""));
  ASSERT_TRUE(s().PutSbom("ci", v.id, Bytes("a"), sbom).ok());
  auto log4j = s().WhereUsedByName("LOG4J*", {});
  ASSERT_TRUE(log4j.ok()) << log4j.status().ToString();
  std::vector<std::string> names;
  for (const auto& row : *log4j) names.push_back(row.component.name);
  EXPECT_EQ(names, (std::vector<std::string>{"log4j-core", "log4j-api"}));  // document order
  EXPECT_EQ(s().WhereUsedByName("*databind", {}).value().size(), 1u);
  EXPECT_EQ(s().WhereUsedByName("jackson", {}).value().size(), 0u);     // no implicit wildcard
  EXPECT_EQ(s().WhereUsedByName("log4j_core", {}).value().size(), 0u);  // '_' is literal
  EXPECT_EQ(s().WhereUsedByName("100%_sure", {}).value().size(), 1u);
  EXPECT_EQ(s().WhereUsedByName("1%", {}).value().size(), 0u);  // '%' is literal
  // A literal prefix is searched as an index range: its edges are exact.
  EXPECT_EQ(s().WhereUsedByName("log4j-cor*", {}).value().size(), 1u);
  EXPECT_EQ(s().WhereUsedByName("log4j-core*", {}).value().size(), 1u);
  EXPECT_EQ(s().WhereUsedByName("log4j-coree*", {}).value().size(), 0u);
  EXPECT_EQ(s().WhereUsedByName("l*api", {}).value().size(), 1u);
  EXPECT_EQ(s().WhereUsedByName("jackson-*", {}).value().size(), 2u);
  // Pages follow project, version and document order, across every version's index range.
  auto other = MakeVersion("another", "2.0");
  ASSERT_TRUE(s().PutSbom("ci", other.id, Bytes("b"), ShopSbom("2.17.1")).ok());
  std::vector<std::string> paged;
  for (std::int64_t offset = 0; offset < 6; offset += 1) {
    auto page = s().WhereUsedByName("log4j-*", {1, offset});
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& row : *page) paged.push_back(row.project.name + "/" + row.component.name);
  }
  EXPECT_EQ(paged, (std::vector<std::string>{"another/log4j-core", "another/log4j-api",
                                             "shop/log4j-core", "shop/log4j-api"}));
}

TEST_P(StoreConformance, DependencyPathsFromPrimary) {
  auto v = MakeVersion("shop", "1.0");
  // app → a → c, app → b → c, a → b, c → a (a cycle), d unreachable.
  Sbom sbom;
  sbom.primary = Comp("app", "app", "1", "");
  for (const char* ref : {"a", "b", "c", "d"}) sbom.components.push_back(Comp(ref, ref, "1", ""));
  sbom.dependencies = {Edge("app", "a"), Edge("app", "b"), Edge("a", "c"),
                       Edge("b", "c"),   Edge("a", "b"),   Edge("c", "a")};
  ASSERT_TRUE(s().PutSbom("ci", v.id, Bytes("p"), sbom).ok());
  auto paths = s().DependencyPaths(v.id, "c");
  ASSERT_TRUE(paths.ok()) << paths.status().ToString();
  EXPECT_EQ(*paths, (std::vector<DependencyPath>{
                        {"app", "a", "c"}, {"app", "b", "c"}, {"app", "a", "b", "c"}}));
  EXPECT_EQ(s().DependencyPaths(v.id, "c", 1).value(),
            (std::vector<DependencyPath>{{"app", "a", "c"}}));
  EXPECT_EQ(s().DependencyPaths(v.id, "app").value(), (std::vector<DependencyPath>{{"app"}}));
  EXPECT_TRUE(s().DependencyPaths(v.id, "d").value().empty());
  EXPECT_EQ(s().DependencyPaths(v.id, "zzz").status().code(), StatusCode::kNotFound);

  auto v2 = MakeVersion("shop", "2.0");
  Sbom no_primary;
  no_primary.components.push_back(Comp("a", "a", "1", ""));
  ASSERT_TRUE(s().PutSbom("ci", v2.id, Bytes("q"), no_primary).ok());
  EXPECT_EQ(s().DependencyPaths(v2.id, "a").status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformance, EveryMutationIsAudited) {
  auto team = s().CreateTeam("alice", "platform").value();
  auto user = s().CreateUser("alice", "bob", "h", Role::kViewer).value();
  ASSERT_TRUE(s().AddTeamMember("alice", team.id, user.id).ok());
  auto key = s().CreateApiKey("alice", team.id, Role::kAnalyst, "kh").value();
  ASSERT_TRUE(s().RevokeApiKey("carol", key.id).ok());
  auto project = s().CreateProject("alice", "shop", team.id, Criticality::kLow).value();
  auto version = s().CreateVersion("alice", project.id, "1.0").value();
  auto doc = s().PutSbom("ci-bot", version.id, Bytes("x"), ShopSbom()).value().document;
  // Failed calls leave no trace.
  EXPECT_FALSE(s().CreateTeam("mallory", "platform").ok());
  EXPECT_FALSE(s().RevokeApiKey("mallory", key.id + 7).ok());

  auto log = s().ListAudit({});
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  std::vector<std::string> actions;
  for (const auto& e : *log) actions.push_back(e.actor + " " + e.action + " " + e.object);
  EXPECT_EQ(actions, (std::vector<std::string>{
                         "ci-bot sbom.put version:" + std::to_string(version.id),
                         "alice version.create version:" + std::to_string(version.id),
                         "alice project.create project:" + std::to_string(project.id),
                         "carol api_key.revoke api_key:" + std::to_string(key.id),
                         "alice api_key.create api_key:" + std::to_string(key.id),
                         "alice team.add_member team:" + std::to_string(team.id),
                         "alice user.create user:" + std::to_string(user.id),
                         "alice team.create team:" + std::to_string(team.id),
                     }));
  EXPECT_NE(log->front().detail.find("sha256:" + doc.sha256), std::string::npos);
  EXPECT_NE(log->front().detail.find("components=5"), std::string::npos);
  EXPECT_GE(log->front().at, log->back().at);
  EXPECT_EQ(s().ListAudit({2, 6}).value().size(), 2u);
}

std::vector<std::string> Keys(const std::vector<Finding>& fs) {
  std::vector<std::string> out;
  for (const auto& f : fs)
    out.push_back(f.component_ref + " " + f.vulnerability_id + (f.active ? "" : " inactive"));
  return out;
}

TEST_P(StoreConformance, FindingsGoInactiveAndAreNeverDeleted) {
  auto v = MakeVersion("shop", "1.0");
  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id,
                                 {{"log4j-core", "CVE-2021-44228"},
                                  {"log4j-core", "CVE-2021-45046"},
                                  {"log4j-core", "CVE-2021-44228"}})  // duplicates count once
                  .ok());
  auto first = s().FindingsOf(v.id, false, {});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(Keys(*first),
            (std::vector<std::string>{"log4j-core CVE-2021-44228", "log4j-core CVE-2021-45046"}));
  EXPECT_EQ((*first)[0].first_seen, (*first)[0].last_seen);
  EXPECT_EQ((*first)[0].version_id, v.id);

  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id,
                                 {{"log4j-core", "CVE-2021-45046"}, {"jackson", "CVE-2020-1"}})
                  .ok());
  EXPECT_EQ(Keys(s().FindingsOf(v.id, false, {}).value()),
            (std::vector<std::string>{"jackson CVE-2020-1", "log4j-core CVE-2021-45046"}));
  auto all = s().FindingsOf(v.id, true, {}).value();
  EXPECT_EQ(Keys(all),
            (std::vector<std::string>{"jackson CVE-2020-1", "log4j-core CVE-2021-44228 inactive",
                                      "log4j-core CVE-2021-45046"}));
  EXPECT_EQ(all[2].id, (*first)[1].id);
  EXPECT_EQ(all[2].first_seen, (*first)[1].first_seen);
  EXPECT_GT(all[2].last_seen, (*first)[1].last_seen);
  EXPECT_EQ(all[1].last_seen, (*first)[0].last_seen);  // inactive keeps when it was last reported

  // Reported again: the same finding comes back, first_seen kept.
  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id, {{"log4j-core", "CVE-2021-44228"}}).ok());
  auto back = s().FindingsOf(v.id, false, {}).value();
  ASSERT_EQ(back.size(), 1u);
  EXPECT_EQ(back[0].id, (*first)[0].id);
  EXPECT_EQ(back[0].first_seen, (*first)[0].first_seen);
  EXPECT_EQ(s().FindingsOf(v.id, true, {}).value().size(), 3u);
  EXPECT_EQ(s().FindingsOf(v.id, true, {1, 1}).value().size(), 1u);

  // A bad key fails the whole call: nothing retired, nothing added.
  EXPECT_EQ(
      s().RecordFindingKeys("scanner", v.id, {{"jackson", "CVE-2020-1"}, {"jackson", ""}}).code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(Keys(s().FindingsOf(v.id, false, {}).value()),
            (std::vector<std::string>{"log4j-core CVE-2021-44228"}));
  EXPECT_EQ(s().RecordFindingKeys("scanner", v.id + 50, {}).code(), StatusCode::kNotFound);

  // An empty scan retires everything.
  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id, {}).ok());
  EXPECT_TRUE(s().FindingsOf(v.id, false, {}).value().empty());
  EXPECT_EQ(s().FindingsOf(v.id, true, {}).value().size(), 3u);
  EXPECT_EQ(s().ListAudit({1, 0}).value().front().action, "findings.record");
}

TEST_P(StoreConformance, AnalysesAreUpsertedWithAppendOnlyHistory) {
  auto v = MakeVersion("shop", "1.0");
  Id project = v.project_id;
  const std::string component = "pkg:maven/org.apache.logging.log4j/log4j-core";
  Analysis a;
  a.project_id = project;
  a.component = component;
  a.vulnerability_id = "CVE-2021-44228";
  a.state = AnalysisState::kInTriage;
  auto put1 = s().PutAnalysis("alice", a);
  ASSERT_TRUE(put1.ok()) << put1.status().ToString();
  EXPECT_EQ(put1->updated_by, "alice");

  a.state = AnalysisState::kNotAffected;
  a.justification = "code_not_reachable";
  a.response = "will_not_fix";
  a.detail = "JNDI lookups disabled";
  auto put2 = s().PutAnalysis("bob", a);
  ASSERT_TRUE(put2.ok());
  EXPECT_EQ(put2->id, put1->id);
  auto got = s().GetAnalysis(project, component, "CVE-2021-44228");
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, *put2);
  EXPECT_EQ(got->state, AnalysisState::kNotAffected);
  EXPECT_EQ(got->justification, "code_not_reachable");
  EXPECT_EQ(got->updated_by, "bob");

  auto history = s().AnalysisHistory(project, component, "CVE-2021-44228");
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[0].state, AnalysisState::kInTriage);
  EXPECT_EQ((*history)[0].updated_by, "alice");
  EXPECT_EQ((*history)[1], *put2);

  // Findings coming and going never touch a decision.
  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id, {{"log4j-core", "CVE-2021-44228"}}).ok());
  ASSERT_TRUE(s().RecordFindingKeys("scanner", v.id, {}).ok());
  EXPECT_EQ(s().GetAnalysis(project, component, "CVE-2021-44228").value(), *put2);

  EXPECT_EQ(s().GetAnalysis(project, component, "CVE-0000-0000").status().code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(s().AnalysisHistory(project, component, "CVE-0000-0000").value().empty());
  a.project_id = project + 77;
  EXPECT_EQ(s().PutAnalysis("bob", a).status().code(), StatusCode::kNotFound);
  a.project_id = project;
  a.component = "";
  EXPECT_EQ(s().PutAnalysis("bob", a).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s().AnalysisHistory(project, component, "CVE-2021-44228").value().size(), 2u);
  EXPECT_EQ(ParseAnalysisState(AnalysisStateName(AnalysisState::kResolvedWithPedigree)),
            AnalysisState::kResolvedWithPedigree);
  EXPECT_EQ(ParseAnalysisState("affected"), std::nullopt);
}

// ---- 0003: server additions ----

TEST_P(StoreConformance, UserLookupPasswordsAndMembershipRemoval) {
  auto team = s().CreateTeam("root", "platform").value();
  auto alice = s().CreateUser("root", "alice", "h1", Role::kAnalyst).value();
  auto bob = s().CreateUser("root", "bob", "h2", Role::kViewer).value();
  EXPECT_EQ(s().GetUser(alice.id).value(), alice);
  EXPECT_EQ(s().GetUser(bob.id + 100).status().code(), StatusCode::kNotFound);

  ASSERT_TRUE(s().SetUserPassword("alice", alice.id, "h1-new").ok());
  EXPECT_EQ(s().GetUser(alice.id).value().password_hash, "h1-new");
  EXPECT_EQ(s().SetUserPassword("root", bob.id + 100, "x").code(), StatusCode::kNotFound);
  auto audit = s().ListAudit({1, 0}).value();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].action, "user.set_password");
  EXPECT_EQ(audit[0].detail.find("h1-new"), std::string::npos);  // the hash is not logged

  ASSERT_TRUE(s().AddTeamMember("root", team.id, bob.id).ok());
  ASSERT_TRUE(s().AddTeamMember("root", team.id, alice.id).ok());
  EXPECT_EQ(s().ListTeamMembers(team.id).value(), (std::vector<User>{s().GetUser(alice.id).value(),
                                                                      bob}));
  ASSERT_TRUE(s().RemoveTeamMember("root", team.id, alice.id).ok());
  EXPECT_EQ(s().RemoveTeamMember("root", team.id, alice.id).code(), StatusCode::kNotFound);
  EXPECT_EQ(s().ListTeamMembers(team.id).value(), (std::vector<User>{bob}));
  EXPECT_TRUE(s().TeamsOfUser(alice.id).value().empty());
  EXPECT_EQ(s().ListAudit({1, 0}).value()[0].action, "team.remove_member");
}

TEST_P(StoreConformance, ProjectFiltersAndUpdates) {
  auto platform = s().CreateTeam("root", "platform").value();
  auto apps = s().CreateTeam("root", "apps").value();
  auto shop = s().CreateProject("root", "Web-Shop", platform.id, Criticality::kCritical).value();
  auto blog = s().CreateProject("root", "blog", apps.id, Criticality::kLow).value();
  auto odd = s().CreateProject("root", "100%_done", apps.id, Criticality::kLow).value();

  auto list = [&](ProjectFilter f) { return s().ListProjects(f, {}).value(); };
  EXPECT_EQ(list({}), (std::vector<Project>{odd, shop, blog}));  // by name (byte order)
  EXPECT_EQ(list({std::vector<Id>{apps.id}, "", std::nullopt}), (std::vector<Project>{odd, blog}));
  EXPECT_EQ(list({std::vector<Id>{apps.id, platform.id}, "", std::nullopt}).size(), 3u);
  EXPECT_TRUE(list({std::vector<Id>{}, "", std::nullopt}).empty());  // no visible team
  EXPECT_EQ(list({std::nullopt, "SHOP", std::nullopt}), (std::vector<Project>{shop}));
  EXPECT_EQ(list({std::nullopt, "%_", std::nullopt}), (std::vector<Project>{odd}));  // literal
  EXPECT_TRUE(list({std::nullopt, "b_og", std::nullopt}).empty());
  EXPECT_EQ(list({std::nullopt, "", Criticality::kLow}), (std::vector<Project>{odd, blog}));
  EXPECT_EQ(list({std::vector<Id>{platform.id}, "o", Criticality::kLow}).size(), 0u);
  EXPECT_EQ(s().ListProjects(ProjectFilter{}, {1, 1}).value(), (std::vector<Project>{shop}));

  auto moved = s().UpdateProject("root", blog.id, Criticality::kHigh, platform.id);
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_EQ(moved->criticality, Criticality::kHigh);
  EXPECT_EQ(moved->team_id, platform.id);
  EXPECT_EQ(s().GetProject(blog.id).value(), *moved);
  auto crit_only = s().UpdateProject("root", blog.id, Criticality::kMedium, std::nullopt).value();
  EXPECT_EQ(crit_only.team_id, platform.id);
  EXPECT_EQ(crit_only.name, "blog");
  EXPECT_EQ(s().UpdateProject("root", blog.id + 99, Criticality::kLow, std::nullopt)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(s().UpdateProject("root", blog.id, std::nullopt, apps.id + 99).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(s().GetProject(blog.id).value(), crit_only);
  EXPECT_EQ(s().ListAudit({1, 0}).value()[0].action, "project.update");
}

TEST_P(StoreConformance, VersionLookupByName) {
  auto v1 = MakeVersion("shop", "1.0");
  auto v2 = MakeVersion("shop", "2.0");
  auto other = MakeVersion("blog", "1.0");
  EXPECT_EQ(s().GetVersionByName(v1.project_id, "1.0").value(), v1);
  EXPECT_EQ(s().GetVersionByName(v1.project_id, "2.0").value(), v2);
  EXPECT_EQ(s().GetVersionByName(other.project_id, "1.0").value(), other);
  EXPECT_EQ(s().GetVersionByName(v1.project_id, "3.0").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().GetVersionByName(v1.project_id + 99, "1.0").status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformance, SessionsSlideExpireAndDelete) {
  auto alice = s().CreateUser("root", "alice", "h", Role::kAdmin).value();
  auto bob = s().CreateUser("root", "bob", "h", Role::kViewer).value();
  auto created = s().CreateSession("alice", "hash-a1", alice.id, "csrf-1", std::chrono::hours(1));
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->user_id, alice.id);
  EXPECT_EQ(created->csrf_token, "csrf-1");
  EXPECT_GT(created->expires_at, created->created_at);
  EXPECT_EQ(s().GetSession("hash-a1").value(), *created);
  EXPECT_EQ(s().CreateSession("alice", "hash-a1", alice.id, "x", std::chrono::hours(1))
                .status()
                .code(),
            StatusCode::kAlreadyExists);
  EXPECT_EQ(s().CreateSession("x", "hash-z", bob.id + 50, "x", std::chrono::hours(1))
                .status()
                .code(),
            StatusCode::kNotFound);

  auto touched = s().TouchSession("hash-a1", std::chrono::hours(2));
  ASSERT_TRUE(touched.ok()) << touched.status().ToString();
  EXPECT_GT(touched->expires_at, created->expires_at);
  EXPECT_GT(touched->last_seen, created->last_seen);
  EXPECT_EQ(touched->created_at, created->created_at);
  EXPECT_EQ(s().TouchSession("nope", std::chrono::hours(1)).status().code(),
            StatusCode::kNotFound);

  // Expired sessions are not found and cannot be revived by touching them.
  ASSERT_TRUE(s().CreateSession("alice", "hash-old", alice.id, "c", std::chrono::seconds(-1)).ok());
  EXPECT_EQ(s().GetSession("hash-old").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().TouchSession("hash-old", std::chrono::hours(1)).status().code(),
            StatusCode::kNotFound);

  ASSERT_TRUE(s().CreateSession("alice", "hash-a2", alice.id, "c", std::chrono::hours(1)).ok());
  ASSERT_TRUE(s().CreateSession("bob", "hash-b1", bob.id, "c", std::chrono::hours(1)).ok());
  ASSERT_TRUE(s().DeleteSession("alice", "hash-a2").ok());
  EXPECT_TRUE(s().DeleteSession("alice", "hash-a2").ok());  // idempotent
  EXPECT_EQ(s().GetSession("hash-a2").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().DeleteSessionsOfUser("alice", alice.id).value(), 2);  // hash-a1 and hash-old
  EXPECT_EQ(s().GetSession("hash-a1").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(s().GetSession("hash-b1").ok());
  EXPECT_EQ(s().ListAudit({1, 0}).value()[0].action, "session.delete_all");
}

TEST_P(StoreConformance, JobsQueueClaimFinish) {
  auto v1 = MakeVersion("shop", "1.0");
  auto v2 = MakeVersion("shop", "2.0");
  auto j1 = s().EnqueueJob("ci", "analyze", v1.id);
  ASSERT_TRUE(j1.ok()) << j1.status().ToString();
  EXPECT_EQ(j1->state, JobState::kQueued);
  EXPECT_EQ(j1->attempts, 0);
  EXPECT_EQ(j1->version_id, v1.id);
  EXPECT_EQ(j1->kind, "analyze");
  EXPECT_EQ(s().EnqueueJob("ci", "analyze", v1.id).value(), *j1);  // one queued per version
  auto j2 = s().EnqueueJob("ci", "analyze", v2.id).value();
  EXPECT_EQ(s().EnqueueJob("ci", "analyze", v2.id + 99).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(s().EnqueueJob("ci", "dance", v1.id).status().code(), StatusCode::kInvalidArgument);

  auto c1 = s().ClaimJob("worker-a");
  ASSERT_TRUE(c1.ok()) << c1.status().ToString();
  ASSERT_TRUE(c1->has_value());
  EXPECT_EQ((*c1)->id, j1->id);  // oldest first
  EXPECT_EQ((*c1)->state, JobState::kRunning);
  EXPECT_EQ((*c1)->attempts, 1);
  EXPECT_EQ((*c1)->worker, "worker-a");
  EXPECT_FALSE((*c1)->started_at.empty());

  // While j1 runs, a new upload of v1 queues a second job for it.
  auto j3 = s().EnqueueJob("ci", "analyze", v1.id).value();
  EXPECT_NE(j3.id, j1->id);

  ASSERT_TRUE(s().FinishJob(j1->id, "").ok());
  auto done = s().GetJob(j1->id).value();
  EXPECT_EQ(done.state, JobState::kDone);
  EXPECT_FALSE(done.finished_at.empty());
  EXPECT_EQ(s().FinishJob(j1->id, "").code(), StatusCode::kConflict);
  EXPECT_EQ(s().FinishJob(j1->id + 99, "").code(), StatusCode::kNotFound);

  auto c2 = s().ClaimJob("worker-b").value();
  ASSERT_TRUE(c2.has_value());
  EXPECT_EQ(c2->id, j2.id);
  ASSERT_TRUE(s().FinishJob(j2.id, "scan failed: no vulnerability DB").ok());
  EXPECT_EQ(s().GetJob(j2.id).value().state, JobState::kFailed);
  EXPECT_EQ(s().GetJob(j2.id).value().error, "scan failed: no vulnerability DB");
  EXPECT_EQ(s().ClaimJob("worker-b").value()->id, j3.id);
  EXPECT_FALSE(s().ClaimJob("worker-b").value().has_value());  // queue empty

  auto all = s().ListJobs(std::nullopt, {}).value();
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].id, j3.id);  // newest first
  auto failed = s().ListJobs(JobState::kFailed, {}).value();
  ASSERT_EQ(failed.size(), 1u);
  EXPECT_EQ(failed[0].id, j2.id);
  EXPECT_EQ(s().ListJobs(std::nullopt, {1, 1}).value().size(), 1u);
  EXPECT_EQ(ParseJobState(JobStateName(JobState::kRunning)), JobState::kRunning);
}

// Two connections claim from one queue at the same time: every job is claimed exactly once.
TEST_P(StoreConformance, ConcurrentWorkersClaimEachJobOnce) {
  constexpr int kJobs = 24;
  std::vector<Id> enqueued;
  for (int i = 0; i < kJobs; ++i) {
    auto v = MakeVersion("shop", "v" + std::to_string(i));
    enqueued.push_back(s().EnqueueJob("ci", "analyze", v.id).value().id);
  }
  auto second = OpenStore(location_);
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  std::vector<std::vector<Id>> claimed(2);
  std::vector<Status> errors(2);
  auto work = [&](Store* store, int w) {
    for (;;) {
      auto job = store->ClaimJob("worker-" + std::to_string(w));
      if (!job.ok()) {
        errors[w] = job.status();
        return;
      }
      if (!job->has_value()) return;
      claimed[w].push_back((*job)->id);
      Status st = store->FinishJob((*job)->id, "");
      if (!st.ok()) {
        errors[w] = st;
        return;
      }
    }
  };
  std::thread a(work, store_.get(), 0);
  std::thread b(work, second->get(), 1);
  a.join();
  b.join();
  EXPECT_TRUE(errors[0].ok()) << errors[0].ToString();
  EXPECT_TRUE(errors[1].ok()) << errors[1].ToString();
  std::vector<Id> all = claimed[0];
  all.insert(all.end(), claimed[1].begin(), claimed[1].end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, enqueued);  // each exactly once, none lost
  for (Id id : enqueued) {
    auto job = s().GetJob(id).value();
    EXPECT_EQ(job.state, JobState::kDone);
    EXPECT_EQ(job.attempts, 1);
  }
}

TEST_P(StoreConformance, StaleJobsAreRequeuedThenFailed) {
  auto v = MakeVersion("shop", "1.0");
  auto job = s().EnqueueJob("ci", "analyze", v.id).value();
  {
    // A worker claims the job on its own connection and dies without finishing it.
    auto worker = OpenStore(location_);
    ASSERT_TRUE(worker.ok());
    ASSERT_EQ((*worker)->ClaimJob("doomed").value()->id, job.id);
  }
  // Not stale yet under a generous timeout.
  EXPECT_EQ(s().RequeueStaleJobs(std::chrono::hours(1)).value(), 0);
  EXPECT_EQ(s().GetJob(job.id).value().state, JobState::kRunning);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(s().RequeueStaleJobs(std::chrono::seconds(0)).value(), 1);
  auto requeued = s().GetJob(job.id).value();
  EXPECT_EQ(requeued.state, JobState::kQueued);
  EXPECT_EQ(requeued.attempts, 1);
  // The late worker's FinishJob is refused: the job is someone else's now.
  EXPECT_EQ(s().FinishJob(job.id, "").code(), StatusCode::kConflict);

  // Two more deaths and it is given up.
  for (int attempt = 2; attempt <= Job::kMaxJobAttempts; ++attempt) {
    auto c = s().ClaimJob("doomed").value();
    ASSERT_TRUE(c.has_value());
    EXPECT_EQ(c->attempts, attempt);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    EXPECT_EQ(s().RequeueStaleJobs(std::chrono::seconds(0)).value(), 1);
  }
  auto gone = s().GetJob(job.id).value();
  EXPECT_EQ(gone.state, JobState::kFailed);
  EXPECT_NE(gone.error.find("3 times"), std::string::npos) << gone.error;
  EXPECT_FALSE(s().ClaimJob("w").value().has_value());

  // A stale job whose version has been queued again meanwhile is failed, not duplicated.
  auto next = s().EnqueueJob("ci", "analyze", v.id).value();
  ASSERT_EQ(s().ClaimJob("doomed").value()->id, next.id);
  auto newer = s().EnqueueJob("ci", "analyze", v.id).value();
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(s().RequeueStaleJobs(std::chrono::seconds(0)).value(), 1);
  EXPECT_EQ(s().GetJob(next.id).value().state, JobState::kFailed);
  EXPECT_EQ(s().GetJob(newer.id).value().state, JobState::kQueued);
}

FindingRecord Record(std::string ref, std::string vuln, std::string name, std::string purl,
                     std::string severity, std::optional<double> cvss, bool kev) {
  FindingRecord r;
  r.key = {std::move(ref), std::move(vuln)};
  r.details.component_name = std::move(name);
  r.details.component_version = "2.14.1";
  r.details.component_purl = std::move(purl);
  r.details.severity = std::move(severity);
  r.details.cvss_score = cvss;
  r.details.cvss_vector = cvss ? "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" : "";
  r.details.kev = kev;
  r.details.summary = "Remote code injection in Log4j";
  r.details.fixed_versions = "2.15.0 2.12.2";
  r.details.matcher = "purl";
  r.details.confidence = 1.0;
  return r;
}

TEST_P(StoreConformance, FindingDetailsAreKeptAsLastReported) {
  auto v = MakeVersion("shop", "1.0");
  const std::string purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar";
  FindingRecord log4shell =
      Record("log4j-core", "CVE-2021-44228", "log4j-core", purl, "critical", 10.0, true);
  log4shell.details.epss = 0.97;
  log4shell.details.epss_percentile = 0.999;
  FindingRecord by_name = Record("x", "CVE-2020-1", "libx", "", "unknown", std::nullopt, false);
  by_name.details.matcher = "name";
  by_name.details.needs_verification = true;
  by_name.details.confidence = 0.5;
  ASSERT_TRUE(s().RecordFindings("scanner", v.id, {log4shell, by_name}).ok());
  auto fs = s().FindingsOf(v.id, false, {}).value();
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].component_ref, "log4j-core");
  EXPECT_EQ(fs[0].details, log4shell.details);
  EXPECT_EQ(fs[0].analysis_component, "pkg:maven/org.apache.logging.log4j/log4j-core");
  EXPECT_EQ(fs[1].details, by_name.details);
  EXPECT_EQ(fs[1].details.cvss_score, std::nullopt);
  EXPECT_EQ(fs[1].details.epss, std::nullopt);
  EXPECT_EQ(fs[1].analysis_component, "libx");

  // A rescan with new scores updates the details; a finding that drops out keeps its last ones.
  FindingRecord rescored = log4shell;
  rescored.details.epss = 0.5;
  rescored.details.kev = false;
  ASSERT_TRUE(s().RecordFindings("scanner", v.id, {rescored}).ok());
  auto all = s().FindingsOf(v.id, true, {}).value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].details, rescored.details);
  EXPECT_FALSE(all[1].active);
  EXPECT_EQ(all[1].details, by_name.details);
  EXPECT_EQ(AnalysisComponentKey("pkg:npm/%40scope/pkg@1.0#sub", "pkg"), "pkg:npm/@scope/pkg");
  EXPECT_EQ(AnalysisComponentKey("", "openssl"), "openssl");
  EXPECT_EQ(AnalysisComponentKey("not a purl", "openssl"), "openssl");
}

// Team "platform" owns critical "shop" (versions 1.0 and 2.0); team "apps" owns low "blog" (0.1).
struct TwoTeams {
  Team platform, apps;
  Project shop, blog;
  ProjectVersion shop1, shop2, blog1;
};
TwoTeams TwoTeamPortfolio(Store& store) {
  TwoTeams t;
  t.platform = store.CreateTeam("root", "platform").value();
  t.apps = store.CreateTeam("root", "apps").value();
  t.shop = store.CreateProject("root", "shop", t.platform.id, Criticality::kCritical).value();
  t.blog = store.CreateProject("root", "blog", t.apps.id, Criticality::kLow).value();
  t.shop1 = store.CreateVersion("root", t.shop.id, "1.0").value();
  t.shop2 = store.CreateVersion("root", t.shop.id, "2.0").value();
  t.blog1 = store.CreateVersion("root", t.blog.id, "0.1").value();
  return t;
}

// Affected-by: which project versions have a vulnerability, with the triage that applies, only
// in the caller's teams.
TEST_P(StoreConformance, FindingsByVulnerabilityWithTriageAndTeams) {
  auto [platform, apps, shop, blog, shop1, shop2, blog1] = TwoTeamPortfolio(s());
  const std::string purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  auto l4s = Record("log4j-core", "CVE-2021-44228", "log4j-core", purl, "critical", 10.0, true);
  ASSERT_TRUE(s().RecordFindings("scanner", shop1.id, {l4s}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", shop2.id, {l4s}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", blog1.id, {l4s}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", shop2.id, {}).ok());  // fixed in 2.0: inactive

  Analysis a;
  a.project_id = shop.id;
  a.component = "pkg:maven/org.apache.logging.log4j/log4j-core";
  a.vulnerability_id = "CVE-2021-44228";
  a.state = AnalysisState::kNotAffected;
  a.justification = "code_not_reachable";
  auto put = s().PutAnalysis("alice", a).value();

  auto rows = s().FindingsByVulnerability("CVE-2021-44228", std::nullopt, {});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].project.name, "blog");
  EXPECT_EQ((*rows)[0].version, blog1);
  EXPECT_FALSE((*rows)[0].analysis.has_value());
  EXPECT_EQ((*rows)[1].project, shop);
  EXPECT_EQ((*rows)[1].version, shop1);
  ASSERT_TRUE((*rows)[1].analysis.has_value());
  EXPECT_EQ(*(*rows)[1].analysis, put);
  EXPECT_EQ((*rows)[1].finding.details.cvss_score, 10.0);

  auto mine = s().FindingsByVulnerability("CVE-2021-44228", std::vector<Id>{platform.id}, {});
  ASSERT_EQ(mine.value().size(), 1u);
  EXPECT_EQ(mine->front().project.id, shop.id);
  EXPECT_TRUE(s().FindingsByVulnerability("CVE-2021-44228", std::vector<Id>{}, {}).value().empty());
  EXPECT_TRUE(s().FindingsByVulnerability("CVE-1999-0001", std::nullopt, {}).value().empty());
  EXPECT_EQ(s().FindingsByVulnerability("CVE-2021-44228", std::nullopt, {1, 1}).value().size(), 1u);

  FindingQuery q;
  q.project_id = shop.id;
  q.include_inactive = true;
  auto history = s().QueryFindings(q, {}).value();
  ASSERT_EQ(history.size(), 2u);
  EXPECT_TRUE(history[0].finding.active);
  EXPECT_FALSE(history[1].finding.active);
  EXPECT_EQ(history[1].version, shop2);
  q.version_id = shop1.id;
  EXPECT_EQ(s().QueryFindings(q, {}).value().size(), 1u);

  auto analyses = s().ListAnalyses(shop.id, {}).value();
  EXPECT_EQ(analyses, (std::vector<Analysis>{put}));
  EXPECT_TRUE(s().ListAnalyses(blog.id, {}).value().empty());
}

// Counts for lists and dashboards agree with the rows QueryFindings returns, per team scope.
TEST_P(StoreConformance, CountFindingsGroupsBySeverityAndKevPerProject) {
  auto [platform, apps, shop, blog, shop1, shop2, blog1] = TwoTeamPortfolio(s());
  const std::string purl = "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1";
  auto l4s = Record("log4j-core", "CVE-2021-44228", "log4j-core", purl, "critical", 10.0, true);
  auto other = Record("log4j-core", "CVE-2021-45046", "log4j-core", purl, "critical", 9.0, false);
  auto dos = Record("log4j-core", "CVE-2021-45105", "log4j-core", purl, "medium", 5.9, false);
  ASSERT_TRUE(s().RecordFindings("scanner", shop1.id, {l4s, other, dos}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", shop2.id, {dos}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", blog1.id, {l4s}).ok());
  ASSERT_TRUE(s().RecordFindings("scanner", blog1.id, {}).ok());  // blog's finding went inactive

  auto counts = s().CountFindings(FindingQuery{});
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(*counts, (std::vector<FindingCount>{{shop.id, "critical", false, 1},
                                                {shop.id, "critical", true, 1},
                                                {shop.id, "medium", false, 2}}));
  FindingQuery with_inactive;
  with_inactive.include_inactive = true;
  with_inactive.team_ids = std::vector<Id>{apps.id};
  EXPECT_EQ(s().CountFindings(with_inactive).value(),
            (std::vector<FindingCount>{{blog.id, "critical", true, 1}}));
  FindingQuery one_version;
  one_version.version_id = shop2.id;
  EXPECT_EQ(s().CountFindings(one_version).value(),
            (std::vector<FindingCount>{{shop.id, "medium", false, 1}}));
  FindingQuery nobody;
  nobody.team_ids = std::vector<Id>{};
  EXPECT_TRUE(s().CountFindings(nobody).value().empty());
  // The same numbers as counting QueryFindings' rows.
  std::int64_t total = 0;
  for (const auto& c : *counts) total += c.count;
  EXPECT_EQ(total, static_cast<std::int64_t>(s().QueryFindings(FindingQuery{}, {}).value().size()));
}

TEST_P(StoreConformance, WhereUsedNarrowsToVisibleTeams) {
  auto platform = s().CreateTeam("root", "platform").value();
  auto apps = s().CreateTeam("root", "apps").value();
  auto shop = s().CreateProject("root", "shop", platform.id, Criticality::kHigh).value();
  auto blog = s().CreateProject("root", "blog", apps.id, Criticality::kLow).value();
  auto v1 = s().CreateVersion("root", shop.id, "1.0").value();
  auto v2 = s().CreateVersion("root", blog.id, "1.0").value();
  ASSERT_TRUE(s().PutSbom("ci", v1.id, Bytes("a"), ShopSbom()).ok());
  ASSERT_TRUE(s().PutSbom("ci", v2.id, Bytes("b"), ShopSbom()).ok());
  const std::string core = "pkg:maven/org.apache.logging.log4j/log4j-core";
  EXPECT_EQ(s().WhereUsed(core, std::nullopt, {}).value().size(), 2u);
  auto mine = s().WhereUsed(core, std::nullopt, {}, std::vector<Id>{apps.id}).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].project, blog);
  EXPECT_EQ(s().WhereUsed(core, "2.14.1", {}, std::vector<Id>{platform.id}).value().size(), 1u);
  EXPECT_TRUE(s().WhereUsed(core, std::nullopt, {}, std::vector<Id>{}).value().empty());
  EXPECT_EQ(s().WhereUsedByName("log4j*", {}, std::vector<Id>{platform.id}).value().size(), 2u);
  EXPECT_EQ(s().WhereUsedByName("log4j*", {}, std::vector<Id>{platform.id, apps.id}).value().size(),
            4u);
  EXPECT_TRUE(s().WhereUsedByName("log4j*", {}, std::vector<Id>{apps.id + 99}).value().empty());
}

TEST_P(StoreConformance, VulnDbStateRoundTrips) {
  EXPECT_EQ(s().GetVulnDbState().value(), VulnDbState{});
  ASSERT_TRUE(s().SetVulnDbState("worker", "fp-1").ok());
  auto first = s().GetVulnDbState().value();
  EXPECT_EQ(first.fingerprint, "fp-1");
  EXPECT_FALSE(first.analyzed_at.empty());
  ASSERT_TRUE(s().SetVulnDbState("worker", "fp-2").ok());
  auto second = s().GetVulnDbState().value();
  EXPECT_EQ(second.fingerprint, "fp-2");
  EXPECT_GT(second.analyzed_at, first.analyzed_at);
  EXPECT_EQ(s().ListAudit({1, 0}).value()[0].action, "vulndb.analyzed");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreConformance, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(OpenStore, RejectsEmptyLocationAndUnreachableServer) {
  EXPECT_EQ(OpenStore("").status().code(), StatusCode::kInvalidArgument);
  // Port 1 on loopback: nothing listens there.
  EXPECT_EQ(OpenStore("postgresql://nobody@127.0.0.1:1/none?connect_timeout=2").status().code(),
            StatusCode::kUnavailable);
  EXPECT_EQ(OpenStore("/nonexistent-dir/x/portfolio.db").status().code(), StatusCode::kIoError);
}

}  // namespace
}  // namespace sbomhub::store
