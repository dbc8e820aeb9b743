#include "license/spdx_license_list.h"

#include <algorithm>
#include <cstddef>

namespace sbomhub::license {
namespace {

#include "license/spdx_license_data.inc"

constexpr char LowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

// Three-way comparison of the ASCII lower-cased forms, without allocating (lookups run once per
// license token of every component, so they stay allocation-free).
int CompareIgnoreCase(std::string_view a, std::string_view b) {
  const std::size_t n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const unsigned char ca = static_cast<unsigned char>(LowerAscii(a[i]));
    const unsigned char cb = static_cast<unsigned char>(LowerAscii(b[i]));
    if (ca != cb) return ca < cb ? -1 : 1;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

template <typename Row, std::size_t N>
const Row* Lookup(const Row (&rows)[N], std::string_view id) {
  const Row* it = std::lower_bound(std::begin(rows), std::end(rows), id, [](const Row& row, std::string_view key) {
    return CompareIgnoreCase(row.id, key) < 0;
  });
  if (it != std::end(rows) && CompareIgnoreCase(it->id, id) == 0) return it;
  return nullptr;
}

}  // namespace

std::string_view LicenseListVersion() { return kSpdxListVersion; }

const LicenseInfo* FindLicense(std::string_view id) { return Lookup(kSpdxLicenses, id); }

const ExceptionInfo* FindException(std::string_view id) { return Lookup(kSpdxExceptions, id); }

std::span<const LicenseInfo> AllLicenses() { return kSpdxLicenses; }

std::span<const ExceptionInfo> AllExceptions() { return kSpdxExceptions; }

}  // namespace sbomhub::license
