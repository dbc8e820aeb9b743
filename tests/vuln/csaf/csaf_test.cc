#include "vuln/csaf/csaf.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Issues(const ImportStats& stats) {
  std::string out;
  for (const auto& i : stats.issues) out += i.ToString() + "\n";
  return out;
}

// Files and vulnerabilities under `dir`, counted with an independent parser.
std::pair<std::size_t, std::size_t> CountDocs(const std::string& dir) {
  std::size_t files = 0, vulns = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    ++files;
    auto doc = nlohmann::json::parse(Slurp(e.path()), nullptr, false);
    if (doc.is_object() && doc.contains("vulnerabilities")) vulns += doc["vulnerabilities"].size();
  }
  return {files, vulns};
}

std::multimap<std::string, Advisory> ImportAll(const std::string& path, ImportStats& stats) {
  std::multimap<std::string, Advisory> out;
  Status s = ImportCsaf(
      path,
      [&](Advisory&& a) {
        std::string id = a.id;
        out.emplace(id, std::move(a));
        return Status::Ok();
      },
      stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  for (const auto& [id, a] : out) {
    auto back = AdvisoryFromJson(AdvisoryToJson(a));
    EXPECT_TRUE(back.ok() && *back == a) << id;
  }
  return out;
}

TEST(CsafImport, ImportsEveryOasisExampleIncludingVex) {
  for (std::string version : {"csaf_2.0", "csaf_2.1"}) {
    std::string dir = testing::SharedData("csaf-oasis/" + version + "/examples/csaf");
    auto [files, vulns] = CountDocs(dir);
    ImportStats stats;
    auto by_id = ImportAll(dir, stats);
    std::printf("%s examples: %zu files, %zu advisories, %zu skipped\n", version.c_str(), stats.files, stats.records,
                stats.skipped);
    EXPECT_GT(files, 10u);
    EXPECT_EQ(stats.files, files);
    EXPECT_EQ(stats.records, vulns);
    EXPECT_EQ(stats.skipped, 0u) << Issues(stats);
  }
}

TEST(CsafImport, ImportsRedHatAdvisoriesAndVexWithProductStatusPerCve) {
  std::string dir = testing::SharedData("csaf-vendor-samples/redhat");
  auto [files, vulns] = CountDocs(dir);
  ImportStats stats;
  auto by_id = ImportAll(dir, stats);
  std::printf("redhat: %zu files, %zu advisories, %zu skipped\n", stats.files, stats.records, stats.skipped);
  EXPECT_EQ(stats.files, files);
  EXPECT_EQ(stats.records, vulns);
  EXPECT_EQ(stats.skipped, 0u) << Issues(stats);

  auto doc = ParseCsaf(Slurp(testing::SharedData("csaf-vendor-samples/redhat/vex/v1/unpacked_csaf_vex_2024-08-04/2023/cve-2023-6212.json")));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  EXPECT_EQ(doc->tracking_id, "CVE-2023-6212");
  EXPECT_EQ(doc->current_release_date, "2024-08-02T12:22:40+00:00");
  EXPECT_EQ(doc->category, "csaf_vex");
  ASSERT_EQ(doc->vulnerabilities.size(), 1u);
  const CsafVulnerability& v = doc->vulnerabilities[0];
  EXPECT_EQ(v.cve, "CVE-2023-6212");
  EXPECT_EQ(v.cwes, std::vector<std::string>{"CWE-120"});
  std::map<std::string, std::size_t> group_sizes;
  for (const auto& g : v.product_status) group_sizes[g.category] = g.product_ids.size();
  EXPECT_EQ(group_sizes["fixed"], 331u);
  EXPECT_EQ(group_sizes["known_affected"], 2u);
  // A relationship product takes the purl of its component.
  const CsafProduct* p = doc->FindProduct("7Client-7.9.Z:firefox-0:115.5.0-1.el7_9.i686");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->purl, "pkg:rpm/redhat/firefox@115.5.0-1.el7_9?arch=i686");
  EXPECT_EQ(p->platform_id, "7Client-7.9.Z");
  EXPECT_EQ(p->component_id, "firefox-0:115.5.0-1.el7_9.i686");
  EXPECT_EQ(doc->FindProduct("red_hat_enterprise_linux_6")->cpe, "cpe:/o:redhat:enterprise_linux:6");
  EXPECT_FALSE(v.remediations.empty());
  EXPECT_EQ(v.remediations[0].category, "vendor_fix");

  auto advisories = CsafToAdvisories(*doc);
  ASSERT_EQ(advisories.size(), 1u);
  const Advisory& a = advisories[0];
  EXPECT_EQ(a.id, "CVE-2023-6212");
  EXPECT_EQ(a.source, AdvisorySource::kCsaf);
  EXPECT_EQ(a.source_id, "CVE-2023-6212");
  EXPECT_TRUE(a.aliases.empty());  // the Bugzilla id is not an advisory alias
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].base_score, 8.8);
  EXPECT_EQ(a.severities[0].source, "Red Hat Product Security");
  EXPECT_EQ(a.affected.size(), 333u);
  std::size_t fixed_with_purl = 0;
  for (const auto& pkg : a.affected) {
    if (pkg.status == ProductStatus::kFixed && pkg.purl.starts_with("pkg:rpm/redhat/firefox")) ++fixed_with_purl;
  }
  EXPECT_GT(fixed_with_purl, 100u);
}

TEST(CsafImport, KeepsVexNotAffectedStatusAndJustificationFlags) {
  auto doc = ParseCsaf(Slurp(testing::SharedData("csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/2022-evd-uc-01-na-001.json")));
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  ASSERT_EQ(doc->vulnerabilities.size(), 1u);
  const CsafVulnerability& v = doc->vulnerabilities[0];
  EXPECT_EQ(v.cve, "CVE-2021-44228");
  ASSERT_EQ(v.product_status.size(), 1u);
  EXPECT_EQ(v.product_status[0].category, "known_not_affected");
  EXPECT_EQ(v.product_status[0].status, ProductStatus::kNotAffected);
  EXPECT_EQ(v.product_status[0].product_ids, std::vector<std::string>{"CSAFPID-0001"});
  // This use case states its impact statement as a threat; the flag form is in sec-vex below.
  ASSERT_EQ(v.threats.size(), 1u);
  EXPECT_EQ(v.threats[0].category, "impact");
  EXPECT_EQ(v.threats[0].product_ids, std::vector<std::string>{"CSAFPID-0001"});
  auto advisories = CsafToAdvisories(*doc);
  ASSERT_EQ(advisories[0].affected.size(), 1u);
  EXPECT_EQ(advisories[0].affected[0].status, ProductStatus::kNotAffected);
  EXPECT_EQ(advisories[0].affected[0].name, "Example Company ABC 4.2");

  auto flagged = ParseCsaf(Slurp(testing::SharedData("csaf-oasis/csaf_2.0/examples/csaf/csaf_vex/sec-vex-2022-0001.json")));
  ASSERT_TRUE(flagged.ok()) << flagged.status().ToString();
  ASSERT_EQ(flagged->vulnerabilities[0].flags.size(), 1u);
  EXPECT_EQ(flagged->vulnerabilities[0].flags[0].label, "component_not_present");
  EXPECT_FALSE(flagged->vulnerabilities[0].flags[0].product_ids.empty());
}

TEST(CsafImport, SurvivesTheValidatorSuiteAndNamesWhatIsWrong) {
  // The OASIS validator cases are mostly invalid documents: none may crash the importer, every
  // file is accounted for, and rejected ones carry a JSON pointer or a "not CSAF" reason.
  for (std::string version : {"csaf_2.0", "csaf_2.1"}) {
    std::string dir = testing::SharedData("csaf-oasis/" + version + "/test/validator/data");
    if (!fs::exists(dir)) continue;
    auto [files, vulns] = CountDocs(dir);
    ImportStats stats;
    std::size_t records = 0;
    ASSERT_TRUE(ImportCsaf(dir, [&](Advisory&&) { ++records; return Status::Ok(); }, stats).ok());
    std::printf("%s validator data: %zu files, %zu advisories, %zu rejected files\n", version.c_str(), stats.files,
                records, stats.skipped);
    EXPECT_EQ(stats.files, files);
    EXPECT_LE(stats.skipped, files);
    EXPECT_GT(records, 0u);
    for (const auto& issue : stats.issues) {
      EXPECT_TRUE(issue.reason.find(": ") != std::string::npos) << issue.ToString();
    }
  }
}

TEST(CsafParse, RejectsNonCsafAndWrongTypesWithPointer) {
  auto not_csaf = ParseCsaf(R"({"id":"GO-1","modified":"x"})");
  ASSERT_FALSE(not_csaf.ok());
  EXPECT_EQ(not_csaf.status().code(), StatusCode::kInvalidDocument);
  EXPECT_NE(not_csaf.status().message().find("not a CSAF document"), std::string::npos);

  auto bad = ParseCsaf(R"({"document":{"csaf_version":"2.0","tracking":{"id":"X-1"}},
    "vulnerabilities":[{"cve":"CVE-1","product_status":{"fixed":["a", 3]}}]})");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("X-1: /vulnerabilities/0/product_status/fixed/1: expected a string"),
            std::string::npos)
      << bad.status().message();

  auto broken = ParseCsaf("{\"document\": [}");
  ASSERT_FALSE(broken.ok());
  EXPECT_EQ(broken.status().code(), StatusCode::kParseError);
  EXPECT_NE(broken.status().message().find("line 1, column"), std::string::npos) << broken.status().message();
}

TEST(CsafConvert, FallsBackToIdsThenTrackingIdWhenThereIsNoCve) {
  auto doc = ParseCsaf(R"({"document":{"csaf_version":"2.0","tracking":{"id":"ACME-2024-1","current_release_date":"d"}},
    "vulnerabilities":[{"ids":[{"system_name":"GHSA","text":"GHSA-aaaa-bbbb-cccc"}]},{"title":"no ids"}]})");
  ASSERT_TRUE(doc.ok()) << doc.status().ToString();
  auto advisories = CsafToAdvisories(*doc);
  ASSERT_EQ(advisories.size(), 2u);
  EXPECT_EQ(advisories[0].id, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(advisories[1].id, "ACME-2024-1#2");
  EXPECT_EQ(advisories[1].source_id, "ACME-2024-1");
}

}  // namespace
}  // namespace sbomhub::vuln
