// Re-analysis after the vulnerability DB changed: which stored versions to queue again.
#include <algorithm>
#include <charconv>
#include <optional>
#include <system_error>
#include <string>
#include <unordered_set>

#include "app/portfolio.h"
#include "app/portfolio_internal.h"
#include "base/sha256.h"

namespace sbomhub::app {

using internal::FetchAll;

Result<std::string> VulnDbFingerprint(vulndb::VulnDb& db) {
  SBOMHUB_ASSIGN_OR_RETURN(auto summary, db.Summary());
  std::sort(summary.begin(), summary.end(),
            [](const auto& a, const auto& b) { return a.source < b.source; });
  std::string text;
  for (const auto& s : summary) {
    text += s.source + '\t' + std::to_string(s.records) + '\t' + std::to_string(s.withdrawn) +
            '\t' + s.newest_modified + '\n';
  }
  return Sha256Hex(text);
}

namespace {

// An AdvisorySource that answers nothing but notes whether the matcher asked for a package or
// CPE product the DB holds advisories for: running match::Scan over it says, with the matcher's
// own purl/CPE → key rules, whether a version touches any advisory at all.
class ProbeSource final : public match::AdvisorySource {
 public:
  ProbeSource(const std::unordered_set<std::string>& packages,
              const std::unordered_set<std::string>& cpes)
      : packages_(packages), cpes_(cpes) {}
  Status ForPackage(const vulndb::PackageKey& key, const AdvisoryFn&) override {
    if (packages_.count(key.ecosystem + '\n' + key.name)) hit_ = true;
    return Status::Ok();
  }
  Status ForCpeProduct(std::string_view vendor, std::string_view product,
                       const AdvisoryFn&) override {
    if (cpes_.count(std::string(vendor) + '\n' + std::string(product))) hit_ = true;
    return Status::Ok();
  }
  Result<std::vector<vulndb::PackageKey>> PackageNames() override {
    return std::vector<vulndb::PackageKey>();
  }
  Result<std::vector<std::pair<std::string, std::string>>> CpeProducts() override {
    return std::vector<std::pair<std::string, std::string>>();
  }
  Result<std::optional<Kev>> KevFor(std::string_view) override { return std::optional<Kev>(); }
  Result<std::optional<Epss>> EpssFor(std::string_view) override { return std::optional<Epss>(); }
  bool hit() const { return hit_; }
  void Reset() { hit_ = false; }

 private:
  const std::unordered_set<std::string>& packages_;
  const std::unordered_set<std::string>& cpes_;
  bool hit_ = false;
};

// The stored components of a version as a model the matchers can read (identity fields only).
model::Sbom IdentityModel(const std::vector<store::StoredComponent>& rows) {
  model::Sbom sbom;
  for (const auto& r : rows) {
    model::Component c;
    c.bom_ref = r.bom_ref;
    c.name = r.name;
    c.group = r.group;
    c.version = r.version;
    c.purl = r.purl;
    if (!r.cpe.empty()) c.cpes.push_back(r.cpe);
    sbom.components.push_back(std::move(c));
  }
  return sbom;
}

// The portfolio's vulndb_state string when it names a change log position:
// "changelog:1:<database id>:<sequence>". Anything else (an older fingerprint, "") names none.
constexpr std::string_view kPositionPrefix = "changelog:1:";

std::string EncodePosition(const vulndb::ChangePosition& pos) {
  return std::string(kPositionPrefix) + pos.id + ':' + std::to_string(pos.seq);
}

std::optional<vulndb::ChangePosition> DecodePosition(std::string_view text) {
  if (!text.starts_with(kPositionPrefix)) return std::nullopt;
  text.remove_prefix(kPositionPrefix.size());
  std::size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  vulndb::ChangePosition pos;
  pos.id = std::string(text.substr(0, colon));
  std::string_view digits = text.substr(colon + 1);
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), pos.seq);
  if (ec != std::errc() || end != digits.data() + digits.size() || digits.empty()) return std::nullopt;
  return pos;
}

}  // namespace

Result<ReanalyseReport> ReanalyseIfDbChanged(store::Store& store, vulndb::VulnDb& db,
                                             std::string_view actor) {
  ReanalyseReport report;
  // A database without the change log (an old schema opened read-only) is told apart by the
  // content fingerprint as before, and always re-analysed in full.
  auto position = db.CurrentChangePosition();
  if (position.ok()) {
    report.fingerprint = EncodePosition(*position);
  } else if (position.status().code() == StatusCode::kUnsupported) {
    SBOMHUB_ASSIGN_OR_RETURN(report.fingerprint, VulnDbFingerprint(db));
  } else {
    return position.status();
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto state, store.GetVulnDbState());
  if (state.fingerprint == report.fingerprint) return report;
  report.db_changed = true;

  // What changed since the position the portfolio last saw, when this database's log can tell.
  std::optional<vulndb::ChangeSet> changes;
  if (position.ok()) {
    if (auto seen = DecodePosition(state.fingerprint); seen && seen->id == position->id) {
      SBOMHUB_ASSIGN_OR_RETURN(changes, db.ChangesSince(seen->seq));
    }
  }

  std::unordered_set<std::string> packages, cpes;
  if (changes) {
    for (const auto& k : changes->packages) packages.insert(k.ecosystem + '\n' + k.name);
    for (const auto& [v, p] : changes->cpes) cpes.insert(v + '\n' + p);
  } else {
    SBOMHUB_ASSIGN_OR_RETURN(auto names, db.PackageNames());
    for (const auto& k : names) packages.insert(k.ecosystem + '\n' + k.name);
    SBOMHUB_ASSIGN_OR_RETURN(auto products, db.CpeProducts());
    for (const auto& [v, p] : products) cpes.insert(v + '\n' + p);
  }
  // Versions with an active finding on a changed id (a KEV or EPSS change, an advisory whose
  // text, severity or withdrawal changed): their findings' details are stale even when no
  // package key moved.
  std::unordered_set<store::Id> by_finding;
  if (changes) {
    for (const auto& id : changes->vulnerabilities) {
      store::FindingQuery query;
      query.vulnerability_id = id;
      SBOMHUB_ASSIGN_OR_RETURN(auto rows, FetchAll<store::FindingRow>([&](store::Page p) {
                                 return store.QueryFindings(query, p);
                               }));
      for (const auto& row : rows) by_finding.insert(row.version.id);
    }
  }
  ProbeSource probe(packages, cpes);
  match::ScanOptions options;
  options.name_matching = false;

  SBOMHUB_ASSIGN_OR_RETURN(auto projects, FetchAll<store::Project>([&](store::Page p) {
                             return store.ListProjects(store::ProjectFilter{}, p);
                           }));
  for (const auto& project : projects) {
    SBOMHUB_ASSIGN_OR_RETURN(auto versions, FetchAll<store::ProjectVersion>([&](store::Page p) {
                               return store.ListVersions(project.id, p);
                             }));
    for (const auto& v : versions) {
      bool queue = by_finding.count(v.id) > 0;
      if (!queue && (!packages.empty() || !cpes.empty())) {
        SBOMHUB_ASSIGN_OR_RETURN(auto rows, FetchAll<store::StoredComponent>([&](store::Page p) {
                                   return store.ComponentsOf(v.id, p);
                                 }));
        if (rows.empty()) continue;
        ++report.versions_checked;
        probe.Reset();
        SBOMHUB_RETURN_IF_ERROR(match::Scan(IdentityModel(rows), probe, options).status());
        queue = probe.hit();
      }
      if (!queue) continue;
      SBOMHUB_RETURN_IF_ERROR(store.EnqueueJob(actor, "analyze", v.id).status());
      report.enqueued.push_back(v.id);
    }
  }
  SBOMHUB_RETURN_IF_ERROR(store.SetVulnDbState(actor, report.fingerprint));
  return report;
}

}  // namespace sbomhub::app
