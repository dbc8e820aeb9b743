// Helpers shared by the backends (not part of the Store contract): turning a model::Sbom into the
// rows both schemas store, paging, timestamps and the name-pattern translation. Keeping this logic
// in one place is what makes the two backends answer identically.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "model/sbom.h"
#include "store/store.h"

namespace sbomhub::store::internal {

// One embedded migration script (generated from src/store/migrations/<backend>/NNNN_name.sql).
struct Migration {
  int version;
  const char* name;
  const char* sql;
};
const std::vector<Migration>& SqliteMigrations();
const std::vector<Migration>& PostgresMigrations();

// Current time, RFC 3339 UTC with microseconds ("2026-11-28T02:00:00.123456Z"), so audit rows
// written in one second still sort by time.
std::string NowUtc();

Page ClampPage(Page page);

// (purl_type, purl_name) of a purl as the where-used index stores it; both empty when `purl` is
// empty or does not parse leniently.
std::pair<std::string, std::string> PurlKey(std::string_view purl);

// The rows PutSbom stores: components in ForEachComponent order (ids left 0) and every edge.
std::vector<StoredComponent> ComponentRows(const model::Sbom& sbom);
// ComponentRows written into `out` (model::CountAllComponents rows) one by one, raising `built` (release)
// every few rows and at the end: another thread can store the first rows while later ones are
// still being built, waiting on `built` (acquire; std::atomic wait/notify).
void FillComponentRows(const model::Sbom& sbom, std::span<StoredComponent> out,
                       std::atomic<std::size_t>& built);
std::vector<StoredEdge> EdgeRows(const model::Sbom& sbom);
// The type an edge row stores: the document's own word for an "other" relationship, else ours.
std::string_view EdgeTypeText(const model::DependencyEdge& e);
// kAlreadyExists when two rows share a non-empty bom_ref. PutSbom replaces every row of a version
// at once, so a duplicate can only come from within one document: it is found here, in memory,
// rather than by a unique index that every inserted row would have to maintain.
Status CheckUniqueRefs(const std::vector<StoredComponent>& rows);

// "log4j*" → "log4j%" with '%', '_' and '\' escaped by '\'; lower-cased (ASCII). Use with
// `lower(name) LIKE ? ESCAPE '\'`.
std::string GlobToLike(std::string_view pattern);
// The literal prefix of a name pattern ("Log4j*" → "log4j"), lower-cased, and the smallest string
// above every string with that prefix (bytewise): a range the name index can seek, so a pattern
// that does not start with '*' reads only the matching stretch of the index. {"", ""} when the
// pattern starts with '*' (or the prefix is all 0xff bytes).
std::pair<std::string, std::string> GlobPrefixRange(std::string_view pattern);

// "%" + `text` lower-cased with '%', '_' and '\' escaped + "%": a case-insensitive substring test.
std::string ContainsToLike(std::string_view text);

// NowUtc() shifted by `offset` (negative for the past), same format so timestamps compare as text.
std::string UtcFromNow(std::chrono::seconds offset);

// Why RequeueStaleJobs fails (rather than requeues) a running job whose worker died: "" to
// requeue it.
std::string StaleJobError(std::int64_t attempts, bool version_has_queued_job);

// A TeamScope as one bindable text. SQLite: "" when nullopt (every team), else the ids as a JSON
// array "[1,2]" for json_each. PostgreSQL: an array literal "{1,2}" ("{}" when nullopt; the
// caller binds has_value() beside it, since the cast is evaluated either way).
std::string TeamsJson(const TeamScope& teams);
std::string TeamsPgArray(const TeamScope& teams);

}  // namespace sbomhub::store::internal
