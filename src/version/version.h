// Version schemes: parse a version string once per ecosystem's rules, then compare parsed values
// cheaply. One table (scheme_table.cc) maps OSV ecosystem names and purl types to a scheme; one file
// per scheme holds its rules (semver.cc, pep440.cc, maven.cc, debian.cc, rpm.cc, alpine.cc,
// golang.cc, rubygems.cc, nuget.cc, composer.cc, cran.cc, hackage.cc, generic.cc).
//
// Usage:
//   auto v = version::Parse(version::Scheme::kPep440, "1.0.dev1");
//   if (!v.ok()) ... v.status().message() says why;
//   if (version::Compare(*v, *bound) < 0) ...
//
// Thread-safety: Version is an immutable value; concurrent reads are safe. Parsing allocates at most
// a buffer and a token vector per version (none for short versions beyond the token vector); Compare
// never allocates.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "version/parsed_version.h"

namespace sbomhub::version {

enum class Scheme {
  kSemver,    // SemVer 2.0 (npm, crates.io, Hex, SwiftURL, ...), leading "v" tolerated
  kGo,        // Go modules: semver with "v", "+incompatible", pseudo-versions
  kPub,       // Dart pub: semver, but build metadata orders after the release
  kPep440,    // PyPI
  kMaven,     // Maven ComparableVersion
  kDebian,    // dpkg (Debian, Ubuntu)
  kRpm,       // rpmvercmp (Red Hat, Rocky, Alma, SUSE, ...)
  kAlpine,    // apk-tools
  kRubyGems,  // Gem::Version
  kNuGet,     // NuGet (4 numeric parts + semver 2 pre-release, case-insensitive)
  kComposer,  // Packagist (composer / PHP version_compare)
  kCran,      // R package_version
  kHackage,   // Haskell Data.Version
  kGeneric,   // fallback: numeric / alphabetic segments
};

// Stable lower-case name: "semver", "go", "pub", "pep440", "maven", "debian", "rpm", "alpine",
// "rubygems", "nuget", "composer", "cran", "hackage", "generic".
std::string_view SchemeName(Scheme s);
std::optional<Scheme> ParseSchemeName(std::string_view name);

// OSV ecosystem ("PyPI", "Debian:12", "Alpine:v3.18", "Ubuntu:22.04:LTS", "Red Hat:...") -> scheme.
// The part after the first ':' is a release qualifier and ignored. Matching is exact on the
// ecosystem name as OSV spells it (ecosystems.json), then case-insensitive. nullopt when unknown:
// the caller decides whether kGeneric is good enough.
std::optional<Scheme> SchemeForEcosystem(std::string_view ecosystem);
// purl type ("npm", "pypi", "deb", "rpm", "apk", "golang", "cargo", "gem", ...), case-insensitive.
std::optional<Scheme> SchemeForPurlType(std::string_view purl_type);
// Also used for `vers:<type>/` where the type is a purl type; unknown types map to kGeneric.
Scheme SchemeForVersType(std::string_view vers_type);

// A parsed version of one scheme. Cheap to copy for short versions; comparisons never allocate.
class Version {
 public:
  // Parses `text` by `scheme`'s rules. Fails with kParseError and a message naming the scheme, the
  // text and, where it helps, the byte position that is wrong.
  static Result<Version> Parse(Scheme scheme, std::string_view text);

  Scheme scheme() const { return scheme_; }
  // The text as given to Parse.
  const std::string& str() const { return text_; }

  // Three-way comparison under the scheme's rules (-1, 0, 1). Versions of different schemes are
  // ordered by scheme first (a programmer error in practice; never undefined behaviour).
  friend int Compare(const Version& a, const Version& b);
  friend bool operator==(const Version& a, const Version& b) { return Compare(a, b) == 0; }
  friend std::strong_ordering operator<=>(const Version& a, const Version& b) {
    return Compare(a, b) <=> 0;
  }

 private:
  Version(Scheme scheme, std::string text, internal::ParsedVersion parsed)
      : scheme_(scheme), text_(std::move(text)), parsed_(std::move(parsed)) {}

  Scheme scheme_;
  std::string text_;
  internal::ParsedVersion parsed_;
};

inline Result<Version> Parse(Scheme scheme, std::string_view text) {
  return Version::Parse(scheme, text);
}
int Compare(const Version& a, const Version& b);
// Parses both and compares; the error names which of the two is invalid.
Result<int> CompareStrings(Scheme scheme, std::string_view a, std::string_view b);

}  // namespace sbomhub::version
