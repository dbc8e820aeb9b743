#include "vuln/cve5/cve5.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

namespace fs = std::filesystem;

std::string Issues(const ImportStats& stats) {
  std::string out;
  for (const auto& i : stats.issues) out += i.ToString() + "\n";
  return out;
}

TEST(Cve5Import, ImportsEveryVulnrichmentRecord) {
  std::string dir = testing::SharedData("cve5-cisa-vulnrichment");
  std::size_t files = 0, with_ssvc = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file() || e.path().extension() != ".json") continue;
    ++files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().find("\"ssvc\"") != std::string::npos) ++with_ssvc;
  }
  ImportStats stats;
  std::map<std::string, Advisory> by_id;
  std::size_t ssvc = 0, adp_cpes = 0;
  ASSERT_TRUE(ImportCve5(dir,
                         [&](Advisory&& a) {
                           if (a.ssvc) ++ssvc;
                           for (const auto& af : a.cve5_affected) {
                             if (af.container == "CISA-ADP" && !af.cpes.empty()) ++adp_cpes;
                           }
                           std::string id = a.id;
                           by_id.emplace(id, std::move(a));
                           return Status::Ok();
                         },
                         stats)
                  .ok());
  std::printf("cve5: %zu files, %zu records, %zu skipped, %zu with SSVC, %zu CISA-ADP affected entries with CPEs\n",
              stats.files, stats.records, stats.skipped, ssvc, adp_cpes);
  EXPECT_EQ(files, 1500u);
  EXPECT_EQ(stats.records, files);
  EXPECT_EQ(by_id.size(), files);
  EXPECT_EQ(stats.skipped, 0u) << Issues(stats);
  EXPECT_EQ(ssvc, with_ssvc);
  EXPECT_GE(adp_cpes, files);  // the subset was chosen for CISA-ADP CPE applicability

  const Advisory& a = by_id.at("CVE-2019-0344");
  EXPECT_EQ(a.source, AdvisorySource::kCve5);
  EXPECT_EQ(a.schema_version, "5.1");
  ASSERT_TRUE(a.ssvc.has_value());
  EXPECT_EQ(a.ssvc->exploitation, "active");
  EXPECT_EQ(a.ssvc->automatable, "yes");
  EXPECT_EQ(a.ssvc->technical_impact, "total");
  EXPECT_EQ(a.ssvc->version, "2.0.3");
  EXPECT_EQ(a.kev_date_added, "2024-09-30");
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  EXPECT_EQ(a.severities[0].base_score, 9.8);
  EXPECT_EQ(a.severities[0].source, "CISA-ADP");
  EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-502"});
  EXPECT_EQ(a.references.size(), 2u);  // the CVE Program container repeats the CNA's URLs
  ASSERT_EQ(a.cve5_affected.size(), 2u);
  EXPECT_EQ(a.cve5_affected[0].container, "cna");
  EXPECT_EQ(a.cve5_affected[0].vendor, "SAP SE");
  EXPECT_EQ(a.cve5_affected[0].versions[0].version, "< 6.4");
  EXPECT_EQ(a.cve5_affected[1].container, "CISA-ADP");
  EXPECT_EQ(a.cve5_affected[1].cpes.size(), 7u);
  EXPECT_EQ(a.cve5_affected[1].cpes[0], "cpe:2.3:a:sap:commerce_cloud:1808:*:*:*:*:*:*:*");
  EXPECT_EQ(a.cve5_affected[1].default_status, "unknown");
  EXPECT_TRUE(a.details.starts_with("Due to unsafe deserialization"));

  // Version ranges keep lessThan / lessThanOrEqual / versionType as published.
  std::size_t ranged = 0;
  for (const auto& [id, adv] : by_id) {
    for (const auto& af : adv.cve5_affected) {
      for (const auto& v : af.versions) {
        if (!v.less_than.empty() || !v.less_than_or_equal.empty()) ++ranged;
      }
    }
    auto back = AdvisoryFromJson(AdvisoryToJson(adv));
    ASSERT_TRUE(back.ok()) << id << ": " << back.status().ToString();
    ASSERT_EQ(*back, adv) << id;
  }
  EXPECT_GT(ranged, 1000u);
}

TEST(Cve5Import, KeepsRejectedRecordsWithdrawn) {
  ImportStats stats;
  std::vector<Advisory> out;
  std::string doc = R"({"dataType":"CVE_RECORD","dataVersion":"5.1","cveMetadata":{"cveId":"CVE-2099-1","state":"REJECTED",
    "dateUpdated":"2024-02-01T00:00:00Z","dateRejected":"2024-01-01T00:00:00Z"},
    "containers":{"cna":{"rejectedReasons":[{"lang":"en","value":"Duplicate of CVE-2099-2."}]}}})";
  ASSERT_TRUE(ParseCve5Json(doc, "r.json", [&](Advisory&& a) { out.push_back(std::move(a)); return Status::Ok(); }, stats).ok());
  ASSERT_EQ(out.size(), 1u) << Issues(stats);
  EXPECT_EQ(out[0].withdrawn, "2024-01-01T00:00:00Z");
  EXPECT_EQ(out[0].details, "Duplicate of CVE-2099-2.");
  EXPECT_EQ(stats.withdrawn, 1u);
}

TEST(Cve5Import, ReportsRecordsWithoutMetadataOrWithBadTypes) {
  ImportStats stats;
  auto sink = [](Advisory&&) { return Status::Ok(); };
  ASSERT_TRUE(ParseCve5Json(R"({"containers":{}})", "a.json", sink, stats).ok());
  ASSERT_TRUE(ParseCve5Json(R"({"cveMetadata":{"cveId":"CVE-1"},"containers":{"cna":{"affected":[{"versions":[{"version":7}]}]}}})",
                            "b.json", sink, stats)
                  .ok());
  ASSERT_EQ(stats.skipped, 2u);
  EXPECT_NE(stats.issues[0].reason.find("missing required member 'cveMetadata'"), std::string::npos);
  EXPECT_EQ(stats.issues[1].record_id, "CVE-1");
  EXPECT_NE(stats.issues[1].reason.find("/containers/cna/affected/0/versions/0/version: expected a string"),
            std::string::npos)
      << stats.issues[1].reason;
}

}  // namespace
}  // namespace sbomhub::vuln
