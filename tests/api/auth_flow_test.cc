// Authentication and request hygiene over HTTP: wrong passwords, revoked and malformed keys,
// missing CSRF tokens, expired and ended sessions are refused; cookies carry the right
// attributes; bodies over the limit and malformed uploads are refused without storing anything;
// static files get the strict headers.
#include <gtest/gtest.h>

#include <thread>

#include "api_test_support.h"

namespace sbomhub::apitest {
namespace {

using store::Role;

class AuthFlow : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(server_.Start().ok());
    ASSERT_TRUE(server_.AddUser("alice", "alice-password", Role::kAdmin).ok());
    ASSERT_TRUE(server_.AddUser("victor", "victor-password", Role::kViewer).ok());
  }
  TestServer server_;
};

TEST_F(AuthFlow, WrongPasswordAndUnknownUserAreRefusedAlike) {
  Resp wrong = server_.Call("POST", "/api/v1/session", {}, R"({"username":"alice","password":"not-her-password"})");
  Resp unknown = server_.Call("POST", "/api/v1/session", {}, R"({"username":"mallory","password":"whatever-pw"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.json["error"]["message"], unknown.json["error"]["message"]);
  EXPECT_EQ(wrong.Header("Set-Cookie"), "");
  EXPECT_EQ(server_.Call("POST", "/api/v1/session", {}, "{not json").status, 400);
}

TEST_F(AuthFlow, RepeatedWrongPasswordsLockTheNameBeforeThePasswordIsChecked) {
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(server_.Call("POST", "/api/v1/session", {}, R"({"username":"victor","password":"guess"})").status, 401);
  }
  Resp locked = server_.Call("POST", "/api/v1/session", {}, R"({"username":"victor","password":"guess"})");
  EXPECT_EQ(locked.status, 429) << locked.body;
  EXPECT_EQ(locked.json["error"]["code"], "too_many_attempts");
  EXPECT_FALSE(locked.Header("Retry-After").empty());
  // Even the right password waits out the lock: a locked name answers nothing about passwords.
  Resp right = server_.Call("POST", "/api/v1/session", {}, R"({"username":"victor","password":"victor-password"})");
  EXPECT_EQ(right.status, 429);
  EXPECT_EQ(right.Header("Set-Cookie"), "");
  // Other names from the same address are not locked by one name's failures.
  EXPECT_EQ(server_.Call("POST", "/api/v1/session", {}, R"({"username":"alice","password":"alice-password"})").status,
            200);
}

TEST_F(AuthFlow, SessionCookieIsHttpOnlyStrictAndNeedsCsrfForWrites) {
  Resp r = server_.Call("POST", "/api/v1/session", {}, R"({"username":"alice","password":"alice-password"})");
  ASSERT_EQ(r.status, 200) << r.body;
  std::string cookie = r.Header("Set-Cookie");
  EXPECT_NE(cookie.find("sbomhub_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_NE(cookie.find("Path=/"), std::string::npos);
  Auth a = server_.Login("alice", "alice-password");
  ASSERT_FALSE(a.cookie.empty());
  // Only the hash of the token is stored.
  EXPECT_FALSE(server_.store().GetSession(a.cookie).ok());
  EXPECT_TRUE(server_.store().GetSession(auth::TokenHash(a.cookie)).ok());

  Auth no_csrf = a;
  no_csrf.send_csrf = false;
  Resp missing = server_.Call("POST", "/api/v1/teams", no_csrf, R"({"name":"t1"})");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.json["error"]["code"], "csrf_required");
  Auth wrong = a;
  wrong.csrf = (a.csrf[0] == 'x' ? "y" : "x") + a.csrf.substr(1);  // never the real token
  EXPECT_EQ(server_.Call("POST", "/api/v1/teams", wrong, R"({"name":"t1"})").status, 403);
  EXPECT_EQ(server_.Call("POST", "/api/v1/teams", a, R"({"name":"t1"})").status, 201);
  // Reads need no CSRF token.
  EXPECT_EQ(server_.Call("GET", "/api/v1/teams", no_csrf).status, 200);
  EXPECT_FALSE(server_.store().ListTeams(store::Page{}).value().empty());
}

TEST_F(AuthFlow, SignOutEndsTheSession) {
  Auth a = server_.Login("victor", "victor-password");
  EXPECT_EQ(server_.Call("GET", "/api/v1/session", a).status, 200);
  EXPECT_EQ(server_.Call("DELETE", "/api/v1/session", a).status, 200);
  EXPECT_EQ(server_.Call("GET", "/api/v1/session", a).status, 401);
}

TEST_F(AuthFlow, RevokedAndMalformedKeysAreRefused) {
  Auth admin = server_.Login("alice", "alice-password");
  ASSERT_EQ(server_.Call("POST", "/api/v1/teams", admin, R"({"name":"ops"})").status, 201);
  Resp created = server_.Call("POST", "/api/v1/apikeys", admin, R"({"team":"ops","role":"viewer"})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string key = created.json["key"];
  EXPECT_EQ(key.rfind("sbh_", 0), 0u);
  Auth bearer{.bearer = key};
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects", bearer).status, 200);
  // Listing never shows the key.
  Resp list = server_.Call("GET", "/api/v1/apikeys", admin);
  EXPECT_EQ(list.body.find(key), std::string::npos);
  std::string id = std::to_string(created.json["id"].get<long long>());
  EXPECT_EQ(server_.Call("DELETE", "/api/v1/apikeys/" + id, admin).status, 200);
  Resp revoked = server_.Call("GET", "/api/v1/projects", bearer);
  EXPECT_EQ(revoked.status, 401);
  EXPECT_NE(revoked.json["error"]["message"].get<std::string>().find("revoked"), std::string::npos);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects", Auth{.bearer = "sbh_tooshort"}).status, 401);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects", Auth{.bearer = auth::NewApiKey()}).status, 401);
}

TEST_F(AuthFlow, PasswordChangeEndsSessionsAndSelfServiceNeedsTheCurrentPassword) {
  Auth v = server_.Login("victor", "victor-password");
  Resp no_current = server_.Call("PUT", "/api/v1/users/victor/password", v, R"({"password":"brand-new-password"})");
  EXPECT_EQ(no_current.status, 400);
  Resp bad_current = server_.Call("PUT", "/api/v1/users/victor/password", v,
                                  R"({"password":"brand-new-password","current_password":"nope-nope"})");
  EXPECT_EQ(bad_current.status, 403);
  EXPECT_EQ(server_.Call("PUT", "/api/v1/users/alice/password", v, R"({"password":"brand-new-password"})").status, 403);
  Resp ok = server_.Call("PUT", "/api/v1/users/victor/password", v,
                         R"({"password":"brand-new-password","current_password":"victor-password"})");
  EXPECT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(server_.Call("GET", "/api/v1/session", v).status, 401);
  EXPECT_TRUE(server_.Login("victor", "victor-password").cookie.empty());
  EXPECT_FALSE(server_.Login("victor", "brand-new-password").cookie.empty());
}

TEST(AuthExpiry, ExpiredSessionIsRefused) {
  TestServer server(false, std::chrono::seconds(1));
  ASSERT_TRUE(server.Start(false).ok());
  ASSERT_TRUE(server.AddUser("eve", "eve-password", Role::kViewer).ok());
  Auth a = server.Login("eve", "eve-password");
  ASSERT_FALSE(a.cookie.empty());
  EXPECT_EQ(server.Call("GET", "/api/v1/session", a).status, 200);
  std::this_thread::sleep_for(std::chrono::milliseconds(2200));
  Resp r = server.Call("GET", "/api/v1/session", a);
  EXPECT_EQ(r.status, 401) << r.body;
}

TEST_F(AuthFlow, OversizedBodyIs413AndMalformedUploadIs422WithNothingStored) {
  Auth admin = server_.Login("alice", "alice-password");
  ASSERT_EQ(server_.Call("POST", "/api/v1/teams", admin, R"({"name":"web"})").status, 201);
  ASSERT_EQ(server_.Call("POST", "/api/v1/projects", admin, R"({"name":"shop","team":"web"})").status, 201);
  std::string huge(5 << 20, ' ');  // the test server's limit is 4 MiB
  Resp big = server_.Call("PUT", "/api/v1/projects/shop/versions/1.0/sbom", admin, huge);
  EXPECT_EQ(big.status, 413);
  EXPECT_EQ(big.json["error"]["code"], "too_large") << big.body;

  Resp bad = server_.Call("PUT", "/api/v1/projects/shop/versions/1.0/sbom", admin, ReadFixture("bad-type.cdx.json"));
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.json["error"]["code"], "invalid_document");
  ASSERT_FALSE(bad.json["error"]["details"].empty());
  EXPECT_NE(bad.json["error"]["details"][0].get<std::string>().find("not-a-component-type"), std::string::npos)
      << bad.body;
  Resp garbage = server_.Call("PUT", "/api/v1/projects/shop/versions/1.0/sbom", admin, "{\"bomFormat\": \"CycloneDX\",");
  EXPECT_EQ(garbage.status, 422) << garbage.body;
  auto p = server_.store().GetProjectByName("shop");
  ASSERT_TRUE(p.ok());
  auto v = server_.store().GetVersionByName(p->id, "1.0");
  if (v.ok()) {
    EXPECT_TRUE(server_.store().ListDocuments(v->id).value().empty());
  }

  Resp good = server_.Call("PUT", "/api/v1/projects/shop/versions/1.0/sbom", admin, ReadFixture("shop.cdx.json"));
  EXPECT_EQ(good.status, 201) << good.body;
  EXPECT_EQ(good.json["components"], 2);  // the primary component is not counted
}

TEST_F(AuthFlow, ConcurrentUploadsOfOneVersionAreSerialized) {
  Auth admin = server_.Login("alice", "alice-password");
  ASSERT_EQ(server_.Call("POST", "/api/v1/teams", admin, R"({"name":"web"})").status, 201);
  ASSERT_EQ(server_.Call("POST", "/api/v1/projects", admin, R"({"name":"shop","team":"web"})").status, 201);
  std::string sbom = ReadFixture("shop.cdx.json");
  std::vector<std::thread> threads;
  std::vector<int> statuses(6, 0);
  for (int i = 0; i < 6; ++i) {
    threads.emplace_back([&, i] {
      statuses[i] = server_.Call("PUT", "/api/v1/projects/shop/versions/1.0/sbom", admin, sbom).status;
    });
  }
  for (auto& t : threads) t.join();
  for (int s : statuses) EXPECT_EQ(s, 201);
  Resp docs = server_.Call("GET", "/api/v1/projects/shop/versions/1.0/documents", admin);
  EXPECT_EQ(docs.json["total"], 6);
  int current = 0;
  for (const auto& d : docs.json["items"]) current += d["current"].get<bool>() ? 1 : 0;
  EXPECT_EQ(current, 1);
  Resp comps = server_.Call("GET", "/api/v1/projects/shop/versions/1.0/components", admin);
  EXPECT_EQ(comps.json["total"], 3);  // one document's components, not six
}

TEST_F(AuthFlow, ErrorsAreJsonAndUnknownRoutesAre404Or405) {
  Auth admin = server_.Login("alice", "alice-password");
  Resp none = server_.Call("GET", "/api/v1/nope", admin);
  EXPECT_EQ(none.status, 404);
  EXPECT_EQ(none.json["error"]["code"], "not_found");
  Resp method = server_.Call("DELETE", "/api/v1/projects", admin);
  EXPECT_EQ(method.status, 405);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects?limit=abc", admin).status, 400);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects?limit=0", admin).status, 400);
  // Url-encoded form bodies (what curl -d sends) are refused, small or large.
  Resp form = server_.Call("POST", "/api/v1/teams", admin, "name=x", "application/x-www-form-urlencoded");
  EXPECT_EQ(form.status, 415) << form.body;
  Resp big_form = server_.Call("PUT", "/api/v1/projects/none/versions/1/sbom", admin, std::string(20000, 'a'),
                               "application/x-www-form-urlencoded");
  EXPECT_EQ(big_form.status, 413);
  EXPECT_NE(big_form.body.find("octet-stream"), std::string::npos) << big_form.body;
  Resp page = server_.Call("GET", "/api/v1/teams?limit=1&offset=0", admin);
  EXPECT_EQ(page.json["limit"], 1);
}

TEST_F(AuthFlow, StaticFilesHaveStrictHeadersAndStayInsideTheWebDirectory) {
  std::filesystem::create_directories(server_.dir() / "web" / "assets");
  ASSERT_TRUE(WriteFile((server_.dir() / "web" / "index.html").string(), "<!doctype html><p>ui</p>").ok());
  ASSERT_TRUE(WriteFile((server_.dir() / "web" / "assets" / "app.js").string(), "export {};").ok());
  Resp index = server_.Call("GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.Header("Content-Security-Policy").rfind("default-src 'self'", 0), 0u);
  EXPECT_EQ(index.Header("X-Content-Type-Options"), "nosniff");
  Resp js = server_.Call("GET", "/assets/app.js");
  EXPECT_EQ(js.status, 200);
  EXPECT_EQ(js.Header("Content-Type").rfind("text/javascript", 0), 0u);
  EXPECT_EQ(server_.Call("GET", "/projects/shop").body, index.body);  // client-side route
  EXPECT_EQ(server_.Call("GET", "/assets/missing.js").status, 404);
  Resp escape = server_.Call("GET", "/../portfolio.db");
  EXPECT_NE(escape.status, 200);
  Resp escape2 = server_.Call("GET", "/assets/%2e%2e/%2e%2e/portfolio.db");
  EXPECT_NE(escape2.status, 200);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects").Header("X-Content-Type-Options"), "nosniff");
}

TEST(FirstAdmin, CreatedOnceWithAPasswordThatWorks) {
  TestServer server;
  ASSERT_TRUE(server.Start(false).ok());
  auto pw = api::EnsureFirstAdmin(server.store(), "", auth::HashCost::kMinimum);
  ASSERT_TRUE(pw.ok()) << pw.status().ToString();
  ASSERT_EQ(pw->size(), 20u);
  auto again = api::EnsureFirstAdmin(server.store(), "", auth::HashCost::kMinimum);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, "");
  auto admin = server.store().GetUserByName("admin");
  ASSERT_TRUE(admin.ok());
  EXPECT_EQ(admin->role, Role::kAdmin);
  EXPECT_FALSE(server.Login("admin", *pw).cookie.empty());
  // A password from the environment must pass the policy.
  TestServer other;
  ASSERT_TRUE(other.Start(false).ok());
  EXPECT_FALSE(api::EnsureFirstAdmin(other.store(), "short", auth::HashCost::kMinimum).ok());
}

// httplib would answer Brotli at quality 11 (seconds per large page) to every browser; the server
// withdraws the "br" offer so gzip is used instead.
TEST_F(AuthFlow, BrowsersOfferingBrotliGetGzip) {
  httplib::Client cli("127.0.0.1", server_.port());
  auto r = cli.Get("/api/openapi.json", {{"Accept-Encoding", "gzip, deflate, br, zstd"}});
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(r->get_header_value("Content-Encoding"), "gzip");
  EXPECT_TRUE(nlohmann::json::parse(r->body, nullptr, false).is_object());
  auto only_br = cli.Get("/api/openapi.json", {{"accept-encoding", "br;q=1.0"}});
  ASSERT_TRUE(only_br);
  EXPECT_EQ(only_br->get_header_value("Content-Encoding"), "");
  EXPECT_TRUE(nlohmann::json::parse(only_br->body, nullptr, false).is_object());
}

// {project} resolves as app::ResolveProject does everywhere: by name first, then by numeric id
// when no project has that name (the CLI and the API used to disagree on the order).
TEST_F(AuthFlow, ProjectPathResolvesByNameFirstThenId) {
  Auth admin = server_.Login("alice", "alice-password");
  auto team = server_.store().CreateTeam("test", "platform");
  ASSERT_TRUE(team.ok()) << team.status().ToString();
  auto shop = server_.store().CreateProject("test", "shop", team->id, store::Criticality::kHigh);
  ASSERT_TRUE(shop.ok()) << shop.status().ToString();
  // Only the store allows a name that looks like an id (the API refuses to create one).
  auto digits = server_.store().CreateProject("test", std::to_string(shop->id), team->id,
                                              store::Criticality::kLow);
  ASSERT_TRUE(digits.ok()) << digits.status().ToString();
  Resp by_name = server_.Call("GET", "/api/v1/projects/" + std::to_string(shop->id), admin);
  ASSERT_EQ(by_name.status, 200) << by_name.body;
  EXPECT_EQ(by_name.json["id"], digits->id);  // the name wins over shop's id
  Resp by_id = server_.Call("GET", "/api/v1/projects/" + std::to_string(digits->id), admin);
  ASSERT_EQ(by_id.status, 200) << by_id.body;
  EXPECT_EQ(by_id.json["id"], digits->id);  // no project has that name: the id
  Resp shop_by_name = server_.Call("GET", "/api/v1/projects/shop", admin);
  EXPECT_EQ(shop_by_name.json["id"], shop->id);
  EXPECT_EQ(server_.Call("GET", "/api/v1/projects/+" + std::to_string(shop->id), admin).status, 404);
}

}  // namespace
}  // namespace sbomhub::apitest

