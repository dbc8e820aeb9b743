// Matching accuracy on the real OSV data in ../shared/data: every version an advisory lists as
// affected (affected[].versions, and the introduced / last_affected bounds of its ranges) must
// match that advisory, and the versions its ranges name as fixed must not. Precision and recall
// are printed per ecosystem; both must be at least 0.99.
#include <gtest/gtest.h>

#include <cstdio>
#include <map>
#include <set>

#include "match/scenario.h"
#include "model/ecosystem.h"
#include "vuln/osv/osv.h"

namespace sbomhub::match {
namespace {

struct Tally {
  std::size_t tp = 0, fn = 0, fp = 0, tn = 0;
  std::vector<std::string> misses;  // first few, for the failure message
};

std::string PurlFor(const vuln::AffectedPackage& a, const std::string& version) {
  model::Ecosystem eco = model::EcosystemFromOsv(a.ecosystem);
  auto pt = model::PurlTypeFor(eco);
  std::string ns, name = a.name;
  if (eco == model::Ecosystem::kMaven) {
    auto colon = name.find(':');
    if (colon != std::string::npos) {
      ns = name.substr(0, colon);
      name = name.substr(colon + 1);
    }
  } else if (eco == model::Ecosystem::kGo || eco == model::Ecosystem::kNpm) {
    auto slash = name.rfind('/');
    if (slash != std::string::npos) {
      ns = name.substr(0, slash);
      name = name.substr(slash + 1);
    }
  }
  std::string purl = "pkg:" + std::string(pt.type) + "/";
  if (!pt.ns.empty()) purl += std::string(pt.ns) + "/";
  if (!ns.empty()) purl += ns + "/";
  return purl + name + "@" + version;
}

bool Reports(const ScanResult& r, const std::string& id) {
  for (const auto& f : r.findings) {
    if (f.id == id || std::find(f.aliases.begin(), f.aliases.end(), id) != f.aliases.end()) return true;
  }
  return false;
}

TEST(OsvAccuracy, ListedVersionsMatchAndFixedVersionsDoNot) {
  testing::Scenario s;
  std::vector<std::string> roots = {testing::SharedData("osv-golang-vulndb"), testing::SharedData("osv-pypa"),
                                    testing::SharedData("osv-rustsec")};
  app::ImportReport report;
  ASSERT_TRUE(app::ImportFeeds(s.db(), roots, report).ok());
  std::printf("imported %zu OSV advisories (%zu skipped) in %.2f s\n", report.TotalRecords(), report.TotalSkipped(),
              report.seconds);

  std::vector<vuln::Advisory> advisories;
  for (const auto& root : roots) {
    vuln::ImportStats stats;
    ASSERT_TRUE(vuln::ImportOsv(root, [&](vuln::Advisory&& a) {
                  if (!a.IsWithdrawn()) advisories.push_back(std::move(a));
                  return Status::Ok();
                }, stats).ok());
  }

  // Expectations grouped by package and version, so each distinct version is scanned once and
  // checked against every advisory that names it.
  struct Expectation {
    std::string advisory;
    bool affected;
  };
  struct PackageCase {
    const vuln::AffectedPackage* sample = nullptr;
    std::map<std::string, std::vector<Expectation>> by_version;
  };
  std::map<std::pair<std::string, std::string>, PackageCase> cases;
  for (const auto& adv : advisories) {
    std::map<std::pair<std::string, std::string>, int> entries_per_package;
    for (const auto& aff : adv.affected) ++entries_per_package[{aff.ecosystem, aff.name}];
    for (const auto& aff : adv.affected) {
      if (aff.ecosystem.empty() || aff.name.empty()) continue;
      // A fixed version is a safe negative only when nothing else in the advisory (another range,
      // another entry for the same package, e.g. per Go sub-package) can still include it.
      const bool sole_range = aff.ranges.size() == 1 && entries_per_package[{aff.ecosystem, aff.name}] == 1;
      if (model::EcosystemFromOsv(aff.ecosystem) == model::Ecosystem::kUnknown) continue;
      std::set<std::string> positives(aff.versions.begin(), aff.versions.end());
      std::set<std::string> negatives;
      for (const auto& range : aff.ranges) {
        if (range.type == vuln::RangeType::kGit) continue;
        for (const auto& e : range.events) {
          if (e.kind == vuln::EventKind::kIntroduced && e.value != "0") positives.insert(e.value);
          if (e.kind == vuln::EventKind::kLastAffected) positives.insert(e.value);
          if (e.kind == vuln::EventKind::kFixed && sole_range) negatives.insert(e.value);
        }
      }
      for (const auto& p : positives) negatives.erase(p);
      std::string eco = vulndb::CanonicalEcosystem(aff.ecosystem);
      PackageCase& pc = cases[{eco, vulndb::NormalizePackageName(eco, aff.name)}];
      pc.sample = &aff;
      for (const auto& v : positives) pc.by_version[v].push_back({adv.id, true});
      for (const auto& v : negatives) pc.by_version[v].push_back({adv.id, false});
    }
  }

  std::map<std::string, Tally> by_ecosystem;
  std::size_t scans = 0;
  for (const auto& [key, pc] : cases) {
    Tally& t = by_ecosystem[key.first];
    for (const auto& [v, expectations] : pc.by_version) {
      std::string purl = PurlFor(*pc.sample, v);
      auto r = s.Scan(testing::SbomOf({testing::Lib(pc.sample->name, v, purl)}));
      ++scans;
      for (const auto& e : expectations) {
        bool reported = Reports(r, e.advisory);
        if (e.affected && reported) ++t.tp;
        if (e.affected && !reported) ++t.fn;
        if (!e.affected && reported) ++t.fp;
        if (!e.affected && !reported) ++t.tn;
        if (e.affected != reported && t.misses.size() < 10) {
          t.misses.push_back((e.affected ? "missed " : "wrongly matched ") + e.advisory + " " + purl);
        }
      }
    }
  }
  std::printf("%zu packages, %zu distinct versions scanned\n", cases.size(), scans);
  for (const auto& [eco, t] : by_ecosystem) {
    double precision = t.tp + t.fp == 0 ? 1.0 : static_cast<double>(t.tp) / static_cast<double>(t.tp + t.fp);
    double recall = t.tp + t.fn == 0 ? 1.0 : static_cast<double>(t.tp) / static_cast<double>(t.tp + t.fn);
    std::printf("%-10s affected versions %6zu  matched %6zu  fixed versions %5zu  wrongly matched %4zu  "
                "precision %.4f  recall %.4f\n",
                eco.c_str(), t.tp + t.fn, t.tp, t.fp + t.tn, t.fp, precision, recall);
    std::string misses;
    for (const auto& m : t.misses) misses += "\n  " + m;
    if (!misses.empty()) std::printf("  first misses:%s\n", misses.c_str());
    EXPECT_GE(precision, 0.99) << eco << misses;
    EXPECT_GE(recall, 0.99) << eco << misses;
  }
}

}  // namespace
}  // namespace sbomhub::match
