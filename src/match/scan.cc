#include <algorithm>
#include <map>
#include <set>
#include <unordered_set>

#include "base/text.h"
#include "match/internal.h"
#include "vuln/cvss/cvss.h"

namespace sbomhub::match {
namespace {

using internal::RawMatch;

int SeverityRank(std::string_view s) {
  if (s == "Critical") return 5;
  if (s == "High") return 4;
  if (s == "Medium") return 3;
  if (s == "Low") return 2;
  if (s == "None") return 1;
  return 0;  // Unknown
}

// Preference when an advisory carries several vectors: v3.1 (what KEV, EPSS and most policies
// are calibrated on), then v4.0, v3.0, v2.0.
int VectorPreference(vuln::CvssVersion v) {
  switch (v) {
    case vuln::CvssVersion::kV3_1: return 4;
    case vuln::CvssVersion::kV4_0: return 3;
    case vuln::CvssVersion::kV3_0: return 2;
    case vuln::CvssVersion::kV2_0: return 1;
  }
  return 0;
}

// GHSA-derived OSV records carry {"severity":"HIGH"} in database_specific when no vector exists.
std::string DatabaseSeverity(const vuln::Advisory& a) {
  for (const auto& aff : a.affected) {
    for (const std::string* raw : {&aff.database_specific, &aff.ecosystem_specific}) {
      auto pos = raw->find("\"severity\":\"");
      if (pos == std::string::npos) continue;
      pos += 12;
      auto end = raw->find('"', pos);
      if (end == std::string::npos) continue;
      std::string s = AsciiLower(std::string_view(*raw).substr(pos, end - pos));
      if (s == "critical") return "Critical";
      if (s == "high") return "High";
      if (s == "moderate" || s == "medium") return "Medium";
      if (s == "low") return "Low";
    }
  }
  return {};
}

bool IsCve(std::string_view id) { return StartsWith(id, "CVE-"); }

Result<Finding> MergeGroup(const model::Component& c, std::vector<RawMatch*>& group, AdvisorySource& source) {
  Finding f;
  f.component_name = c.name;
  f.component_version = c.version;
  f.component_purl = c.purl;
  f.component_bom_ref = c.bom_ref;

  std::set<std::string> ids;
  std::set<std::string> sources;
  for (RawMatch* m : group) {
    ids.insert(m->advisory->id);
    for (const auto& a : m->advisory->aliases) ids.insert(a);
    sources.insert(std::string(vuln::AdvisorySourceName(m->advisory->source)) + ":" + m->advisory->id);
    if (f.summary.empty()) f.summary = m->advisory->summary;
  }
  // Preferred id: the (smallest) CVE, so findings line up with KEV, EPSS and VEX statements.
  auto cve = std::find_if(ids.begin(), ids.end(), [](const std::string& id) { return IsCve(id); });
  f.id = cve != ids.end() ? *cve : group.front()->advisory->id;
  for (const auto& id : ids) {
    if (id != f.id) f.aliases.push_back(id);
  }
  f.sources.assign(sources.begin(), sources.end());

  // Strongest route first: highest confidence, exact matchers before fuzzy ones.
  std::stable_sort(group.begin(), group.end(), [](const RawMatch* a, const RawMatch* b) {
    return a->detail.confidence > b->detail.confidence;
  });
  f.match = group.front()->detail;
  std::set<std::string> seen_routes{f.match.matcher + f.match.found};
  for (std::size_t i = 1; i < group.size(); ++i) {
    if (seen_routes.insert(group[i]->detail.matcher + group[i]->detail.found).second) {
      f.other_matches.push_back(group[i]->detail);
    }
  }

  // Severity from the best vector any source published, scored by us.
  int best_pref = 0;
  for (RawMatch* m : group) {
    for (const auto& sev : m->advisory->severities) {
      auto parsed = vuln::CvssVector::Parse(sev.vector);
      if (!parsed.ok()) continue;
      int pref = VectorPreference(parsed->version());
      if (pref <= best_pref) continue;
      best_pref = pref;
      vuln::CvssScores scores = parsed->Score();
      f.cvss = CvssSummary{std::string(vuln::CvssVersionName(parsed->version())), sev.vector, scores.base};
      f.severity = std::string(vuln::CvssSeverityName(vuln::CvssSeverityFor(parsed->version(), scores.base)));
    }
  }
  if (f.severity.empty()) {
    for (RawMatch* m : group) {
      f.severity = DatabaseSeverity(*m->advisory);
      if (!f.severity.empty()) break;
    }
  }
  if (f.severity.empty()) f.severity = "Unknown";

  for (const auto& id : ids) {
    if (!IsCve(id)) continue;
    if (!f.kev) {
      SBOMHUB_ASSIGN_OR_RETURN(f.kev, source.KevFor(id));
    }
    SBOMHUB_ASSIGN_OR_RETURN(auto e, source.EpssFor(id));
    if (e && (!f.epss || e->score > f.epss->score)) f.epss = e;
  }

  // Fixed versions in the component's scheme; nearest fix = the smallest above the current one.
  std::set<std::string> fixed;
  std::optional<version::Scheme> scheme;
  for (RawMatch* m : group) {
    fixed.insert(m->fixed_versions.begin(), m->fixed_versions.end());
    if (!scheme && m->scheme) scheme = m->scheme;
  }
  std::vector<std::pair<std::optional<version::Version>, std::string>> ordered;
  for (const auto& v : fixed) {
    std::optional<version::Version> parsed;
    if (scheme) {
      if (auto p = version::Version::Parse(*scheme, v); p.ok()) parsed = std::move(p).value();
    }
    ordered.emplace_back(std::move(parsed), v);
  }
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    if (a.first && b.first) return version::Compare(*a.first, *b.first) < 0;
    return a.first.has_value() && !b.first.has_value();
  });
  std::optional<version::Version> current;
  if (scheme) {
    if (auto p = version::Version::Parse(*scheme, c.version); p.ok()) current = std::move(p).value();
  }
  for (const auto& [parsed, text] : ordered) {
    f.fixed_versions.push_back(text);
    if (f.nearest_fix.empty() && parsed && current && version::Compare(*parsed, *current) > 0) {
      f.nearest_fix = text;
    }
  }
  return f;
}

}  // namespace

Result<ScanResult> Scan(const model::Sbom& sbom, AdvisorySource& source, const ScanOptions& options) {
  ScanResult result;
  std::vector<std::string> sbom_cpes;
  bool needs_names = false;
  std::unordered_set<std::string> name_keys;  // of the components matched by name
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    sbom_cpes.insert(sbom_cpes.end(), c.cpes.begin(), c.cpes.end());
    if (c.purl.empty() && c.cpes.empty()) {
      needs_names = true;
      if (options.name_matching) name_keys.insert(internal::ComponentNameKey(c.name));
    }
  });
  internal::CpeScanStatePtr cpe_state = internal::BuildCpeScanState(sbom_cpes);
  internal::NameIndexPtr names;
  // Name matches are evaluated without platform context (see MatchName).
  internal::CpeScanStatePtr no_platforms = internal::BuildCpeScanState({});
  if (needs_names && options.name_matching) {
    SBOMHUB_ASSIGN_OR_RETURN(names, internal::BuildNameIndex(source, name_keys));
  }

  Status status;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (!status.ok()) return;
    ++result.stats.components;
    std::vector<RawMatch> raw;
    if (!c.purl.empty()) {
      ++result.stats.by_purl;
      status = internal::MatchPurl(c, source, raw);
    }
    if (status.ok() && !c.cpes.empty()) {
      ++result.stats.by_cpe;
      status = internal::MatchCpe(c, *cpe_state, source, raw);
    }
    if (status.ok() && c.purl.empty() && c.cpes.empty()) {
      if (names) {
        ++result.stats.by_name;
        status = internal::MatchName(c, *names, source, options.min_name_confidence, *no_platforms, raw);
      } else {
        ++result.stats.unmatched_identity;
      }
    }
    if (!status.ok() || raw.empty()) return;

    // One problem, one finding: group this component's matches by shared id/alias.
    // GroupByAlias only reads ids and aliases: copy those, not whole records.
    std::vector<vuln::Advisory> advisories(raw.size());
    for (std::size_t i = 0; i < raw.size(); ++i) {
      advisories[i].id = raw[i].advisory->id;
      advisories[i].aliases = raw[i].advisory->aliases;
    }
    for (const auto& group_indices : vuln::GroupByAlias(advisories)) {
      std::vector<RawMatch*> group;
      for (std::size_t i : group_indices) group.push_back(&raw[i]);
      auto merged = MergeGroup(c, group, source);
      if (!merged.ok()) {
        status = merged.status();
        return;
      }
      result.findings.push_back(std::move(merged).value());
    }
  });
  SBOMHUB_RETURN_IF_ERROR(status);

  std::stable_sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    int ra = SeverityRank(a.severity), rb = SeverityRank(b.severity);
    if (ra != rb) return ra > rb;
    if (a.id != b.id) return a.id < b.id;
    if (a.component_name != b.component_name) return a.component_name < b.component_name;
    return a.component_version < b.component_version;
  });
  return result;
}

}  // namespace sbomhub::match
