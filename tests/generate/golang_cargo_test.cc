#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "base/file.h"
#include "generate/cargo/auditable_cataloger.h"
#include "generate/cargo/cargo_cataloger.h"
#include "generate/golang/golang_catalogers.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testutil::ByPurl;
using testutil::Edges;
using testutil::Purls;
using testutil::ScanFixture;

std::string Prop(const model::Component& c, std::string_view name) {
  for (const auto& p : c.properties) {
    if (p.name == name) return p.value;
  }
  return {};
}

TEST(GoMod, RequiresWithIndirectMarkersReplacementsAndGoSumHashes) {
  auto out = ScanFixture("golang/mod", {"go-mod"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:golang/github.com/new/lib@v1.2.0", "pkg:golang/github.com/pkg/errors@v0.9.1",
                                           "pkg:golang/golang.org/x/sys@v0.1.0", "pkg:golang/gopkg.in/yaml.v3@v3.0.1"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:golang/github.com/new/lib@v1.2.0",
                                                    "ROOT -> pkg:golang/github.com/pkg/errors@v0.9.1",
                                                    "ROOT -> pkg:golang/gopkg.in/yaml.v3@v3.0.1"));
  const auto* errors = ByPurl(out.sbom, "pkg:golang/github.com/pkg/errors@v0.9.1");
  EXPECT_EQ(Prop(*errors, "sbomhub:go:h1"), "h1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=");
  EXPECT_EQ(errors->group, "github.com/pkg");
  EXPECT_EQ(Prop(*ByPurl(out.sbom, "pkg:golang/github.com/new/lib@v1.2.0"), "sbomhub:go:replaces"),
            "github.com/old/lib v1.0.0");
}

std::string Uvarint(std::size_t v) {
  std::string out;
  while (v >= 0x80) {
    out.push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}

// A Go 1.18+ inline build-info blob, 16-byte aligned inside arbitrary bytes.
std::string BuildInfoBlob(std::string_view go_version, std::string_view modinfo) {
  std::string blob = std::string("\xff Go buildinf:", 14) + '\x08' + '\x02' + std::string(16, '\0');
  blob += Uvarint(go_version.size()) + std::string(go_version);
  std::string wrapped = std::string(16, 'S') + std::string(modinfo) + std::string(16, 'E');
  blob += Uvarint(wrapped.size()) + wrapped;
  return std::string(32, 'x') + blob;
}

TEST(GoBinary, InlineBuildInfoGivesMainModuleDepsReplacementsAndStdlib) {
  std::string bytes = BuildInfoBlob(
      "go1.22.1",
      "path\texample.com/cmd/tool\nmod\texample.com/cmd\t(devel)\t\ndep\tgithub.com/a/b\tv1.0.0\th1:abc=\n"
      "dep\tgithub.com/c/d\tv0.1.0\th1:def=\n=>\tgithub.com/e/d\tv0.2.0\th1:ghi=\nbuild\t-compiler=gc\n");
  CatalogOutput out;
  ASSERT_TRUE(golang::ParseGoBinary(bytes, out).ok());
  std::vector<std::string> purls;
  for (const auto& c : out.components) purls.push_back(c.purl);
  EXPECT_THAT(purls, UnorderedElementsAre("pkg:golang/example.com/cmd", "pkg:golang/github.com/a/b@v1.0.0",
                                          "pkg:golang/github.com/e/d@v0.2.0", "pkg:golang/stdlib@1.22.1"));
  EXPECT_EQ(out.edges.size(), 3u);
  for (const auto& e : out.edges) EXPECT_EQ(e.from, "pkg:golang/example.com/cmd");
}

// Found by the cdxgen cross-check (docs/generate-crosscheck.md): terraform's build info replaces
// its own sub-modules with directories ("=> ./internal/legacy (devel)"), which became the purl
// "pkg:golang/./internal/legacy@%28devel%29".
TEST(GoBinary, DirectoryReplacementKeepsTheModulePathNotTheDirectory) {
  std::string bytes = BuildInfoBlob(
      "go1.23.5",
      "path\tgithub.com/hashicorp/terraform\nmod\tgithub.com/hashicorp/terraform\t(devel)\t\n"
      "dep\tgithub.com/hashicorp/terraform/internal/legacy\t(devel)\t\n=>\t./internal/legacy\t(devel)\t\n"
      "dep\tgithub.com/hashicorp/terraform/svchost\tv0.1.1\t\n=>\t../svchost\t\t\n"
      "dep\tgithub.com/pkg/errors\tv0.9.1\th1:FEBLx1zS214owpjy7qsBeixbURkuhQAwrK5UwLGTwt4=\n");
  CatalogOutput out;
  ASSERT_TRUE(golang::ParseGoBinary(bytes, out).ok());
  std::vector<std::string> purls;
  for (const auto& c : out.components) purls.push_back(c.purl);
  EXPECT_THAT(purls, UnorderedElementsAre("pkg:golang/github.com/hashicorp/terraform",
                                          "pkg:golang/github.com/hashicorp/terraform/internal/legacy",
                                          "pkg:golang/github.com/hashicorp/terraform/svchost@v0.1.1",
                                          "pkg:golang/github.com/pkg/errors@v0.9.1", "pkg:golang/stdlib@1.23.5"));
  for (const auto& c : out.components) {
    if (c.purl == "pkg:golang/github.com/hashicorp/terraform/internal/legacy") {
      EXPECT_EQ(Prop(c, "sbomhub:go:replaces"), "local:./internal/legacy");
    }
  }
}

TEST(GoBinary, TruncatedBuildInfoIsAParseErrorNotACrash) {
  std::string bytes = BuildInfoBlob("go1.22.1", "mod\tx\tv1\t\n");
  bytes.resize(bytes.size() - 20);
  CatalogOutput out;
  EXPECT_EQ(golang::ParseGoBinary(bytes, out).code(), StatusCode::kParseError);
}

TEST(GoBinary, RealGoToolchainBinaryHasBuildInfo) {
  const char* candidates[] = {"/usr/lib/go/bin/go", "/usr/local/go/bin/go", "/usr/lib/go-1.19/bin/go"};
  for (const char* path : candidates) {
    if (!std::filesystem::exists(path)) continue;
    auto bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok());
    CatalogOutput out;
    ASSERT_TRUE(golang::ParseGoBinary(*bytes, out).ok());
    bool has_stdlib = false;
    for (const auto& c : out.components) has_stdlib = has_stdlib || c.name == "stdlib";
    EXPECT_TRUE(has_stdlib) << path;
    return;
  }
  GTEST_SKIP() << "no Go toolchain installed";
}

TEST(CargoLock, RegistryAndGitCratesWithChecksumsAndVersionedDependencyStrings) {
  auto out = ScanFixture("cargo/lock", {"cargo"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:cargo/itoa@0.4.8", "pkg:cargo/itoa@1.0.9", "pkg:cargo/serde@1.0.188"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:cargo/itoa@1.0.9", "ROOT -> pkg:cargo/serde@1.0.188",
                                                    "pkg:cargo/serde@1.0.188 -> pkg:cargo/itoa@0.4.8"));
  const auto* itoa = ByPurl(out.sbom, "pkg:cargo/itoa@1.0.9");
  ASSERT_EQ(itoa->hashes.size(), 1u);
  EXPECT_EQ(itoa->hashes[0].value, "af150ab688ff2122fcef229be89cb50dd66af9e01a4ff320cc137eecc9bacc38");
  EXPECT_EQ(Prop(*ByPurl(out.sbom, "pkg:cargo/serde@1.0.188"), "sbomhub:cargo:source"),
            "git+https://github.com/serde-rs/serde?rev=abc#abc");
}

TEST(CargoAuditable, DepV0SectionGivesCratesGraphAndBuildScope) {
  auto out = testutil::ScanBuiltFixture("cargo/auditable", {"cargo-auditable"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:cargo/cc@1.0.83", "pkg:cargo/demo-cli@0.3.0", "pkg:cargo/serde@1.0.188",
                                           "pkg:cargo/serde_derive@1.0.188"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("pkg:cargo/demo-cli@0.3.0 -> pkg:cargo/cc@1.0.83",
                                                    "pkg:cargo/demo-cli@0.3.0 -> pkg:cargo/serde@1.0.188",
                                                    "pkg:cargo/serde@1.0.188 -> pkg:cargo/serde_derive@1.0.188"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:cargo/cc@1.0.83")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:cargo/demo-cli@0.3.0")->type, model::ComponentType::kApplication);
}

TEST(CargoAuditable, OutOfRangeIndexesAndBadJsonAreHandled) {
  CatalogOutput out;
  ASSERT_TRUE(cargo::ParseCargoAuditableJson(R"({"packages":[{"name":"a","version":"1","dependencies":[7,0,-1]}]})", out).ok());
  EXPECT_TRUE(out.edges.empty());
  EXPECT_EQ(cargo::ParseCargoAuditableJson("{", out).code(), StatusCode::kParseError);
}

TEST(CargoLock, MalformedTomlNamesTheLine) {
  CatalogOutput out;
  Status s = cargo::ParseCargoLock("version = 3\n\n[[package]\nname = \"a\"\n", out);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_NE(s.message().find("line 3"), std::string::npos) << s.message();
}

}  // namespace
}  // namespace sbomhub::generate
