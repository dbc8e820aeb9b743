#include "diff/diff.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "base/file.h"
#include "formats/registry.h"
#include "support/test_support.h"

namespace sbomhub::diff {
namespace {

ComponentView View(std::string name, std::string version, std::string purl = "") {
  ComponentView v;
  v.name = std::move(name);
  v.version = std::move(version);
  v.purl = std::move(purl);
  return v;
}

model::Sbom Load(const std::string& fixture) {
  auto decoded = formats::DecodeSbomFile(testing::Fixture("diff", fixture), 1 << 20);
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  if (!decoded.ok()) return {};
  EXPECT_FALSE(decoded->diagnostics.HasErrors()) << fixture;
  return decoded->sbom;
}

std::vector<std::string> Lines(const DiffResult& d) {
  std::vector<std::string> out;
  for (const auto& c : d.changes) {
    out.push_back(std::string(ChangeKindName(c.kind)) + " " + c.identity + " " + c.from + " -> " +
                  c.to + (c.possible_tampering ? " !" : ""));
  }
  return out;
}

TEST(DiffIdentity, PurlWithoutVersionElseGroupAndName) {
  EXPECT_EQ(PurlIdentity("pkg:maven/org.apache/log4j-core@2.14.1?type=jar#x"),
            "pkg:maven/org.apache/log4j-core");
  EXPECT_EQ(PurlIdentity("pkg:npm/%40babel/core@7.0.0"), "pkg:npm/@babel/core");
  EXPECT_EQ(PurlIdentity(""), "");
  EXPECT_EQ(PurlIdentity("not a purl"), "");
  EXPECT_EQ(NameIdentity("Org.Apache", "Log4J"), "org.apache/log4j");
  EXPECT_EQ(NameIdentity("", "zlib"), "zlib");
}

TEST(Diff, IdenticalInputsDiffClean) {
  std::vector<ComponentView> a = {View("a", "1", "pkg:npm/a@1"), View("b", "2")};
  auto d = Diff(a, a);
  EXPECT_TRUE(d.empty());
  EXPECT_EQ(d.summary.unchanged, 2u);
  EXPECT_FALSE(d.possible_tampering);
}

TEST(Diff, AddedRemovedAndVersionChanged) {
  std::vector<ComponentView> a = {View("a", "1", "pkg:npm/a@1"), View("gone", "1")};
  std::vector<ComponentView> b = {View("a", "2", "pkg:npm/a@2"), View("new", "3")};
  auto d = Diff(a, b);
  EXPECT_EQ(Lines(d), (std::vector<std::string>{"removed gone 1 -> ", "added new  -> 3",
                                                "version_changed pkg:npm/a 1 -> 2"}));
  EXPECT_EQ(d.summary.added, 1u);
  EXPECT_EQ(d.summary.removed, 1u);
  EXPECT_EQ(d.summary.version_changed, 1u);
  EXPECT_EQ(d.summary.unchanged, 0u);
}

TEST(Diff, HashChangeAtSameVersionIsPossibleTampering) {
  ComponentView a = View("lib", "1.0", "pkg:npm/lib@1.0");
  a.hashes = {{"SHA-256", "AAAA"}, {"SHA-1", "bbbb"}};
  ComponentView same_case = a;
  same_case.hashes = {{"SHA-256", "aaaa"}};  // hex case and a missing algorithm are no change
  EXPECT_TRUE(Diff({a}, {same_case}).empty());
  ComponentView other = a;
  other.hashes = {{"SHA-256", "cccc"}, {"MD5", "dd"}};
  auto d = Diff({a}, {other});
  EXPECT_EQ(Lines(d),
            (std::vector<std::string>{"hash_changed pkg:npm/lib SHA-256:AAAA -> SHA-256:cccc !"}));
  EXPECT_TRUE(d.possible_tampering);
  // A new version with new bytes is an upgrade, not tampering.
  other.version = "1.1";
  auto upgraded = Diff({a}, {other});
  EXPECT_EQ(Lines(upgraded),
            (std::vector<std::string>{"version_changed pkg:npm/lib 1.0 -> 1.1"}));
  EXPECT_FALSE(upgraded.possible_tampering);
}

TEST(Diff, SupplierAndLicenseOnlyWhenBothSidesSayOne) {
  ComponentView a = View("lib", "1", "pkg:pypi/lib@1");
  a.supplier = "ACME";
  a.licenses = {"MIT", "Apache-2.0"};
  ComponentView b = a;
  b.supplier = "acme ";
  b.licenses = {"apache-2.0", "MIT", "MIT"};
  EXPECT_TRUE(Diff({a}, {b}).empty());
  b.supplier = "";
  b.licenses = {"NOASSERTION"};
  EXPECT_TRUE(Diff({a}, {b}).empty());
  b.supplier = "Evil Corp";
  b.licenses = {"GPL-3.0-only"};
  EXPECT_EQ(Lines(Diff({a}, {b})),
            (std::vector<std::string>{"supplier_changed pkg:pypi/lib ACME -> Evil Corp",
                                      "license_changed pkg:pypi/lib MIT AND Apache-2.0 -> "
                                      "GPL-3.0-only"}));
}

TEST(Diff, SeveralComponentsOfOneIdentityPairByVersion) {
  std::vector<ComponentView> a = {View("lodash", "4.17.20", "pkg:npm/lodash@4.17.20"),
                                  View("lodash", "3.10.1", "pkg:npm/lodash@3.10.1"),
                                  View("lodash", "2.0.0", "pkg:npm/lodash@2.0.0")};
  std::vector<ComponentView> b = {View("lodash", "3.10.1", "pkg:npm/lodash@3.10.1"),
                                  View("lodash", "4.17.21", "pkg:npm/lodash@4.17.21")};
  auto d = Diff(a, b);
  // 3.10.1 pairs with itself; 2.0.0 and 4.17.20 remain, the older pairs with 4.17.21.
  EXPECT_EQ(Lines(d), (std::vector<std::string>{"removed pkg:npm/lodash 4.17.20 -> ",
                                                "version_changed pkg:npm/lodash 2.0.0 -> 4.17.21"}));
  EXPECT_EQ(d.summary.unchanged, 1u);
}

TEST(Diff, PurlOnOneSideOnlyFallsBackToName) {
  std::vector<ComponentView> a = {View("zlib", "1.3", "pkg:generic/zlib@1.3")};
  std::vector<ComponentView> b = {View("ZLIB", "1.3")};
  EXPECT_TRUE(Diff(a, b).empty());
}

TEST(Diff, OrderIsDeterministic) {
  std::vector<ComponentView> a, b;
  for (int i = 0; i < 200; ++i) {
    a.push_back(View("p" + std::to_string(i), "1", "pkg:npm/p" + std::to_string(i) + "@1"));
    b.push_back(View("p" + std::to_string(199 - i), "2", "pkg:npm/p" + std::to_string(199 - i) + "@2"));
  }
  auto d1 = Diff(a, b);
  std::reverse(a.begin(), a.end());
  auto d2 = Diff(a, b);
  EXPECT_EQ(d1.changes, d2.changes);
  EXPECT_EQ(d1.summary.version_changed, 200u);
  EXPECT_EQ(RenderJson(d1, "a", "b"), RenderJson(d2, "a", "b"));
}

TEST(DiffFixtures, CycloneDxAndSpdxOfOneProductDiffClean) {
  auto cdx = Load("shop-1.0.cdx.json");
  auto spdx = Load("shop-1.0.spdx.json");
  ASSERT_EQ(ViewsOf(cdx).size(), 4u);
  ASSERT_EQ(ViewsOf(spdx).size(), 4u);
  auto d = DiffSboms(cdx, spdx);
  EXPECT_TRUE(d.empty()) << RenderText(d, "cdx", "spdx");
  EXPECT_EQ(d.summary.unchanged, 4u);
  EXPECT_TRUE(DiffSboms(spdx, cdx).empty());
}

TEST(DiffFixtures, EveryKindOfChangeBetweenReleases) {
  auto d = DiffSboms(Load("shop-1.0.cdx.json"), Load("shop-1.1.cdx.json"));
  EXPECT_EQ(Lines(d),
            (std::vector<std::string>{
                "hash_changed pkg:maven/com.fasterxml.jackson.core/jackson-databind SHA-256:" +
                    std::string(64, '2') + " -> SHA-256:" + std::string(64, '5') + " !",
                "supplier_changed pkg:maven/com.fasterxml.jackson.core/jackson-databind Jackson "
                "Project -> FasterXML",
                "added pkg:maven/com.google.guava/guava  -> 32.1.2-jre",
                "removed pkg:maven/org.apache.commons/commons-text 1.9 -> ",
                "version_changed pkg:maven/org.apache.logging.log4j/log4j-core 2.14.1 -> 2.17.1",
                "license_changed zlib Zlib -> MIT"}));
  EXPECT_TRUE(d.possible_tampering);
  EXPECT_EQ(d.summary.unchanged, 0u);

  std::string json = RenderJson(d, "shop@1.0", "shop@1.1");
  EXPECT_NE(json.find("\"possible_tampering\": true"), std::string::npos) << json;
  EXPECT_NE(json.find("\"kind\": \"hash_changed\""), std::string::npos);
  EXPECT_NE(json.find("\"hash_changed\": 1"), std::string::npos);
  std::string text = RenderText(d, "shop@1.0", "shop@1.1");
  EXPECT_NE(text.find("! hash_changed"), std::string::npos) << text;
  EXPECT_NE(text.find("1 added, 1 removed, 1 version changed, 1 hash changed, 1 supplier changed, "
                      "1 license changed, 0 unchanged"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("possible tampering"), std::string::npos);
}

}  // namespace
}  // namespace sbomhub::diff
