#include "license/expression.h"

#include <gtest/gtest.h>

#include <string>

#include "license/spdx_license_list.h"

namespace sbomhub::license {
namespace {

using Kind = ExpressionNode::Kind;

ExpressionNode MustParse(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  if (!r.ok()) return {};
  return r->root;
}

std::string Canonical(std::string_view text) { return ToString(MustParse(text)); }

std::string ErrorOf(std::string_view text) {
  auto r = ParseExpression(text);
  EXPECT_FALSE(r.ok()) << text << " parsed as " << (r.ok() ? ToString(r->root) : "");
  return r.ok() ? "" : r.status().message();
}

bool HasRule(const std::vector<ExpressionIssue>& issues, std::string_view rule) {
  for (const auto& i : issues) {
    if (i.rule == rule) return true;
  }
  return false;
}

TEST(LicenseExpression, EveryListedLicenseIdParsesValidatesAndRoundTrips) {
  for (const LicenseInfo& l : AllLicenses()) {
    auto r = ParseExpression(l.id);
    ASSERT_TRUE(r.ok()) << l.id << ": " << r.status().ToString();
    EXPECT_EQ(ToString(r->root), l.id);
    EXPECT_EQ(r->root.kind, Kind::kLicense);
    auto issues = ValidateExpression(r->root);
    for (const auto& i : issues) {
      EXPECT_NE(i.severity, Severity::kError) << l.id << ": " << i.message;
    }
    EXPECT_EQ(HasRule(issues, "license.deprecated-id"), l.deprecated) << l.id;
  }
}

TEST(LicenseExpression, EveryListedExceptionParsesAfterWith) {
  for (const ExceptionInfo& e : AllExceptions()) {
    const std::string text = "GPL-2.0-or-later WITH " + std::string(e.id);
    auto r = ParseExpression(text);
    ASSERT_TRUE(r.ok()) << text << ": " << r.status().ToString();
    EXPECT_EQ(ToString(r->root), text);
    EXPECT_EQ(r->root.exception, e.id);
    for (const auto& i : ValidateExpression(r->root)) {
      EXPECT_NE(i.severity, Severity::kError) << text << ": " << i.message;
    }
  }
}

TEST(LicenseExpression, WithBindsTighterThanAndWhichBindsTighterThanOr) {
  ExpressionNode n = MustParse("MIT OR Apache-2.0 AND GPL-2.0-only WITH Classpath-exception-2.0");
  ASSERT_EQ(n.kind, Kind::kOr);
  ASSERT_EQ(n.children.size(), 2u);
  EXPECT_EQ(n.children[0].id, "MIT");
  const ExpressionNode& conj = n.children[1];
  ASSERT_EQ(conj.kind, Kind::kAnd);
  ASSERT_EQ(conj.children.size(), 2u);
  EXPECT_EQ(conj.children[1].id, "GPL-2.0-only");
  EXPECT_EQ(conj.children[1].exception, "Classpath-exception-2.0");
}

TEST(LicenseExpression, ParenthesesOverridePrecedenceAndArePrintedOnlyWhenNeeded) {
  EXPECT_EQ(Canonical("(MIT OR Apache-2.0) AND BSD-3-Clause"), "(MIT OR Apache-2.0) AND BSD-3-Clause");
  EXPECT_EQ(Canonical("MIT OR (Apache-2.0 AND BSD-3-Clause)"), "MIT OR Apache-2.0 AND BSD-3-Clause");
  EXPECT_EQ(Canonical("((MIT))"), "MIT");
  EXPECT_EQ(Canonical("(MIT AND Zlib) AND (ISC AND 0BSD)"), "MIT AND Zlib AND ISC AND 0BSD");
  EXPECT_EQ(MustParse("(MIT AND Zlib) AND ISC").children.size(), 3u);
}

TEST(LicenseExpression, PrintThenParseIsIdentity) {
  const char* cases[] = {
      "MIT",
      "GPL-2.0+",
      "LicenseRef-my.own-1",
      "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2",
      "Apache-2.0 WITH AdditionRef-custom",
      "GPL-3.0-or-later WITH DocumentRef-x:AdditionRef-y",
      "(MIT OR Apache-2.0) AND (BSD-2-Clause OR (ISC AND Zlib))",
      "  MIT\tAND\n(Apache-2.0 OR LGPL-2.1-only WITH GCC-exception-2.0)  ",
      "NOASSERTION",
      "NONE",
  };
  for (const char* c : cases) {
    ExpressionNode first = MustParse(c);
    const std::string printed = ToString(first);
    ExpressionNode second = MustParse(printed);
    EXPECT_EQ(first, second) << c << " -> " << printed;
    EXPECT_EQ(ToString(second), printed);
  }
}

TEST(LicenseExpression, ReferencesKeepTheirParts) {
  ExpressionNode n = MustParse("DocumentRef-ext:LicenseRef-foo");
  EXPECT_EQ(n.kind, Kind::kLicenseRef);
  EXPECT_EQ(n.document_ref, "DocumentRef-ext");
  EXPECT_EQ(n.id, "LicenseRef-foo");
  ExpressionNode w = MustParse("MIT WITH DocumentRef-a:AdditionRef-b");
  EXPECT_EQ(w.exception_document_ref, "DocumentRef-a");
  EXPECT_EQ(w.exception, "AdditionRef-b");
}

TEST(LicenseExpression, LowerCaseOperatorsAreAcceptedWithAWarning) {
  auto r = ParseExpression("MIT and Apache-2.0 or ISC");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ToString(r->root), "MIT AND Apache-2.0 OR ISC");
  ASSERT_EQ(r->warnings.size(), 2u);
  EXPECT_EQ(r->warnings[0].rule, "license.operator-case");
  EXPECT_EQ(r->warnings[0].token, "and");
  EXPECT_EQ(r->warnings[0].offset, 4u);
  auto strict = ParseExpression("MIT AND Apache-2.0");
  ASSERT_TRUE(strict.ok());
  EXPECT_TRUE(strict->warnings.empty());
}

TEST(LicenseExpression, PlusAfterSpaceIsAcceptedWithAWarning) {
  auto r = ParseExpression("GPL-2.0-or-later AND LGPL-2.1 +");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(ToString(r->root), "GPL-2.0-or-later AND LGPL-2.1+");
  ASSERT_EQ(r->warnings.size(), 1u);
  EXPECT_EQ(r->warnings[0].rule, "license.plus-spacing");
}

TEST(LicenseExpression, MalformedInputIsRejectedWithTokenAndOffset) {
  EXPECT_NE(ErrorOf("").find("empty"), std::string::npos);
  EXPECT_NE(ErrorOf("   ").find("empty"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT Apache-2.0").find("'Apache-2.0' at offset 4"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT AND").find("end of input"), std::string::npos);
  EXPECT_NE(ErrorOf("AND MIT").find("operator 'AND' at offset 0"), std::string::npos);
  EXPECT_NE(ErrorOf("(MIT").find("missing ')'"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT)").find("')' at offset 3"), std::string::npos);
  EXPECT_NE(ErrorOf("()").find("')' at offset 1"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT/Apache-2.0").find("'/' at offset 3"), std::string::npos);
  EXPECT_NE(ErrorOf("(MIT OR ISC) WITH Classpath-exception-2.0").find("WITH must follow a single license"),
            std::string::npos);
  EXPECT_NE(ErrorOf("MIT WITH").find("exception id"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT WITH OR").find("exception id"), std::string::npos);
  EXPECT_NE(ErrorOf("LicenseRef-a+").find("'+' applies only"), std::string::npos);
  EXPECT_NE(ErrorOf("LicenseRef-").find("LicenseRef-"), std::string::npos);
  EXPECT_NE(ErrorOf("DocumentRef-a:MIT").find("DocumentRef-"), std::string::npos);
  EXPECT_NE(ErrorOf("a:b:c").find("malformed reference"), std::string::npos);
  EXPECT_NE(ErrorOf("AdditionRef-x").find("only follow WITH"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT++").find("repeated"), std::string::npos);
  EXPECT_NE(ErrorOf("NONE WITH Classpath-exception-2.0").find("WITH cannot follow"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT WITH Classpath-exception-2.0+").find("'+' cannot follow"), std::string::npos);
  EXPECT_NE(ErrorOf("MIT \x01").find("\\x01"), std::string::npos);
}

TEST(LicenseExpression, DeepNestingIsRejectedNotRecursedInto) {
  std::string deep(60000, '(');
  deep += "MIT";
  EXPECT_NE(ErrorOf(deep).find("nested deeper"), std::string::npos);
  std::string ok(kMaxExpressionDepth, '(');
  ok += "MIT" + std::string(kMaxExpressionDepth, ')');
  EXPECT_EQ(Canonical(ok), "MIT");
}

TEST(LicenseExpression, LongFlatChainsStayFlat) {
  std::string text = "MIT";
  for (int i = 0; i < 5000; ++i) text += " AND MIT";
  ExpressionNode n = MustParse(text);
  EXPECT_EQ(n.children.size(), 5001u);
  EXPECT_EQ(ToString(n), text);
}

TEST(LicenseExpression, OversizedInputIsRejected) {
  std::string big(kMaxExpressionBytes + 1, 'a');
  auto r = ParseExpression(big);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kTooLarge);
}

TEST(LicenseExpressionValidation, ReportsUnknownIdWithOffset) {
  auto issues = ValidateExpression(MustParse("MIT AND Foo-1.0"));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].rule, "license.unknown-id");
  EXPECT_EQ(issues[0].token, "Foo-1.0");
  EXPECT_EQ(issues[0].offset, 8u);
  EXPECT_EQ(issues[0].severity, Severity::kError);
}

TEST(LicenseExpressionValidation, ReportsExceptionUsedAsLicenseAndViceVersa) {
  auto a = ValidateExpression(MustParse("Classpath-exception-2.0"));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].rule, "license.exception-as-license");
  auto b = ValidateExpression(MustParse("GPL-2.0-only WITH MIT"));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].rule, "license.license-as-exception");
  EXPECT_EQ(b[0].offset, 18u);
  auto c = ValidateExpression(MustParse("GPL-2.0-only WITH No-Such-exception"));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].rule, "license.unknown-exception");
}

TEST(LicenseExpressionValidation, DeprecatedIdIsAWarningNamingTheSuccessor) {
  auto issues = ValidateExpression(MustParse("GPL-2.0+"));
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].severity, Severity::kWarning);
  EXPECT_NE(issues[0].message.find("GPL-2.0-or-later"), std::string::npos);
}

TEST(LicenseExpressionValidation, NoneInsideCompoundIsAnError) {
  EXPECT_TRUE(ValidateExpression(MustParse("NOASSERTION")).empty());
  EXPECT_TRUE(HasRule(ValidateExpression(MustParse("MIT OR NONE")), "license.special-in-compound"));
}

TEST(LicenseExpressionValidation, LicenseRefsAndAdditionRefsAreAccepted) {
  EXPECT_TRUE(ValidateExpression(MustParse("LicenseRef-x OR MIT WITH AdditionRef-y")).empty());
}

TEST(LicenseExpressionValidation, CaseInsensitiveIdsAreValidAndCanonicalized) {
  ExpressionNode n = MustParse("mit OR apache-2.0 WITH llvm-EXCEPTION OR licenseref-x OR noassertion");
  EXPECT_TRUE(HasRule(ValidateExpression(n), "license.special-in-compound"));
  EXPECT_TRUE(Canonicalize(n));
  EXPECT_EQ(ToString(n), "MIT OR Apache-2.0 WITH LLVM-exception OR LicenseRef-x OR NOASSERTION");
  EXPECT_FALSE(Canonicalize(n));
}

TEST(DeprecatedReplacement, EveryDeprecatedIdWithASuccessorMapsToAValidCurrentExpression) {
  int with_successor = 0;
  for (const LicenseInfo& l : AllLicenses()) {
    if (!l.deprecated) continue;
    const std::string repl = DeprecatedReplacement(l.id);
    if (repl.empty()) continue;
    ++with_successor;
    ExpressionNode n = MustParse(repl);
    for (const auto& i : ValidateExpression(n)) ADD_FAILURE() << l.id << " -> " << repl << ": " << i.message;
  }
  EXPECT_GE(with_successor, 30);
  EXPECT_EQ(DeprecatedReplacement("GPL-2.0+"), "GPL-2.0-or-later");
  EXPECT_EQ(DeprecatedReplacement("LGPL-2.1"), "LGPL-2.1-only");
  EXPECT_EQ(DeprecatedReplacement("MIT"), "");
}

struct NameCase {
  const char* text;
  const char* expression;
  NormalizedLicense::Method method;
};

TEST(NormalizeLicense, MapsCommonNamesAndRecordsWhereTheyCameFrom) {
  using M = NormalizedLicense::Method;
  const NameCase cases[] = {
      {"Apache License, Version 2.0", "Apache-2.0", M::kLicenseName},
      {"Apache 2", "Apache-2.0", M::kLicenseName},
      {"The Apache Software License, Version 2.0", "Apache-2.0", M::kLicenseName},
      {"Apache License 2.0", "Apache-2.0", M::kLicenseName},
      {"MIT License", "MIT", M::kLicenseName},
      {"The MIT License (MIT)", "MIT", M::kLicenseName},
      {"GPLv2+", "GPL-2.0-or-later", M::kLicenseName},
      {"GPLv3", "GPL-3.0-only", M::kLicenseName},
      {"GNU General Public License v2.0 or later", "GPL-2.0-or-later", M::kLicenseName},
      {"GNU Lesser General Public License v2.1 or later", "LGPL-2.1-or-later", M::kLicenseName},
      {"LGPL-2.1", "LGPL-2.1-only", M::kDeprecatedId},
      {"GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0", M::kDeprecatedId},
      {"Eclipse Public License 2.0", "EPL-2.0", M::kLicenseName},
      {"BSD 3-Clause", "BSD-3-Clause", M::kLicenseName},
      {"New BSD License", "BSD-3-Clause", M::kAlias},
      {"ISC License", "ISC", M::kLicenseName},
      {"MIT/X11", "MIT", M::kAlias},
      {"mit", "MIT", M::kCanonicalCase},
      {"MIT and apache-2.0", "MIT AND Apache-2.0", M::kCanonicalCase},
  };
  for (const NameCase& c : cases) {
    NormalizedLicense n = NormalizeLicense(c.text);
    EXPECT_EQ(n.expression, c.expression) << c.text;
    EXPECT_EQ(NormalizationMethodName(n.method), NormalizationMethodName(c.method)) << c.text;
    EXPECT_EQ(n.normalized_from, c.text) << c.text;
    EXPECT_FALSE(n.ambiguous) << c.text;
  }
}

TEST(NormalizeLicense, AmbiguousNamesAreFlaggedWithANote) {
  NormalizedLicense bsd = NormalizeLicense("BSD");
  EXPECT_EQ(bsd.expression, "BSD-3-Clause");
  EXPECT_TRUE(bsd.ambiguous);
  EXPECT_NE(bsd.note.find("assumed"), std::string::npos);
  EXPECT_EQ(bsd.normalized_from, "BSD");
  NormalizedLicense gpl = NormalizeLicense("GPL");
  EXPECT_EQ(gpl.expression, "GPL-1.0-or-later");
  EXPECT_TRUE(gpl.ambiguous);
}

TEST(NormalizeLicense, ValidExpressionIsKeptExactly) {
  NormalizedLicense n = NormalizeLicense("MIT OR Apache-2.0");
  EXPECT_EQ(n.expression, "MIT OR Apache-2.0");
  EXPECT_EQ(n.method, NormalizedLicense::Method::kExact);
  EXPECT_TRUE(n.normalized_from.empty());
  // Redundant parentheses and spacing are formatting, not normalization.
  NormalizedLicense p = NormalizeLicense(" (MIT  OR WTFPL) ");
  EXPECT_EQ(p.expression, "MIT OR WTFPL");
  EXPECT_EQ(p.method, NormalizedLicense::Method::kExact);
  EXPECT_TRUE(p.normalized_from.empty());
}

TEST(NormalizeLicense, FreeTextCombinationsAreSplitAndRecorded) {
  NormalizedLicense a = NormalizeLicense("MIT or Apache License 2.0");
  EXPECT_EQ(a.expression, "MIT OR Apache-2.0");
  EXPECT_EQ(a.normalized_from, "MIT or Apache License 2.0");
  EXPECT_NE(a.note.find("split"), std::string::npos);
  EXPECT_EQ(NormalizeLicense("Apache-2.0/MIT").expression, "Apache-2.0 OR MIT");
  EXPECT_EQ(NormalizeLicense("GPLv2 & BSD 3-Clause").expression, "GPL-2.0-only AND BSD-3-Clause");
  EXPECT_EQ(NormalizeLicense("LGPL-2.1 and MIT or ISC").expression, "LGPL-2.1-only AND MIT OR ISC");
  NormalizedLicense bsd = NormalizeLicense("BSD / GPL");
  EXPECT_EQ(bsd.expression, "BSD-3-Clause OR GPL-1.0-or-later");
  EXPECT_TRUE(bsd.ambiguous);
  // One side unknown: nothing is guessed.
  EXPECT_EQ(NormalizeLicense("MIT or my own terms").method, NormalizedLicense::Method::kUnmatched);
  EXPECT_EQ(NormalizeLicense("/").method, NormalizedLicense::Method::kUnmatched);
}

TEST(NormalizeLicense, UnknownTextStaysUnmatched) {
  for (const char* text : {"", "Proprietary license of ACME Corp", "see LICENSE.txt", "GPL-99"}) {
    NormalizedLicense n = NormalizeLicense(text);
    EXPECT_EQ(n.method, NormalizedLicense::Method::kUnmatched) << text << " -> " << n.expression;
    EXPECT_TRUE(n.expression.empty()) << text;
  }
}

TEST(NormalizeLicense, EveryLicenseNameOnTheListMapsToAValidExpression) {
  int mapped = 0;
  for (const LicenseInfo& l : AllLicenses()) {
    NormalizedLicense n = NormalizeLicense(l.name);
    if (n.method == NormalizedLicense::Method::kUnmatched) continue;  // name shared by several ids
    ++mapped;
    auto r = ParseExpression(n.expression);
    ASSERT_TRUE(r.ok()) << l.name << " -> " << n.expression;
    for (const auto& i : ValidateExpression(r->root)) {
      EXPECT_NE(i.severity, Severity::kError) << l.name << " -> " << n.expression;
    }
    if (!l.deprecated && n.method == NormalizedLicense::Method::kLicenseName) {
      EXPECT_EQ(n.expression, l.id) << l.name;
    }
  }
  EXPECT_GT(mapped, 600);
}

}  // namespace
}  // namespace sbomhub::license

namespace sbomhub::license {
namespace {

TEST(LicenseIds, ListsDistinctLeafIdsInOrderWithoutExceptions) {
  auto r = ParseExpression("(MIT OR GPL-2.0+ WITH Classpath-exception-2.0) AND DocumentRef-a:LicenseRef-b AND MIT");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(LicenseIds(*r), (std::vector<std::string>{"MIT", "GPL-2.0+", "DocumentRef-a:LicenseRef-b"}));
}

}  // namespace
}  // namespace sbomhub::license
