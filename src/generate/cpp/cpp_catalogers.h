// C/C++ dependency sources:
//   conan.lock   v2 (Conan 2: "requires"/"build_requires"/"python_requires" arrays of
//                "name/version[@user/channel][#rrev[%ts]]") and v1 ("graph_lock.nodes" with
//                "ref" and "requires" indexes; node "0" is the project → direct edges).
//                purl pkg:conan/<name>@<version>[?user=..&channel=..]; build requirements excluded.
//   vcpkg        installed/vcpkg/status (deb822 paragraphs, "install ok installed", features
//                skipped): pkg:vcpkg/<name>@<version>[?port_version=N]&triplet=<Architecture>.
//                vcpkg.json: the manifest's "dependencies" become direct edges to the installed
//                ports of those names (resolved by name after the walk).
//   CMake        CMakeLists.txt / *.cmake: FetchContent_Declare / ExternalProject_Add with a
//                pinned GIT_TAG or URL + URL_HASH. GitHub repositories become
//                pkg:github/<owner>/<repo>@<tag>; others pkg:generic/<name>@<tag> with
//                vcs_url / download_url qualifiers. Unpinned declarations are reported.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::cpp {

class ConanLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "conan"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class VcpkgCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "vcpkg"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class CMakeFetchCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "cmake"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseConanLock(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseVcpkgStatus(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseVcpkgManifest(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParseCMakeFetch(std::string_view text, CatalogOutput& out);

}  // namespace sbomhub::generate::cpp
