// .NET (pkg:nuget/<id>@<version>):
//   packages.lock.json  per-target-framework maps {id: {type Direct|Transitive|Project|CentralTransitive,
//                       resolved, contentHash (base64 SHA-512), dependencies}}; Direct → edges from
//                       the project; "Project" entries are the solution's own projects (skipped).
//   *.deps.json         "libraries" of type "package" (sha512 "sha512-<base64>"); edges from the
//                       "targets" dependency maps; type "project" libraries are the application
//                       (their dependencies become direct edges).
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::dotnet {

class NugetLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "nuget"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class DepsJsonCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "dotnet-deps"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseNugetLock(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseDepsJson(std::string_view text, CatalogOutput& out);

}  // namespace sbomhub::generate::dotnet
