#include "vuln/advisory/npm_legacy.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <string>

#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

namespace fs = std::filesystem;

TEST(NpmLegacyImport, ImportsEveryNumberedAdvisoryAndSkipsTheIndex) {
  std::string dir = testing::SharedData("npm-advisories-nodejs-security-wg/vuln/npm");
  std::size_t numbered = 0;
  for (const auto& e : fs::directory_iterator(dir)) {
    std::string stem = e.path().stem().string();
    if (e.path().extension() == ".json" && !stem.empty() && stem.find_first_not_of("0123456789") == std::string::npos) {
      ++numbered;
    }
  }
  ImportStats stats;
  std::map<std::string, Advisory> by_id;
  ASSERT_TRUE(ImportNpmLegacy(dir,
                              [&](Advisory&& a) {
                                std::string id = a.id;
                                by_id.emplace(id, std::move(a));
                                return Status::Ok();
                              },
                              stats)
                  .ok());
  std::printf("npm legacy: %zu files, %zu records, %zu skipped\n", stats.files, stats.records, stats.skipped);
  EXPECT_EQ(numbered, 467u);
  EXPECT_EQ(stats.records, numbered);
  EXPECT_EQ(stats.skipped, 0u);

  const Advisory& a = by_id.at("NSWG-ECO-1");
  EXPECT_EQ(a.source, AdvisorySource::kNpmLegacy);
  EXPECT_EQ(a.source_id, "1");
  EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2014-7205"});
  EXPECT_EQ(a.summary, "Arbitrary JavaScript Execution");
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].type, SeverityType::kCvssV3);
  EXPECT_EQ(a.severities[0].base_score, 6.5);
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].purl, "pkg:npm/bassmaster");
  EXPECT_EQ(a.affected[0].npm_range, "<=1.5.1");
  EXPECT_EQ(a.affected[0].npm_patched_range, ">=1.5.2");
  EXPECT_EQ(a.references.size(), 2u);

  // Compound ranges stay verbatim for the version module.
  EXPECT_EQ(by_id.at("NSWG-ECO-8").affected[0].npm_range, "<3.11 || >= 4 <4.5");
  for (const auto& [id, adv] : by_id) {
    auto back = AdvisoryFromJson(AdvisoryToJson(adv));
    ASSERT_TRUE(back.ok()) << id;
    ASSERT_EQ(*back, adv) << id;
  }
}

TEST(NpmLegacyParse, ScopedNamesGetEncodedPurlsAndBadRecordsAreReported) {
  ImportStats stats;
  std::vector<Advisory> out;
  auto sink = [&](Advisory&& a) {
    out.push_back(std::move(a));
    return Status::Ok();
  };
  ASSERT_TRUE(ParseNpmLegacyJson(R"({"id":7,"module_name":"@scope/pkg","vulnerable_versions":"*","cves":[],"references":null})",
                                 "7.json", sink, stats)
                  .ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].affected[0].purl, "pkg:npm/%40scope/pkg");
  EXPECT_TRUE(out[0].references.empty());

  ASSERT_TRUE(ParseNpmLegacyJson(R"({"id":8,"vulnerable_versions":"*"})", "8.json", sink, stats).ok());
  ASSERT_TRUE(ParseNpmLegacyJson(R"({"id":9,"module_name":"x","vulnerable_versions":"*","cves":"CVE-1"})", "9.json", sink, stats).ok());
  ASSERT_EQ(stats.skipped, 2u);
  EXPECT_EQ(stats.issues[0].record_id, "8");
  EXPECT_NE(stats.issues[0].reason.find("module_name"), std::string::npos);
  EXPECT_NE(stats.issues[1].reason.find("/cves: expected an array"), std::string::npos) << stats.issues[1].reason;
}

}  // namespace
}  // namespace sbomhub::vuln
