// CycloneDX 1.2–1.6 in JSON and XML: identify, decode (with per-version validation), encode
// 1.4/1.5/1.6.
//
// Decode returns the model plus diagnostics: spec violations are error diagnostics with a rule id
// (`cdx.<area>.<rule>`), a JSON pointer or XML path, and line:column; sections the model does not
// hold are one info diagnostic each. A failed Result (malformed input, DOCTYPE in XML, a version
// other than 1.2–1.6) names file:line:column. Encode is deterministic and lists in
// Encoded.warnings everything the target version cannot carry. The mapping and every rule are
// documented in docs/conversion-cyclonedx.md.
//
// The codecs are stateless singletons: every call may run concurrently with any other.
#pragma once

#include "formats/codec.h"

namespace sbomhub::formats::cyclonedx {

const Codec& JsonCodec();  // "cyclonedx-json"
const Codec& XmlCodec();   // "cyclonedx-xml"

}  // namespace sbomhub::formats::cyclonedx
