#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "generate/oci/image.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::ElementsAre;
using testutil::ByPurl;
using testutil::Purls;

GenerateOutput ScanImage(const std::string& name, ImageLimits limits = {}) {
  GenerateOptions options;
  options.reproducible = true;
  auto out = GenerateFromImage(testutil::BuiltFixture("image/" + name), options, limits);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return out.ok() ? std::move(out).value() : GenerateOutput{};
}

std::vector<std::string> Layers(const model::Component& c) {
  std::vector<std::string> out;
  for (const auto& p : c.properties) {
    if (p.name == "sbomhub:layer") out.push_back(p.value);
  }
  return out;
}

TEST(DockerSaveImage, MergesLayersAppliesWhiteoutsAndRecordsLayerDigests) {
  auto out = ScanImage("docker-save.tar");
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:deb/debian/base-files@12.4?arch=amd64&distro=debian-12",
                                           "pkg:deb/debian/tzdata@2024a-0?arch=all&distro=debian-12",
                                           "pkg:pypi/flask@3.0.0", "pkg:pypi/six@1.16.0"));
  EXPECT_EQ(out.sbom.primary->name, "demo/app:1.0");
  EXPECT_EQ(out.sbom.primary->type, model::ComponentType::kContainer);
  EXPECT_THAT(Layers(*ByPurl(out.sbom, "pkg:pypi/flask@3.0.0")),
              ElementsAre("sha256:d6815427629d71f3e2939ba9f7ffb121faa3879602364694b2eac2cd97a66de7"));
  EXPECT_THAT(Layers(*ByPurl(out.sbom, "pkg:deb/debian/tzdata@2024a-0?arch=all&distro=debian-12")),
              ElementsAre("sha256:6d535baf2f107043bf1b76ef61da25a9baf47f9513f11d4b33d9d802f4e36f65"));
}

TEST(DockerSaveImage, HostileEntriesAreRefusedAndReported) {
  auto out = ScanImage("docker-save.tar");
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/evil@6.6.6"), nullptr);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/abs@1.0"), nullptr);
  EXPECT_FALSE(std::filesystem::exists("/tmp/requirements.txt") &&
               std::filesystem::file_size("/tmp/requirements.txt") == 12);  // "evil==6.6.6\n" never written there
  std::size_t refused = 0;
  for (const auto& d : out.diagnostics.items()) refused += d.rule == "generate.image.entry";
  EXPECT_GE(refused, 3u);  // ../escape.txt, /abs/..., evil/requirements.txt
}

TEST(OciLayoutImage, GzipLayersAndOpaqueWhiteouts) {
  auto out = ScanImage("oci-layout.tar");
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:apk/alpine/musl@1.2.4-r4?arch=x86_64&distro=alpine-3.19.1",
                                           "pkg:apk/alpine/zlib@1.3-r2?arch=x86_64&distro=alpine-3.19.1",
                                           "pkg:pypi/kept@2.0"));
  EXPECT_EQ(out.sbom.primary->name, "alpine-demo");
}

TEST(Image, DecompressionBombHitsTheRatioLimit) {
  ImageLimits limits;
  limits.max_ratio = 10;
  GenerateOptions options;
  auto out = GenerateFromImage(testutil::BuiltFixture("image/bomb.tar"), options, limits);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kTooLarge);
}

TEST(Image, EntryCountLimitIsEnforced) {
  ImageLimits limits;
  limits.max_entries = 3;
  auto out = GenerateFromImage(testutil::BuiltFixture("image/docker-save.tar"), {}, limits);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kTooLarge);
}

TEST(Image, NotAnArchiveIsAParseErrorNamingTheFile) {
  auto out = GenerateFromImage(testing::Fixture("generate", "image/README.md"), {});
  ASSERT_FALSE(out.ok());
  EXPECT_NE(out.status().message().find("README.md"), std::string::npos) << out.status().message();
}

}  // namespace
}  // namespace sbomhub::generate
