// The EMBA per-year split of the FIRST EPSS feed (shared/data/epss-emba/EPSS_CVE_data).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_support.h"
#include "vuln/epss/epss.h"

namespace sbomhub::vuln {
namespace {

TEST(EpssSharedData, EveryRowOfEveryYearFileIsReadAndMatchesTheFile) {
  const std::string dir = testing::SharedData("epss-emba/EPSS_CVE_data");
  const auto start = std::chrono::steady_clock::now();
  Result<EpssSet> set = ReadEpss(dir);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  for (const std::string& p : set->stats.problems) ADD_FAILURE() << p;

  // Count and spot-check independently of the reader: every non-empty line is one row, and
  // every 997th row's values must be what the reader stored.
  std::size_t lines = 0, files = 0, checked = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() != ".csv") continue;
    ++files;
    std::ifstream in(entry.path());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      if (++lines % 997 != 0) continue;
      const std::size_t a = line.find(';');
      const std::size_t b = line.find(';', a + 1);
      ASSERT_NE(b, std::string::npos) << line;
      const EpssScore* s = set->Find(line.substr(0, a));
      ASSERT_NE(s, nullptr) << line;
      EXPECT_DOUBLE_EQ(s->epss, std::stod(line.substr(a + 1, b - a - 1))) << line;
      EXPECT_DOUBLE_EQ(s->percentile, std::stod(line.substr(b + 1))) << line;
      ++checked;
    }
  }
  EXPECT_EQ(set->stats.files, files);
  EXPECT_EQ(set->stats.rows, lines);
  EXPECT_EQ(set->stats.accepted, lines);
  EXPECT_EQ(set->scores.size(), lines);
  EXPECT_GT(lines, 300000u);
  const EpssScore* log4j = set->Find("CVE-2021-44228");
  ASSERT_NE(log4j, nullptr);
  EXPECT_DOUBLE_EQ(log4j->epss, 0.99999);  // grep CVE-2021-44228 CVE_2021_EPSS.csv
  std::printf(
      "epss-emba: %llu files, %llu/%llu rows accepted, %zu spot-checked, ReadEpss %lld ms\n",
      static_cast<unsigned long long>(set->stats.files),
      static_cast<unsigned long long>(set->stats.accepted),
      static_cast<unsigned long long>(set->stats.rows), checked,
      static_cast<long long>(elapsed.count()));
}

}  // namespace
}  // namespace sbomhub::vuln
