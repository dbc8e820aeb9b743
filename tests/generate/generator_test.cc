#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "generate/generator.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using testutil::Purls;

class TempTree : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/sbomhub-gen-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    root_ = tmpl;
  }
  void TearDown() override {
    std::error_code ec;
    fs::remove_all(root_, ec);
  }
  void Write(const std::string& rel, const std::string& text) {
    fs::create_directories((root_ / rel).parent_path());
    std::ofstream(root_ / rel) << text;
  }
  fs::path root_;
};

constexpr char kLock[] = R"({"lockfileVersion": 3, "packages": {"": {"dependencies": {"a": "1"}},
  "node_modules/a": {"version": "1.0.0"}}})";

TEST_F(TempTree, DuplicatesMergeIntoOneComponentListingEverySourceFile) {
  Write("x/package-lock.json", kLock);
  Write("y/package-lock.json", kLock);
  GenerateOptions options;
  options.reproducible = true;
  auto out = Generate(root_, options);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->sbom.components.size(), 1u);
  std::vector<std::string> files;
  for (const auto& p : out->sbom.components[0].properties) {
    if (p.name == "sbomhub:source-file") files.push_back(p.value);
  }
  EXPECT_THAT(files, ElementsAre("x/package-lock.json", "y/package-lock.json"));
}

TEST_F(TempTree, ReproducibleRunsAreIdenticalAndCarryNoTimestamp) {
  Write("b/package-lock.json", kLock);
  Write("a/requirements.txt", "six==1.16.0\n");
  GenerateOptions options;
  options.reproducible = true;
  ::unsetenv("SOURCE_DATE_EPOCH");
  auto first = Generate(root_, options);
  auto second = Generate(root_, options);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_EQ(first->sbom, second->sbom);
  EXPECT_TRUE(first->sbom.timestamp.empty());
  EXPECT_EQ(first->sbom.serial_number.rfind("urn:uuid:", 0), 0u);
  EXPECT_THAT(Purls(first->sbom), ElementsAre("pkg:npm/a@1.0.0", "pkg:pypi/six@1.16.0"));
}

TEST_F(TempTree, SourceDateEpochSetsTheReproducibleTimestamp) {
  Write("requirements.txt", "six==1.16.0\n");
  ::setenv("SOURCE_DATE_EPOCH", "1700000000", 1);
  GenerateOptions options;
  options.reproducible = true;
  auto out = Generate(root_, options);
  ::unsetenv("SOURCE_DATE_EPOCH");
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->sbom.timestamp, "2023-11-14T22:13:20Z");
}

TEST_F(TempTree, NonReproducibleRunsHaveTimestampAndRandomSerial) {
  Write("requirements.txt", "six==1.16.0\n");
  auto a = Generate(root_, {});
  auto b = Generate(root_, {});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_FALSE(a->sbom.timestamp.empty());
  EXPECT_NE(a->sbom.serial_number, b->sbom.serial_number);
}

TEST_F(TempTree, SymlinksAndFifosAreNeverFollowedOrOpened) {
  fs::path outside = root_.string() + "-outside";
  fs::create_directories(outside);
  std::ofstream(outside / "requirements.txt") << "evil==6.6.6\n";
  fs::create_directory_symlink(outside, root_ / "link-dir");
  fs::create_symlink(outside / "requirements.txt", root_ / "requirements.txt");
  fs::create_directories(root_ / "pipe");
  ASSERT_EQ(::mkfifo((root_ / "pipe" / "requirements.txt").c_str(), 0600), 0);
  auto out = Generate(root_, {});
  fs::remove_all(outside);
  ASSERT_TRUE(out.ok());
  EXPECT_TRUE(out->sbom.components.empty());
}

TEST_F(TempTree, GitDirectoriesAreSkipped) {
  Write(".git/requirements.txt", "hidden==1.0\n");
  Write("requirements.txt", "shown==1.0\n");
  auto out = Generate(root_, {});
  ASSERT_TRUE(out.ok());
  EXPECT_THAT(Purls(out->sbom), ElementsAre("pkg:pypi/shown@1.0"));
}

TEST_F(TempTree, PrimaryComponentFromOptionsOrDirectoryName) {
  Write("requirements.txt", "six==1.16.0\n");
  auto by_dir = Generate(root_, {});
  ASSERT_TRUE(by_dir.ok());
  EXPECT_EQ(by_dir->sbom.primary->name, root_.filename().string());
  GenerateOptions options;
  options.name = "shop";
  options.version = "2.1";
  options.supplier = "ACME";
  auto named = Generate(root_, options);
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->sbom.primary->name, "shop");
  EXPECT_EQ(named->sbom.primary->version, "2.1");
  EXPECT_EQ(named->sbom.primary->supplier->name, "ACME");
  EXPECT_EQ(named->sbom.spec_version, "1.6");
  ASSERT_EQ(named->sbom.tools.size(), 1u);
  EXPECT_EQ(named->sbom.tools[0].name, "sbomhub");
  // Direct dependency edge from the primary component.
  ASSERT_EQ(named->sbom.dependencies.size(), 1u);
  EXPECT_EQ(named->sbom.dependencies[0].from, named->sbom.primary->bom_ref);
}

TEST_F(TempTree, OversizedFilesAreSkippedWithAWarning) {
  Write("requirements.txt", std::string(2000, '#'));
  GenerateOptions options;
  options.max_file_bytes = 1000;
  auto out = Generate(root_, options);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->diagnostics.items().size(), 1u);
  EXPECT_EQ(out->diagnostics.items()[0].rule, "generate.file.too-large");
  EXPECT_EQ(out->diagnostics.items()[0].file, "requirements.txt");
}

TEST(Generator, UnknownCatalogerIsAnInvalidArgumentListingValidNames) {
  GenerateOptions options;
  options.catalogers = {"nope"};
  auto out = Generate("/tmp", options);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(out.status().message().find("dpkg"), std::string::npos);
}

TEST(Generator, MissingRootIsAnError) {
  auto out = Generate("/nonexistent/sbomhub", {});
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), StatusCode::kIoError);
}

TEST(Generator, NtiaReportNamesMissingElements) {
  model::Sbom sbom;
  model::Component c;
  c.name = "x";
  sbom.components.push_back(c);
  auto missing = MissingNtiaElements(sbom);
  EXPECT_THAT(missing, ::testing::Contains(::testing::HasSubstr("supplier name: missing for 1 of 1")));
  EXPECT_THAT(missing, ::testing::Contains(::testing::HasSubstr("version of the component")));
  EXPECT_THAT(missing, ::testing::Contains(::testing::HasSubstr("author of SBOM data")));
  EXPECT_THAT(missing, ::testing::Contains(::testing::HasSubstr("timestamp")));
}

TEST(OsRelease, ParsesQuotedValues) {
  Environment env = ParseOsRelease("NAME=\"Ubuntu\"\nID=ubuntu\nVERSION_ID=\"22.04\"\n# c\n");
  EXPECT_EQ(env.os_id, "ubuntu");
  EXPECT_EQ(env.os_version_id, "22.04");
}

}  // namespace
}  // namespace sbomhub::generate
