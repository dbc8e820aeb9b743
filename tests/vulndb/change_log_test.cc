// The v2/v3 storage of the vulnerability DB: index keys kept with each advisory, multi-row EPSS
// writes, the migration of a v1 file, and the change log that re-analysis narrows by.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "sqlite/sqlite.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::vulndb {
namespace {

class ChangeLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("sbomhub-changelog-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string DbPath() const { return (dir_ / "vuln.db").string(); }
  std::unique_ptr<VulnDb> Open() {
    auto db = VulnDb::Open(DbPath());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }
  std::filesystem::path dir_;
};

vuln::Advisory Osv(std::string id, std::string modified, std::string package, std::string alias) {
  vuln::Advisory a;
  a.id = std::move(id);
  a.modified = std::move(modified);
  a.aliases = {std::move(alias)};
  vuln::AffectedPackage p;
  p.ecosystem = "PyPI";
  p.name = std::move(package);
  a.affected.push_back(p);
  return a;
}

Status PutOne(VulnDb& db, const vuln::Advisory& a, PutCounts& counts) {
  SBOMHUB_RETURN_IF_ERROR(db.BeginBatch());
  SBOMHUB_RETURN_IF_ERROR(db.Put(a, counts));
  return db.CommitBatch();
}

int CountFor(VulnDb& db, const PackageKey& key) {
  int n = 0;
  EXPECT_TRUE(db.ForPackage(key, [&](const vuln::Advisory&) {
    ++n;
    return Status::Ok();
  }).ok());
  return n;
}

TEST(IndexKeys, EncodingRoundTripsAnyBytesAndRejectsDamage) {
  IndexKeys keys;
  keys.packages = {{"PyPI", "a:b"}, {"Go", std::string("x\0y", 3)}};
  keys.cpes = {{"ven:dor", "12"}};
  keys.aliases = {"CVE-2024-0001", ""};
  std::string encoded = EncodeIndexKeys(keys);
  auto decoded = DecodeIndexKeys(encoded);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, keys);
  EXPECT_TRUE(DecodeIndexKeys("").ok());
  for (std::string bad : {"p4:PyPI", "a99:short", "x1:a", "a:abc", "p4:PyPI6:djang"}) {
    EXPECT_EQ(DecodeIndexKeys(bad).status().code(), StatusCode::kInvalidDocument) << bad;
  }
}

TEST_F(ChangeLogTest, UpdateReplacesIndexRowsAndLogsOldAndNewKeys) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  auto start = db->CurrentChangePosition();
  ASSERT_TRUE(start.ok()) << start.status().ToString();
  EXPECT_EQ(start->seq, 0);
  EXPECT_EQ(start->id.size(), 32u);

  PutCounts counts;
  ASSERT_TRUE(PutOne(*db, Osv("GHSA-1", "2024-01-01", "old-name", "CVE-2099-0001"), counts).ok());
  auto after_insert = db->CurrentChangePosition().value();
  EXPECT_EQ(after_insert.seq, 1);
  EXPECT_EQ(after_insert.id, start->id);

  // Renamed package, new alias: the old rows go, the new ones come, the log has both.
  ASSERT_TRUE(PutOne(*db, Osv("GHSA-1", "2024-02-01", "new-name", "CVE-2099-0002"), counts).ok());
  EXPECT_EQ(counts.inserted, 1u);
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(CountFor(*db, {"PyPI", "old-name"}), 0);
  EXPECT_EQ(CountFor(*db, {"PyPI", "new-name"}), 1);
  auto changes = db->ChangesSince(after_insert.seq);
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_TRUE(changes->has_value());
  EXPECT_EQ((*changes)->packages, (std::vector<PackageKey>{{"PyPI", "new-name"}, {"PyPI", "old-name"}}));
  EXPECT_EQ((*changes)->vulnerabilities, (std::vector<std::string>{"CVE-2099-0001", "CVE-2099-0002", "GHSA-1"}));

  // Unchanged and older records touch nothing: the sequence stays.
  std::int64_t seq = db->CurrentChangePosition().value().seq;
  ASSERT_TRUE(PutOne(*db, Osv("GHSA-1", "2024-02-01", "new-name", "CVE-2099-0002"), counts).ok());
  ASSERT_TRUE(PutOne(*db, Osv("GHSA-1", "2023-01-01", "other", "CVE-2099-0003"), counts).ok());
  EXPECT_EQ(counts.unchanged, 1u);
  EXPECT_EQ(counts.older, 1u);
  EXPECT_EQ(db->CurrentChangePosition().value().seq, seq);
  auto nothing = db->ChangesSince(seq).value();
  ASSERT_TRUE(nothing.has_value());
  EXPECT_TRUE(nothing->packages.empty() && nothing->cpes.empty() && nothing->vulnerabilities.empty());

  // A sequence the log never had cannot be answered.
  EXPECT_FALSE(db->ChangesSince(seq + 1).value().has_value());
}

TEST_F(ChangeLogTest, KevAndEpssChangesLogTheirCve) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  PutCounts counts;
  ASSERT_TRUE(db->BeginBatch().ok());
  ASSERT_TRUE(db->PutKev({"CVE-2024-1", "2024-01-01", "2024-01-21", "Acme", "Widget", "bug", "Unknown"}, counts).ok());
  ASSERT_TRUE(db->CommitBatch().ok());
  std::int64_t seq = db->CurrentChangePosition().value().seq;
  ASSERT_TRUE(db->BeginBatch().ok());
  ASSERT_TRUE(db->PutKev({"CVE-2024-1", "2024-01-01", "2024-01-21", "Acme", "Widget", "bug", "Unknown"}, counts).ok());
  std::vector<EpssRecord> epss = {{"CVE-2024-2", 0.5, 0.9, "2025-01-01"}};
  ASSERT_TRUE(db->PutEpssRows(epss, counts).ok());
  ASSERT_TRUE(db->CommitBatch().ok());
  auto changes = db->ChangesSince(seq).value();
  ASSERT_TRUE(changes.has_value());
  // The unchanged KEV row is not in it.
  EXPECT_EQ(changes->vulnerabilities, (std::vector<std::string>{"CVE-2024-2"}));
}

TEST_F(ChangeLogTest, RolledBackBatchLogsNothing) {
  auto db = Open();
  ASSERT_NE(db, nullptr);
  PutCounts counts;
  ASSERT_TRUE(db->BeginBatch().ok());
  ASSERT_TRUE(db->Put(Osv("GHSA-1", "2024-01-01", "pkg", "CVE-2099-0001"), counts).ok());
  db->RollbackBatch();
  EXPECT_EQ(db->CurrentChangePosition().value().seq, 0);
  EXPECT_EQ(CountFor(*db, {"PyPI", "pkg"}), 0);
}

TEST_F(ChangeLogTest, EpssRowsCountLikeOneByOne) {
  // 70 rows: two full 32-row statements and a remainder, with repeats of one CVE (the later row
  // wins unless its score_date is older) inside the first group and across groups.
  std::vector<EpssRecord> rows;
  for (int i = 0; i < 70; ++i) rows.push_back({"CVE-2024-" + std::to_string(1000 + i % 60), 0.01 * i, 0.5, "2025-01-02"});
  rows[3] = {"CVE-2024-1000", 0.9, 0.9, "2025-01-01"};  // older than row 0: unchanged
  rows[5] = {"CVE-2024-1001", 0.8, 0.8, "2025-01-03"};  // newer than row 1: updated
  auto run = [&](bool batched) {
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    auto db = Open();
    PutCounts counts;
    EXPECT_TRUE(db->BeginBatch().ok());
    if (batched) {
      EXPECT_TRUE(db->PutEpssRows(rows, counts).ok());
      EXPECT_TRUE(db->PutEpssRows(rows, counts).ok());
    } else {
      for (int pass = 0; pass < 2; ++pass) {
        for (const auto& r : rows) EXPECT_TRUE(db->PutEpss(r, counts).ok());
      }
    }
    EXPECT_TRUE(db->CommitBatch().ok());
    auto stored = db->Epss("CVE-2024-1001").value();
    return std::make_tuple(counts.inserted, counts.updated, counts.unchanged, stored->score, stored->score_date);
  };
  auto one_by_one = run(false);
  EXPECT_EQ(run(true), one_by_one);
  EXPECT_EQ(std::get<0>(one_by_one), 60u);
}

// The v1 layout as shipped (index tables with rowids, secondary indexes and foreign keys).
constexpr const char* kV1Schema = R"sql(
CREATE TABLE advisory(rowid INTEGER PRIMARY KEY, source TEXT NOT NULL, id TEXT NOT NULL, source_id TEXT NOT NULL,
  modified TEXT NOT NULL, withdrawn INTEGER NOT NULL, record BLOB NOT NULL, UNIQUE(source, id));
CREATE TABLE package_index(advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL, name TEXT NOT NULL);
CREATE INDEX package_index_key ON package_index(ecosystem, name);
CREATE INDEX package_index_advisory ON package_index(advisory_rowid);
CREATE TABLE cpe_index(advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
  vendor TEXT NOT NULL, product TEXT NOT NULL);
CREATE INDEX cpe_index_key ON cpe_index(vendor, product);
CREATE INDEX cpe_index_advisory ON cpe_index(advisory_rowid);
CREATE TABLE alias(advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE, alias TEXT NOT NULL);
CREATE INDEX alias_key ON alias(alias);
CREATE INDEX alias_advisory ON alias(advisory_rowid);
CREATE TABLE kev(cve TEXT PRIMARY KEY, date_added TEXT NOT NULL, due_date TEXT NOT NULL, vendor_project TEXT NOT NULL,
  product TEXT NOT NULL, name TEXT NOT NULL, ransomware_use TEXT NOT NULL);
CREATE TABLE epss(cve TEXT PRIMARY KEY, score REAL NOT NULL, percentile REAL NOT NULL, score_date TEXT NOT NULL);
CREATE TABLE import_run(source TEXT PRIMARY KEY, finished_at TEXT NOT NULL, records INTEGER NOT NULL);
PRAGMA user_version=1;
)sql";

TEST_F(ChangeLogTest, V1DatabaseMigratesAndItsRowsCanBeReplaced) {
  vuln::Advisory a = Osv("GHSA-1", "2024-01-01", "Old_Name", "CVE-2099-0001");
  {
    auto raw = sqlite::Database::Open(DbPath(), sqlite::Database::Mode::kReadWrite).value();
    ASSERT_TRUE(raw->Exec(kV1Schema).ok());
    auto ins = raw->Prepare("INSERT INTO advisory VALUES(1,'osv','GHSA-1','GHSA-1','2024-01-01',0,?1)").value();
    ASSERT_TRUE(ins.BindBlob(1, vuln::AdvisoryToJson(a)).Run().ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO package_index VALUES(1,'PyPI','old-name');"
                          "INSERT INTO alias VALUES(1,'GHSA-1'),(1,'CVE-2099-0001');"
                          "INSERT INTO epss VALUES('CVE-2099-0001',0.5,0.9,'2025-01-01');")
                    .ok());
  }
  auto db = Open();
  ASSERT_NE(db, nullptr);
  EXPECT_EQ(CountFor(*db, {"PyPI", "old-name"}), 1);
  EXPECT_NEAR(db->Epss("CVE-2099-0001").value()->score, 0.5, 1e-9);
  PutCounts counts;
  ASSERT_TRUE(PutOne(*db, a, counts).ok());
  EXPECT_EQ(counts.unchanged, 1u);
  // The keys the migration stored let an update remove the v1 rows.
  ASSERT_TRUE(PutOne(*db, Osv("GHSA-1", "2024-02-01", "new-name", "CVE-2099-0002"), counts).ok());
  EXPECT_EQ(counts.updated, 1u);
  EXPECT_EQ(CountFor(*db, {"PyPI", "old-name"}), 0);
  EXPECT_EQ(CountFor(*db, {"PyPI", "new-name"}), 1);
  int by_old_alias = 0;
  ASSERT_TRUE(db->ForIdOrAlias("CVE-2099-0001", [&](const vuln::Advisory&) {
    ++by_old_alias;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(by_old_alias, 0);
}

TEST_F(ChangeLogTest, NewerSchemaIsRefused) {
  {
    auto raw = sqlite::Database::Open(DbPath(), sqlite::Database::Mode::kReadWrite).value();
    ASSERT_TRUE(raw->Exec("PRAGMA user_version=99").ok());
  }
  auto db = VulnDb::Open(DbPath());
  EXPECT_EQ(db.status().code(), StatusCode::kUnsupported);
}

}  // namespace
}  // namespace sbomhub::vulndb
