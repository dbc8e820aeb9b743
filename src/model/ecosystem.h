// Package ecosystems and the one table that ties them to purl types and OSV ecosystem names.
//
// Every place that needs "which ecosystem is this purl" or "which purl type does this OSV advisory
// speak about" reads the table in ecosystem.cc; adding an ecosystem is one enum value plus one row
// (see docs: "Adding an ecosystem"). Distribution ecosystems (deb, rpm, apk) are told apart by the
// purl namespace ("pkg:deb/ubuntu/..." is Ubuntu). Several namespaces may map to one ecosystem
// (aliases such as "sles" for SUSE); the first row of an ecosystem is its canonical purl form.
#pragma once

#include <span>
#include <string_view>

namespace sbomhub::model {

struct Purl;

enum class Ecosystem {
  kUnknown,
  kNpm,
  kPyPI,
  kGo,
  kCratesIo,
  kMaven,
  kRubyGems,
  kPackagist,
  kNuGet,
  kHex,
  kPub,
  kConanCenter,
  kSwiftUrl,
  kCran,
  kHackage,
  kJulia,
  kOpam,
  kBitnami,
  kGitHubActions,
  kVsCode,
  kDebian,
  kUbuntu,
  kAlpine,
  kWolfi,
  kChainguard,
  kRedHat,
  kRockyLinux,
  kAlmaLinux,
  kOpenSuse,
  kSuse,
  kPhotonOs,
  kAzureLinux,
  kMageia,
  kOpenEuler,
};

struct EcosystemRow {
  Ecosystem ecosystem;
  std::string_view purl_type;       // "deb"
  std::string_view purl_namespace;  // "ubuntu"; "" when the type alone decides
  std::string_view osv_name;        // "Ubuntu" (OSV `affected[].package.ecosystem`, no ":release")
};

// The whole table, in declaration order (canonical row of each ecosystem first).
std::span<const EcosystemRow> EcosystemTable();

// OSV spelling ("crates.io", "Red Hat"); "" for kUnknown.
std::string_view OsvEcosystemName(Ecosystem e);

// The ecosystem of a purl type + namespace (namespace compared case-insensitively, and only for
// types whose rows name one). kUnknown when nothing matches ("pkg:deb/kali/x", "pkg:generic/x").
Ecosystem EcosystemForPurl(std::string_view purl_type, std::string_view purl_namespace);
Ecosystem EcosystemForPurl(const Purl& purl);

// The ecosystem an OSV ecosystem string names. The optional ":<release>" or ":<repo-url>" suffix
// is ignored ("Debian:11", "Ubuntu:Pro:18.04:LTS", "Maven:https://maven.google.com"); the name is
// compared case-insensitively. kUnknown when not in the table.
Ecosystem EcosystemFromOsv(std::string_view osv_ecosystem);

// Canonical purl type and namespace for building a purl of this ecosystem ({"", ""} for kUnknown).
struct PurlTypeAndNamespace {
  std::string_view type;
  std::string_view ns;
};
PurlTypeAndNamespace PurlTypeFor(Ecosystem e);

}  // namespace sbomhub::model
