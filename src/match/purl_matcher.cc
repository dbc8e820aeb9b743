// purl → OSV: the component's ecosystem and package name select candidate advisories; each
// affected entry of the same ecosystem and name is evaluated with the ecosystem's own version
// scheme (explicit `versions[]` first, then ranges).
#include <algorithm>

#include "base/text.h"
#include "match/internal.h"
#include "model/ecosystem.h"
#include "model/purl.h"
#include "version/npm_range.h"

namespace sbomhub::match::internal {
namespace {

// The package names OSV uses for this purl in its ecosystem. Distribution packages are also
// looked up by their source package (`upstream` qualifier), which is what Debian and Alpine
// advisories name.
std::vector<std::string> OsvNames(const model::Purl& p, model::Ecosystem eco) {
  std::vector<std::string> names;
  switch (eco) {
    case model::Ecosystem::kMaven:
      names.push_back(p.ns.empty() ? p.name : p.ns + ":" + p.name);
      break;
    case model::Ecosystem::kNpm:
    case model::Ecosystem::kGo:
    case model::Ecosystem::kPackagist:
    case model::Ecosystem::kSwiftUrl:
    case model::Ecosystem::kGitHubActions:
      names.push_back(p.ns.empty() ? p.name : p.ns + "/" + p.name);
      break;
    default:
      names.push_back(p.name);
  }
  std::string_view upstream = p.Qualifier("upstream");
  if (!upstream.empty()) {
    // "openssl@3.0.11-1" or "openssl" — keep the package part.
    std::string source(upstream.substr(0, upstream.find('@')));
    if (!source.empty() && source != names.front()) names.push_back(std::move(source));
  }
  return names;
}

// "Debian:12" applies to purls of Debian 12 only; an affected entry without a release applies to
// every release. A purl without a distro qualifier is matched against every release.
bool ReleaseApplies(std::string_view osv_ecosystem, const model::Purl& p) {
  auto colon = osv_ecosystem.find(':');
  if (colon == std::string_view::npos) return true;
  std::string_view release = osv_ecosystem.substr(colon + 1);
  std::string_view distro = p.Qualifier("distro");
  if (distro.empty()) return true;
  // distro=debian-12 / ubuntu-22.04 / alpine-3.18 / bookworm; release "12" / "22.04:LTS" / "v3.18".
  std::string rel(release.substr(0, release.find(':')));
  if (!rel.empty() && rel.front() == 'v') rel.erase(0, 1);
  std::string d = AsciiLower(distro);
  auto dash = d.rfind('-');
  std::string distro_version = dash == std::string::npos ? d : d.substr(dash + 1);
  return distro_version == AsciiLower(rel) || StartsWith(distro_version, AsciiLower(rel) + ".") ||
         StartsWith(AsciiLower(rel), distro_version + ".");
}

}  // namespace

Status MatchPurl(const model::Component& c, AdvisorySource& source, std::vector<RawMatch>& out) {
  auto parsed = model::Purl::Parse(c.purl, model::PurlParseMode::kLenient);
  if (!parsed.ok()) return Status::Ok();  // reported by validation; nothing to search by here
  const model::Purl& p = *parsed;
  model::Ecosystem eco = model::EcosystemForPurl(p);
  if (eco == model::Ecosystem::kUnknown) return Status::Ok();
  std::string ecosystem(model::OsvEcosystemName(eco));
  std::string version_text = !p.version.empty() ? p.version : c.version;
  if (version_text.empty()) return Status::Ok();

  for (const std::string& name : OsvNames(p, eco)) {
    vulndb::PackageKey key{ecosystem, vulndb::NormalizePackageName(ecosystem, name)};
    Status s = source.ForPackage(key, [&](const vuln::Advisory& a) -> Status {
      for (std::size_t i = 0; i < a.affected.size(); ++i) {
        const auto& aff = a.affected[i];
        if (aff.ecosystem.empty() || vulndb::CanonicalEcosystem(aff.ecosystem) != ecosystem) continue;
        if (vulndb::NormalizePackageName(ecosystem, aff.name) != key.name) continue;
        if (!ReleaseApplies(aff.ecosystem, p)) continue;
        if (aff.status != vuln::ProductStatus::kAffected) continue;

        std::string why;
        bool affected = std::find(aff.versions.begin(), aff.versions.end(), version_text) != aff.versions.end();
        if (affected) why = "version " + version_text + " listed";
        if (!affected && !aff.npm_range.empty()) {
          // Legacy npm advisories carry node-semver ranges ("<4.17.12 || >=5.0.0 <5.0.1").
          auto range = version::NpmRangeToVers(aff.npm_range);
          if (range.ok() && range->Contains(version_text)) {
            affected = true;
            why = "in npm range " + aff.npm_range +
                  (aff.npm_patched_range.empty() ? "" : " (patched: " + aff.npm_patched_range + ")");
          }
        }
        auto range_type = aff.ranges.empty() ? vuln::RangeType::kEcosystem : aff.ranges.front().type;
        version::Scheme scheme = SchemeForAffected(aff.ecosystem, range_type);
        auto v = version::Version::Parse(scheme, version_text);
        std::vector<std::string> fixed;
        for (const auto& range : aff.ranges) {
          for (const auto& e : range.events) {
            if (e.kind == vuln::EventKind::kFixed) fixed.push_back(e.value);
          }
          if (affected) continue;
          if (EvaluateOsvRange(range, scheme, version_text) == RangeVerdict::kAffected) {
            affected = true;
            why = "in range " + DescribeRange(range);
          }
        }
        if (!affected && v.ok()) {
          // Listed versions may be spelled differently ("1.0" vs "1.0.0" under semver rules).
          for (const auto& listed : aff.versions) {
            auto lv = version::Version::Parse(scheme, listed);
            if (lv.ok() && version::Compare(*lv, *v) == 0) {
              affected = true;
              why = "version " + listed + " listed";
              break;
            }
          }
        }
        if (!affected) continue;
        RawMatch m;
        m.advisory = &a;
        m.detail.searched_by = "purl " + c.purl;
        m.detail.found = a.id + " affects " + aff.ecosystem + "/" + aff.name + ": " + why;
        m.detail.matcher = "purl-osv";
        m.detail.confidence = 1.0;
        m.fixed_versions = std::move(fixed);
        m.scheme = scheme;
        out.push_back(std::move(m));
        break;  // one route per advisory is enough
      }
      return Status::Ok();
    });
    SBOMHUB_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

}  // namespace sbomhub::match::internal
