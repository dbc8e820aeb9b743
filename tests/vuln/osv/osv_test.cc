#include "vuln/osv/osv.h"

#include <archive.h>
#include <archive_entry.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace sbomhub::vuln {
namespace {

namespace fs = std::filesystem;

// The equivalent of `find dir -name '*<suffix>' | wc -l`, and how many of those files contain
// `needle` (used to count withdrawn records independently of the importer).
struct FileCount {
  std::size_t files = 0;
  std::size_t containing = 0;
};
FileCount CountFiles(const std::string& dir, const std::string& suffix, const std::string& needle) {
  FileCount c;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (!e.is_regular_file()) continue;
    std::string name = e.path().filename().string();
    if (name.size() < suffix.size() || name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) continue;
    ++c.files;
    std::ifstream in(e.path());
    std::stringstream ss;
    ss << in.rdbuf();
    if (ss.str().find(needle) != std::string::npos) ++c.containing;
  }
  return c;
}

struct Collected {
  ImportStats stats;
  std::map<std::string, Advisory> by_id;
  std::size_t calls = 0;
};

Collected ImportAll(const std::string& path) {
  Collected c;
  Status s = ImportOsv(
      path,
      [&](Advisory&& a) {
        ++c.calls;
        std::string id = a.id;
        c.by_id.emplace(id, std::move(a));
        return Status::Ok();
      },
      c.stats);
  EXPECT_TRUE(s.ok()) << s.ToString();
  return c;
}

std::string Issues(const ImportStats& stats) {
  std::string out;
  for (const auto& i : stats.issues) out += i.ToString() + "\n";
  return out;
}

void ExpectRoundTrips(const Collected& c) {
  for (const auto& [id, a] : c.by_id) {
    auto back = AdvisoryFromJson(AdvisoryToJson(a));
    ASSERT_TRUE(back.ok()) << id << ": " << back.status().ToString();
    ASSERT_EQ(*back, a) << id;
  }
}

TEST(OsvImport, ImportsEveryGoVulnDbRecordAndKeepsWithdrawnOnes) {
  std::string dir = testing::SharedData("osv-golang-vulndb/osv");
  FileCount expected = CountFiles(dir, ".json", "\"withdrawn\"");
  Collected c = ImportAll(dir);
  std::printf("golang vulndb: %zu files, %zu records, %zu withdrawn, %zu skipped\n", c.stats.files,
              c.stats.records, c.stats.withdrawn, c.stats.skipped);
  EXPECT_EQ(expected.files, 4291u);
  EXPECT_EQ(c.stats.files, expected.files);
  EXPECT_EQ(c.stats.records, expected.files);
  EXPECT_EQ(c.by_id.size(), expected.files);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  EXPECT_EQ(c.stats.withdrawn, expected.containing);

  const Advisory& a = c.by_id.at("GO-2021-0159");
  EXPECT_EQ(a.schema_version, "1.3.1");
  EXPECT_EQ(a.published, "2022-01-05T21:39:14Z");
  EXPECT_EQ(a.aliases, (std::vector<std::string>{"CVE-2015-5739", "CVE-2015-5740", "CVE-2015-5741"}));
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].ecosystem, "Go");
  EXPECT_EQ(a.affected[0].name, "stdlib");
  ASSERT_EQ(a.affected[0].ranges.size(), 1u);
  EXPECT_EQ(a.affected[0].ranges[0].type, RangeType::kSemver);
  EXPECT_EQ(a.affected[0].ranges[0].events,
            (std::vector<RangeEvent>{{EventKind::kIntroduced, "0"}, {EventKind::kFixed, "1.4.3"}}));
  EXPECT_NE(a.affected[0].ecosystem_specific.find("\"net/http\""), std::string::npos);
  EXPECT_EQ(a.references[0].type, "FIX");
  ExpectRoundTrips(c);
}

TEST(OsvImport, ImportsEveryPypaYamlRecord) {
  std::string dir = testing::SharedData("osv-pypa/vulns");
  FileCount expected = CountFiles(dir, ".yaml", "\nwithdrawn:");
  Collected c = ImportAll(dir);
  std::printf("pypa: %zu files, %zu records, %zu withdrawn, %zu skipped\n", c.stats.files, c.stats.records,
              c.stats.withdrawn, c.stats.skipped);
  EXPECT_EQ(expected.files, 2661u);
  EXPECT_EQ(c.stats.records, expected.files);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  EXPECT_EQ(c.stats.withdrawn, expected.containing);
  EXPECT_EQ(expected.containing, 10u);
  // yaml-cpp turns the YAML escape "\_" (no-break space) into a lone 0xA0 byte; it must come out
  // as valid UTF-8.
  EXPECT_NE(c.by_id.at("PYSEC-2023-172").details.find("S/4HANA\xC2\xA0- versions"), std::string::npos);

  const Advisory& a = c.by_id.at("PYSEC-2020-342");
  EXPECT_EQ(a.modified, "2023-11-07T20:24:23.946863Z");
  EXPECT_EQ(a.aliases, std::vector<std::string>{"CVE-2020-13921"});
  ASSERT_EQ(a.affected.size(), 1u);
  EXPECT_EQ(a.affected[0].purl, "pkg:pypi/apache-skywalking");
  EXPECT_EQ(a.affected[0].ranges[0].type, RangeType::kEcosystem);
  EXPECT_EQ(a.affected[0].versions.front(), "0.1.0");
  EXPECT_EQ(a.affected[0].versions.back(), "1.0.1");
  ASSERT_EQ(a.severities.size(), 1u);
  EXPECT_EQ(a.severities[0].type, SeverityType::kCvssV3);
  EXPECT_EQ(a.severities[0].vector, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
  EXPECT_FALSE(a.severities[0].base_score.has_value());

  // GIT ranges keep their repository.
  std::size_t git_ranges = 0;
  for (const auto& [id, adv] : c.by_id) {
    for (const auto& p : adv.affected) {
      for (const auto& r : p.ranges) {
        if (r.type == RangeType::kGit) {
          ++git_ranges;
          EXPECT_FALSE(r.repo.empty()) << id;
        }
      }
    }
  }
  EXPECT_GT(git_ranges, 0u);
  ExpectRoundTrips(c);
}

TEST(OsvImport, ImportsEveryRustsecRecord) {
  std::string dir = testing::SharedData("osv-rustsec/crates");
  FileCount expected = CountFiles(dir, ".json", "\"withdrawn\"");
  Collected c = ImportAll(dir);
  std::printf("rustsec: %zu files, %zu records, %zu withdrawn, %zu skipped\n", c.stats.files, c.stats.records,
              c.stats.withdrawn, c.stats.skipped);
  EXPECT_EQ(expected.files, 1206u);
  EXPECT_EQ(c.stats.records, expected.files);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  EXPECT_EQ(c.stats.withdrawn, expected.containing);
  ExpectRoundTrips(c);
}

TEST(OsvImport, ReadsVulnsListsFromScalibrTestdata) {
  std::string dir = testing::SharedData("osv-tools-testdata/osv-scalibr/guidedremediation");
  Collected c = ImportAll(dir);
  std::printf("osv-scalibr: %zu files, %zu records, %zu skipped\n", c.stats.files, c.stats.records, c.stats.skipped);
  EXPECT_EQ(c.stats.files, 2u);
  EXPECT_EQ(c.stats.records, 356u + 8u);
  EXPECT_EQ(c.stats.skipped, 0u) << Issues(c.stats);
  for (const auto& [id, a] : c.by_id) {
    ASSERT_FALSE(a.affected.empty()) << id;
    EXPECT_FALSE(a.affected[0].ecosystem.empty()) << id;
    EXPECT_FALSE(a.affected[0].name.empty()) << id;
  }
}

TEST(OsvImport, AcceptsSchemaLinterAndConverterOutputsAndRejectsNonOsvInputs) {
  // Every osv-linter test record and every *.osv.json converter output is an OSV record; the
  // converter inputs beside them (GitHub GHSA format, CSAF) are not and must be rejected.
  std::string base = testing::SharedData("osv-schema/tools");
  Collected linter = ImportAll(base + "/osv-linter/testdata");
  EXPECT_EQ(linter.stats.records, CountFiles(base + "/osv-linter/testdata", ".json", "").files);
  EXPECT_EQ(linter.stats.skipped, 0u) << Issues(linter.stats);

  Collected ghsa = ImportAll(base + "/ghsa/testdata");
  std::size_t osv_outputs = CountFiles(base + "/ghsa/testdata", ".osv.json", "").files;
  std::size_t all_json = CountFiles(base + "/ghsa/testdata", ".json", "").files;
  EXPECT_EQ(ghsa.stats.records, osv_outputs);
  EXPECT_EQ(ghsa.stats.skipped, all_json - osv_outputs);
  for (const auto& issue : ghsa.stats.issues) {
    EXPECT_EQ(issue.file.find(".osv.json"), std::string::npos) << issue.ToString();
    EXPECT_NE(issue.reason.find("missing required member 'id'"), std::string::npos) << issue.ToString();
  }
  EXPECT_TRUE(ghsa.by_id.at("GHSA-35c4-f3rq-f9g3").IsWithdrawn());

  Collected rh = ImportAll(base + "/redhat/testdata/OSV");
  EXPECT_EQ(rh.stats.records, 2u);
  EXPECT_EQ(rh.stats.skipped, 0u) << Issues(rh.stats);
  Collected csaf = ImportAll(base + "/redhat/testdata/CSAF");
  EXPECT_EQ(csaf.stats.records, 0u);
  EXPECT_EQ(csaf.stats.skipped, 5u);
  std::printf("osv-schema: linter %zu, ghsa %zu ok / %zu rejected, redhat %zu ok / %zu rejected\n",
              linter.stats.records, ghsa.stats.records, ghsa.stats.skipped, rh.stats.records, csaf.stats.skipped);
}

// ---- fixtures built in the test ---------------------------------------------------------------

constexpr const char* kGoodJson =
    R"({"id":"TEST-1","modified":"2024-01-01T00:00:00Z","aliases":["CVE-2024-0001"],)"
    R"("affected":[{"package":{"ecosystem":"npm","name":"left-pad"},"ranges":[{"type":"SEMVER",)"
    R"("events":[{"introduced":"0"},{"fixed":"1.2.3"},{"limit":"2.0.0"}]}]}]})";
constexpr const char* kGoodYaml =
    "id: TEST-2\nmodified: 2024-02-01T00:00:00Z\nwithdrawn: 2024-03-01T00:00:00Z\naffected:\n"
    "- package:\n    ecosystem: PyPI\n    name: demo\n  ranges:\n  - type: GIT\n    repo: https://example.com/r.git\n"
    "    events:\n    - introduced: abc123\n    - last_affected: def456\n";

std::string BuildZip(const std::vector<std::pair<std::string, std::string>>& members) {
  std::vector<char> buf(1 << 20);
  std::size_t used = 0;
  archive* a = archive_write_new();
  archive_write_set_format_zip(a);
  EXPECT_EQ(archive_write_open_memory(a, buf.data(), buf.size(), &used), ARCHIVE_OK);
  for (const auto& [name, body] : members) {
    archive_entry* e = archive_entry_new();
    archive_entry_set_pathname(e, name.c_str());
    archive_entry_set_size(e, static_cast<la_int64_t>(body.size()));
    archive_entry_set_filetype(e, AE_IFREG);
    archive_entry_set_perm(e, 0644);
    EXPECT_EQ(archive_write_header(a, e), ARCHIVE_OK);
    EXPECT_EQ(archive_write_data(a, body.data(), body.size()), static_cast<la_ssize_t>(body.size()));
    archive_entry_free(e);
  }
  archive_write_close(a);
  archive_write_free(a);
  return std::string(buf.data(), used);
}

TEST(OsvImport, ReadsJsonAndYamlMembersOfAZipAndReportsTheBrokenOne) {
  std::string zip = BuildZip({{"all/TEST-1.json", kGoodJson},
                              {"all/TEST-2.yaml", kGoodYaml},
                              {"all/README.txt", "not a record"},
                              {"all/BROKEN.json", "{\"id\": \"X\", \"modified\": 3"}});
  fs::path dir = fs::path(testing::BuildDir()) / "vuln_osv_test_tmp";
  fs::create_directories(dir);
  fs::path zip_path = dir / "all.zip";
  {
    std::ofstream out(zip_path, std::ios::binary);
    out << zip;
  }
  Collected c = ImportAll(zip_path.string());
  EXPECT_EQ(c.stats.files, 3u);  // README.txt is not an OSV file name
  EXPECT_EQ(c.stats.records, 2u);
  EXPECT_EQ(c.stats.withdrawn, 1u);
  ASSERT_EQ(c.stats.skipped, 1u);
  EXPECT_NE(c.stats.issues[0].file.find("all.zip!all/BROKEN.json"), std::string::npos);
  EXPECT_NE(c.stats.issues[0].reason.find("line 1, column"), std::string::npos) << c.stats.issues[0].reason;

  const Advisory& one = c.by_id.at("TEST-1");
  EXPECT_EQ(one.affected[0].ranges[0].events.back().kind, EventKind::kLimit);
  const Advisory& two = c.by_id.at("TEST-2");
  EXPECT_EQ(two.withdrawn, "2024-03-01T00:00:00Z");
  EXPECT_EQ(two.affected[0].ranges[0].type, RangeType::kGit);
  EXPECT_EQ(two.affected[0].ranges[0].repo, "https://example.com/r.git");
  EXPECT_EQ(two.affected[0].ranges[0].events[1].kind, EventKind::kLastAffected);
  fs::remove_all(dir);
}

TEST(OsvRecord, RejectsUnknownRangeTypeWithPointer) {
  auto r = ParseOsvRecord(R"({"id":"X-1","modified":"m","affected":[{"ranges":[{"type":"FOO","events":[]}]}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("X-1: /affected/0/ranges/0/type: unknown range type 'FOO'"), std::string::npos)
      << r.status().message();
}

TEST(OsvRecord, RejectsEventWithoutKnownKind) {
  auto r = ParseOsvRecord(R"({"id":"X-1","modified":"m","affected":[{"ranges":[{"type":"SEMVER","events":[{"fixd":"1"}]}]}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/affected/0/ranges/0/events/0"), std::string::npos) << r.status().message();
}

TEST(OsvRecord, RejectsWrongMemberType) {
  auto r = ParseOsvRecord(R"({"id":"X-1","modified":"m","aliases":"CVE-1"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("/aliases: expected an array"), std::string::npos) << r.status().message();
}

TEST(OsvRecord, ReadsGhsaCweIdsFromDatabaseSpecific) {
  auto r = ParseOsvRecord(R"({"id":"GHSA-x","modified":"m","database_specific":{"cwe_ids":["CWE-79","CWE-80"]}})");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->cwes, (std::vector<std::string>{"CWE-79", "CWE-80"}));
}

TEST(OsvYaml, ReportsSyntaxErrorsWithLine) {
  ImportStats stats;
  Status s = ParseOsvYaml("id: A\nmodified: [unclosed\n", "bad.yaml", [](Advisory&&) { return Status::Ok(); }, stats);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(stats.skipped, 1u);
  EXPECT_NE(stats.issues[0].reason.find("line "), std::string::npos) << stats.issues[0].reason;
  EXPECT_EQ(stats.issues[0].file, "bad.yaml");
}

TEST(OsvYaml, StopsAliasExpansionBombs) {
  std::string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c) {
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
    prev = c;
  }
  ImportStats stats;
  Status s = ParseOsvYaml(bomb, "bomb.yaml", [](Advisory&&) { return Status::Ok(); }, stats);
  ASSERT_TRUE(s.ok());
  ASSERT_EQ(stats.skipped, 1u);
  EXPECT_NE(stats.issues[0].reason.find("alias expansion"), std::string::npos) << stats.issues[0].reason;
}

TEST(OsvImport, CallbackErrorStopsTheImport) {
  ImportStats stats;
  std::size_t seen = 0;
  Status s = ImportOsv(
      testing::SharedData("osv-rustsec/crates"),
      [&](Advisory&&) {
        ++seen;
        return seen == 3 ? Status::Unavailable("disk full") : Status::Ok();
      },
      stats);
  EXPECT_EQ(s.code(), StatusCode::kUnavailable);
  EXPECT_EQ(seen, 3u);
}

TEST(OsvImport, MissingPathIsNotFound) {
  ImportStats stats;
  Status s = ImportOsv("/nonexistent/osv", [](Advisory&&) { return Status::Ok(); }, stats);
  EXPECT_EQ(s.code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace sbomhub::vuln
