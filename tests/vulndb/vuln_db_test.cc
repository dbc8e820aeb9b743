#include "vulndb/vuln_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

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

TEST_F(VulnDbTest, RolledBackBatchLeavesNothingAndReopenKeepsCommitted) {
  {
    auto db = VulnDb::Open(DbPath());
    ASSERT_TRUE(db.ok());
    PutCounts counts;
    ASSERT_TRUE((*db)->BeginBatch().ok());
    ASSERT_TRUE((*db)->Put(Sample("GHSA-keep", "2024-01-01"), counts).ok());
    ASSERT_TRUE((*db)->CommitBatch().ok());
    ASSERT_TRUE((*db)->BeginBatch().ok());
    ASSERT_TRUE((*db)->Put(Sample("GHSA-drop", "2024-01-01"), counts).ok());
    (*db)->RollbackBatch();
  }
  auto db = VulnDb::Open(DbPath());
  ASSERT_TRUE(db.ok());
  int keep = 0, drop = 0;
  ASSERT_TRUE((*db)->ForIdOrAlias("GHSA-keep", [&](const vuln::Advisory&) { ++keep; return Status::Ok(); }).ok());
  ASSERT_TRUE((*db)->ForIdOrAlias("GHSA-drop", [&](const vuln::Advisory&) { ++drop; return Status::Ok(); }).ok());
  EXPECT_EQ(keep, 1);
  EXPECT_EQ(drop, 0);
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

}  // namespace
}  // namespace sbomhub::vulndb
