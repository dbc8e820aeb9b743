// The portfolio store: teams, users, API keys, projects and their versions, the SBOM documents
// uploaded for each version (bytes kept verbatim), their normalized components and dependency
// edges, and an append-only audit log.
//
// One interface, two backends chosen by `OpenStore(location)`:
//   "/path/to/portfolio.db"          → SQLite, one file, WAL (the embedded default)
//   "postgresql://user@host:5432/db" → PostgreSQL (libpqxx), for several servers sharing one DB
// Both apply the versioned migrations in src/store/migrations/<backend>/ on open and pass the same
// conformance suite (tests/store/store_conformance_test.cc).
//
//   teams ─┬─< team_members >── users            api_keys >── teams
//          └─< projects ─< project_versions ─┬─< sbom_documents   (every upload, bytes + SHA-256)
//                                            ├─< components       (of the newest upload only)
//                                            ├─< dependency_edges (of the newest upload only)
//                                            └─< findings (derived; inactive, never deleted)
//               projects ─< analyses ─< analysis_history   (human triage; history append-only)
//   project_versions ─< jobs   (analysis queue; at most one queued job per version and kind)
//   users ─< sessions          (browser sign-ins; only the SHA-256 of the cookie token)
//   vulndb_state (one row: the vulnerability DB fingerprint the portfolio was last analysed with)
//   audit_log (append-only; one row per successful mutating call, in the same transaction)
//
// Errors: a unique name/key taken → kAlreadyExists; a referenced id that does not exist →
// kNotFound; a value a column refuses (empty name, bad enum) → kInvalidArgument; the database
// unreachable or busy → kUnavailable; anything else → kInternal.
//
// Thread-safety: a Store holds one connection and belongs to one thread at a time. Open one Store
// per thread (SQLite serializes writers itself; PostgreSQL handles concurrent connections).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/sbom.h"
#include "store/document_content.h"

namespace sbomhub::store {

using Id = std::int64_t;

enum class Role { kAdmin, kAnalyst, kAuditor, kViewer };
std::string_view RoleName(Role r);  // "admin" | "analyst" | "auditor" | "viewer"
std::optional<Role> ParseRole(std::string_view name);

enum class Criticality { kCritical, kHigh, kMedium, kLow };
std::string_view CriticalityName(Criticality c);  // "critical" | "high" | "medium" | "low"
std::optional<Criticality> ParseCriticality(std::string_view name);

// Paging for list calls. `limit` is clamped to [1, kMaxLimit].
struct Page {
  static constexpr std::int64_t kMaxLimit = 10000;
  std::int64_t limit = 100;
  std::int64_t offset = 0;
};

struct Team {
  Id id = 0;
  std::string name;
  bool operator==(const Team&) const = default;
};

struct User {
  Id id = 0;
  std::string name;
  std::string password_hash;  // opaque to the store (the api module hashes)
  Role role = Role::kViewer;
  bool operator==(const User&) const = default;
};

struct ApiKey {
  Id id = 0;
  Id team_id = 0;
  Role role = Role::kViewer;
  std::string key_hash;    // the key itself is never stored
  std::string created_at;  // RFC 3339 UTC
  bool revoked = false;
  bool operator==(const ApiKey&) const = default;
};

struct Project {
  Id id = 0;
  std::string name;
  Id team_id = 0;
  Criticality criticality = Criticality::kMedium;
  bool operator==(const Project&) const = default;
};

// Which projects a list call returns. Every member narrows; a default filter returns everything.
struct ProjectFilter {
  // Only projects of these teams (the caller's visible teams); nullopt = every team. An empty
  // vector means "no team" and yields nothing.
  std::optional<std::vector<Id>> team_ids;
  std::string name_contains;  // case-insensitive (ASCII) substring; "" = any name
  std::optional<Criticality> criticality;
};

// Visible teams for cross-portfolio queries: nullopt = every team (admin, auditor).
using TeamScope = std::optional<std::vector<Id>>;

struct ProjectVersion {
  Id id = 0;
  Id project_id = 0;
  std::string version;
  bool operator==(const ProjectVersion&) const = default;
};

// One uploaded document (metadata; the bytes come from `SbomBytes`).
struct SbomDocument {
  Id id = 0;
  Id version_id = 0;
  std::string sha256;        // lower-case hex of the bytes as uploaded
  std::string family;        // "CycloneDX" | "SPDX"
  std::string spec_version;  // "1.6", "2.3", ...
  std::string encoding;      // "json" | "xml" | "tag-value" | ...
  std::int64_t size_bytes = 0;
  std::string uploaded_at;  // RFC 3339 UTC
  std::string uploaded_by;  // actor
  bool current = false;     // the newest upload of its version: its components are the live ones
  bool operator==(const SbomDocument&) const = default;
};

// A normalized component row. Strings are "" when the document did not say.
struct StoredComponent {
  Id id = 0;
  Id version_id = 0;
  Id document_id = 0;
  std::string bom_ref;
  std::string name;
  std::string group;
  std::string version;
  std::string purl;       // as written in the document
  std::string purl_type;  // from the leniently parsed purl; "" when absent or unparsable
  std::string purl_name;  // "namespace/name" (or "name") decoded and normalized; the where-used key
  std::string cpe;        // the first CPE
  std::string supplier;   // supplier name
  std::string license;    // the licenses as one expression ("A AND B" when several were listed)
  std::string hashes;     // "SHA-256:abcd SHA-1:ef01" in document order
  std::string scope;      // "" | "required" | "optional" | "excluded"
  bool direct = false;    // the primary component depends on it directly
  bool primary = false;   // the document's primary (described) component
  bool operator==(const StoredComponent&) const = default;
};

struct StoredEdge {
  std::string from_ref;
  std::string to_ref;
  std::string type;  // model::RelationshipTypeName
  bool operator==(const StoredEdge&) const = default;
};

// One hit of a where-used query.
struct WhereUsedRow {
  Project project;
  ProjectVersion version;
  StoredComponent component;
};

struct AuditEntry {
  Id id = 0;
  std::string actor;
  std::string action;  // "team.create", "sbom.put", ...
  std::string object;  // "team:3", "version:7", ...
  std::string detail;  // human-readable specifics
  std::string at;      // RFC 3339 UTC
};

// What a scan reports now for one version: component `component_ref` (a bom_ref) is affected by
// `vulnerability_id` ("CVE-2021-44228", "GHSA-...").
struct FindingKey {
  std::string component_ref;
  std::string vulnerability_id;
  bool operator==(const FindingKey&) const = default;
};

// What the last scan that reported a finding said about it (match::Finding, flattened).
struct FindingDetails {
  std::string component_name;
  std::string component_version;
  std::string component_purl;
  std::string severity;  // "critical" | "high" | "medium" | "low" | "none" | "unknown" | ""
  std::optional<double> cvss_score;
  std::string cvss_vector;
  std::optional<double> epss;             // probability 0–1
  std::optional<double> epss_percentile;  // 0–1
  bool kev = false;
  std::string summary;
  std::string fixed_versions;  // space separated
  std::string matcher;         // "purl" | "cpe" | "name" ...
  bool needs_verification = false;
  double confidence = 0;
  bool operator==(const FindingDetails&) const = default;
};

// One finding as a scan reports it.
struct FindingRecord {
  FindingKey key;
  FindingDetails details;
  bool operator==(const FindingRecord&) const = default;
};

// A finding as stored. Derived data: RecordFindings creates and retires them; nobody edits them.
struct Finding {
  Id id = 0;
  Id version_id = 0;
  std::string component_ref;
  std::string vulnerability_id;
  bool active = true;      // reported by the latest scan of its version
  std::string first_seen;  // RFC 3339 UTC
  std::string last_seen;   // the last scan that reported it
  // The key of the analysis that applies (AnalysisComponentKey of the details' purl and name).
  std::string analysis_component;
  FindingDetails details;  // as of last_seen
  bool operator==(const Finding&) const = default;
};

// CycloneDX VEX analysis.state.
enum class AnalysisState {
  kInTriage,
  kExploitable,
  kResolved,
  kResolvedWithPedigree,
  kFalsePositive,
  kNotAffected,
};
std::string_view AnalysisStateName(AnalysisState s);  // "in_triage", "resolved_with_pedigree", ...
std::optional<AnalysisState> ParseAnalysisState(std::string_view name);

// A human triage decision, keyed by (project, component, vulnerability) so it applies to every
// version of the project and survives rescans. `component` is the purl without version when the
// component has one, else its name. `justification` and `response` use CycloneDX VEX spellings
// ("code_not_reachable"; responses joined by ',' e.g. "update,workaround_available"); the store
// keeps them as given.
struct Analysis {
  Id id = 0;
  Id project_id = 0;
  std::string component;
  std::string vulnerability_id;
  AnalysisState state = AnalysisState::kInTriage;
  std::string justification;
  std::string response;
  std::string detail;
  std::string updated_at;  // set by the store
  std::string updated_by;  // set by the store (the actor)
  bool operator==(const Analysis&) const = default;
};

// The component an analysis is keyed by: `purl` without its version (qualifiers and subpath
// dropped too, "pkg:maven/org.apache.logging.log4j/log4j-core") when the purl parses leniently,
// else `name`. Findings store it so triage joins in SQL.
std::string AnalysisComponentKey(std::string_view purl, std::string_view name);

// A finding with where it lives and the triage decision that applies to it, if any.
struct FindingRow {
  Project project;
  ProjectVersion version;
  Finding finding;
  std::optional<Analysis> analysis;
};

// Which findings QueryFindings returns; every member narrows.
struct FindingQuery {
  TeamScope team_ids;                        // visible teams; nullopt = every team
  std::optional<Id> project_id;
  std::optional<Id> version_id;
  std::optional<std::string> vulnerability_id;
  bool include_inactive = false;
};

// One group of CountFindings: how many findings of `project_id` have this severity and KEV flag.
struct FindingCount {
  Id project_id = 0;
  std::string severity;  // as stored in FindingDetails::severity ("" when unknown)
  bool kev = false;
  std::int64_t count = 0;
  bool operator==(const FindingCount&) const = default;
};

// A browser sign-in. Only the SHA-256 of the cookie token is stored.
struct Session {
  std::string token_hash;
  Id user_id = 0;
  std::string csrf_token;
  std::string created_at;  // RFC 3339 UTC, set by the store
  std::string expires_at;  // created/touched + ttl
  std::string last_seen;
  bool operator==(const Session&) const = default;
};

enum class JobState { kQueued, kRunning, kDone, kFailed };
std::string_view JobStateName(JobState s);  // "queued" | "running" | "done" | "failed"
std::optional<JobState> ParseJobState(std::string_view name);

// A background job. kind "analyze": scan the version's current SBOM and record findings.
//   queued ──ClaimJob──► running ──FinishJob──► done | failed
//                           └── RequeueStaleJobs (worker died) ──► queued (or failed after
//                               kMaxJobAttempts claims)
struct Job {
  static constexpr int kMaxJobAttempts = 3;
  Id id = 0;
  std::string kind;
  Id version_id = 0;
  JobState state = JobState::kQueued;
  int attempts = 0;         // how often it was claimed
  std::string error;        // why it failed
  std::string created_at;   // RFC 3339 UTC
  std::string started_at;   // last claim; "" while never claimed
  std::string finished_at;  // "" until done/failed
  std::string worker;       // who claimed it last
  bool operator==(const Job&) const = default;
};

// What PutSbom stored and queued: the new document and the "analyze" job of its version (the one
// this call created, or the one that was already queued).
struct StoredSbom {
  SbomDocument document;
  Job job;
};

// What vulnerability DB the portfolio was last analysed against.
struct VulnDbState {
  std::string fingerprint;  // "" when never analysed
  std::string analyzed_at;
  bool operator==(const VulnDbState&) const = default;
};

// A chain of bom_refs from the primary component to a target, primary first, target last.
using DependencyPath = std::vector<std::string>;

class Store {
 public:
  virtual ~Store() = default;

  // Which backend: "sqlite" | "postgres".
  virtual std::string_view Backend() const = 0;
  // Highest migration applied.
  virtual Result<int> SchemaVersion() = 0;

  // ---- teams, users, API keys. `actor` names who asks; it is written to the audit log. ----
  virtual Result<Team> CreateTeam(std::string_view actor, std::string_view name) = 0;
  virtual Result<Team> GetTeam(Id id) = 0;
  virtual Result<std::vector<Team>> ListTeams(Page page) = 0;

  virtual Result<User> CreateUser(std::string_view actor, std::string_view name,
                                  std::string_view password_hash, Role role) = 0;
  virtual Result<User> GetUserByName(std::string_view name) = 0;
  virtual Result<User> GetUser(Id id) = 0;
  virtual Result<std::vector<User>> ListUsers(Page page) = 0;
  // kNotFound for an unknown user. Audited without the hash.
  virtual Status SetUserPassword(std::string_view actor, Id user_id,
                                 std::string_view password_hash) = 0;
  // Adding a member twice is kAlreadyExists.
  virtual Status AddTeamMember(std::string_view actor, Id team_id, Id user_id) = 0;
  // kNotFound when the user is not a member.
  virtual Status RemoveTeamMember(std::string_view actor, Id team_id, Id user_id) = 0;
  virtual Result<std::vector<Team>> TeamsOfUser(Id user_id) = 0;
  virtual Result<std::vector<User>> ListTeamMembers(Id team_id) = 0;  // by name

  virtual Result<ApiKey> CreateApiKey(std::string_view actor, Id team_id, Role role,
                                      std::string_view key_hash) = 0;
  // Looks a key up for authentication; revoked keys are returned too (the caller refuses them).
  virtual Result<ApiKey> GetApiKeyByHash(std::string_view key_hash) = 0;
  virtual Result<std::vector<ApiKey>> ListApiKeys(Id team_id, Page page) = 0;
  // Revoking twice is fine (no change, but audited).
  virtual Status RevokeApiKey(std::string_view actor, Id key_id) = 0;

  // ---- projects and versions ----
  virtual Result<Project> CreateProject(std::string_view actor, std::string_view name, Id team_id,
                                        Criticality criticality) = 0;
  virtual Result<Project> GetProject(Id id) = 0;
  virtual Result<Project> GetProjectByName(std::string_view name) = 0;
  // By name.
  virtual Result<std::vector<Project>> ListProjects(const ProjectFilter& filter, Page page) = 0;
  Result<std::vector<Project>> ListProjects(Page page) { return ListProjects(ProjectFilter{}, page); }
  // Changes what is given (nullopt = keep). kNotFound for an unknown project or team.
  virtual Result<Project> UpdateProject(std::string_view actor, Id id,
                                        std::optional<Criticality> criticality,
                                        std::optional<Id> team_id) = 0;

  virtual Result<ProjectVersion> CreateVersion(std::string_view actor, Id project_id,
                                               std::string_view version) = 0;
  virtual Result<ProjectVersion> GetVersion(Id id) = 0;
  virtual Result<ProjectVersion> GetVersionByName(Id project_id, std::string_view version) = 0;
  virtual Result<std::vector<ProjectVersion>> ListVersions(Id project_id, Page page) = 0;

  // ---- SBOM documents ----
  // Stores `bytes` verbatim (with their SHA-256) as a new document of `version_id`, and replaces
  // the version's components and edges with those of `sbom`, all in one transaction: on any
  // error nothing of this call is visible and the previous upload stays current. Earlier
  // documents' bytes are kept for history. Concurrent calls for one version (from any number of
  // connections or servers) serialize: the last to commit is current and owns every row.
  // The same transaction queues an "analyze" job for the version (or keeps the one already
  // queued), so a crash right after the commit cannot leave a stored document unanalysed.
  // Returns the new document and that job (callers need not, and should not, enqueue again).
  // Two components with one non-empty bom-ref → kAlreadyExists, nothing stored.
  // `content` comes from PrepareDocumentContent(bytes) (document_content.h), which an ingest
  // runs beside decoding; the second form prepares it here.
  virtual Result<StoredSbom> PutSbom(std::string_view actor, Id version_id,
                                     const DocumentContent& content, const model::Sbom& sbom) = 0;
  Result<StoredSbom> PutSbom(std::string_view actor, Id version_id, std::string_view bytes,
                             const model::Sbom& sbom) {
    return PutSbom(actor, version_id, PrepareDocumentContent(bytes), sbom);
  }
  virtual Result<std::vector<SbomDocument>> ListDocuments(Id version_id) = 0;  // oldest first
  virtual Result<std::string> SbomBytes(Id document_id) = 0;

  // Components of the version's current document, in document order (primary first).
  virtual Result<std::vector<StoredComponent>> ComponentsOf(Id version_id, Page page) = 0;
  virtual Result<std::vector<StoredEdge>> EdgesOf(Id version_id) = 0;

  // ---- queries across the portfolio ----
  // Every component whose purl has the same type and namespace/name as `purl` (its version,
  // qualifiers and subpath are ignored; kInvalidArgument when it does not parse even leniently).
  // With `version`, only components of exactly that version. Ordered by project, version, id.
  // `teams` limits the answer to projects of those teams (nullopt = every team).
  virtual Result<std::vector<WhereUsedRow>> WhereUsed(std::string_view purl,
                                                      std::optional<std::string_view> version,
                                                      Page page, const TeamScope& teams) = 0;
  Result<std::vector<WhereUsedRow>> WhereUsed(std::string_view purl,
                                              std::optional<std::string_view> version, Page page) {
    return WhereUsed(purl, version, page, std::nullopt);
  }
  // Components whose name matches `pattern`, case-insensitively (ASCII); '*' matches any run of
  // characters, everything else is literal. "log4j*" → log4j-core, log4j-api, ...
  // Ordered by project, version, id, like WhereUsed.
  virtual Result<std::vector<WhereUsedRow>> WhereUsedByName(std::string_view pattern, Page page,
                                                            const TeamScope& teams) = 0;
  Result<std::vector<WhereUsedRow>> WhereUsedByName(std::string_view pattern, Page page) {
    return WhereUsedByName(pattern, page, std::nullopt);
  }

  // Every simple path (no repeated node) over the version's edges from the primary component to
  // the component `bom_ref`, shortest first, at most `max_paths` of them. Empty when the target is
  // not reachable; kNotFound when the version has no primary component or no such component.
  Result<std::vector<DependencyPath>> DependencyPaths(Id version_id, std::string_view bom_ref,
                                                      std::size_t max_paths = 100);

  // ---- findings and triage ----
  // Makes `current` the set of active findings of `version_id` in one transaction: reported pairs
  // are created (first_seen = now) or re-activated, and get last_seen = now and the record's
  // details; active findings not in `current` become inactive (their details stay as last
  // reported). Nothing is deleted. Duplicate keys count once (the first record's details win).
  virtual Status RecordFindings(std::string_view actor, Id version_id,
                                const std::vector<FindingRecord>& current) = 0;
  // Keys only (details left empty).
  Status RecordFindingKeys(std::string_view actor, Id version_id,
                           const std::vector<FindingKey>& current);
  // Ordered by component_ref, vulnerability_id.
  virtual Result<std::vector<Finding>> FindingsOf(Id version_id, bool include_inactive,
                                                  Page page) = 0;
  // Findings across versions with their project, version and applicable analysis. Ordered by
  // project name, version string, component_ref, vulnerability_id.
  virtual Result<std::vector<FindingRow>> QueryFindings(const FindingQuery& query, Page page) = 0;
  // The findings QueryFindings would return, counted in the database by project, severity and
  // KEV flag (lists and dashboards need counts, not rows). Ordered by project_id, severity, kev.
  virtual Result<std::vector<FindingCount>> CountFindings(const FindingQuery& query) = 0;
  // Affected-by: the active findings of `vulnerability_id` in the visible teams' projects.
  Result<std::vector<FindingRow>> FindingsByVulnerability(std::string_view vulnerability_id,
                                                          const TeamScope& teams, Page page);

  // Creates or replaces the analysis for (project_id, component, vulnerability_id) — the other
  // fields of `analysis` are the new decision; id/updated_* are ignored — and appends it to the
  // history, in one transaction. Returns the stored analysis.
  virtual Result<Analysis> PutAnalysis(std::string_view actor, const Analysis& analysis) = 0;
  virtual Result<Analysis> GetAnalysis(Id project_id, std::string_view component,
                                       std::string_view vulnerability_id) = 0;
  // Every decision ever put for that key, oldest first (updated_* = when and who).
  virtual Result<std::vector<Analysis>> AnalysisHistory(Id project_id, std::string_view component,
                                                        std::string_view vulnerability_id) = 0;
  // Every current decision of a project, by component then vulnerability.
  virtual Result<std::vector<Analysis>> ListAnalyses(Id project_id, Page page) = 0;

  // ---- sessions (browser sign-in; the api module makes tokens and hashes them) ----
  // Stores a session expiring `ttl` from now. kNotFound for an unknown user, kAlreadyExists for a
  // hash in use. Audited.
  virtual Result<Session> CreateSession(std::string_view actor, std::string_view token_hash,
                                        Id user_id, std::string_view csrf_token,
                                        std::chrono::seconds ttl) = 0;
  // kNotFound when unknown or expired.
  virtual Result<Session> GetSession(std::string_view token_hash) = 0;
  // Sliding expiry: last_seen = now, expires_at = now + ttl. kNotFound when unknown or expired.
  // Not audited (it happens on every request).
  virtual Result<Session> TouchSession(std::string_view token_hash, std::chrono::seconds ttl) = 0;
  // Deleting an unknown session is fine (sign-out is idempotent). Audited.
  virtual Status DeleteSession(std::string_view actor, std::string_view token_hash) = 0;
  // Returns how many were deleted. Audited.
  virtual Result<int> DeleteSessionsOfUser(std::string_view actor, Id user_id) = 0;

  // ---- jobs (the analysis queue) ----
  // Queues a job unless one of that kind is already queued for the version: then that one is
  // returned. kNotFound for an unknown version. Audited when a job is created.
  virtual Result<Job> EnqueueJob(std::string_view actor, std::string_view kind, Id version_id) = 0;
  // Takes the oldest queued job (state → running, attempts + 1, started_at = now, worker).
  // nullopt when none is queued. Safe with any number of concurrent workers: each job is claimed
  // by exactly one (PostgreSQL: FOR UPDATE SKIP LOCKED; SQLite: BEGIN IMMEDIATE).
  virtual Result<std::optional<Job>> ClaimJob(std::string_view worker) = 0;
  // running → done (`error` empty) or failed (with `error`). kNotFound for an unknown job,
  // kConflict when it is not running (e.g. it was requeued after its worker was thought dead).
  virtual Status FinishJob(Id id, std::string_view error) = 0;
  // Running jobs claimed more than `older_than` ago (their worker died) go back to the queue,
  // or to failed after Job::kMaxJobAttempts claims or when the version already has a queued job.
  // Returns how many were requeued or failed.
  virtual Result<int> RequeueStaleJobs(std::chrono::seconds older_than) = 0;
  virtual Result<Job> GetJob(Id id) = 0;
  // Newest first; `state` narrows.
  virtual Result<std::vector<Job>> ListJobs(std::optional<JobState> state, Page page) = 0;

  // ---- vulnerability DB state ----
  virtual Result<VulnDbState> GetVulnDbState() = 0;  // empty fingerprint when never set
  virtual Status SetVulnDbState(std::string_view actor, std::string_view fingerprint) = 0;

  // ---- audit ----
  virtual Result<std::vector<AuditEntry>> ListAudit(Page page) = 0;  // newest first
};

// Opens (creating and migrating when needed) the store at `location`: a "postgresql://" or
// "postgres://" URL → PostgreSQL, anything else is a file path → SQLite.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace sbomhub::store
