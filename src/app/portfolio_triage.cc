// Worklist priorities, VEX import/export and the dashboard summary.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <set>
#include <unordered_map>
#include <tuple>
#include <utility>

#include "app/portfolio.h"
#include "base/text.h"

namespace sbomhub::app {
namespace {

constexpr std::size_t kMaxRows = 10000;

std::string Format1(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return buf;
}

std::string Format2(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

// "YYYY-MM-DD" of now + days (UTC).
std::string UtcDate(int days_from_today) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() +
                                                std::chrono::hours(24 * days_from_today));
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

std::string UtcNow() {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

double SeverityBase(std::string_view severity) {
  if (severity == "critical") return 9.0;
  if (severity == "high") return 7.0;
  if (severity == "medium") return 5.0;
  if (severity == "low") return 3.0;
  if (severity == "none") return 0.0;
  return 5.0;  // unknown
}

double AssetWeight(store::Criticality c) {
  switch (c) {
    case store::Criticality::kCritical:
      return 1.0;
    case store::Criticality::kHigh:
      return 0.75;
    case store::Criticality::kMedium:
      return 0.5;
    case store::Criticality::kLow:
      return 0.25;
  }
  return 0.5;
}

// Open = a human has not closed it (resolved, false positive, not affected).
bool IsOpen(const std::optional<store::Analysis>& a) {
  if (!a) return true;
  switch (a->state) {
    case store::AnalysisState::kResolved:
    case store::AnalysisState::kResolvedWithPedigree:
    case store::AnalysisState::kFalsePositive:
    case store::AnalysisState::kNotAffected:
      return false;
    default:
      return true;
  }
}

Result<std::vector<store::FindingRow>> AllFindings(store::Store& store,
                                                   const store::FindingQuery& q) {
  std::vector<store::FindingRow> out;
  store::Page page{store::Page::kMaxLimit, 0};
  while (out.size() < kMaxRows) {
    SBOMHUB_ASSIGN_OR_RETURN(auto rows, store.QueryFindings(q, page));
    std::size_t n = rows.size();
    for (auto& r : rows) out.push_back(std::move(r));
    if (static_cast<std::int64_t>(n) < page.limit) break;
    page.offset += page.limit;
  }
  if (out.size() > kMaxRows) out.resize(kMaxRows);
  return out;
}

bool WorklistOrder(const WorklistItem& a, const WorklistItem& b) {
  if (a.priority.score != b.priority.score) return a.priority.score > b.priority.score;
  return std::tie(a.row.project.name, a.row.version.version, a.row.finding.component_ref,
                  a.row.finding.vulnerability_id) < std::tie(b.row.project.name,
                                                              b.row.version.version,
                                                              b.row.finding.component_ref,
                                                              b.row.finding.vulnerability_id);
}

}  // namespace

Priority PriorityOf(const store::FindingDetails& d, store::Criticality criticality) {
  Priority p;
  double base = 0;
  if (d.cvss_score) {
    base = std::clamp(*d.cvss_score, 0.0, 10.0);
    p.reasons.push_back("CVSS " + Format1(base) + (d.severity.empty() ? "" : " (" + d.severity + ")"));
  } else {
    base = SeverityBase(d.severity);
    p.reasons.push_back("no CVSS score; severity " +
                        (d.severity.empty() ? std::string("unknown") : d.severity) + " counts as " +
                        Format1(base));
  }
  double threat = 0;
  if (d.kev) {
    threat = 1.0;
    p.reasons.push_back("in CISA KEV (known exploited)");
  }
  if (d.epss) {
    threat = std::max(threat, std::clamp(*d.epss, 0.0, 1.0));
    p.reasons.push_back("EPSS " + Format2(*d.epss));
  }
  double asset = AssetWeight(criticality);
  p.reasons.push_back("asset criticality: " + std::string(store::CriticalityName(criticality)));
  p.score = base * (0.5 + 0.5 * threat) * (0.5 + 0.5 * asset) * 10.0;
  p.score = std::round(p.score * 10.0) / 10.0;
  p.band = p.score >= 70 ? "P1" : p.score >= 45 ? "P2" : p.score >= 20 ? "P3" : "P4";
  if (d.kev && criticality == store::Criticality::kCritical && p.band != "P1") {
    p.band = "P1";
    p.reasons.push_back("KEV on a critical asset: raised to P1");
  } else if (d.kev && (p.band == "P3" || p.band == "P4")) {
    p.band = "P2";
    p.reasons.push_back("KEV: raised to at least P2");
  }
  if (d.needs_verification) p.reasons.push_back("matched by name: needs verification");
  return p;
}

Result<std::vector<WorklistItem>> Worklist(store::Store& store, const WorklistFilter& filter) {
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, AllFindings(store, filter.query));
  std::vector<WorklistItem> out;
  for (auto& r : rows) {
    if (filter.state) {
      store::AnalysisState s = r.analysis ? r.analysis->state : store::AnalysisState::kInTriage;
      if (s != *filter.state) continue;
    }
    Priority p = PriorityOf(r.finding.details, r.project.criticality);
    if (filter.priority && p.band != *filter.priority) continue;
    out.push_back({std::move(r), std::move(p)});
  }
  std::sort(out.begin(), out.end(), WorklistOrder);
  return out;
}

// ---- VEX ----

Result<VexImportReport> ImportVex(store::Store& store, std::string_view actor, store::Id project_id,
                                  std::string_view bytes, std::string_view file_name) {
  SBOMHUB_ASSIGN_OR_RETURN(auto project, store.GetProject(project_id));
  SBOMHUB_ASSIGN_OR_RETURN(vex::VexDocument doc, vex::ReadVex(bytes, std::string(file_name)));
  VexImportReport report;
  report.format = doc.format;

  // Every SBOM of the project: which statement targets name which components.
  std::vector<store::ProjectVersion> versions;
  for (store::Page page{store::Page::kMaxLimit, 0};; page.offset += page.limit) {
    SBOMHUB_ASSIGN_OR_RETURN(auto batch, store.ListVersions(project.id, page));
    versions.insert(versions.end(), batch.begin(), batch.end());
    if (static_cast<std::int64_t>(batch.size()) < page.limit) break;
  }
  // (statement, product, subcomponent) → matched anywhere / the reason it was not.
  using Target = std::tuple<std::size_t, std::optional<std::size_t>, std::optional<std::size_t>>;
  std::map<Target, std::string> unmatched_targets;
  std::set<Target> matched_targets;
  // statement → analysis keys of the components it names.
  std::map<std::size_t, std::set<std::string>> named;
  bool any_sbom = false;
  for (const auto& v : versions) {
    auto sbom = CurrentSbom(store, v.id);
    if (!sbom.ok()) {
      if (sbom.status().code() == StatusCode::kNotFound) continue;
      return sbom.status();
    }
    any_sbom = true;
    std::unordered_map<std::string, std::string> key_of_ref;
    model::ForEachComponent(*sbom, [&](const model::Component& c, std::size_t) {
      if (!c.bom_ref.empty()) key_of_ref[c.bom_ref] = store::AnalysisComponentKey(c.purl, c.name);
    });
    auto m = vex::MatchStatements(doc, *sbom);
    for (const auto& a : m.applied) {
      matched_targets.insert({a.statement, a.product, a.subcomponent});
      auto it = key_of_ref.find(a.component_bom_ref);
      if (it != key_of_ref.end()) named[a.statement].insert(it->second);
    }
    for (const auto& u : m.unmatched) {
      unmatched_targets[{u.statement, u.product, u.subcomponent}] =
          u.reason + " (version " + v.version + ")";
    }
  }

  // Findings of the project (any version, active or not): (analysis key, vulnerability).
  store::FindingQuery q;
  q.project_id = project.id;
  q.include_inactive = true;
  SBOMHUB_ASSIGN_OR_RETURN(auto findings, AllFindings(store, q));
  std::set<std::pair<std::string, std::string>> has_finding;
  for (const auto& f : findings) {
    has_finding.emplace(f.finding.analysis_component, f.finding.vulnerability_id);
  }

  for (std::size_t i = 0; i < doc.statements.size(); ++i) {
    const auto& st = doc.statements[i];
    auto unmatched = [&](std::string reason) {
      report.unmatched.push_back({i, st.vulnerability, std::move(reason)});
    };
    if (!any_sbom) {
      unmatched("project '" + project.name + "' has no SBOM to match against");
      continue;
    }
    for (const auto& [target, reason] : unmatched_targets) {
      if (std::get<0>(target) != i || matched_targets.count(target)) continue;
      unmatched(reason);
    }
    if (st.state == vex::AnalysisState::kUnspecified) {
      if (named.count(i)) unmatched("statement has no analysis state; nothing to record");
      continue;
    }
    auto state = store::ParseAnalysisState(vex::AnalysisStateName(st.state));
    if (!state) {
      unmatched("state '" + std::string(vex::AnalysisStateName(st.state)) + "' not recognised");
      continue;
    }
    std::string responses;
    for (auto r : st.responses) {
      if (!responses.empty()) responses += ',';
      responses += vex::ResponseName(r);
    }
    for (const auto& key : named[i]) {
      // The finding may be filed under an alias of the statement's id.
      std::string vuln;
      if (has_finding.count({key, st.vulnerability})) vuln = st.vulnerability;
      for (const auto& alias : st.aliases) {
        if (vuln.empty() && has_finding.count({key, alias})) vuln = alias;
      }
      if (vuln.empty()) {
        unmatched(key + " has no finding of " + st.vulnerability +
                  " in any version of the project");
        continue;
      }
      store::Analysis a;
      a.project_id = project.id;
      a.component = key;
      a.vulnerability_id = vuln;
      a.state = *state;
      a.justification = std::string(vex::JustificationName(st.justification));
      a.response = responses;
      a.detail = st.detail.empty() ? st.impact_statement : st.detail;
      SBOMHUB_ASSIGN_OR_RETURN(auto stored, store.PutAnalysis(actor, a));
      report.applied.push_back({i, vuln, key, std::move(stored)});
    }
  }
  return report;
}

Result<std::string> ExportVex(store::Store& store, store::Id version_id, vex::VexFormat format,
                              std::string_view publisher_namespace) {
  SBOMHUB_ASSIGN_OR_RETURN(auto version, store.GetVersion(version_id));
  SBOMHUB_ASSIGN_OR_RETURN(auto project, store.GetProject(version.project_id));
  store::FindingQuery q;
  q.version_id = version.id;
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, AllFindings(store, q));
  vex::VexDocument doc;
  doc.format = format;
  doc.id = "urn:sbomhub:vex:" + project.name + ":" + version.version;
  doc.version = "1";
  doc.author = "sbomhub";
  doc.author_namespace = std::string(publisher_namespace);
  doc.title = "VEX for " + project.name + " " + version.version;
  doc.timestamp = UtcNow();
  for (const auto& r : rows) {
    vex::VexStatement st;
    st.vulnerability = r.finding.vulnerability_id;
    st.vulnerability_description = r.finding.details.summary;
    vex::VexProduct product;
    const auto& d = r.finding.details;
    if (!d.component_purl.empty()) {
      product.ref.purl = d.component_purl;
    } else {
      product.ref.bom_ref = r.finding.component_ref;
    }
    product.ref.name = d.component_name;
    st.products.push_back(std::move(product));
    if (r.analysis) {
      st.state = vex::ParseAnalysisState(store::AnalysisStateName(r.analysis->state))
                     .value_or(vex::AnalysisState::kInTriage);
      st.justification =
          vex::ParseJustification(r.analysis->justification).value_or(vex::Justification::kNone);
      std::string_view rest = r.analysis->response;
      while (!rest.empty()) {
        auto comma = rest.find(',');
        if (auto resp = vex::ParseResponse(TrimWhitespace(rest.substr(0, comma))))
          st.responses.push_back(*resp);
        if (comma == std::string_view::npos) break;
        rest.remove_prefix(comma + 1);
      }
      st.detail = r.analysis->detail;
      st.last_updated = r.analysis->updated_at;
    } else {
      st.state = vex::AnalysisState::kInTriage;
    }
    st.timestamp = r.finding.last_seen;
    doc.statements.push_back(std::move(st));
  }
  return vex::WriteVex(doc, format);
}

// ---- dashboard ----

Result<Summary> PortfolioSummary(store::Store& store, const store::TeamScope& teams) {
  Summary s;
  std::vector<store::Project> projects;
  store::ProjectFilter filter;
  filter.team_ids = teams;
  for (store::Page page{store::Page::kMaxLimit, 0};; page.offset += page.limit) {
    SBOMHUB_ASSIGN_OR_RETURN(auto batch, store.ListProjects(filter, page));
    projects.insert(projects.end(), batch.begin(), batch.end());
    if (static_cast<std::int64_t>(batch.size()) < page.limit) break;
  }
  s.projects = projects.size();
  for (const auto& p : projects) {
    for (store::Page page{store::Page::kMaxLimit, 0};; page.offset += page.limit) {
      SBOMHUB_ASSIGN_OR_RETURN(auto batch, store.ListVersions(p.id, page));
      s.versions += batch.size();
      if (static_cast<std::int64_t>(batch.size()) < page.limit) break;
    }
  }

  store::FindingQuery q;
  q.team_ids = teams;
  q.include_inactive = true;
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, AllFindings(store, q));

  std::vector<std::string> days;
  for (int d = -6; d <= 0; ++d) {
    days.push_back(UtcDate(d));
    s.trend.push_back({days.back(), 0, 0});
  }
  auto day_index = [&](const std::string& ts) -> int {
    std::string date = ts.substr(0, 10);
    for (std::size_t i = 0; i < days.size(); ++i)
      if (days[i] == date) return static_cast<int>(i);
    return -1;
  };

  std::map<store::Id, ProjectRisk> risk;
  std::vector<WorklistItem> epss;
  static constexpr const char* kSeverities[] = {"critical", "high", "medium", "low", "none"};
  for (auto& r : rows) {
    int first = day_index(r.finding.first_seen);
    if (first >= 0) ++s.trend[first].new_findings;
    if (!r.finding.active) {
      int last = day_index(r.finding.last_seen);
      if (last >= 0) ++s.trend[last].resolved_findings;
      continue;
    }
    ++s.active_findings;
    const auto& d = r.finding.details;
    std::size_t sev = 5;
    for (std::size_t i = 0; i < 5; ++i)
      if (d.severity == kSeverities[i]) sev = i;
    ++s.by_severity[sev];
    if (d.kev) ++s.kev_findings;
    auto& pr = risk[r.project.id];
    pr.project = r.project;
    ++pr.active_findings;
    if (!IsOpen(r.analysis)) continue;
    ++s.open_findings;
    Priority p = PriorityOf(d, r.project.criticality);
    ++s.by_priority[p.band[1] - '1'];
    if (p.band == "P1") ++pr.p1;
    if (p.band == "P2") ++pr.p2;
    pr.max_priority_score = std::max(pr.max_priority_score, p.score);
    if (d.epss) epss.push_back({std::move(r), std::move(p)});
  }
  std::sort(epss.begin(), epss.end(), [](const WorklistItem& a, const WorklistItem& b) {
    if (*a.row.finding.details.epss != *b.row.finding.details.epss)
      return *a.row.finding.details.epss > *b.row.finding.details.epss;
    return WorklistOrder(a, b);
  });
  if (epss.size() > 10) epss.resize(10);
  s.top_epss = std::move(epss);
  for (auto& [id, pr] : risk) s.projects_by_risk.push_back(std::move(pr));
  std::sort(s.projects_by_risk.begin(), s.projects_by_risk.end(),
            [](const ProjectRisk& a, const ProjectRisk& b) {
              if (a.max_priority_score != b.max_priority_score)
                return a.max_priority_score > b.max_priority_score;
              return a.project.name < b.project.name;
            });
  if (s.projects_by_risk.size() > 10) s.projects_by_risk.resize(10);
  return s;
}

}  // namespace sbomhub::app
