#include "vuln/advisory/advisory.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sbomhub::vuln {
namespace {

Advisory FullAdvisory() {
  Advisory a;
  a.id = "GHSA-xxxx-yyyy-zzzz";
  a.source = AdvisorySource::kCsaf;
  a.source_id = "RHSA-2024:1";
  a.schema_version = "1.6.0";
  a.modified = "2024-01-02T03:04:05Z";
  a.published = "2023-12-31T00:00:00Z";
  a.withdrawn = "2024-02-01T00:00:00Z";
  a.aliases = {"CVE-2024-0001", "PYSEC-2024-1"};
  a.related = {"CVE-2023-9999"};
  a.summary = "Quote \" backslash \\ and control \x01 characters";
  a.details = "Multi\nline\tdetails \xE2\x9C\x93";
  a.severities = {{SeverityType::kCvssV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd@nist.gov"},
                  {SeverityType::kCvssV2, "AV:N/AC:L/Au:N/C:P/I:P/A:P", 7.5, ""},
                  {SeverityType::kCvssV4, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", std::nullopt, "x"},
                  {SeverityType::kUbuntu, "high", std::nullopt, ""}};
  a.cwes = {"CWE-79", "CWE-89"};
  a.references = {{"FIX", "https://example.com/fix"}, {"", "https://example.com/plain"}};
  AffectedPackage p;
  p.ecosystem = "PyPI";
  p.name = "demo";
  p.purl = "pkg:pypi/demo";
  p.cpe = "cpe:2.3:a:demo:demo:*:*:*:*:*:*:*:*";
  p.product_id = "CSAFPID-1";
  p.status = ProductStatus::kUnderInvestigation;
  p.ranges = {{RangeType::kEcosystem, "", {{EventKind::kIntroduced, "0"}, {EventKind::kFixed, "1.2"}}},
              {RangeType::kGit, "https://g/r.git", {{EventKind::kIntroduced, "abc"}, {EventKind::kLastAffected, "def"}, {EventKind::kLimit, "fff"}}}};
  p.versions = {"1.0", "1.1"};
  p.npm_range = ">=1 <2";
  p.npm_patched_range = ">=2";
  p.ecosystem_specific = R"({"imports":[{"path":"a"}]})";
  p.database_specific = R"({"x":1})";
  a.affected = {p, AffectedPackage{}};
  CpeNode leaf;
  leaf.matches = {{true, "cpe:2.3:a:v:p:*:*:*:*:*:*:*:*", "1", "", "", "2", "ID-1"},
                  {false, "cpe:2.3:o:v:os:-:*:*:*:*:*:*:*", "", "0", "3", "", ""}};
  CpeNode root;
  root.op = CpeOperator::kAnd;
  root.negate = true;
  root.children = {leaf, CpeNode{}};
  a.cpe_configurations = {root, leaf};
  a.cve5_affected = {{"CISA-ADP", "v", "p", "pkg", "https://c", {"cpe:2.3:a:v:p:1:*:*:*:*:*:*:*"},
                      {{"1.0", "2.0", "", "affected", "semver"}, {"3", "", "3.5", "unaffected", "custom"}}, "unknown"}};
  a.ssvc = SsvcDecision{"poc", "no", "partial", "2.0.3", "2024-10-04T13:32:40Z"};
  a.kev_date_added = "2024-09-30";
  return a;
}

TEST(AdvisoryJson, RoundTripsEveryField) {
  Advisory a = FullAdvisory();
  std::string json = AdvisoryToJson(a);
  auto back = AdvisoryFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << json;
  EXPECT_EQ(*back, a) << json;
}

TEST(AdvisoryJson, IsDeterministicAndCompact) {
  std::string one = AdvisoryToJson(FullAdvisory());
  std::string two = AdvisoryToJson(FullAdvisory());
  EXPECT_EQ(one, two);
  EXPECT_EQ(one.find('\n'), std::string::npos);
  EXPECT_EQ(one.rfind(R"({"v":1,"id":"GHSA-xxxx-yyyy-zzzz","src":"csaf","sid":"RHSA-2024:1")", 0), 0u) << one;
}

TEST(AdvisoryJson, OmitsEmptyFields) {
  Advisory a;
  a.id = "X-1";
  EXPECT_EQ(AdvisoryToJson(a), R"({"v":1,"id":"X-1","src":"osv"})");
  auto back = AdvisoryFromJson(AdvisoryToJson(a));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, a);
}

TEST(AdvisoryJson, RejectsBrokenOrForeignInput) {
  EXPECT_FALSE(AdvisoryFromJson("").ok());
  EXPECT_FALSE(AdvisoryFromJson("[1]").ok());
  EXPECT_FALSE(AdvisoryFromJson(R"({"v":1,"src":"osv"})").ok());  // no id
  auto bad_src = AdvisoryFromJson(R"({"v":1,"id":"A","src":"nope"})");
  ASSERT_FALSE(bad_src.ok());
  EXPECT_NE(bad_src.status().message().find("/src"), std::string::npos);
  auto bad_type = AdvisoryFromJson(R"({"v":1,"id":"A","src":"osv","aliases":[1]})");
  ASSERT_FALSE(bad_type.ok());
  EXPECT_NE(bad_type.status().message().find("/aliases/0"), std::string::npos) << bad_type.status().message();
}

TEST(AdvisoryNames, RoundTripThroughTheirParsers) {
  for (auto s : {AdvisorySource::kOsv, AdvisorySource::kNvd, AdvisorySource::kCve5, AdvisorySource::kCsaf,
                 AdvisorySource::kNpmLegacy}) {
    EXPECT_EQ(ParseAdvisorySource(AdvisorySourceName(s)), s);
  }
  for (auto k : {EventKind::kIntroduced, EventKind::kFixed, EventKind::kLastAffected, EventKind::kLimit}) {
    EXPECT_EQ(ParseEventKind(EventKindName(k)), k);
  }
  EXPECT_EQ(ParseRangeType("GIT"), RangeType::kGit);
  EXPECT_FALSE(ParseRangeType("git").has_value());
  EXPECT_EQ(SeverityTypeFromVector("CVSS:3.0/AV:N"), SeverityType::kCvssV3);
  EXPECT_EQ(SeverityTypeFromVector("CVSS:4.0/AV:N"), SeverityType::kCvssV4);
  EXPECT_EQ(SeverityTypeFromVector("AV:N/AC:L/Au:N/C:P/I:P/A:P"), SeverityType::kCvssV2);
  EXPECT_EQ(SeverityTypeFromVector("high"), SeverityType::kOther);
}

Advisory Adv(std::string id, std::vector<std::string> aliases) {
  Advisory a;
  a.id = std::move(id);
  a.aliases = std::move(aliases);
  return a;
}

TEST(GroupByAlias, GroupsTransitivelySharedIdentifiers) {
  std::vector<Advisory> list = {
      Adv("GHSA-1", {"CVE-1"}),     // 0
      Adv("CVE-2", {}),             // 1
      Adv("PYSEC-1", {"CVE-1"}),    // 2: shares CVE-1 with 0
      Adv("CVE-1", {}),             // 3: the NVD record itself
      Adv("OSV-9", {"PYSEC-1"}),    // 4: reaches 0 through 2
      Adv("GO-1", {"CVE-2"}),       // 5: joins 1
      Adv("LONE-1", {}),            // 6
  };
  auto groups = GroupByAlias(list);
  ASSERT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 2, 3, 4}));
  EXPECT_EQ(groups[1], (std::vector<std::size_t>{1, 5}));
  EXPECT_EQ(groups[2], (std::vector<std::size_t>{6}));
}

TEST(GroupByAlias, MergesTwoChainsJoinedLate) {
  // a-b and c-d form separately; the last record bridges them.
  std::vector<Advisory> list = {Adv("A", {"B"}), Adv("C", {"D"}), Adv("E", {"B", "D"})};
  auto groups = GroupByAlias(list);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0], (std::vector<std::size_t>{0, 1, 2}));
}

TEST(GroupByAlias, StaysFastOnALongChain) {
  // 200k advisories each aliasing the previous one: one group, built in linear time.
  std::vector<Advisory> list;
  const std::size_t n = 200000;
  list.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    list.push_back(Adv("ID-" + std::to_string(i), i == 0 ? std::vector<std::string>{} : std::vector<std::string>{"ID-" + std::to_string(i - 1)}));
  }
  auto groups = GroupByAlias(list);
  ASSERT_EQ(groups.size(), 1u);
  EXPECT_EQ(groups[0].size(), n);
  EXPECT_TRUE(GroupByAlias({}).empty());
}

}  // namespace
}  // namespace sbomhub::vuln
