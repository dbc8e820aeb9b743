// Unit tests for src/vex: vocabulary tables, the three readers on hand-written fixtures and bad
// inputs, writers (round trips, determinism, cross-format), and MatchStatements.
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>

#include "model/sbom.h"
#include "support/test_support.h"
#include "vex/vex.h"

namespace sbomhub::vex {
namespace {

std::string ReadFixture(const std::string& relative) {
  std::ifstream in(testing::Fixture("vex", relative), std::ios::binary);
  EXPECT_TRUE(in.good()) << relative;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

VexDocument MustRead(const std::string& relative) {
  auto doc = ReadVex(ReadFixture(relative), relative);
  EXPECT_TRUE(doc.ok()) << doc.status().ToString();
  return doc.ok() ? *doc : VexDocument{};
}

// ---- vocabulary ----

TEST(VexVocabulary, NamesParseBack) {
  for (auto s : {AnalysisState::kInTriage, AnalysisState::kExploitable, AnalysisState::kResolved,
                 AnalysisState::kResolvedWithPedigree, AnalysisState::kFalsePositive, AnalysisState::kNotAffected}) {
    EXPECT_EQ(ParseAnalysisState(AnalysisStateName(s)), s);
  }
  EXPECT_EQ(AnalysisStateName(AnalysisState::kUnspecified), "");
  EXPECT_EQ(ParseJustification("protected_at_perimeter"), Justification::kProtectedAtPerimeter);
  EXPECT_EQ(ParseJustification("component_not_present"), std::nullopt);
  EXPECT_EQ(ParseResponse("workaround_available"), Response::kWorkaroundAvailable);
  EXPECT_EQ(ParseImpactLabel("vulnerable_code_cannot_be_controlled_by_adversary"),
            ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary);
  EXPECT_EQ(ParseCsafStatus("first_affected"), CsafStatus::kKnownAffected);
  EXPECT_EQ(ParseCsafStatus("first_fixed"), CsafStatus::kFixed);
  EXPECT_EQ(ParseCsafStatus("recommended"), std::nullopt);
  EXPECT_EQ(ParseVexFormat("openvex"), VexFormat::kOpenVex);
}

TEST(VexVocabulary, OpenVexAndCsafSurviveTheCycloneDxVocabulary) {
  for (auto s : {OpenVexStatus::kNotAffected, OpenVexStatus::kAffected, OpenVexStatus::kFixed,
                 OpenVexStatus::kUnderInvestigation}) {
    EXPECT_EQ(OpenVexFromState(StateFromOpenVex(s)), s) << OpenVexStatusName(s);
  }
  for (auto s : {CsafStatus::kKnownNotAffected, CsafStatus::kKnownAffected, CsafStatus::kFixed,
                 CsafStatus::kUnderInvestigation}) {
    EXPECT_EQ(CsafFromState(StateFromCsaf(s)), s) << CsafStatusName(s);
  }
  for (auto l : {ImpactLabel::kComponentNotPresent, ImpactLabel::kVulnerableCodeNotPresent,
                 ImpactLabel::kVulnerableCodeNotInExecutePath,
                 ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary,
                 ImpactLabel::kInlineMitigationsAlreadyExist}) {
    EXPECT_EQ(LabelFromJustification(JustificationFromLabel(l)), l) << ImpactLabelName(l);
  }
}

TEST(VexVocabulary, CycloneDxOnlyValuesFoldWhenLeavingCycloneDx) {
  EXPECT_EQ(OpenVexFromState(AnalysisState::kFalsePositive), OpenVexStatus::kNotAffected);
  EXPECT_EQ(OpenVexFromState(AnalysisState::kResolvedWithPedigree), OpenVexStatus::kFixed);
  EXPECT_EQ(OpenVexFromState(AnalysisState::kUnspecified), OpenVexStatus::kUnderInvestigation);
  EXPECT_EQ(LabelFromJustification(Justification::kProtectedByCompiler), ImpactLabel::kInlineMitigationsAlreadyExist);
  EXPECT_EQ(LabelFromJustification(Justification::kRequiresConfiguration),
            ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary);
  EXPECT_EQ(LabelFromJustification(Justification::kNone), std::nullopt);
}

// ---- readers ----

TEST(ReadVex, OpenVex020) {
  VexDocument doc = MustRead("openvex_v020.json");
  EXPECT_EQ(doc.format, VexFormat::kOpenVex);
  EXPECT_EQ(doc.spec_version, "0.2.0");
  EXPECT_EQ(doc.id, "https://vex.example.com/docs/vex-0001");
  EXPECT_EQ(doc.author, "Example Security Team");
  EXPECT_EQ(doc.version, "2");
  EXPECT_EQ(doc.last_updated, "2024-03-02T10:00:00Z");
  ASSERT_EQ(doc.statements.size(), 4u);
  const VexStatement& s0 = doc.statements[0];
  EXPECT_EQ(s0.vulnerability, "CVE-2023-1255");
  EXPECT_EQ(s0.aliases, std::vector<std::string>{"GHSA-xxxx-yyyy-zzzz"});
  EXPECT_EQ(s0.vulnerability_description, "OpenSSL AES-XTS read overflow");
  EXPECT_EQ(s0.state, AnalysisState::kNotAffected);
  EXPECT_EQ(s0.justification, Justification::kCodeNotReachable);
  EXPECT_EQ(s0.impact_statement, "AES-XTS is never used on this platform.");
  ASSERT_EQ(s0.products.size(), 1u);
  EXPECT_EQ(s0.products[0].ref.purl, "pkg:oci/app@sha256%3Aabc123");
  ASSERT_EQ(s0.products[0].subcomponents.size(), 2u);
  EXPECT_EQ(s0.products[0].subcomponents[0].purl, "pkg:apk/wolfi/libcrypto3@3.0.8-r3?arch=x86_64");
  EXPECT_EQ(s0.products[0].subcomponents[1].cpe, "cpe:2.3:a:openssl:openssl:3.0.8:*:*:*:*:*:*:*");
  const VexStatement& s1 = doc.statements[1];
  EXPECT_EQ(s1.state, AnalysisState::kExploitable);
  EXPECT_EQ(s1.products[0].ref.native_id, "https://example.com/products/widget");
  EXPECT_EQ(s1.products[0].ref.purl, "pkg:npm/widget@1.2.3");
  EXPECT_EQ(s1.action_statement, "Upgrade widget to 1.2.4.");
  EXPECT_EQ(s1.detail, "Reachable from the public API.");
  EXPECT_EQ(doc.statements[2].state, AnalysisState::kResolved);
  EXPECT_EQ(doc.statements[3].state, AnalysisState::kInTriage);
}

TEST(ReadVex, OpenVex001SharedSubcomponentsApplyToEveryProduct) {
  VexDocument doc = MustRead("openvex_v001.json");
  EXPECT_EQ(doc.spec_version, "0.0.1");
  ASSERT_EQ(doc.statements.size(), 1u);
  const VexStatement& st = doc.statements[0];
  EXPECT_EQ(st.vulnerability, "CVE-2023-12345");
  EXPECT_EQ(st.vulnerability_description, "A git bug");
  EXPECT_EQ(st.justification, Justification::kRequiresDependency);
  ASSERT_EQ(st.products.size(), 2u);
  for (const auto& p : st.products) {
    ASSERT_EQ(p.subcomponents.size(), 1u);
    EXPECT_EQ(p.subcomponents[0].purl, "pkg:generic/libgit-helper@1.0");
  }
}

TEST(ReadVex, CycloneDxResolvesRefsThroughComponents) {
  VexDocument doc = MustRead("cdx_vex.json");
  EXPECT_EQ(doc.format, VexFormat::kCycloneDx);
  EXPECT_EQ(doc.spec_version, "1.5");
  EXPECT_EQ(doc.id, "urn:uuid:11111111-2222-3333-4444-555555555555");
  EXPECT_EQ(doc.version, "3");
  EXPECT_EQ(doc.author, "Acme PSIRT");
  ASSERT_EQ(doc.statements.size(), 4u);
  const VexStatement& st = doc.statements[0];
  EXPECT_EQ(st.aliases, std::vector<std::string>{"GHSA-288c-cq4h-88gq"});
  EXPECT_EQ(st.state, AnalysisState::kNotAffected);
  EXPECT_EQ(st.justification, Justification::kCodeNotReachable);
  EXPECT_EQ(st.responses, (std::vector<Response>{Response::kWillNotFix, Response::kUpdate}));
  EXPECT_EQ(st.detail, "DOMDeserializer is never called.");
  EXPECT_EQ(st.action_statement, "Upgrade to 2.10.5.1");
  EXPECT_EQ(st.timestamp, "2024-01-01T00:00:00Z");
  EXPECT_EQ(st.last_updated, "2024-01-15T00:00:00Z");
  ASSERT_EQ(st.products.size(), 2u);
  EXPECT_EQ(st.products[0].ref.bom_ref, "jackson");
  EXPECT_EQ(st.products[0].ref.purl, "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.10.0?type=jar");
  EXPECT_EQ(st.products[1].ref.bom_ref, "urn:cdx:99999999-8888-7777-6666-555555555555/1#acme-app");
  EXPECT_TRUE(st.products[1].ref.purl.empty());
  ASSERT_EQ(st.products[1].versions.size(), 2u);
  EXPECT_EQ(st.products[1].versions[0].status, "unaffected");
  EXPECT_EQ(st.products[1].versions[1].range, "vers:generic/>=3.0|<4.0");
  EXPECT_EQ(doc.statements[1].products[0].ref.purl, "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1");
  EXPECT_EQ(doc.statements[2].state, AnalysisState::kResolvedWithPedigree);
  EXPECT_EQ(doc.statements[3].state, AnalysisState::kFalsePositive);
}

TEST(ReadVex, CsafGroupsProductsByWhatIsSaidAboutThem) {
  VexDocument doc = MustRead("csaf_vex.json");
  EXPECT_EQ(doc.format, VexFormat::kCsaf);
  EXPECT_EQ(doc.id, "EX-VEX-2024-0001");
  EXPECT_EQ(doc.author, "Example PSIRT");
  EXPECT_EQ(doc.author_namespace, "https://psirt.example.com");
  EXPECT_EQ(doc.timestamp, "2024-04-01T00:00:00Z");
  EXPECT_EQ(doc.last_updated, "2024-04-02T00:00:00Z");
  ASSERT_EQ(doc.statements.size(), 4u);

  const VexStatement& affected = doc.statements[0];
  EXPECT_EQ(affected.vulnerability, "CVE-2024-1111");
  EXPECT_EQ(affected.aliases, std::vector<std::string>{"GHSA-1111-2222-3333"});
  EXPECT_EQ(affected.vulnerability_description, "A bug.");
  EXPECT_EQ(affected.state, AnalysisState::kExploitable);
  EXPECT_EQ(affected.responses, (std::vector<Response>{Response::kUpdate, Response::kWorkaroundAvailable}));
  EXPECT_EQ(affected.action_statement, "Update widget to 1.2.4.");  // identical texts kept once
  ASSERT_EQ(affected.products.size(), 1u);
  EXPECT_EQ(affected.products[0].ref.native_id, "P-1");
  EXPECT_EQ(affected.products[0].ref.purl, "pkg:npm/widget@1.2.3");
  EXPECT_EQ(affected.products[0].ref.name, "widget 1.2.3");

  const VexStatement& not_affected = doc.statements[1];
  EXPECT_EQ(not_affected.state, AnalysisState::kNotAffected);
  EXPECT_EQ(not_affected.justification, Justification::kCodeNotPresent);  // flag given via group G-1
  ASSERT_EQ(not_affected.products.size(), 2u);
  EXPECT_EQ(not_affected.products[0].ref.cpe, "cpe:2.3:a:example:gadget:4.0:*:*:*:*:*:*:*");
  EXPECT_EQ(not_affected.products[1].ref.native_id, "P-3");

  EXPECT_EQ(doc.statements[2].vulnerability, "EX-2024-7");
  EXPECT_EQ(doc.statements[2].state, AnalysisState::kInTriage);
  EXPECT_EQ(doc.statements[3].state, AnalysisState::kResolved);
  EXPECT_EQ(doc.statements[3].impact_statement, "Only with debug mode.");
}

struct BadCase {
  const char* file;
  StatusCode code;
  const char* where;  // a substring the message must contain (position or pointer)
};

TEST(ReadVex, BadInputsSayWhatAndWhere) {
  const BadCase cases[] = {
      {"bad/malformed.json", StatusCode::kParseError, "bad/malformed.json:3:"},
      {"bad/openvex_bad_status.json", StatusCode::kInvalidDocument, "(at /statements/0/status)"},
      {"bad/openvex_products_not_array.json", StatusCode::kInvalidDocument, "(at /statements/0/products)"},
      {"bad/openvex_future.json", StatusCode::kUnsupported, "v9.9.9"},
      {"bad/cdx_1_3.json", StatusCode::kUnsupported, "CycloneDX 1.3"},
      {"bad/cdx_no_vulnerabilities.json", StatusCode::kInvalidDocument, "no 'vulnerabilities'"},
      {"bad/cdx_bad_justification.json", StatusCode::kInvalidDocument,
       "(at /vulnerabilities/0/analysis/justification)"},
      {"bad/csaf_advisory.json", StatusCode::kUnsupported, "csaf_security_advisory"},
      {"bad/not_vex.json", StatusCode::kParseError, "not a VEX document"},
      {"bad/empty.json", StatusCode::kParseError, "bad/empty.json"},
  };
  for (const auto& c : cases) {
    auto doc = ReadVex(ReadFixture(c.file), c.file);
    ASSERT_FALSE(doc.ok()) << c.file;
    EXPECT_EQ(doc.status().code(), c.code) << c.file << ": " << doc.status().ToString();
    EXPECT_NE(doc.status().message().find(c.where), std::string::npos) << doc.status().message();
    EXPECT_NE(doc.status().message().find(c.file), std::string::npos) << doc.status().message();
  }
}

TEST(IdentifyVex, NamesTheFormat) {
  EXPECT_EQ(IdentifyVex(ReadFixture("openvex_v001.json")), VexFormat::kOpenVex);
  EXPECT_EQ(IdentifyVex(ReadFixture("cdx_vex.json")), VexFormat::kCycloneDx);
  EXPECT_EQ(IdentifyVex(ReadFixture("csaf_vex.json")), VexFormat::kCsaf);
  EXPECT_EQ(IdentifyVex(ReadFixture("bad/not_vex.json")), std::nullopt);
  EXPECT_EQ(IdentifyVex("[1,2"), std::nullopt);
}

// ---- writers ----

void ExpectRoundTrip(const std::string& fixture) {
  VexDocument first = MustRead(fixture);
  auto written = WriteVex(first, first.format);
  ASSERT_TRUE(written.ok()) << written.status().ToString();
  auto again = WriteVex(first, first.format);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*written, *again) << "writer is not deterministic";
  auto second = ReadVex(*written, fixture + " (rewritten)");
  ASSERT_TRUE(second.ok()) << second.status().ToString() << "\n" << *written;
  EXPECT_EQ(second->statements, first.statements) << *written;
  EXPECT_EQ(second->id, first.id);
  EXPECT_EQ(second->author, first.author);
  EXPECT_EQ(second->timestamp, first.timestamp);
  EXPECT_EQ(second->version, first.version);
}

TEST(WriteVex, OpenVex020RoundTrips) { ExpectRoundTrip("openvex_v020.json"); }
TEST(WriteVex, OpenVex001RoundTripsThrough020) { ExpectRoundTrip("openvex_v001.json"); }
TEST(WriteVex, CycloneDxRoundTrips) { ExpectRoundTrip("cdx_vex.json"); }
TEST(WriteVex, CsafRoundTrips) { ExpectRoundTrip("csaf_vex.json"); }

TEST(WriteVex, CycloneDxOutputIs16WithComponentsForPurlTargets) {
  VexDocument doc = MustRead("openvex_v020.json");
  auto out = WriteCycloneDxVex(doc);
  ASSERT_TRUE(out.ok());
  EXPECT_NE(out->find("\"specVersion\": \"1.6\""), std::string::npos);
  auto back = ReadVex(*out, "cdx-from-openvex.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ASSERT_EQ(back->statements.size(), 4u);
  // Subcomponents become the affected refs; their purls resolve through components[].
  ASSERT_EQ(back->statements[0].products.size(), 2u);
  EXPECT_EQ(back->statements[0].products[0].ref.purl, "pkg:apk/wolfi/libcrypto3@3.0.8-r3?arch=x86_64");
  EXPECT_EQ(back->statements[0].products[1].ref.cpe, "cpe:2.3:a:openssl:openssl:3.0.8:*:*:*:*:*:*:*");
  EXPECT_EQ(back->statements[0].justification, Justification::kCodeNotReachable);
  EXPECT_EQ(back->statements[0].detail, "AES-XTS is never used on this platform.");
}

TEST(WriteVex, OpenVexKeepsFalsePositiveAsImpactStatement) {
  VexDocument doc = MustRead("cdx_vex.json");
  auto out = WriteOpenVex(doc);
  ASSERT_TRUE(out.ok());
  auto back = ReadVex(*out, "openvex-from-cdx.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->statements[3].state, AnalysisState::kNotAffected);
  EXPECT_NE(back->statements[3].impact_statement.find("false positive"), std::string::npos);
  EXPECT_EQ(back->statements[2].state, AnalysisState::kResolved);  // resolved_with_pedigree folds
}

TEST(WriteVex, CsafFromOpenVexIsReadableVex) {
  VexDocument doc = MustRead("openvex_v020.json");
  auto out = WriteCsafVex(doc);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  auto back = ReadVex(*out, "csaf-from-openvex.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString() << *out;
  EXPECT_EQ(back->author_namespace, "https://vex.example.com");
  ASSERT_EQ(back->statements.size(), 4u);
  EXPECT_EQ(back->statements[0].vulnerability, "CVE-2023-1255");
  EXPECT_EQ(back->statements[0].aliases, std::vector<std::string>{"GHSA-xxxx-yyyy-zzzz"});
  EXPECT_EQ(back->statements[0].state, AnalysisState::kNotAffected);
  EXPECT_EQ(back->statements[0].justification, Justification::kCodeNotReachable);
  ASSERT_EQ(back->statements[0].products.size(), 2u);
  EXPECT_EQ(back->statements[0].products[0].ref.native_id, "CSAFPID-0001");
  EXPECT_EQ(back->statements[1].vulnerability, "GHSA-aaaa-bbbb-cccc");
  EXPECT_EQ(back->statements[1].state, AnalysisState::kExploitable);
  EXPECT_EQ(back->statements[1].action_statement, "Upgrade widget to 1.2.4.");
}

TEST(WriteVex, CsafRefusesToInventDates) {
  VexDocument doc;
  doc.author_namespace = "https://example.com";
  doc.statements.push_back({.vulnerability = "CVE-2024-1", .state = AnalysisState::kInTriage});
  auto out = WriteCsafVex(doc);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  doc.timestamp = "2024-01-01T00:00:00Z";
  doc.author_namespace.clear();
  out = WriteCsafVex(doc);
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("namespace"), std::string::npos);
}

// ---- MatchStatements ----

model::Sbom SmallSbom() {
  model::Sbom sbom;
  sbom.serial_number = "urn:uuid:AAAAAAAA-0000-0000-0000-000000000001";
  sbom.bom_version = 2;
  model::Component app;
  app.bom_ref = "app";
  app.name = "app";
  sbom.primary = app;
  model::Component git;
  git.bom_ref = "git-x86";
  git.purl = "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64&distro=wolfi";
  model::Component gitarm;
  gitarm.bom_ref = "git-arm";
  gitarm.purl = "pkg:apk/wolfi/git@2.39.0-r1?arch=armv7";
  model::Component ssl;
  ssl.bom_ref = "ssl";
  ssl.cpes = {"cpe:2.3:a:openssl:openssl:3.0.8:*:*:*:*:*:*:*"};
  model::Component nested;
  nested.bom_ref = "nested-lib";
  nested.purl = "pkg:npm/%40scope/lib@1.0.0";
  ssl.components.push_back(nested);
  sbom.components = {git, gitarm, ssl};
  return sbom;
}

VexStatement StatementFor(std::vector<ProductRef> refs) {
  VexStatement st;
  st.vulnerability = "CVE-2024-9";
  st.state = AnalysisState::kNotAffected;
  for (auto& r : refs) st.products.push_back({.ref = std::move(r)});
  return st;
}

TEST(MatchStatements, EachRuleAndEachMismatchIsReported) {
  VexDocument doc;
  doc.statements.push_back(StatementFor({{.bom_ref = "urn:cdx:aaaaaaaa-0000-0000-0000-000000000001/2#ssl"},
                                         {.bom_ref = "urn:cdx:aaaaaaaa-0000-0000-0000-000000000001/1#ssl"},
                                         {.bom_ref = "urn:cdx:bbbbbbbb-0000-0000-0000-000000000001/2#ssl"},
                                         {.bom_ref = "urn:cdx:aaaaaaaa-0000-0000-0000-000000000001/2"},
                                         {.bom_ref = "git-arm"},
                                         {.bom_ref = "nope"}}));
  doc.statements.push_back(StatementFor({{.purl = "pkg:apk/wolfi/git@2.39.0-r1"},
                                         {.purl = "pkg:apk/wolfi/git@2.39.0-r1?arch=x86_64"},
                                         {.purl = "pkg:apk/wolfi/git"},
                                         {.purl = "pkg:apk/wolfi/git@9.9"},
                                         {.purl = "pkg:npm/@scope/lib@1.0.0"},
                                         {.cpe = "CPE:2.3:A:OPENSSL:OPENSSL:3.0.8:*:*:*:*:*:*:*"},
                                         {.name = "Widget", .native_id = "CSAFPID-1"}}));
  doc.statements.push_back(VexStatement{.vulnerability = "CVE-2024-10"});
  VexStatement with_subs = StatementFor({{.purl = "pkg:oci/app"}});
  with_subs.products[0].subcomponents = {{.purl = "pkg:npm/%40scope/lib@1.0.0"}, {.purl = "pkg:npm/other@1"}};
  doc.statements.push_back(with_subs);

  MatchResult r = MatchStatements(doc, SmallSbom());
  auto applied_to = [&](std::size_t s, std::size_t p) {
    std::vector<std::string> refs;
    for (const auto& a : r.applied) {
      if (a.statement == s && a.product == p) refs.push_back(a.component_bom_ref);
    }
    return refs;
  };
  auto reason = [&](std::size_t s, std::optional<std::size_t> p, std::optional<std::size_t> sub = std::nullopt) {
    for (const auto& u : r.unmatched) {
      if (u.statement == s && u.product == p && u.subcomponent == sub) return u.reason;
    }
    return std::string("<matched>");
  };
  EXPECT_EQ(applied_to(0, 0), std::vector<std::string>{"ssl"});
  EXPECT_NE(reason(0, 1).find("version 1, this SBOM is urn:uuid:AAAAAAAA"), std::string::npos) << reason(0, 1);
  EXPECT_NE(reason(0, 2).find("names BOM urn:uuid:bbbbbbbb"), std::string::npos) << reason(0, 2);
  EXPECT_EQ(applied_to(0, 3), std::vector<std::string>{"app"});
  EXPECT_EQ(applied_to(0, 4), std::vector<std::string>{"git-arm"});
  EXPECT_EQ(reason(0, 5), "no component has bom-ref 'nope'");

  EXPECT_EQ(applied_to(1, 0), (std::vector<std::string>{"git-x86", "git-arm"}));
  EXPECT_EQ(applied_to(1, 1), std::vector<std::string>{"git-x86"});
  EXPECT_EQ(applied_to(1, 2), (std::vector<std::string>{"git-x86", "git-arm"}));
  EXPECT_EQ(reason(1, 3), "no component has purl pkg:apk/wolfi/git@9.9");
  EXPECT_EQ(applied_to(1, 4), std::vector<std::string>{"nested-lib"});
  EXPECT_EQ(applied_to(1, 5), std::vector<std::string>{"ssl"});
  EXPECT_NE(reason(1, 6).find("'Widget' has no bom-ref, purl or CPE"), std::string::npos);
  EXPECT_EQ(reason(2, std::nullopt), "statement names no product");

  EXPECT_EQ(applied_to(3, 0), std::vector<std::string>{"nested-lib"});
  EXPECT_EQ(reason(3, 0, 1), "no component has purl pkg:npm/other@1");
  EXPECT_EQ(reason(3, 0, std::nullopt), "<matched>");  // the product itself is not a target

  for (const auto& a : r.applied) {
    if (a.statement == 1 && a.product == 1) {
      EXPECT_EQ(a.matched_by, MatchedBy::kPurlWithoutQualifiers);
    }
    if (a.statement == 1 && a.product == 5) {
      EXPECT_EQ(a.matched_by, MatchedBy::kCpe);
    }
    if (a.statement == 0 && a.product == 0) {
      EXPECT_EQ(a.matched_by, MatchedBy::kBomLink);
    }
  }
  // Every target is accounted for exactly once (applied may list several components).
  EXPECT_EQ(r.unmatched.size(), 7u);
}

}  // namespace
}  // namespace sbomhub::vex
