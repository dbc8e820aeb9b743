#include "quality/quality.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "base/json_writer.h"

namespace sbomhub::quality {
namespace {

using model::Component;
using model::DependencyEdge;
using model::Sbom;

model::Party Org(std::string name, std::string email = "") {
  model::Party p;
  p.kind = model::Party::Kind::kOrganization;
  p.name = std::move(name);
  p.email = std::move(email);
  return p;
}

model::License Lic(std::string expr) {
  model::License l;
  l.value = std::move(expr);
  return l;
}

// A component that satisfies every NTIA, CISA and BSI field.
Component Full(const std::string& name) {
  Component c;
  c.bom_ref = "pkg:npm/" + name + "@1.0.0";
  c.name = name;
  c.version = "1.0.0";
  c.supplier = Org("ACME", "oss@acme.example");
  c.purl = "pkg:npm/" + name + "@1.0.0";
  c.cpes = {"cpe:2.3:a:acme:" + name + ":1.0.0:*:*:*:*:*:*:*"};
  c.hashes = {{model::HashAlgorithm::kSha512, std::string(128, 'a')}};
  c.licenses = {Lic("MIT")};
  c.copyright = "Copyright ACME";
  c.file_name = name + "-1.0.0.tgz";
  c.properties = {{"bsi:component:executable", "non-executable"},
                  {"bsi:component:archive", "archive"},
                  {"bsi:component:structured", "structured"}};
  model::ExternalReference vcs;
  vcs.type = "vcs";
  vcs.url = "https://example.com/" + name + ".git";
  vcs.hashes = {{model::HashAlgorithm::kSha256, std::string(64, 'b')}};
  model::ExternalReference dist;
  dist.type = "distribution";
  dist.url = "https://registry.example.com/" + name;
  c.external_references = {vcs, dist};
  return c;
}

// app -> a -> b, everything filled in.
Sbom Good() {
  Sbom s;
  s.spec_version = "1.6";
  s.serial_number = "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79";
  s.timestamp = "2026-01-02T03:04:05Z";
  s.authors = {Org("Build Team", "build@acme.example")};
  s.lifecycles = {"build"};
  s.primary = Full("app");
  s.components = {Full("a"), Full("b")};
  s.dependencies = {{"pkg:npm/app@1.0.0", "pkg:npm/a@1.0.0"}, {"pkg:npm/a@1.0.0", "pkg:npm/b@1.0.0"}};
  s.dependency_refs = {"pkg:npm/app@1.0.0", "pkg:npm/a@1.0.0", "pkg:npm/b@1.0.0"};
  return s;
}

const ProfileReport& ProfileOf(const QualityReport& r, Profile p) {
  for (const auto& pr : r.profiles) {
    if (pr.profile == p) return pr;
  }
  static const ProfileReport kNone;
  ADD_FAILURE() << "profile missing";
  return kNone;
}

// By value: callers often pass a temporary report.
Check CheckOf(const QualityReport& r, std::string_view id) {
  for (const auto& pr : r.profiles) {
    for (const auto& c : pr.checks) {
      if (c.id == id) return c;
    }
  }
  ADD_FAILURE() << "check " << id << " missing";
  return {};
}

QualityReport All(const Sbom& s, const QualityOptions& o = {}) {
  return Assess(s, {kAllProfiles[0], kAllProfiles[1], kAllProfiles[2], kAllProfiles[3]}, o);
}

TEST(QualityProfiles, CompleteSbomPassesEveryProfileWithFullScore) {
  QualityReport r = All(Good());
  for (const auto& p : r.profiles) {
    EXPECT_TRUE(p.pass) << ProfileName(p.profile);
    EXPECT_DOUBLE_EQ(p.score, 10.0) << ProfileName(p.profile);
    for (const auto& c : p.checks) {
      EXPECT_NE(c.result, CheckResult::kFail) << c.id << ": " << c.detail;
    }
  }
  EXPECT_TRUE(r.pass());
}

TEST(QualityNtia, MissingSupplierFailsAndNamesTheComponent) {
  Sbom s = Good();
  s.components[1].supplier.reset();
  QualityReport r = Assess(s, {Profile::kNtia});
  const Check c = CheckOf(r, "ntia.supplier");
  EXPECT_EQ(c.result, CheckResult::kFail);
  EXPECT_EQ(c.components, std::vector<std::string>{"pkg:npm/b@1.0.0"});
  EXPECT_EQ(c.applicable, 3u);
  EXPECT_EQ(c.passed, 2u);
  EXPECT_FALSE(ProfileOf(r, Profile::kNtia).pass);
  EXPECT_LT(ProfileOf(r, Profile::kNtia).score, 10.0);
  EXPECT_GT(ProfileOf(r, Profile::kNtia).score, 9.0);
}

TEST(QualityNtia, NoAssertionIsNotAValueButCisaMinimumAcceptsTheDeclaration) {
  Sbom s = Good();
  s.components[0].version = "NOASSERTION";
  QualityReport r = All(s);
  EXPECT_EQ(CheckOf(r, "ntia.version").result, CheckResult::kFail);
  EXPECT_EQ(CheckOf(r, "cisa.version.minimum").result, CheckResult::kPass);
  EXPECT_EQ(CheckOf(r, "cisa.version.recommended").result, CheckResult::kFail);
  EXPECT_TRUE(ProfileOf(r, Profile::kCisa2024).pass);  // recommended level does not decide pass
  EXPECT_LT(ProfileOf(r, Profile::kCisa2024).score, 10.0);
  s.components[0].version.clear();
  EXPECT_EQ(CheckOf(All(s), "cisa.version.minimum").result, CheckResult::kFail);
}

TEST(QualityNtia, DocumentFieldsAreChecked) {
  Sbom s = Good();
  s.timestamp = "yesterday";
  s.authors.clear();
  QualityReport r = Assess(s, {Profile::kNtia});
  EXPECT_EQ(CheckOf(r, "ntia.timestamp").result, CheckResult::kFail);
  EXPECT_NE(CheckOf(r, "ntia.timestamp").detail.find("RFC 3339"), std::string::npos);
  EXPECT_EQ(CheckOf(r, "ntia.author").result, CheckResult::kFail);
  s.tools = {{"", "syft", "1.0"}};  // a creating tool counts as the author of SBOM data
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kNtia}), "ntia.author").result, CheckResult::kPass);
  for (const char* ts : {"2026-01-02T03:04:05.123+09:00", "2026-01-02T03:04:05z"}) {
    s.timestamp = ts;
    EXPECT_EQ(CheckOf(Assess(s, {Profile::kNtia}), "ntia.timestamp").result, CheckResult::kPass) << ts;
  }
  for (const char* ts : {"2026-01-02", "2026-01-02T03:04:05", "2026-01-02T03:04:05+0900", "2026-01-02T03:04:05.Z"}) {
    s.timestamp = ts;
    EXPECT_EQ(CheckOf(Assess(s, {Profile::kNtia}), "ntia.timestamp").result, CheckResult::kFail) << ts;
  }
}

TEST(QualityNtia, DependencyRelationshipNeedsAPrimaryComponentWithDependencies) {
  Sbom s = Good();
  s.dependencies.erase(s.dependencies.begin());
  s.dependency_refs.clear();
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kNtia}), "ntia.dependency-relationship").result, CheckResult::kFail);
  s.dependency_refs = {"pkg:npm/app@1.0.0"};  // explicitly "no dependencies"
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kNtia}), "ntia.dependency-relationship").result, CheckResult::kPass);
  s.primary.reset();
  const Check c = CheckOf(Assess(s, {Profile::kNtia}), "ntia.dependency-relationship");
  EXPECT_EQ(c.result, CheckResult::kFail);
  EXPECT_NE(c.detail.find("primary component"), std::string::npos);
}

TEST(QualityCisa, HashAndLicenseAreGradedByMaturity) {
  Sbom s = Good();
  s.components[0].hashes.clear();
  s.components[1].licenses = {Lic("NOASSERTION")};
  QualityReport r = Assess(s, {Profile::kCisa2024});
  EXPECT_EQ(CheckOf(r, "cisa.hash.minimum").result, CheckResult::kPass);  // primary has one
  EXPECT_EQ(CheckOf(r, "cisa.hash.recommended").result, CheckResult::kFail);
  EXPECT_EQ(CheckOf(r, "cisa.license.minimum").result, CheckResult::kPass);
  EXPECT_EQ(CheckOf(r, "cisa.license.recommended").result, CheckResult::kFail);
  EXPECT_TRUE(ProfileOf(r, Profile::kCisa2024).pass);
  s.primary->hashes.clear();
  EXPECT_FALSE(ProfileOf(Assess(s, {Profile::kCisa2024}), Profile::kCisa2024).pass);
}

TEST(QualityCisa, LevelsAreReportedAndOnlyMinimumDecides) {
  QualityReport r = Assess(Good(), {Profile::kCisa2024});
  for (const auto& c : ProfileOf(r, Profile::kCisa2024).checks) {
    EXPECT_EQ(c.decides_pass, c.level == Level::kMinimum) << c.id;
    EXPECT_NE(c.source.find("Framing Software Component Transparency"), std::string::npos);
  }
}

TEST(QualityBsi, RequiresSha512FilenameAndBsiProperties) {
  Sbom s = Good();
  s.components[0].hashes = {{model::HashAlgorithm::kSha256, std::string(64, 'c')}};
  s.components[1].file_name.clear();
  s.components[1].properties.clear();
  QualityReport r = Assess(s, {Profile::kBsiTr03183_2});
  EXPECT_EQ(CheckOf(r, "bsi.hash-sha512").components, std::vector<std::string>{"pkg:npm/a@1.0.0"});
  EXPECT_EQ(CheckOf(r, "bsi.filename").components, std::vector<std::string>{"pkg:npm/b@1.0.0"});
  EXPECT_EQ(CheckOf(r, "bsi.executable-property").result, CheckResult::kFail);
  EXPECT_FALSE(ProfileOf(r, Profile::kBsiTr03183_2).pass);
}

TEST(QualityBsi, OldSpecVersionsAndCreatorsWithoutContactFail) {
  Sbom s = Good();
  s.spec_version = "1.4";
  s.authors = {Org("Build Team")};
  QualityReport r = Assess(s, {Profile::kBsiTr03183_2});
  EXPECT_EQ(CheckOf(r, "bsi.format").result, CheckResult::kFail);
  EXPECT_EQ(CheckOf(r, "bsi.sbom-creator").result, CheckResult::kFail);
  s.family = model::SpecFamily::kSpdx;
  s.spec_version = "2.3";
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kBsiTr03183_2}), "bsi.format").result, CheckResult::kPass);
  s.spec_version = "2.1";
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kBsiTr03183_2}), "bsi.format").result, CheckResult::kFail);
}

TEST(QualityBsi, LicencesMustBeSpdx) {
  Sbom s = Good();
  s.components[0].licenses = {Lic("Apache License, Version 2.0")};  // normalizable name
  s.components[1].licenses = {Lic("Proprietary ACME terms")};
  QualityReport r = Assess(s, {Profile::kBsiTr03183_2});
  EXPECT_EQ(CheckOf(r, "bsi.distribution-licences").components, std::vector<std::string>{"pkg:npm/b@1.0.0"});
}

TEST(QualityBsi, AdditionalFieldsDoNotDecidePass) {
  Sbom s = Good();
  s.serial_number.clear();
  for (auto& c : s.components) c.external_references.clear();
  s.primary->external_references.clear();
  QualityReport r = Assess(s, {Profile::kBsiTr03183_2});
  EXPECT_EQ(CheckOf(r, "bsi.sbom-uri").result, CheckResult::kFail);
  EXPECT_EQ(CheckOf(r, "bsi.source-code-uri").result, CheckResult::kFail);
  EXPECT_TRUE(ProfileOf(r, Profile::kBsiTr03183_2).pass);
  EXPECT_LT(ProfileOf(r, Profile::kBsiTr03183_2).score, 10.0);
}

TEST(QualityHygiene, InvalidPurlAndCpeAreReported) {
  Sbom s = Good();
  s.components[0].purl = "npm/a@1.0.0";
  s.components[1].cpes = {"cpe:2.3:a:acme"};
  QualityReport r = Assess(s, {Profile::kHygiene});
  EXPECT_EQ(CheckOf(r, "hygiene.purl-valid").components, std::vector<std::string>{"pkg:npm/a@1.0.0"});
  EXPECT_EQ(CheckOf(r, "hygiene.cpe-valid").components, std::vector<std::string>{"pkg:npm/b@1.0.0"});
  EXPECT_FALSE(ProfileOf(r, Profile::kHygiene).pass);
}

TEST(QualityHygiene, DuplicatesAreFoundByRefAndByPackage) {
  Sbom s = Good();
  s.components.push_back(Full("a"));                 // same bom-ref and purl as components[0]
  Component twin = Full("b");
  twin.bom_ref = "another-ref";                      // same purl, different ref
  s.components.push_back(twin);
  QualityReport r = Assess(s, {Profile::kHygiene});
  const Check refs = CheckOf(r, "hygiene.duplicate-bom-ref");
  EXPECT_EQ(refs.result, CheckResult::kFail);
  EXPECT_EQ(refs.components.size(), 2u);
  const Check pkgs = CheckOf(r, "hygiene.duplicate-components");
  EXPECT_EQ(pkgs.components.size(), 4u);
}

TEST(QualityHygiene, DanglingReferencesAreMarked) {
  Sbom s = Good();
  s.dependencies.push_back({"pkg:npm/a@1.0.0", "pkg:npm/ghost@9"});
  s.dependency_refs.push_back("nobody");
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}), "hygiene.dangling-references");
  EXPECT_EQ(c.result, CheckResult::kFail);
  EXPECT_EQ(c.components, (std::vector<std::string>{"pkg:npm/a@1.0.0 -> ?pkg:npm/ghost@9", "?nobody"}));
  // Edges from the SPDX document itself are not dangling.
  Sbom t = Good();
  t.dependencies.push_back({t.document_ref, "pkg:npm/app@1.0.0", model::RelationshipType::kOther, "DESCRIBES"});
  EXPECT_EQ(CheckOf(Assess(t, {Profile::kHygiene}), "hygiene.dangling-references").result, CheckResult::kPass);
}

TEST(QualityHygiene, UnreachableComponentsAreListed) {
  Sbom s = Good();
  Component orphan = Full("orphan");
  Component nested = Full("nested");
  s.components[1].components.push_back(nested);  // reachable through its parent b
  s.components.push_back(orphan);
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}), "hygiene.unreachable");
  EXPECT_EQ(c.result, CheckResult::kFail);
  EXPECT_EQ(c.components, std::vector<std::string>{"pkg:npm/orphan@1.0.0"});
  s.primary.reset();
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kHygiene}), "hygiene.unreachable").result, CheckResult::kNotApplicable);
}

TEST(QualityHygiene, UnnecessaryComponentsAreFlaggedByRule) {
  Sbom s = Good();
  Component excluded = Full("excl");
  excluded.scope = model::Scope::kExcluded;
  Component devdep = Full("eslint");
  Component dbg = Full("libc6-dbg");
  Component sample = Full("widget-examples");
  Component npmdev = Full("prettier");
  npmdev.properties.push_back({"cdx:npm:package:development", "true"});
  for (Component* c : {&excluded, &devdep, &dbg, &sample, &npmdev}) s.components.push_back(*c);
  s.dependencies.push_back({"pkg:npm/app@1.0.0", "pkg:npm/eslint@1.0.0", model::RelationshipType::kDevDependsOn});
  // b is reached at runtime and by a test edge: still needed.
  s.dependencies.push_back({"pkg:npm/app@1.0.0", "pkg:npm/b@1.0.0", model::RelationshipType::kTestDependsOn});
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}), "hygiene.unnecessary-components");
  EXPECT_EQ(c.result, CheckResult::kFail);
  EXPECT_EQ(c.components, (std::vector<std::string>{
                              "pkg:npm/excl@1.0.0 (excluded-scope)",
                              "pkg:npm/eslint@1.0.0 (dev-dependency)",
                              "pkg:npm/libc6-dbg@1.0.0 (debug-tool)",
                              "pkg:npm/widget-examples@1.0.0 (sample-code)",
                              "pkg:npm/prettier@1.0.0 (development-package)",
                          }));
  EXPECT_FALSE(c.decides_pass);
}

TEST(QualityHygiene, UnnecessaryRulesAreConfigurable) {
  Sbom s = Good();
  QualityOptions o;
  o.unnecessary_rules = {{"internal-tool", "internal tooling", {}, {"b"}, {}, false}};
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}, o), "hygiene.unnecessary-components");
  EXPECT_EQ(c.components, std::vector<std::string>{"pkg:npm/b@1.0.0 (internal-tool)"});
  o.unnecessary_rules.clear();
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kHygiene}, o), "hygiene.unnecessary-components").result, CheckResult::kPass);
}

// The rule globs are indexed by their literal ends; every shape must still match exactly as a
// plain '*' glob would (case-insensitively, against the name and against group/name).
TEST(QualityHygiene, RuleGlobsOfEveryShapeMatchLikePlainGlobs) {
  struct Case {
    std::string glob;
    std::vector<std::string> names;  // the components it must flag, in document order
  };
  const std::vector<Case> cases = {
      {"ALPHA", {"alpha"}},
      {"al*", {"alpha", "alpine"}},
      {"*PHA", {"alpha"}},
      {"*p*", {"alpha", "alpine", "pep", "p"}},
      {"*", {"alpha", "alpine", "org/util", "pep", "p"}},
      {"p*p", {"pep"}},
      {"*p*p*", {"pep"}},
      {"p", {"p"}},
      {"org/*", {"org/util"}},
      {"*/util", {"org/util"}},
      {"**", {"alpha", "alpine", "org/util", "pep", "p"}},
      {"zeta*", {}},
  };
  for (const Case& k : cases) {
    Sbom s = Good();
    s.components.clear();
    for (const char* name : {"alpha", "alpine", "util", "pep", "p"}) {
      Component c;
      c.name = name;
      c.bom_ref = name;
      if (c.name == "util") c.group = "org";
      s.components.push_back(c);
    }
    QualityOptions o;
    o.unnecessary_rules = {{"r", "", {}, {k.glob}, {}, false}};
    const Check c = CheckOf(Assess(s, {Profile::kHygiene}, o), "hygiene.unnecessary-components");
    std::vector<std::string> flagged;
    for (const auto& label : c.components) {
      const std::string ref = label.substr(0, label.find(' '));
      flagged.push_back(ref == "util" ? "org/util" : ref);
    }
    EXPECT_EQ(flagged, k.names) << k.glob;
  }
}

// A property rule matches on any one property whose name and value both match; several rules
// matching one component are listed in rule order.
TEST(QualityHygiene, PropertyRulesNeedNameAndValueOfOneProperty) {
  Sbom s = Good();
  s.components[0].properties = {{"acme:Internal", "no"}, {"other", "TRUE"}};  // split across two
  s.components[1].properties = {{"ACME:internal", "yes-True"}};
  QualityOptions o;
  o.unnecessary_rules = {{"second", "", {}, {"b"}, {}, false},
                         {"first", "", {}, {}, {{"acme:*", "*true*"}}, false}};
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}, o), "hygiene.unnecessary-components");
  EXPECT_EQ(c.components, std::vector<std::string>{"pkg:npm/b@1.0.0 (second, first)"});
}

TEST(QualityHygiene, NoAssertionRatioHasAThreshold) {
  Sbom s = Good();
  for (auto& c : s.components) {
    c.version = "NOASSERTION";
    c.licenses = {Lic("NOASSERTION")};
  }
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}), "hygiene.noassertion-ratio");
  EXPECT_EQ(c.result, CheckResult::kFail);  // 4 of 12 values
  EXPECT_EQ(c.components.size(), 2u);
  QualityOptions lax;
  lax.max_noassertion_ratio = 0.5;
  EXPECT_EQ(CheckOf(Assess(s, {Profile::kHygiene}, lax), "hygiene.noassertion-ratio").result, CheckResult::kPass);
}

TEST(QualityReport, EmptySbomDoesNotCrashAndFails) {
  Sbom s;
  QualityReport r = All(s);
  EXPECT_FALSE(r.pass());
  EXPECT_EQ(CheckOf(r, "ntia.name").result, CheckResult::kNotApplicable);
}

TEST(QualityReport, OffendingComponentListIsCapped) {
  Sbom s = Good();
  for (int i = 0; i < 50; ++i) {
    Component c;
    c.name = "n" + std::to_string(i);
    s.components.push_back(c);
  }
  QualityOptions o;
  o.max_listed_components = 10;
  const Check c = CheckOf(Assess(s, {Profile::kNtia}, o), "ntia.version");
  EXPECT_EQ(c.components.size(), 10u);
  EXPECT_EQ(c.omitted, 40u);
  EXPECT_EQ(c.components[0], "n0");
}

TEST(QualityReport, JsonHasProfilesPassScoreAndChecks) {
  Sbom s = Good();
  s.components[0].supplier.reset();
  QualityReport r = Assess(s, {Profile::kNtia, Profile::kHygiene});
  JsonWriter w;
  WriteQualityReportJson(w, r);
  const std::string json = w.Take();
  EXPECT_NE(json.find("\"ntia\": {\n      \"pass\": false"), std::string::npos) << json;
  EXPECT_NE(json.find("\"hygiene\": {"), std::string::npos);
  EXPECT_NE(json.find("\"id\": \"ntia.supplier\""), std::string::npos);
  EXPECT_NE(json.find("\"result\": \"fail\""), std::string::npos);
  EXPECT_NE(json.find("\"components\": [\n"), std::string::npos);
  const std::string text = FormatQualityReport(r);
  EXPECT_NE(text.find("ntia: FAIL"), std::string::npos) << text;
  EXPECT_NE(text.find("- pkg:npm/a@1.0.0"), std::string::npos) << text;
}

TEST(QualityProfiles, ParsesProfileLists) {
  auto all = ParseProfiles("all");
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 4u);
  auto two = ParseProfiles("ntia, BSI-TR-03183-2,ntia");
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, (std::vector<Profile>{Profile::kNtia, Profile::kBsiTr03183_2}));
  auto bad = ParseProfiles("ntia,cisa");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("'cisa'"), std::string::npos);
  EXPECT_FALSE(ParseProfiles("").ok());
}

// 100,000 components in one chain with duplicates and dangling edges: a quadratic check would
// take minutes and run into the ctest timeout; the linear ones take well under a second. (No
// timing assert: the machine is shared; bench/quality_bench.cc measures.)
TEST(QualityPerformance, LargeSbomIsAssessedInLinearTime) {
  Sbom s = Good();
  constexpr int kCount = 100000;
  s.components.reserve(kCount);
  std::string prev = "pkg:npm/app@1.0.0";
  for (int i = 0; i < kCount; ++i) {
    Component c;
    c.name = "c" + std::to_string(i % 90000);  // some duplicates
    c.version = "1";
    c.bom_ref = "ref" + std::to_string(i);
    c.purl = "pkg:generic/" + c.name + "@1";
    s.dependencies.push_back({prev, c.bom_ref});
    prev = c.bom_ref;
    s.components.push_back(std::move(c));
  }
  s.dependencies.push_back({"ref1", "missing"});
  QualityReport r = All(s);
  EXPECT_EQ(CheckOf(r, "hygiene.unreachable").result, CheckResult::kPass);
  EXPECT_EQ(CheckOf(r, "hygiene.dangling-references").components.size(), 1u);
  const Check dups = CheckOf(r, "hygiene.duplicate-components");
  EXPECT_EQ(dups.components.size() + dups.omitted, 20000u);
}

}  // namespace
}  // namespace sbomhub::quality

#include "support/test_support.h"

namespace sbomhub::quality {
namespace {

TEST(QualityOptionsFile, AddsRulesToTheDefaultsAndSetsLimits) {
  auto o = LoadQualityOptionsFile(testing::Fixture("quality", "options.yaml"), 1 << 20);
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  EXPECT_DOUBLE_EQ(o->max_noassertion_ratio, 0.05);
  EXPECT_EQ(o->max_listed_components, 50u);
  EXPECT_EQ(o->unnecessary_rules.size(), DefaultUnnecessaryRules().size() + 2);
  Sbom s = Good();
  s.components.push_back(Full("acme-build-helper"));
  Component opt = Full("opt");
  opt.scope = model::Scope::kOptional;
  s.components.push_back(opt);
  const Check c = CheckOf(Assess(s, {Profile::kHygiene}, *o), "hygiene.unnecessary-components");
  EXPECT_EQ(c.components, (std::vector<std::string>{"pkg:npm/acme-build-helper@1.0.0 (internal-tool)",
                                                    "pkg:npm/opt@1.0.0 (optional-scope)"}));
}

TEST(QualityOptionsFile, ReplacingDefaultRulesLeavesOnlyTheFilesRules) {
  auto o = ParseQualityOptions("replace-default-rules: true\nunnecessary: [{id: x, dev-only: true}]\n", "o.yaml");
  ASSERT_TRUE(o.ok()) << o.status().ToString();
  ASSERT_EQ(o->unnecessary_rules.size(), 1u);
  EXPECT_TRUE(o->unnecessary_rules[0].only_dev_dependency);
  auto none = ParseQualityOptions("", "o.yaml");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->unnecessary_rules.size(), DefaultUnnecessaryRules().size());
}

TEST(QualityOptionsFile, MistakesAreErrorsWithPosition) {
  const char* bad[] = {
      "max-noassertion-ratio: 2",
      "max-noassertion-ratio: lots",
      "max-listed-components: -3",
      "unnecessary: [{description: no id}]",
      "unnecessary: [{id: a, scopes: [sometimes]}]",
      "unnecessary: [{id: a, colour: red}]",
      "unnecesary: []",
      "unnecessary: {id: a}",
      "[1, 2",
  };
  for (const char* text : bad) {
    auto o = ParseQualityOptions(text, "o.yaml");
    ASSERT_FALSE(o.ok()) << text;
    EXPECT_NE(o.status().message().find("o.yaml:"), std::string::npos) << o.status().message();
  }
  EXPECT_FALSE(ParseQualityOptions(std::string(50000, '['), "o.yaml").ok());
}

}  // namespace
}  // namespace sbomhub::quality
