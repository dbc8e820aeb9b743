#pragma once
// WAL checkpoints on a connection and thread of their own, so the writer's commits never pay for
// the page copies and fsyncs of a checkpoint.

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "sqlite/sqlite.h"

namespace sbomhub::sqlite {

// Checkpoints the WAL of the database at `path` passively (never blocking the writer or readers)
// whenever it is woken: by Notify(), and, with a non-zero `interval`, every `interval` as well.
// A long import uses the interval so the copies overlap its parsing; a store hands the writer
// connection to HandOverCheckpoints(), whose commits then wake it once the WAL has grown.
// Stops on destruction, after one last pass.
class BackgroundCheckpointer {
 public:
  // nullptr (and nothing started) when the file cannot be opened or no thread can be had: the
  // writer then keeps SQLite's automatic checkpoints.
  static std::unique_ptr<BackgroundCheckpointer> Start(
      const std::string& path, std::chrono::milliseconds interval = std::chrono::milliseconds(0));
  // One per database file in the process, shared by every connection that hands it its
  // checkpoints (a server keeps a pool of store connections to one file). nullptr as Start.
  static std::shared_ptr<BackgroundCheckpointer> ForFile(const std::string& path);
  ~BackgroundCheckpointer();
  BackgroundCheckpointer(const BackgroundCheckpointer&) = delete;
  BackgroundCheckpointer& operator=(const BackgroundCheckpointer&) = delete;

  // Asks for a pass soon; cheap, callable from any thread.
  void Notify();

  // Turns off the automatic checkpoint of `writer` (a connection to the same file) and has each
  // of its commits that leaves at least `wal_pages` frames in the WAL call Notify() instead.
  // `writer` must not outlive this object, or must get its hook back (sqlite3_wal_hook) first.
  // Every writer handed over shares one `wal_pages` (the last one given).
  void HandOverCheckpoints(Database& writer, int wal_pages = 1000);

  // Passes that ran (for tests).
  std::uint64_t passes() const;

 private:
  BackgroundCheckpointer(std::unique_ptr<Database> db, std::chrono::milliseconds interval);
  void Run();

  std::unique_ptr<Database> db_;
  std::chrono::milliseconds interval_;
  std::atomic<int> wal_pages_{1000};  // read by every handed-over writer's commits
  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool stop_ = false;
  bool pending_ = false;
  std::uint64_t passes_ = 0;
  std::thread thread_;
};

}  // namespace sbomhub::sqlite
