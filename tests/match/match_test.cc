#include "match/match.h"

#include <gtest/gtest.h>

#include "match/scenario.h"

namespace sbomhub::match {
namespace {

using testing::Lib;
using testing::SbomOf;
using testing::Scenario;

const Finding* FindById(const ScanResult& r, std::string_view id) {
  for (const auto& f : r.findings) {
    if (f.id == id) return &f;
  }
  return nullptr;
}

TEST(PurlMatcher, PypiNameIsNormalizedAndRangeUsesPep440) {
  Scenario s;
  s.ImportFixtures();
  auto r = s.Scan(SbomOf({Lib("django", "4.1.5", "pkg:pypi/Django@4.1.5")}));
  const Finding* f = FindById(r, "CVE-2023-23969");
  ASSERT_NE(f, nullptr);
  EXPECT_EQ(f->match.matcher, "purl-osv");
  EXPECT_DOUBLE_EQ(f->match.confidence, 1.0);
  EXPECT_FALSE(f->match.needs_verification);
  EXPECT_EQ(f->nearest_fix, "4.1.6");
  EXPECT_EQ(f->severity, "High");
  ASSERT_TRUE(f->cvss.has_value());
  EXPECT_DOUBLE_EQ(f->cvss->score, 7.5);
  // Aliases from the record are kept; the CVE became the id.
  EXPECT_NE(std::find(f->aliases.begin(), f->aliases.end(), "GHSA-qrw5-5h28-6cmg"), f->aliases.end());
}

TEST(PurlMatcher, FixedVersionAndVersionsBetweenRangesDoNotMatch) {
  Scenario s;
  s.ImportFixtures();
  for (const char* v : {"4.1.6", "3.2.17", "3.1.9", "4.0.9"}) {
    auto r = s.Scan(SbomOf({Lib("django", v, std::string("pkg:pypi/django@") + v)}));
    EXPECT_EQ(FindById(r, "CVE-2023-23969"), nullptr) << v;
  }
  for (const char* v : {"3.2.16", "4.0.0", "4.0.8", "4.1", "3.2"}) {
    auto r = s.Scan(SbomOf({Lib("django", v, std::string("pkg:pypi/django@") + v)}));
    EXPECT_NE(FindById(r, "CVE-2023-23969"), nullptr) << v;
  }
}

TEST(PurlMatcher, GoModuleVersionWithLeadingV) {
  Scenario s;
  s.ImportFixtures();
  auto hit = s.Scan(SbomOf({Lib("archive", "v1.4.1", "pkg:golang/example.com/archive@v1.4.1")}));
  EXPECT_NE(FindById(hit, "CVE-2024-0001"), nullptr);
  auto miss = s.Scan(SbomOf({Lib("archive", "v1.4.2", "pkg:golang/example.com/archive@v1.4.2")}));
  EXPECT_EQ(FindById(miss, "CVE-2024-0001"), nullptr);
}

TEST(PurlMatcher, DistroReleaseMustAgree) {
  Scenario s;
  s.ImportFixtures();
  auto bookworm = s.Scan(SbomOf({Lib("openssl", "3.0.11-1~deb12u1",
                                     "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12")}));
  EXPECT_NE(FindById(bookworm, "CVE-2023-5363"), nullptr);
  auto fixed = s.Scan(SbomOf({Lib("openssl", "3.0.11-1~deb12u2",
                                  "pkg:deb/debian/openssl@3.0.11-1~deb12u2?arch=amd64&distro=debian-12")}));
  EXPECT_EQ(FindById(fixed, "CVE-2023-5363"), nullptr);
  auto bullseye = s.Scan(SbomOf({Lib("openssl", "1.1.1n-0+deb11u5",
                                     "pkg:deb/debian/openssl@1.1.1n-0+deb11u5?arch=amd64&distro=debian-11")}));
  EXPECT_EQ(FindById(bullseye, "CVE-2023-5363"), nullptr);
}

TEST(PurlMatcher, BinaryPackageMatchesThroughItsSourcePackage) {
  Scenario s;
  s.ImportFixtures();
  auto r = s.Scan(SbomOf({Lib("libssl3", "3.0.11-1~deb12u1",
                              "pkg:deb/debian/libssl3@3.0.11-1~deb12u1?distro=debian-12&upstream=openssl")}));
  EXPECT_NE(FindById(r, "CVE-2023-5363"), nullptr);
}

TEST(PurlMatcher, WithdrawnAdvisoriesNeverMatchAndLastAffectedIsInclusive) {
  Scenario s;
  s.ImportFixtures();
  auto r = s.Scan(SbomOf({Lib("lodash", "4.17.19", "pkg:npm/lodash@4.17.19")}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "CVE-2020-8203");
  EXPECT_EQ(r.findings[0].severity, "High");  // from database_specific, no vector
  auto after = s.Scan(SbomOf({Lib("lodash", "4.17.20", "pkg:npm/lodash@4.17.20")}));
  EXPECT_TRUE(after.findings.empty());
}

vuln::Advisory NvdAppOnPlatform() {
  // An application that is vulnerable only when running on a given OS (AND of two OR nodes).
  vuln::Advisory a;
  a.id = "CVE-2024-1111";
  a.source = vuln::AdvisorySource::kNvd;
  a.summary = "viewer on acmeos";
  a.severities.push_back({vuln::SeverityType::kCvssV3, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd"});
  vuln::CpeNode app;
  app.matches.push_back({true, "cpe:2.3:a:acme:viewer:*:*:*:*:*:*:*:*", "2.0", "", "", "2.5", ""});
  vuln::CpeNode os;
  os.matches.push_back({false, "cpe:2.3:o:acme:acmeos:-:*:*:*:*:*:*:*", "", "", "", "", ""});
  vuln::CpeNode config;
  config.op = vuln::CpeOperator::kAnd;
  config.children = {app, os};
  a.cpe_configurations.push_back(config);
  return a;
}

TEST(CpeMatcher, RunningOnConfigurationNeedsThePlatformInTheSbom) {
  Scenario s;
  s.Put(NvdAppOnPlatform());
  auto alone = s.Scan(SbomOf({Lib("viewer", "2.1", "", {"cpe:2.3:a:acme:viewer:2.1:*:*:*:*:*:*:*"})}));
  EXPECT_TRUE(alone.findings.empty());
  auto with_os = s.Scan(SbomOf({Lib("viewer", "2.1", "", {"cpe:2.3:a:acme:viewer:2.1:*:*:*:*:*:*:*"}),
                                Lib("acmeos", "-", "", {"cpe:2.3:o:acme:acmeos:-:*:*:*:*:*:*:*"})}));
  ASSERT_EQ(with_os.findings.size(), 1u);
  EXPECT_EQ(with_os.findings[0].component_name, "viewer");  // the platform itself is not vulnerable
  EXPECT_EQ(with_os.findings[0].match.matcher, "cpe-nvd");
  EXPECT_EQ(with_os.findings[0].severity, "Critical");
}

TEST(CpeMatcher, VersionBoundsAreHonoured) {
  Scenario s;
  vuln::Advisory a;
  a.id = "CVE-2024-2222";
  a.source = vuln::AdvisorySource::kNvd;
  vuln::CpeNode n;
  n.matches.push_back({true, "cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*", "", "", "1.2.13", "", ""});
  a.cpe_configurations.push_back(n);
  s.Put(a);
  auto inside = s.Scan(SbomOf({Lib("zlib", "1.2.13", "", {"cpe:2.3:a:zlib:zlib:1.2.13:*:*:*:*:*:*:*"})}));
  EXPECT_EQ(inside.findings.size(), 1u);
  auto outside = s.Scan(SbomOf({Lib("zlib", "1.3.1", "", {"cpe:2.3:a:zlib:zlib:1.3.1:*:*:*:*:*:*:*"})}));
  EXPECT_TRUE(outside.findings.empty());
  // The CPE says ANY version: the component's version is used.
  auto from_component = s.Scan(SbomOf({Lib("zlib", "1.2.11", "", {"cpe:2.3:a:zlib:zlib:*:*:*:*:*:*:*:*"})}));
  EXPECT_EQ(from_component.findings.size(), 1u);
}

TEST(NameMatcher, ComponentWithoutIdentifiersIsFlaggedForVerification) {
  Scenario s;
  vuln::Advisory a;
  a.id = "CVE-2023-0286";
  a.source = vuln::AdvisorySource::kNvd;
  vuln::CpeNode n;
  n.matches.push_back({true, "cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", "3.0.0", "", "", "3.0.8", ""});
  a.cpe_configurations.push_back(n);
  s.Put(a);
  model::Component c = Lib("OpenSSL", "3.0.7");
  c.supplier = model::Party{model::Party::Kind::kOrganization, "OpenSSL Software Foundation", "", {}};
  auto r = s.Scan(SbomOf({c}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].match.matcher, "name-fuzzy");
  EXPECT_TRUE(r.findings[0].match.needs_verification);
  EXPECT_LT(r.findings[0].match.confidence, 1.0);
  EXPECT_EQ(r.findings[0].nearest_fix, "3.0.8");
  EXPECT_EQ(r.stats.by_name, 1u);
  ScanOptions off;
  off.name_matching = false;
  EXPECT_TRUE(s.Scan(SbomOf({c}), off).findings.empty());
}

TEST(Scan, OneProblemFromTwoSourcesIsOneFinding) {
  Scenario s;
  s.ImportFixtures();
  vuln::Advisory nvd;
  nvd.id = "CVE-2023-23969";
  nvd.source = vuln::AdvisorySource::kNvd;
  vuln::CpeNode n;
  n.matches.push_back({true, "cpe:2.3:a:djangoproject:django:*:*:*:*:*:*:*:*", "4.1", "", "", "4.1.6", ""});
  nvd.cpe_configurations.push_back(n);
  s.Put(nvd);
  auto r = s.Scan(SbomOf({Lib("django", "4.1.5", "pkg:pypi/django@4.1.5",
                              {"cpe:2.3:a:djangoproject:django:4.1.5:*:*:*:*:*:*:*"})}));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].id, "CVE-2023-23969");
  EXPECT_EQ(r.findings[0].sources.size(), 2u);
  EXPECT_EQ(r.findings[0].other_matches.size(), 1u);
}

TEST(Scan, KevAndEpssAreAttachedByCve) {
  Scenario s;
  s.ImportFixtures();
  ASSERT_TRUE(s.db().BeginBatch().ok());
  ASSERT_TRUE(s.db().PutKev({"CVE-2020-8203", "2024-01-01", "2024-01-22", "lodash", "lodash", "pp", "Unknown"}).ok());
  ASSERT_TRUE(s.db().PutEpss({"CVE-2020-8203", 0.42, 0.97, "2026-08-16"}).ok());
  ASSERT_TRUE(s.db().CommitBatch().ok());
  auto r = s.Scan(SbomOf({Lib("lodash", "4.17.15", "pkg:npm/lodash@4.17.15")}));
  ASSERT_EQ(r.findings.size(), 1u);
  ASSERT_TRUE(r.findings[0].kev.has_value());
  EXPECT_EQ(r.findings[0].kev->date_added, "2024-01-01");
  ASSERT_TRUE(r.findings[0].epss.has_value());
  EXPECT_DOUBLE_EQ(r.findings[0].epss->score, 0.42);
}

}  // namespace
}  // namespace sbomhub::match
