#include "vuln/cvss/cvss.h"

#include <gtest/gtest.h>

#include <string>

namespace sbomhub::vuln {
namespace {

CvssScores MustScore(std::string_view vector) {
  Result<CvssScores> s = ScoreCvssVector(vector);
  EXPECT_TRUE(s.ok()) << vector << ": " << s.status().ToString();
  return s.ok() ? *s : CvssScores{};
}

std::string ParseError(std::string_view vector) {
  Result<CvssVector> v = CvssVector::Parse(vector);
  EXPECT_FALSE(v.ok()) << vector << " parsed as " << (v.ok() ? v->ToString() : "");
  return v.ok() ? "" : v.status().message();
}

// ---------------------------------------------------------------- parsing

TEST(CvssParse, DetectsVersionFromPrefix) {
  EXPECT_EQ(CvssVector::Parse("AV:N/AC:L/Au:N/C:P/I:P/A:P")->version(), CvssVersion::kV2_0);
  EXPECT_EQ(CvssVector::Parse("CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P")->version(),
            CvssVersion::kV2_0);
  EXPECT_EQ(CvssVector::Parse("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")->version(),
            CvssVersion::kV3_0);
  EXPECT_EQ(CvssVector::Parse("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")->version(),
            CvssVersion::kV3_1);
  EXPECT_EQ(CvssVector::Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N")
                ->version(),
            CvssVersion::kV4_0);
}

TEST(CvssParse, AcceptsParenthesisedV2AndSurroundingWhitespace) {
  Result<CvssVector> v = CvssVector::Parse("  (AV:N/AC:L/Au:N/C:P/I:P/A:P)\n");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->ToString(), "AV:N/AC:L/Au:N/C:P/I:P/A:P");
}

TEST(CvssParse, ToStringWritesSpecificationOrder) {
  Result<CvssVector> v = CvssVector::Parse("CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->ToString(), "CVSS:3.0/AV:N/AC:L/PR:H/UI:N/S:U/C:L/I:L/A:N/E:F/RL:X");
  EXPECT_EQ(v->Value("PR"), "H");
  EXPECT_EQ(v->Value("RC"), "");  // absent
  EXPECT_EQ(v->Value("AT"), "");  // not a v3 metric
}

TEST(CvssParse, KeepsMultiLetterV4Values) {
  Result<CvssVector> v =
      CvssVector::Parse("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/U:Amber");
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->Value("U"), "Amber");
}

TEST(CvssParse, MissingMandatoryMetricIsNamed) {
  EXPECT_NE(ParseError("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/C:H/I:H/A:H").find("missing: S"),
            std::string::npos);
  EXPECT_NE(ParseError("CVSS:4.0/AV:N/AC:L/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N").find("AT, SA"),
            std::string::npos);
  EXPECT_NE(ParseError("AV:N/AC:L/C:P/I:P/A:P").find("Au"), std::string::npos);
}

TEST(CvssParse, DuplicateMetricIsRejected) {
  EXPECT_NE(ParseError("CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
                .find("metric 'AV' appears twice"),
            std::string::npos);
}

TEST(CvssParse, UnknownValueNamesMetricAndExpectedValues) {
  EXPECT_NE(ParseError("CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
                .find("metric 'AV' has unknown value 'Q' (expected N, A, L, P)"),
            std::string::npos);
  // Values are case-sensitive as in the specifications.
  ParseError("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  // "X" is only valid for optional metrics.
  ParseError("CVSS:4.0/AV:X/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  // v3 spells v2's "ND" as "X".
  ParseError("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:ND");
}

TEST(CvssParse, MetricsOfAnotherVersionAreUnknown) {
  EXPECT_NE(
      ParseError("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/AT:N").find("unknown metric 'AT'"),
      std::string::npos);
  ParseError("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/S:U/C:H");
  ParseError("AV:N/AC:L/Au:N/C:P/I:P/A:P/PR:N");
}

TEST(CvssParse, MalformedSyntaxIsRejected) {
  ParseError("");
  ParseError("   ");
  ParseError("CVSS:3.1");
  ParseError("CVSS:3.1/");
  ParseError("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/");
  ParseError("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  ParseError("CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  ParseError("(AV:N/AC:L/Au:N/C:P/I:P/A:P");
  ParseError("AV:N/AC:L/Au:N/C:P/I:P/A:P)");
  EXPECT_EQ(CvssVector::Parse("CVSS:3.2/AV:N").status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(CvssVector::Parse(std::string(5000, 'A')).status().code(), StatusCode::kParseError);
}

// ---------------------------------------------------------------- v2.0

TEST(CvssV2, BaseScoreOfWellKnownVectors) {
  EXPECT_DOUBLE_EQ(MustScore("AV:N/AC:L/Au:N/C:P/I:P/A:P").base, 7.5);
  EXPECT_DOUBLE_EQ(MustScore("AV:N/AC:L/Au:N/C:C/I:C/A:C").base, 10.0);
  EXPECT_DOUBLE_EQ(MustScore("AV:N/AC:M/Au:N/C:N/I:P/A:N").base, 4.3);
  EXPECT_DOUBLE_EQ(MustScore("AV:L/AC:H/Au:M/C:N/I:N/A:N").base, 0.0);
}

TEST(CvssV2, TemporalAndEnvironmentalOnlyWhenGiven) {
  CvssScores s = MustScore("AV:N/AC:L/Au:N/C:P/I:P/A:P");
  EXPECT_FALSE(s.temporal.has_value());
  EXPECT_FALSE(s.environmental.has_value());
  // ND everywhere is the same as not giving the metrics.
  s = MustScore("AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND");
  EXPECT_FALSE(s.temporal.has_value());
  EXPECT_FALSE(s.environmental.has_value());
  s = MustScore("AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L");
  EXPECT_DOUBLE_EQ(s.base, 2.9);
  ASSERT_TRUE(s.temporal && s.environmental);
  EXPECT_DOUBLE_EQ(*s.temporal, 2.3);
  EXPECT_DOUBLE_EQ(*s.environmental, 2.8);
}

TEST(CvssV2, SeverityHasNoNoneOrCritical) {
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV2_0, 0.0), CvssSeverity::kLow);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV2_0, 3.9), CvssSeverity::kLow);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV2_0, 4.0), CvssSeverity::kMedium);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV2_0, 7.0), CvssSeverity::kHigh);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV2_0, 10.0), CvssSeverity::kHigh);
  EXPECT_EQ(MustScore("AV:N/AC:L/Au:N/C:C/I:C/A:C").severity, CvssSeverity::kHigh);
}

// ---------------------------------------------------------------- v3.x

TEST(CvssV3, BaseScoreOfWellKnownVectors) {
  EXPECT_DOUBLE_EQ(MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").base, 9.8);
  EXPECT_DOUBLE_EQ(MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N").base, 7.5);
  EXPECT_DOUBLE_EQ(MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H").base, 10.0);
  EXPECT_DOUBLE_EQ(MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N").base, 6.1);
  EXPECT_DOUBLE_EQ(MustScore("CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:N").base, 0.0);
}

TEST(CvssV3, V31RoundupIgnoresFloatingPointNoise) {
  // 10.0 * 0.92 is 9.200000000000001 in binary floating point; a plain ceiling would give 9.3.
  CvssScores s = MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U");
  EXPECT_DOUBLE_EQ(s.base, 10.0);
  EXPECT_DOUBLE_EQ(*s.temporal, 9.2);
  s = MustScore("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H/RC:U");
  EXPECT_DOUBLE_EQ(*s.temporal, 9.2);
}

TEST(CvssV3, V31ChangedTheScopeChangedModifiedImpact) {
  // Same metrics, two versions: only the MS:C modified impact equation differs.
  const char* metrics = "AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L/MS:C/MC:H/MI:H/MA:H/CR:H/IR:H/AR:H";
  CvssScores v30 = MustScore(std::string("CVSS:3.0/") + metrics);
  CvssScores v31 = MustScore(std::string("CVSS:3.1/") + metrics);
  EXPECT_DOUBLE_EQ(v30.base, v31.base);
  EXPECT_DOUBLE_EQ(*v30.environmental, 10.0);
  EXPECT_DOUBLE_EQ(*v31.environmental, 10.0);
  const char* low = "AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N/MS:C/MC:H/MI:H/MA:H/CR:M/IR:M/AR:M";
  EXPECT_NE(*MustScore(std::string("CVSS:3.0/") + low).environmental,
            *MustScore(std::string("CVSS:3.1/") + low).environmental);
}

TEST(CvssV3, TemporalAndEnvironmentalDefaultToBase) {
  CvssScores s = MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  EXPECT_DOUBLE_EQ(*s.temporal, 9.8);
  EXPECT_DOUBLE_EQ(*s.environmental, 9.8);
  EXPECT_EQ(s.severity, CvssSeverity::kCritical);
}

TEST(CvssV3, SeverityRatesTheMostSpecificGivenScore) {
  // Base 9.8 (Critical); the environment lowers it to Medium.
  CvssScores s = MustScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/MAV:P/MC:L/MI:N/MA:N");
  EXPECT_LT(*s.environmental, 7.0);
  EXPECT_EQ(s.severity, CvssSeverityFor(CvssVersion::kV3_1, *s.environmental));
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV3_1, 0.0), CvssSeverity::kNone);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV3_1, 0.1), CvssSeverity::kLow);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV3_1, 6.9), CvssSeverity::kMedium);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV3_1, 8.9), CvssSeverity::kHigh);
  EXPECT_EQ(CvssSeverityFor(CvssVersion::kV3_1, 9.0), CvssSeverity::kCritical);
  EXPECT_EQ(CvssSeverityName(CvssSeverity::kCritical), "Critical");
}

// ---------------------------------------------------------------- v4.0

TEST(CvssV4, BaseScoreOfWellKnownVectors) {
  EXPECT_DOUBLE_EQ(
      MustScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").base, 9.3);
  EXPECT_DOUBLE_EQ(
      MustScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H").base, 10.0);
  EXPECT_DOUBLE_EQ(
      MustScore("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N").base, 8.5);
}

TEST(CvssV4, NoImpactAnywhereScoresZero) {
  CvssScores s = MustScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N");
  EXPECT_DOUBLE_EQ(s.base, 0.0);
  EXPECT_EQ(s.severity, CvssSeverity::kNone);
}

// The shared test vectors never set MSI/MSA:S, so EQ4 level 0 of the MacroVector table is pinned
// here with vectors that sit exactly on a MacroVector's most severe member (distance 0).
TEST(CvssV4, SafetyImpactUsesEq4LevelZeroOfTheTable) {
  EXPECT_DOUBLE_EQ(MustScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:H/"
                             "MSI:S/MSA:S")
                       .base,
                   10.0);  // 000000
  EXPECT_DOUBLE_EQ(MustScore("CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:H/SA:H/"
                             "MSI:S/MSA:S/E:U")
                       .base,
                   1.4);  // 212021: no lower neighbour moves the score
  EXPECT_DOUBLE_EQ(MustScore("CVSS:4.0/AV:P/AC:H/AT:N/PR:N/UI:N/VC:L/VI:L/VA:L/SC:H/SI:H/SA:H/"
                             "MSI:S/MSA:S/E:P")
                       .base,
                   2.4);  // 212011
}

TEST(CvssV4, ModifiedMetricsOverrideBaseMetrics) {
  // Environmental values replace the base ones: this equals the plain vector it describes.
  CvssScores modified =
      MustScore("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/MAV:L/MPR:L");
  CvssScores plain = MustScore("CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
  EXPECT_DOUBLE_EQ(modified.base, plain.base);
  EXPECT_EQ(modified.v4_nomenclature, "CVSS-BE");
  EXPECT_EQ(plain.v4_nomenclature, "CVSS-B");
}

TEST(CvssV4, NomenclatureFollowsTheGroupsGiven) {
  const std::string base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  EXPECT_EQ(MustScore(base + "/E:X/CR:X").v4_nomenclature, "CVSS-B");
  EXPECT_EQ(MustScore(base + "/E:P").v4_nomenclature, "CVSS-BT");
  EXPECT_EQ(MustScore(base + "/E:U/CR:L").v4_nomenclature, "CVSS-BTE");
  // Supplemental metrics never change the score.
  EXPECT_DOUBLE_EQ(MustScore(base + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red").base, MustScore(base).base);
  EXPECT_FALSE(MustScore(base).temporal.has_value());
}

TEST(CvssV4, ExploitMaturityLowersTheScore) {
  const std::string base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  const double attacked = MustScore(base + "/E:A").base;
  const double poc = MustScore(base + "/E:P").base;
  const double unreported = MustScore(base + "/E:U").base;
  EXPECT_DOUBLE_EQ(attacked, MustScore(base).base);
  EXPECT_GT(attacked, poc);
  EXPECT_GT(poc, unreported);
}

}  // namespace
}  // namespace sbomhub::vuln
