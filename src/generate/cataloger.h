// A cataloger finds packages in one kind of source file (a lockfile, a package database, a
// binary). The generator walks the scanned tree once, asks every enabled cataloger whether it
// accepts a file (by its relative path and a few stat facts, never by reading it), reads each
// accepted file once and hands the same bytes to every cataloger that accepted it.
//
// Catalogers are stateless and listed explicitly in registry.cc (no static self-registration).
// A cataloger that cannot make sense of a file returns a non-OK Status naming the position; the
// generator turns it into a diagnostic for that file and carries on with the next one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::generate {

// Facts about the scanned root that catalogers need beyond one file (read once, before the walk).
struct Environment {
  std::string os_id;          // os-release ID ("debian"), empty when unknown
  std::string os_version_id;  // os-release VERSION_ID ("12")
};

// What the walker knows about a file before reading it.
struct FileInfo {
  std::string relative_path;  // '/'-separated, relative to the scanned root, no leading "./"
  std::uint64_t size = 0;      // filled only when some enabled cataloger WantsModeBits()
  bool executable = false;     // any execute bit set; same condition
};

// Reads another file of the scanned tree (a lockfile's companion: go.mod's go.sum). Paths are
// relative to the root; "..", absolute paths and symlinks anywhere on the path are refused, and
// only regular files are opened. Bytes read this way are not separately hashed.
class TreeReader {
 public:
  virtual ~TreeReader() = default;
  virtual Result<std::string> ReadRelative(std::string_view relative_path,
                                           std::uint64_t max_bytes) const = 0;
};

struct CatalogInput {
  const FileInfo& info;
  const std::string& bytes;  // whole file; capacity >= size() + kInputPadding (simdjson-ready)
  const std::string& sha256;  // lower-case hex SHA-256 of `bytes`
  const Environment& env;
  const TreeReader* tree = nullptr;  // null when cataloging a lone buffer (tests, fuzzing)
};

// The directory part of a relative path ("a/b/go.mod" -> "a/b", "go.mod" -> "").
std::string_view DirName(std::string_view relative_path);
// dir + "/" + name, or name when dir is empty.
std::string JoinRelative(std::string_view dir, std::string_view name);

// Prefix of an edge target that names a package only by its version-less purl
// ("sbomhub:by-name:pkg:pypi/requests"): the generator resolves it after the walk to the package
// of that name found beside the source (same parent directory of the source file's directory),
// else to the only package of that name; otherwise the edge is dropped.
inline constexpr std::string_view kByNamePrefix = "sbomhub:by-name:";

// Edges name components by bom_ref. `from` empty means "the project this source file describes":
// the generator points such edges from the primary component, which makes them the direct
// dependencies; edges between two packages are transitive ones.
struct CatalogOutput {
  std::vector<model::Component> components;
  std::vector<model::DependencyEdge> edges;
  // bom_refs whose dependency list in `edges` is complete (the source records every dependency,
  // possibly none); becomes CycloneDX dependencies[] entries even when empty.
  std::vector<std::string> dependency_known;
  Diagnostics diagnostics;  // warnings about parts of the file that were skipped
};

class Cataloger {
 public:
  virtual ~Cataloger() = default;
  // Stable lower-case name used by --catalogers and in the sbomhub:cataloger property ("dpkg").
  virtual std::string_view Name() const = 0;
  // Cheap, path-based test; must not touch the file system.
  virtual bool Accepts(const FileInfo& file) const = 0;
  // True when Accepts() looks at FileInfo::executable/size. The walker then stats every regular
  // file; otherwise it stats only the files some cataloger accepted (a "/" scan stays cheap).
  virtual bool WantsModeBits() const { return false; }
  // Appends what it finds to `out`. Components must carry bom_ref (canonical purl when one
  // exists). The generator adds the source-file properties and de-duplicates.
  [[nodiscard]] virtual Status Catalog(const CatalogInput& input, CatalogOutput& out) const = 0;
};

// Every cataloger, in a fixed order (registry.cc).
const std::vector<const Cataloger*>& AllCatalogers();

// The last '/'-separated segment of a relative path.
std::string_view BaseName(std::string_view relative_path);

}  // namespace sbomhub::generate
