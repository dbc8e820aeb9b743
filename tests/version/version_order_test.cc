// Runs every comparison of shared/data/version-order (osv-scalibr's fixtures, ~72,000 lines, the
// *-generated files produced by each ecosystem's own implementation) and prints per-file totals.
#include <gtest/gtest.h>

#include <cctype>
#include <cstdio>
#include <string>

#include "support/test_support.h"
#include "version/order_fixture.h"

namespace sbomhub::version {
namespace {

struct FileCase {
  const char* file;
  Scheme scheme;
};

class VersionOrderTest : public ::testing::TestWithParam<FileCase> {};

TEST_P(VersionOrderTest, EveryComparisonHolds) {
  const FileCase& c = GetParam();
  const auto r = testing::CheckOrderFile(sbomhub::testing::SharedData(std::string("version-order/") + c.file), c.scheme);
  std::printf("%s: %zu/%zu\n", c.file, r.passed, r.total);
  for (const auto& f : r.failures) ADD_FAILURE() << f;
  EXPECT_GT(r.total, 0u);
  EXPECT_EQ(r.passed, r.total);
}

INSTANTIATE_TEST_SUITE_P(
    SharedData, VersionOrderTest,
    ::testing::Values(FileCase{"alpine-versions.txt", Scheme::kAlpine},
                      FileCase{"alpine-versions-generated.txt", Scheme::kAlpine},
                      FileCase{"cran-versions.txt", Scheme::kCran},
                      FileCase{"cran-versions-generated.txt", Scheme::kCran},
                      FileCase{"debian-versions.txt", Scheme::kDebian},
                      FileCase{"debian-versions-generated.txt", Scheme::kDebian},
                      FileCase{"hackage-versions.txt", Scheme::kHackage},
                      FileCase{"maven-versions.txt", Scheme::kMaven},
                      FileCase{"maven-versions-generated.txt", Scheme::kMaven},
                      FileCase{"nuget-versions.txt", Scheme::kNuGet},
                      FileCase{"packagist-versions.txt", Scheme::kComposer},
                      FileCase{"packagist-versions-generated.txt", Scheme::kComposer},
                      FileCase{"pub-versions.txt", Scheme::kPub},
                      FileCase{"pypi-versions.txt", Scheme::kPep440},
                      FileCase{"pypi-versions-generated.txt", Scheme::kPep440},
                      FileCase{"redhat-versions.txt", Scheme::kRpm},
                      FileCase{"rubygems-versions.txt", Scheme::kRubyGems},
                      FileCase{"rubygems-versions-generated.txt", Scheme::kRubyGems},
                      FileCase{"semver-versions.txt", Scheme::kSemver}),
    [](const ::testing::TestParamInfo<FileCase>& info) {
      std::string name = info.param.file;
      for (char& ch : name) {
        if (!std::isalnum(static_cast<unsigned char>(ch))) ch = '_';
      }
      return name;
    });

}  // namespace
}  // namespace sbomhub::version
