// Behaviour of the Version API that the fixture files do not pin down: errors, the scheme table,
// copies, and per-scheme rules worth naming.
#include <gtest/gtest.h>

#include <string>

#include "version/version.h"

namespace sbomhub::version {
namespace {

int Cmp(Scheme s, std::string_view a, std::string_view b) {
  auto r = CompareStrings(s, a, b);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : 99;
}

TEST(SchemeTable, MapsOsvEcosystemsIgnoringReleaseSuffix) {
  EXPECT_EQ(SchemeForEcosystem("npm"), Scheme::kSemver);
  EXPECT_EQ(SchemeForEcosystem("PyPI"), Scheme::kPep440);
  EXPECT_EQ(SchemeForEcosystem("Maven"), Scheme::kMaven);
  EXPECT_EQ(SchemeForEcosystem("Debian:12"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Ubuntu:Pro:18.04:LTS"), Scheme::kDebian);
  EXPECT_EQ(SchemeForEcosystem("Alpine:v3.18"), Scheme::kAlpine);
  EXPECT_EQ(SchemeForEcosystem("Go"), Scheme::kGo);
  EXPECT_EQ(SchemeForEcosystem("crates.io"), Scheme::kSemver);
  EXPECT_EQ(SchemeForEcosystem("RubyGems"), Scheme::kRubyGems);
  EXPECT_EQ(SchemeForEcosystem("NuGet"), Scheme::kNuGet);
  EXPECT_EQ(SchemeForEcosystem("Packagist"), Scheme::kComposer);
  EXPECT_EQ(SchemeForEcosystem("Pub"), Scheme::kPub);
  EXPECT_EQ(SchemeForEcosystem("Hex"), Scheme::kSemver);
  EXPECT_EQ(SchemeForEcosystem("CRAN"), Scheme::kCran);
  EXPECT_EQ(SchemeForEcosystem("Hackage"), Scheme::kHackage);
  EXPECT_EQ(SchemeForEcosystem("Red Hat:enterprise_linux:9::appstream"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("Rocky Linux:8"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("AlmaLinux"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("SUSE:Linux Enterprise Server 15 SP5"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("openSUSE:Tumbleweed"), Scheme::kRpm);
  EXPECT_EQ(SchemeForEcosystem("pypi"), Scheme::kPep440);  // case-insensitive fallback
  EXPECT_FALSE(SchemeForEcosystem("NoSuchEcosystem").has_value());
}

TEST(SchemeTable, MapsPurlTypes) {
  EXPECT_EQ(SchemeForPurlType("npm"), Scheme::kSemver);
  EXPECT_EQ(SchemeForPurlType("pypi"), Scheme::kPep440);
  EXPECT_EQ(SchemeForPurlType("maven"), Scheme::kMaven);
  EXPECT_EQ(SchemeForPurlType("deb"), Scheme::kDebian);
  EXPECT_EQ(SchemeForPurlType("rpm"), Scheme::kRpm);
  EXPECT_EQ(SchemeForPurlType("apk"), Scheme::kAlpine);
  EXPECT_EQ(SchemeForPurlType("golang"), Scheme::kGo);
  EXPECT_EQ(SchemeForPurlType("cargo"), Scheme::kSemver);
  EXPECT_EQ(SchemeForPurlType("gem"), Scheme::kRubyGems);
  EXPECT_EQ(SchemeForPurlType("nuget"), Scheme::kNuGet);
  EXPECT_EQ(SchemeForPurlType("composer"), Scheme::kComposer);
  EXPECT_EQ(SchemeForPurlType("pub"), Scheme::kPub);
  EXPECT_EQ(SchemeForPurlType("hex"), Scheme::kSemver);
  EXPECT_EQ(SchemeForPurlType("cran"), Scheme::kCran);
  EXPECT_EQ(SchemeForPurlType("hackage"), Scheme::kHackage);
  EXPECT_EQ(SchemeForPurlType("conan"), Scheme::kGeneric);
  EXPECT_EQ(SchemeForPurlType("generic"), Scheme::kGeneric);
  EXPECT_FALSE(SchemeForPurlType("nosuchtype").has_value());
  EXPECT_EQ(SchemeForVersType("nosuchtype"), Scheme::kGeneric);
}

TEST(SchemeTable, NamesRoundTrip) {
  for (int i = 0; i <= static_cast<int>(Scheme::kGeneric); ++i) {
    const auto s = static_cast<Scheme>(i);
    EXPECT_EQ(ParseSchemeName(SchemeName(s)), s) << SchemeName(s);
  }
}

TEST(Version, RejectsEmptyWhitespaceAndControlBytesInEveryScheme) {
  for (int i = 0; i <= static_cast<int>(Scheme::kGeneric); ++i) {
    const auto s = static_cast<Scheme>(i);
    EXPECT_FALSE(Version::Parse(s, "").ok()) << SchemeName(s);
    // PEP 440 alone says surrounding whitespace is ignored.
    EXPECT_EQ(Version::Parse(s, "1.0\n").ok(), s == Scheme::kPep440) << SchemeName(s);
    EXPECT_FALSE(Version::Parse(s, "1. 0").ok()) << SchemeName(s);
    EXPECT_FALSE(Version::Parse(s, std::string("1.\x01")).ok()) << SchemeName(s);
    EXPECT_FALSE(Version::Parse(s, std::string(5000, '1')).ok()) << SchemeName(s);
  }
}

TEST(Version, ErrorNamesSchemeTextAndPosition) {
  auto r = Version::Parse(Scheme::kDebian, "a:1.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("debian"), std::string::npos);
  EXPECT_NE(r.status().message().find("a:1.0"), std::string::npos);
  EXPECT_NE(r.status().message().find("epoch"), std::string::npos);

  auto s = Version::Parse(Scheme::kSemver, "1.2.3-b$d");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().message().find("byte 8"), std::string::npos) << s.status().message();
}

TEST(Version, StrictSchemesRejectWhatTheyCannotOrder) {
  EXPECT_FALSE(Version::Parse(Scheme::kSemver, "abc").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kGo, "latest").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kCran, "1.0a").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kHackage, "1.0-tag").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kHackage, "1..0").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kDebian, "1.0-").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kDebian, "1.0_x").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kRubyGems, "beta").ok());
  EXPECT_FALSE(Version::Parse(Scheme::kGeneric, "...").ok());
}

TEST(Version, CopiesCompareEqualToTheOriginal) {
  auto v = Version::Parse(Scheme::kMaven, "1.0-alpha-1-SNAPSHOT");
  ASSERT_TRUE(v.ok());
  Version copy = *v;
  Version moved = std::move(copy);
  EXPECT_EQ(Compare(*v, moved), 0);
  EXPECT_EQ(moved.str(), "1.0-alpha-1-SNAPSHOT");
  EXPECT_TRUE(*v == moved);
  EXPECT_TRUE((*v <=> moved) == 0);
}

TEST(Version, DifferentSchemesOrderBySchemeNotByText) {
  auto a = Version::Parse(Scheme::kSemver, "2.0.0");
  auto b = Version::Parse(Scheme::kPep440, "1.0");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(Compare(*a, *b), -1);
  EXPECT_EQ(Compare(*b, *a), 1);
}

TEST(CompareStrings, ReportsWhichSideIsInvalid) {
  auto r = CompareStrings(Scheme::kSemver, "1.0.0", "nope");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("nope"), std::string::npos);
}

TEST(SemverVersion, HugeNumbersCompareWithoutOverflow) {
  EXPECT_EQ(Cmp(Scheme::kSemver, "99999999999999999999999.0.0", "99999999999999999999998.0.0"), 1);
  EXPECT_EQ(Cmp(Scheme::kSemver, "1.0.0-99999999999999999999999", "1.0.0-100000000000000000000000"), -1);
}

TEST(SemverVersion, LeadingZerosInNumbersAreIgnored) { EXPECT_EQ(Cmp(Scheme::kSemver, "1.02.3", "1.2.3"), 0); }

TEST(Pep440Version, DevReleaseSortsBeforePreRelease) {
  EXPECT_EQ(Cmp(Scheme::kPep440, "1.0.dev1", "1.0a1"), -1);
  EXPECT_EQ(Cmp(Scheme::kPep440, "1.0a1.dev1", "1.0a1"), -1);
}

TEST(Pep440Version, LegacyVersionsSortBeforeEveryPep440Version) {
  EXPECT_EQ(Cmp(Scheme::kPep440, "2013-01-21T20:33:09+0100", "0.0.1"), -1);
  EXPECT_EQ(Cmp(Scheme::kPep440, "trunk", "0"), -1);
}

TEST(Pep440Version, SurroundingWhitespaceIsIgnored) {
  EXPECT_EQ(Cmp(Scheme::kPep440, " 1.0 ", "1.0"), 0);
}

TEST(DebianVersion, TildeSortsBeforeTheEndOfTheString) {
  EXPECT_EQ(Cmp(Scheme::kDebian, "1.0~rc1", "1.0"), -1);
  EXPECT_EQ(Cmp(Scheme::kDebian, "1.0~~", "1.0~"), -1);
}

TEST(DebianVersion, RevisionIsTheTextAfterTheLastHyphen) {
  EXPECT_EQ(Cmp(Scheme::kDebian, "1.0-beta-2", "1.0-beta-10"), -1);
}

TEST(RpmVersion, CaretSortsAfterTheBaseButBeforeTheNextRelease) {
  EXPECT_EQ(Cmp(Scheme::kRpm, "1.0^git1", "1.0"), 1);
  EXPECT_EQ(Cmp(Scheme::kRpm, "1.0^git1", "1.0.1"), -1);
}

TEST(MavenVersion, UnknownQualifiersSortAfterReleaseAndAlphabetically) {
  EXPECT_EQ(Cmp(Scheme::kMaven, "1.0", "1.0-abc"), -1);
  EXPECT_EQ(Cmp(Scheme::kMaven, "1.0-abc", "1.0-abd"), -1);
  EXPECT_EQ(Cmp(Scheme::kMaven, "1.0.RELEASE", "1.0"), 0);
}

TEST(AlpineVersion, InvalidVersionsCompareAsStringsAmongThemselves) {
  EXPECT_EQ(Cmp(Scheme::kAlpine, "1.0bc", "1.0bd"), -1);
  EXPECT_EQ(Cmp(Scheme::kAlpine, "1.0", "1.0_blah"), 1);
}

TEST(NuGetVersion, PreReleaseIsCaseInsensitive) { EXPECT_EQ(Cmp(Scheme::kNuGet, "1.0.0-RC.1", "1.0.0-rc.1"), 0); }

TEST(ComposerVersion, DevBranchesSortBeforeReleases) { EXPECT_EQ(Cmp(Scheme::kComposer, "dev-main", "0.0.1"), -1); }

}  // namespace
}  // namespace sbomhub::version
