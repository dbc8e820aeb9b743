// OSV range evaluation, vers parsing/validation/containment and npm range conversion.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "version/npm_range.h"
#include "version/osv_range.h"
#include "version/vers_range.h"

namespace sbomhub::version {
namespace {

using E = OsvEventKind;

OsvRange Osv(OsvRangeType type, Scheme scheme, std::vector<OsvEvent> events) {
  auto r = OsvRange::Create(type, scheme, std::move(events));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return std::move(r).value();
}

Affected Eval(const OsvRange& r, std::string_view v) { return r.Evaluate(v); }

constexpr Affected kYes = Affected::kAffected;
constexpr Affected kNo = Affected::kNotAffected;

TEST(OsvRange, IntroducedZeroFixedCoversEverythingBelowTheFix) {
  auto r = Osv(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "0"}, {E::kFixed, "1.0.2"}});
  EXPECT_EQ(Eval(r, "0.0.0-alpha"), kYes);
  EXPECT_EQ(Eval(r, "1.0.1"), kYes);
  EXPECT_EQ(Eval(r, "1.0.2-rc.1"), kYes);
  EXPECT_EQ(Eval(r, "1.0.2"), kNo);
  EXPECT_EQ(Eval(r, "2.0.0"), kNo);
}

TEST(OsvRange, IntroducedOnlyMeansEveryLaterVersion) {
  auto r = Osv(OsvRangeType::kEcosystem, Scheme::kPep440, {{E::kIntroduced, "1.0"}});
  EXPECT_EQ(Eval(r, "0.9"), kNo);
  EXPECT_EQ(Eval(r, "1.0"), kYes);
  EXPECT_EQ(Eval(r, "99"), kYes);
}

TEST(OsvRange, MultiplePairsAreEvaluatedInVersionOrderWhateverTheRecordOrder) {
  auto r = Osv(OsvRangeType::kSemver, Scheme::kSemver,
               {{E::kFixed, "3.2.5"}, {E::kIntroduced, "3.0.0"}, {E::kFixed, "1.0.2"}, {E::kIntroduced, "1.0.0"}});
  EXPECT_EQ(Eval(r, "0.9.0"), kNo);
  EXPECT_EQ(Eval(r, "1.0.0"), kYes);
  EXPECT_EQ(Eval(r, "1.0.2"), kNo);
  EXPECT_EQ(Eval(r, "2.9.9"), kNo);
  EXPECT_EQ(Eval(r, "3.1.0"), kYes);
  EXPECT_EQ(Eval(r, "3.2.5"), kNo);
  ASSERT_EQ(r.events().size(), 4u);
  EXPECT_EQ(r.events()[0].version, "1.0.0");
  EXPECT_EQ(r.events()[3].version, "3.2.5");
}

TEST(OsvRange, LastAffectedIsInclusive) {
  auto r = Osv(OsvRangeType::kEcosystem, Scheme::kMaven, {{E::kIntroduced, "0"}, {E::kLastAffected, "2.1.214"}});
  EXPECT_EQ(Eval(r, "2.1.214"), kYes);
  EXPECT_EQ(Eval(r, "2.1.215"), kNo);
}

TEST(OsvRange, LimitCapsTheRangeAndStarIsInfinity) {
  auto r = Osv(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "1.0.0"}, {E::kLimit, "2.0.0"}});
  EXPECT_EQ(Eval(r, "1.5.0"), kYes);
  EXPECT_EQ(Eval(r, "2.0.0"), kNo);
  auto star = Osv(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "1.0.0"}, {E::kLimit, "*"}});
  EXPECT_EQ(Eval(star, "100.0.0"), kYes);
  // Several limits: below any one of them is enough.
  auto two = Osv(OsvRangeType::kSemver, Scheme::kSemver,
                 {{E::kIntroduced, "0"}, {E::kLimit, "1.0.0"}, {E::kLimit, "3.0.0"}});
  EXPECT_EQ(Eval(two, "2.0.0"), kYes);
  EXPECT_EQ(Eval(two, "3.0.0"), kNo);
}

TEST(OsvRange, SemverTypeUsesSemverWhateverTheEcosystemScheme) {
  auto r = Osv(OsvRangeType::kSemver, Scheme::kPep440, {{E::kIntroduced, "0"}, {E::kFixed, "1.0.0-rc.1"}});
  EXPECT_EQ(r.scheme(), Scheme::kSemver);
  EXPECT_EQ(Eval(r, "1.0.0-beta"), kYes);
}

TEST(OsvRange, EcosystemRangeUsesTheEcosystemOrdering) {
  auto r = Osv(OsvRangeType::kEcosystem, Scheme::kDebian, {{E::kIntroduced, "0"}, {E::kFixed, "1.2.3-1"}});
  EXPECT_EQ(Eval(r, "1.2.3-1~deb7u1"), kYes);
  EXPECT_EQ(Eval(r, "1:0.1"), kNo);
}

TEST(OsvRange, GitRangesAndForeignVersionsAreUnknown) {
  auto git = Osv(OsvRangeType::kGit, Scheme::kGeneric, {{E::kIntroduced, "abc123"}, {E::kFixed, "def456"}});
  EXPECT_EQ(Eval(git, "1.0.0"), Affected::kUnknown);
  auto r = Osv(OsvRangeType::kEcosystem, Scheme::kPep440, {{E::kIntroduced, "0"}});
  auto semver = Version::Parse(Scheme::kSemver, "1.0.0");
  ASSERT_TRUE(semver.ok());
  EXPECT_EQ(r.Evaluate(*semver), Affected::kUnknown);
  auto strict = Osv(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "0"}});
  EXPECT_EQ(Eval(strict, "not-a-version"), Affected::kUnknown);
}

TEST(OsvRange, RejectsMissingIntroducedAndBadEventVersions) {
  EXPECT_FALSE(OsvRange::Create(OsvRangeType::kSemver, Scheme::kSemver, {}).ok());
  EXPECT_FALSE(OsvRange::Create(OsvRangeType::kSemver, Scheme::kSemver, {{E::kFixed, "1.0.0"}}).ok());
  auto bad = OsvRange::Create(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "0"}, {E::kFixed, "x.y"}});
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("fixed"), std::string::npos) << bad.status().message();
}

TEST(OsvRange, ToVersDescribesTheSameVersions) {
  auto r = Osv(OsvRangeType::kSemver, Scheme::kSemver,
               {{E::kIntroduced, "0"}, {E::kFixed, "1.0.2"}, {E::kIntroduced, "3.0.0"}, {E::kLastAffected, "3.2.5"}});
  auto v = r.ToVers("npm");
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->ToString(), "vers:npm/<1.0.2|>=3.0.0|<=3.2.5");
  auto open = Osv(OsvRangeType::kEcosystem, Scheme::kPep440, {{E::kIntroduced, "1.0"}});
  EXPECT_EQ(open.ToVers("pypi")->ToString(), "vers:pypi/>=1.0");
  auto all = Osv(OsvRangeType::kEcosystem, Scheme::kPep440, {{E::kIntroduced, "0"}});
  EXPECT_TRUE(all.ToVers("pypi")->is_any());
  auto limited = Osv(OsvRangeType::kSemver, Scheme::kSemver,
                     {{E::kIntroduced, "1.0.0"}, {E::kLimit, "1.5.0"}, {E::kLimit, "2.0.0"}});
  EXPECT_EQ(limited.ToVers("cargo")->ToString(), "vers:cargo/>=1.0.0|<2.0.0");
}

TEST(OsvRange, ToVersRefusesGitForeignTypesAndEmptyRanges) {
  auto git = Osv(OsvRangeType::kGit, Scheme::kGeneric, {{E::kIntroduced, "abc"}});
  EXPECT_EQ(git.ToVers("generic").status().code(), StatusCode::kUnsupported);
  auto r = Osv(OsvRangeType::kEcosystem, Scheme::kPep440, {{E::kIntroduced, "0"}, {E::kFixed, "1.0"}});
  EXPECT_FALSE(r.ToVers("npm").ok());
  auto nothing = Osv(OsvRangeType::kSemver, Scheme::kSemver, {{E::kIntroduced, "1.0.0"}, {E::kFixed, "1.0.0"}});
  EXPECT_FALSE(nothing.ToVers("npm").ok());
}

TEST(OsvRange, TypeNamesRoundTrip) {
  for (auto t : {OsvRangeType::kSemver, OsvRangeType::kEcosystem, OsvRangeType::kGit}) {
    EXPECT_EQ(ParseOsvRangeType(OsvRangeTypeName(t)), t);
  }
  EXPECT_FALSE(ParseOsvRangeType("semver").has_value());
}

VersRange Vers(std::string_view text) {
  auto r = VersRange::Parse(text);
  EXPECT_TRUE(r.ok()) << text << ": " << r.status().ToString();
  return r.ok() ? std::move(r).value() : VersRange::Any("generic");
}

TEST(VersRange, ParsesSortsAndPrintsCanonically) {
  auto r = Vers("vers:npm/<2.0.0|>=1.0.0");
  EXPECT_EQ(r.ToString(), "vers:npm/>=1.0.0|<2.0.0");
  EXPECT_EQ(r.scheme(), Scheme::kSemver);
  EXPECT_EQ(Vers(" vers:pypi / 1.0 | 2.0 ").ToString(), "vers:pypi/1.0|2.0");
  EXPECT_EQ(Vers("vers:deb/=1:1.0-1").ToString(), "vers:deb/1:1.0-1");
}

TEST(VersRange, ContainmentFollowsTheSpecAlgorithm) {
  auto r = Vers("vers:npm/>=1.0.0|<2.0.0|>=3.0.0|!=3.5.0|<4.0.0|5.0.0");
  EXPECT_FALSE(r.Contains("0.9.0"));
  EXPECT_TRUE(r.Contains("1.0.0"));
  EXPECT_TRUE(r.Contains("1.9.9"));
  EXPECT_FALSE(r.Contains("2.0.0"));
  EXPECT_TRUE(r.Contains("3.1.0"));
  EXPECT_FALSE(r.Contains("3.5.0"));
  EXPECT_FALSE(r.Contains("4.0.0"));
  EXPECT_TRUE(r.Contains("5.0.0"));
  EXPECT_FALSE(r.Contains("5.0.1"));
  EXPECT_FALSE(r.Contains("garbage"));
}

TEST(VersRange, OpenEndedBoundsAndSingleConstraints) {
  EXPECT_TRUE(Vers("vers:pypi/<1.0").Contains("0.1"));
  EXPECT_FALSE(Vers("vers:pypi/<1.0").Contains("1.0"));
  EXPECT_TRUE(Vers("vers:pypi/<=1.0").Contains("1.0"));
  EXPECT_TRUE(Vers("vers:pypi/>1.0").Contains("1.0.post1"));
  EXPECT_FALSE(Vers("vers:pypi/>1.0").Contains("1.0"));
  EXPECT_TRUE(Vers("vers:pypi/!=1.0").Contains("1.1") == false);
  EXPECT_TRUE(Vers("vers:deb/<1.0|>2.0").Contains("2.1"));
  EXPECT_FALSE(Vers("vers:deb/<1.0|>2.0").Contains("1.5"));
}

TEST(VersRange, StarMatchesEverythingAndMustStandAlone) {
  auto r = Vers("vers:deb/*");
  EXPECT_TRUE(r.is_any());
  EXPECT_TRUE(r.Contains("1:2.3-4"));
  EXPECT_EQ(r.ToString(), "vers:deb/*");
  EXPECT_FALSE(VersRange::Parse("vers:deb/*|1.0").ok());
}

TEST(VersRange, RejectsInvalidRanges) {
  EXPECT_FALSE(VersRange::Parse("npm/1.0.0").ok());               // no vers:
  EXPECT_FALSE(VersRange::Parse("VERS:npm/1.0.0").ok());          // upper-case scheme
  EXPECT_FALSE(VersRange::Parse("vers:NPM/1.0.0").ok());          // upper-case type
  EXPECT_FALSE(VersRange::Parse("vers:npm").ok());                // no '/'
  EXPECT_FALSE(VersRange::Parse("vers:npm/").ok());               // no constraint
  EXPECT_FALSE(VersRange::Parse("vers:npm/1.0.0||2.0.0").ok());   // empty constraint
  EXPECT_FALSE(VersRange::Parse("vers:npm/>=").ok());             // comparator without version
  EXPECT_FALSE(VersRange::Parse("vers:npm/1.0.0|v1.0.0").ok());   // duplicate version
  EXPECT_FALSE(VersRange::Parse("vers:npm/<1.0.0|<2.0.0").ok());  // two upper bounds
  EXPECT_FALSE(VersRange::Parse("vers:npm/>1.0.0|>=2.0.0").ok()); // two lower bounds
  EXPECT_FALSE(VersRange::Parse("vers:npm/1.0.0|<2.0.0").ok());   // = followed by <
  EXPECT_FALSE(VersRange::Parse("vers:npm/>=abc").ok());          // not a semver version
  EXPECT_FALSE(VersRange::Parse("vers:npm/1.0%2").ok());          // truncated escape
  auto dup = VersRange::Parse("vers:npm/1.0.0|1.0.0");
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("more than one"), std::string::npos) << dup.status().message();
}

TEST(VersRange, NotEqualMayAppearAnywhere) {
  auto r = Vers("vers:npm/!=1.5.0|>=1.0.0|<2.0.0");
  EXPECT_FALSE(r.Contains("1.5.0"));
  EXPECT_TRUE(r.Contains("1.6.0"));
}

TEST(VersRange, PercentEncodingRoundTrips) {
  auto r = Vers("vers:generic/1.0%7C2");
  ASSERT_EQ(r.constraints().size(), 1u);
  EXPECT_EQ(r.constraints()[0].version.str(), "1.0|2");
  EXPECT_EQ(r.ToString(), "vers:generic/1.0%7C2");
  EXPECT_EQ(Vers(r.ToString()).ToString(), r.ToString());
}

// Found by fuzz_version_vers_range: "==1rc" is the version "=1rc", which must not print as "=1rc".
TEST(VersRange, VersionsThatStartWithAComparatorCharacterAreEscaped) {
  auto r = Vers("vers:generic/==1rc");
  ASSERT_EQ(r.constraints().size(), 1u);
  EXPECT_EQ(r.constraints()[0].version.str(), "=1rc");
  EXPECT_EQ(r.ToString(), "vers:generic/%3D1rc");
  EXPECT_EQ(Vers(r.ToString()).constraints()[0].version.str(), "=1rc");
}

TEST(VersRange, UnknownTypesUseTheGenericScheme) {
  auto r = Vers("vers:nosuch/>=1.0|<2.0");
  EXPECT_EQ(r.scheme(), Scheme::kGeneric);
  EXPECT_TRUE(r.Contains("1.5"));
}

VersionInterval Iv(const char* lo, bool lo_inc, const char* hi, bool hi_inc) {
  VersionInterval iv;
  if (lo) iv.lower = VersionBound{*Version::Parse(Scheme::kSemver, lo), lo_inc};
  if (hi) iv.upper = VersionBound{*Version::Parse(Scheme::kSemver, hi), hi_inc};
  return iv;
}

TEST(VersRange, FromIntervalsMergesOverlapsAndKeepsTouchingHoles) {
  auto r = VersRange::FromIntervals("npm", {Iv("1.5.0", true, "3.0.0", false), Iv("1.0.0", true, "2.0.0", false),
                                            Iv("4.0.0", true, "4.0.0", true), Iv(nullptr, true, "0.5.0", false)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->ToString(), "vers:npm/<0.5.0|>=1.0.0|<3.0.0|4.0.0");
  auto hole = VersRange::FromIntervals("npm", {Iv("1.0.0", true, "2.0.0", false), Iv("2.0.0", false, "3.0.0", false)});
  ASSERT_TRUE(hole.ok()) << hole.status().ToString();
  EXPECT_EQ(hole->ToString(), "vers:npm/>=1.0.0|!=2.0.0|<3.0.0");
  auto all = VersRange::FromIntervals("npm", {Iv(nullptr, true, nullptr, true)});
  ASSERT_TRUE(all.ok());
  EXPECT_TRUE(all->is_any());
  EXPECT_FALSE(VersRange::FromIntervals("npm", {}).ok());
}

std::string NpmVers(std::string_view range) {
  auto r = NpmRangeToVers(range);
  EXPECT_TRUE(r.ok()) << range << ": " << r.status().ToString();
  return r.ok() ? r->ToString() : std::string();
}

TEST(NpmRange, ComparatorsAndUnions) {
  EXPECT_EQ(NpmVers(">=1.2.3 <2.0.0 || ^3.1.0"), "vers:npm/>=1.2.3|<2.0.0|>=3.1.0|<4.0.0-0");
  EXPECT_EQ(NpmVers("<=1.0.0"), "vers:npm/<=1.0.0");
  EXPECT_EQ(NpmVers("< 2.0.5"), "vers:npm/<2.0.5");
  EXPECT_EQ(NpmVers(">=3.4.6 < 4.0.0|| >=4.0.5"), "vers:npm/>=3.4.6|<4.0.0|>=4.0.5");
  EXPECT_EQ(NpmVers("2.1.4"), "vers:npm/2.1.4");
  EXPECT_EQ(NpmVers("=3.0.0-rc.1"), "vers:npm/3.0.0-rc.1");
  EXPECT_EQ(NpmVers("<=v2.0.0-alpha7"), "vers:npm/<=2.0.0-alpha7");
  EXPECT_EQ(NpmVers("*"), "vers:npm/*");
  EXPECT_EQ(NpmVers(""), "vers:npm/*");
}

TEST(NpmRange, TildeCaretAndXRangesDesugarLikeNodeSemver) {
  EXPECT_EQ(NpmVers("~1.2.3"), "vers:npm/>=1.2.3|<1.3.0-0");
  EXPECT_EQ(NpmVers("~1.2"), "vers:npm/>=1.2.0|<1.3.0-0");
  EXPECT_EQ(NpmVers("~1"), "vers:npm/>=1.0.0|<2.0.0-0");
  EXPECT_EQ(NpmVers("^1.2.3"), "vers:npm/>=1.2.3|<2.0.0-0");
  EXPECT_EQ(NpmVers("^0.2.3"), "vers:npm/>=0.2.3|<0.3.0-0");
  EXPECT_EQ(NpmVers("^0.0.3"), "vers:npm/>=0.0.3|<0.0.4-0");
  EXPECT_EQ(NpmVers("^0.0"), "vers:npm/>=0.0.0|<0.1.0-0");
  EXPECT_EQ(NpmVers("^1.x"), "vers:npm/>=1.0.0|<2.0.0-0");
  EXPECT_EQ(NpmVers("1.x"), "vers:npm/>=1.0.0|<2.0.0-0");
  // The pre-releases of 2.1.0 fall between the two X-ranges, so they stay two intervals.
  EXPECT_EQ(NpmVers("2.0.x || 2.1.x"), "vers:npm/>=2.0.0|<2.1.0-0|>=2.1.0|<2.2.0-0");
  EXPECT_EQ(NpmVers(">= 2.2.x"), "vers:npm/>=2.2.0");
  EXPECT_EQ(NpmVers(">1.2"), "vers:npm/>=1.3.0");
  EXPECT_EQ(NpmVers(">1"), "vers:npm/>=2.0.0");
  EXPECT_EQ(NpmVers("<1.2"), "vers:npm/<1.2.0-0");
  EXPECT_EQ(NpmVers("<=1.2"), "vers:npm/<1.3.0-0");
  EXPECT_EQ(NpmVers("<=1.9"), "vers:npm/<1.10.0-0");
  EXPECT_EQ(NpmVers("<= 1.0 || >= 1.1"), "vers:npm/<1.1.0-0|>=1.1.0");
  EXPECT_EQ(NpmVers("1.2.3 - 2.3.4"), "vers:npm/>=1.2.3|<=2.3.4");
  EXPECT_EQ(NpmVers("1.2 - 2.3"), "vers:npm/>=1.2.0|<2.4.0-0");
  EXPECT_EQ(NpmVers("^9.9.9"), "vers:npm/>=9.9.9|<10.0.0-0");
}

TEST(NpmRange, OverlappingSetsMergeIntoOneInterval) {
  EXPECT_EQ(NpmVers("<2.0.1 || <1.1.7"), "vers:npm/<2.0.1");
  EXPECT_EQ(NpmVers(">= 5.2.1 <= 6.0.0 || >=6.0.0 <= 6.0.2"), "vers:npm/>=5.2.1|<=6.0.2");
}

TEST(NpmRange, ContainmentMatchesTheAdvisoryIntent) {
  auto r = NpmRangeToVers("<1.6.5 || >=1.7.0 <1.7.2");
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->Contains("1.6.4"));
  EXPECT_FALSE(r->Contains("1.6.5"));
  EXPECT_TRUE(r->Contains("1.7.1"));
  EXPECT_FALSE(r->Contains("1.7.2"));
  auto caret = NpmRangeToVers("^4.0.8");
  ASSERT_TRUE(caret.ok());
  EXPECT_TRUE(caret->Contains("4.99.0"));
  EXPECT_FALSE(caret->Contains("5.0.0-beta.1"));
}

TEST(NpmRange, ImpossibleSetsAreDroppedAndAllImpossibleIsAnError) {
  EXPECT_EQ(NpmVers(">2.0.0 <1.0.0 || 3.0.0"), "vers:npm/3.0.0");
  EXPECT_FALSE(NpmRangeToVers(">2.0.0 <1.0.0").ok());
  EXPECT_FALSE(NpmRangeToVers(">*").ok());
}

TEST(NpmRange, RejectsMalformedComparators) {
  for (const char* bad : {"<", ">= ", "1.2.3.4", "abc", "1.2.", "~>", "1.2-beta", ">=1.0.0 <"}) {
    auto r = ParseNpmRange(bad);
    EXPECT_FALSE(r.ok()) << bad;
  }
  auto r = ParseNpmRange(">=1.0.0 || >=x.y.z");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("set 2"), std::string::npos) << r.status().message();
}

}  // namespace
}  // namespace sbomhub::version
