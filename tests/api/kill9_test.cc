// kill -9 in the middle of an ingest: `sbomhub serve` runs as a child process; a large upload is
// SIGKILLed half-way through its ingest; after a restart every previously committed document is
// intact (bytes and SHA-256), the interrupted version holds either nothing or the complete
// document (never a partial one), and the server keeps working.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <thread>

#include "api_test_support.h"
#include "base/sha256.h"

namespace sbomhub::apitest {
namespace {

// A CycloneDX 1.5 document with `n` library components (distinct npm purls) and their edges.
std::string BigSbom(int n) {
  std::string s = R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"metadata":{"component":)"
                  R"({"type":"application","bom-ref":"root","name":"big","version":"1"}},"components":[)";
  for (int i = 0; i < n; ++i) {
    if (i) s += ',';
    std::string name = "pkg-" + std::to_string(i);
    s += R"({"type":"library","bom-ref":")" + name + R"(","name":")" + name + R"(","version":"1.0.)" +
         std::to_string(i % 97) + R"(","purl":"pkg:npm/)" + name + "@1.0." + std::to_string(i % 97) + R"("})";
  }
  s += R"(],"dependencies":[{"ref":"root","dependsOn":[)";
  for (int i = 0; i < n; ++i) s += (i ? ",\"" : "\"") + std::string("pkg-") + std::to_string(i) + "\"";
  s += "]}]}";
  return s;
}

class ChildServer {
 public:
  explicit ChildServer(std::string data) : data_(std::move(data)) {}
  ~ChildServer() { Kill(); }

  // Starts `sbomhub serve` on a free port and waits until /healthz answers.
  bool Start() {
    int fds[2];
    if (pipe(fds) != 0) return false;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(fds[1], STDOUT_FILENO);
      close(fds[0]);
      setenv("SBOMHUB_ADMIN_PASSWORD", "kill-nine-admin", 1);
      std::string bin = testing::BuildDir() + "/sbomhub";
      execl(bin.c_str(), bin.c_str(), "--data", data_.c_str(), "serve", "--listen", "127.0.0.1:0", "--no-worker",
            "--threads", "4", static_cast<char*>(nullptr));
      _exit(127);
    }
    close(fds[1]);
    FILE* out = fdopen(fds[0], "r");
    char line[1024] = {0};
    bool got = fgets(line, sizeof line, out) != nullptr;
    fclose(out);
    if (!got) return false;
    // "sbomhub: serving http://127.0.0.1:PORT/ (...)"
    std::string l(line);
    auto colon = l.find(':', l.find("127.0.0.1"));
    if (colon == std::string::npos) return false;
    port_ = std::atoi(l.c_str() + colon + 1);
    httplib::Client c("127.0.0.1", port_);
    for (int i = 0; i < 100; ++i) {
      if (auto r = c.Get("/healthz"); r && r->status == 200) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }

  void Kill() {
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      int status = 0;
      waitpid(pid_, &status, 0);
      pid_ = -1;
    }
  }
  int port() const { return port_; }

 private:
  std::string data_;
  pid_t pid_ = -1;
  int port_ = 0;
};

struct Client {
  int port;
  std::string cookie, csrf;
  httplib::Result Send(const std::string& method, const std::string& path, const std::string& body = "") {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(300, 0);
    c.set_write_timeout(300, 0);
    httplib::Headers h = {{"Cookie", "sbomhub_session=" + cookie}, {"X-CSRF-Token", csrf}};
    if (method == "PUT") return c.Put(path, h, body, "application/json");
    if (method == "POST") return c.Post(path, h, body, "application/json");
    return c.Get(path, h);
  }
  bool Login() {
    httplib::Client c("127.0.0.1", port);
    auto r = c.Post("/api/v1/session", R"({"username":"admin","password":"kill-nine-admin"})", "application/json");
    if (!r || r->status != 200) return false;
    std::string sc = r->get_header_value("Set-Cookie");
    cookie = sc.substr(sc.find('=') + 1, sc.find(';') - sc.find('=') - 1);
    csrf = nlohmann::json::parse(r->body)["csrf_token"];
    return true;
  }
};

TEST(KillNine, MidIngestKillLosesNothingCommittedAndLeavesNoPartialDocument) {
  std::string data = (std::filesystem::temp_directory_path() / ("sbomhub_kill9_" + std::to_string(::getpid()))).string();
  std::filesystem::remove_all(data);
  std::filesystem::create_directories(data);
  std::string small = ReadFixture("shop.cdx.json");
  std::string big = BigSbom(60000);
  ASSERT_FALSE(small.empty());

  ChildServer server(data);
  ASSERT_TRUE(server.Start());
  Client c{server.port()};
  ASSERT_TRUE(c.Login());
  ASSERT_EQ(c.Send("POST", "/api/v1/teams", R"({"name":"t"})")->status, 201);
  ASSERT_EQ(c.Send("POST", "/api/v1/projects", R"({"name":"p","team":"t"})")->status, 201);
  ASSERT_EQ(c.Send("PUT", "/api/v1/projects/p/versions/1.0/sbom", small)->status, 201);
  // How long a whole big ingest takes here, so the kill lands in the middle of the next one.
  auto t0 = std::chrono::steady_clock::now();
  auto warm = c.Send("PUT", "/api/v1/projects/p/versions/warm/sbom", big);
  auto full = std::chrono::steady_clock::now() - t0;
  ASSERT_TRUE(warm && warm->status == 201) << (warm ? warm->body : "no answer");
  std::printf("a 60,000-component ingest took %.2f s\n", std::chrono::duration<double>(full).count());

  std::thread upload([&] { (void)c.Send("PUT", "/api/v1/projects/p/versions/2.0/sbom", big); });
  std::this_thread::sleep_for(full / 2);
  server.Kill();
  upload.join();

  // Restart on the same data directory.
  ChildServer again(data);
  ASSERT_TRUE(again.Start());
  Client d{again.port()};
  ASSERT_TRUE(d.Login());
  auto committed = d.Send("GET", "/api/v1/projects/p/versions/1.0/sbom");
  ASSERT_TRUE(committed);
  EXPECT_EQ(committed->status, 200);
  EXPECT_EQ(committed->body, small);
  EXPECT_EQ(committed->get_header_value("X-SBOM-SHA256"), Sha256Hex(small));
  auto warm_again = d.Send("GET", "/api/v1/projects/p/versions/warm/components?limit=1");
  ASSERT_TRUE(warm_again);
  EXPECT_EQ(warm_again->status, 200);

  // The interrupted version: no document, or the whole one with every component.
  auto docs = d.Send("GET", "/api/v1/projects/p/versions/2.0/documents");
  ASSERT_TRUE(docs);
  if (docs->status == 200) {
    auto j = nlohmann::json::parse(docs->body);
    if (j["total"] == 1) {
      auto bytes = d.Send("GET", "/api/v1/projects/p/versions/2.0/sbom");
      EXPECT_EQ(bytes->body.size(), big.size());
      auto last = d.Send("GET", "/api/v1/projects/p/versions/2.0/components?limit=1&offset=60000");
      auto lj = nlohmann::json::parse(last->body);
      EXPECT_EQ(lj["items"].size(), 1u) << "the interrupted document is partial";
      std::printf("the kill landed after the commit\n");
    } else {
      EXPECT_EQ(j["total"], 0);
      std::printf("the kill landed before the commit: nothing stored\n");
    }
  } else {
    EXPECT_EQ(docs->status, 404);  // the version itself was never created
    std::printf("the kill landed before the version existed\n");
  }
  // The server still takes uploads for that version.
  auto retry = d.Send("PUT", "/api/v1/projects/p/versions/2.0/sbom", small);
  ASSERT_TRUE(retry);
  EXPECT_EQ(retry->status, 201);
  again.Kill();
  std::filesystem::remove_all(data);
}

}  // namespace
}  // namespace sbomhub::apitest
