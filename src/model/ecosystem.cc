#include "model/ecosystem.h"

#include <array>

#include "base/text.h"
#include "model/purl.h"

namespace sbomhub::model {
namespace {

using E = Ecosystem;

// The one table. Order matters only among rows of the same ecosystem: the first is canonical.
constexpr std::array kRows = {
    EcosystemRow{E::kNpm, "npm", "", "npm"},
    EcosystemRow{E::kPyPI, "pypi", "", "PyPI"},
    EcosystemRow{E::kGo, "golang", "", "Go"},
    EcosystemRow{E::kCratesIo, "cargo", "", "crates.io"},
    EcosystemRow{E::kMaven, "maven", "", "Maven"},
    EcosystemRow{E::kRubyGems, "gem", "", "RubyGems"},
    EcosystemRow{E::kPackagist, "composer", "", "Packagist"},
    EcosystemRow{E::kNuGet, "nuget", "", "NuGet"},
    EcosystemRow{E::kHex, "hex", "", "Hex"},
    EcosystemRow{E::kPub, "pub", "", "Pub"},
    EcosystemRow{E::kConanCenter, "conan", "", "ConanCenter"},
    EcosystemRow{E::kSwiftUrl, "swift", "", "SwiftURL"},
    EcosystemRow{E::kCran, "cran", "", "CRAN"},
    EcosystemRow{E::kHackage, "hackage", "", "Hackage"},
    EcosystemRow{E::kJulia, "julia", "", "Julia"},
    EcosystemRow{E::kOpam, "opam", "", "opam"},
    EcosystemRow{E::kBitnami, "bitnami", "", "Bitnami"},
    // OSV names GitHub Actions by "{owner}/{repo}", which is what pkg:github/owner/repo carries.
    EcosystemRow{E::kGitHubActions, "github", "", "GitHub Actions"},
    EcosystemRow{E::kVsCode, "vscode-extension", "", "VSCode"},
    EcosystemRow{E::kDebian, "deb", "debian", "Debian"},
    EcosystemRow{E::kUbuntu, "deb", "ubuntu", "Ubuntu"},
    EcosystemRow{E::kAlpine, "apk", "alpine", "Alpine"},
    EcosystemRow{E::kWolfi, "apk", "wolfi", "Wolfi"},
    EcosystemRow{E::kChainguard, "apk", "chainguard", "Chainguard"},
    EcosystemRow{E::kRedHat, "rpm", "redhat", "Red Hat"},
    EcosystemRow{E::kRedHat, "rpm", "rhel", "Red Hat"},
    EcosystemRow{E::kRockyLinux, "rpm", "rocky", "Rocky Linux"},
    EcosystemRow{E::kRockyLinux, "rpm", "rocky-linux", "Rocky Linux"},
    EcosystemRow{E::kAlmaLinux, "rpm", "almalinux", "AlmaLinux"},
    EcosystemRow{E::kOpenSuse, "rpm", "opensuse", "openSUSE"},
    EcosystemRow{E::kOpenSuse, "rpm", "opensuse-leap", "openSUSE"},
    EcosystemRow{E::kOpenSuse, "rpm", "opensuse-tumbleweed", "openSUSE"},
    EcosystemRow{E::kSuse, "rpm", "suse", "SUSE"},
    EcosystemRow{E::kSuse, "rpm", "sles", "SUSE"},
    EcosystemRow{E::kPhotonOs, "rpm", "photon", "Photon OS"},
    EcosystemRow{E::kAzureLinux, "rpm", "azurelinux", "Azure Linux"},
    EcosystemRow{E::kMageia, "rpm", "mageia", "Mageia"},
    EcosystemRow{E::kOpenEuler, "rpm", "openeuler", "openEuler"},
};

const EcosystemRow* CanonicalRow(Ecosystem e) {
  for (const auto& row : kRows) {
    if (row.ecosystem == e) return &row;
  }
  return nullptr;
}

}  // namespace

std::span<const EcosystemRow> EcosystemTable() { return kRows; }

std::string_view OsvEcosystemName(Ecosystem e) {
  const EcosystemRow* row = CanonicalRow(e);
  return row ? row->osv_name : std::string_view();
}

Ecosystem EcosystemForPurl(std::string_view purl_type, std::string_view purl_namespace) {
  for (const auto& row : kRows) {
    if (row.purl_type != purl_type) continue;
    if (row.purl_namespace.empty() || EqualsIgnoreCase(row.purl_namespace, purl_namespace)) {
      return row.ecosystem;
    }
  }
  return Ecosystem::kUnknown;
}

Ecosystem EcosystemForPurl(const Purl& purl) { return EcosystemForPurl(purl.type, purl.ns); }

Ecosystem EcosystemFromOsv(std::string_view osv_ecosystem) {
  std::string_view name = osv_ecosystem.substr(0, osv_ecosystem.find(':'));
  for (const auto& row : kRows) {
    if (EqualsIgnoreCase(row.osv_name, name)) return row.ecosystem;
  }
  return Ecosystem::kUnknown;
}

PurlTypeAndNamespace PurlTypeFor(Ecosystem e) {
  const EcosystemRow* row = CanonicalRow(e);
  if (row == nullptr) return {};
  return {row->purl_type, row->purl_namespace};
}

}  // namespace sbomhub::model
