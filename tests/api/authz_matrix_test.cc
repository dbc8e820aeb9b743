// The authorization matrix: every route of the server's route table × every role × a project (or
// team) of the caller's own team and of another team, against an in-process server on a real
// SQLite file. A route added to the table without a row here fails RouteTableIsCovered.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>

#include "api/routes.h"
#include "api_test_support.h"

namespace sbomhub::apitest {
namespace {

using store::Role;

// What the contract (docs/design/portfolio-api.md) says a role may do.
enum class Rule {
  kPublic,        // anyone, even without credentials
  kAnySignedIn,   // every role
  kAdmin,         // admin only
  kAdminAuditor,  // admin and auditor
  kRead,          // project read: own team all roles; other team admin/auditor, else 404
  kWrite,         // project write: admin anywhere; analyst own team (other: 404); auditor/viewer 403
  kCreateInTeam,  // new project in a team: admin any; analyst own team (other: 403); auditor/viewer 403
};

const Role kRoles[] = {Role::kAdmin, Role::kAnalyst, Role::kAuditor, Role::kViewer};

// The expected status for a rule; `success` is the route's success code.
int Expected(Rule rule, Role role, bool own, int success) {
  switch (rule) {
    case Rule::kPublic:
    case Rule::kAnySignedIn:
      return success;
    case Rule::kAdmin:
      return role == Role::kAdmin ? success : 403;
    case Rule::kAdminAuditor:
      return role == Role::kAdmin || role == Role::kAuditor ? success : 403;
    case Rule::kRead:
      if (own || role == Role::kAdmin || role == Role::kAuditor) return success;
      return 404;
    case Rule::kWrite:
      if (role == Role::kAdmin) return success;
      if (role == Role::kAnalyst) return own ? success : 404;
      return 403;
    case Rule::kCreateInTeam:
      if (role == Role::kAdmin) return success;
      if (role == Role::kAnalyst) return own ? success : 403;
      return 403;
  }
  return 0;
}

class Matrix : public ::testing::Test {
 public:  // the row builders below reach into the fixture
  struct Request {
    std::string path;
    std::string body;
    std::string content_type = "application/json";
  };
  // Builds the request for one cell: the own or the other team's objects, fresh objects where the
  // call consumes them (a key to revoke, a member to remove).
  using Builder = std::function<Request(Matrix&, Role, bool own)>;
  struct Row {
    std::string method;
    std::string path;  // the route template, as in the table
    Rule rule;
    Builder build;
    bool fresh_session = false;  // the call ends the caller's session
  };

  static void SetUpTestSuite() {
    server_ = new TestServer(false);
    ASSERT_TRUE(server_->Start().ok());
    store::Store& s = server_->store();
    auto alpha = s.CreateTeam("test", "alpha");
    auto beta = s.CreateTeam("test", "beta");
    ASSERT_TRUE(alpha.ok() && beta.ok());
    alpha_ = alpha->id;
    beta_ = beta->id;
    for (Role r : kRoles) {
      std::string name = std::string(store::RoleName(r)) + "-user";
      auto u = server_->AddUser(name, kPassword, r);
      ASSERT_TRUE(u.ok()) << u.status().ToString();
      if (r != Role::kAdmin) {
        ASSERT_TRUE(s.AddTeamMember("test", alpha_, u->id).ok());
      }
    }
    std::string sbom = ReadFixture("shop.cdx.json");
    ASSERT_FALSE(sbom.empty());
    for (auto [name, team] : {std::pair{"proj-a", alpha_}, std::pair{"proj-b", beta_}}) {
      auto p = s.CreateProject("test", name, team, store::Criticality::kHigh);
      ASSERT_TRUE(p.ok());
      Diagnostics d;
      auto in = app::IngestSbom(s, "test", p->id, "1.0", sbom, "shop.cdx.json", d);
      ASSERT_TRUE(in.ok()) << in.status().ToString();
    }
    ASSERT_TRUE(server_->DrainJobs().ok());
    auto a = s.GetProjectByName("proj-a");
    auto v = s.GetVersionByName(a->id, "1.0");
    auto vex = app::ExportVex(s, v->id, vex::VexFormat::kCycloneDx);
    ASSERT_TRUE(vex.ok()) << vex.status().ToString();
    vex_ = *vex;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  Auth SessionOf(Role r) {
    std::string name = std::string(store::RoleName(r)) + "-user";
    auto it = sessions_.find(r);
    if (it != sessions_.end()) return it->second;
    Auth a = server_->Login(name, kPassword);
    sessions_[r] = a;
    return a;
  }

  static std::string Unique(const std::string& prefix) { return prefix + "-" + std::to_string(++counter_); }
  std::string Project(bool own) const { return own ? "proj-a" : "proj-b"; }
  std::string Team(bool own) const { return own ? "alpha" : "beta"; }
  store::Id TeamId(bool own) const { return own ? alpha_ : beta_; }

  static constexpr const char* kPassword = "matrix-password";
  static TestServer* server_;
  static store::Id alpha_, beta_;
  static std::string vex_;
  static int counter_;
  std::map<Role, Auth> sessions_;
};

TestServer* Matrix::server_ = nullptr;
store::Id Matrix::alpha_ = 0;
store::Id Matrix::beta_ = 0;
std::string Matrix::vex_;
int Matrix::counter_ = 0;

std::vector<Matrix::Row> Rows() {
  using R = Matrix::Request;
  auto fixed = [](std::string path) { return [path](Matrix&, Role, bool) { return R{path}; }; };
  auto ver = [](std::string suffix) {
    return [suffix](Matrix& m, Role, bool own) {
      return R{"/api/v1/projects/" + m.Project(own) + "/versions/1.0" + suffix};
    };
  };
  const std::string log4j = "pkg:maven/org.apache.logging.log4j/log4j-core";
  std::vector<Matrix::Row> rows = {
      {"GET", "/healthz", Rule::kPublic, fixed("/healthz")},
      {"GET", "/readyz", Rule::kPublic, fixed("/readyz")},
      {"GET", "/api/openapi.json", Rule::kPublic, fixed("/api/openapi.json")},
      {"POST", "/api/v1/session", Rule::kPublic,
       [](Matrix&, Role r, bool) {
         return R{"/api/v1/session", nlohmann::json{{"username", std::string(store::RoleName(r)) + "-user"},
                                                    {"password", Matrix::kPassword}}.dump()};
       }},
      {"GET", "/api/v1/session", Rule::kAnySignedIn, fixed("/api/v1/session")},
      {"DELETE", "/api/v1/session", Rule::kAnySignedIn, fixed("/api/v1/session"), true},
      {"GET", "/api/v1/teams", Rule::kAnySignedIn, fixed("/api/v1/teams")},
      {"POST", "/api/v1/teams", Rule::kAdmin,
       [](Matrix&, Role, bool) { return R{"/api/v1/teams", nlohmann::json{{"name", Matrix::Unique("team")}}.dump()}; }},
      {"GET", "/api/v1/teams/{team}/members", Rule::kRead,
       [](Matrix& m, Role, bool own) { return R{"/api/v1/teams/" + m.Team(own) + "/members"}; }},
      {"POST", "/api/v1/teams/{team}/members", Rule::kAdmin,
       [](Matrix& m, Role, bool own) {
         auto u = m.server_->AddUser(Matrix::Unique("member"), Matrix::kPassword, Role::kViewer);
         return R{"/api/v1/teams/" + m.Team(own) + "/members", nlohmann::json{{"user", u->name}}.dump()};
       }},
      {"DELETE", "/api/v1/teams/{team}/members/{user}", Rule::kAdmin,
       [](Matrix& m, Role, bool own) {
         auto u = m.server_->AddUser(Matrix::Unique("leaver"), Matrix::kPassword, Role::kViewer);
         (void)m.server_->store().AddTeamMember("test", m.TeamId(own), u->id);
         return R{"/api/v1/teams/" + m.Team(own) + "/members/" + u->name};
       }},
      {"GET", "/api/v1/users", Rule::kAdmin, fixed("/api/v1/users")},
      {"POST", "/api/v1/users", Rule::kAdmin,
       [](Matrix&, Role, bool) {
         return R{"/api/v1/users", nlohmann::json{{"name", Matrix::Unique("new")}, {"password", "a-long-password"},
                                                  {"role", "viewer"}, {"teams", {"alpha"}}}.dump()};
       }},
      // Another user's password: admin only (self-service is pinned in auth_test).
      {"PUT", "/api/v1/users/{user}/password", Rule::kAdmin,
       [](Matrix& m, Role, bool) {
         auto u = m.server_->AddUser(Matrix::Unique("pw"), Matrix::kPassword, Role::kViewer);
         return R{"/api/v1/users/" + u->name + "/password", nlohmann::json{{"password", "another-password"}}.dump()};
       }},
      {"GET", "/api/v1/apikeys", Rule::kAdmin, fixed("/api/v1/apikeys")},
      {"POST", "/api/v1/apikeys", Rule::kAdmin,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/apikeys", nlohmann::json{{"team", m.Team(own)}, {"role", "viewer"}}.dump()};
       }},
      {"DELETE", "/api/v1/apikeys/{id}", Rule::kAdmin,
       [](Matrix& m, Role, bool own) {
         auto k = m.server_->store().CreateApiKey("test", m.TeamId(own), Role::kViewer,
                                                  auth::TokenHash(auth::NewApiKey()));
         return R{"/api/v1/apikeys/" + std::to_string(k->id)};
       }},
      {"GET", "/api/v1/audit", Rule::kAdminAuditor, fixed("/api/v1/audit")},
      {"GET", "/api/v1/jobs", Rule::kAnySignedIn, fixed("/api/v1/jobs")},
      {"GET", "/api/v1/projects", Rule::kAnySignedIn, fixed("/api/v1/projects")},
      {"POST", "/api/v1/projects", Rule::kCreateInTeam,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/projects", nlohmann::json{{"name", Matrix::Unique("project")}, {"team", m.Team(own)},
                                                     {"criticality", "low"}}.dump()};
       }},
      {"GET", "/api/v1/projects/{project}", Rule::kRead,
       [](Matrix& m, Role, bool own) { return R{"/api/v1/projects/" + m.Project(own)}; }},
      {"PATCH", "/api/v1/projects/{project}", Rule::kWrite,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/projects/" + m.Project(own), nlohmann::json{{"criticality", "high"}}.dump()};
       }},
      {"GET", "/api/v1/projects/{project}/versions", Rule::kRead,
       [](Matrix& m, Role, bool own) { return R{"/api/v1/projects/" + m.Project(own) + "/versions"}; }},
      {"GET", "/api/v1/projects/{project}/versions/{version}/sbom", Rule::kRead, ver("/sbom")},
      {"PUT", "/api/v1/projects/{project}/versions/{version}/sbom", Rule::kWrite,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/projects/" + m.Project(own) + "/versions/2.0/sbom", ReadFixture("shop.cdx.json")};
       }},
      {"GET", "/api/v1/projects/{project}/versions/{version}/sbom/export", Rule::kRead,
       ver("/sbom/export?format=spdx-json")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/documents", Rule::kRead, ver("/documents")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/components", Rule::kRead, ver("/components?q=log4j")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/dependencies", Rule::kRead, ver("/dependencies")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/paths", Rule::kRead, ver("/paths?to=log4j-core")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/findings", Rule::kRead, ver("/findings")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/quality", Rule::kRead, ver("/quality?profile=ntia")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/licenses", Rule::kRead, ver("/licenses")},
      {"GET", "/api/v1/projects/{project}/versions/{version}/vex", Rule::kRead, ver("/vex?format=csaf")},
      {"POST", "/api/v1/projects/{project}/vex", Rule::kWrite,
       [](Matrix& m, Role, bool own) { return R{"/api/v1/projects/" + m.Project(own) + "/vex", Matrix::vex_}; }},
      {"PUT", "/api/v1/projects/{project}/analyses", Rule::kWrite,
       [log4j](Matrix& m, Role, bool own) {
         return R{"/api/v1/projects/" + m.Project(own) + "/analyses",
                  nlohmann::json{{"component", log4j}, {"vulnerability", "GHSA-jfh8-c2jp-5v3q"},
                                 {"state", "exploitable"}, {"detail", "matrix"}}.dump()};
       }},
      {"GET", "/api/v1/projects/{project}/analyses", Rule::kRead,
       [](Matrix& m, Role, bool own) { return R{"/api/v1/projects/" + m.Project(own) + "/analyses"}; }},
      {"GET", "/api/v1/projects/{project}/analyses/history", Rule::kRead,
       [log4j](Matrix& m, Role, bool own) {
         return R{"/api/v1/projects/" + m.Project(own) + "/analyses/history?component=" + log4j +
                  "&vulnerability=GHSA-jfh8-c2jp-5v3q"};
       }},
      {"POST", "/api/v1/analyses/bulk", Rule::kWrite,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/analyses/bulk",
                  nlohmann::json{{"scope", "project"}, {"project", m.Project(own)},
                                 {"vulnerability", "GHSA-jfh8-c2jp-5v3q"}, {"state", "in_triage"}}.dump()};
       }},
      {"GET", "/api/v1/where-used", Rule::kAnySignedIn, fixed("/api/v1/where-used?purl=" + log4j)},
      {"GET", "/api/v1/diff", Rule::kRead,
       [](Matrix& m, Role, bool own) {
         return R{"/api/v1/diff?from=" + m.Project(own) + "@1.0&to=" + m.Project(own) + "@1.0"};
       }},
      {"GET", "/api/v1/vulnerabilities/{id}", Rule::kAnySignedIn, fixed("/api/v1/vulnerabilities/GHSA-jfh8-c2jp-5v3q")},
      {"GET", "/api/v1/dashboard", Rule::kAnySignedIn, fixed("/api/v1/dashboard")},
      {"GET", "/api/v1/vulndb", Rule::kAnySignedIn, fixed("/api/v1/vulndb")},
      {"POST", "/api/v1/vulndb/import", Rule::kAdmin,
       [](Matrix&, Role, bool) {
         return R{"/api/v1/vulndb/import?filename=ghsa.json", ReadFixture("feeds/GHSA-log4shell-test.json")};
       }},
  };
  return rows;
}

TEST_F(Matrix, RouteTableIsCovered) {
  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& row : Rows()) covered.emplace(row.method, row.path);
  for (const auto& route : api::Routes()) {
    EXPECT_TRUE(covered.count({route.method, route.path})) << "no matrix row for " << route.method << " " << route.path;
  }
  EXPECT_EQ(covered.size(), api::Routes().size()) << "a matrix row names a route that does not exist";
}

TEST_F(Matrix, EveryRouteEveryRoleOwnAndOtherTeam) {
  std::map<std::pair<std::string, std::string>, const api::Route*> table;
  for (const auto& r : api::Routes()) table[{r.method, r.path}] = &r;
  int cells = 0;
  for (const auto& row : Rows()) {
    auto it = table.find({row.method, row.path});
    ASSERT_NE(it, table.end()) << row.method << " " << row.path;
    int success = it->second->success;
    for (Role role : kRoles) {
      for (bool own : {true, false}) {
        Request req = row.build(*this, role, own);
        Auth auth = row.fresh_session ? server_->Login(std::string(store::RoleName(role)) + "-user", kPassword)
                                      : SessionOf(role);
        if (row.rule == Rule::kPublic) auth = {};
        Resp r = server_->Call(row.method, req.path, auth, req.body, req.content_type);
        int want = Expected(row.rule, role, own, success);
        EXPECT_EQ(r.status, want) << row.method << " " << req.path << " as " << store::RoleName(role)
                                  << (own ? " (own team)" : " (other team)") << ": " << r.body.substr(0, 300);
        if (r.status >= 400) {
          // Every refusal has the JSON error shape.
          EXPECT_TRUE(r.json.is_object() && r.json.contains("error") && r.json["error"].contains("code") &&
                      r.json["error"].contains("message"))
              << row.method << " " << req.path << ": " << r.body.substr(0, 200);
        }
        ++cells;
      }
    }
    // Without credentials every non-public route is 401.
    if (row.rule != Rule::kPublic) {
      Request req = row.build(*this, Role::kAdmin, true);
      Resp r = server_->Call(row.method, req.path, {}, req.body, req.content_type);
      EXPECT_EQ(r.status, 401) << row.method << " " << req.path << " without credentials";
    }
  }
  EXPECT_EQ(cells, static_cast<int>(Rows().size()) * 8);
}

// API keys follow the same rules as users of the same role and team.
TEST_F(Matrix, ApiKeysAreScopedToTheirTeamAndRole) {
  auto make_key = [&](Role role) {
    std::string key = auth::NewApiKey();
    EXPECT_TRUE(server_->store().CreateApiKey("test", alpha_, role, auth::TokenHash(key)).ok());
    return Auth{.bearer = key};
  };
  Auth analyst = make_key(Role::kAnalyst);
  Auth viewer = make_key(Role::kViewer);
  EXPECT_EQ(server_->Call("GET", "/api/v1/projects/proj-a/versions/1.0/findings", analyst).status, 200);
  EXPECT_EQ(server_->Call("GET", "/api/v1/projects/proj-b/versions/1.0/findings", analyst).status, 404);
  EXPECT_EQ(server_->Call("PUT", "/api/v1/projects/proj-a/versions/3.0/sbom", viewer, ReadFixture("shop.cdx.json")).status, 403);
  EXPECT_EQ(server_->Call("PUT", "/api/v1/projects/proj-a/versions/3.0/sbom", analyst, ReadFixture("shop.cdx.json")).status, 201);
  EXPECT_EQ(server_->Call("PUT", "/api/v1/projects/proj-b/versions/3.0/sbom", analyst, ReadFixture("shop.cdx.json")).status, 404);
  // Lists only show the own team's projects.
  Resp list = server_->Call("GET", "/api/v1/projects", analyst);
  ASSERT_EQ(list.status, 200);
  for (const auto& p : list.json["items"]) EXPECT_EQ(p["team_id"], alpha_) << p.dump();
  Resp used = server_->Call("GET", "/api/v1/where-used?purl=pkg:maven/org.apache.logging.log4j/log4j-core", viewer);
  ASSERT_EQ(used.status, 200);
  ASSERT_FALSE(used.json["items"].empty());
  for (const auto& row : used.json["items"]) EXPECT_EQ(row["project"]["name"], "proj-a") << row.dump();
}

}  // namespace
}  // namespace sbomhub::apitest
