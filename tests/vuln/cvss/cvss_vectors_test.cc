// Every vector of the Red Hat cvss library's test suite (shared/data/cvss-vectors) must score
// exactly as expected. Lines look like
//   AV:N/AC:L/Au:N/C:P/I:P/A:P - (7.5, None, None)             (base, temporal, environmental)
//   CVSS:4.0/AV:N/.../SA:L - (9.2,)        or        CVSS:4.0/AV:N/.../SA:N - 0.0
#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

#include "base/text.h"
#include "support/test_support.h"
#include "vuln/cvss/cvss.h"

namespace sbomhub::vuln {
namespace {

struct Expected {
  std::string vector;
  std::vector<std::optional<double>> scores;  // nullopt for "None"
};

std::optional<Expected> ParseLine(std::string_view line) {
  std::size_t sep = line.find(" - ");
  if (sep == line.npos) return std::nullopt;
  Expected e;
  e.vector = std::string(line.substr(0, sep));
  std::string_view rest = TrimWhitespace(line.substr(sep + 3));
  if (!rest.empty() && rest.front() == '(') rest = rest.substr(1, rest.size() - 2);
  for (std::string_view item : Split(rest, ',')) {
    item = TrimWhitespace(item);
    if (item.empty()) continue;
    if (item == "None") {
      e.scores.push_back(std::nullopt);
    } else {
      e.scores.push_back(std::stod(std::string(item)));
    }
  }
  return e;
}

bool Same(std::optional<double> expected, std::optional<double> actual) {
  if (!expected || !actual) return expected.has_value() == actual.has_value();
  return std::fabs(*expected - *actual) < 1e-9;  // "-0.0" equals 0.0
}

std::string Show(std::optional<double> x) { return x ? std::to_string(*x) : "None"; }

class CvssVectorsFile : public ::testing::TestWithParam<const char*> {};

TEST_P(CvssVectorsFile, EveryVectorScoresAsExpected) {
  const std::string path = testing::SharedData(std::string("cvss-vectors/") + GetParam());
  std::ifstream in(path);
  ASSERT_TRUE(in) << "cannot open " << path;
  std::size_t total = 0, passed = 0, reported = 0;
  std::string line;
  std::size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (TrimWhitespace(line).empty()) continue;
    std::optional<Expected> e = ParseLine(line);
    ASSERT_TRUE(e.has_value()) << path << ":" << line_no << ": unexpected line";
    ++total;
    Result<CvssScores> s = ScoreCvssVector(e->vector);
    std::string problem;
    if (!s.ok()) {
      problem = s.status().ToString();
    } else {
      std::vector<std::optional<double>> actual = {s->base, s->temporal, s->environmental};
      for (std::size_t i = 0; i < e->scores.size(); ++i) {
        if (!Same(e->scores[i], actual[i])) {
          problem += "score " + std::to_string(i) + ": expected " + Show(e->scores[i]) + ", got " +
                     Show(actual[i]) + "; ";
        }
      }
    }
    if (problem.empty()) {
      ++passed;
    } else if (++reported <= 10) {
      ADD_FAILURE() << path << ":" << line_no << ": " << e->vector << ": " << problem;
    }
  }
  std::printf("%s: %zu/%zu\n", GetParam(), passed, total);
  EXPECT_GT(total, 0u);
  EXPECT_EQ(passed, total);
}

INSTANTIATE_TEST_SUITE_P(SharedData, CvssVectorsFile,
                         ::testing::Values("vectors_calculator2", "vectors_cvsslib2",
                                           "vectors_simple2", "vectors_calculator3",
                                           "vectors_cvsslib3", "vectors_simple3",
                                           "vectors_simple31", "vectors_simple4",
                                           "vectors_security4", "vectors_supplemental4",
                                           "vectors_threat4"));

}  // namespace
}  // namespace sbomhub::vuln
