// RPM installed packages from rpmdb.sqlite (Fedora 33+, RHEL 9, ...): table Packages(hnum, blob),
// each blob an RPM header without the lead/magic:
//
//   [index count il: u32 BE][data size dl: u32 BE]
//   il × [tag u32][type u32][offset u32][count u32]     (16 bytes each, offsets into data)
//   data[dl]
//
// Tags read: NAME 1000, VERSION 1001, RELEASE 1002, EPOCH 1003, SUMMARY 1004, VENDOR 1011,
// LICENSE 1014, ARCH 1022, SOURCERPM 1044. gpg-pubkey pseudo-packages are skipped.
// purl: pkg:rpm/<os ID>/<name>@<version>-<release>?arch=..&epoch=..&distro=<ID>-<VERSION_ID>
// [&upstream=<source rpm>]. The database is opened from memory, read-only (sqlite3_deserialize).
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::rpm {

class RpmCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "rpm"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

struct RpmHeader {
  std::string name, version, release, arch, license, vendor, summary, source_rpm;
  std::string epoch;  // decimal, empty when absent
};

// One header blob (fuzz entry point).
[[nodiscard]] Result<RpmHeader> ParseRpmHeader(std::string_view blob);
// A whole rpmdb.sqlite file.
[[nodiscard]] Status ParseRpmDb(std::string_view bytes, const Environment& env, CatalogOutput& out);

}  // namespace sbomhub::generate::rpm
