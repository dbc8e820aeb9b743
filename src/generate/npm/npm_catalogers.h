// npm-ecosystem lockfiles. Each yields pkg:npm purls (scoped names as pkg:npm/%40scope/name),
// scope from the dev/optional flags (dev → excluded, optional → optional, else required),
// integrity → hash, resolved URL → "distribution" external reference, and dependency edges
// resolved the way the package manager resolves them. Edges from the project (from = "") are the
// direct dependencies where the lockfile records them.
//
//   package-lock.json / npm-shrinkwrap.json (and node_modules/.package-lock.json)
//     v1: nested "dependencies" tree; "requires" resolved up the tree.
//     v2/v3: flat "packages" map keyed by install path ("node_modules/a/node_modules/b");
//            dependencies resolved Node-style (nearest node_modules up the path); "link"
//            entries followed to their workspace folder.
//   yarn.lock v1 (custom indented format) and Berry (YAML, "__metadata"). yarn v1 does not record
//     the project's own dependencies, so it has no direct edges.
//   pnpm-lock.yaml v5 ("/name/1.0.0"), v6 ("/name@1.0.0"), v9 ("name@1.0.0" + snapshots).
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::npm {

class PackageLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "npm"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class YarnLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "yarn"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class PnpmLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "pnpm"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// Parsers behind the catalogers (fuzz entry points). `bytes` needs no padding.
[[nodiscard]] Status ParsePackageLock(std::string_view bytes, CatalogOutput& out);
[[nodiscard]] Status ParseYarnLock(std::string_view bytes, CatalogOutput& out);
[[nodiscard]] Status ParsePnpmLock(std::string_view bytes, CatalogOutput& out);

// "@scope/name" + version -> pkg:npm/%40scope/name@version.
std::string NpmPurl(std::string_view full_name, std::string_view version);

}  // namespace sbomhub::generate::npm
