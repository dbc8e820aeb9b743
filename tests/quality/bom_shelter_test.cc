// Quality and license evaluation on every real-world SBOM in bom-shelter: each decodable file gets
// a score in [0, 10] per profile and a license verdict per component; the score distribution is
// printed so two runs (or two versions of sbomhub) can be compared.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>

#include "base/file.h"
#include "formats/registry.h"
#include "license/policy.h"
#include "license/report.h"
#include "quality/quality.h"
#include "support/test_support.h"

namespace sbomhub::quality {
namespace {

TEST(BomShelter, EveryDecodableSbomGetsScoresAndLicenseVerdicts) {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::recursive_directory_iterator(testing::SharedData("bom-shelter/in-the-wild"))) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  auto profiles = ParseProfiles("all");
  ASSERT_TRUE(profiles.ok());
  license::Policy policy = license::Policy::Default();
  // profile -> score bucket (floor) -> count
  std::map<std::string, std::map<int, int>> histogram;
  std::map<std::string, double> sum;
  std::size_t assessed = 0;
  for (const auto& path : files) {
    auto decoded = formats::DecodeSbomFile(path.string(), kDefaultMaxInputBytes);
    if (!decoded.ok()) continue;
    ++assessed;
    QualityReport report = Assess(decoded->sbom, *profiles);
    ASSERT_EQ(report.profiles.size(), profiles->size()) << path;
    for (const auto& p : report.profiles) {
      EXPECT_GE(p.score, 0.0) << path;
      EXPECT_LE(p.score, 10.0) << path;
      EXPECT_FALSE(p.checks.empty()) << path;
      std::string name(ProfileName(p.profile));
      ++histogram[name][static_cast<int>(p.score)];
      sum[name] += p.score;
    }
    license::LicenseReport lic = license::BuildLicenseReport(decoded->sbom, policy);
    std::size_t expected = model::CountAllComponents(decoded->sbom);
    EXPECT_EQ(lic.components.size(), expected) << path;
  }
  std::printf("quality scores over %zu bom-shelter SBOMs (count per score band):\n", assessed);
  for (const auto& [profile, bands] : histogram) {
    std::printf("  %-15s mean %.2f |", profile.c_str(), sum[profile] / static_cast<double>(assessed));
    for (int b = 0; b <= 10; ++b) {
      auto it = bands.find(b);
      std::printf(" %d:%d", b, it == bands.end() ? 0 : it->second);
    }
    std::printf("\n");
  }
  EXPECT_GT(assessed, 50u);
}

}  // namespace
}  // namespace sbomhub::quality
