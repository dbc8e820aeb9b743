// Rust binaries built with `cargo auditable`: the ELF section ".dep-v0" holds zlib-compressed JSON
//   {"packages": [{"name", "version", "source": "crates.io"|"local"|"git"|..., "kind": "build"?,
//                  "dependencies": [indexes], "root": true?}]}
// Packages become pkg:cargo/<name>@<version> (the root one type application; "local" crates
// other than the root carry sbomhub:cargo:source), edges follow the dependency indexes, and
// build-only packages get scope excluded. Decompressed JSON is limited to 64 MiB.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::cargo {

class CargoAuditableCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "cargo-auditable"; }
  bool Accepts(const FileInfo& file) const override { return file.executable; }
  bool WantsModeBits() const override { return true; }
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// Any bytes; a file without the section yields nothing and OK.
[[nodiscard]] Status ParseCargoAuditable(std::string_view bytes, CatalogOutput& out);
// The decompressed JSON (fuzz/test entry point).
[[nodiscard]] Status ParseCargoAuditableJson(std::string_view json, CatalogOutput& out);

}  // namespace sbomhub::generate::cargo
