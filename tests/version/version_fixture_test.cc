// Our own version-order fixtures (tests/version/testdata/<scheme>-versions.txt): chains written
// from each scheme's specification; they run without the shared data.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <string>

#include "support/test_support.h"
#include "version/order_fixture.h"

namespace sbomhub::version {
namespace {

struct FileCase {
  const char* file;
  Scheme scheme;
};

class VersionFixtureTest : public ::testing::TestWithParam<FileCase> {};

TEST_P(VersionFixtureTest, EveryComparisonHolds) {
  const FileCase& c = GetParam();
  const auto r = testing::CheckOrderFile(sbomhub::testing::Fixture("version", c.file), c.scheme);
  std::printf("%s: %zu/%zu\n", c.file, r.passed, r.total);
  for (const auto& f : r.failures) ADD_FAILURE() << f;
  EXPECT_GE(r.total, 20u);
  EXPECT_EQ(r.passed, r.total);
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, VersionFixtureTest,
    ::testing::Values(FileCase{"semver-versions.txt", Scheme::kSemver}, FileCase{"golang-versions.txt", Scheme::kGo},
                      FileCase{"pub-versions.txt", Scheme::kPub}, FileCase{"pypi-versions.txt", Scheme::kPep440},
                      FileCase{"maven-versions.txt", Scheme::kMaven}, FileCase{"debian-versions.txt", Scheme::kDebian},
                      FileCase{"rpm-versions.txt", Scheme::kRpm}, FileCase{"alpine-versions.txt", Scheme::kAlpine},
                      FileCase{"rubygems-versions.txt", Scheme::kRubyGems},
                      FileCase{"nuget-versions.txt", Scheme::kNuGet},
                      FileCase{"composer-versions.txt", Scheme::kComposer},
                      FileCase{"cran-versions.txt", Scheme::kCran}, FileCase{"hackage-versions.txt", Scheme::kHackage},
                      FileCase{"generic-versions.txt", Scheme::kGeneric}),
    [](const ::testing::TestParamInfo<FileCase>& info) {
      std::string name = info.param.file;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

// The checker itself must notice a wrong line, or every fixture test above could pass vacuously.
TEST(OrderFixture, ReportsAWrongComparisonAndAnUnreadableLine) {
  const std::string path = sbomhub::testing::BuildDir() + "/version_order_fixture_selftest.txt";
  {
    std::ofstream out(path);
    out << "# comment\n\n1.0.0 < 2.0.0\n2.0.0 < 1.0.0\n1.0.0 ~ 2.0.0\n";
  }
  const auto r = testing::CheckOrderFile(path, Scheme::kSemver);
  EXPECT_EQ(r.total, 3u);
  EXPECT_EQ(r.passed, 1u);
  EXPECT_EQ(r.failures.size(), 2u);
}

}  // namespace
}  // namespace sbomhub::version
