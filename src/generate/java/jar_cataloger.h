// Java archives (*.jar, *.war, *.ear, read in memory with libarchive): every
// META-INF/maven/<g>/<a>/pom.properties becomes a pkg:maven component (shaded and fat jars hold
// several); an archive without one falls back to META-INF/MANIFEST.MF (Implementation-Title /
// Bundle-SymbolicName, Implementation-Version / Bundle-Version, vendor → supplier) with a
// path-based bom-ref. Nested archives (BOOT-INF/lib, WEB-INF/lib, ...) are read recursively up to
// depth 4. Limits: 512 MiB uncompressed per top-level file, 200,000 entries, 100x expansion.
// Each component records sbomhub:java:archive-path ("app.jar!BOOT-INF/lib/x.jar").
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::java {

class JarCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "java-archive"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseJavaArchive(std::string_view bytes, std::string_view path, CatalogOutput& out);

}  // namespace sbomhub::generate::java
