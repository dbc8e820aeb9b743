#include "vuln/nvd/nvd.h"

#include <gtest/gtest.h>
#include <zlib.h>

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

// Counts CVE records and non-CVE JSON files under `dir` with a second, independent parser.
struct Expected {
  std::size_t files = 0;
  std::size_t records = 0;
  std::size_t non_cve_files = 0;
};
Expected CountWithNlohmann(const std::string& dir) {
  Expected e;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".json") continue;
    ++e.files;
    auto doc = nlohmann::json::parse(Slurp(entry.path()), nullptr, /*allow_exceptions=*/false);
    if (doc.is_object() && doc.contains("vulnerabilities")) {
      e.records += doc["vulnerabilities"].size();
    } else if (doc.is_object() && doc.contains("CVE_Items")) {
      e.records += doc["CVE_Items"].size();
    } else if (doc.is_object() && doc.contains("cve")) {
      e.records += 1;
    } else {
      ++e.non_cve_files;
    }
  }
  return e;
}

struct Collected {
  ImportStats stats;
  std::multimap<std::string, Advisory> by_id;
};

Collected ImportAll(const std::string& path) {
  Collected c;
  Status s = ImportNvd(
      path,
      [&](Advisory&& a) {
        std::string id = a.id;
        c.by_id.emplace(id, std::move(a));
        return Status::Ok();
      },
      c.stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

std::string Issues(const ImportStats& stats) {
  std::string out;
  for (const auto& i : stats.issues) out += i.ToString() + "\n";
  return out;
}

TEST(NvdImport, ImportsEverySampleRecordAndSkipsNonCveResponses) {
  std::string dir = testing::SharedData("nvd-json-samples");
  Expected expected = CountWithNlohmann(dir);
  Collected c = ImportAll(dir);
  std::printf("nvd-json-samples: %zu files, %zu records (%zu withdrawn), %zu skipped; expected %zu records, %zu non-CVE files\n",
              c.stats.files, c.stats.records, c.stats.withdrawn, c.stats.skipped, expected.records,
              expected.non_cve_files);
  EXPECT_EQ(c.stats.files, expected.files);
  EXPECT_EQ(c.stats.records, expected.records);
  EXPECT_EQ(c.stats.skipped, expected.non_cve_files) << Issues(c.stats);
  EXPECT_GT(expected.records, 4000u);
  for (const auto& issue : c.stats.issues) {
    EXPECT_TRUE(issue.reason.find("not CVE records") != std::string::npos ||
                issue.reason.find("not an NVD CVE document") != std::string::npos)
        << issue.ToString();
  }
  // Every record survives the storage round trip.
  for (const auto& [id, a] : c.by_id) {
    auto back = AdvisoryFromJson(AdvisoryToJson(a));
    ASSERT_TRUE(back.ok()) << id << ": " << back.status().ToString();
    ASSERT_EQ(*back, a) << id;
  }
}

TEST(NvdImport, ReadsApi20RecordWithMetricsWeaknessesConfigurationsAndKev) {
  Collected c = ImportAll(testing::SharedData("nvd-json-samples/api-2.0/osv.dev/test_data/nvdcve-2.0/CVE-2023-4863.json"));
  ASSERT_EQ(c.stats.records, 1u) << Issues(c.stats);
  const Advisory& a = c.by_id.begin()->second;
  EXPECT_EQ(a.id, "CVE-2023-4863");
  EXPECT_EQ(a.source, AdvisorySource::kNvd);
  EXPECT_EQ(a.published, "2023-09-12T15:15:24.327");
  EXPECT_EQ(a.modified, "2023-10-28T19:15:38.643");
  EXPECT_EQ(a.kev_date_added, "2023-09-13");
  EXPECT_EQ(a.details.rfind("Heap buffer overflow in libwebp", 0), 0u);
  ASSERT_FALSE(a.severities.empty());
  EXPECT_EQ(a.severities[0].type, SeverityType::kCvssV3);
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H");
  EXPECT_EQ(a.severities[0].base_score, 8.8);
  EXPECT_EQ(a.severities[0].source, "nvd@nist.gov");
  EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-787"});
  ASSERT_FALSE(a.cpe_configurations.empty());
  const CpeNode& first = a.cpe_configurations[0];
  EXPECT_EQ(first.op, CpeOperator::kOr);
  ASSERT_EQ(first.matches.size(), 1u);
  EXPECT_EQ(first.matches[0].criteria, "cpe:2.3:a:google:chrome:*:*:*:*:*:*:*:*");
  EXPECT_EQ(first.matches[0].version_end_excluding, "116.0.5845.187");
  EXPECT_EQ(first.matches[0].match_criteria_id, "856C1821-5D22-4A4E-859D-8F5305255AB7");
  EXPECT_TRUE(first.matches[0].vulnerable);
}

TEST(NvdImport, KeepsAndConfigurationsAsTrees) {
  // A 2.0 configuration with operator AND keeps its nodes as children.
  std::string doc = R"({"vulnerabilities":[{"cve":{"id":"CVE-2099-0001","descriptions":[],"configurations":[
    {"operator":"AND","nodes":[
      {"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":true,"criteria":"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*","versionStartIncluding":"1.0","versionEndExcluding":"2.0","matchCriteriaId":"A"}]},
      {"operator":"OR","negate":false,"cpeMatch":[{"vulnerable":false,"criteria":"cpe:2.3:o:v:os:-:*:*:*:*:*:*:*","matchCriteriaId":"B"}]}]}]}}],
    "resultsPerPage":1,"startIndex":4,"totalResults":9})";
  ImportStats stats;
  std::vector<Advisory> out;
  NvdPage page;
  ASSERT_TRUE(ParseNvdJson(doc, "t.json", [&](Advisory&& a) { out.push_back(std::move(a)); return Status::Ok(); }, stats, &page).ok());
  ASSERT_EQ(out.size(), 1u) << Issues(stats);
  EXPECT_TRUE(page.present);
  EXPECT_EQ(page.start_index, 4u);
  EXPECT_EQ(page.total_results, 9u);
  ASSERT_EQ(out[0].cpe_configurations.size(), 1u);
  const CpeNode& n = out[0].cpe_configurations[0];
  EXPECT_EQ(n.op, CpeOperator::kAnd);
  ASSERT_EQ(n.children.size(), 2u);
  EXPECT_EQ(n.children[0].matches[0].version_start_including, "1.0");
  EXPECT_FALSE(n.children[1].matches[0].vulnerable);
}

TEST(NvdImport, ReadsLegacy11FeedWithImpactAndNestedNodes) {
  Collected c = ImportAll(testing::SharedData("nvd-json-samples/feeds-1.1-recent/nvdcve-1.1-recent_2024-04-18.json"));
  EXPECT_EQ(c.stats.records, 1336u);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  auto it = c.by_id.find("CVE-2024-3400");
  ASSERT_NE(it, c.by_id.end());
  const Advisory& a = it->second;
  EXPECT_EQ(a.published, "2024-04-12T08:15Z");
  EXPECT_EQ(a.cwes, std::vector<std::string>{"CWE-77"});
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
  EXPECT_EQ(a.severities[0].base_score, 10.0);
  ASSERT_EQ(a.cpe_configurations.size(), 1u);
  EXPECT_EQ(a.cpe_configurations[0].matches.size(), 3u);
  EXPECT_EQ(a.cpe_configurations[0].matches[0].criteria, "cpe:2.3:o:paloaltonetworks:pan-os:11.0.0:*:*:*:*:*:*:*");
  EXPECT_EQ(a.references.size(), 3u);
  EXPECT_EQ(a.references[1].type, "Exploit,Vendor Advisory");

  Collected test = ImportAll(testing::SharedData("nvd-json-samples/feeds-1.1-test"));
  std::size_t and_with_children = 0, v2 = 0;
  for (const auto& [id, adv] : test.by_id) {
    for (const auto& n : adv.cpe_configurations) {
      if (n.op == CpeOperator::kAnd && !n.children.empty()) ++and_with_children;
    }
    for (const auto& s : adv.severities) {
      if (s.type == SeverityType::kCvssV2) {
        ++v2;
        EXPECT_TRUE(s.base_score.has_value()) << id;
      }
    }
  }
  EXPECT_GT(and_with_children, 0u);
  EXPECT_GT(v2, 0u);
}

TEST(NvdImport, ReadsGzipFeeds) {
  fs::path dir = fs::path(testing::BuildDir()) / "vuln_nvd_test_tmp";
  fs::create_directories(dir);
  std::string plain = Slurp(testing::SharedData("nvd-json-samples/feeds-1.1-recent/nvdcve-1.1-recent_2020-09-01.json"));
  fs::path gz = dir / "nvdcve-1.1-2020.json.gz";
  gzFile f = gzopen(gz.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, plain.data(), static_cast<unsigned>(plain.size())), static_cast<int>(plain.size()));
  gzclose(f);
  Collected c = ImportAll(gz.string());
  EXPECT_EQ(c.stats.records, 349u);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  fs::remove_all(dir);
}

TEST(NvdImport, ReportsBrokenJsonWithLineAndColumnAndBadRecordsWithPointer) {
  ImportStats stats;
  auto sink = [](Advisory&&) { return Status::Ok(); };
  ASSERT_TRUE(ParseNvdJson("{\n  \"vulnerabilities\": [\n    {\"cve\": }\n]}", "broken.json", sink, stats).ok());
  ASSERT_EQ(stats.skipped, 1u);
  EXPECT_NE(stats.issues[0].reason.find("line 3, column"), std::string::npos) << stats.issues[0].reason;

  ImportStats stats2;
  std::string doc = R"({"vulnerabilities":[{"cve":{"id":"CVE-1","configurations":[{"nodes":[{"operator":"XOR"}]}]}},
                                             {"cve":{"id":"CVE-2"}}]})";
  ASSERT_TRUE(ParseNvdJson(doc, "bad.json", sink, stats2).ok());
  EXPECT_EQ(stats2.records, 1u);
  ASSERT_EQ(stats2.skipped, 1u);
  EXPECT_EQ(stats2.issues[0].record_id, "CVE-1");
  EXPECT_NE(stats2.issues[0].reason.find("/vulnerabilities/0/cve/configurations/0/nodes/0/operator"), std::string::npos)
      << stats2.issues[0].reason;
}

TEST(NvdImport, MarksRejectedCvesWithdrawn) {
  ImportStats stats;
  std::vector<Advisory> out;
  std::string doc = R"({"vulnerabilities":[{"cve":{"id":"CVE-2","vulnStatus":"Rejected","lastModified":"2024-01-02T00:00:00.000"}}]})";
  ASSERT_TRUE(ParseNvdJson(doc, "r.json", [&](Advisory&& a) { out.push_back(std::move(a)); return Status::Ok(); }, stats).ok());
  ASSERT_EQ(out.size(), 1u);
  EXPECT_EQ(out[0].withdrawn, "2024-01-02T00:00:00.000");
  EXPECT_EQ(stats.withdrawn, 1u);
}

}  // namespace
}  // namespace sbomhub::vuln

namespace sbomhub::vuln {
namespace {

std::string NestedFeed(std::size_t depth) {
  std::string open, close;
  for (std::size_t i = 0; i < depth; ++i) {
    open += R"({"operator":"AND","children":[)";
    close += R"(],"cpe_match":[{"vulnerable":true,"cpe23Uri":"cpe:2.3:a:v:p:*:*:*:*:*:*:*:*"}]})";
  }
  return R"({"CVE_Items":[{"cve":{"CVE_data_meta":{"ID":"CVE-2099-9"}},"configurations":{"nodes":[)" + open + close +
         "]}}]}";
}

TEST(NvdImport, DeeplyNestedNodesRoundTripAndTooDeepInputIsReportedNotCrashed) {
  ImportStats stats;
  std::vector<Advisory> out;
  auto sink = [&](Advisory&& a) {
    out.push_back(std::move(a));
    return Status::Ok();
  };
  ASSERT_TRUE(ParseNvdJson(NestedFeed(400), "deep.json", sink, stats).ok());
  ASSERT_EQ(out.size(), 1u) << Issues(stats);
  const CpeNode* n = &out[0].cpe_configurations[0];
  std::size_t depth = 1;
  while (!n->children.empty()) {
    n = &n->children[0];
    ++depth;
  }
  EXPECT_EQ(depth, 400u);
  auto back = AdvisoryFromJson(AdvisoryToJson(out[0]));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, out[0]);

  ImportStats too_deep;
  ASSERT_TRUE(ParseNvdJson(NestedFeed(5000), "deeper.json", sink, too_deep).ok());
  EXPECT_EQ(too_deep.skipped, 1u);
  EXPECT_EQ(out.size(), 1u);
}

}  // namespace
}  // namespace sbomhub::vuln

namespace sbomhub::vuln {
namespace {

TEST(NvdImport, ReportsPagingOfApiResponses) {
  // vuls-data-update's 3_pages fixture: 8 results fetched 3 at a time.
  std::size_t seen = 0;
  for (const char* page_file : {"0-3.json", "3-3.json", "6-3.json"}) {
    std::string path = testing::SharedData(std::string("nvd-json-samples/api-2.0/vuls-data-update/cve/testdata/fixtures/3_pages/") + page_file);
    ImportStats stats;
    NvdPage page;
    std::size_t records = 0;
    ASSERT_TRUE(ParseNvdJson(Slurp(path), path, [&](Advisory&&) { ++records; return Status::Ok(); }, stats, &page).ok());
    EXPECT_TRUE(page.present);
    EXPECT_EQ(page.total_results, 8u);
    EXPECT_EQ(page.start_index, seen) << page_file;
    EXPECT_EQ(page.results_per_page, records) << page_file;  // the last page holds 2
    seen += records;
  }
  EXPECT_EQ(seen, 8u);
}

}  // namespace
}  // namespace sbomhub::vuln
