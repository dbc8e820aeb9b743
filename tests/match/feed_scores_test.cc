// sbomhub computes severities from CVSS vectors itself (src/vuln/cvss). Every record in the shared
// feeds that publishes both a vector and a base score must get the same score from us.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <map>

#include "support/test_support.h"
#include "vuln/csaf/csaf.h"
#include "vuln/cve5/cve5.h"
#include "vuln/cvss/cvss.h"
#include "vuln/nvd/nvd.h"
#include "vuln/osv/osv.h"

namespace sbomhub::vuln {
namespace {

struct Tally {
  std::size_t compared = 0, equal = 0, unparsable = 0;
  std::size_t temporal_as_base = 0;     // the CNA put the temporal score in baseScore
  std::size_t invalid_case_caught = 0;  // CSAF validator cases that publish a wrong score on purpose
  std::size_t scope_changed_off_by_tenth = 0;  // a publisher's calculator, not the spec (see below)
  std::vector<std::string> differences;
};

TEST(FeedScores, ComputedBaseScoresEqualThePublishedOnes) {
  std::map<std::string, Tally> by_version;
  auto check = [&](Advisory&& a) {
    for (const auto& s : a.severities) {
      if (!s.base_score || s.vector.empty()) continue;
      auto parsed = CvssVector::Parse(s.vector);
      std::string version = parsed.ok() ? std::string(CvssVersionName(parsed->version())) : "?";
      Tally& t = by_version[version];
      if (!parsed.ok()) {
        ++t.unparsable;
        if (t.differences.size() < 10) t.differences.push_back(a.id + ": " + parsed.status().message());
        continue;
      }
      ++t.compared;
      CvssScores scores = parsed->Score();
      auto same = [&](double x) { return std::fabs(x - *s.base_score) < 0.05; };
      // The OASIS CSAF test suite's mandatory test 6.1.9 ("invalid CVSS computation") publishes
      // wrong scores on purpose in its failure cases -01 to -09 (testcases.json); -1x are valid.
      auto tc = a.id.find("-6-1-09-0");
      bool deliberately_wrong = tc != std::string::npos;
      if (deliberately_wrong) {
        if (!same(scores.base)) {
          ++t.equal;
          ++t.invalid_case_caught;
        } else if (t.differences.size() < 10) {
          t.differences.push_back(a.id + ": a deliberately wrong score was reproduced");
        }
      } else if (same(scores.base)) {
        ++t.equal;
      } else if (scores.temporal && same(*scores.temporal)) {
        ++t.equal;
        ++t.temporal_as_base;
      } else if (parsed->version() == CvssVersion::kV3_1 && parsed->Value("S") == "C" &&
                 std::fabs(scores.base - *s.base_score) < 0.15) {
        // A handful of CNA records (GitHub_M in the vulnrichment subset) score Scope:Changed 3.1
        // vectors 0.1 above the specification's Roundup result; the official test vectors agree
        // with us (tests/vuln/cvss), so these are counted, printed and not treated as our error.
        ++t.equal;
        ++t.scope_changed_off_by_tenth;
        std::printf("  feed differs from the CVSS 3.1 specification: %s %s feed %.1f, spec %.1f (%s)\n",
                    a.id.c_str(), s.vector.c_str(), *s.base_score, scores.base, s.source.c_str());
      } else if (t.differences.size() < 10) {
        t.differences.push_back(a.id + " " + s.vector + ": feed " + std::to_string(*s.base_score) + ", ours " +
                                std::to_string(scores.base) + " (" + s.source + ")");
      }
    }
    return Status::Ok();
  };
  ImportStats stats;
  ASSERT_TRUE(ImportNvd(testing::SharedData("nvd-json-samples"), check, stats).ok());
  ASSERT_TRUE(ImportCve5(testing::SharedData("cve5-cisa-vulnrichment"), check, stats).ok());
  ASSERT_TRUE(ImportCsaf(testing::SharedData("csaf-oasis"), check, stats).ok());
  ASSERT_TRUE(ImportCsaf(testing::SharedData("csaf-vendor-samples"), check, stats).ok());
  ASSERT_TRUE(ImportOsv(testing::SharedData("osv-tools-testdata"), check, stats).ok());
  std::size_t total = 0;
  for (const auto& [version, t] : by_version) {
    std::printf("CVSS %s: %zu/%zu feed scores accounted for: %zu reproduced exactly, %zu published the temporal "
                "score as base, %zu deliberately wrong CSAF test scores rejected, %zu scope-changed scores 0.1 off "
                "the specification; %zu vectors unparsable\n",
                version.c_str(), t.equal, t.compared,
                t.equal - t.temporal_as_base - t.invalid_case_caught - t.scope_changed_off_by_tenth,
                t.temporal_as_base, t.invalid_case_caught, t.scope_changed_off_by_tenth, t.unparsable);
    total += t.compared;
    std::string diffs;
    for (const auto& d : t.differences) diffs += "\n  " + d;
    EXPECT_EQ(t.equal, t.compared) << "CVSS " << version << diffs;
  }
  EXPECT_GT(total, 1000u);
}

}  // namespace
}  // namespace sbomhub::vuln
