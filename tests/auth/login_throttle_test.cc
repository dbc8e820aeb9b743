// The sign-in throttle: free failures, doubling locks with a cap, per-name and per-address keys,
// success clearing the name, quiet keys forgotten, memory bounded.
#include "auth/login_throttle.h"

#include <gtest/gtest.h>

#include <string>

namespace sbomhub::auth {
namespace {

using std::chrono::seconds;

class FakeClock {
 public:
  LoginThrottle::Clock::time_point now{std::chrono::hours(1000)};
  std::function<LoginThrottle::Clock::time_point()> Fn() {
    return [this] { return now; };
  }
};

LoginThrottle::Options Small() {
  LoginThrottle::Options o;
  o.free_failures_per_user = 3;
  o.free_failures_per_client = 10;
  o.first_delay = seconds(2);
  o.max_delay = seconds(60);
  o.forget_after = seconds(600);
  return o;
}

TEST(LoginThrottle, FreeFailuresThenDoublingLocksUpToTheCap) {
  FakeClock clock;
  LoginThrottle t(Small(), clock.Fn());
  for (int i = 0; i < 2; ++i) {
    t.RecordFailure("alice", "10.0.0.1");
    EXPECT_EQ(t.RetryAfter("alice", "10.0.0.1"), seconds(0)) << "failure " << i + 1 << " is free";
  }
  t.RecordFailure("alice", "10.0.0.1");
  EXPECT_EQ(t.RetryAfter("alice", "10.0.0.1"), seconds(2)) << "the attempt after the third free failure waits";
  EXPECT_EQ(t.RetryAfter("alice", "10.9.9.9"), seconds(2)) << "the name is locked from any address";
  EXPECT_EQ(t.RetryAfter("bob", "10.0.0.1"), seconds(0)) << "the address is still under its allowance";
  clock.now += seconds(2);
  EXPECT_EQ(t.RetryAfter("alice", "10.0.0.1"), seconds(0));
  t.RecordFailure("alice", "10.0.0.1");
  EXPECT_EQ(t.RetryAfter("alice", "10.0.0.1"), seconds(4));
  for (int i = 0; i < 10; ++i) t.RecordFailure("alice", "10.0.0.1");
  EXPECT_EQ(t.RetryAfter("alice", "10.0.0.2"), seconds(60)) << "capped at max_delay";
}

TEST(LoginThrottle, RemainingTimeIsRoundedUp) {
  FakeClock clock;
  LoginThrottle t(Small(), clock.Fn());
  for (int i = 0; i < 3; ++i) t.RecordFailure("alice", "a");
  clock.now += std::chrono::milliseconds(1500);
  EXPECT_EQ(t.RetryAfter("alice", "a"), seconds(1));
}

TEST(LoginThrottle, SuccessClearsTheNameButNotTheAddress) {
  FakeClock clock;
  LoginThrottle t(Small(), clock.Fn());
  for (int i = 0; i < 10; ++i) t.RecordFailure("user" + std::to_string(i), "10.0.0.7");
  EXPECT_EQ(t.RetryAfter("someone-else", "10.0.0.7"), seconds(2)) << "one address spraying names is locked";
  EXPECT_EQ(t.RetryAfter("someone-else", "10.0.0.8"), seconds(0));
  for (int i = 0; i < 2; ++i) t.RecordFailure("carol", "10.0.0.8");
  t.RecordSuccess("carol");
  t.RecordFailure("carol", "10.0.0.8");
  EXPECT_EQ(t.RetryAfter("carol", "10.0.0.9"), seconds(0)) << "the count restarted after the success";
}

TEST(LoginThrottle, QuietKeysStartFromZero) {
  FakeClock clock;
  LoginThrottle t(Small(), clock.Fn());
  for (int i = 0; i < 2; ++i) t.RecordFailure("alice", "a");
  clock.now += seconds(600);
  t.RecordFailure("alice", "a");
  EXPECT_EQ(t.RetryAfter("alice", "a"), seconds(0));
}

TEST(LoginThrottle, MemoryStaysBoundedAndLockedKeysSurviveAFlood) {
  FakeClock clock;
  auto o = Small();
  o.max_entries = 100;
  LoginThrottle t(o, clock.Fn());
  for (int i = 0; i < 3; ++i) t.RecordFailure("target", "attacker");
  ASSERT_GT(t.RetryAfter("target", "elsewhere"), seconds(0));
  // A flood of one-off names from many addresses must not evict the locked name.
  for (int i = 0; i < 10'000; ++i) t.RecordFailure("n" + std::to_string(i), "addr" + std::to_string(i));
  EXPECT_GT(t.RetryAfter("target", "elsewhere"), seconds(0));
}

}  // namespace
}  // namespace sbomhub::auth
