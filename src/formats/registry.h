// The one list of codecs, and the entry points the rest of sbomhub uses to read and write SBOMs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "formats/codec.h"

namespace sbomhub::formats {

// Every codec, in identification order.
const std::vector<const Codec*>& AllCodecs();

// The codec for a --to name ("cyclonedx-json"); kInvalidArgument listing the valid names if none.
Result<const Codec*> CodecByName(std::string_view name);

// Identifies `bytes` and decodes them with the matching codec. An unrecognised document is a
// kParseError naming the file and saying which formats were tried.
Result<Decoded> DecodeSbom(const std::string& bytes, const DecodeOptions& options);

// Reads `path` (size-limited) and decodes it.
Result<Decoded> DecodeSbomFile(const std::string& path, std::uint64_t max_bytes);

// Encodes with the codec named `target`. Warnings list what the target cannot carry.
Result<Encoded> EncodeSbom(const model::Sbom& sbom, std::string_view target,
                           const EncodeOptions& options);

}  // namespace sbomhub::formats
