// `sbomhub diff` and `sbomhub project …` driven as a script would: exit codes and outputs, on a
// fresh data directory (portfolio.db + vuln.db built from tests/app/testdata/feeds).
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_support.h"

namespace sbomhub {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string out;
  std::string err;
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class PortfolioCli : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = std::filesystem::temp_directory_path() /
           ("sbomhub-portfolio-cli-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(tmp_ / "data");
  }
  void TearDown() override { std::filesystem::remove_all(tmp_); }

  CliRun Sbomhub(const std::string& args) {
    std::string out = (tmp_ / "stdout").string(), err = (tmp_ / "stderr").string();
    std::string cmd = testing::BuildDir() + "/sbomhub --data " + (tmp_ / "data").string() + " " +
                      args + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    CliRun r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }
  static std::string Diff(const std::string& name) { return testing::Fixture("diff", name); }
  static std::string App(const std::string& name) { return testing::Fixture("app", name); }
  std::string Temp(const std::string& name) { return (tmp_ / name).string(); }

  std::filesystem::path tmp_;
};

TEST_F(PortfolioCli, DiffFilesExitsOneOnPossibleTampering) {
  CliRun clean = Sbomhub("diff " + Diff("shop-1.0.cdx.json") + " " + Diff("shop-1.0.spdx.json"));
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("0 added, 0 removed"), std::string::npos) << clean.out;

  CliRun changed = Sbomhub("diff " + Diff("shop-1.0.cdx.json") + " " + Diff("shop-1.1.cdx.json"));
  EXPECT_EQ(changed.exit_code, 1) << changed.out << changed.err;
  EXPECT_NE(changed.out.find("! hash_changed"), std::string::npos) << changed.out;
  EXPECT_NE(changed.out.find("version_changed"), std::string::npos);

  CliRun json = Sbomhub("diff --json " + Diff("shop-1.0.cdx.json") + " " + Diff("shop-1.1.cdx.json"));
  EXPECT_EQ(json.exit_code, 1);
  EXPECT_NE(json.out.find("\"possible_tampering\": true"), std::string::npos) << json.out;

  CliRun missing = Sbomhub("diff " + Diff("shop-1.0.cdx.json") + " " + Temp("nope.json"));
  EXPECT_EQ(missing.exit_code, 2) << missing.out << missing.err;
}

TEST_F(PortfolioCli, ProjectCommandsScriptTheWholeFlow) {
  ASSERT_EQ(Sbomhub("db import " + App("feeds")).exit_code, 0);
  ASSERT_EQ(Sbomhub("team add platform").exit_code, 0);
  CliRun created = Sbomhub("project create shop --team platform --criticality critical");
  ASSERT_EQ(created.exit_code, 0) << created.err;
  EXPECT_NE(created.out.find("shop"), std::string::npos);
  EXPECT_EQ(Sbomhub("project create shop --team platform").exit_code, 2);  // taken
  EXPECT_EQ(Sbomhub("project create x --team nobody").exit_code, 2);

  CliRun bad = Sbomhub("project upload shop 1.0 " + App("bad-type.cdx.json"));
  EXPECT_EQ(bad.exit_code, 1) << bad.out << bad.err;
  EXPECT_NE(bad.err.find("bad-type.cdx.json"), std::string::npos) << bad.err;

  CliRun up = Sbomhub("project upload shop 1.0 " + Diff("shop-1.0.cdx.json"));
  ASSERT_EQ(up.exit_code, 0) << up.out << up.err;
  EXPECT_NE(up.out.find("4 components"), std::string::npos) << up.out;
  EXPECT_NE(up.out.find("1 active findings"), std::string::npos) << up.out;
  ASSERT_EQ(Sbomhub("project upload shop 1.1 " + Diff("shop-1.1.cdx.json")).exit_code, 0);

  CliRun list = Sbomhub("project list");
  EXPECT_NE(list.out.find("shop\tcritical\t1.0,1.1"), std::string::npos) << list.out;

  CliRun findings = Sbomhub("project findings shop 1.0");
  ASSERT_EQ(findings.exit_code, 0) << findings.err;
  EXPECT_NE(findings.out.find("P1"), std::string::npos) << findings.out;
  EXPECT_NE(findings.out.find("CVE-2021-44228\tlog4j-core@2.14.1\tcritical\tin_triage"),
            std::string::npos)
      << findings.out;

  CliRun where = Sbomhub(
      "project where-used pkg:maven/org.apache.logging.log4j/log4j-core --range 'vers:maven/<2.15.0'");
  ASSERT_EQ(where.exit_code, 0) << where.err;
  EXPECT_NE(where.out.find("shop@1.0"), std::string::npos) << where.out;
  EXPECT_EQ(where.out.find("shop@1.1"), std::string::npos) << where.out;
  EXPECT_EQ(Sbomhub("project where-used --name 'log4j*'").out.find("shop@1.1") != std::string::npos,
            true);

  CliRun diff = Sbomhub("diff shop@1.0 shop@1.1");
  EXPECT_EQ(diff.exit_code, 1) << diff.out << diff.err;
  EXPECT_NE(diff.out.find("! hash_changed"), std::string::npos) << diff.out;

  CliRun vex = Sbomhub("project vex-export shop 1.0 --format openvex -o " + Temp("shop.openvex.json"));
  ASSERT_EQ(vex.exit_code, 0) << vex.err;
  EXPECT_NE(Slurp(Temp("shop.openvex.json")).find("CVE-2021-44228"), std::string::npos);

  ASSERT_EQ(Sbomhub("project create mirror --team platform").exit_code, 0);
  ASSERT_EQ(Sbomhub("project upload mirror 1.0 " + Diff("shop-1.0.spdx.json")).exit_code, 0);
  CliRun imported = Sbomhub("project vex-import mirror " + Temp("shop.openvex.json"));
  EXPECT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  EXPECT_NE(imported.out.find("applied\tCVE-2021-44228\tpkg:maven/org.apache.logging.log4j/log4j-core"),
            std::string::npos)
      << imported.out;
  CliRun unmatched = Sbomhub("project vex-import shop " + App("unmatched.openvex.json"));
  EXPECT_EQ(unmatched.exit_code, 1) << unmatched.out << unmatched.err;
  EXPECT_NE(unmatched.out.find("unmatched\tstatement 0\tCVE-2099-0001"), std::string::npos)
      << unmatched.out;
}

}  // namespace
}  // namespace sbomhub
