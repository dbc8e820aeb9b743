// SPDX 2.2/2.3 (JSON, tag-value) decode and 2.3 encode; SPDX 3.0 JSON-LD decode.
#pragma once

#include "formats/codec.h"

namespace sbomhub::formats::spdx {

const Codec& JsonCodec();      // "spdx-json"
const Codec& TagValueCodec();  // "spdx-tv"
const Codec& JsonLd3Codec();   // "spdx3-jsonld" (decode only)

}  // namespace sbomhub::formats::spdx
