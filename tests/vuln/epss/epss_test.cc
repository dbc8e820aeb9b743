#include "vuln/epss/epss.h"

#include <gtest/gtest.h>

#include <string>

#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

std::string Fixture(const std::string& name) { return testing::Fixture("vuln/epss", name); }

// The .csv.gz fixtures are written by the build from the committed CSV (testdata/README.md).
std::string BuiltFixture(const std::string& name) { return testing::BuildDir() + "/tests/vuln/epss/testdata/" + name; }

TEST(EpssOfficial, ReadsModelLineHeaderAndRows) {
  Result<EpssSet> set = ReadEpss(Fixture("official/epss_scores-2025-03-14.csv"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->stats.model_version, "v2025.03.14");
  EXPECT_EQ(set->stats.score_date, "2025-03-14T00:00:00+0000");
  EXPECT_EQ(set->stats.rows, 3u);
  EXPECT_EQ(set->stats.accepted, 3u);
  EXPECT_EQ(set->stats.skipped, 0u);
  const EpssScore* log4j = set->Find("CVE-2021-44228");
  ASSERT_NE(log4j, nullptr);
  EXPECT_DOUBLE_EQ(log4j->epss, 0.94358);
  EXPECT_DOUBLE_EQ(log4j->percentile, 0.99973);
  ASSERT_NE(set->Find("CVE-2024-1234567"), nullptr);
  EXPECT_EQ(set->Find("CVE-2000-0001"), nullptr);
}

TEST(EpssOfficial, ReadsTheGzipCompressedFeedAsPublished) {
  Result<EpssSet> set = ReadEpss(BuiltFixture("gz/epss_scores-2025-03-14.csv.gz"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->stats.model_version, "v2025.03.14");
  EXPECT_EQ(set->stats.accepted, 3u);
  ASSERT_NE(set->Find("CVE-2021-44228"), nullptr);
  EXPECT_DOUBLE_EQ(set->Find("CVE-2021-44228")->epss, 0.94358);
  // A directory picks up .csv.gz files too.
  Result<EpssSet> dir = ReadEpss(BuiltFixture("gz"));
  ASSERT_TRUE(dir.ok()) << dir.status().ToString();
  EXPECT_EQ(dir->stats.files, 1u);
  EXPECT_EQ(dir->scores.size(), 3u);
}

TEST(EpssSplit, ReadsADirectoryOfSemicolonFilesWithoutHeader) {
  Result<EpssSet> set = ReadEpss(Fixture("split"));
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->stats.files, 2u);  // README.md is not a .csv file
  EXPECT_EQ(set->stats.accepted, 4u);
  EXPECT_TRUE(set->stats.model_version.empty());
  const EpssScore* heartbleed = set->Find("CVE-2014-0160");
  ASSERT_NE(heartbleed, nullptr);
  EXPECT_DOUBLE_EQ(heartbleed->epss, 0.94461);
  EXPECT_DOUBLE_EQ(set->Find("CVE-2021-44228")->percentile, 1.0);  // CRLF line ends
}

TEST(EpssBadRows, AreSkippedCountedAndReportedWithFileAndLine) {
  const std::string path = Fixture("bad/mixed_bad_rows.csv");
  Result<EpssSet> set = ReadEpss(path);
  ASSERT_TRUE(set.ok()) << set.status().ToString();
  EXPECT_EQ(set->stats.rows, 10u);
  EXPECT_EQ(set->stats.accepted, 2u);
  EXPECT_EQ(set->stats.skipped, 8u);
  ASSERT_EQ(set->stats.problems.size(), 8u);
  const std::vector<std::string> expected = {
      path + ":4: 'cve-2021-1' is not a CVE id",
      path + ":5: epss '1.5' is not a number between 0 and 1",
      path + ":6: percentile '-0.1' is not a number between 0 and 1",
      path + ":7: expected 3 fields (cve,epss,percentile), found 2",
      path + ":8: more than 3 fields",
      path + ":9: epss 'nan' is not a number between 0 and 1",
      path + ":10: epss '0x1' is not a number between 0 and 1",
      path + ":11: CVE-2021-44228: duplicate CVE id (the first score is kept)",
  };
  EXPECT_EQ(set->stats.problems, expected);
  // The duplicate kept the first score.
  EXPECT_DOUBLE_EQ(set->Find("CVE-2021-44228")->epss, 0.94358);
  EXPECT_DOUBLE_EQ(set->Find("CVE-2021-0007")->epss, 1.0);
}

TEST(EpssBadRows, KeepsOnlyTheFirstHundredProblemsButCountsAll) {
  std::string text = "cve,epss,percentile\n";
  for (int i = 0; i < 250; ++i) text += "bad,row,here\n";
  EpssReadStats stats;
  ASSERT_TRUE(StreamEpssText(text, "mem.csv", nullptr, stats).ok());
  EXPECT_EQ(stats.skipped, 250u);
  EXPECT_EQ(stats.problems.size(), EpssReadStats::kMaxKeptProblems);
  EXPECT_EQ(stats.problems.back(), "mem.csv:101: 'bad' is not a CVE id");
}

TEST(EpssBadRows, OverlongLineIsOneBadRow) {
  std::string text = "CVE-2021-0001;0.1;0.2\n" + std::string(5000, 'x') + "\nCVE-2021-0002;0.1;0.2";
  EpssReadStats stats;
  std::size_t seen = 0;
  ASSERT_TRUE(StreamEpssText(
                  text, "mem.csv",
                  [&](const EpssRow&) {
                    ++seen;
                    return std::string_view();
                  },
                  stats)
                  .ok());
  EXPECT_EQ(seen, 2u);
  EXPECT_EQ(stats.skipped, 1u);
  ASSERT_EQ(stats.problems.size(), 1u);
  EXPECT_EQ(stats.problems[0], "mem.csv:2: line longer than 1024 bytes");
}

TEST(EpssBadInput, FileWithoutSeparatedFieldsIsNotEpss) {
  Result<EpssSet> set = ReadEpss(Fixture("bad/not_epss.txt"));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kParseError);
  EXPECT_NE(set.status().message().find("not_epss.txt: not an EPSS CSV"), std::string::npos);
}

TEST(EpssBadInput, TruncatedGzipIsAParseError) {
  Result<EpssSet> set = ReadEpss(BuiltFixture("bad/truncated.csv.gz"));
  ASSERT_FALSE(set.ok());
  EXPECT_EQ(set.status().code(), StatusCode::kParseError) << set.status().ToString();
  EXPECT_NE(set.status().message().find("truncated.csv.gz: corrupt gzip data"), std::string::npos)
      << set.status().ToString();
}

TEST(EpssBadInput, MissingFileAndEmptyDirectoryAreErrors) {
  EXPECT_EQ(ReadEpss(Fixture("does-not-exist.csv")).status().code(), StatusCode::kIoError);
  EXPECT_EQ(ReadEpss(Fixture("")).status().code(), StatusCode::kNotFound);  // only subfolders
}

TEST(EpssText, EmptyAndCommentOnlyInputsHaveNoRows) {
  EpssReadStats stats;
  ASSERT_TRUE(StreamEpssText("", "a.csv", nullptr, stats).ok());
  ASSERT_TRUE(StreamEpssText("#model_version:v1\n\n", "b.csv", nullptr, stats).ok());
  EXPECT_EQ(stats.rows, 0u);
  EXPECT_EQ(stats.model_version, "v1");
  EXPECT_EQ(stats.files, 2u);
}

// Found by fuzz_epss_csv: a first line holding only a byte-order mark read past its end.
TEST(EpssText, FirstLineOfOnlyAByteOrderMarkIsBlank) {
  EpssReadStats stats;
  ASSERT_TRUE(StreamEpssText("\xEF\xBB\xBF", "bom.csv", nullptr, stats).ok());
  ASSERT_TRUE(StreamEpssText("\xEF\xBB\xBF\ncve,epss,percentile\nCVE-2021-0001,0.5,0.5\n",
                             "bom.csv", nullptr, stats)
                  .ok());
  EXPECT_EQ(stats.rows, 1u);
  EXPECT_EQ(stats.accepted, 1u);
}

}  // namespace
}  // namespace sbomhub::vuln
