// CycloneDX 1.2–1.6 in JSON and XML: identify, decode (with per-version validation), encode
// 1.4/1.5/1.6.
#pragma once

#include "formats/codec.h"

namespace sbomhub::formats::cyclonedx {

const Codec& JsonCodec();  // "cyclonedx-json"
const Codec& XmlCodec();   // "cyclonedx-xml"

}  // namespace sbomhub::formats::cyclonedx
