#include "vulndb/vuln_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <zlib.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/vuln_import.h"
#include "support/test_support.h"

namespace sbomhub::vulndb {
namespace {

class VulnDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sbomhub-vulndb-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string DbPath() const { return (dir_ / "vuln.db").string(); }
  std::filesystem::path dir_;
};

vuln::Advisory Sample(std::string id, std::string modified) {
  vuln::Advisory a;
  a.id = std::move(id);
  a.modified = std::move(modified);
  a.aliases = {"CVE-2099-0001"};
  vuln::AffectedPackage p;
  p.ecosystem = "PyPI";
  p.name = "Foo_Bar";
  a.affected.push_back(p);
  return a;
}

TEST_F(VulnDbTest, PutIsIdempotentAndDetectsChanges) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok()) << db.status().message();
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  ASSERT_TRUE((*db)->Put(Sample("GHSA-1", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*db)->Put(Sample("GHSA-1", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*db)->Put(Sample("GHSA-1", "2024-02-01"), counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  EXPECT_EQ(counts.inserted, 1u);
  EXPECT_EQ(counts.unchanged, 1u);
  EXPECT_EQ(counts.updated, 1u);
  auto summary = (*db)->Summary();
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(summary->size(), 1u);
  EXPECT_EQ((*summary)[0].records, 1u);
  EXPECT_EQ((*summary)[0].newest_modified, "2024-02-01");
}

TEST_F(VulnDbTest, PackageIndexUsesNormalizedNames) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  ASSERT_TRUE((*db)->Put(Sample("GHSA-1", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  int seen = 0;
  ASSERT_TRUE((*db)->ForPackage({"PyPI", NormalizePackageName("PyPI", "foo.bar")}, [&](const vuln::Advisory& a) {
    EXPECT_EQ(a.id, "GHSA-1");
    ++seen;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, 1);
  seen = 0;
  ASSERT_TRUE((*db)->ForIdOrAlias("CVE-2099-0001", [&](const vuln::Advisory&) {
    ++seen;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, 1);
}

TEST_F(VulnDbTest, WithdrawnAdvisoriesAreStoredButNotReturnedForMatching) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  vuln::Advisory a = Sample("GHSA-2", "2024-01-01");
  a.withdrawn = "2024-01-02";
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  ASSERT_TRUE((*db)->Put(a, counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  int seen = 0;
  ASSERT_TRUE((*db)->ForPackage({"PyPI", "foo-bar"}, [&](const vuln::Advisory&) {
    ++seen;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(seen, 0);
  auto summary = (*db)->Summary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ((*summary)[0].withdrawn, 1u);
}

// Commits GHSA-keep in one batch, then rolls back a batch holding GHSA-drop.
void CommitKeepRollBackDrop(VulnDb& db) {
  PutCounts counts;
  ASSERT_TRUE(db.BeginBatch().ok());
  ASSERT_TRUE(db.Put(Sample("GHSA-keep", "2024-01-01"), counts).ok());
  ASSERT_TRUE(db.CommitBatch().ok());
  ASSERT_TRUE(db.BeginBatch().ok());
  ASSERT_TRUE(db.Put(Sample("GHSA-drop", "2024-01-01"), counts).ok());
  db.RollbackBatch();
}

void ExpectKeptAndNotDropped(VulnDb& db) {
  int keep = 0, drop = 0;
  ASSERT_TRUE(db.ForIdOrAlias("GHSA-keep", [&](const vuln::Advisory&) { ++keep; return Status::Ok(); }).ok());
  ASSERT_TRUE(db.ForIdOrAlias("GHSA-drop", [&](const vuln::Advisory&) { ++drop; return Status::Ok(); }).ok());
  EXPECT_EQ(keep, 1);
  EXPECT_EQ(drop, 0);
}

TEST_F(VulnDbTest, RolledBackBatchLeavesNothingAndReopenKeepsCommitted) {
  {
    auto db = VulnDb::Open(DbPath());
    ASSERT_TRUE(db.ok());
    CommitKeepRollBackDrop(**db);
  }
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  ExpectKeptAndNotDropped(**db);
}

// Byte 18 of an SQLite file: 1 for a rollback journal, 2 for WAL.
int FileFormatVersion(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char header[20] = {};
  in.read(header, sizeof header);
  return in ? header[18] : -1;
}

TEST_F(VulnDbTest, BulkLoadUsesARollbackJournalOnANewFileAndEndsInWal) {
  {
    auto db = VulnDb::Open(DbPath());
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(FileFormatVersion(DbPath()), 2);
    auto bulk = (*db)->BeginBulkLoad();
    ASSERT_TRUE(bulk.ok()) << bulk.status().message();
    ASSERT_TRUE(*bulk);
    EXPECT_EQ(FileFormatVersion(DbPath()), 1);
    EXPECT_FALSE(std::filesystem::exists(DbPath() + "-wal"));
    CommitKeepRollBackDrop(**db);
    ASSERT_TRUE((*db)->EndBulkLoad().ok());
    EXPECT_EQ(FileFormatVersion(DbPath()), 2);
    EXPECT_FALSE(std::filesystem::exists(DbPath() + "-journal"));
    ExpectKeptAndNotDropped(**db);
    // The file holds an advisory now: no second bulk load.
    auto again = (*db)->BeginBulkLoad();
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
    EXPECT_EQ(FileFormatVersion(DbPath()), 2);
  }
}

TEST_F(VulnDbTest, BulkLoadLeftOpenIsUndoneByTheNextReadWriteOpen) {
  {
    auto db = VulnDb::Open(DbPath());
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(*(*db)->BeginBulkLoad());
    CommitKeepRollBackDrop(**db);
    // Closed without EndBulkLoad, as a killed import would leave it.
  }
  EXPECT_EQ(FileFormatVersion(DbPath()), 1);
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  EXPECT_EQ(FileFormatVersion(DbPath()), 2);
  ExpectKeptAndNotDropped(**db);
}

TEST_F(VulnDbTest, BulkLoadIsNotUsedWhileAnotherConnectionHasTheFile) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  auto reader = VulnDb::Open(DbPath(), sqlite::Database::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok());
  ASSERT_TRUE((*reader)->Summary().ok());  // the reader has used the WAL
  auto bulk = (*db)->BeginBulkLoad();
  ASSERT_TRUE(bulk.ok()) << bulk.status().message();
  EXPECT_FALSE(*bulk);
  EXPECT_EQ(FileFormatVersion(DbPath()), 2);
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  ASSERT_TRUE((*db)->Put(Sample("GHSA-1", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  EXPECT_EQ(counts.inserted, 1u);
}

TEST_F(VulnDbTest, NotADatabaseIsAClearError) {
  {
    std::FILE* f = std::fopen(DbPath().c_str(), "wb");
    std::fputs("this is not sqlite", f);
    std::fclose(f);
  }
  auto db = VulnDb::Open(DbPath());
  ASSERT_FALSE(db.ok());
  EXPECT_NE(db.status().message().find(DbPath()), std::string::npos) << db.status().message();
}

TEST_F(VulnDbTest, CpeKeyIgnoresEscapesAndCase) {
  auto vp = CpeVendorProduct("cpe:2.3:a:Node\\.js:node\\.js:18.0.0:*:*:*:*:*:*:*");
  ASSERT_TRUE(vp.has_value());
  EXPECT_EQ(vp->first, "node.js");
  EXPECT_EQ(vp->second, "node.js");
  EXPECT_FALSE(CpeVendorProduct("cpe:2.3:a:*:*:*:*:*:*:*:*:*:*").has_value());
  EXPECT_FALSE(CpeVendorProduct("not a cpe").has_value());
}

TEST_F(VulnDbTest, ReimportingTheSameFilesChangesNothing) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  app::ImportReport first, second;
  ASSERT_TRUE(app::ImportFeeds(**db, {testing::Fixture("match", "osv")}, first).ok());
  ASSERT_TRUE(app::ImportFeeds(**db, {testing::Fixture("match", "osv")}, second).ok());
  EXPECT_EQ(first.feeds["osv"].counts.inserted, 5u);
  EXPECT_EQ(second.feeds["osv"].counts.inserted, 0u);
  EXPECT_EQ(second.feeds["osv"].counts.unchanged, 5u);
}

TEST_F(VulnDbTest, OlderSnapshotNeverReplacesNewerRecord) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  vuln::Advisory newer = Sample("CVE-2099-1", "2024-03-01T10:00:00.000");
  newer.summary = "new text";
  ASSERT_TRUE((*db)->Put(newer, counts).ok());
  vuln::Advisory older = Sample("CVE-2099-1", "2024-02-01T10:00Z");
  older.summary = "old text";
  ASSERT_TRUE((*db)->Put(older, counts).ok());
  // Same instant written two ways (NVD 1.1 vs 2.0): not older, so the new content is stored.
  vuln::Advisory same_instant = Sample("CVE-2099-1", "2024-03-01T10:00Z");
  same_instant.summary = "same instant";
  ASSERT_TRUE((*db)->Put(same_instant, counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  EXPECT_EQ(counts.inserted, 1u);
  EXPECT_EQ(counts.older, 1u);
  EXPECT_EQ(counts.updated, 1u);
  std::string summary;
  ASSERT_TRUE((*db)->ForIdOrAlias("CVE-2099-1", [&](const vuln::Advisory& a) {
    summary = a.summary;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(summary, "same instant");
}

TEST_F(VulnDbTest, KevAndEpssCountNewChangedAndUnchanged) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  KevRecord k{"CVE-2021-44228", "2021-12-10", "2021-12-24", "Apache", "Log4j2", "RCE", "Known"};
  ASSERT_TRUE((*db)->PutKev(k, counts).ok());
  ASSERT_TRUE((*db)->PutKev(k, counts).ok());
  k.due_date = "2021-12-31";
  ASSERT_TRUE((*db)->PutKev(k, counts).ok());
  EpssRecord e{"CVE-2021-44228", 0.9, 0.99, "2025-03-14"};
  ASSERT_TRUE((*db)->PutEpss(e, counts).ok());
  EpssRecord stale{"CVE-2021-44228", 0.5, 0.5, "2024-01-01"};
  ASSERT_TRUE((*db)->PutEpss(stale, counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  EXPECT_EQ(counts.inserted, 2u);
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(counts.unchanged, 2u);
  auto kev = (*db)->Kev("CVE-2021-44228");
  ASSERT_TRUE(kev.ok() && kev->has_value());
  EXPECT_EQ((*kev)->due_date, "2021-12-31");
  auto epss = (*db)->Epss("CVE-2021-44228");
  ASSERT_TRUE(epss.ok() && epss->has_value());
  EXPECT_DOUBLE_EQ((*epss)->score, 0.9);
}

TEST_F(VulnDbTest, SnapshotCacheSeesOtherConnectionsCommits) {
  auto reader = VulnDb::Open(DbPath());
  auto writer = VulnDb::Open(DbPath());
  ASSERT_TRUE(reader.ok() && writer.ok());
  PutCounts counts;
  ASSERT_TRUE((*writer)->BeginBatch().ok());
  ASSERT_TRUE((*writer)->Put(Sample("GHSA-1", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*writer)->CommitBatch().ok());
  auto hits = [&] {
    int n = 0;
    VulnDb::ReadSnapshot snapshot(**reader);
    EXPECT_TRUE(snapshot.status().ok());
    EXPECT_TRUE((*reader)->ForPackage({"PyPI", "foo-bar"}, [&](const vuln::Advisory&) {
      ++n;
      return Status::Ok();
    }).ok());
    return n;
  };
  EXPECT_EQ(hits(), 1);
  EXPECT_EQ(hits(), 1);  // served from the cache
  ASSERT_TRUE((*writer)->BeginBatch().ok());
  ASSERT_TRUE((*writer)->Put(Sample("GHSA-2", "2024-01-01"), counts).ok());
  ASSERT_TRUE((*writer)->CommitBatch().ok());
  EXPECT_EQ(hits(), 2);  // the other connection's commit dropped the cache
}

// The snapshot caches (KEV/EPSS rows, name-matching candidates) must not survive a write made
// through the same connection: PRAGMA data_version only moves for other connections' commits.
TEST_F(VulnDbTest, SnapshotCachesDropOnOwnWrites) {
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  auto look = [&](std::size_t& packages, std::size_t& products, bool& kev, bool& epss) {
    VulnDb::ReadSnapshot snapshot(**db);
    ASSERT_TRUE(snapshot.status().ok());
    for (int pass = 0; pass < 2; ++pass) {  // the second pass is served from the caches
      auto names = (*db)->PackageNames();
      auto cpes = (*db)->CpeProducts();
      auto k = (*db)->Kev("CVE-2099-0001");
      auto e = (*db)->Epss("CVE-2099-0001");
      ASSERT_TRUE(names.ok() && cpes.ok() && k.ok() && e.ok());
      packages = names->size();
      products = cpes->size();
      kev = k->has_value();
      epss = e->has_value();
    }
  };
  std::size_t packages = 0, products = 0;
  bool kev = false, epss = false;
  look(packages, products, kev, epss);
  EXPECT_EQ(packages, 0u);
  EXPECT_FALSE(kev);

  PutCounts counts;
  ASSERT_TRUE((*db)->BeginBatch().ok());
  vuln::Advisory a = Sample("GHSA-1", "2024-01-01");
  a.affected[0].cpe = "cpe:2.3:a:acme:widget:1.0:*:*:*:*:*:*:*";
  ASSERT_TRUE((*db)->Put(a, counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  look(packages, products, kev, epss);
  EXPECT_EQ(packages, 1u);
  EXPECT_EQ(products, 1u);
  EXPECT_FALSE(kev);
  // KEV and EPSS writes alone drop the caches too.
  ASSERT_TRUE((*db)->BeginBatch().ok());
  ASSERT_TRUE((*db)->PutKev({"CVE-2099-0001", "2099-01-01", "2099-01-21", "Acme", "Widget", "RCE", "Unknown"}, counts).ok());
  ASSERT_TRUE((*db)->PutEpss({"CVE-2099-0001", 0.5, 0.9, "2099-01-02"}, counts).ok());
  ASSERT_TRUE((*db)->CommitBatch().ok());
  look(packages, products, kev, epss);
  EXPECT_TRUE(kev);
  EXPECT_TRUE(epss);
}

class FeedSniffTest : public VulnDbTest {
 protected:
  std::string Write(const std::string& name, std::string_view content) {
    std::filesystem::path p = dir_ / "feeds" / name;
    std::filesystem::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }
  std::string WriteGzip(const std::string& name, std::string_view content) {
    std::filesystem::path p = dir_ / "feeds" / name;
    std::filesystem::create_directories(p.parent_path());
    gzFile f = gzopen(p.string().c_str(), "wb");
    gzwrite(f, content.data(), static_cast<unsigned>(content.size()));
    gzclose(f);
    return p.string();
  }
};

TEST_F(FeedSniffTest, EachFeedIsRecognisedByContent) {
  // Names deliberately say nothing about the feed.
  Write("a.json", R"({"schema_version":"1.6.0","id":"GHSA-aaaa-bbbb-cccc","modified":"2024-01-01T00:00:00Z",
    "affected":[{"package":{"ecosystem":"npm","name":"left-pad"}}]})");
  Write("b.json", R"({"resultsPerPage":1,"startIndex":0,"totalResults":1,"format":"NVD_CVE","version":"2.0",
    "vulnerabilities":[{"cve":{"id":"CVE-2099-0002","sourceIdentifier":"x","published":"2099-01-01T00:00:00.000",
    "lastModified":"2099-01-02T00:00:00.000","vulnStatus":"Analyzed",
    "descriptions":[{"lang":"en","value":"d"}]}}]})");
  Write("c.json", R"({"cve":{"id":"CVE-2099-0003","sourceIdentifier":"x","published":"2099-01-01T00:00:00.000",
    "lastModified":"2099-01-02T00:00:00.000","vulnStatus":"Analyzed","descriptions":[{"lang":"en","value":"d"}]}})");
  Write("d.json", R"({"resultsPerPage":1,"startIndex":0,"totalResults":1,"format":"NVD_CPE","version":"2.0",
    "products":[{"cpe":{"cpeName":"cpe:2.3:a:x:y:1:*:*:*:*:*:*:*"}}]})");
  Write("e.txt", "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,"
                 "knownRansomwareCampaignUse,notes,cwes\n"
                 "CVE-2021-44228,Apache,Log4j2,RCE,2021-12-10,d,a,2021-12-24,Known,,CWE-20\n");
  WriteGzip("f.gz", "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\n"
                    "CVE-2021-44228,0.94358,0.99973\nCVE-2099-0003,0.1,0.2\nnot-a-cve,1,1\n");
  Write("g.json", R"({"title":"not a feed","items":[1,2,3]})");
  Write("h.md", "# README\n");
  Write("i.json", R"({"id":"GHSA-broken","modified":)");
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  app::ImportReport report;
  Status s = app::ImportFeeds(**db, {(dir_ / "feeds").string()}, report);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(report.feeds["osv"].stats.records, 1u);
  EXPECT_EQ(report.feeds["nvd"].stats.records, 2u);
  EXPECT_EQ(report.feeds["kev"].stats.records, 1u);
  EXPECT_EQ(report.feeds["epss"].stats.records, 2u);
  EXPECT_EQ(report.feeds["epss"].stats.skipped, 1u);
  // A truncated OSV record still shows whose it is: the OSV importer reports it with a position.
  EXPECT_EQ(report.feeds["osv"].stats.skipped, 1u);
  ASSERT_EQ(report.feeds["osv"].stats.issues.size(), 1u);
  EXPECT_NE(report.feeds["osv"].stats.issues[0].file.find("i.json"), std::string::npos);
  // The CPE dictionary page, the unrelated JSON and the README are counted and listed.
  EXPECT_EQ(report.unrecognised_files, 3u);
  ASSERT_EQ(report.unrecognised.size(), 3u);
  EXPECT_NE(report.unrecognised[0].find("d.json"), std::string::npos);
  auto epss = (*db)->Epss("CVE-2021-44228");
  ASSERT_TRUE(epss.ok() && epss->has_value());
  EXPECT_EQ((*epss)->score_date, "2025-03-14T00:00:00+0000");
}

TEST_F(FeedSniffTest, MalformedRecordIsReportedAndTheRestImported) {
  Write("good.json", R"({"id":"GHSA-good","modified":"2024-01-01T00:00:00Z"})");
  Write("bad.json", R"({"id":"GHSA-bad","modified":"2024-01-01T00:00:00Z","affected":"not an array"})");
  app::ImportReport report;
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(app::ImportFeeds(**db, {(dir_ / "feeds").string()}, report).ok());
  const app::FeedReport& osv = report.feeds["osv"];
  EXPECT_EQ(osv.stats.records, 1u);
  EXPECT_EQ(osv.stats.skipped, 1u);
  ASSERT_EQ(osv.stats.issues.size(), 1u);
  EXPECT_NE(osv.stats.issues[0].file.find("bad.json"), std::string::npos);
  EXPECT_EQ(osv.counts.inserted, 1u);
}

// Files are parsed on several threads but must reach the database in listed order: which copy of
// a duplicated record wins, and how issues are listed, is what a one-thread import gives. 200
// files span several parsing tasks; the same id appears in the first and the last file.
TEST_F(FeedSniffTest, ParallelParsingKeepsFileOrder) {
  auto osv = [](const std::string& id, const std::string& modified, const std::string& summary) {
    return R"({"id":")" + id + R"(","modified":")" + modified + R"(","summary":")" + summary + R"("})";
  };
  Write("a000.json", osv("GHSA-dup", "2024-02-01T00:00:00Z", "newer, first"));
  for (int i = 1; i < 199; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "a%03d.json", i);
    // Every 50th file holds a malformed record, reported (in file order) and skipped.
    Write(name, i % 50 == 7 ? R"({"id":"GHSA-bad","modified":"2024-01-01T00:00:00Z","affected":"not an array"})"
                            : osv("GHSA-" + std::to_string(i), "2024-01-01T00:00:00Z", "x"));
  }
  Write("a199.json", osv("GHSA-dup", "2024-01-01T00:00:00Z", "older, last"));
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  app::ImportReport report;
  ASSERT_TRUE(app::ImportFeeds(**db, {(dir_ / "feeds").string()}, report, {}, /*batch_size=*/7).ok());
  const app::FeedReport& fr = report.feeds["osv"];
  EXPECT_EQ(fr.stats.files, 200u);
  EXPECT_EQ(fr.counts.inserted, 195u);
  EXPECT_EQ(fr.counts.older, 1u);
  ASSERT_EQ(fr.stats.issues.size(), 4u);
  for (std::size_t i = 0; i < 4; ++i) {
    char name[16];
    std::snprintf(name, sizeof name, "a%03zu.json", 7 + 50 * i);
    EXPECT_NE(fr.stats.issues[i].file.find(name), std::string::npos) << fr.stats.issues[i].file;
  }
  std::string summary;
  ASSERT_TRUE((*db)->ForIdOrAlias("GHSA-dup", [&](const vuln::Advisory& a) {
    summary = a.summary;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(summary, "newer, first");
}

TEST_F(FeedSniffTest, WriteFailureStopsTheParserWithoutHanging) {
  // 3,000 records in one file: more than the queue holds, so the parsing thread is blocked on a
  // full queue when the writer fails on its first record (the database is open read-only).
  std::string json = "[";
  for (int i = 0; i < 3000; ++i) {
    if (i > 0) json += ",";
    json += R"({"id":"GHSA-)" + std::to_string(i) + R"(","modified":"2024-01-01T00:00:00Z"})";
  }
  json += "]";
  Write("many.json", json);
  ASSERT_TRUE(VulnDb::Open(DbPath()).ok());  // creates the schema
  auto db = VulnDb::Open(DbPath(), sqlite::Database::Mode::kReadOnly);
  ASSERT_TRUE(db.ok());
  app::ImportReport report;
  Status s = app::ImportFeeds(**db, {(dir_ / "feeds").string()}, report);
  EXPECT_FALSE(s.ok());
  auto rw = VulnDb::Open(DbPath());
  ASSERT_TRUE(rw.ok());
  auto summary = (*rw)->Summary();
  ASSERT_TRUE(summary.ok());
  EXPECT_TRUE(summary->empty());
}

}  // namespace
}  // namespace sbomhub::vulndb
