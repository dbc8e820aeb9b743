#include "auth/login_throttle.h"

#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace sbomhub::auth {
namespace {

std::string UserKey(std::string_view user) { return "u:" + std::string(user); }
std::string ClientKey(std::string_view client) { return "c:" + std::string(client); }

}  // namespace

LoginThrottle::LoginThrottle(Options options, std::function<Clock::time_point()> now)
    : options_(options), now_(std::move(now)) {}

std::chrono::seconds LoginThrottle::Remaining(const std::string& key, Clock::time_point now) {
  auto it = entries_.find(key);
  if (it == entries_.end() || it->second.locked_until <= now) return std::chrono::seconds(0);
  // Rounded up: a client told "0" while still locked would retry at once.
  return std::chrono::ceil<std::chrono::seconds>(it->second.locked_until - now);
}

std::chrono::seconds LoginThrottle::RetryAfter(std::string_view user, std::string_view client) {
  std::lock_guard lock(mu_);
  auto now = now_();
  return std::max(Remaining(UserKey(user), now), Remaining(ClientKey(client), now));
}

void LoginThrottle::Fail(const std::string& key, int free_failures, Clock::time_point now) {
  Entry& e = entries_[key];
  if (e.failures > 0 && now - e.last_failure >= options_.forget_after) e = Entry{};
  ++e.failures;
  e.last_failure = now;
  // The attempt after the last free failure already waits: first_delay · 2^over, capped (the
  // shift is bounded so it cannot overflow).
  int over = e.failures - free_failures;
  if (over < 0) return;
  auto delay = options_.first_delay * (std::int64_t{1} << std::min(over, 30));
  e.locked_until = now + std::min<std::chrono::seconds>(delay, options_.max_delay);
}

void LoginThrottle::RecordFailure(std::string_view user, std::string_view client) {
  std::lock_guard lock(mu_);
  auto now = now_();
  if (entries_.size() + 2 > options_.max_entries) DropQuietEntries(now);
  Fail(UserKey(user), options_.free_failures_per_user, now);
  Fail(ClientKey(client), options_.free_failures_per_client, now);
}

void LoginThrottle::RecordSuccess(std::string_view user) {
  std::lock_guard lock(mu_);
  entries_.erase(UserKey(user));
}

void LoginThrottle::DropQuietEntries(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& kv) {
    return kv.second.locked_until <= now && now - kv.second.last_failure >= options_.forget_after;
  });
  if (entries_.size() + 2 <= options_.max_entries) return;
  // Still full of recent failures (a flood): keep the locked keys, drop the unlocked ones.
  std::erase_if(entries_, [&](const auto& kv) { return kv.second.locked_until <= now; });
  if (entries_.size() + 2 <= options_.max_entries) return;
  // Only locked keys remain and there are too many: forget the ones whose lock ends soonest.
  std::vector<std::pair<Clock::time_point, std::string>> by_end;
  by_end.reserve(entries_.size());
  for (const auto& [k, e] : entries_) by_end.emplace_back(e.locked_until, k);
  std::size_t drop = entries_.size() + 2 - options_.max_entries + options_.max_entries / 10;
  drop = std::min(drop, by_end.size());
  std::nth_element(by_end.begin(), by_end.begin() + static_cast<std::ptrdiff_t>(drop), by_end.end());
  for (std::size_t i = 0; i < drop; ++i) entries_.erase(by_end[i].second);
}

}  // namespace sbomhub::auth
