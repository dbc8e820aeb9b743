// The one table mapping ecosystems (OSV names, purl types, vers types) to version schemes. Adding
// an ecosystem means adding a row here and, if it needs new rules, a scheme file.
#include <optional>
#include <string_view>

#include "base/text.h"
#include "version/version.h"

namespace sbomhub::version {
namespace {

struct Row {
  std::string_view name;
  Scheme scheme;
};

constexpr Row kSchemeNames[] = {
    {"semver", Scheme::kSemver},     {"go", Scheme::kGo},           {"pub", Scheme::kPub},
    {"pep440", Scheme::kPep440},     {"maven", Scheme::kMaven},     {"debian", Scheme::kDebian},
    {"rpm", Scheme::kRpm},           {"alpine", Scheme::kAlpine},   {"rubygems", Scheme::kRubyGems},
    {"nuget", Scheme::kNuGet},       {"composer", Scheme::kComposer}, {"cran", Scheme::kCran},
    {"hackage", Scheme::kHackage},   {"generic", Scheme::kGeneric},
};

// OSV ecosystem names as in osv-schema ecosystems.json (the part before any ':').
constexpr Row kEcosystems[] = {
    {"npm", Scheme::kSemver},
    {"crates.io", Scheme::kSemver},
    {"Hex", Scheme::kSemver},
    {"SwiftURL", Scheme::kSemver},
    {"Bitnami", Scheme::kSemver},
    {"Go", Scheme::kGo},
    {"Pub", Scheme::kPub},
    {"PyPI", Scheme::kPep440},
    {"Maven", Scheme::kMaven},
    {"Debian", Scheme::kDebian},
    {"Ubuntu", Scheme::kDebian},
    {"Red Hat", Scheme::kRpm},
    {"Rocky Linux", Scheme::kRpm},
    {"AlmaLinux", Scheme::kRpm},
    {"SUSE", Scheme::kRpm},
    {"openSUSE", Scheme::kRpm},
    {"Mageia", Scheme::kRpm},
    {"openEuler", Scheme::kRpm},
    {"Photon OS", Scheme::kRpm},
    {"Azure Linux", Scheme::kRpm},
    {"Alpine", Scheme::kAlpine},
    {"Chainguard", Scheme::kAlpine},
    {"Wolfi", Scheme::kAlpine},
    {"RubyGems", Scheme::kRubyGems},
    {"NuGet", Scheme::kNuGet},
    {"Packagist", Scheme::kComposer},
    {"CRAN", Scheme::kCran},
    {"Hackage", Scheme::kHackage},
    {"GHC", Scheme::kHackage},
    {"ConanCenter", Scheme::kGeneric},
    {"GitHub Actions", Scheme::kSemver},
    {"OSS-Fuzz", Scheme::kGeneric},
    {"Linux", Scheme::kGeneric},
};

// purl types (purl-spec types/) and vers types, which reuse them.
constexpr Row kPurlTypes[] = {
    {"npm", Scheme::kSemver},       {"cargo", Scheme::kSemver},    {"hex", Scheme::kSemver},
    {"swift", Scheme::kSemver},     {"bitnami", Scheme::kSemver},  {"github", Scheme::kSemver},
    {"golang", Scheme::kGo},        {"pub", Scheme::kPub},         {"pypi", Scheme::kPep440},
    {"maven", Scheme::kMaven},      {"deb", Scheme::kDebian},      {"rpm", Scheme::kRpm},
    {"apk", Scheme::kAlpine},       {"alpm", Scheme::kGeneric},    {"gem", Scheme::kRubyGems},
    {"nuget", Scheme::kNuGet},      {"composer", Scheme::kComposer}, {"cran", Scheme::kCran},
    {"hackage", Scheme::kHackage},  {"conan", Scheme::kGeneric},   {"generic", Scheme::kGeneric},
    // vers-only scheme names (vers spec "versioning schemes")
    {"semver", Scheme::kSemver},    {"pep440", Scheme::kPep440},   {"debian", Scheme::kDebian},
    {"alpine", Scheme::kAlpine},    {"go", Scheme::kGo},
};

std::optional<Scheme> Find(const Row* begin, const Row* end, std::string_view key, bool exact_first) {
  if (exact_first) {
    for (const Row* r = begin; r != end; ++r) {
      if (r->name == key) return r->scheme;
    }
  }
  for (const Row* r = begin; r != end; ++r) {
    if (EqualsIgnoreCase(r->name, key)) return r->scheme;
  }
  return std::nullopt;
}

template <std::size_t N>
std::optional<Scheme> Find(const Row (&rows)[N], std::string_view key, bool exact_first) {
  return Find(rows, rows + N, key, exact_first);
}

}  // namespace

std::string_view SchemeName(Scheme s) {
  for (const Row& r : kSchemeNames) {
    if (r.scheme == s) return r.name;
  }
  return "generic";
}

std::optional<Scheme> ParseSchemeName(std::string_view name) { return Find(kSchemeNames, name, true); }

std::optional<Scheme> SchemeForEcosystem(std::string_view ecosystem) {
  // "Debian:12", "Alpine:v3.18", "Ubuntu:Pro:22.04:LTS", "Red Hat:enterprise_linux:9::appstream".
  const std::size_t colon = ecosystem.find(':');
  if (colon != std::string_view::npos) ecosystem = ecosystem.substr(0, colon);
  return Find(kEcosystems, ecosystem, true);
}

std::optional<Scheme> SchemeForPurlType(std::string_view purl_type) { return Find(kPurlTypes, purl_type, false); }

Scheme SchemeForVersType(std::string_view vers_type) {
  return SchemeForPurlType(vers_type).value_or(Scheme::kGeneric);
}

}  // namespace sbomhub::version
