#include <gtest/gtest.h>
#include <gmock/gmock.h>

#include "generate/npm/npm_catalogers.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testutil::ByPurl;
using testutil::Edges;
using testutil::Purls;
using testutil::ScanFixture;

constexpr char kLeftPadSha512[] =
    "6373dc9c5f5acddcb799fd30fbca14d0f21bce2709322c79cfd3a3faad5e03ff8605838cec17c7d8bdf0a9bfa018c1464439644669ab5cc82836524a0c46c1ac";

TEST(PackageLockV3, CatalogsEveryInstallPathIncludingNestedAndWorkspace) {
  auto out = ScanFixture("npm/lock-v3", {"npm"});
  EXPECT_THAT(Purls(out.sbom),
              ElementsAre("pkg:npm/%40scope/lib@2.0.0", "pkg:npm/fsevents@2.3.3", "pkg:npm/jest-mini@1.2.0",
                          "pkg:npm/left-pad@1.0.0", "pkg:npm/left-pad@1.3.0", "pkg:npm/util@0.1.0"));
  const auto* scoped = ByPurl(out.sbom, "pkg:npm/%40scope/lib@2.0.0");
  ASSERT_NE(scoped, nullptr);
  EXPECT_EQ(scoped->group, "@scope");
  EXPECT_EQ(scoped->name, "lib");
}

TEST(PackageLockV3, MapsDevAndOptionalFlagsToScope) {
  auto out = ScanFixture("npm/lock-v3", {"npm"});
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/jest-mini@1.2.0")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/fsevents@2.3.3")->scope, model::Scope::kOptional);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/left-pad@1.3.0")->scope, model::Scope::kRequired);
}

TEST(PackageLockV3, IntegrityBecomesSha512AndResolvedADistributionReference) {
  auto out = ScanFixture("npm/lock-v3", {"npm"});
  const auto* lp = ByPurl(out.sbom, "pkg:npm/left-pad@1.3.0");
  ASSERT_NE(lp, nullptr);
  ASSERT_EQ(lp->hashes.size(), 1u);
  EXPECT_EQ(lp->hashes[0].algorithm, model::HashAlgorithm::kSha512);
  EXPECT_EQ(lp->hashes[0].value, kLeftPadSha512);
  ASSERT_EQ(lp->external_references.size(), 1u);
  EXPECT_EQ(lp->external_references[0].type, "distribution");
  ASSERT_EQ(lp->licenses.size(), 1u);
  EXPECT_EQ(lp->licenses[0].kind, model::License::Kind::kSpdxId);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/%40scope/lib@2.0.0")->licenses[0].kind,
            model::License::Kind::kExpression);
}

TEST(PackageLockV3, ResolvesDependenciesNodeStyleAndDirectOnesFromTheProject) {
  auto out = ScanFixture("npm/lock-v3", {"npm"});
  EXPECT_THAT(Edges(out.sbom),
              UnorderedElementsAre("ROOT -> pkg:npm/%40scope/lib@2.0.0", "ROOT -> pkg:npm/jest-mini@1.2.0",
                                   "ROOT -> pkg:npm/left-pad@1.3.0", "ROOT -> pkg:npm/util@0.1.0",
                                   // nested copy wins over the hoisted one
                                   "pkg:npm/%40scope/lib@2.0.0 -> pkg:npm/left-pad@1.0.0",
                                   "pkg:npm/%40scope/lib@2.0.0 -> pkg:npm/fsevents@2.3.3",
                                   "pkg:npm/jest-mini@1.2.0 -> pkg:npm/left-pad@1.3.0"));
}

TEST(PackageLockV1, WalksNestedTreeAndResolvesRequiresUpwards) {
  auto out = ScanFixture("npm/lock-v1", {"npm"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/a@1.0.0", "pkg:npm/b@1.0.0", "pkg:npm/b@2.1.0", "pkg:npm/c@3.0.0"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("pkg:npm/a@1.0.0 -> pkg:npm/b@2.1.0",
                                                    "pkg:npm/b@2.1.0 -> pkg:npm/c@3.0.0"));
  const auto* a = ByPurl(out.sbom, "pkg:npm/a@1.0.0");
  ASSERT_EQ(a->hashes.size(), 1u);
  EXPECT_EQ(a->hashes[0].algorithm, model::HashAlgorithm::kSha1);
  EXPECT_EQ(a->hashes[0].value, "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/b@1.0.0")->scope, model::Scope::kExcluded);
}

TEST(YarnLockV1, ParsesMultiSpecEntriesAndResolvesRanges) {
  auto out = ScanFixture("npm/yarn-v1", {"yarn"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/%40babel/code-frame@7.12.13",
                                           "pkg:npm/%40babel/highlight@7.13.10", "pkg:npm/js-tokens@4.0.0"));
  EXPECT_THAT(Edges(out.sbom),
              UnorderedElementsAre("pkg:npm/%40babel/code-frame@7.12.13 -> pkg:npm/%40babel/highlight@7.13.10",
                                   "pkg:npm/%40babel/highlight@7.13.10 -> pkg:npm/js-tokens@4.0.0"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/%40babel/code-frame@7.12.13")->hashes[0].value, kLeftPadSha512);
}

TEST(YarnLockBerry, WorkspaceRootDependenciesAreDirectEdges) {
  auto out = ScanFixture("npm/yarn-berry", {"yarn"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/%40types/node@18.19.3", "pkg:npm/lodash@4.17.21",
                                           "pkg:npm/undici-types@5.26.5"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:npm/%40types/node@18.19.3",
                                                    "ROOT -> pkg:npm/lodash@4.17.21",
                                                    "pkg:npm/%40types/node@18.19.3 -> pkg:npm/undici-types@5.26.5"));
}

TEST(PnpmLock, Version5KeysAndDevFlag) {
  auto out = ScanFixture("npm/pnpm-v5", {"pnpm"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/js-tokens@4.0.0", "pkg:npm/loose-envify@1.4.0",
                                           "pkg:npm/react@18.2.0", "pkg:npm/typescript@5.0.4"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/typescript@5.0.4")->scope, model::Scope::kExcluded);
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:npm/react@18.2.0", "ROOT -> pkg:npm/typescript@5.0.4",
                                                    "pkg:npm/loose-envify@1.4.0 -> pkg:npm/js-tokens@4.0.0",
                                                    "pkg:npm/react@18.2.0 -> pkg:npm/loose-envify@1.4.0"));
}

TEST(PnpmLock, Version6PeerSuffixesAreStripped) {
  auto out = ScanFixture("npm/pnpm-v6", {"pnpm"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/%40babel/core@7.22.5", "pkg:npm/react-dom@18.2.0",
                                           "pkg:npm/react@18.2.0"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:npm/%40babel/core@7.22.5",
                                                    "ROOT -> pkg:npm/react-dom@18.2.0",
                                                    "pkg:npm/react-dom@18.2.0 -> pkg:npm/react@18.2.0"));
}

TEST(PnpmLock, Version9ReadsGraphFromSnapshotsAndImporters) {
  auto out = ScanFixture("npm/pnpm-v9", {"pnpm"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:npm/%40vue/shared@3.4.21", "pkg:npm/vue-demi@0.14.7",
                                           "pkg:npm/vue@3.4.21"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:npm/%40vue/shared@3.4.21",
                                                    "ROOT -> pkg:npm/vue-demi@0.14.7",
                                                    "pkg:npm/vue-demi@0.14.7 -> pkg:npm/vue@3.4.21",
                                                    "pkg:npm/vue@3.4.21 -> pkg:npm/%40vue/shared@3.4.21"));
}

TEST(Walker, SkipsNodeModulesCoveredByALockfile) {
  auto out = ScanFixture("npm/covered");
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/hidden@9.9.9"), nullptr);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:npm/inner@1.0.0"), nullptr);
  EXPECT_NE(ByPurl(out.sbom, "pkg:npm/js-tokens@4.0.0"), nullptr);
}

TEST(NpmParsers, CorruptInputsFailWithAReasonInsteadOfCrashing) {
  CatalogOutput out;
  EXPECT_EQ(npm::ParsePackageLock("{\"packages\": {", out).code(), StatusCode::kParseError);
  EXPECT_EQ(npm::ParsePackageLock("[1,2]", out).code(), StatusCode::kParseError);
  Status pnpm = npm::ParsePnpmLock("lockfileVersion: 6\npackages: [\n", out);
  EXPECT_EQ(pnpm.code(), StatusCode::kParseError);
  EXPECT_NE(pnpm.message().find("line"), std::string::npos) << pnpm.message();
  std::string deep = "lockfileVersion: 6\npackages: " + std::string(100000, '[');
  EXPECT_EQ(npm::ParsePnpmLock(deep, out).code(), StatusCode::kTooLarge);
  EXPECT_EQ(npm::ParseYarnLock("__metadata:\n  version: 6\n\"a@npm:1\": [", out).code(), StatusCode::kParseError);
  EXPECT_EQ(npm::ParsePnpmLock("packages: {}\n", out).code(), StatusCode::kParseError);
}

}  // namespace
}  // namespace sbomhub::generate
