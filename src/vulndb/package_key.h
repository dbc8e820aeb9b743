// How advisories and components meet: an (ecosystem, name) key normalized the same way on both
// sides, so the index lookup is one equality test.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <string_view>

namespace sbomhub::vulndb {

struct PackageKey {
  std::string ecosystem;  // canonical OSV name without ":release" ("PyPI", "Debian", "Go")
  std::string name;       // normalized per ecosystem (see NormalizePackageName)
  bool operator==(const PackageKey&) const = default;
};

// "Debian:12" -> "Debian"; "pypi" -> "PyPI" (the table's spelling); unknown names are kept as
// written without the ":" suffix.
std::string CanonicalEcosystem(std::string_view osv_ecosystem);

// PyPI: PEP 503 (lower case, runs of -_. become -); Go: unchanged (module paths are
// case-sensitive); every other ecosystem: ASCII lower case (their registries fold case).
std::string NormalizePackageName(std::string_view canonical_ecosystem, std::string_view name);

// (vendor, product) of a CPE 2.3 formatted string or 2.2 URI, unescaped and lower-cased: the key
// of the CPE index. nullopt when the string is not a CPE or either field is not a plain value.
std::optional<std::pair<std::string, std::string>> CpeVendorProduct(std::string_view cpe);

}  // namespace sbomhub::vulndb
