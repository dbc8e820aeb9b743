// Alpine, RPM, Ruby, PHP, .NET, Java and C/C++ catalogers.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "generate/common.h"
#include "generate/cpp/cpp_catalogers.h"
#include "generate/java/java_catalogers.h"
#include "generate/rpm/rpm_cataloger.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testutil::ByPurl;
using testutil::Edges;
using testutil::Purls;
using testutil::ScanFixture;

TEST(ApkCataloger, InstalledDbWithDistroLicenseOriginAndProvidesEdges) {
  auto out = ScanFixture("apk", {"apk"});
  EXPECT_THAT(Purls(out.sbom),
              ElementsAre("pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl",
                          "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1"));
  EXPECT_THAT(Edges(out.sbom), ElementsAre(
      "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl -> "
      "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1"));
  const auto* musl = ByPurl(out.sbom, "pkg:apk/alpine/musl@1.2.4_git20230717-r4?arch=x86_64&distro=alpine-3.19.1");
  ASSERT_NE(musl, nullptr);
  EXPECT_EQ(musl->licenses.at(0).value, "MIT");
  EXPECT_EQ(musl->supplier->email, "timo.teras@iki.fi");
}

TEST(RpmCataloger, ReadsHeadersFromSqliteSkipsPubkeysAndReportsBadBlobs) {
  auto out = testutil::ScanBuiltFixture("rpm", {"rpm"});
  EXPECT_THAT(Purls(out.sbom),
              ElementsAre("pkg:rpm/rocky/bash@5.1.8-6.el9_1?arch=x86_64&distro=rocky-9.3",
                          "pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm"));
  const auto* ssl = out.sbom.components[1].name == "openssl-libs" ? &out.sbom.components[1] : &out.sbom.components[0];
  EXPECT_EQ(ssl->supplier->name, "Rocky Enterprise Software Foundation");
  EXPECT_EQ(ssl->description, "A general purpose cryptography library");
  bool reported = false;
  for (const auto& d : out.diagnostics.items()) reported = reported || d.rule == "generate.rpm.header";
  EXPECT_TRUE(reported);
}

TEST(RpmCataloger, NonSqliteBytesAreAParseError) {
  CatalogOutput out;
  EXPECT_EQ(rpm::ParseRpmDb("not a database", {}, out).code(), StatusCode::kParseError);
  EXPECT_FALSE(rpm::ParseRpmHeader(std::string("\x00\x00\xff\xff\x00\x00\x00\x00", 8)).ok());
}

TEST(GemfileLock, SpecsPlatformsGitSourcesAndDirectDependencies) {
  auto out = ScanFixture("ruby", {"gem"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:gem/activesupport@7.1.0.alpha", "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux",
                                           "pkg:gem/racc@1.7.1", "pkg:gem/tzinfo@2.0.6"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:gem/activesupport@7.1.0.alpha",
                                                    "ROOT -> pkg:gem/nokogiri@1.15.4?platform=x86_64-linux",
                                                    "pkg:gem/activesupport@7.1.0.alpha -> pkg:gem/tzinfo@2.0.6",
                                                    "pkg:gem/nokogiri@1.15.4?platform=x86_64-linux -> pkg:gem/racc@1.7.1"));
}

TEST(ComposerLock, PackagesDevScopeLicensesAuthorsAndRequireEdges) {
  auto out = ScanFixture("php", {"composer"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:composer/monolog/monolog@3.4.0", "pkg:composer/phpunit/phpunit@10.3.2",
                                           "pkg:composer/psr/log@3.0.0"));
  EXPECT_THAT(Edges(out.sbom), ElementsAre("pkg:composer/monolog/monolog@3.4.0 -> pkg:composer/psr/log@3.0.0"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:composer/phpunit/phpunit@10.3.2")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:composer/monolog/monolog@3.4.0")->authors.at(0).name, "Jordi Boggiano");
  EXPECT_EQ(ByPurl(out.sbom, "pkg:composer/psr/log@3.0.0")->hashes.at(0).algorithm, model::HashAlgorithm::kSha1);
}

TEST(DotNet, PackagesLockAndDepsJsonAgreeOnIdentityAndHash) {
  auto out = ScanFixture("dotnet", {"nuget", "dotnet-deps"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:nuget/Newtonsoft.Json@13.0.1", "pkg:nuget/Serilog@3.0.1",
                                           "pkg:nuget/System.Memory@4.5.5"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:nuget/Newtonsoft.Json@13.0.1", "ROOT -> pkg:nuget/Serilog@3.0.1",
                                                    "pkg:nuget/Serilog@3.0.1 -> pkg:nuget/System.Memory@4.5.5"));
  const auto* json = ByPurl(out.sbom, "pkg:nuget/Newtonsoft.Json@13.0.1");
  ASSERT_EQ(json->hashes.size(), 1u);  // the same SHA-512 from both files, merged
  EXPECT_EQ(json->hashes[0].algorithm, model::HashAlgorithm::kSha512);
}

TEST(Java, GradleLockfileTestOnlyConfigurationsAreExcluded) {
  auto out = ScanFixture("java", {"gradle"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:maven/com.google.guava/guava@32.1.2-jre", "pkg:maven/junit/junit@4.13.2"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:maven/junit/junit@4.13.2")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:maven/com.google.guava/guava@32.1.2-jre")->scope, model::Scope::kRequired);
}

TEST(Java, PomResolvesPropertiesProjectValuesAndManagedVersions) {
  auto out = ScanFixture("java", {"maven-pom"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:maven/com.example/demo-util@1.0.0",
                                           "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.2",
                                           "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0",
                                           "pkg:maven/org.slf4j/slf4j-api@2.0.9"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:maven/org.junit.jupiter/junit-jupiter@5.10.0")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:maven/com.example/demo-util@1.0.0")->scope, model::Scope::kOptional);
  std::size_t line = 0;
  for (const auto& d : out.diagnostics.items()) {
    if (d.rule == "generate.maven.unresolved") line = d.line;
  }
  EXPECT_EQ(line, 21u);  // the <dependency> of org.parent:from-parent
}

TEST(Java, MalformedPomNamesLineAndColumn) {
  CatalogOutput out;
  Status s = java::ParsePom("<project>\n  <dependencies>\n</project>", out);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
}

TEST(Conan, Version2RequiresWithUserChannelAndBuildRequiresExcluded) {
  auto out = ScanFixture("cpp/conan-v2", {"conan"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:conan/cmake@3.27.4", "pkg:conan/openssl@3.1.2?channel=stable&user=acme",
                                           "pkg:conan/zlib@1.2.13"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:conan/cmake@3.27.4")->scope, model::Scope::kExcluded);
}

TEST(Conan, Version1GraphLockGivesDirectAndTransitiveEdges) {
  auto out = ScanFixture("cpp/conan-v1", {"conan"});
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:conan/poco@1.12.4", "pkg:conan/poco@1.12.4 -> pkg:conan/zlib@1.2.13"));
}

TEST(Vcpkg, InstalledStatusPortsAndManifestDirectEdges) {
  auto out = ScanFixture("cpp/vcpkg", {"vcpkg"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:vcpkg/fmt@10.1.1?triplet=x64-linux", "pkg:vcpkg/vcpkg-cmake@2023-05-04?triplet=x64-linux",
                                           "pkg:vcpkg/zlib@1.3?port_version=1&triplet=x64-linux"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre(
      "ROOT -> pkg:vcpkg/fmt@10.1.1?triplet=x64-linux", "ROOT -> pkg:vcpkg/zlib@1.3?port_version=1&triplet=x64-linux",
      "pkg:vcpkg/fmt@10.1.1?triplet=x64-linux -> pkg:vcpkg/vcpkg-cmake@2023-05-04?triplet=x64-linux",
      "pkg:vcpkg/fmt@10.1.1?triplet=x64-linux -> pkg:vcpkg/zlib@1.3?port_version=1&triplet=x64-linux",
      "pkg:vcpkg/zlib@1.3?port_version=1&triplet=x64-linux -> pkg:vcpkg/vcpkg-cmake@2023-05-04?triplet=x64-linux"));
}

TEST(CMakeFetch, PinnedGitTagsAndUrlHashesOnlyWithUnpinnedReported) {
  auto out = ScanFixture("cpp/cmake", {"cmake"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre(
      "pkg:generic/json?checksum=sha256:8c4b26bf4b422252e13f332bc5e388ec0ab5c3443d24399acb675e68278d341f"
      "&download_url=https:%2F%2Fgithub.com%2Fnlohmann%2Fjson%2Freleases%2Fdownload%2Fv3.11.2%2Fjson.tar.xz",
      "pkg:generic/zstd@794ea1b0afca0f020f4e57b6732332231fb23c70?vcs_url=git%2Bhttps:%2F%2Fgit.example.org%2Fzstd.git",
      "pkg:github/google/googletest@v1.14.0"));
  std::size_t line = 0;
  for (const auto& d : out.diagnostics.items()) {
    if (d.rule == "generate.cmake.unpinned") line = d.line;
  }
  EXPECT_EQ(line, 9u);
}

}  // namespace
}  // namespace sbomhub::generate

namespace sbomhub::generate {
namespace {

TEST(JavaArchive, PomPropertiesNestedJarsAndManifestFallback) {
  auto out = testutil::ScanBuiltFixture("java-archive", {"java-archive"});
  std::vector<std::string> refs;
  for (const auto& c : out.sbom.components) refs.push_back(c.bom_ref);
  EXPECT_THAT(refs, ::testing::ElementsAre("pkg:maven/com.example/app@1.0.0", "pkg:maven/org.yaml/snakeyaml@2.2",
                                           "sbomhub:file:app.jar!BOOT-INF/lib/bare.jar"));
  const auto& bare = out.sbom.components[2];
  EXPECT_EQ(bare.name, "org.example.bare");
  EXPECT_EQ(bare.version, "1.4.0");
  EXPECT_EQ(bare.supplier->name, "Example Corp");
  EXPECT_TRUE(testutil::HasErrorFor(out, "not-a-zip.jar"));
  bool nested_warning = false;
  for (const auto& d : out.diagnostics.items()) nested_warning = nested_warning || d.rule == "generate.java.nested";
  EXPECT_TRUE(nested_warning);  // broken.jar inside app.jar
}

}  // namespace
}  // namespace sbomhub::generate

namespace sbomhub::generate {
namespace {

// Found by validating `sbomhub generate /` (docs/generate-crosscheck.md): rpm "GPLv3+", PyPI
// "BSD", "LicenseRef-NVIDIA-Proprietary" were written as license.id, which `sbomhub validate`
// rejects because a CycloneDX id must be on the SPDX License List.
TEST(DeclaredLicense, OnlyListedIdsAreIdsOtherIdShapedTextIsANameOrExpression) {
  EXPECT_EQ(DeclaredLicense("MIT").kind, model::License::Kind::kSpdxId);
  EXPECT_EQ(DeclaredLicense("apache-2.0").value, "Apache-2.0");  // canonical case from the list
  EXPECT_EQ(DeclaredLicense("GPLv3+").kind, model::License::Kind::kName);
  EXPECT_EQ(DeclaredLicense("BSD").kind, model::License::Kind::kName);
  EXPECT_EQ(DeclaredLicense("Apache-2.0+").kind, model::License::Kind::kExpression);
  EXPECT_EQ(DeclaredLicense("LicenseRef-NVIDIA-Proprietary").kind, model::License::Kind::kExpression);
  EXPECT_EQ(DeclaredLicense("MIT OR Apache-2.0").kind, model::License::Kind::kExpression);
}

}  // namespace
}  // namespace sbomhub::generate
