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
//   audit_log (append-only; one row per successful mutating call, in the same transaction)
//
// Errors: a unique name/key taken → kAlreadyExists; a referenced id that does not exist →
// kNotFound; a value a column refuses (empty name, bad enum) → kInvalidArgument; the database
// unreachable or busy → kUnavailable; anything else → kInternal.
//
// Thread-safety: a Store holds one connection and belongs to one thread at a time. Open one Store
// per thread (SQLite serializes writers itself; PostgreSQL handles concurrent connections).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/sbom.h"

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

// A finding as stored. Derived data: RecordFindings creates and retires them; nobody edits them.
struct Finding {
  Id id = 0;
  Id version_id = 0;
  std::string component_ref;
  std::string vulnerability_id;
  bool active = true;      // reported by the latest scan of its version
  std::string first_seen;  // RFC 3339 UTC
  std::string last_seen;   // the last scan that reported it
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
  virtual Result<std::vector<User>> ListUsers(Page page) = 0;
  // Adding a member twice is kAlreadyExists.
  virtual Status AddTeamMember(std::string_view actor, Id team_id, Id user_id) = 0;
  virtual Result<std::vector<Team>> TeamsOfUser(Id user_id) = 0;

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
  virtual Result<std::vector<Project>> ListProjects(Page page) = 0;  // by name

  virtual Result<ProjectVersion> CreateVersion(std::string_view actor, Id project_id,
                                               std::string_view version) = 0;
  virtual Result<ProjectVersion> GetVersion(Id id) = 0;
  virtual Result<std::vector<ProjectVersion>> ListVersions(Id project_id, Page page) = 0;

  // ---- SBOM documents ----
  // Stores `bytes` verbatim (with their SHA-256) as a new document of `version_id`, and replaces
  // the version's components and edges with those of `sbom`, all in one transaction: on any
  // error nothing of this call is visible and the previous upload stays current. Earlier
  // documents' bytes are kept for history. Returns the new document.
  virtual Result<SbomDocument> PutSbom(std::string_view actor, Id version_id,
                                       std::string_view bytes, const model::Sbom& sbom) = 0;
  virtual Result<std::vector<SbomDocument>> ListDocuments(Id version_id) = 0;  // oldest first
  virtual Result<std::string> SbomBytes(Id document_id) = 0;

  // Components of the version's current document, in document order (primary first).
  virtual Result<std::vector<StoredComponent>> ComponentsOf(Id version_id, Page page) = 0;
  virtual Result<std::vector<StoredEdge>> EdgesOf(Id version_id) = 0;

  // ---- queries across the portfolio ----
  // Every component whose purl has the same type and namespace/name as `purl` (its version,
  // qualifiers and subpath are ignored; kInvalidArgument when it does not parse even leniently).
  // With `version`, only components of exactly that version. Ordered by project, version, id.
  virtual Result<std::vector<WhereUsedRow>> WhereUsed(std::string_view purl,
                                                      std::optional<std::string_view> version,
                                                      Page page) = 0;
  // Components whose name matches `pattern`, case-insensitively (ASCII); '*' matches any run of
  // characters, everything else is literal. "log4j*" → log4j-core, log4j-api, ...
  virtual Result<std::vector<WhereUsedRow>> WhereUsedByName(std::string_view pattern,
                                                            Page page) = 0;

  // Every simple path (no repeated node) over the version's edges from the primary component to
  // the component `bom_ref`, shortest first, at most `max_paths` of them. Empty when the target is
  // not reachable; kNotFound when the version has no primary component or no such component.
  Result<std::vector<DependencyPath>> DependencyPaths(Id version_id, std::string_view bom_ref,
                                                      std::size_t max_paths = 100);

  // ---- findings and triage ----
  // Makes `current` the set of active findings of `version_id` in one transaction: reported pairs
  // are created (first_seen = now) or re-activated, and get last_seen = now; active findings not
  // in `current` become inactive. Nothing is deleted. Duplicate keys count once.
  virtual Status RecordFindings(std::string_view actor, Id version_id,
                                const std::vector<FindingKey>& current) = 0;
  // Ordered by component_ref, vulnerability_id.
  virtual Result<std::vector<Finding>> FindingsOf(Id version_id, bool include_inactive,
                                                  Page page) = 0;

  // Creates or replaces the analysis for (project_id, component, vulnerability_id) — the other
  // fields of `analysis` are the new decision; id/updated_* are ignored — and appends it to the
  // history, in one transaction. Returns the stored analysis.
  virtual Result<Analysis> PutAnalysis(std::string_view actor, const Analysis& analysis) = 0;
  virtual Result<Analysis> GetAnalysis(Id project_id, std::string_view component,
                                       std::string_view vulnerability_id) = 0;
  // Every decision ever put for that key, oldest first (updated_* = when and who).
  virtual Result<std::vector<Analysis>> AnalysisHistory(Id project_id, std::string_view component,
                                                        std::string_view vulnerability_id) = 0;

  // ---- audit ----
  virtual Result<std::vector<AuditEntry>> ListAudit(Page page) = 0;  // newest first
};

// Opens (creating and migrating when needed) the store at `location`: a "postgresql://" or
// "postgres://" URL → PostgreSQL, anything else is a file path → SQLite.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenStore(const std::string& location);

}  // namespace sbomhub::store
