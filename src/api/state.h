// Server-wide state shared by the dispatcher and the handlers (internal to src/api).
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <semaphore>
#include <vector>

#include "api/server.h"
#include "auth/login_throttle.h"
#include "store/store.h"

namespace sbomhub::api {

// Stores handed to one request at a time. Grows on demand up to the number of server threads
// (plus the background worker); a Store that reported kUnavailable is dropped, not reused.
class StorePool {
 public:
  explicit StorePool(std::function<Result<std::unique_ptr<store::Store>>()> open) : open_(std::move(open)) {}

  class Lease {
   public:
    Lease(StorePool* pool, std::unique_ptr<store::Store> s) : pool_(pool), store_(std::move(s)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = default;
    ~Lease() {
      if (pool_ != nullptr && store_ != nullptr) pool_->Return(std::move(store_));
    }
    store::Store& operator*() { return *store_; }
    store::Store* operator->() { return store_.get(); }
    // Do not give this connection back (it failed in a way that may persist).
    void Discard() { store_.reset(); }

   private:
    StorePool* pool_;
    std::unique_ptr<store::Store> store_;
  };

  Result<Lease> Acquire();

 private:
  void Return(std::unique_ptr<store::Store> s);

  std::function<Result<std::unique_ptr<store::Store>>()> open_;
  std::mutex mu_;
  std::vector<std::unique_ptr<store::Store>> idle_;
};

class ServerState {
 public:
  explicit ServerState(ServerOptions o) : options(std::move(o)), pool(options.open_store) {}

  ServerOptions options;
  StorePool pool;
  // Argon2id takes 64 MiB per hash: at most this many run at once.
  std::counting_semaphore<64> hash_slots{2};
  // Failed sign-ins per user name and client address (in memory: a restart forgets them).
  auth::LoginThrottle login_throttle;
};

}  // namespace sbomhub::api
