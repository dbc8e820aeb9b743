// Alpine installed packages: lib/apk/db/installed, paragraphs of "X:value" lines
// (P name, V version, A arch, L license, o origin, m maintainer, T description, U url,
// D depends, p provides, C checksum "Q1<base64 SHA-1>").
// purl: pkg:apk/<os ID, default alpine>/<name>@<version>?arch=<A>&distro=<ID>-<VERSION_ID>
// [&upstream=<origin> when different]. Edges: D entries (version constraints stripped, "!"
// conflicts ignored) resolved by package name or by a "p:" provide (so:, cmd:, pc: names).
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::apk {

class ApkCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "apk"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseApkInstalled(std::string_view text, const Environment& env, CatalogOutput& out);

}  // namespace sbomhub::generate::apk
