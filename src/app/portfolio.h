// Portfolio use cases: what the REST API (src/api) and the `sbomhub project` commands call.
// Each takes a store::Store& and, for writes, the actor's name (written to the audit log). The
// caller decides *whether* the actor may do it (roles, teams); these functions decide *what*
// happens. Contract: docs/design/portfolio-api.md.
//
//   IngestSbom ──► store: document + components (one transaction) ──► jobs: analyze(version)
//                                                                          │
//   AnalysisWorker::RunOnce ◄── ClaimJob ◄───────────────────────────────┘
//        └─ match::Scan(current SBOM, DbAdvisorySource) ──► RecordFindings(details)
//   ReanalyseIfDbChanged: vuln DB fingerprint differs ──► EnqueueJob for affected versions only
//   Worklist / ImportVex / ExportVex / DiffVersions / WhereUsed / AffectedBy / PortfolioSummary
//
// Thread-safety: a Store belongs to one thread at a time; so does everything here that takes one.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "diff/diff.h"
#include "match/match.h"
#include "model/sbom.h"
#include "store/store.h"
#include "vex/vex.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::app {

// ---- projects ----

// `name_or_id`: a project's name, or its numeric id when it is all digits (0-9 only) and no
// project has that name. kNotFound otherwise. The one rule for `{project}` everywhere: the REST
// API (src/api ResolveProject), the CLI and the web UI all resolve through here.
Result<store::Project> ResolveProject(store::Store& store, std::string_view name_or_id);

// ---- ingest ----

struct IngestResult {
  store::ProjectVersion version;  // created when it did not exist
  store::SbomDocument document;
  store::Job job;                 // the queued analysis
  std::size_t components = 0;
  Diagnostics diagnostics;        // warnings and info of the validator (no errors)
};

// Identifies, decodes and validates `bytes`, stores them with the normalized model as the current
// document of `version` of project `project_id` (creating the version), and queues an analysis.
// Invalid input → kInvalidArgument ("file: N validation errors") with every diagnostic in
// `diagnostics` (file, line, column or pointer, message); nothing is stored then. An
// unrecognised or unreadable document → kInvalidArgument too, its one diagnostic positioned.
// `diagnostics` is always filled (warnings on success).
Result<IngestResult> IngestSbom(store::Store& store, std::string_view actor, store::Id project_id,
                                std::string_view version, std::string_view bytes,
                                std::string_view file_name, Diagnostics& diagnostics);
// The same, taking ownership of `bytes` so a large upload is not copied for the decoder's padding
// (ReadFile's strings already carry it): one copy less of the document in peak memory.
Result<IngestResult> IngestSbom(store::Store& store, std::string_view actor, store::Id project_id,
                                std::string_view version, std::string&& bytes,
                                std::string_view file_name, Diagnostics& diagnostics);

// The current document of a version decoded back into the model (from its stored bytes).
Result<model::Sbom> CurrentSbom(store::Store& store, store::Id version_id);

// ---- analysis ----

// The vulnerability DB's identity for "has it changed since the portfolio was analysed": a
// SHA-256 over every source's record count, withdrawn count and newest modification time.
Result<std::string> VulnDbFingerprint(vulndb::VulnDb& db);

// Store rows of one scan: one record per finding, details flattened. The finding key's component
// is the bom-ref, else "<analysis key>@<version>" for components without one.
std::vector<store::FindingRecord> FindingRecordsOf(const std::vector<match::Finding>& findings);

class AnalysisWorker {
 public:
  // Borrowed; both must outlive the worker. `worker` names it in the jobs table.
  AnalysisWorker(store::Store& store, vulndb::VulnDb& db, std::string worker);

  // Claims one job and runs it: scans the version's current SBOM and records the findings, then
  // marks the job done (or failed with the reason: no document, undecodable bytes, scan error).
  // Returns the job run, nullopt when the queue was empty. A worker that dies mid-job leaves the
  // job running; RequeueStaleJobs hands it to the next worker. The store error of claiming is
  // returned; errors of one job are recorded on the job, not returned.
  Result<std::optional<store::Job>> RunOnce();
  // Runs jobs until the queue is empty; returns how many ran.
  Result<std::size_t> Drain();

  // Scans one version now and records its findings (no job). Used by RunOnce and tests.
  Status AnalyseVersion(store::Id version_id);

 private:
  store::Store& store_;
  vulndb::VulnDb& db_;
  std::string worker_;
};

struct ReanalyseReport {
  bool db_changed = false;
  std::string fingerprint;
  std::size_t versions_checked = 0;
  std::vector<store::Id> enqueued;  // versions queued for re-analysis
};

// When the vulnerability DB moved past the change-log position stored in the portfolio
// ("changelog:1:<db id>:<seq>" in vulndb_state): queues only the versions a change can affect:
// those holding a component whose package (purl type + name, mapped to its OSV ecosystem) or CPE
// vendor:product is among the keys the new, updated or withdrawn advisories touched (their old and
// new index rows), and those with an active finding on a changed id (an advisory id or alias, a
// KEV or EPSS CVE). Then stores the new position. When the log cannot answer (no stored position,
// another or rebuilt DB file, a pruned or unknown sequence, a DB without the log) it falls back
// to queueing every version holding a component whose key has any advisory in the DB
// (docs/vulndb.md, "Change log").
Result<ReanalyseReport> ReanalyseIfDbChanged(store::Store& store, vulndb::VulnDb& db,
                                             std::string_view actor);

// ---- worklist ----

// The explained priority of one finding (docs/design/portfolio-api.md, "Priority formula").
struct Priority {
  std::string band;  // "P1".."P4"
  double score = 0;  // 0–100
  std::vector<std::string> reasons;
};
Priority PriorityOf(const store::FindingDetails& details, store::Criticality criticality);

struct WorklistItem {
  store::FindingRow row;
  Priority priority;
};

struct WorklistFilter {
  store::FindingQuery query;                 // scope: teams, project, version, inactive
  std::optional<std::string> priority;       // "P1".."P4"
  std::optional<store::AnalysisState> state; // triage state; kInTriage also matches "no analysis"
};

// Findings joined with their analyses and the project's criticality, highest priority first
// (then project, version, component, vulnerability). Reads at most 10,000 findings.
Result<std::vector<WorklistItem>> Worklist(store::Store& store, const WorklistFilter& filter);

// ---- VEX ----

struct VexApplied {
  std::size_t statement = 0;     // index into the document's statements
  std::string vulnerability_id;
  std::string component;         // the analysis key (purl without version, else name)
  store::Analysis analysis;      // as stored
};
struct VexUnmatched {
  std::size_t statement = 0;
  std::string vulnerability_id;
  std::string reason;
};
struct VexImportReport {
  vex::VexFormat format = vex::VexFormat::kCycloneDx;
  std::vector<VexApplied> applied;
  std::vector<VexUnmatched> unmatched;
};

// Reads a CycloneDX VEX, OpenVEX or CSAF VEX document and turns each statement that names a
// component of the project's versions (current documents, matched by vex::MatchStatements) into
// an analysis of the project. Statements without a state, naming no component, or naming a
// component none of whose versions has a finding of that vulnerability (or an alias) are
// reported in `unmatched` with the reason, never dropped silently. Bad bytes → the reader's
// positioned error.
Result<VexImportReport> ImportVex(store::Store& store, std::string_view actor, store::Id project_id,
                                  std::string_view bytes, std::string_view file_name);

// A version's active findings with their analyses (in_triage when none) as a VEX document.
// CSAF needs the publisher's namespace URL (the server's base URL, "https://psirt.example.com");
// without it a CSAF export is kInvalidArgument (sbomhub does not invent one).
Result<std::string> ExportVex(store::Store& store, store::Id version_id, vex::VexFormat format,
                              std::string_view publisher_namespace = {});

// ---- queries ----

// Two stored versions (current documents).
Result<diff::DiffResult> DiffVersions(store::Store& store, store::Id from_version,
                                      store::Id to_version);
// Views of a stored version's components (primary excluded), for diff::Diff.
Result<std::vector<diff::ComponentView>> StoredViews(store::Store& store, store::Id version_id);

// Where-used by purl, narrowed to components whose version lies in `vers_range` ("vers:npm/<2.0")
// when given (kInvalidArgument naming the position when it does not parse). Versions that do not
// parse under the range's scheme are left out. Reads at most 10,000 rows before filtering.
Result<std::vector<store::WhereUsedRow>> WhereUsed(store::Store& store, std::string_view purl,
                                                   std::optional<std::string_view> vers_range,
                                                   const store::TeamScope& teams,
                                                   store::Page page);

// Affected-by: the versions with an active finding of `vulnerability_id` and their triage.
Result<std::vector<store::FindingRow>> AffectedBy(store::Store& store,
                                                  std::string_view vulnerability_id,
                                                  const store::TeamScope& teams, store::Page page);

struct DayCount {
  std::string date;  // "2026-11-28"
  std::size_t new_findings = 0;       // first_seen that day
  std::size_t resolved_findings = 0;  // inactive, last_seen that day
};

struct ProjectRisk {
  store::Project project;
  std::size_t active_findings = 0;
  std::size_t p1 = 0, p2 = 0;
  double max_priority_score = 0;
};

struct Summary {
  std::size_t projects = 0;
  std::size_t versions = 0;
  std::size_t active_findings = 0;
  std::size_t open_findings = 0;  // active and not resolved/false_positive/not_affected
  std::size_t by_priority[4] = {0, 0, 0, 0};  // P1..P4 of open findings
  std::size_t by_severity[6] = {0, 0, 0, 0, 0, 0};  // critical, high, medium, low, none, unknown
  std::size_t kev_findings = 0;
  std::vector<WorklistItem> top_epss;  // open findings with the highest EPSS, at most 10
  std::vector<ProjectRisk> projects_by_risk;  // highest max_priority_score first, at most 10
  std::vector<DayCount> trend;  // the last 7 days, oldest first (today last)
};

// Dashboard counts over the visible teams' projects.
Result<Summary> PortfolioSummary(store::Store& store, const store::TeamScope& teams);

}  // namespace sbomhub::app
