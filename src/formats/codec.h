// A codec handles one SBOM family in one encoding (CycloneDX JSON, SPDX tag-value, ...).
// It answers Identify() before Decode(): a cheap look at the bytes that names the spec and version
// even when that version is not supported, so the user hears "CycloneDX 1.7 is not supported yet"
// rather than a parse error. Codecs are listed explicitly in registry.cc; there is no static
// self-registration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::formats {

class MappedInput;

struct Identification {
  model::SpecFamily family = model::SpecFamily::kCycloneDx;
  model::Encoding encoding = model::Encoding::kJson;
  std::string spec_version;  // as declared ("1.6", "2.3", "3.0"); empty if not found
};

struct DecodeOptions {
  std::string file_name;  // used in diagnostics and error messages
};

// A decoded document: the model plus every diagnostic found while decoding. Spec violations are
// diagnostics (severity error), not a failed Result: the document is *invalid* iff
// diagnostics.HasErrors(). A failed Result means no model could be built at all (syntax error,
// unsupported version); its message names the file and line:column.
struct Decoded {
  Identification id;
  model::Sbom sbom;
  Diagnostics diagnostics;
};

struct EncodeOptions {
  std::string spec_version;  // empty = the codec's newest
  bool pretty = true;
};

// Encoded bytes plus warnings for everything in the model the target could not carry (never
// dropped silently).
struct Encoded {
  std::string bytes;
  Diagnostics warnings;
};

class Codec {
 public:
  virtual ~Codec() = default;

  // Stable name used on the command line: "cyclonedx-json", "spdx-tv", ...
  virtual std::string_view Name() const = 0;
  virtual model::SpecFamily Family() const = 0;
  virtual model::Encoding Encoding() const = 0;

  // Recognises the document from its bytes without a full parse. nullopt = not this codec's.
  virtual std::optional<Identification> Identify(std::string_view bytes) const = 0;

  // `bytes` must have at least kInputPadding bytes of spare capacity (ReadFile and PaddedCopy
  // guarantee it); the codec does not copy the input.
  virtual Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const = 0;

  // Decodes a mapped file in place, telling `input` which prefix it has consumed so those pages
  // can leave memory while the model grows (formats/common/mapped_input.h). nullopt: this codec
  // has no such path, and the caller copies the bytes and calls Decode.
  virtual std::optional<Result<Decoded>> DecodeMapped(MappedInput& input,
                                                      const DecodeOptions& options) const {
    (void)input;
    (void)options;
    return std::nullopt;
  }

  // Spec versions Encode accepts, oldest first; empty = this codec cannot encode.
  virtual std::vector<std::string> EncodeVersions() const { return {}; }
  virtual Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const {
    (void)sbom;
    (void)options;
    return Status::Unsupported(std::string(Name()) + " cannot encode");
  }
};

}  // namespace sbomhub::formats
