#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>

#include "generate/python/python_catalogers.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;
using testutil::ByPurl;
using testutil::Edges;
using testutil::Purls;
using testutil::ScanFixture;

TEST(PoetryLock, CatalogsPackagesWithNormalizedNamesCategoriesAndEdges) {
  auto out = ScanFixture("python/poetry", {"poetry"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:pypi/certifi@2023.7.22", "pkg:pypi/pytest@7.4.0",
                                           "pkg:pypi/requests@2.31.0"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/pytest@7.4.0")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/requests@2.31.0")->name, "Requests");
  // One artifact: its hash is the package hash. Two wheels/sdists: properties, no hash.
  const auto* requests = ByPurl(out.sbom, "pkg:pypi/requests@2.31.0");
  ASSERT_EQ(requests->hashes.size(), 1u);
  EXPECT_EQ(requests->hashes[0].value, "942c5a758f98d790eaed1a29cb6eefc7ffb0d1cf7af05c3d2791656dbd6ad1e1");
  EXPECT_TRUE(ByPurl(out.sbom, "pkg:pypi/certifi@2023.7.22")->hashes.empty());
  // charset-normalizer is not in the lockfile: no dangling edge.
  EXPECT_THAT(Edges(out.sbom), ElementsAre("pkg:pypi/requests@2.31.0 -> pkg:pypi/certifi@2023.7.22"));
}

// Found by the cdxgen cross-check (docs/generate-crosscheck.md): Poetry 1.5+ locks have no
// `category`, so pytest and what only it needs came out as required run-time dependencies.
TEST(PoetryLock, Lock2DevGroupFromPyprojectIsExcludedAndMainDependenciesAreDirect) {
  const char* lock =
      "[[package]]\nname = \"Flask\"\nversion = \"3.1.3\"\noptional = false\nfiles = []\n\n"
      "[package.dependencies]\nMarkupSafe = \">=2.1.1\"\n\n"
      "[[package]]\nname = \"markupsafe\"\nversion = \"3.0.3\"\noptional = false\nfiles = []\n\n"
      "[[package]]\nname = \"pytest\"\nversion = \"8.3.3\"\noptional = false\nfiles = []\n\n"
      "[package.dependencies]\niniconfig = \"*\"\nmarkupsafe = \"*\"\n\n"
      "[[package]]\nname = \"iniconfig\"\nversion = \"2.0.0\"\noptional = false\nfiles = []\n\n"
      "[metadata]\nlock-version = \"2.0\"\npython-versions = \"^3.11\"\n";
  const char* pyproject =
      "[tool.poetry]\nname = \"app\"\nversion = \"1.0.0\"\n\n[tool.poetry.dependencies]\npython = \"^3.11\"\n"
      "flask = \"^3.1\"\n\n[tool.poetry.group.dev.dependencies]\npytest = \"^8.3\"\n";
  CatalogOutput out;
  ASSERT_TRUE(python::ParsePoetryLock(lock, out, pyproject).ok());
  std::map<std::string, model::Scope> scope;
  for (const auto& c : out.components) scope[c.purl] = c.scope;
  EXPECT_EQ(scope["pkg:pypi/pytest@8.3.3"], model::Scope::kExcluded);
  EXPECT_EQ(scope["pkg:pypi/iniconfig@2.0.0"], model::Scope::kExcluded);
  EXPECT_NE(scope["pkg:pypi/markupsafe@3.0.3"], model::Scope::kExcluded);  // also needed by flask
  EXPECT_NE(scope["pkg:pypi/flask@3.1.3"], model::Scope::kExcluded);
  std::vector<std::string> direct;
  for (const auto& e : out.edges) {
    if (e.from.empty()) direct.push_back(e.to);
  }
  EXPECT_THAT(direct, ElementsAre("pkg:pypi/flask@3.1.3"));

  CatalogOutput without;  // no pyproject.toml: no direct edges, nothing excluded
  ASSERT_TRUE(python::ParsePoetryLock(lock, without).ok());
  for (const auto& c : without.components) EXPECT_NE(c.scope, model::Scope::kExcluded) << c.purl;
}

TEST(PipfileLock, DefaultIsRequiredDevelopIsExcludedAndVcsEntriesAreReported) {
  auto out = ScanFixture("python/pipenv", {"pipenv"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:pypi/black@23.9.1", "pkg:pypi/flask@3.0.0"));
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/black@23.9.1")->scope, model::Scope::kExcluded);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/flask@3.0.0")->scope, model::Scope::kRequired);
  EXPECT_EQ(ByPurl(out.sbom, "pkg:pypi/flask@3.0.0")->hashes.size(), 1u);
  bool reported = false;
  for (const auto& d : out.diagnostics.items()) reported = reported || d.rule == "generate.pipenv.unpinned";
  EXPECT_TRUE(reported);
}

TEST(UvLock, ProjectEntryGivesDirectEdgesAndSdistHash) {
  auto out = ScanFixture("python/uv", {"uv"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:pypi/anyio@4.4.0", "pkg:pypi/idna@3.7", "pkg:pypi/sniffio@1.3.1"));
  EXPECT_THAT(Edges(out.sbom), UnorderedElementsAre("ROOT -> pkg:pypi/anyio@4.4.0", "ROOT -> pkg:pypi/sniffio@1.3.1",
                                                    "pkg:pypi/anyio@4.4.0 -> pkg:pypi/idna@3.7",
                                                    "pkg:pypi/anyio@4.4.0 -> pkg:pypi/sniffio@1.3.1"));
  const auto* anyio = ByPurl(out.sbom, "pkg:pypi/anyio@4.4.0");
  ASSERT_EQ(anyio->hashes.size(), 1u);
  EXPECT_EQ(anyio->hashes[0].value, "5aadc6a1bbb7cdb0bede386cac5e2940f5e2ff3aa20277e991cf028e0585ce94");
}

TEST(Requirements, OnlyPinnedLinesWithContinuationsExtrasAndMarkers) {
  auto out = ScanFixture("python/requirements", {"requirements"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:pypi/django@4.2.7", "pkg:pypi/zope-interface@6.1"));
  const auto* django = ByPurl(out.sbom, "pkg:pypi/django@4.2.7");
  ASSERT_EQ(django->hashes.size(), 1u);
  EXPECT_EQ(django->hashes[0].value, "8e0f1c2c2786b5c0e39fe1afce24c926040fad47c8ea8ad30aaf1188df29fc41");
  EXPECT_THAT(Edges(out.sbom), ElementsAre("ROOT -> pkg:pypi/django@4.2.7", "ROOT -> pkg:pypi/zope-interface@6.1"));
  std::size_t unpinned_line = 0;
  for (const auto& d : out.diagnostics.items()) {
    if (d.rule == "generate.requirements.unpinned") unpinned_line = d.line;
  }
  EXPECT_EQ(unpinned_line, 5u);
}

TEST(InstalledPython, MetadataGivesLicenseAuthorAndEdgesToInstalledNeighbours) {
  auto out = ScanFixture("python/site", {"python-installed"});
  EXPECT_THAT(Purls(out.sbom), ElementsAre("pkg:pypi/idna@3.6", "pkg:pypi/requests@2.31.0"));
  const auto* requests = ByPurl(out.sbom, "pkg:pypi/requests@2.31.0");
  EXPECT_EQ(requests->author, "Kenneth Reitz");
  ASSERT_EQ(requests->licenses.size(), 1u);
  EXPECT_EQ(requests->licenses[0].value, "Apache 2.0");
  EXPECT_EQ(requests->licenses[0].kind, model::License::Kind::kName);
  const auto* idna = ByPurl(out.sbom, "pkg:pypi/idna@3.6");
  ASSERT_EQ(idna->licenses.size(), 1u);
  EXPECT_EQ(idna->licenses[0].kind, model::License::Kind::kSpdxId);
  EXPECT_EQ(idna->author, "Kim Davies <kim+pypi@gumleaf.org>");
  // charset-normalizer is not installed and PySocks is only an extra: one edge.
  EXPECT_THAT(Edges(out.sbom), ElementsAre("pkg:pypi/requests@2.31.0 -> pkg:pypi/idna@3.6"));
}

TEST(PythonParsers, CorruptInputsFailWithPosition) {
  CatalogOutput out;
  Status s = python::ParsePoetryLock("[[package]]\nname = \"x\nversion = \"1\"\n", out);
  EXPECT_EQ(s.code(), StatusCode::kParseError);
  EXPECT_NE(s.message().find("line 2"), std::string::npos) << s.message();
  EXPECT_EQ(python::ParsePipfileLock("{\"default\": 3", out).code(), StatusCode::kParseError);
  EXPECT_EQ(python::ParsePythonMetadata("not a header\n", out).code(), StatusCode::kParseError);
  std::string dotted = "x";
  for (int i = 0; i < 100000; ++i) dotted += ".x";
  EXPECT_EQ(python::ParseUvLock(dotted + " = 1\n", out).code(), StatusCode::kParseError);
  EXPECT_EQ(python::ParseUvLock("[" + dotted + "]\n", out).code(), StatusCode::kParseError);
  EXPECT_EQ(python::ParseUvLock("version = [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]", out).code(),
            StatusCode::kParseError);
}

}  // namespace
}  // namespace sbomhub::generate
