// ImportFeeds over the real feeds in ../shared/data: every folder is recognised by content, the
// counts match what the files hold, a second import changes nothing, and an interrupted import
// keeps exactly its committed batches.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "app/vuln_import.h"
#include "sqlite/sqlite.h"
#include "support/test_support.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::app {
namespace {

namespace fs = std::filesystem;

class VulnImportSharedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sbomhub-vulnimport-" + std::to_string(::getpid()) + "-" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(dir_);
    auto db = vulndb::VulnDb::Open((dir_ / "vuln.db").string());
    ASSERT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
  }
  void TearDown() override {
    db_.reset();
    fs::remove_all(dir_);
  }

  ImportReport Import(const std::vector<std::string>& relative, std::size_t batch_size = 2000) {
    std::vector<std::string> paths;
    for (const auto& r : relative) paths.push_back(testing::SharedData(r));
    ImportReport report;
    Status s = ImportFeeds(*db_, paths, report, {}, batch_size);
    EXPECT_TRUE(s.ok()) << s.message();
    return report;
  }

  // One number from the database file, read with a separate connection.
  std::int64_t Count(const std::string& sql) {
    auto conn = sqlite::Database::Open((dir_ / "vuln.db").string(), sqlite::Database::Mode::kReadOnly);
    EXPECT_TRUE(conn.ok());
    if (!conn.ok()) return -1;
    auto q = (*conn)->Prepare(sql);
    EXPECT_TRUE(q.ok()) << sql;
    if (!q.ok()) return -1;
    auto row = q->Step();
    return row.ok() && *row ? q->ColumnInt(0) : -1;
  }

  // Regular files under `relative` whose name matches `pattern`.
  static std::size_t CountFiles(const std::string& relative, const std::string& pattern) {
    std::regex re(pattern);
    std::size_t n = 0;
    for (const auto& e : fs::recursive_directory_iterator(testing::SharedData(relative))) {
      if (e.is_regular_file() && std::regex_match(e.path().filename().string(), re)) ++n;
    }
    return n;
  }
  static std::size_t CountAllFiles(const std::string& relative) { return CountFiles(relative, ".*"); }

  // An import into a new file runs with a rollback journal (VulnDb::BeginBulkLoad) and must
  // leave the file in WAL mode (header byte 18 = 2) with no journal behind.
  void ExpectWalAndNoJournal() {
    std::ifstream in(dir_ / "vuln.db", std::ios::binary);
    char header[20] = {};
    in.read(header, sizeof header);
    EXPECT_EQ(header[18], 2);
    EXPECT_FALSE(fs::exists(dir_ / "vuln.db-journal"));
  }

  fs::path dir_;
  std::unique_ptr<vulndb::VulnDb> db_;
};

std::size_t Stored(const FeedReport& f) {
  return f.counts.inserted + f.counts.updated + f.counts.unchanged + f.counts.older;
}

TEST_F(VulnImportSharedTest, OsvFoldersJsonAndYaml) {
  ImportReport r = Import({"osv-golang-vulndb", "osv-pypa", "osv-rustsec"});
  std::size_t go = CountFiles("osv-golang-vulndb", R"(GO-\d+-\d+\.json)");
  std::size_t pypa = CountFiles("osv-pypa/vulns", R"(.*\.yaml)");  // not triage/false_positives.yaml
  std::size_t rust = CountFiles("osv-rustsec", R"(RUSTSEC-\d+-\d+\.json)");
  ASSERT_EQ(go, 4291u);  // the MANIFEST's figures: a changed copy must fail loudly
  ASSERT_EQ(pypa, 2661u);
  ASSERT_EQ(rust, 1206u);
  const FeedReport& osv = r.feeds["osv"];
  EXPECT_EQ(osv.stats.files, go + pypa + rust);
  EXPECT_EQ(osv.stats.records, go + pypa + rust);
  EXPECT_EQ(osv.stats.skipped, 0u);
  EXPECT_EQ(osv.stats.withdrawn, 17u + 10u + 13u);
  EXPECT_EQ(osv.counts.inserted, go + pypa + rust);
  EXPECT_EQ(r.feeds.size(), 1u);
  // READMEs and license texts are listed, not dropped silently.
  EXPECT_EQ(r.unrecognised_files, CountAllFiles("osv-golang-vulndb") + CountAllFiles("osv-pypa") +
                                      CountAllFiles("osv-rustsec") - (go + pypa + rust));
  EXPECT_EQ(Count("SELECT count(*) FROM advisory WHERE source='osv'"), static_cast<std::int64_t>(go + pypa + rust));
  EXPECT_EQ(Count("SELECT count(*) FROM advisory WHERE withdrawn=1"), 40);
}

TEST_F(VulnImportSharedTest, NvdApi20AndLegacy11) {
  ImportReport r = Import({"nvd-json-samples"});
  const FeedReport& nvd = r.feeds["nvd"];
  // Counted independently (python3 json.load): 48 NVD_CVE pages / 1.1 feeds holding 4,119
  // vulnerabilities; the NVD_CPE, NVD_CPEMatchString and NVD_CVEHistory pages are not advisories.
  EXPECT_EQ(nvd.stats.files, 48u);
  EXPECT_EQ(nvd.stats.records, 4119u);
  EXPECT_EQ(nvd.stats.skipped, 0u);
  EXPECT_EQ(Stored(nvd), 4119u);
  // The same CVE recurs across the 1.1 snapshots and the paging fixtures: one row per CVE.
  EXPECT_EQ(Count("SELECT count(*) FROM advisory WHERE source='nvd'"), static_cast<std::int64_t>(nvd.counts.inserted));
  EXPECT_GT(Count("SELECT count(DISTINCT vendor || ':' || product) FROM cpe_index"), 100);
  // osv.dev's combine-to-osv fixtures are OSV records that live in the NVD folder.
  EXPECT_EQ(r.feeds["osv"].stats.records, 2u);
  EXPECT_EQ(r.unrecognised_files, CountAllFiles("nvd-json-samples") - 48u - 2u);
  bool cpe_listed = false;
  for (const auto& u : r.unrecognised) cpe_listed |= u.find("/cpe/testdata/fixtures/1_item/0-1.json") != std::string::npos;
  EXPECT_TRUE(cpe_listed);
}

TEST_F(VulnImportSharedTest, Cve5Records) {
  ImportReport r = Import({"cve5-cisa-vulnrichment"});
  std::size_t files = CountFiles("cve5-cisa-vulnrichment", R"(CVE-\d+-\d+\.json)");
  ASSERT_EQ(files, 1500u);
  EXPECT_EQ(r.feeds["cve5"].stats.records, files);
  EXPECT_EQ(r.feeds["cve5"].counts.inserted, files);
  EXPECT_EQ(r.unrecognised_files, 2u);  // README.md, LICENSE
  EXPECT_EQ(Count("SELECT count(*) FROM advisory WHERE source='cve5'"), 1500);
  EXPECT_GT(Count("SELECT count(*) FROM cpe_index"), 0);
}

TEST_F(VulnImportSharedTest, CsafVendorAdvisoriesAndVex) {
  ImportReport r = Import({"csaf-vendor-samples"});
  const FeedReport& csaf = r.feeds["csaf"];
  // 12 Red Hat documents with 19 vulnerabilities between them (python3 json.load count).
  EXPECT_EQ(csaf.stats.files, 12u);
  EXPECT_EQ(csaf.stats.records, 19u);
  EXPECT_EQ(Stored(csaf), 19u);
  EXPECT_EQ(r.unrecognised_files, CountAllFiles("csaf-vendor-samples") - 12u);  // changes.csv, …
}

TEST_F(VulnImportSharedTest, LegacyNpmAdvisories) {
  ImportReport r = Import({"npm-advisories-nodejs-security-wg"});
  std::size_t npm = CountFiles("npm-advisories-nodejs-security-wg/vuln/npm", R"(\d+\.json)");
  ASSERT_EQ(npm, 467u);
  EXPECT_EQ(r.feeds["npm"].stats.records, npm);
  EXPECT_EQ(r.feeds["npm"].counts.inserted, npm);
  // index.json (a map of every record), the Node.js core/deps advisories (not npm packages),
  // README and LICENSE.
  EXPECT_EQ(r.unrecognised_files, CountAllFiles("npm-advisories-nodejs-security-wg") - npm);
  EXPECT_EQ(r.feeds.size(), 1u);
}

TEST_F(VulnImportSharedTest, KevJsonAndCsvAreOneCatalog) {
  ImportReport r = Import({"cisa-kev"});
  const FeedReport& kev = r.feeds["kev"];
  EXPECT_EQ(kev.stats.files, 2u);
  EXPECT_EQ(kev.stats.records, 2u * 1404u);
  EXPECT_EQ(kev.counts.inserted, 1404u);  // the second serialization finds every row present
  EXPECT_EQ(kev.counts.inserted + kev.counts.updated + kev.counts.unchanged, 2u * 1404u);
  EXPECT_EQ(Count("SELECT count(*) FROM kev"), 1404);
  EXPECT_EQ(r.unrecognised_files, 3u);  // schema, README, LICENSE
}

TEST_F(VulnImportSharedTest, EpssPerYearSplit) {
  ImportReport r = Import({"epss-emba"});
  const FeedReport& epss = r.feeds["epss"];
  // 360,142 non-blank lines in 28 files, one CVE each (wc -l and a python3 set of the ids).
  EXPECT_EQ(epss.stats.files, 28u);
  EXPECT_EQ(epss.stats.records + epss.stats.skipped, 360142u);
  EXPECT_EQ(epss.counts.inserted, epss.stats.records);
  EXPECT_EQ(Count("SELECT count(*) FROM epss"), static_cast<std::int64_t>(epss.stats.records));
  auto log4shell = db_->Epss("CVE-2021-44228");
  ASSERT_TRUE(log4shell.ok());
  ASSERT_TRUE(log4shell->has_value());
  EXPECT_GT((*log4shell)->score, 0.9);
}

TEST_F(VulnImportSharedTest, SecondImportIsAllUnchanged) {
  std::vector<std::string> paths = {"osv-rustsec", "osv-pypa", "cve5-cisa-vulnrichment", "nvd-json-samples"};
  ImportReport first = Import(paths);
  std::int64_t rows = Count("SELECT count(*) FROM advisory");
  std::int64_t index_rows = Count("SELECT (SELECT count(*) FROM package_index) + (SELECT count(*) FROM cpe_index) + "
                                  "(SELECT count(*) FROM alias)");
  ExpectWalAndNoJournal();
  ImportReport second = Import(paths);
  ExpectWalAndNoJournal();
  for (const auto& [name, f] : second.feeds) {
    SCOPED_TRACE(name);
    EXPECT_EQ(f.counts.inserted, 0u);
    EXPECT_EQ(f.counts.updated, 0u);
    // Records met more than once within one run (NVD snapshots of the same CVE) resolve to the
    // newest, so in a re-run every record is unchanged or older than the stored one.
    EXPECT_EQ(f.counts.unchanged + f.counts.older, f.stats.records);
    EXPECT_EQ(f.counts.older, first.feeds[name].counts.older);
  }
  EXPECT_EQ(Count("SELECT count(*) FROM advisory"), rows);
  EXPECT_EQ(Count("SELECT (SELECT count(*) FROM package_index) + (SELECT count(*) FROM cpe_index) + "
                  "(SELECT count(*) FROM alias)"),
            index_rows);
}

TEST_F(VulnImportSharedTest, InterruptedImportKeepsCommittedBatchesOnly) {
  // 1,206 records in batches of 100, then a path that does not exist: the import fails after
  // the 12th commit with 6 records in the open batch, which must be rolled back whole.
  ImportReport report;
  Status s = ImportFeeds(*db_, {testing::SharedData("osv-rustsec"), (dir_ / "no-such-feed").string()}, report, {},
                         100);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("no-such-feed"), std::string::npos) << s.message();
  EXPECT_EQ(Count("SELECT count(*) FROM advisory"), 1200);
  // Nothing half-written: every stored advisory has its alias row (its own id), and no index
  // row points at an advisory that is not there.
  EXPECT_EQ(Count("SELECT count(*) FROM advisory a WHERE NOT EXISTS (SELECT 1 FROM alias WHERE advisory_rowid=a.rowid "
                  "AND alias=a.id)"),
            0);
  EXPECT_EQ(Count("SELECT count(*) FROM package_index WHERE advisory_rowid NOT IN (SELECT rowid FROM advisory)"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM alias WHERE advisory_rowid NOT IN (SELECT rowid FROM advisory)"), 0);
  EXPECT_EQ(Count("SELECT count(DISTINCT advisory_rowid) FROM package_index"), 1200);
  ExpectWalAndNoJournal();

  // Resuming imports the rest and leaves the first 1,200 unchanged.
  ImportReport resumed;
  ASSERT_TRUE(ImportFeeds(*db_, {testing::SharedData("osv-rustsec")}, resumed).ok());
  EXPECT_EQ(resumed.feeds["osv"].counts.inserted, 6u);
  EXPECT_EQ(resumed.feeds["osv"].counts.unchanged, 1200u);
}

}  // namespace
}  // namespace sbomhub::app
