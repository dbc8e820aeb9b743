// SPDX 3.0 JSON-LD decoding (internal to the SPDX codecs; the public entry is JsonLd3Codec()).
#pragma once

#include <string>

#include "formats/codec.h"

namespace sbomhub::formats::spdx::internal {

// Decodes an SPDX 3.0.x JSON-LD document (core and software profiles) into the model.
Result<Decoded> DecodeSpdx3(const std::string& bytes, const DecodeOptions& options);

}  // namespace sbomhub::formats::spdx::internal
