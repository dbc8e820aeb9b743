// Generates an SBOM from a directory tree: one walk, every enabled cataloger, deterministic output.
//
//   Generate(root) ── walk (sorted, no symlinks followed, one file system, skip .git & covered
//                  │        node_modules, never open special files)
//                  ├─ per file: catalogers that Accept it ─ read once ─ SHA-256 ─ Catalog()
//                  └─ merge: de-duplicate by bom_ref, attach sbomhub:* properties, resolve edges,
//                            sort → model::Sbom (CycloneDX 1.6 family)
//
// A file a cataloger cannot parse becomes a diagnostic (file + reason) and is skipped; generation
// fails only when the root itself cannot be read or an option is invalid.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "generate/cataloger.h"
#include "model/sbom.h"

namespace sbomhub::generate {

struct GenerateOptions {
  // Primary component; name defaults to the scanned directory's name ("root" for "/").
  std::string name;
  std::string version;
  std::string supplier;
  std::string author;  // metadata.authors[0] when set
  // No timestamp (unless SOURCE_DATE_EPOCH is set) and a serial number derived from the content,
  // so the same input gives identical bytes.
  bool reproducible = false;
  // Cataloger names to run (see AllCatalogers()); empty = all.
  std::vector<std::string> catalogers;
  // Files larger than this are skipped with a warning.
  std::uint64_t max_file_bytes = 256ull << 20;
  // Do not descend into directories on another device (keeps /proc, /sys, /dev out of a "/" scan).
  bool one_file_system = true;
};

struct GenerateStats {
  std::uint64_t directories = 0;
  std::uint64_t files_seen = 0;
  std::uint64_t files_cataloged = 0;  // files read and handed to at least one cataloger
  std::uint64_t bytes_read = 0;
};

struct GenerateOutput {
  model::Sbom sbom;
  Diagnostics diagnostics;  // per-file problems; file = relative path
  GenerateStats stats;
};

[[nodiscard]] Result<GenerateOutput> Generate(const std::filesystem::path& root,
                                              const GenerateOptions& options);

// The NTIA minimum elements the SBOM does not fill, one human-readable line each
// ("supplier name: missing for 12 of 40 components"); empty when all are present.
std::vector<std::string> MissingNtiaElements(const model::Sbom& sbom);

// Reads KEY=value lines of an os-release file (quotes removed).
Environment ParseOsRelease(std::string_view text);

}  // namespace sbomhub::generate
