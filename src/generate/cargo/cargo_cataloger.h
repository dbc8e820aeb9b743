// Rust Cargo.lock (v1–v4): [[package]] entries with a source become pkg:cargo/<name>@<version>
// components (checksum → SHA-256; non-crates.io sources kept as property sbomhub:cargo:source);
// entries without a source are the workspace's own crates, i.e. the project: their
// dependencies are the direct edges. Dependency strings "name", "name version" and
// "name version (source)" are resolved within the file. v1 [metadata] "checksum ..." keys are read.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::cargo {

class CargoLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "cargo"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseCargoLock(std::string_view text, CatalogOutput& out);

}  // namespace sbomhub::generate::cargo
