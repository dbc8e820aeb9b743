// License report over many components that share license statements: each component keeps its
// own identity while the evaluation of a shared statement list is reused, and the summary counts
// every component.
#include <gtest/gtest.h>

#include "license/policy.h"
#include "license/report.h"

namespace sbomhub::license {
namespace {

model::License Lic(std::string value, model::LicenseAcknowledgement ack = model::LicenseAcknowledgement::kDeclared) {
  model::License l;
  l.value = std::move(value);
  l.acknowledgement = ack;
  return l;
}

model::Component Comp(std::string name, std::vector<model::License> licenses) {
  model::Component c;
  c.name = std::move(name);
  c.bom_ref = "ref-" + c.name;
  c.version = "1";
  c.licenses = std::move(licenses);
  return c;
}

TEST(LicenseReport, ComponentsSharingStatementsKeepTheirIdentityAndAreAllCounted) {
  model::Sbom s;
  s.primary = Comp("app", {Lic("MIT")});
  s.components = {
      Comp("a", {Lic("MIT")}),
      Comp("b", {Lic("Apache License 2.0")}),
      Comp("c", {Lic("MIT")}),
      Comp("d", {Lic("AGPL-3.0-only")}),
      Comp("e", {Lic("Apache License 2.0")}),
      Comp("f", {}),
      // Same texts, other split: must not be mistaken for one statement "MIT AND Apache-2.0".
      Comp("g", {Lic("MIT"), Lic("Apache-2.0")}),
      Comp("h", {Lic("MIT AND Apache-2.0")}),
      // A concluded license wins over the declared one.
      Comp("i", {Lic("GPL-3.0-only"), Lic("MIT", model::LicenseAcknowledgement::kConcluded)}),
  };
  s.components[0].components = {Comp("nested", {Lic("MIT")})};
  const Policy policy = Policy::Default();
  const LicenseReport r = BuildLicenseReport(s, policy);

  ASSERT_EQ(r.components.size(), 11u);
  std::vector<std::string> refs;
  for (const auto& c : r.components) refs.push_back(c.bom_ref);
  EXPECT_EQ(refs, (std::vector<std::string>{"ref-app", "ref-a", "ref-nested", "ref-b", "ref-c", "ref-d", "ref-e",
                                            "ref-f", "ref-g", "ref-h", "ref-i"}));
  // Every entry equals the component evaluated on its own.
  std::vector<const model::Component*> all{&*s.primary, &s.components[0], &s.components[0].components[0]};
  for (std::size_t i = 1; i < s.components.size(); ++i) all.push_back(&s.components[i]);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const ComponentLicense alone = EvaluateComponent(*all[i], policy);
    const ComponentLicense& in_report = r.components[i];
    EXPECT_EQ(in_report.bom_ref, alone.bom_ref);
    EXPECT_EQ(in_report.name, alone.name);
    EXPECT_EQ(in_report.declared, alone.declared) << alone.bom_ref;
    EXPECT_EQ(in_report.expression, alone.expression) << alone.bom_ref;
    EXPECT_EQ(in_report.valid, alone.valid) << alone.bom_ref;
    EXPECT_EQ(in_report.notes, alone.notes) << alone.bom_ref;
    EXPECT_EQ(in_report.verdict, alone.verdict) << alone.bom_ref;
    EXPECT_EQ(in_report.reason, alone.reason) << alone.bom_ref;
    EXPECT_EQ(in_report.categories, alone.categories) << alone.bom_ref;
  }
  EXPECT_EQ(r.components[1].expression, "MIT");
  EXPECT_EQ(r.components[3].expression, "Apache-2.0");
  EXPECT_EQ(r.components[8].declared, "MIT AND Apache-2.0");
  EXPECT_EQ(r.components[10].expression, "MIT");
  // app, a, nested, c, i: MIT; b, e: Apache-2.0; g, h: both, permissive; d denied; f reviewed.
  EXPECT_EQ(r.allowed + r.review + r.denied, 11u);
  EXPECT_EQ(r.denied, 1u);
  EXPECT_EQ(r.review, 1u);
  EXPECT_EQ(r.allowed, 9u);
  EXPECT_EQ(r.category_counts.at(LicenseCategory::kPermissive), 9u);
  EXPECT_EQ(r.category_counts.at(LicenseCategory::kNetworkCopyleft), 1u);
  EXPECT_EQ(r.category_counts.at(LicenseCategory::kUnknown), 1u);
}

}  // namespace
}  // namespace sbomhub::license
