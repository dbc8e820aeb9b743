// End to end over HTTP with real data: team, user and key are created through the API; real
// SBOMs from ../shared/data/bom-shelter are uploaded with the key; the background worker finds
// vulnerabilities from the real Go vulnerability database (osv-golang-vulndb); a finding is
// triaged by a signed-in analyst (cookie + CSRF); re-uploading keeps the decision; the version's
// VEX is exported and imported into a second project, whose finding then carries the decision.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "api_test_support.h"

namespace sbomhub::apitest {
namespace {

std::string Shelter(const std::string& name) {
  auto bytes = ReadFile(testing::SharedData("bom-shelter/in-the-wild/cyclonedx/" + name), 64 << 20);
  return bytes.ok() ? *bytes : std::string();
}

// Polls the findings of a version until the analysis job has produced some (or time runs out).
Resp WaitForFindings(TestServer& s, const Auth& a, const std::string& path, std::size_t at_least = 1) {
  Resp r;
  for (int i = 0; i < 240; ++i) {
    r = s.Call("GET", path + "?limit=1000", a);
    if (r.status == 200 && r.json["items"].size() >= at_least) return r;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return r;
}

bool JobsIdle(TestServer& s, const Auth& a) {
  for (int i = 0; i < 240; ++i) {
    Resp q = s.Call("GET", "/api/v1/jobs?state=queued", a);
    Resp r = s.Call("GET", "/api/v1/jobs?state=running", a);
    if (q.status == 200 && r.status == 200 && q.json["total"] == 0 && r.json["total"] == 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  return false;
}

TEST(EndToEnd, UploadFindTriageReuploadExportImport) {
  TestServer server(/*run_worker=*/true);
  server.options().max_upload_bytes = 64 << 20;
  ASSERT_TRUE(server.Start(true, {testing::SharedData("osv-golang-vulndb")}).ok());
  auto pw = api::EnsureFirstAdmin(server.store(), "first-admin-password", auth::HashCost::kMinimum);
  ASSERT_TRUE(pw.ok());
  Auth admin = server.Login("admin", "first-admin-password");
  ASSERT_FALSE(admin.cookie.empty());

  // Team, user, key.
  ASSERT_EQ(server.Call("POST", "/api/v1/teams", admin, R"({"name":"platform"})").status, 201);
  Resp user = server.Call("POST", "/api/v1/users", admin,
                          R"({"name":"ana","password":"ana-password-1","role":"analyst","teams":["platform"]})");
  ASSERT_EQ(user.status, 201) << user.body;
  Resp key = server.Call("POST", "/api/v1/apikeys", admin, R"({"team":"platform","role":"analyst"})");
  ASSERT_EQ(key.status, 201) << key.body;
  Auth ci{.bearer = key.json["key"].get<std::string>()};

  // Projects and uploads by the machine key.
  for (const char* name : {"harp", "kawipiko", "jx", "redis-commander"}) {
    nlohmann::json body = {{"name", name}, {"team", "platform"}, {"criticality", "high"}};
    ASSERT_EQ(server.Call("POST", "/api/v1/projects", ci, body.dump()).status, 201) << name;
  }
  struct Upload {
    std::string project, file;
  };
  // jx's published SBOM violates SPDX 2.2 (packages without license or copyright fields): it is
  // refused with the validator's diagnostics and nothing of it is stored.
  Resp refused = server.Call("PUT", "/api/v1/projects/jx/versions/1.0/sbom", ci, Shelter("jx-darwin-arm64.tar.gz.sbom"));
  EXPECT_EQ(refused.status, 422);
  EXPECT_GT(refused.json["error"]["details"].size(), 10u);
  EXPECT_EQ(server.Call("GET", "/api/v1/projects/jx/versions/1.0/documents", ci).status, 404);
  for (const Upload& u : {Upload{"harp", "harp-darwin-amd64.sbom.json"}, Upload{"kawipiko", "kawipiko-sbom-cdx.json"},
                          Upload{"redis-commander", "redis-commander-sbom-cdx.json"}}) {
    std::string bytes = Shelter(u.file);
    ASSERT_FALSE(bytes.empty()) << u.file;
    Resp r = server.Call("PUT", "/api/v1/projects/" + u.project + "/versions/1.0/sbom?filename=" + u.file, ci, bytes);
    ASSERT_EQ(r.status, 201) << u.file << ": " << r.body.substr(0, 500);
    EXPECT_GT(r.json["components"].get<int>(), 10) << u.file;
  }

  // Findings appear (the background worker scans against the real Go vulndb).
  const std::string harp = "/api/v1/projects/harp/versions/1.0/findings";
  Resp findings = WaitForFindings(server, ci, harp);
  ASSERT_EQ(findings.status, 200) << findings.body.substr(0, 300);
  ASSERT_FALSE(findings.json["items"].empty()) << "no findings for harp";
  const auto first = findings.json["items"][0];
  EXPECT_FALSE(first["priority"].get<std::string>().empty());
  EXPECT_FALSE(first["priority_reasons"].empty());
  std::string component = first["analysis_component"];
  std::string vuln = first["vulnerability"];
  std::size_t harp_findings = findings.json["items"].size();

  // Triage by a signed-in analyst (cookie + CSRF).
  Auth ana = server.Login("ana", "ana-password-1");
  ASSERT_FALSE(ana.cookie.empty());
  nlohmann::json decision = {{"component", component}, {"vulnerability", vuln}, {"state", "not_affected"},
                             {"justification", "code_not_reachable"}, {"detail", "the vulnerable function is unused"}};
  Resp triage = server.Call("PUT", "/api/v1/projects/harp/analyses", ana, decision.dump());
  ASSERT_EQ(triage.status, 200) << triage.body;
  EXPECT_EQ(triage.json["updated_by"], "ana");

  // Re-upload the same version: the decision is kept.
  ASSERT_EQ(server.Call("PUT", "/api/v1/projects/harp/versions/1.0/sbom", ci, Shelter("harp-darwin-amd64.sbom.json")).status, 201);
  ASSERT_TRUE(JobsIdle(server, admin));
  Resp after = WaitForFindings(server, ci, harp, harp_findings);
  bool kept = false;
  for (const auto& f : after.json["items"]) {
    if (f["vulnerability"] == vuln && f["analysis_component"] == component) {
      ASSERT_TRUE(f["analysis"].is_object()) << f.dump();
      EXPECT_EQ(f["analysis"]["state"], "not_affected");
      kept = true;
    }
  }
  EXPECT_TRUE(kept) << "the triaged finding is missing after re-upload";
  Resp docs = server.Call("GET", "/api/v1/projects/harp/versions/1.0/documents", ci);
  EXPECT_EQ(docs.json["total"], 2);

  // Export the version's VEX and import it into a second project holding the same SBOM.
  Resp vex = server.Call("GET", "/api/v1/projects/harp/versions/1.0/vex?format=cyclonedx", ci);
  ASSERT_EQ(vex.status, 200);
  ASSERT_TRUE(vex.json.is_object()) << vex.body.substr(0, 200);
  ASSERT_EQ(server.Call("POST", "/api/v1/projects", ci, R"({"name":"harp-fork","team":"platform"})").status, 201);
  ASSERT_EQ(server.Call("PUT", "/api/v1/projects/harp-fork/versions/7.0/sbom", ci,
                        Shelter("harp-darwin-amd64.sbom.json")).status, 201);
  ASSERT_EQ(WaitForFindings(server, ci, "/api/v1/projects/harp-fork/versions/7.0/findings").status, 200);
  Resp imported = server.Call("POST", "/api/v1/projects/harp-fork/vex?filename=harp.vex.json", ci, vex.body);
  ASSERT_EQ(imported.status, 200) << imported.body.substr(0, 500);
  EXPECT_FALSE(imported.json["applied"].empty());
  Resp fork = server.Call("GET", "/api/v1/projects/harp-fork/versions/7.0/findings?limit=1000", ci);
  bool carried = false;
  for (const auto& f : fork.json["items"]) {
    if (f["vulnerability"] == vuln && f["analysis_component"] == component && f["analysis"].is_object()) {
      EXPECT_EQ(f["analysis"]["state"], "not_affected");
      carried = true;
    }
  }
  EXPECT_TRUE(carried) << "the imported VEX did not reach the second project's finding";

  // The cross-portfolio views answer too.
  Resp used = server.Call("GET", "/api/v1/where-used?name=*", ci);
  EXPECT_EQ(used.status, 200);
  Resp affected = server.Call("GET", "/api/v1/vulnerabilities/" + vuln, ci);
  EXPECT_EQ(affected.status, 200);
  EXPECT_GE(affected.json["affected"]["total"].get<int>(), 2);
  Resp dash = server.Call("GET", "/api/v1/dashboard", ci);
  EXPECT_EQ(dash.status, 200);
  EXPECT_GE(dash.json["projects"].get<int>(), 4);
}

}  // namespace
}  // namespace sbomhub::apitest
