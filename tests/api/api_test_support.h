// An in-process sbomhub server on an ephemeral loopback port over a real SQLite file, plus a small
// HTTP client, for the API tests. Each TestServer has its own temporary directory (portfolio.db,
// vuln.db built from tests/api/testdata/feeds), removed on destruction.
#pragma once

#include <httplib.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "api/server.h"
#include "app/portfolio.h"
#include "app/vuln_import.h"
#include "auth/auth.h"
#include "base/file.h"
#include "store/store.h"
#include "support/test_support.h"

namespace sbomhub::apitest {

struct Auth {
  std::string cookie;  // session token
  std::string csrf;
  std::string bearer;  // API key
  bool send_csrf = true;
};

struct Resp {
  int status = 0;
  std::string body;
  nlohmann::json json;  // discarded when the body is not JSON
  httplib::Headers headers;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

inline std::string ReadFixture(const std::string& name) {
  auto bytes = ReadFile(testing::Fixture("api", name), 64 << 20);
  return bytes.ok() ? *bytes : std::string();
}

class TestServer {
 public:
  explicit TestServer(bool run_worker = false, std::chrono::seconds session_ttl = std::chrono::seconds(3600)) {
    static std::atomic<int> counter{0};
    dir_ = std::filesystem::temp_directory_path() /
           ("sbomhub_api_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    location_ = (dir_ / "portfolio.db").string();
    vuln_db_ = (dir_ / "vuln.db").string();
    options_.host = "127.0.0.1";
    options_.port = 0;
    options_.open_store = [loc = location_]() { return store::OpenStore(loc); };
    options_.vuln_db_path = vuln_db_;
    options_.web_dir = (dir_ / "web").string();
    options_.hash_cost = auth::HashCost::kMinimum;
    options_.threads = 4;
    options_.run_worker = run_worker;
    options_.worker_poll = std::chrono::seconds(1);
    options_.session_ttl = session_ttl;
    options_.max_upload_bytes = 4 << 20;
  }
  ~TestServer() {
    if (server_) server_->Stop();
    server_.reset();
    store_.reset();
    db_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }

  api::ServerOptions& options() { return options_; }
  const std::filesystem::path& dir() const { return dir_; }

  // Builds the vulnerability DB from `feeds` (default tests/api/testdata/feeds) and starts the server.
  Status Start(bool with_vuln_db = true, std::vector<std::string> feeds = {}) {
    if (with_vuln_db) {
      if (feeds.empty()) feeds.push_back(testing::Fixture("api", "feeds"));
      SBOMHUB_ASSIGN_OR_RETURN(db_, vulndb::VulnDb::Open(vuln_db_));
      app::ImportReport report;
      SBOMHUB_RETURN_IF_ERROR(app::ImportFeeds(*db_, feeds, report));
    }
    SBOMHUB_ASSIGN_OR_RETURN(store_, store::OpenStore(location_));
    SBOMHUB_ASSIGN_OR_RETURN(server_, api::Server::Create(options_));
    SBOMHUB_RETURN_IF_ERROR(server_->Start());
    return Status::Ok();
  }

  // The test's own connection to the same SQLite file (setup and checks).
  store::Store& store() { return *store_; }
  vulndb::VulnDb& vulndb() { return *db_; }
  int port() const { return server_->port(); }

  Result<store::User> AddUser(const std::string& name, const std::string& password, store::Role role) {
    SBOMHUB_ASSIGN_OR_RETURN(std::string hash, auth::HashPassword(password, auth::HashCost::kMinimum));
    return store_->CreateUser("test", name, hash, role);
  }

  // Runs every queued analysis job now (the matrix test runs without the background worker).
  Status DrainJobs() {
    app::AnalysisWorker worker(*store_, *db_, "test");
    return worker.Drain().status();
  }

  Resp Call(const std::string& method, const std::string& path, const Auth& auth = {},
            const std::string& body = "", const std::string& content_type = "application/json") {
    httplib::Client cli("127.0.0.1", port());
    cli.set_read_timeout(60, 0);
    httplib::Headers h;
    if (!auth.bearer.empty()) h.emplace("Authorization", "Bearer " + auth.bearer);
    if (!auth.cookie.empty()) h.emplace("Cookie", "sbomhub_session=" + auth.cookie);
    if (!auth.csrf.empty() && auth.send_csrf) h.emplace("X-CSRF-Token", auth.csrf);
    httplib::Result r(nullptr, httplib::Error::Unknown);
    if (method == "GET") r = cli.Get(path, h);
    else if (method == "POST") r = cli.Post(path, h, body, content_type);
    else if (method == "PUT") r = cli.Put(path, h, body, content_type);
    else if (method == "PATCH") r = cli.Patch(path, h, body, content_type);
    else if (method == "DELETE") r = cli.Delete(path, h, body, content_type);
    Resp out;
    if (!r) {
      out.status = -1;
      out.body = httplib::to_string(r.error());
      return out;
    }
    out.status = r->status;
    out.body = r->body;
    out.headers = r->headers;
    out.json = nlohmann::json::parse(out.body, nullptr, false);
    return out;
  }

  // Signs in through the API; status != 200 leaves the token empty.
  Auth Login(const std::string& user, const std::string& password) {
    nlohmann::json body = {{"username", user}, {"password", password}};
    Resp r = Call("POST", "/api/v1/session", {}, body.dump());
    Auth a;
    if (r.status != 200) return a;
    std::string cookie = r.Header("Set-Cookie");
    auto eq = cookie.find('=');
    auto semi = cookie.find(';');
    a.cookie = cookie.substr(eq + 1, semi - eq - 1);
    a.csrf = r.json.value("csrf_token", "");
    return a;
  }

 private:
  std::filesystem::path dir_;
  std::string location_;
  std::string vuln_db_;
  api::ServerOptions options_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<vulndb::VulnDb> db_;
  std::unique_ptr<api::Server> server_;
};

}  // namespace sbomhub::apitest
