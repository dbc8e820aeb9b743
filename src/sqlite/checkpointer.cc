#include "sqlite/checkpointer.h"

#include <filesystem>
#include <map>
#include <system_error>

#include <sqlite3.h>

namespace sbomhub::sqlite {

std::unique_ptr<BackgroundCheckpointer> BackgroundCheckpointer::Start(
    const std::string& path, std::chrono::milliseconds interval) {
  // The wrapper's read-write open gives this connection the writer's durability (WAL + NORMAL:
  // the checkpoint fsyncs the WAL before copying and the database after).
  auto db = Database::Open(path, Database::Mode::kReadWrite);
  if (!db.ok()) return nullptr;
  try {
    return std::unique_ptr<BackgroundCheckpointer>(
        new BackgroundCheckpointer(std::move(db).value(), interval));
  } catch (const std::system_error&) {
    return nullptr;
  }
}

std::shared_ptr<BackgroundCheckpointer> BackgroundCheckpointer::ForFile(const std::string& path) {
  static std::mutex mu;
  static std::map<std::string, std::weak_ptr<BackgroundCheckpointer>> running;
  std::error_code ec;
  std::string key = std::filesystem::weakly_canonical(path, ec).string();
  if (ec) key = path;
  std::lock_guard lock(mu);
  if (auto shared = running[key].lock()) return shared;
  std::shared_ptr<BackgroundCheckpointer> started = Start(path);
  running[key] = started;
  // Forget files whose checkpointer is gone, so the map stays as small as what runs.
  std::erase_if(running, [](const auto& entry) { return entry.second.expired(); });
  return started;
}

BackgroundCheckpointer::BackgroundCheckpointer(std::unique_ptr<Database> db,
                                               std::chrono::milliseconds interval)
    : db_(std::move(db)), interval_(interval), thread_([this] { Run(); }) {}

BackgroundCheckpointer::~BackgroundCheckpointer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void BackgroundCheckpointer::Notify() {
  {
    std::lock_guard lock(mu_);
    pending_ = true;
  }
  wake_.notify_one();
}

void BackgroundCheckpointer::HandOverCheckpoints(Database& writer, int wal_pages) {
  wal_pages_.store(wal_pages, std::memory_order_relaxed);
  sqlite3_wal_hook(
      writer.raw(),
      [](void* self, sqlite3*, const char*, int frames) -> int {
        auto* me = static_cast<BackgroundCheckpointer*>(self);
        if (frames >= me->wal_pages_.load(std::memory_order_relaxed)) me->Notify();
        return SQLITE_OK;
      },
      this);
}

std::uint64_t BackgroundCheckpointer::passes() const {
  std::lock_guard lock(mu_);
  return passes_;
}

void BackgroundCheckpointer::Run() {
  std::unique_lock lock(mu_);
  while (!stop_) {
    auto woken = [this] { return stop_ || pending_; };
    if (interval_.count() > 0) {
      wake_.wait_for(lock, interval_, woken);
    } else {
      wake_.wait(lock, woken);
    }
    pending_ = false;
    lock.unlock();
    // Busy or locked only means the writer holds the database right now: the next pass retries.
    (void)sqlite3_wal_checkpoint_v2(db_->raw(), "main", SQLITE_CHECKPOINT_PASSIVE, nullptr,
                                    nullptr);
    lock.lock();
    ++passes_;
  }
}

}  // namespace sbomhub::sqlite
