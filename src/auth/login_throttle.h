// Slows down password guessing at sign-in. Failures are counted per user name and per client
// address; once a name (or address) has used its free allowance, it is locked after each further
// failure for a delay that doubles up to a cap. A success clears the name's count. The lock is checked *before* the
// password is verified, so a locked name gives an attacker no answer at all.
//
// Why both keys: per-name counting stops a guesser who rotates addresses; per-address counting
// stops one address spraying many names. A per-name lock lets someone keep a known name locked —
// the cap keeps that to minutes, and the real user's API keys are unaffected.
//
// Thread-safe. Memory is bounded: at most `max_entries` keys, quiet ones dropped first.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sbomhub::auth {

class LoginThrottle {
 public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    int free_failures_per_user = 5;
    int free_failures_per_client = 20;
    std::chrono::seconds first_delay{1};  // after the last free failure
    std::chrono::seconds max_delay{15 * 60};
    std::chrono::seconds forget_after{60 * 60};  // a key quiet this long starts from zero
    std::size_t max_entries = 100'000;
  };

  LoginThrottle() : LoginThrottle(Options{}) {}
  explicit LoginThrottle(Options options, std::function<Clock::time_point()> now = Clock::now);

  // How long a sign-in as `user` from `client` must still wait; zero when it may go ahead.
  std::chrono::seconds RetryAfter(std::string_view user, std::string_view client);
  void RecordFailure(std::string_view user, std::string_view client);
  void RecordSuccess(std::string_view user);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point last_failure{};
    Clock::time_point locked_until{};
  };
  void Fail(const std::string& key, int free_failures, Clock::time_point now);
  std::chrono::seconds Remaining(const std::string& key, Clock::time_point now);
  void DropQuietEntries(Clock::time_point now);

  Options options_;
  std::function<Clock::time_point()> now_;
  std::mutex mu_;
  std::unordered_map<std::string, Entry> entries_;  // "u:<name>" and "c:<address>"
};

}  // namespace sbomhub::auth
