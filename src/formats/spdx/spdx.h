// SPDX 2.2/2.3 (JSON, tag-value) decode and 2.3 encode; SPDX 2.x YAML decode; SPDX 3.0 JSON-LD
// decode. Each codec is a stateless singleton, safe to use from several threads at once.
// The mapping to and from the model, the validation rules and every encoding warning are listed
// in docs/conversion-spdx.md.
#pragma once

#include "formats/codec.h"

namespace sbomhub::formats::spdx {

const Codec& JsonCodec();      // "spdx-json"
const Codec& TagValueCodec();  // "spdx-tv"
const Codec& JsonLd3Codec();   // "spdx3-jsonld" (decode only)
const Codec& YamlCodec();      // "spdx-yaml" (decode only; same mapping as JSON)

}  // namespace sbomhub::formats::spdx
