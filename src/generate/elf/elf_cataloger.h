// ELF executables and shared objects (files with an execute bit, or named *.so / *.so.N).
// Each ELF file becomes one component identified by its path (bom_ref "sbomhub:file:<path>",
// hash = the file's SHA-256), named by its SONAME or file name, with:
//   - DT_NEEDED entries as edges to the scanned library with that SONAME (resolved by the
//     generator after the walk; unresolved ones dropped),
//   - the FDO packaging-metadata note (".note.package", owner "FDO", type 0xcafe1a7e, JSON
//     {"type","name","version","architecture","os","osVersion"}) → the component's purl,
//   - embedded copies of well-known libraries found by version string (kEmbeddedRules in
//     elf_cataloger.cc) as separate pkg:generic components with a CPE, linked from the file.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::elf {

class ElfCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "elf"; }
  bool Accepts(const FileInfo& file) const override;
  bool WantsModeBits() const override { return true; }
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// `relative_path` and `sha256` describe the file; non-ELF bytes yield nothing and OK.
[[nodiscard]] Status ParseElfBinary(std::string_view bytes, std::string_view relative_path,
                                    std::string_view sha256, CatalogOutput& out);

}  // namespace sbomhub::generate::elf
