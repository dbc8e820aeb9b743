#include "license/policy.h"

#include <gtest/gtest.h>

#include <string>

#include "base/json_writer.h"
#include "license/report.h"
#include "support/test_support.h"

namespace sbomhub::license {
namespace {

Evaluation Eval(std::string_view text, const Policy& policy = Policy::Default()) {
  auto r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text;
  if (!r.ok()) return {};
  return Evaluate(r->root, policy);
}

TEST(LicenseCategory, BuiltinTableCoversCommonLicenses) {
  EXPECT_EQ(BuiltinCategory("MIT"), LicenseCategory::kPermissive);
  EXPECT_EQ(BuiltinCategory("apache-2.0"), LicenseCategory::kPermissive);
  EXPECT_EQ(BuiltinCategory("BSD-3-Clause"), LicenseCategory::kPermissive);
  EXPECT_EQ(BuiltinCategory("LGPL-2.1-only"), LicenseCategory::kWeakCopyleft);
  EXPECT_EQ(BuiltinCategory("MPL-2.0"), LicenseCategory::kWeakCopyleft);
  EXPECT_EQ(BuiltinCategory("GPL-3.0-or-later"), LicenseCategory::kStrongCopyleft);
  EXPECT_EQ(BuiltinCategory("GPL-2.0+"), LicenseCategory::kStrongCopyleft);
  EXPECT_EQ(BuiltinCategory("AGPL-3.0-only"), LicenseCategory::kNetworkCopyleft);
  EXPECT_EQ(BuiltinCategory("CC0-1.0"), LicenseCategory::kPublicDomain);
  EXPECT_EQ(BuiltinCategory("CC-BY-NC-4.0"), LicenseCategory::kProprietary);
  EXPECT_EQ(BuiltinCategory("CC-BY-4.0"), LicenseCategory::kPermissive);
  EXPECT_EQ(BuiltinCategory("CC-BY-SA-4.0"), LicenseCategory::kStrongCopyleft);
  EXPECT_EQ(BuiltinCategory("LicenseRef-x"), LicenseCategory::kUnknown);
  EXPECT_EQ(BuiltinCategory("No-Such-License"), LicenseCategory::kUnknown);
}

TEST(LicenseCategory, LinkingExceptionWeakensStrongCopyleft) {
  EXPECT_EQ(BuiltinCategory("GPL-2.0-only", "Classpath-exception-2.0"), LicenseCategory::kWeakCopyleft);
  EXPECT_EQ(BuiltinCategory("GPL-3.0-or-later", "GCC-exception-3.1"), LicenseCategory::kWeakCopyleft);
  EXPECT_EQ(BuiltinCategory("Apache-2.0", "LLVM-exception"), LicenseCategory::kPermissive);
  EXPECT_EQ(BuiltinCategory("GPL-2.0-only", "Some-other-exception"), LicenseCategory::kStrongCopyleft);
}

TEST(LicensePolicy, OrNeedsOneAcceptableChoice) {
  Evaluation e = Eval("AGPL-3.0-only OR MIT");
  EXPECT_EQ(e.verdict, Verdict::kAllow);
  EXPECT_NE(e.reason.find("chose MIT"), std::string::npos) << e.reason;
}

TEST(LicensePolicy, AndNeedsEveryTermToPass) {
  Evaluation e = Eval("MIT AND AGPL-3.0-only");
  EXPECT_EQ(e.verdict, Verdict::kDeny);
  EXPECT_NE(e.reason.find("AGPL-3.0-only"), std::string::npos) << e.reason;
  EXPECT_EQ(Eval("MIT AND GPL-2.0-only").verdict, Verdict::kReview);
  EXPECT_EQ(Eval("(MIT OR AGPL-3.0-only) AND (ISC OR AGPL-3.0-only)").verdict, Verdict::kAllow);
}

TEST(LicensePolicy, ExplicitListsBeatCategoryDefaults) {
  Policy p = Policy::Default();
  p.deny = {"MIT"};
  p.allow = {"AGPL-3.0-only", "GPL-2.0-only WITH Classpath-exception-2.0"};
  p.deny.push_back("GPL-2.0-only");
  EXPECT_EQ(Eval("MIT", p).verdict, Verdict::kDeny);
  EXPECT_EQ(Eval("agpl-3.0-only", p).verdict, Verdict::kAllow);
  // The whole WITH term is allowed although the bare license is denied.
  EXPECT_EQ(Eval("GPL-2.0-only WITH Classpath-exception-2.0", p).verdict, Verdict::kAllow);
  EXPECT_EQ(Eval("GPL-2.0-only", p).verdict, Verdict::kDeny);
  // A bare-license entry applies to the license with any exception.
  EXPECT_EQ(Eval("GPL-2.0-only WITH GCC-exception-2.0", p).verdict, Verdict::kDeny);
}

TEST(LicensePolicy, DeprecatedIdsAreJudgedAsTheirSuccessors) {
  Policy p = Policy::Default();
  p.deny = {"GPL-2.0-or-later"};
  EXPECT_EQ(Eval("GPL-2.0+", p).verdict, Verdict::kDeny);
  EXPECT_EQ(Eval("GPL-2.0-only", p).verdict, Verdict::kReview);
}

TEST(LicensePolicy, NoAssertionUsesTheNoLicenseVerdict) {
  Policy p = Policy::Default();
  p.no_license = Verdict::kDeny;
  EXPECT_EQ(Eval("NOASSERTION", p).verdict, Verdict::kDeny);
}

TEST(LicensePolicy, LicenseRefsCanBeClassifiedByPolicy) {
  Policy p = Policy::Default();
  EXPECT_EQ(Eval("LicenseRef-acme", p).verdict, Verdict::kReview);
  p.categories["licenseref-acme"] = LicenseCategory::kProprietary;
  p.category_defaults[LicenseCategory::kProprietary] = Verdict::kDeny;
  Evaluation e = Eval("LicenseRef-acme", p);
  EXPECT_EQ(e.verdict, Verdict::kDeny);
  ASSERT_EQ(e.categories.size(), 1u);
  EXPECT_EQ(e.categories[0], LicenseCategory::kProprietary);
}

TEST(LicensePolicyFile, ParsesYaml) {
  auto p = ParsePolicy(R"(version: 1
allow: [MIT, "GPL-2.0-only WITH Classpath-exception-2.0"]
deny:
  - agpl-3.0-only
review: [LicenseRef-internal]
categories:
  strong-copyleft: deny
  weak-copyleft: review
license-categories:
  LicenseRef-acme-eula: proprietary
no-license: deny
unrecognized: deny
)",
                       "p.yaml");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->allow.size(), 2u);
  EXPECT_EQ(p->deny, std::vector<std::string>{"AGPL-3.0-only"});
  EXPECT_EQ(p->category_defaults.at(LicenseCategory::kStrongCopyleft), Verdict::kDeny);
  EXPECT_EQ(p->category_defaults.at(LicenseCategory::kPermissive), Verdict::kAllow);  // default kept
  EXPECT_EQ(p->categories.at("licenseref-acme-eula"), LicenseCategory::kProprietary);
  EXPECT_EQ(p->no_license, Verdict::kDeny);
  EXPECT_EQ(p->unrecognized, Verdict::kDeny);
  EXPECT_EQ(Eval("GPL-3.0-only", *p).verdict, Verdict::kDeny);
}

TEST(LicensePolicyFile, ParsesJson) {
  auto p = ParsePolicy(R"({"allow": ["MIT"], "categories": {"permissive": "review"}})", "p.json");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(Eval("MIT", *p).verdict, Verdict::kAllow);
  EXPECT_EQ(Eval("ISC", *p).verdict, Verdict::kReview);
}

TEST(LicensePolicyFile, TyposAreErrorsWithFileAndLine) {
  auto unknown_key = ParsePolicy("allow: [MIT]\ndenny: [GPL-3.0-only]\n", "p.yaml");
  ASSERT_FALSE(unknown_key.ok());
  EXPECT_NE(unknown_key.status().message().find("p.yaml:2:1"), std::string::npos) << unknown_key.status().message();
  EXPECT_NE(unknown_key.status().message().find("denny"), std::string::npos);
  auto bad_category = ParsePolicy("categories: {permisive: allow}", "p.yaml");
  ASSERT_FALSE(bad_category.ok());
  EXPECT_NE(bad_category.status().message().find("permisive"), std::string::npos);
  auto bad_verdict = ParsePolicy("no-license: maybe", "p.yaml");
  ASSERT_FALSE(bad_verdict.ok());
  auto bad_term = ParsePolicy("allow: ['MIT OR ISC']", "p.yaml");
  ASSERT_FALSE(bad_term.ok());
  EXPECT_NE(bad_term.status().message().find("single license"), std::string::npos);
  auto syntax = ParsePolicy("allow: [MIT", "p.yaml");
  ASSERT_FALSE(syntax.ok());
  EXPECT_NE(syntax.status().message().find("p.yaml:"), std::string::npos);
  EXPECT_FALSE(ParsePolicy("- a\n- b\n", "p.yaml").ok());
}

TEST(LicensePolicyFile, ExamplePolicyInDocsFixtureLoads) {
  auto p = LoadPolicyFile(testing::Fixture("license", "policy/strict.yaml"), 1 << 20);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(Eval("GPL-3.0-only", *p).verdict, Verdict::kDeny);
  EXPECT_FALSE(LoadPolicyFile(testing::Fixture("license", "policy/missing.yaml"), 1 << 20).ok());
}

model::License Lic(std::string value, model::License::Kind kind = model::License::Kind::kExpression,
                   model::LicenseAcknowledgement ack = model::LicenseAcknowledgement::kUnspecified) {
  model::License l;
  l.kind = kind;
  l.value = std::move(value);
  l.acknowledgement = ack;
  return l;
}

model::Component Comp(std::string name, std::vector<model::License> licenses) {
  model::Component c;
  c.name = name;
  c.bom_ref = "ref-" + name;
  c.version = "1.0";
  c.licenses = std::move(licenses);
  return c;
}

TEST(LicenseReport, NormalizesNamesAndRecordsIt) {
  ComponentLicense c =
      EvaluateComponent(Comp("a", {Lic("Apache License, Version 2.0", model::License::Kind::kName)}), Policy::Default());
  EXPECT_EQ(c.expression, "Apache-2.0");
  EXPECT_TRUE(c.valid);
  EXPECT_EQ(c.verdict, Verdict::kAllow);
  ASSERT_EQ(c.notes.size(), 1u);
  EXPECT_NE(c.notes[0].find("normalized to Apache-2.0"), std::string::npos);
  EXPECT_EQ(c.declared, "Apache License, Version 2.0");
}

TEST(LicenseReport, CombinesSeveralStatementsWithAnd) {
  ComponentLicense c = EvaluateComponent(
      Comp("b", {Lic("MIT", model::License::Kind::kSpdxId), Lic("GPL-3.0-only OR Apache-2.0")}), Policy::Default());
  EXPECT_EQ(c.expression, "MIT AND (GPL-3.0-only OR Apache-2.0)");
  EXPECT_EQ(c.verdict, Verdict::kAllow);
}

TEST(LicenseReport, ConcludedLicenseWinsOverDeclared) {
  ComponentLicense c = EvaluateComponent(
      Comp("c", {Lic("AGPL-3.0-only", model::License::Kind::kExpression, model::LicenseAcknowledgement::kDeclared),
                 Lic("MIT", model::License::Kind::kExpression, model::LicenseAcknowledgement::kConcluded)}),
      Policy::Default());
  EXPECT_EQ(c.expression, "MIT");
  ComponentLicense d = EvaluateComponent(
      Comp("d", {Lic("AGPL-3.0-only", model::License::Kind::kExpression, model::LicenseAcknowledgement::kDeclared),
                 Lic("NOASSERTION", model::License::Kind::kExpression, model::LicenseAcknowledgement::kConcluded)}),
      Policy::Default());
  EXPECT_EQ(d.expression, "AGPL-3.0-only");
  EXPECT_EQ(d.verdict, Verdict::kDeny);
}

TEST(LicenseReport, MissingAndUnrecognizedLicensesFollowPolicy) {
  Policy p = Policy::Default();
  p.no_license = Verdict::kDeny;
  ComponentLicense none = EvaluateComponent(Comp("e", {}), p);
  EXPECT_EQ(none.verdict, Verdict::kDeny);
  EXPECT_FALSE(none.valid);
  EXPECT_TRUE(none.expression.empty());
  ComponentLicense noassert = EvaluateComponent(Comp("f", {Lic("NOASSERTION")}), p);
  EXPECT_EQ(noassert.verdict, Verdict::kDeny);
  EXPECT_TRUE(noassert.valid);

  ComponentLicense odd = EvaluateComponent(
      Comp("g", {Lic("MIT", model::License::Kind::kSpdxId), Lic("ACME Corp EULA", model::License::Kind::kName)}),
      Policy::Default());
  EXPECT_FALSE(odd.valid);
  EXPECT_EQ(odd.expression, "MIT");
  EXPECT_EQ(odd.verdict, Verdict::kReview);
  EXPECT_NE(odd.reason.find("unrecognized"), std::string::npos);
  ComponentLicense bad = EvaluateComponent(Comp("h", {Lic("MIT AND Foo-1.0")}), Policy::Default());
  EXPECT_FALSE(bad.valid);
  ASSERT_FALSE(bad.notes.empty());
  EXPECT_NE(bad.notes[0].find("Foo-1.0"), std::string::npos);
  EXPECT_NE(bad.notes[0].find("offset 8"), std::string::npos);
}

TEST(LicenseReport, JsonCarriesComponentsAndObligations) {
  model::Sbom sbom;
  sbom.components.push_back(Comp("x", {Lic("MIT")}));
  sbom.components.push_back(Comp("y", {Lic("GPL-3.0-only")}));
  sbom.components.push_back(Comp("z", {Lic("AGPL-3.0-only")}));
  LicenseReport r = BuildLicenseReport(sbom, Policy::Default());
  EXPECT_EQ(r.allowed, 1u);
  EXPECT_EQ(r.review, 1u);
  EXPECT_EQ(r.denied, 1u);
  EXPECT_EQ(r.category_counts.at(LicenseCategory::kStrongCopyleft), 1u);
  JsonWriter w;
  WriteLicenseReportJson(w, r);
  const std::string json = w.Take();
  EXPECT_NE(json.find("\"bomRef\": \"ref-y\""), std::string::npos) << json;
  EXPECT_NE(json.find("\"verdict\": \"deny\""), std::string::npos);
  EXPECT_NE(json.find("\"category\": \"network-copyleft\""), std::string::npos);
  const std::string text = FormatLicenseReport(r);
  EXPECT_NE(text.find("1 denied"), std::string::npos) << text;
}

}  // namespace
}  // namespace sbomhub::license

namespace sbomhub::license {
namespace {

TEST(LicensePolicyFile, DeeplyNestedInputIsRefusedBeforeYamlCppRecurses) {
  const std::string flow(100000, '[');
  auto a = ParsePolicy(flow, "deep.yaml");
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.status().message().find("deep.yaml:1"), std::string::npos) << a.status().message();
  std::string block;
  for (int i = 0; i < 300; ++i) block += std::string(static_cast<std::size_t>(i), ' ') + "- \n";
  EXPECT_FALSE(ParsePolicy(block, "deep.yaml").ok());
}

}  // namespace
}  // namespace sbomhub::license

namespace sbomhub::license {
namespace {

TEST(LicenseReport, HugeLicenseListsAreJudgedNotDropped) {
  std::vector<model::License> many;
  for (int i = 0; i < 20000; ++i) many.push_back(Lic("MIT OR Apache-2.0"));
  ComponentLicense c = EvaluateComponent(Comp("big", many), Policy::Default());
  EXPECT_EQ(c.verdict, Verdict::kReview);
  EXPECT_NE(c.reason.find("cannot be evaluated"), std::string::npos) << c.reason;
  model::Component huge_name = Comp("n", {Lic(std::string(1 << 20, 'x'), model::License::Kind::kName)});
  ComponentLicense h = EvaluateComponent(huge_name, Policy::Default());
  EXPECT_FALSE(h.valid);
  EXPECT_EQ(h.verdict, Verdict::kReview);
}

}  // namespace
}  // namespace sbomhub::license
