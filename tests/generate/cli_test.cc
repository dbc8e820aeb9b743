#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>

#include "base/file.h"
#include "cli/generate_command.h"
#include "formats/registry.h"
#include "support/test_support.h"
#include "test_util.h"

namespace sbomhub::cli {
namespace {

std::string RunGenerate(std::vector<std::string> args, int* exit_code) {
  std::string out = testing::BuildDir() + "/generate-cli-" + std::to_string(::getpid()) + ".out";
  CLI::App app;
  Context ctx;
  RegisterGenerateCommand(app, ctx);
  args.insert(args.begin(), "generate");
  args.push_back("-o");
  args.push_back(out);
  args.push_back("-q");
  std::vector<std::string> reversed(args.rbegin(), args.rend());
  app.parse(reversed);
  *exit_code = ctx.exit_code;
  auto bytes = ReadFile(out);
  std::filesystem::remove(out);
  return bytes.ok() ? *bytes : std::string();
}

TEST(GenerateCommand, WritesDecodableCycloneDxWithEveryComponent) {
  int rc = -1;
  std::string bytes = RunGenerate({testing::Fixture("generate", "npm/lock-v3"), "--reproducible", "--name", "demo"}, &rc);
  ASSERT_EQ(rc, 0);
  auto decoded = formats::DecodeSbom(PaddedCopy(bytes), {"out.json"});
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(decoded->sbom.components.size(), 6u);
  EXPECT_EQ(decoded->sbom.primary->name, "demo");
}

TEST(GenerateCommand, ReproducibleOutputIsByteIdentical) {
  int rc1 = -1, rc2 = -1;
  std::vector<std::string> args = {testing::Fixture("generate", "dpkg/rootfs"), "--reproducible"};
  std::string a = RunGenerate(args, &rc1);
  std::string b = RunGenerate(args, &rc2);
  ASSERT_EQ(rc1, 0);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
}

TEST(GenerateCommand, SpdxTargetsEncode) {
  for (const char* to : {"spdx-json", "spdx-tv", "cyclonedx-xml"}) {
    int rc = -1;
    std::string bytes = RunGenerate({testing::Fixture("generate", "cargo/lock"), "--to", to, "--reproducible"}, &rc);
    EXPECT_EQ(rc, 0) << to;
    EXPECT_NE(bytes.find("itoa"), std::string::npos) << to;
  }
}

TEST(GenerateCommand, ImageTarballsAreUnpackedAndCataloged) {
  int rc = -1;
  std::string bytes = RunGenerate({generate::testutil::BuiltFixture("image/docker-save.tar"), "--reproducible"}, &rc);
  ASSERT_EQ(rc, 0);
  EXPECT_NE(bytes.find("pkg:pypi/flask@3.0.0"), std::string::npos);
  EXPECT_NE(bytes.find("sbomhub:layer"), std::string::npos);
}

TEST(GenerateCommand, MissingDirectoryFailsWithExitCode2) {
  int rc = -1;
  RunGenerate({"/nonexistent/dir"}, &rc);
  EXPECT_EQ(rc, 2);
}

}  // namespace
}  // namespace sbomhub::cli
