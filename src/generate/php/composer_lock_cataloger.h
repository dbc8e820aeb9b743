// PHP composer.lock: "packages" (required) and "packages-dev" (scope excluded) become
// pkg:composer/<vendor>/<name>@<version>; license[], authors[], description, dist.url
// (distribution) and dist.shasum (SHA-1), and "require" edges between locked packages
// (platform requirements php / ext-* / lib-* are not packages and are skipped).
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::php {

class ComposerLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "composer"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseComposerLock(std::string_view text, CatalogOutput& out);

}  // namespace sbomhub::generate::php
