// The real CISA catalog (shared/data/cisa-kev) in both serializations.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <string>

#include "support/test_support.h"
#include "vuln/kev/kev.h"

namespace sbomhub::vuln {
namespace {

// ---------------------------------------------------------------- the real catalog

TEST(KevSharedData, RealJsonCatalogLoadsAndMatchesItsCount) {
  const std::string path = testing::SharedData("cisa-kev/known_exploited_vulnerabilities.json");
  const auto start = std::chrono::steady_clock::now();
  Result<KevCatalog> c = ReadKev(path);
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - start);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  // ParseKevJson already rejects a count mismatch; check the figure independently too.
  EXPECT_EQ(c->entries.size(), 1404u);
  EXPECT_EQ(c->catalog_version, "2025.08.25");
  const KevEntry* log4j = c->Find("CVE-2021-44228");
  ASSERT_NE(log4j, nullptr);
  EXPECT_EQ(log4j->vendor_project, "Apache");
  EXPECT_EQ(log4j->known_ransomware_campaign_use, KevRansomwareUse::kKnown);
  std::size_t known = 0;
  for (const KevEntry& e : c->entries)
    known += e.known_ransomware_campaign_use == KevRansomwareUse::kKnown;
  EXPECT_EQ(known, 293u);  // grep -c '"knownRansomwareCampaignUse": "Known"' on the file
  std::printf("cisa-kev json: %zu entries, %zu known ransomware use, ReadKev %lld ms\n",
              c->entries.size(), known, static_cast<long long>(elapsed.count()));
}

TEST(KevSharedData, RealCsvCatalogMatchesTheJsonCatalog) {
  Result<KevCatalog> json =
      ReadKev(testing::SharedData("cisa-kev/known_exploited_vulnerabilities.json"));
  Result<KevCatalog> csv =
      ReadKev(testing::SharedData("cisa-kev/known_exploited_vulnerabilities.csv"));
  ASSERT_TRUE(json.ok()) << json.status().ToString();
  ASSERT_TRUE(csv.ok()) << csv.status().ToString();
  ASSERT_EQ(csv->entries.size(), json->entries.size());
  std::size_t same = 0;
  for (const KevEntry& j : json->entries) {
    const KevEntry* c = csv->Find(j.cve_id);
    if (c == nullptr) {
      ADD_FAILURE() << j.cve_id << " missing from the CSV";
      continue;
    }
    const bool equal = c->vendor_project == j.vendor_project && c->product == j.product &&
                       c->date_added == j.date_added && c->due_date == j.due_date &&
                       c->known_ransomware_campaign_use == j.known_ransomware_campaign_use &&
                       c->cwes == j.cwes && c->short_description == j.short_description;
    if (equal) {
      ++same;
    } else {
      ADD_FAILURE() << j.cve_id << " differs between JSON and CSV";
    }
  }
  std::printf("cisa-kev csv vs json: %zu/%zu entries identical\n", same, json->entries.size());
}

}  // namespace
}  // namespace sbomhub::vuln
