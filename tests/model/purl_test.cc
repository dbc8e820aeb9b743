#include "model/purl.h"

#include <gtest/gtest.h>

#include <string>

#include "model/ecosystem.h"

namespace sbomhub::model {
namespace {

TEST(Purl, ParsesEveryComponentDecoded) {
  auto p = Purl::Parse("pkg:npm/%40angular/animation@12.3.1?b=2&a=x%2Fy#lib/%C3%A9");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->type, "npm");
  EXPECT_EQ(p->ns, "@angular");
  EXPECT_EQ(p->name, "animation");
  EXPECT_EQ(p->version, "12.3.1");
  ASSERT_EQ(p->qualifiers.size(), 2u);
  EXPECT_EQ(p->qualifiers[0].first, "a");
  EXPECT_EQ(p->qualifiers[0].second, "x/y");
  EXPECT_EQ(p->Qualifier("b"), "2");
  EXPECT_EQ(p->Qualifier("missing"), "");
  EXPECT_EQ(p->subpath, "lib/\xC3\xA9");
}

TEST(Purl, ToStringEncodesEverythingButUnreservedAndColon) {
  auto p = Purl::Parse("pkg:deb/debian/attr@1:2.4.47-2%2Bb1?vcs_url=git%2Bhttps://h/x%40y");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ToString(), "pkg:deb/debian/attr@1:2.4.47-2%2Bb1?vcs_url=git%2Bhttps:%2F%2Fh%2Fx%40y");
}

TEST(Purl, CanonicalFormSortsQualifiersAndDropsEmptyValues) {
  auto c = CanonicalizePurl("pkg:conan/openssl.org/openssl@3.0.3?user=x&channel=stable&empty=");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "pkg:conan/openssl.org/openssl@3.0.3?channel=stable&user=x");
}

TEST(Purl, ChecksumQualifierIsLowerCased) {
  auto c = CanonicalizePurl("pkg:generic/openssl@1.1.10g?checksum=SHA256:DE4D5012,sha1:AD95");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "pkg:generic/openssl@1.1.10g?checksum=sha256:de4d5012%2Csha1:ad95");
}

TEST(Purl, OrdersComponentWise) {
  auto a = Purl::Parse("pkg:npm/a@1");
  auto b = Purl::Parse("pkg:npm/a@2");
  auto c = Purl::Parse("pkg:pypi/a@0");
  ASSERT_TRUE(a.ok() && b.ok() && c.ok());
  EXPECT_LT(*a, *b);
  EXPECT_LT(*b, *c);
}

TEST(Purl, SubpathDropsDotSegmentsAndSlashes) {
  auto p = Purl::Parse("pkg:golang/google.golang.org/genproto#/googleapis/./../api//annotations/");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->subpath, "googleapis/api/annotations");
}

TEST(Purl, LowercasesTypeAndTypeSpecificNames) {
  auto p = Purl::Parse("pkg:PYPI/Django_Package@1.0");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ToString(), "pkg:pypi/django-package@1.0");
  auto g = Purl::Parse("pkg:github/Package-URL/Purl-Spec@abc");
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(g->ToString(), "pkg:github/package-url/purl-spec@abc");
  // Maven coordinates are case-sensitive and stay as written.
  auto m = Purl::Parse("pkg:maven/HTTPClient/HTTPClient@0.3-3");
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->ToString(), "pkg:maven/HTTPClient/HTTPClient@0.3-3");
}

TEST(Purl, SlashesAfterSchemeAreNotSignificant) {
  auto c = CanonicalizePurl("pkg:///maven/org.apache.commons/io");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c, "pkg:maven/org.apache.commons/io");
}

TEST(Purl, GitNameKeepsItsPathSegments) {
  auto p = Purl::Parse("pkg:git/codeberg.org/forgejo/forgejo@a72d#docs");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(p->ns, "codeberg.org");
  EXPECT_EQ(p->name, "forgejo/forgejo");
  EXPECT_EQ(p->ToString(), "pkg:git/codeberg.org/forgejo/forgejo@a72d#docs");
}

TEST(PurlErrors, NameTheComponentAndOffset) {
  auto r = Purl::Parse("pkg:npm/foo@1.0?in%20production=true");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kParseError);
  EXPECT_NE(r.status().message().find("qualifiers"), std::string::npos) << r.status().message();
  EXPECT_NE(r.status().message().find("at byte 18"), std::string::npos) << r.status().message();

  auto bad_hex = Purl::Parse("pkg:npm/fo%zzo");
  ASSERT_FALSE(bad_hex.ok());
  EXPECT_NE(bad_hex.status().message().find("name: '%' is not followed by two hex digits (at byte 10)"),
            std::string::npos)
      << bad_hex.status().message();
}

TEST(PurlErrors, RejectsMissingSchemeTypeOrName) {
  EXPECT_FALSE(Purl::Parse("").ok());
  EXPECT_FALSE(Purl::Parse("npm/foo").ok());
  EXPECT_FALSE(Purl::Parse("http:npm/foo").ok());
  EXPECT_FALSE(Purl::Parse("pkg:").ok());
  EXPECT_FALSE(Purl::Parse("pkg:npm").ok());
  EXPECT_FALSE(Purl::Parse("pkg:npm/").ok());
  EXPECT_FALSE(Purl::Parse("pkg:3d/x").ok());
  EXPECT_FALSE(Purl::Parse("pkg:n&m/x").ok());
  EXPECT_FALSE(Purl::Parse("pkg:npm/%").ok());
  EXPECT_FALSE(Purl::Parse("pkg:npm/%4").ok());
}

TEST(PurlErrors, TypeRulesAreInvalidDocumentNotParseError) {
  auto r = Purl::Parse("pkg:pypi/ns/requests@2.0");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidDocument);
  EXPECT_NE(r.status().message().find("does not allow a namespace"), std::string::npos);
  auto julia = Purl::Parse("pkg:julia/Dates");
  ASSERT_FALSE(julia.ok());
  EXPECT_NE(julia.status().message().find("'uuid'"), std::string::npos);
}

TEST(PurlErrors, DuplicateQualifierKeysAreRejected) {
  EXPECT_FALSE(Purl::Parse("pkg:npm/foo?a=1&a=2").ok());
}

TEST(PurlErrors, DecodedBytesMustBeUtf8) {
  EXPECT_FALSE(Purl::Parse("pkg:npm/foo%FF").ok());
  EXPECT_TRUE(Purl::Parse("pkg:npm/foo%C3%A9").ok());
}

TEST(PurlModes, StrictRejectsWhatLenientNormalizes) {
  const char* inputs[] = {
      "pkg:gem/jruby-launcher@1.1.2?Platform=java",  // upper-case key
      "pkg:npm/@babel/core",                         // unencoded '@' read as a version
      "pkg:npm/foo@1.0?flag",                        // qualifier without '='
      "pkg:npm/foo@",                                // empty version
      "pkg:npm/foo bar@1",                           // raw space
      "pkg:golang/go.opencensus.io@v0.23.0",         // single-segment Go module, no namespace
  };
  for (const char* in : inputs) {
    EXPECT_FALSE(Purl::Parse(in, PurlParseMode::kStrict).ok()) << in;
    EXPECT_TRUE(Purl::Parse(in, PurlParseMode::kLenient).ok()) << in;
  }
  EXPECT_EQ(*CanonicalizePurl("pkg:npm/@babel/core"), "pkg:npm/%40babel/core");
  // With a version the rightmost '@' is unambiguous, so strict mode accepts the raw scope too.
  EXPECT_EQ(*CanonicalizePurl("pkg:npm/@babel/core@7.0.0", PurlParseMode::kStrict),
            "pkg:npm/%40babel/core@7.0.0");
  EXPECT_EQ(*CanonicalizePurl("pkg:brew/node@20@20.10.0"), "pkg:brew/node%4020@20.10.0");
  EXPECT_EQ(*CanonicalizePurl("pkg:gem/x@1?Platform=java"), "pkg:gem/x@1?platform=java");
}

TEST(PurlBuild, ValidatesAndNormalizesComponents) {
  Purl c;
  c.type = "Maven";
  c.ns = "org.apache.commons/";
  c.name = "io";
  c.version = "1.0 Final";
  c.qualifiers = {{"Type", "jar"}, {"classifier", ""}};
  c.subpath = "./a/../b";
  auto p = Purl::Build(c);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->ToString(), "pkg:maven/org.apache.commons/io@1.0%20Final?type=jar#a/b");

  Purl no_name;
  no_name.type = "npm";
  EXPECT_FALSE(Purl::Build(no_name).ok());
  Purl swift;
  swift.type = "swift";
  swift.name = "Alamofire";
  EXPECT_FALSE(Purl::Build(swift).ok());  // swift requires a namespace
}

TEST(PurlBuild, RoundTripsThroughParse) {
  Purl c;
  c.type = "generic";
  c.ns = "a b/c?d";
  c.name = "n#m@x";
  c.version = "v/1";
  c.qualifiers = {{"checksum", "sha256:ab,sha1:cd"}};
  c.subpath = "x%y/z";
  auto built = Purl::Build(c);
  ASSERT_TRUE(built.ok());
  auto parsed = Purl::Parse(built->ToString());
  ASSERT_TRUE(parsed.ok()) << built->ToString() << ": " << parsed.status().ToString();
  EXPECT_EQ(*parsed, *built);
}

TEST(PurlLimits, HugeInputsParseInOnePass) {
  // 100k qualifiers and 100k namespace segments: every step is linear (or n log n for the
  // qualifier sort), so this finishes in milliseconds; a quadratic step would time out.
  std::string q = "pkg:generic/x?";
  for (int i = 0; i < 100000; ++i) q += "k" + std::to_string(i) + "=v&";
  auto p = Purl::Parse(q);
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->qualifiers.size(), 100000u);
  EXPECT_EQ(p->Qualifier("k99999"), "v");

  std::string ns = "pkg:generic/";
  for (int i = 0; i < 100000; ++i) ns += "s/";
  ns += "name@1";
  auto n = Purl::Parse(ns);
  ASSERT_TRUE(n.ok()) << n.status().ToString();
  EXPECT_EQ(n->ns.size(), 2u * 100000u - 1u);
  EXPECT_EQ(n->name, "name");
}

TEST(PurlTypes, RegisteredTypesAreKnown) {
  EXPECT_TRUE(IsRegisteredPurlType("npm"));
  EXPECT_TRUE(IsRegisteredPurlType("vscode-extension"));
  EXPECT_FALSE(IsRegisteredPurlType("gitlab"));
  // Unregistered types parse with the generic rules only.
  EXPECT_TRUE(Purl::Parse("pkg:gitlab/Group/Proj@1").ok());
}

TEST(Ecosystem, MapsPurlTypesToOsvNames) {
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("pypi", "")), "PyPI");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("cargo", "")), "crates.io");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("golang", "github.com/x")), "Go");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("deb", "ubuntu")), "Ubuntu");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("deb", "Debian")), "Debian");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("rpm", "redhat")), "Red Hat");
  EXPECT_EQ(OsvEcosystemName(EcosystemForPurl("rpm", "sles")), "SUSE");
  EXPECT_EQ(EcosystemForPurl("deb", "kali"), Ecosystem::kUnknown);
  EXPECT_EQ(EcosystemForPurl("generic", ""), Ecosystem::kUnknown);
  auto p = Purl::Parse("pkg:apk/alpine/curl@8.0-r0");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(EcosystemForPurl(*p), Ecosystem::kAlpine);
}

TEST(Ecosystem, MapsOsvNamesBackIgnoringReleaseSuffix) {
  EXPECT_EQ(EcosystemFromOsv("Debian:11"), Ecosystem::kDebian);
  EXPECT_EQ(EcosystemFromOsv("Ubuntu:Pro:18.04:LTS"), Ecosystem::kUbuntu);
  EXPECT_EQ(EcosystemFromOsv("Maven:https://maven.google.com"), Ecosystem::kMaven);
  EXPECT_EQ(EcosystemFromOsv("crates.io"), Ecosystem::kCratesIo);
  EXPECT_EQ(EcosystemFromOsv("Red Hat:rhel_aus:8.4::appstream"), Ecosystem::kRedHat);
  EXPECT_EQ(EcosystemFromOsv("NoSuchThing"), Ecosystem::kUnknown);
  auto t = PurlTypeFor(Ecosystem::kRedHat);
  EXPECT_EQ(t.type, "rpm");
  EXPECT_EQ(t.ns, "redhat");  // the first row is canonical; "rhel" is an alias
}

TEST(Ecosystem, EveryEcosystemRoundTripsThroughTheTable) {
  for (const auto& row : EcosystemTable()) {
    EXPECT_EQ(EcosystemFromOsv(row.osv_name), row.ecosystem) << row.osv_name;
    EXPECT_EQ(EcosystemForPurl(row.purl_type, row.purl_namespace), row.ecosystem) << row.purl_type;
    auto canonical = PurlTypeFor(row.ecosystem);
    EXPECT_EQ(EcosystemForPurl(canonical.type, canonical.ns), row.ecosystem);
  }
}

}  // namespace
}  // namespace sbomhub::model
