// Python packages (pkg:pypi/<PEP 503 name>@<version>):
//   poetry.lock      TOML [[package]]; category "dev" → scope excluded; [package.dependencies]
//                    → edges by name. No direct edges (they live in pyproject.toml).
//   Pipfile.lock     JSON "default" (required) / "develop" (excluded), "==x" versions, hashes.
//   uv.lock          TOML [[package]]; the project's own entries (source editable/virtual ".")
//                    give the direct edges; sdist hash → hash, sdist url → distribution.
//   requirements*.txt  pinned "name==x" / "name===x" lines (extras, markers, line continuations,
//                    --hash options); unpinned lines are reported as info and skipped. Each
//                    requirement is a direct dependency.
//   *.dist-info/METADATA, *.egg-info/PKG-INFO  installed packages: Name, Version,
//                    License-Expression (else License), Author/Author-email, Requires-Dist
//                    (without "extra ==" markers) → edges resolved by name within the scan.
// A single artifact hash becomes the component hash; several (one per wheel) are kept as
// sbomhub:pypi:file-hash properties, since no one of them is "the" package hash.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::python {

class PoetryLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "poetry"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class PipfileLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "pipenv"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class UvLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "uv"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class RequirementsCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "requirements"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class InstalledPythonCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "python-installed"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

// `pyproject` is the pyproject.toml beside the lock (empty when there is none). Poetry 1.5+ locks
// (lock-version 2.0) no longer mark packages with a category; the project's groups live in
// pyproject.toml. With it, the project's main dependencies become direct edges, and packages
// reachable only from non-main groups (tool.poetry.group.<g>, tool.poetry.dev-dependencies) get
// scope excluded, as `category = "dev"` does in older locks.
[[nodiscard]] Status ParsePoetryLock(std::string_view text, CatalogOutput& out, std::string_view pyproject = {});
[[nodiscard]] Status ParsePipfileLock(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseUvLock(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseRequirements(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParsePythonMetadata(std::string_view text, CatalogOutput& out);

std::string PypiPurl(std::string_view name, std::string_view version);

}  // namespace sbomhub::generate::python
