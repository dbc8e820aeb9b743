// PutSbom throughput on a real ~3,500-component SPDX document (istio-release.spdx from
// bom-shelter), on SQLite and, when SBOMHUB_TEST_POSTGRES_URL is set, PostgreSQL. Prints
// components/s; asserts only correctness (everything stored), never timing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <pqxx/pqxx>

#include "base/file.h"
#include "formats/registry.h"
#include "store/store.h"
#include "support/test_support.h"

namespace sbomhub::store {
namespace {

constexpr const char* kDocument = "bom-shelter/in-the-wild/spdx/istio-release.spdx";

void Measure(const std::string& location, const std::string& label) {
  std::string path = testing::SharedData(kDocument);
  auto bytes = ReadFile(path);
  ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
  auto decoded = formats::DecodeSbomFile(path, kDefaultMaxInputBytes);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  const model::Sbom& sbom = decoded->sbom;

  auto store = OpenStore(location);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto team = (*store)->CreateTeam("bench", "bench");
  ASSERT_TRUE(team.ok());
  auto project = (*store)->CreateProject("bench", "istio", team->id, Criticality::kHigh);
  ASSERT_TRUE(project.ok());

  constexpr int kRounds = 3;
  std::size_t rows = 0;
  double best = 0;
  for (int round = 0; round < kRounds; ++round) {
    auto version = (*store)->CreateVersion("bench", project->id, "1." + std::to_string(round));
    ASSERT_TRUE(version.ok());
    auto start = std::chrono::steady_clock::now();
    auto doc = (*store)->PutSbom("bench", version->id, *bytes, sbom);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    ASSERT_TRUE(doc.ok()) << doc.status().ToString();
    auto stored = (*store)->ComponentsOf(version->id, {Page::kMaxLimit, 0});
    ASSERT_TRUE(stored.ok());
    rows = stored->size();
    ASSERT_EQ(rows, model::CountAllComponents(sbom));
    best = std::max(best, static_cast<double>(rows) / secs);
    std::printf("%s: round %d: %zu components, %zu edges in %.3f s = %.0f components/s\n",
                label.c_str(), round + 1, rows, sbom.dependencies.size(), secs,
                static_cast<double>(rows) / secs);
  }
  std::printf("%s: best %.0f components/s (%s, %zu bytes)\n", label.c_str(), best, kDocument,
              bytes->size());
}

TEST(StorePutSbomRate, Sqlite) {
  auto dir =
      std::filesystem::temp_directory_path() / ("sbomhub_store_rate_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  Measure((dir / "portfolio.db").string(), "sqlite");
  std::filesystem::remove_all(dir);
}

TEST(StorePutSbomRate, Postgres) {
  const char* url = std::getenv("SBOMHUB_TEST_POSTGRES_URL");
  if (url == nullptr || *url == '\0') GTEST_SKIP() << "SBOMHUB_TEST_POSTGRES_URL not set";
  std::string db = "sbomhub_rate_" + std::to_string(::getpid());
  std::string base = url;
  auto slash = base.find('/', base.find("://") + 3);
  auto query = base.find('?');
  std::string target =
      base.substr(0, slash) + "/" + db + (query == std::string::npos ? "" : base.substr(query));
  try {
    pqxx::connection admin(base);
    pqxx::nontransaction n(admin);
    n.exec("CREATE DATABASE " + n.quote_name(db));
  } catch (const std::exception& e) {
    FAIL() << e.what();
  }
  Measure(target, "postgres");
  try {
    pqxx::connection admin(base);
    pqxx::nontransaction n(admin);
    n.exec("DROP DATABASE IF EXISTS " + n.quote_name(db) + " WITH (FORCE)");
  } catch (const std::exception& e) {
    ADD_FAILURE() << e.what();
  }
}

}  // namespace
}  // namespace sbomhub::store
