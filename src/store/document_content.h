#pragma once
// An upload's bytes as the store keeps them: the SHA-256 of the original and the original
// compressed with zstd. Lossless, so "kept verbatim" still holds (SbomBytes gives back exactly
// what was uploaded), while a 12 MB CycloneDX JSON upload writes about 2 MB to the database (and
// to SQLite's WAL, and again at its checkpoint) instead of 12.

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::store {

struct DocumentContent {
  std::string_view original;  // the upload's bytes; not owned, must outlive PutSbom
  std::string sha256;         // lower-case hex digest of `original`
  std::string compression;    // how `stored` encodes `original`: "zstd", or "none"
  std::string stored;         // what the content table holds
};

// Hashes and compresses `original` (about 8 + 35 ms for 12 MB on one core: worth starting on a
// thread of its own while the upload is decoded). Falls back to "none" if zstd fails.
DocumentContent PrepareDocumentContent(std::string_view original);

// The original bytes back from a content row. `expected_size` is the document's size_bytes; a
// row that does not decompress to exactly that many bytes is reported as corrupt.
Result<std::string> RestoreDocumentContent(std::string_view stored, std::string_view compression,
                                           std::int64_t expected_size, std::string_view what);

}  // namespace sbomhub::store
