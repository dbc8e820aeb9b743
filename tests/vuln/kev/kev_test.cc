#include "vuln/kev/kev.h"

#include <gtest/gtest.h>

#include <string>

#include "base/file.h"
#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

std::string Fixture(const std::string& name) { return testing::Fixture("vuln/kev", name); }

TEST(KevJson, ReadsEveryFieldOfTheSmallCatalog) {
  Result<KevCatalog> c = ReadKev(Fixture("kev_small.json"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->catalog_version, "2021.12.15");
  EXPECT_EQ(c->date_released, "2021-12-15T14:00:00.0000Z");
  ASSERT_EQ(c->entries.size(), 2u);
  const KevEntry* log4j = c->Find("CVE-2021-44228");
  ASSERT_NE(log4j, nullptr);
  EXPECT_EQ(log4j->vendor_project, "Apache");
  EXPECT_EQ(log4j->product, "Log4j2");
  EXPECT_EQ(log4j->date_added, "2021-12-10");
  EXPECT_EQ(log4j->due_date, "2021-12-24");
  EXPECT_EQ(log4j->known_ransomware_campaign_use, KevRansomwareUse::kKnown);
  EXPECT_EQ(log4j->cwes, (std::vector<std::string>{"CWE-20", "CWE-400", "CWE-502"}));
  // Optional fields absent: defaults.
  const KevEntry& heartbleed = c->entries[1];
  EXPECT_EQ(heartbleed.cve_id, "CVE-2014-0160");
  EXPECT_EQ(heartbleed.known_ransomware_campaign_use, KevRansomwareUse::kUnknown);
  EXPECT_TRUE(heartbleed.cwes.empty());
  EXPECT_TRUE(heartbleed.notes.empty());
  EXPECT_EQ(c->Find("CVE-2000-0001"), nullptr);
}

TEST(KevCsv, ReadsQuotedFieldsWithCommasQuotesAndLineBreaks) {
  Result<KevCatalog> c = ReadKev(Fixture("kev_small.csv"));
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->entries.size(), 2u);
  const KevEntry& log4j = c->entries[0];
  EXPECT_NE(log4j.short_description.find("endpoints, \"quoted\"."), std::string::npos);
  EXPECT_EQ(log4j.notes, "first line\nsecond line");
  EXPECT_EQ(log4j.cwes, (std::vector<std::string>{"CWE-20", "CWE-400", "CWE-502"}));
  EXPECT_EQ(log4j.known_ransomware_campaign_use, KevRansomwareUse::kKnown);
  EXPECT_TRUE(c->entries[1].cwes.empty());
  EXPECT_TRUE(c->catalog_version.empty());
}

TEST(KevCsv, JsonAndCsvOfTheSameCatalogAgree) {
  Result<KevCatalog> json = ReadKev(Fixture("kev_small.json"));
  Result<KevCatalog> csv = ReadKev(Fixture("kev_small.csv"));
  ASSERT_TRUE(json.ok() && csv.ok());
  for (std::size_t i = 0; i < json->entries.size(); ++i) {
    EXPECT_EQ(json->entries[i].cve_id, csv->entries[i].cve_id);
    EXPECT_EQ(json->entries[i].due_date, csv->entries[i].due_date);
    EXPECT_EQ(json->entries[i].cwes, csv->entries[i].cwes);
  }
}

struct BadCase {
  const char* file;
  StatusCode code;
  const char* message_part;
};

class KevBadInput : public ::testing::TestWithParam<BadCase> {};

TEST_P(KevBadInput, IsRejectedWithFileAndPosition) {
  const BadCase& c = GetParam();
  const std::string path = Fixture(std::string("bad/") + c.file);
  Result<KevCatalog> r = ReadKev(path);
  ASSERT_FALSE(r.ok()) << c.file;
  EXPECT_EQ(r.status().code(), c.code) << r.status().ToString();
  EXPECT_NE(r.status().message().find(path), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find(c.message_part), std::string::npos) << r.status().ToString();
}

INSTANTIATE_TEST_SUITE_P(
    Fixtures, KevBadInput,
    ::testing::Values(
        BadCase{"count_mismatch.json", StatusCode::kInvalidDocument, "/count: declares 3"},
        BadCase{"missing_count.json", StatusCode::kInvalidDocument, "/count"},
        BadCase{"bad_cve_id.json", StatusCode::kInvalidDocument, "/vulnerabilities/1/cveID"},
        BadCase{"bad_due_date.json", StatusCode::kInvalidDocument, "/vulnerabilities/1/dueDate"},
        BadCase{"missing_product.json", StatusCode::kInvalidDocument,
                "missing required field product"},
        BadCase{"duplicate_cve.json", StatusCode::kInvalidDocument,
                "duplicate cveID CVE-2021-44228"},
        BadCase{"bad_ransomware.json", StatusCode::kInvalidDocument, "knownRansomwareCampaignUse"},
        BadCase{"bad_cwe.json", StatusCode::kInvalidDocument, "/vulnerabilities/0/cwes"},
        BadCase{"truncated.json", StatusCode::kParseError, "truncated.json:13:7: malformed JSON"},
        BadCase{"missing_columns.csv", StatusCode::kParseError,
                ":1: header has no column vulnerabilityName"},
        BadCase{"unclosed_quote.csv", StatusCode::kParseError, ":2: quoted field is not closed"},
        BadCase{"short_row.csv", StatusCode::kParseError, ":2: 5 fields, header has 11"}));

TEST(KevJson, MalformedJsonNamesLineAndColumn) {
  Result<KevCatalog> r = ParseKevJson("{\n  \"count\": 1,\n  \"vulnerabilities\": [}\n", "x.json");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("x.json:3:"), std::string::npos) << r.status().ToString();
}

TEST(KevJson, RejectsNonObjectTopLevelAndWrongTypes) {
  EXPECT_FALSE(ParseKevJson("[]", "x.json").ok());
  EXPECT_FALSE(ParseKevJson("", "x.json").ok());
  EXPECT_FALSE(ParseKevJson(R"({"catalogVersion":"1","dateReleased":"d","count":1,
      "vulnerabilities":[{"cveID":5}]})",
                            "x.json")
                   .ok());
  EXPECT_FALSE(ParseKevJson(R"({"catalogVersion":"1","dateReleased":"d","count":-1,
      "vulnerabilities":[]})",
                            "x.json")
                   .ok());
}

TEST(KevCveId, AcceptsOnlyTheSchemaShape) {
  EXPECT_TRUE(IsCveId("CVE-2021-44228"));
  EXPECT_TRUE(IsCveId("CVE-1999-0001"));
  EXPECT_TRUE(IsCveId("CVE-2024-1234567890123456789"));
  EXPECT_FALSE(IsCveId("CVE-2024-123"));
  EXPECT_FALSE(IsCveId("cve-2021-44228"));
  EXPECT_FALSE(IsCveId("CVE-21-44228"));
  EXPECT_FALSE(IsCveId("CVE-2021-4422x"));
  EXPECT_FALSE(IsCveId("CVE-2024-12345678901234567890"));
  EXPECT_FALSE(IsCveId(""));
}

}  // namespace
}  // namespace sbomhub::vuln
