// The background checkpointer takes WAL checkpoints off the writer: once handed over, commits
// leave the WAL to it, and it copies the WAL into the database on its own connection.

#include "sqlite/checkpointer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

#include <sqlite3.h>

namespace sbomhub::sqlite {
namespace {

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sbomhub_checkpointer_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    auto db = Database::Open(path_, Database::Mode::kReadWrite);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (x BLOB)").ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  // Commits `pages` pages' worth of new rows in one transaction.
  void Write(int pages) {
    ASSERT_TRUE(db_->Exec("BEGIN").ok());
    auto st = db_->Prepare("INSERT INTO t (x) VALUES (randomblob(4000))");
    ASSERT_TRUE(st.ok());
    for (int i = 0; i < pages; ++i) {
      ASSERT_TRUE(st->Run().ok());
    }
    ASSERT_TRUE(db_->Exec("COMMIT").ok());
  }

  // Pages live in the WAL until a checkpoint copies them into the database file: the file's
  // size tells whether one ran.
  std::uintmax_t DatabaseBytes() const { return std::filesystem::file_size(path_); }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Database> db_;
};

TEST_F(CheckpointerTest, CommitsPastTheThresholdWakeItAndItCopiesTheWal) {
  auto cp = BackgroundCheckpointer::Start(path_);
  ASSERT_NE(cp, nullptr);
  cp->HandOverCheckpoints(*db_, 100);
  Write(20);  // below the threshold: nobody is woken
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(cp->passes(), 0u);
  Write(200);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (cp->passes() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(cp->passes(), 1u);
  EXPECT_GT(DatabaseBytes(), 200u * 4000u);
  sqlite3_wal_hook(db_->raw(), nullptr, nullptr);
}

TEST_F(CheckpointerTest, HandedOverWritersNoLongerCheckpointInTheirCommits) {
  auto cp = BackgroundCheckpointer::Start(path_);
  ASSERT_NE(cp, nullptr);
  // A threshold no commit here reaches: only SQLite's own automatic checkpoint (1000 pages by
  // default) could copy the WAL, and the hand-over replaced it.
  cp->HandOverCheckpoints(*db_, 1 << 30);
  Write(1500);
  EXPECT_EQ(cp->passes(), 0u);
  EXPECT_LT(DatabaseBytes(), 100u * 4096u);
  // Without the hand-over, the same commit copies the WAL itself.
  sqlite3_wal_hook(db_->raw(), nullptr, nullptr);
  sqlite3_wal_autocheckpoint(db_->raw(), 1000);
  Write(1500);
  EXPECT_GT(DatabaseBytes(), 1500u * 4000u);
}

TEST_F(CheckpointerTest, IntervalPassesRunWithoutNotifications) {
  auto cp = BackgroundCheckpointer::Start(path_, std::chrono::milliseconds(10));
  ASSERT_NE(cp, nullptr);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (cp->passes() < 2 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(cp->passes(), 2u);
}

TEST_F(CheckpointerTest, ConnectionsToOneFileShareOneCheckpointer) {
  auto a = BackgroundCheckpointer::ForFile(path_);
  auto b = BackgroundCheckpointer::ForFile((dir_ / "." / "t.db").string());
  ASSERT_NE(a, nullptr);
  EXPECT_EQ(a.get(), b.get());
  auto other = BackgroundCheckpointer::ForFile((dir_ / "other.db").string());
  ASSERT_NE(other, nullptr);
  EXPECT_NE(other.get(), a.get());
  a.reset();
  b.reset();
  // Once nobody holds it, the next caller gets a running one again (not a stopped leftover).
  auto again = BackgroundCheckpointer::ForFile(path_);
  ASSERT_NE(again, nullptr);
  again->HandOverCheckpoints(*db_, 10);
  Write(50);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (again->passes() == 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_GE(again->passes(), 1u);
  sqlite3_wal_hook(db_->raw(), nullptr, nullptr);
}

TEST(Checkpointer, AFileThatCannotBeOpenedStartsNothing) {
  EXPECT_EQ(BackgroundCheckpointer::ForFile("/nonexistent-dir/sub/x.db"), nullptr);
  EXPECT_EQ(BackgroundCheckpointer::Start("/nonexistent-dir/sub/x.db"), nullptr);
}

}  // namespace
}  // namespace sbomhub::sqlite
