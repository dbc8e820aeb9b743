#include "model/cpe.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "support/test_support.h"

namespace sbomhub::model {
namespace {

// Reads "left<TAB>right" lines, skipping blanks and '#' comments.
std::vector<std::pair<std::string, std::string>> ReadTsv(const std::string& relative) {
  std::ifstream in(testing::Fixture("model", relative));
  EXPECT_TRUE(in.good()) << relative;
  std::vector<std::pair<std::string, std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    auto tab = line.find('\t');
    EXPECT_NE(tab, std::string::npos) << line;
    if (tab == std::string::npos) continue;
    rows.emplace_back(line.substr(0, tab), line.substr(tab + 1));
  }
  return rows;
}

Cpe MustParse(std::string_view s) {
  auto r = Cpe::Parse(s);
  EXPECT_TRUE(r.ok()) << s << ": " << r.status().ToString();
  return r.ok() ? *r : Cpe();
}

TEST(Cpe, ParsesFormattedStringIntoWfn) {
  Cpe c = MustParse("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:beta:*:-:*:*:*:*");
  EXPECT_EQ(c.part().wfn, "a");
  EXPECT_EQ(c.vendor().wfn, "microsoft");
  EXPECT_EQ(c.version().wfn, "8\\.0\\.6001");  // WFN quotes every non-word character
  EXPECT_EQ(c.version().Unquoted(), "8.0.6001");
  EXPECT_TRUE(c.get(Cpe::Attribute::kEdition).is_any());
  EXPECT_TRUE(c.get(Cpe::Attribute::kLanguage).is_na());
  EXPECT_EQ(Cpe::AttributeName(Cpe::Attribute::kTargetSw), "target_sw");
}

TEST(Cpe, DropsNeedlessEscapesButKeepsMeaningfulOnes) {
  Cpe c = MustParse("cpe:2.3:a:v\\e\\_ndor:a\\:b\\\\c:*:*:*:*:*:*:*:*");
  EXPECT_EQ(c.vendor().Unquoted(), "ve_ndor");
  EXPECT_EQ(c.product().Unquoted(), "a:b\\c");
  EXPECT_EQ(c.ToFormattedString(), "cpe:2.3:a:ve_ndor:a\\:b\\\\c:*:*:*:*:*:*:*:*");
}

TEST(Cpe, UnpacksTheEditionOfA22Uri) {
  Cpe c = MustParse("cpe:/a:hp:insight_diagnostics:7.4.0.1570:-:~~online~win2003~x64~");
  EXPECT_TRUE(c.update().is_na());
  EXPECT_TRUE(c.get(Cpe::Attribute::kEdition).is_any());
  EXPECT_EQ(c.get(Cpe::Attribute::kSwEdition).Unquoted(), "online");
  EXPECT_EQ(c.target_sw().Unquoted(), "win2003");
  EXPECT_EQ(c.get(Cpe::Attribute::kTargetHw).Unquoted(), "x64");
  EXPECT_TRUE(c.get(Cpe::Attribute::kOther).is_any());
}

TEST(Cpe, UriAcceptsARawTildeOutsideAPackedEdition) {
  // NISTIR 7695 binds '~' as %7e but decodes a raw '~' too.
  Cpe c = MustParse("cpe:/a:foo~bar:big~money_2010");
  EXPECT_EQ(c.vendor().Unquoted(), "foo~bar");
  EXPECT_EQ(c.ToUri(), "cpe:/a:foo%7ebar:big%7emoney_2010");
}

TEST(Cpe, UriComponentsLeftOutAreAny) {
  Cpe c = MustParse("cpe:/o:linux");
  EXPECT_TRUE(c.product().is_any());
  EXPECT_EQ(c.ToFormattedString(), "cpe:2.3:o:linux:*:*:*:*:*:*:*:*:*");
}

TEST(Cpe, BindingFixturesConvertBothWays) {
  auto rows = ReadTsv("cpe/bindings.tsv");
  ASSERT_GE(rows.size(), 10u);
  for (const auto& [fs, uri] : rows) {
    auto a = Cpe::ParseFormattedString(fs);
    auto b = Cpe::ParseUri(uri);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(*a, *b) << fs << " vs " << uri;
    EXPECT_EQ(a->ToUri(), uri);
    EXPECT_EQ(b->ToFormattedString(), fs);
  }
}

TEST(CpeErrors, MalformedNamesSayWhatAndWhere) {
  auto rows = ReadTsv("cpe/invalid.tsv");
  ASSERT_GE(rows.size(), 15u);
  for (const auto& [input, expected] : rows) {
    auto r = Cpe::Parse(input);
    ASSERT_FALSE(r.ok()) << input << " parsed";
    EXPECT_EQ(r.status().code(), StatusCode::kParseError);
    EXPECT_NE(r.status().message().find(expected), std::string::npos)
        << input << ": " << r.status().message();
    EXPECT_NE(r.status().message().find("(at byte "), std::string::npos) << r.status().message();
  }
}

TEST(CpeErrors, OverlongNamesAreRejected) {
  std::string huge = "cpe:2.3:a:v:" + std::string(Cpe::kMaxCpeLength, 'p') + ":*:*:*:*:*:*:*:*:*";
  auto r = Cpe::Parse(huge);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("longer than"), std::string::npos);
}

TEST(CpeValue, LiteralQuotesSpecialCharacters) {
  CpeValue v = CpeValue::Literal("node.js*");
  EXPECT_EQ(v.wfn, "node\\.js\\*");
  EXPECT_FALSE(v.HasWildcard());
  EXPECT_TRUE(CpeValue::Literal("").is_any());
  Cpe c;
  c.set(Cpe::Attribute::kPart, CpeValue::Literal("a"));
  c.set(Cpe::Attribute::kTargetSw, v);
  EXPECT_EQ(c.ToFormattedString(), "cpe:2.3:a:*:*:*:*:*:*:*:node.js\\*:*:*");
}

TEST(CpeMatch, AnyInThePatternMatchesEverything) {
  Cpe target = MustParse("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*");
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*")));
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:*:*:*:*:*:*:*:*:*:*:*")));
  EXPECT_TRUE(target.Matches(MustParse("cpe:/a:apache:log4j:2.14.1")));
}

TEST(CpeMatch, ValuesCompareCaseInsensitively) {
  Cpe target = MustParse("cpe:2.3:a:Apache:Log4J:2.14.1:*:*:*:*:*:*:*");
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*")));
}

TEST(CpeMatch, NaOnlyMatchesNa) {
  Cpe no_update = MustParse("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*");
  Cpe beta = MustParse("cpe:2.3:a:apache:log4j:2.14.1:beta:*:*:*:*:*:*");
  Cpe pattern_na = MustParse("cpe:2.3:a:apache:log4j:2.14.1:-:*:*:*:*:*:*");
  EXPECT_TRUE(no_update.Matches(pattern_na));
  EXPECT_FALSE(beta.Matches(pattern_na));
}

TEST(CpeMatch, AMoreSpecificPatternDoesNotMatchAnAnyTarget) {
  // NISTIR 7696: the pattern (source) must be a superset of the target in every attribute.
  Cpe target = MustParse("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*");
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*")));
  EXPECT_EQ(CompareCpeValues(CpeValue::Literal("2.14.1"), CpeValue::Any()), CpeRelation::kSubset);
}

TEST(CpeMatch, AnyInAnSbomNameCanBeReadAsUnknown) {
  Cpe from_sbom = MustParse("cpe:2.3:a:wpforms:contact_form:1.8.0:*:*:*:*:*:*:*");
  Cpe nvd = MustParse("cpe:2.3:a:wpforms:contact_form:*:*:*:*:*:wordpress:*:*");
  EXPECT_FALSE(from_sbom.Matches(nvd));
  EXPECT_TRUE(from_sbom.Matches(nvd, Cpe::AnyInTarget::kUnknown));
  // Values that differ still do not match.
  Cpe joomla = MustParse("cpe:2.3:a:wpforms:contact_form:1.8.0:*:*:*:*:joomla:*:*");
  EXPECT_FALSE(joomla.Matches(nvd, Cpe::AnyInTarget::kUnknown));
}

TEST(CpeMatch, DifferentProductsAreDisjoint) {
  Cpe target = MustParse("cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*");
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:apache:tomcat:*:*:*:*:*:*:*:*")));
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:o:apache:log4j:*:*:*:*:*:*:*:*")));
}

TEST(CpeMatch, WildcardsAtEitherEndOfAPatternValue) {
  Cpe target = MustParse("cpe:2.3:a:microsoft:internet_explorer:8.0.6001:sp2:*:*:*:*:*:*");
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:8.*:sp?:*:*:*:*:*:*")));
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:a:microsoft:*explorer:*6001:*:*:*:*:*:*:*")));
  EXPECT_TRUE(target.Matches(MustParse("cpe:2.3:a:micro*:*net*:?.0.6001:???:*:*:*:*:*:*")));
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:9.*:*:*:*:*:*:*:*")));
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:*:sp??:*:*:*:*:*:*")));
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:*:s?:*:*:*:*:*:*")));
  // A quoted '*' is a literal, not a wildcard.
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:8.0\\*:*:*:*:*:*:*:*")));
}

TEST(CpeMatch, AWildcardInTheTargetIsUndefined) {
  Cpe target = MustParse("cpe:2.3:a:microsoft:internet_explorer:8.*:*:*:*:*:*:*:*");
  EXPECT_FALSE(target.Matches(MustParse("cpe:2.3:a:microsoft:internet_explorer:*:*:*:*:*:*:*:*")));
  EXPECT_EQ(CompareCpeValues(CpeValue::Any(), target.version()), CpeRelation::kUndefined);
}

}  // namespace
}  // namespace sbomhub::model
