// Portfolio use cases against a real SQLite store and a small vulnerability DB built from the
// fixture feeds in tests/app/testdata/feeds (OSV, KEV, EPSS). No mocks.
#include "app/portfolio.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include "app/vuln_import.h"
#include "base/file.h"
#include "support/test_support.h"

namespace sbomhub::app {
namespace {

using store::Criticality;

std::string Read(const std::string& module, const std::string& name) {
  auto bytes = ReadFile(testing::Fixture(module, name), 1 << 20);
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? std::string(*bytes) : std::string();
}

class Portfolio : public ::testing::Test {
 protected:
  void SetUp() override {
    static int counter = 0;
    dir_ = std::filesystem::temp_directory_path() /
           ("sbomhub-portfolio-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    std::filesystem::create_directories(dir_);
    auto s = store::OpenStore((dir_ / "portfolio.db").string());
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(s).value();
    auto db = vulndb::VulnDb::Open((dir_ / "vuln.db").string());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    Import("feeds");
    team_ = store_->CreateTeam("admin", "platform").value();
  }
  void TearDown() override {
    store_.reset();
    db_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Import(const std::string& fixture_dir) {
    ImportReport report;
    Status s = ImportFeeds(*db_, {testing::Fixture("app", fixture_dir)}, report);
    ASSERT_TRUE(s.ok()) << s.ToString();
    ASSERT_EQ(report.unrecognised_files, 0u);
  }

  store::Project Project(const std::string& name, Criticality c, store::Id team = 0) {
    return store_->CreateProject("admin", name, team ? team : team_.id, c).value();
  }

  IngestResult Ingest(const store::Project& p, const std::string& version,
                      const std::string& fixture, const std::string& module = "diff") {
    Diagnostics diags;
    auto r = IngestSbom(*store_, "ci", p.id, version, Read(module, fixture), fixture, diags);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? std::move(r).value() : IngestResult{};
  }

  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<vulndb::VulnDb> db_;
  store::Team team_;
};

TEST(PortfolioPriority, FormulaBandsAndReasons) {
  store::FindingDetails d;
  d.severity = "critical";
  d.cvss_score = 10.0;
  d.kev = true;
  d.epss = 0.94;
  auto p1 = PriorityOf(d, Criticality::kCritical);
  EXPECT_EQ(p1.band, "P1");
  EXPECT_DOUBLE_EQ(p1.score, 100.0);
  EXPECT_EQ(p1.reasons, (std::vector<std::string>{"CVSS 10.0 (critical)",
                                                  "in CISA KEV (known exploited)", "EPSS 0.94",
                                                  "asset criticality: critical"}));
  // 9.8 × (0.5 + 0) × (0.5 + 0.125) × 10 = 30.6 → P3.
  store::FindingDetails plain;
  plain.severity = "critical";
  plain.cvss_score = 9.8;
  auto p3 = PriorityOf(plain, Criticality::kLow);
  EXPECT_EQ(p3.band, "P3");
  EXPECT_NEAR(p3.score, 30.6, 0.05);
  // KEV lifts a low asset's finding to at least P2, a critical asset's to P1.
  store::FindingDetails kev_low;
  kev_low.severity = "medium";
  kev_low.cvss_score = 4.0;
  kev_low.kev = true;
  auto lifted = PriorityOf(kev_low, Criticality::kLow);
  EXPECT_EQ(lifted.band, "P2");
  EXPECT_EQ(lifted.reasons.back(), "KEV: raised to at least P2");
  EXPECT_EQ(PriorityOf(kev_low, Criticality::kCritical).band, "P1");
  // No score: the severity stands in; unknown counts as 5.0.
  store::FindingDetails unknown;
  auto u = PriorityOf(unknown, Criticality::kMedium);
  EXPECT_NEAR(u.score, 5.0 * 0.5 * 0.75 * 10, 0.051);  // rounded to one decimal
  EXPECT_EQ(u.band, "P4");
  EXPECT_EQ(u.reasons.front(), "no CVSS score; severity unknown counts as 5.0");
}

TEST_F(Portfolio, IngestRejectsBadInputWithPositionedDiagnosticsAndStoresNothing) {
  auto p = Project("shop", Criticality::kHigh);
  Diagnostics diags;
  auto bad_json = IngestSbom(*store_, "ci", p.id, "1.0",
                            std::string_view("{\"bomFormat\": \"CycloneDX\",\n  \"specVersion\": \"1.5\", oops}"),
                             "upload.json", diags);
  ASSERT_EQ(bad_json.status().code(), StatusCode::kInvalidArgument);
  ASSERT_EQ(diags.items().size(), 1u);
  EXPECT_EQ(diags.items()[0].file, "upload.json");
  EXPECT_EQ(diags.items()[0].line, 2u) << diags.items()[0].ToString();
  EXPECT_GT(diags.items()[0].column, 0u);

  auto invalid = IngestSbom(*store_, "ci", p.id, "1.0", Read("app", "bad-type.cdx.json"),
                            "bad-type.cdx.json", diags);
  ASSERT_EQ(invalid.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(invalid.status().message().find("bad-type.cdx.json"), std::string::npos);
  EXPECT_TRUE(diags.HasErrors());
  EXPECT_FALSE(diags.items()[0].pointer.empty() && diags.items()[0].line == 0)
      << diags.items()[0].ToString();

  auto garbage = IngestSbom(*store_, "ci", p.id, "1.0", std::string("hello"), "x.txt", diags);
  EXPECT_EQ(garbage.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(IngestSbom(*store_, "ci", p.id + 9, "1.0", std::string_view("{}"), "x", diags)
                .status()
                .code(),
            StatusCode::kNotFound);

  EXPECT_TRUE(store_->ListVersions(p.id, {}).value().empty());  // nothing half-stored
  EXPECT_TRUE(store_->ListJobs(std::nullopt, {}).value().empty());
}

// PutSbom queues the analysis in its own transaction and returns it; IngestSbom reports that job
// and queues no other (a second enqueue after a worker had claimed the first would analyse the
// same document twice).
TEST_F(Portfolio, IngestQueuesExactlyOneAnalysis) {
  auto shop = Project("shop", Criticality::kHigh);
  auto first = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  auto jobs = store_->ListJobs(std::nullopt, {}).value();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_EQ(first.job, jobs[0]);
  EXPECT_EQ(first.job.version_id, first.version.id);
  auto audit = store_->ListAudit({}).value();
  for (const auto& entry : audit) {
    EXPECT_NE(entry.action, "job.enqueue") << entry.detail;  // only PutSbom's own queueing
  }
  // Claimed by a worker, then the version is uploaded again: exactly one new job.
  auto claimed = store_->ClaimJob("worker-1").value();
  ASSERT_TRUE(claimed.has_value());
  auto second = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  EXPECT_NE(second.job.id, claimed->id);
  EXPECT_EQ(store_->ListJobs(store::JobState::kQueued, {}).value(),
            (std::vector<store::Job>{second.job}));
  EXPECT_EQ(store_->ListJobs(std::nullopt, {}).value().size(), 2u);
}

TEST_F(Portfolio, ResolveProjectByNameOrId) {
  auto p = Project("shop", Criticality::kHigh);
  auto named_like_id = Project(std::to_string(p.id + 1000), Criticality::kLow);
  EXPECT_EQ(ResolveProject(*store_, "shop").value(), p);
  EXPECT_EQ(ResolveProject(*store_, std::to_string(p.id)).value(), p);
  EXPECT_EQ(ResolveProject(*store_, named_like_id.name).value(), named_like_id);  // name first
  EXPECT_EQ(ResolveProject(*store_, "nope").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(ResolveProject(*store_, "99999").status().code(), StatusCode::kNotFound);
  // Digits only: a sign is not an id.
  EXPECT_EQ(ResolveProject(*store_, "+" + std::to_string(p.id)).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ResolveProject(*store_, "").status().code(), StatusCode::kNotFound);
}

// The issue's end-to-end flow at the use-case level: ingest → analyse → findings → triage →
// re-ingest → decision kept → export VEX → import it into a second project.
TEST_F(Portfolio, IngestAnalyseTriageReingestExportAndImportVex) {
  auto shop = Project("shop", Criticality::kCritical);
  auto ingested = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  EXPECT_EQ(ingested.components, 4u);  // the primary component is not counted
  EXPECT_EQ(ingested.job.state, store::JobState::kQueued);
  EXPECT_EQ(ingested.version.version, "1.0");

  AnalysisWorker worker(*store_, *db_, "worker-1");
  EXPECT_EQ(worker.Drain().value(), 1u);
  EXPECT_EQ(store_->GetJob(ingested.job.id).value().state, store::JobState::kDone);

  auto findings = store_->FindingsOf(ingested.version.id, false, {}).value();
  ASSERT_EQ(findings.size(), 1u);
  const auto& f = findings[0];
  EXPECT_EQ(f.vulnerability_id, "CVE-2021-44228");
  EXPECT_EQ(f.component_ref, "log4j-core");
  EXPECT_EQ(f.analysis_component, "pkg:maven/org.apache.logging.log4j/log4j-core");
  EXPECT_EQ(f.details.severity, "critical");
  EXPECT_NEAR(f.details.cvss_score.value_or(0), 10.0, 1e-9);
  EXPECT_TRUE(f.details.kev);
  EXPECT_NEAR(f.details.epss.value_or(0), 0.94358, 1e-9);
  EXPECT_EQ(f.details.fixed_versions, "2.15.0");
  EXPECT_EQ(f.details.matcher, "purl-osv");

  WorklistFilter wf;
  wf.query.project_id = shop.id;
  auto work = Worklist(*store_, wf).value();
  ASSERT_EQ(work.size(), 1u);
  EXPECT_EQ(work[0].priority.band, "P1");
  EXPECT_FALSE(work[0].row.analysis.has_value());

  // Triage (what PUT /projects/{p}/analyses does).
  store::Analysis a;
  a.project_id = shop.id;
  a.component = f.analysis_component;
  a.vulnerability_id = f.vulnerability_id;
  a.state = store::AnalysisState::kNotAffected;
  a.justification = "code_not_reachable";
  a.response = "will_not_fix";
  a.detail = "JNDI lookups disabled";
  ASSERT_TRUE(store_->PutAnalysis("alice", a).ok());

  // Re-upload of the same version: new document, new scan, the decision still applies.
  auto again = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  EXPECT_EQ(again.version.id, ingested.version.id);
  EXPECT_NE(again.document.id, ingested.document.id);
  EXPECT_EQ(worker.Drain().value(), 1u);
  work = Worklist(*store_, wf).value();
  ASSERT_EQ(work.size(), 1u);
  ASSERT_TRUE(work[0].row.analysis.has_value());
  EXPECT_EQ(work[0].row.analysis->state, store::AnalysisState::kNotAffected);
  EXPECT_EQ(work[0].row.analysis->updated_by, "alice");
  wf.state = store::AnalysisState::kInTriage;
  EXPECT_TRUE(Worklist(*store_, wf).value().empty());

  // Export as CycloneDX VEX and import into a second project with the same SBOM.
  auto exported = ExportVex(*store_, again.version.id, vex::VexFormat::kCycloneDx);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_NE(exported->find("not_affected"), std::string::npos);
  EXPECT_NE(exported->find("code_not_reachable"), std::string::npos);
  auto openvex = ExportVex(*store_, again.version.id, vex::VexFormat::kOpenVex);
  ASSERT_TRUE(openvex.ok()) << openvex.status().ToString();
  EXPECT_EQ(ExportVex(*store_, again.version.id, vex::VexFormat::kCsaf).status().code(),
            StatusCode::kInvalidArgument);  // CSAF needs a publisher namespace
  auto csaf = ExportVex(*store_, again.version.id, vex::VexFormat::kCsaf,
                        "https://psirt.example.com");
  ASSERT_TRUE(csaf.ok()) << csaf.status().ToString();
  auto from_csaf = vex::ReadVex(*csaf, "shop.csaf.json");
  ASSERT_TRUE(from_csaf.ok()) << from_csaf.status().ToString();
  ASSERT_EQ(from_csaf->statements.size(), 1u);
  EXPECT_EQ(from_csaf->statements[0].state, vex::AnalysisState::kNotAffected);

  auto mirror = Project("shop-mirror", Criticality::kLow);
  auto mirrored = Ingest(mirror, "1.0", "shop-1.0.spdx.json");
  EXPECT_EQ(worker.Drain().value(), 1u);
  auto report = ImportVex(*store_, "bob", mirror.id, *exported, "shop.vex.json");
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->applied.size(), 1u);
  EXPECT_TRUE(report->unmatched.empty());
  EXPECT_EQ(report->applied[0].component, "pkg:maven/org.apache.logging.log4j/log4j-core");
  auto copied = store_->GetAnalysis(mirror.id, "pkg:maven/org.apache.logging.log4j/log4j-core",
                                    "CVE-2021-44228");
  ASSERT_TRUE(copied.ok()) << copied.status().ToString();
  EXPECT_EQ(copied->state, store::AnalysisState::kNotAffected);
  EXPECT_EQ(copied->justification, "code_not_reachable");
  EXPECT_EQ(copied->response, "will_not_fix");
  EXPECT_EQ(copied->updated_by, "bob");
  (void)mirrored;

  // OpenVEX re-imports too.
  auto from_openvex = ImportVex(*store_, "bob", mirror.id, *openvex, "shop.openvex.json");
  ASSERT_TRUE(from_openvex.ok()) << from_openvex.status().ToString();
  EXPECT_EQ(from_openvex->applied.size(), 1u);
}

TEST_F(Portfolio, VexStatementsThatMatchNothingAreReported) {
  auto shop = Project("shop", Criticality::kHigh);
  auto v = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  AnalysisWorker worker(*store_, *db_, "w");
  ASSERT_TRUE(worker.Drain().ok());
  const std::string openvex = R"({
  "@context": "https://openvex.dev/ns/v0.2.0",
  "@id": "https://example.com/vex/1",
  "author": "Example PSIRT",
  "timestamp": "2026-11-01T00:00:00Z",
  "version": 1,
  "statements": [
    {"vulnerability": {"name": "CVE-2021-44228"},
     "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
     "status": "not_affected", "justification": "vulnerable_code_not_in_execute_path"},
    {"vulnerability": {"name": "CVE-2099-0001"},
     "products": [{"@id": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}],
     "status": "not_affected", "justification": "component_not_present"},
    {"vulnerability": {"name": "CVE-2021-44228"},
     "products": [{"@id": "pkg:npm/left-pad@1.0.0"}],
     "status": "fixed"}
  ]
})";
  auto r = ImportVex(*store_, "bob", shop.id, openvex, "x.openvex.json");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->applied.size(), 1u);
  EXPECT_EQ(r->applied[0].statement, 0u);
  EXPECT_EQ(r->applied[0].analysis.state, store::AnalysisState::kNotAffected);
  EXPECT_EQ(r->applied[0].analysis.justification, "code_not_reachable");
  ASSERT_EQ(r->unmatched.size(), 2u);
  EXPECT_EQ(r->unmatched[0].statement, 1u);
  EXPECT_NE(r->unmatched[0].reason.find("no finding of CVE-2099-0001"), std::string::npos)
      << r->unmatched[0].reason;
  EXPECT_EQ(r->unmatched[1].statement, 2u);
  EXPECT_FALSE(r->unmatched[1].reason.empty());
  EXPECT_EQ(store_->GetAnalysis(shop.id, "pkg:maven/org.apache.logging.log4j/log4j-core",
                                "CVE-2099-0001")
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(ImportVex(*store_, "bob", shop.id, "{not json", "bad.json").status().code(),
            StatusCode::kParseError);
  (void)v;
}

TEST_F(Portfolio, WorkerThatDiesLeavesTheJobForTheNext) {
  auto shop = Project("shop", Criticality::kHigh);
  auto v = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  {
    // A worker process claims the job and is killed before finishing.
    auto other = store::OpenStore((dir_ / "portfolio.db").string());
    ASSERT_TRUE(other.ok());
    ASSERT_TRUE((*other)->ClaimJob("doomed").value().has_value());
  }
  AnalysisWorker worker(*store_, *db_, "survivor");
  EXPECT_FALSE(worker.RunOnce().value().has_value());  // nothing queued: it is "running"
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  EXPECT_EQ(store_->RequeueStaleJobs(std::chrono::seconds(0)).value(), 1);
  auto ran = worker.RunOnce().value();
  ASSERT_TRUE(ran.has_value());
  EXPECT_EQ(ran->state, store::JobState::kDone);
  EXPECT_EQ(ran->attempts, 2);
  EXPECT_EQ(ran->worker, "survivor");
  EXPECT_EQ(store_->FindingsOf(v.version.id, false, {}).value().size(), 1u);
}

TEST_F(Portfolio, ReanalysisQueuesOnlyVersionsTouchingAdvisories) {
  auto shop = Project("shop", Criticality::kHigh);
  auto tool = Project("tool", Criticality::kLow);
  auto s10 = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  auto s11 = Ingest(shop, "1.1", "shop-1.1.cdx.json");
  auto t = Ingest(tool, "3.0", "zlib-only.cdx.json", "app");
  AnalysisWorker worker(*store_, *db_, "w");
  EXPECT_EQ(worker.Drain().value(), 3u);

  // First look at this DB: versions whose packages have advisories (log4j-core) are queued.
  auto first = ReanalyseIfDbChanged(*store_, *db_, "db-watch").value();
  EXPECT_TRUE(first.db_changed);
  EXPECT_EQ(first.versions_checked, 3u);
  EXPECT_EQ(first.enqueued, (std::vector<store::Id>{s10.version.id, s11.version.id}));
  EXPECT_EQ(store_->GetVulnDbState().value().fingerprint, first.fingerprint);
  EXPECT_EQ(worker.Drain().value(), 2u);

  // Same DB: nothing to do.
  auto same = ReanalyseIfDbChanged(*store_, *db_, "db-watch").value();
  EXPECT_FALSE(same.db_changed);
  EXPECT_TRUE(same.enqueued.empty());

  // A new advisory for commons-text (only in shop 1.0): the DB changed, the tool is left alone,
  // and after re-analysis shop 1.0 has the new finding.
  Import("later");
  auto changed = ReanalyseIfDbChanged(*store_, *db_, "db-watch").value();
  EXPECT_TRUE(changed.db_changed);
  EXPECT_NE(changed.fingerprint, first.fingerprint);
  EXPECT_EQ(std::count(changed.enqueued.begin(), changed.enqueued.end(), t.version.id), 0);
  EXPECT_EQ(std::count(changed.enqueued.begin(), changed.enqueued.end(), s10.version.id), 1);
  ASSERT_TRUE(worker.Drain().ok());
  auto fs = store_->FindingsOf(s10.version.id, false, {}).value();
  ASSERT_EQ(fs.size(), 2u);
  EXPECT_EQ(fs[0].vulnerability_id, "CVE-2022-42889");
  EXPECT_TRUE(store_->FindingsOf(t.version.id, false, {}).value().empty());
}

TEST_F(Portfolio, DiffOfStoredVersionsEqualsDiffOfTheFiles) {
  auto shop = Project("shop", Criticality::kHigh);
  auto a = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  auto b = Ingest(shop, "1.1", "shop-1.1.cdx.json");
  auto stored = DiffVersions(*store_, a.version.id, b.version.id);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  auto files = diff::DiffSboms(CurrentSbom(*store_, a.version.id).value(),
                               CurrentSbom(*store_, b.version.id).value());
  EXPECT_EQ(stored->changes, files.changes);
  EXPECT_EQ(stored->summary, files.summary);
  EXPECT_TRUE(stored->possible_tampering);
  EXPECT_EQ(stored->summary.hash_changed, 1u);
  EXPECT_EQ(DiffVersions(*store_, a.version.id, a.version.id).value().changes.size(), 0u);
  EXPECT_EQ(DiffVersions(*store_, a.version.id, b.version.id + 99).status().code(),
            StatusCode::kNotFound);
}

TEST_F(Portfolio, WhereUsedWithVersRangeAndAffectedByWithTeams) {
  auto other_team = store_->CreateTeam("admin", "apps").value();
  auto shop = Project("shop", Criticality::kHigh);
  auto blog = Project("blog", Criticality::kLow, other_team.id);
  auto s10 = Ingest(shop, "1.0", "shop-1.0.cdx.json");
  auto s11 = Ingest(shop, "1.1", "shop-1.1.cdx.json");
  auto b1 = Ingest(blog, "0.1", "shop-1.0.spdx.json");
  AnalysisWorker worker(*store_, *db_, "w");
  ASSERT_TRUE(worker.Drain().ok());
  const std::string core = "pkg:maven/org.apache.logging.log4j/log4j-core";

  EXPECT_EQ(WhereUsed(*store_, core, std::nullopt, std::nullopt, {}).value().size(), 3u);
  auto vulnerable = WhereUsed(*store_, core, "vers:maven/>=2.0|<2.15.0", std::nullopt, {});
  ASSERT_TRUE(vulnerable.ok()) << vulnerable.status().ToString();
  ASSERT_EQ(vulnerable->size(), 2u);
  EXPECT_EQ((*vulnerable)[0].version.id, b1.version.id);
  EXPECT_EQ((*vulnerable)[1].version.id, s10.version.id);
  auto fixed = WhereUsed(*store_, core, "vers:maven/>=2.17.0", std::vector<store::Id>{team_.id}, {});
  ASSERT_EQ(fixed.value().size(), 1u);
  EXPECT_EQ(fixed->front().version.id, s11.version.id);
  EXPECT_EQ(WhereUsed(*store_, core, "vers:maven/<2.15.0", std::nullopt, {1, 1}).value().size(), 1u);
  auto bad = WhereUsed(*store_, core, "maven/<2.0", std::nullopt, {});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("maven/<2.0"), std::string::npos);

  auto affected = AffectedBy(*store_, "CVE-2021-44228", std::nullopt, {}).value();
  ASSERT_EQ(affected.size(), 2u);
  EXPECT_EQ(affected[0].project.name, "blog");
  EXPECT_EQ(affected[1].version.id, s10.version.id);
  auto mine = AffectedBy(*store_, "CVE-2021-44228", std::vector<store::Id>{team_.id}, {}).value();
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0].project.name, "shop");
  EXPECT_EQ(AffectedBy(*store_, " ", std::nullopt, {}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(Portfolio, SummaryCountsPrioritiesSeveritiesAndTodaysTrend) {
  auto shop = Project("shop", Criticality::kCritical);
  auto blog = Project("blog", Criticality::kLow);
  Ingest(shop, "1.0", "shop-1.0.cdx.json");
  Ingest(shop, "1.1", "shop-1.1.cdx.json");
  auto b = Ingest(blog, "0.1", "shop-1.0.cdx.json");
  AnalysisWorker worker(*store_, *db_, "w");
  ASSERT_TRUE(worker.Drain().ok());

  store::Analysis a;
  a.project_id = blog.id;
  a.component = "pkg:maven/org.apache.logging.log4j/log4j-core";
  a.vulnerability_id = "CVE-2021-44228";
  a.state = store::AnalysisState::kFalsePositive;
  ASSERT_TRUE(store_->PutAnalysis("alice", a).ok());

  auto s = PortfolioSummary(*store_, std::nullopt);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->projects, 2u);
  EXPECT_EQ(s->versions, 3u);
  EXPECT_EQ(s->active_findings, 2u);  // shop 1.0 and blog 0.1
  EXPECT_EQ(s->open_findings, 1u);    // blog's was triaged as a false positive
  EXPECT_EQ(s->by_priority[0], 1u);
  EXPECT_EQ(s->by_severity[0], 2u);
  EXPECT_EQ(s->kev_findings, 2u);
  ASSERT_EQ(s->top_epss.size(), 1u);
  EXPECT_EQ(s->top_epss[0].row.project.name, "shop");
  ASSERT_EQ(s->projects_by_risk.size(), 2u);
  EXPECT_EQ(s->projects_by_risk[0].project.name, "shop");
  EXPECT_EQ(s->projects_by_risk[0].p1, 1u);
  ASSERT_EQ(s->trend.size(), 7u);
  EXPECT_EQ(s->trend.back().new_findings, 2u);
  EXPECT_EQ(s->trend.front().new_findings, 0u);

  // A rescan that no longer reports blog's finding counts it as resolved today.
  ASSERT_TRUE(store_->RecordFindings("w", b.version.id, {}).ok());
  auto after = PortfolioSummary(*store_, std::nullopt).value();
  EXPECT_EQ(after.active_findings, 1u);
  EXPECT_EQ(after.trend.back().resolved_findings, 1u);

  auto none = PortfolioSummary(*store_, std::vector<store::Id>{}).value();
  EXPECT_EQ(none.projects, 0u);
  EXPECT_EQ(none.active_findings, 0u);
}

}  // namespace
}  // namespace sbomhub::app
