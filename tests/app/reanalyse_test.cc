// ReanalyseIfDbChanged narrowed by the vulnerability DB's change log: a real SQLite store, a
// vulnerability DB built from the fixture feeds (tests/app/testdata), no mocks.
//   shop 1.0: log4j-core 2.14.1 (finding CVE-2021-44228), commons-text 1.9
//   shop 1.1: log4j-core 2.17.1 (fixed: no finding, but the package has advisories)
//   tool 3.0: zlib only
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "app/portfolio.h"
#include "app/vuln_import.h"
#include "base/file.h"
#include "support/test_support.h"

namespace sbomhub::app {
namespace {

using store::Criticality;

class Reanalyse : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("sbomhub-reanalyse-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    store_ = store::OpenStore((dir_ / "portfolio.db").string()).value();
    OpenVulnDb("vuln.db");
    Import(testing::Fixture("app", "feeds"));
    auto team = store_->CreateTeam("admin", "platform").value();
    auto shop = store_->CreateProject("admin", "shop", team.id, Criticality::kHigh).value();
    auto tool = store_->CreateProject("admin", "tool", team.id, Criticality::kLow).value();
    shop10_ = Ingest(shop, "1.0", "diff", "shop-1.0.cdx.json");
    shop11_ = Ingest(shop, "1.1", "diff", "shop-1.1.cdx.json");
    tool_ = Ingest(tool, "3.0", "app", "zlib-only.cdx.json");
    AnalysisWorker worker(*store_, *db_, "w");
    ASSERT_EQ(worker.Drain().value(), 3u);
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void OpenVulnDb(const std::string& name) {
    db_.reset();
    db_ = vulndb::VulnDb::Open((dir_ / name).string()).value();
  }
  void Import(const std::string& path) {
    ImportReport report;
    Status s = ImportFeeds(*db_, {path}, report);
    ASSERT_TRUE(s.ok()) << s.ToString();
  }
  // A feed file written for one test.
  std::string Feed(const std::string& name, const std::string& text) {
    std::filesystem::path p = dir_ / "feeds" / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p) << text;
    return p.string();
  }
  store::Id Ingest(const store::Project& p, const std::string& version, const std::string& module,
                   const std::string& fixture) {
    Diagnostics diags;
    auto bytes = ReadFile(testing::Fixture(module, fixture), 1 << 20).value();
    auto r = IngestSbom(*store_, "ci", p.id, version, bytes, fixture, diags);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->version.id : 0;
  }
  std::vector<store::Id> Run() {
    auto report = ReanalyseIfDbChanged(*store_, *db_, "db-watch");
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    if (!report.ok()) return {};
    AnalysisWorker worker(*store_, *db_, "w");
    EXPECT_TRUE(worker.Drain().ok());
    auto queued = report->enqueued;
    std::sort(queued.begin(), queued.end());
    return queued;
  }
  std::vector<store::Id> Sorted(std::vector<store::Id> ids) {
    std::sort(ids.begin(), ids.end());
    return ids;
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<vulndb::VulnDb> db_;
  store::Id shop10_ = 0, shop11_ = 0, tool_ = 0;
};

constexpr const char* kCommonsTextAdvisory = R"({
  "id": "GHSA-599f-7c49-w659", "modified": "2024-04-01T00:00:00Z", "aliases": ["CVE-2022-42889"],
  "affected": [{"package": {"ecosystem": "Maven", "name": "org.apache.commons:commons-text"},
                "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "1.5"}, {"fixed": "1.10.0"}]}]}]
})";

std::string KevCatalog(const std::string& cve, const std::string& due) {
  return R"({"title": "CISA Catalog of Known Exploited Vulnerabilities", "catalogVersion": "2024.01.01",
    "dateReleased": "2024-01-01T00:00:00.0000Z", "count": 1, "vulnerabilities": [{"cveID": ")" +
         cve + R"(", "vendorProject": "Apache", "product": "Commons Text", "vulnerabilityName": "Text4Shell",
    "dateAdded": "2024-01-01", "shortDescription": "x", "requiredAction": "x", "dueDate": ")" +
         due + R"(", "knownRansomwareCampaignUse": "Unknown", "notes": ""}]})";
}

TEST_F(Reanalyse, FirstLookAtADatabaseFallsBackToEveryVersionTouchingAnyAdvisory) {
  EXPECT_EQ(Run(), Sorted({shop10_, shop11_}));
  // Nothing changed since: nothing queued.
  EXPECT_TRUE(Run().empty());
}

TEST_F(Reanalyse, ChangedAdvisoryRequeuesOnlyVersionsWithItsPackage) {
  Run();
  // commons-text is only in shop 1.0; log4j-core (shop 1.1 too) did not change.
  Import(Feed("GHSA-599f-7c49-w659.json", kCommonsTextAdvisory));
  EXPECT_EQ(Run(), std::vector<store::Id>{shop10_});
  auto findings = store_->FindingsOf(shop10_, false, {}).value();
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].vulnerability_id, "CVE-2022-42889");
  // The same file again changes nothing.
  Import(Feed("GHSA-599f-7c49-w659.json", kCommonsTextAdvisory));
  EXPECT_TRUE(Run().empty());
}

TEST_F(Reanalyse, KevAdditionRequeuesOnlyVersionsWithAFindingOnThatCve) {
  Import(Feed("GHSA-599f-7c49-w659.json", kCommonsTextAdvisory));
  Run();
  // KEV now lists CVE-2022-42889: only shop 1.0 has a finding on it. (A full re-analysis would
  // also queue shop 1.1, whose log4j-core has advisories.)
  Import(Feed("kev.json", KevCatalog("CVE-2022-42889", "2024-01-21")));
  EXPECT_EQ(Run(), std::vector<store::Id>{shop10_});
  // A KEV entry for a CVE no version has a finding on queues nothing.
  Import(Feed("kev.json", KevCatalog("CVE-2023-99999", "2024-01-21")));
  EXPECT_TRUE(Run().empty());
}

TEST_F(Reanalyse, RebuiltDatabaseFallsBackToFull) {
  Run();
  // A new database file (same content) has a new identity: its log cannot speak for the old one.
  OpenVulnDb("rebuilt.db");
  Import(testing::Fixture("app", "feeds"));
  EXPECT_EQ(Run(), Sorted({shop10_, shop11_}));
}

TEST_F(Reanalyse, StateFromBeforeTheChangeLogFallsBackToFull) {
  ASSERT_TRUE(store_->SetVulnDbState("admin", "0123456789abcdef").ok());
  EXPECT_EQ(Run(), Sorted({shop10_, shop11_}));
  // A position the log does not have (a later sequence of this database) falls back too.
  auto pos = db_->CurrentChangePosition().value();
  ASSERT_TRUE(store_->SetVulnDbState("admin", "changelog:1:" + pos.id + ":" + std::to_string(pos.seq + 5)).ok());
  EXPECT_EQ(Run(), Sorted({shop10_, shop11_}));
}

}  // namespace
}  // namespace sbomhub::app
