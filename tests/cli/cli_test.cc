// Drives build/sbomhub as a user would and pins exit codes (0 ok, 1 bad input, 2 usage/I/O) and
// the JSON shapes scripts rely on.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "support/test_support.h"

namespace sbomhub {
namespace {

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    tmp_ = std::filesystem::temp_directory_path() /
           ("sbomhub-cli-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(tmp_);
  }
  void TearDown() override { std::filesystem::remove_all(tmp_); }

  CommandResult Sbomhub(const std::string& args) {
    std::string out = (tmp_ / "stdout").string(), err = (tmp_ / "stderr").string();
    std::string cmd = testing::BuildDir() + "/sbomhub " + args + " >" + out + " 2>" + err;
    int status = std::system(cmd.c_str());
    CommandResult r;
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = Slurp(out);
    r.err = Slurp(err);
    return r;
  }

  std::string Fixture(const std::string& name) { return testing::Fixture("cli", name); }
  std::string Temp(const std::string& name) { return (tmp_ / name).string(); }

  std::filesystem::path tmp_;
};

TEST_F(CliTest, ValidateExitsZeroForValidFile) {
  CommandResult r = Sbomhub("validate " + Fixture("small.cdx.json"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("valid CycloneDX 1.6"), std::string::npos) << r.out;
}

TEST_F(CliTest, ValidateExitsOneForSpecViolationAndNamesTheRule) {
  CommandResult r = Sbomhub("validate --json " + Fixture("bad-type.cdx.json"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_FALSE(j["valid"].get<bool>());
  const auto& d = j["files"][0]["diagnostics"][0];
  EXPECT_EQ(d["severity"], "error");
  EXPECT_FALSE(d["rule"].get<std::string>().empty());
  EXPECT_EQ(d["pointer"], "/components/0/type");
}

TEST_F(CliTest, ValidateReportsLineAndColumnOfTruncatedJson) {
  CommandResult r = Sbomhub("validate --json " + Fixture("truncated.cdx.json"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  auto j = nlohmann::json::parse(r.out);
  const auto& d = j["files"][0]["diagnostics"][0];
  EXPECT_GT(d["line"].get<int>(), 1);
  EXPECT_GT(d["column"].get<int>(), 0);
}

TEST_F(CliTest, ValidateExitsTwoForMissingFileEvenBesideValidOnes) {
  CommandResult r = Sbomhub("validate " + Fixture("small.cdx.json") + " " + Temp("does-not-exist.json"));
  EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
}

TEST_F(CliTest, UsageErrorExitsTwo) {
  EXPECT_EQ(Sbomhub("validate").exit_code, 2);
  EXPECT_EQ(Sbomhub("no-such-command").exit_code, 2);
  EXPECT_EQ(Sbomhub("convert " + Fixture("small.cdx.json") + " --to word").exit_code, 2);
}

TEST_F(CliTest, EveryCommandHasHelp) {
  for (const char* cmd : {"", "validate", "inspect", "convert"}) {
    CommandResult r = Sbomhub(std::string(cmd) + " --help");
    EXPECT_EQ(r.exit_code, 0) << cmd;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << cmd << r.out;
  }
}

TEST_F(CliTest, InspectJsonHasTheDocumentedKeys) {
  CommandResult r = Sbomhub("inspect --json " + Fixture("small.cdx.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["format"], "CycloneDX");
  EXPECT_EQ(j["specVersion"], "1.6");
  EXPECT_EQ(j["componentCount"], 3);
  EXPECT_EQ(j["dependencyCount"], 3);
  EXPECT_EQ(j["ecosystems"]["generic"], 2);
  EXPECT_EQ(j["ecosystems"]["npm"], 1);
  EXPECT_EQ(j["licenses"]["MIT"], 1);
  EXPECT_EQ(j["licenses"]["Zlib"], 1);
  EXPECT_EQ(j["licenses"]["Apache-2.0"], 1);
}

TEST_F(CliTest, ConvertToEveryTargetProducesAValidDocument) {
  for (const char* to : {"spdx-json", "spdx-tv", "cyclonedx-xml", "cyclonedx-json"}) {
    std::string out = Temp(std::string("out-") + to);
    CommandResult c = Sbomhub("convert " + Fixture("small.cdx.json") + " --to " + to + " -o " + out);
    ASSERT_EQ(c.exit_code, 0) << to << c.err;
    CommandResult v = Sbomhub("inspect --json " + out);
    ASSERT_EQ(v.exit_code, 0) << to << v.err;
    auto j = nlohmann::json::parse(v.out);
    EXPECT_EQ(j["componentCount"], 3) << to;
    EXPECT_EQ(j["dependencyCount"], 3) << to;
    EXPECT_EQ(j["validationErrors"], 0) << to;
  }
}

TEST_F(CliTest, ConvertToOlderCycloneDxWarnsInsteadOfDroppingSilently) {
  CommandResult c = Sbomhub("convert " + Fixture("small.cdx.json") + " --to cyclonedx-json --spec-version 1.4");
  ASSERT_EQ(c.exit_code, 0) << c.err;
  // 1.6 metadata.authors[] with a name and the firmware type exist in 1.4; nothing is lost here,
  // but the SPDX round trip must name what it cannot carry.
  CommandResult s = Sbomhub("convert " + Fixture("small.cdx.json") + " --to spdx-json -o " + Temp("x.spdx.json"));
  ASSERT_EQ(s.exit_code, 0) << s.err;
  EXPECT_NE(s.err.find("warning"), std::string::npos) << s.err;
}

TEST_F(CliTest, HundredThousandNestedArraysIsAPositionedErrorNotACrash) {
  std::string path = Temp("deep.json");
  {
    std::ofstream f(path);
    f << R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"x":)";
    f << std::string(100000, '[') << std::string(100000, ']') << "}";
  }
  CommandResult r = Sbomhub("validate " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE((r.out + r.err).find("deep.json:1:"), std::string::npos) << r.out << r.err;
}

TEST_F(CliTest, HundredThousandNestedComponentsIsAnErrorNotACrash) {
  std::string path = Temp("deep-components.json");
  {
    std::ofstream f(path);
    f << R"({"bomFormat":"CycloneDX","specVersion":"1.6","version":1,"components":[)";
    for (int i = 0; i < 100000; ++i) f << R"({"type":"library","name":"n","components":[)";
    for (int i = 0; i < 100000; ++i) f << "]}";
    f << "]}";
  }
  CommandResult r = Sbomhub("validate " + path);
  EXPECT_EQ(r.exit_code, 1) << r.err;
}

TEST_F(CliTest, XmlWithDoctypeIsRefusedAndEntitiesNeverResolved) {
  CommandResult r = Sbomhub("inspect --json " + Fixture("xxe.cdx.xml"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_EQ(r.out.find("root:"), std::string::npos);
  EXPECT_NE(r.err.find("DOCTYPE"), std::string::npos) << r.err;
}

TEST_F(CliTest, InputOverSizeLimitIsRejectedWithTheLimit) {
  CommandResult r = Sbomhub("--max-input-size 100 validate " + Fixture("small.cdx.json"));
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE((r.out + r.err).find("100"), std::string::npos);
}

TEST_F(CliTest, InvalidUtf8IsReportedWithPosition) {
  std::string path = Temp("bad-utf8.json");
  {
    std::ofstream f(path, std::ios::binary);
    f << "{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\n\"components\":[{\"type\":\"library\",\"name\":\"\xC3\x28\"}]}";
  }
  CommandResult r = Sbomhub("validate " + path);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE((r.out + r.err).find("bad-utf8.json:2:"), std::string::npos) << r.out << r.err;
}

}  // namespace
}  // namespace sbomhub

namespace sbomhub {
namespace {

class CliVulnTest : public CliTest {
 protected:
  std::string Data() { return "--data " + Temp("data") + " "; }
  void Import() {
    CommandResult r = Sbomhub(Data() + "db import " + testing::Fixture("match", "osv"));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
  }
};

TEST_F(CliVulnTest, ImportThenStatusCountsRecordsPerSource) {
  Import();
  CommandResult s = Sbomhub(Data() + "db status --json");
  ASSERT_EQ(s.exit_code, 0) << s.err;
  auto j = nlohmann::json::parse(s.out);
  ASSERT_EQ(j["sources"].size(), 1u);
  EXPECT_EQ(j["sources"][0]["source"], "osv");
  EXPECT_EQ(j["sources"][0]["records"], 5);
  EXPECT_EQ(j["sources"][0]["withdrawn"], 1);
}

TEST_F(CliVulnTest, ScanJsonHasTheDocumentedShape) {
  Import();
  CommandResult r = Sbomhub(Data() + "scan --format json " + Fixture("django.cdx.json"));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["findings"].size(), 2u) << r.out;
  for (const auto& f : j["findings"]) {
    for (const char* k : {"name", "version", "purl", "bomRef"}) EXPECT_TRUE(f["component"].contains(k)) << k;
    for (const char* k : {"id", "aliases", "severity", "cvss", "epss", "kev"}) EXPECT_TRUE(f["vulnerability"].contains(k)) << k;
    for (const char* k : {"matcher", "searchedBy", "confidence", "needsVerification"}) EXPECT_TRUE(f["match"].contains(k)) << k;
    EXPECT_TRUE(f["fixedVersions"].is_array());
  }
  EXPECT_EQ(j["findings"][0]["vulnerability"]["id"], "CVE-2020-8203");  // High sorts first... by id within High
  EXPECT_EQ(j["findings"][1]["vulnerability"]["cvss"]["score"], 7.5);
}

TEST_F(CliVulnTest, FailOnSeverityDecidesTheExitCode) {
  Import();
  EXPECT_EQ(Sbomhub(Data() + "scan --fail-on high " + Fixture("django.cdx.json")).exit_code, 1);
  EXPECT_EQ(Sbomhub(Data() + "scan --fail-on critical " + Fixture("django.cdx.json")).exit_code, 0);
  EXPECT_EQ(Sbomhub(Data() + "scan --fail-on severe " + Fixture("django.cdx.json")).exit_code, 2);
}

TEST_F(CliVulnTest, SarifAndVexOutputsAreJsonDocuments) {
  Import();
  CommandResult sarif = Sbomhub(Data() + "scan --format sarif " + Fixture("django.cdx.json"));
  ASSERT_EQ(sarif.exit_code, 0);
  auto s = nlohmann::json::parse(sarif.out);
  EXPECT_EQ(s["version"], "2.1.0");
  EXPECT_EQ(s["runs"][0]["results"].size(), 2u);
  std::string vex_path = Temp("vex.json");
  ASSERT_EQ(Sbomhub(Data() + "scan --format cyclonedx-vex -o " + vex_path + " " + Fixture("django.cdx.json")).exit_code, 0);
  auto v = nlohmann::json::parse(Slurp(vex_path));
  EXPECT_EQ(v["bomFormat"], "CycloneDX");
  EXPECT_EQ(v["vulnerabilities"].size(), 2u);
  EXPECT_EQ(v["vulnerabilities"][0]["analysis"]["state"], "in_triage");
}

TEST_F(CliVulnTest, ScanWithoutDatabaseSaysHowToCreateOne) {
  CommandResult r = Sbomhub(Data() + "scan " + Fixture("django.cdx.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sbomhub db import"), std::string::npos) << r.err;
}

TEST_F(CliVulnTest, SyncWithoutNetworkExplainsTheAirGappedPath) {
  CommandResult r = Sbomhub(Data() + "db sync --osv-ecosystem PyPI");
  if (r.exit_code == 0) GTEST_SKIP() << "a network is reachable here";
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sbomhub db import"), std::string::npos) << r.err;
}

TEST_F(CliTest, QualityJsonHasProfilesWithScoresAndChecks) {
  CommandResult r = Sbomhub("quality --profile all --json " + Fixture("small.cdx.json"));
  EXPECT_EQ(r.exit_code, 1) << r.err;  // suppliers are missing on two components
  auto j = nlohmann::json::parse(r.out);
  for (const char* p : {"ntia", "cisa-2024", "bsi-tr-03183-2"}) {
    ASSERT_TRUE(j["profiles"].contains(p)) << p;
    const auto& prof = j["profiles"][p];
    EXPECT_TRUE(prof["pass"].is_boolean());
    EXPECT_GE(prof["score"].get<double>(), 0.0);
    EXPECT_LE(prof["score"].get<double>(), 10.0);
    for (const auto& c : prof["checks"]) {
      for (const char* k : {"id", "result", "source", "components"}) EXPECT_TRUE(c.contains(k)) << p << " " << k;
    }
  }
  EXPECT_FALSE(j["profiles"]["ntia"]["pass"].get<bool>());
}

TEST_F(CliTest, LicenseJsonListsEveryComponentWithVerdictAndReason) {
  CommandResult r = Sbomhub("license --json " + Fixture("small.cdx.json"));
  ASSERT_LE(r.exit_code, 1) << r.err;
  auto j = nlohmann::json::parse(r.out);
  ASSERT_GE(j["components"].size(), 3u);
  for (const auto& c : j["components"]) {
    for (const char* k : {"bomRef", "name", "declared", "expression", "valid", "verdict", "reason"}) {
      EXPECT_TRUE(c.contains(k)) << k;
    }
  }
}

}  // namespace
}  // namespace sbomhub
