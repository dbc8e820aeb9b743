// Container images: a `docker save` tarball or an OCI image layout (directory or tarball).
//
//   image.tar ─ manifest.json (docker: [{"Config","RepoTags","Layers":[...]}])
//            └ index.json → manifest blob → layers[].digest → blobs/sha256/<hex> (OCI)
//
// The outer archive is unpacked into a private scratch directory, then each layer, in order, into
// one merged root file system, applying whiteouts (".wh.<name>" deletes <name>,
// ".wh..wh..opq" empties its directory). Every entry is checked before anything is written:
// absolute paths and ".." are refused, no write or delete goes through a symlink created by an
// earlier entry (every parent component is lstat'ed), devices/FIFOs are not created, setuid bits
// are dropped, and hard limits bound total bytes, entry count and the expansion ratio of each
// compressed layer. The catalogers then run on the merged tree (Generate), and each component
// gets `sbomhub:layer` = the digest of the layer that last wrote its source file.
// The scratch directory is removed before returning.
#pragma once

#include <cstdint>
#include <filesystem>

#include "base/status.h"
#include "generate/generator.h"

namespace sbomhub::generate {

struct ImageLimits {
  std::uint64_t max_total_bytes = 8ull << 30;  // all layers, uncompressed
  std::uint64_t max_entries = 1'000'000;
  std::uint64_t max_ratio = 200;  // uncompressed bytes per compressed byte, per layer
};

// True when `path` is a regular file (an image tarball) or a directory with an OCI index.json.
bool LooksLikeImage(const std::filesystem::path& path);

[[nodiscard]] Result<GenerateOutput> GenerateFromImage(const std::filesystem::path& image,
                                                       const GenerateOptions& options,
                                                       const ImageLimits& limits = {});

}  // namespace sbomhub::generate
