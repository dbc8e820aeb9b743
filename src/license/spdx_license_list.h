// The SPDX License List (licenses and exceptions), embedded at build time from a table generated
// by scripts/gen-spdx-license-table from the SPDX license-list data. Lookups are
// case-insensitive, as SPDX license-expression matching is.
#pragma once

#include <span>
#include <string_view>

namespace sbomhub::license {

struct LicenseInfo {
  std::string_view id;
  std::string_view name;
  bool osi_approved;
  bool fsf_libre;
  bool deprecated;
};

struct ExceptionInfo {
  std::string_view id;
  std::string_view name;
  bool deprecated;
};

// Version of the embedded list, e.g. "3.28.0".
std::string_view LicenseListVersion();

// nullptr when `id` is not on the list.
const LicenseInfo* FindLicense(std::string_view id);
const ExceptionInfo* FindException(std::string_view id);

// The whole list, sorted by ASCII lower-cased id. The spans point at static storage.
std::span<const LicenseInfo> AllLicenses();
std::span<const ExceptionInfo> AllExceptions();

// Thread-safety: everything here reads immutable static data.

}  // namespace sbomhub::license
