#include "store/store.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <deque>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"
#include "model/purl.h"
#include "store/internal.h"

namespace sbomhub::store {

std::string_view RoleName(Role r) {
  switch (r) {
    case Role::kAdmin:
      return "admin";
    case Role::kAnalyst:
      return "analyst";
    case Role::kAuditor:
      return "auditor";
    case Role::kViewer:
      return "viewer";
  }
  return "viewer";
}

std::optional<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kAnalyst, Role::kAuditor, Role::kViewer}) {
    if (RoleName(r) == name) return r;
  }
  return std::nullopt;
}

std::string_view CriticalityName(Criticality c) {
  switch (c) {
    case Criticality::kCritical:
      return "critical";
    case Criticality::kHigh:
      return "high";
    case Criticality::kMedium:
      return "medium";
    case Criticality::kLow:
      return "low";
  }
  return "medium";
}

std::optional<Criticality> ParseCriticality(std::string_view name) {
  for (Criticality c :
       {Criticality::kCritical, Criticality::kHigh, Criticality::kMedium, Criticality::kLow}) {
    if (CriticalityName(c) == name) return c;
  }
  return std::nullopt;
}

std::string_view AnalysisStateName(AnalysisState s) {
  switch (s) {
    case AnalysisState::kInTriage:
      return "in_triage";
    case AnalysisState::kExploitable:
      return "exploitable";
    case AnalysisState::kResolved:
      return "resolved";
    case AnalysisState::kResolvedWithPedigree:
      return "resolved_with_pedigree";
    case AnalysisState::kFalsePositive:
      return "false_positive";
    case AnalysisState::kNotAffected:
      return "not_affected";
  }
  return "in_triage";
}

std::optional<AnalysisState> ParseAnalysisState(std::string_view name) {
  for (AnalysisState s : {AnalysisState::kInTriage, AnalysisState::kExploitable,
                          AnalysisState::kResolved, AnalysisState::kResolvedWithPedigree,
                          AnalysisState::kFalsePositive, AnalysisState::kNotAffected}) {
    if (AnalysisStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::string_view JobStateName(JobState s) {
  switch (s) {
    case JobState::kQueued:
      return "queued";
    case JobState::kRunning:
      return "running";
    case JobState::kDone:
      return "done";
    case JobState::kFailed:
      return "failed";
  }
  return "queued";
}

std::optional<JobState> ParseJobState(std::string_view name) {
  for (JobState s : {JobState::kQueued, JobState::kRunning, JobState::kDone, JobState::kFailed}) {
    if (JobStateName(s) == name) return s;
  }
  return std::nullopt;
}

std::string AnalysisComponentKey(std::string_view purl, std::string_view name) {
  if (!purl.empty()) {
    auto parsed = model::Purl::Parse(purl, model::PurlParseMode::kLenient);
    if (parsed.ok()) {
      std::string out = "pkg:" + parsed->type + "/";
      if (!parsed->ns.empty()) out += parsed->ns + "/";
      out += parsed->name;
      return out;
    }
  }
  return std::string(name);
}

Status Store::RecordFindingKeys(std::string_view actor, Id version_id,
                                const std::vector<FindingKey>& current) {
  std::vector<FindingRecord> records;
  records.reserve(current.size());
  for (const auto& k : current) records.push_back({k, {}});
  return RecordFindings(actor, version_id, records);
}

Result<std::vector<FindingRow>> Store::FindingsByVulnerability(std::string_view vulnerability_id,
                                                               const TeamScope& teams, Page page) {
  FindingQuery q;
  q.team_ids = teams;
  q.vulnerability_id = std::string(vulnerability_id);
  return QueryFindings(q, page);
}

Result<std::vector<DependencyPath>> Store::DependencyPaths(Id version_id, std::string_view bom_ref,
                                                           std::size_t max_paths) {
  std::string primary;
  bool target_found = false;
  Page page{Page::kMaxLimit, 0};
  for (;;) {
    SBOMHUB_ASSIGN_OR_RETURN(auto rows, ComponentsOf(version_id, page));
    for (const auto& c : rows) {
      if (c.primary) primary = c.bom_ref;
      if (c.bom_ref == bom_ref) target_found = true;
    }
    if (static_cast<std::int64_t>(rows.size()) < page.limit) break;
    page.offset += page.limit;
  }
  if (primary.empty()) {
    return Status::NotFound("version " + std::to_string(version_id) +
                            " has no primary component with a bom-ref to start paths from");
  }
  if (!target_found) {
    return Status::NotFound("version " + std::to_string(version_id) + " has no component '" +
                            std::string(bom_ref) + "'");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto edges, EdgesOf(version_id));
  std::unordered_map<std::string, std::vector<std::string>> next;
  for (const auto& e : edges) next[e.from_ref].push_back(e.to_ref);

  // Breadth-first over partial paths yields shortest paths first; a node may not repeat within a
  // path, and the queue is capped so a dense graph cannot exhaust memory before max_paths is met.
  std::vector<DependencyPath> out;
  if (max_paths == 0) return out;
  constexpr std::size_t kMaxQueued = 200000;
  std::deque<DependencyPath> queue;
  queue.push_back({primary});
  while (!queue.empty() && out.size() < max_paths) {
    DependencyPath path = std::move(queue.front());
    queue.pop_front();
    if (path.back() == bom_ref) {
      out.push_back(std::move(path));
      continue;
    }
    auto it = next.find(path.back());
    if (it == next.end()) continue;
    for (const auto& to : it->second) {
      if (std::find(path.begin(), path.end(), to) != path.end()) continue;
      if (queue.size() >= kMaxQueued) break;
      DependencyPath longer = path;
      longer.push_back(to);
      queue.push_back(std::move(longer));
    }
  }
  return out;
}

namespace internal {

std::string NowUtc() { return UtcFromNow(std::chrono::seconds(0)); }

std::string UtcFromNow(std::chrono::seconds offset) {
  auto at = std::chrono::system_clock::now() + offset;
  auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count();
  std::time_t secs = static_cast<std::time_t>(micros / 1000000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec,
                static_cast<long long>(micros % 1000000));
  return buf;
}

std::string TeamsJson(const TeamScope& teams) {
  if (!teams) return "";
  std::string out = "[";
  for (std::size_t i = 0; i < teams->size(); ++i) {
    if (i) out += ',';
    out += std::to_string((*teams)[i]);
  }
  return out + "]";
}

std::string TeamsPgArray(const TeamScope& teams) {
  if (!teams) return "{}";
  std::string out = "{";
  for (std::size_t i = 0; i < teams->size(); ++i) {
    if (i) out += ',';
    out += std::to_string((*teams)[i]);
  }
  return out + "}";
}

std::pair<std::string, std::string> GlobPrefixRange(std::string_view pattern) {
  std::string prefix = AsciiLower(pattern.substr(0, pattern.find('*')));
  std::string upper = prefix;
  while (!upper.empty() && static_cast<unsigned char>(upper.back()) == 0xff) upper.pop_back();
  if (upper.empty()) return {};
  upper.back() = static_cast<char>(static_cast<unsigned char>(upper.back()) + 1);
  return {prefix, upper};
}

std::string StaleJobError(std::int64_t attempts, bool version_has_queued_job) {
  if (attempts >= Job::kMaxJobAttempts) {
    return "worker stopped responding " + std::to_string(attempts) + " times; giving up";
  }
  if (version_has_queued_job) return "worker stopped responding; superseded by a queued job";
  return "";
}

std::string ContainsToLike(std::string_view text) {
  std::string out = "%";
  for (char ch : AsciiLower(text)) {
    if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
    out += ch;
  }
  return out + "%";
}

Page ClampPage(Page page) {
  page.limit = std::clamp<std::int64_t>(page.limit, 1, Page::kMaxLimit);
  page.offset = std::max<std::int64_t>(page.offset, 0);
  return page;
}

std::pair<std::string, std::string> PurlKey(std::string_view purl) {
  if (purl.empty()) return {};
  auto parsed = model::Purl::Parse(purl, model::PurlParseMode::kLenient);
  if (!parsed.ok()) return {};
  std::string name = parsed->ns.empty() ? parsed->name : parsed->ns + "/" + parsed->name;
  return {parsed->type, std::move(name)};
}

namespace {

std::string LicenseText(const std::vector<model::License>& licenses) {
  std::string out;
  for (const auto& l : licenses) {
    if (l.value.empty()) continue;
    bool compound = licenses.size() > 1 && l.kind == model::License::Kind::kExpression &&
                    l.value.find(' ') != std::string::npos;
    if (!out.empty()) out += " AND ";
    out += compound ? "(" + l.value + ")" : l.value;
  }
  return out;
}

std::string HashText(const std::vector<model::Hash>& hashes) {
  std::string out;
  for (const auto& h : hashes) {
    if (!out.empty()) out += ' ';
    out += model::HashAlgorithmName(h.algorithm);
    out += ':';
    out += h.value;
  }
  return out;
}

}  // namespace

void FillComponentRows(const model::Sbom& sbom, std::span<StoredComponent> out,
                       std::atomic<std::size_t>& built) {
  // Often enough that a consumer inserting 64-row batches rarely waits; rarely enough that the
  // notifications cost nothing next to building the rows.
  constexpr std::size_t kPublishEvery = 64;
  std::unordered_set<std::string> direct;
  if (sbom.primary && !sbom.primary->bom_ref.empty()) {
    for (const auto& e : sbom.dependencies) {
      if (e.from == sbom.primary->bom_ref && model::IsDependency(e.type)) direct.insert(e.to);
    }
  }
  const model::Component* primary = sbom.primary ? &*sbom.primary : nullptr;
  std::size_t i = 0;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (i == out.size()) return;  // never past what the caller sized
    StoredComponent& r = out[i];
    r.bom_ref = c.bom_ref;
    r.name = c.name;
    r.group = c.group;
    r.version = c.version;
    r.purl = c.purl;
    std::tie(r.purl_type, r.purl_name) = PurlKey(c.purl);
    if (!c.cpes.empty()) r.cpe = c.cpes.front();
    if (c.supplier) r.supplier = c.supplier->name;
    r.license = LicenseText(c.licenses);
    r.hashes = HashText(c.hashes);
    r.scope = std::string(model::ScopeName(c.scope));
    r.primary = &c == primary;
    r.direct = !r.primary && !c.bom_ref.empty() && direct.count(c.bom_ref) > 0;
    if (++i % kPublishEvery == 0) {
      built.store(i, std::memory_order_release);
      built.notify_all();
    }
  });
  built.store(i, std::memory_order_release);
  built.notify_all();
}

std::vector<StoredComponent> ComponentRows(const model::Sbom& sbom) {
  // Sized once: growing by doubling would hold two copies of a 300k-row vector at its peak.
  std::vector<StoredComponent> rows(model::CountAllComponents(sbom));
  std::atomic<std::size_t> built{0};
  FillComponentRows(sbom, rows, built);
  return rows;
}

std::string_view EdgeTypeText(const model::DependencyEdge& e) {
  return e.type == model::RelationshipType::kOther && !e.raw_type.empty()
             ? std::string_view(e.raw_type)
             : model::RelationshipTypeName(e.type);
}

std::vector<StoredEdge> EdgeRows(const model::Sbom& sbom) {
  std::vector<StoredEdge> rows;
  rows.reserve(sbom.dependencies.size());
  for (const auto& e : sbom.dependencies) {
    rows.push_back({e.from, e.to, std::string(EdgeTypeText(e))});
  }
  return rows;
}

Status CheckUniqueRefs(const std::vector<StoredComponent>& rows) {
  std::unordered_set<std::string_view> seen;
  seen.reserve(rows.size());
  for (const auto& r : rows) {
    if (r.bom_ref.empty()) continue;
    if (!seen.insert(r.bom_ref).second) {
      return Status::AlreadyExists("two components have bom-ref '" + r.bom_ref + "'");
    }
  }
  return Status::Ok();
}

std::string GlobToLike(std::string_view pattern) {
  std::string out;
  out.reserve(pattern.size() + 2);
  for (char ch : AsciiLower(pattern)) {
    if (ch == '*') {
      out += '%';
    } else if (ch == '%' || ch == '_' || ch == '\\') {
      out += '\\';
      out += ch;
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace internal
}  // namespace sbomhub::store
