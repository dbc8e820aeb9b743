// Debian/Ubuntu installed packages: var/lib/dpkg/status and the per-package files of
// var/lib/dpkg/status.d/ (distroless images). Only entries whose Status is "install ok installed"
// count (status.d entries carry no Status and are all installed).
//
// purl: pkg:deb/<os ID>/<name>@<version>?arch=<arch>&distro=<ID>-<VERSION_ID>[&upstream=<source>]
// supplier: Maintainer. Edges: Depends and Pre-Depends, each alternative group resolved to the
// first installed package (real or via Provides, same architecture preferred); version
// constraints do not affect edges. Licenses are not in the database: they are read from
// usr/share/doc/<name>/copyright beside the database when that file uses the machine-readable
// format (DEP-5), as the distinct License: short names (Debian names, kept as license names).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "generate/cataloger.h"

namespace sbomhub::generate::dpkg {

class DpkgCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "dpkg"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// The parser behind the cataloger (also the fuzz entry point). `status_d` relaxes the Status
// requirement. Fails only when the text holds no paragraph at all that looks like a package.
// Distinct License: short names of a DEP-5 copyright file, sorted; empty for free-form files.
std::vector<std::string> CopyrightLicenses(std::string_view text);

[[nodiscard]] Status ParseDpkgStatus(std::string_view text, const Environment& env, bool status_d,
                                     CatalogOutput& out);

}  // namespace sbomhub::generate::dpkg
