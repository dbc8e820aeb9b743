// Go modules (pkg:golang/<module path>@<version>; the last path segment is the purl name):
//   go.mod         require lines (block and single), "// indirect" marks transitive ones (no edge
//                  from the project), replace directives with a version are applied (local
//                  path replacements keep the original and note it). go.sum beside it (read through
//                  the TreeReader) supplies each module's h1: hash as property sbomhub:go:h1.
//   Go binaries    executable ELF files with build info (Go 1.18+ inline format, the
//                  ".go.buildinfo" section or the 16-byte-aligned magic): the main module
//                  (type application), its "dep" lines (with "=>" replacements applied) as edges
//                  from it, and the toolchain as pkg:golang/stdlib@<version>.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::golang {

class GoModCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "go-mod"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class GoBinaryCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "go-binary"; }
  bool Accepts(const FileInfo& file) const override;
  bool WantsModeBits() const override { return true; }
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// go.mod text (+ optional go.sum text).
[[nodiscard]] Status ParseGoMod(std::string_view go_mod, std::string_view go_sum, CatalogOutput& out);
// Any file; a file without Go build info yields nothing and OK.
[[nodiscard]] Status ParseGoBinary(std::string_view bytes, CatalogOutput& out);

std::string GoPurl(std::string_view module_path, std::string_view version);

}  // namespace sbomhub::generate::golang
