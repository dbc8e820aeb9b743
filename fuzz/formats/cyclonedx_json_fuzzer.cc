// Fuzzes the CycloneDX JSON codec: identify and decode arbitrary bytes, and when a model comes
// out, encode it (both encodings) and decode the result again. The encoders must always write
// well-formed documents, so a failed re-decode is a bug and aborts. The decode must also agree
// exactly (model, diagnostics, error) with the whole-document reference path, which the
// piece-by-piece decoder falls back to; a difference aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/file.h"
#include "formats/cyclonedx/cyclonedx.h"
#include "formats/cyclonedx/internal.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sbomhub::formats;
  std::string bytes = sbomhub::PaddedCopy(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const Codec& codec = cyclonedx::JsonCodec();
  (void)codec.Identify(bytes);
  DecodeOptions options;
  options.file_name = "fuzz";
  auto decoded = codec.Decode(bytes, options);
  auto reference = cyclonedx::internal::DecodeJsonWholeDocument(bytes, options);
  if (decoded.ok() != reference.ok()) std::abort();
  if (!decoded.ok()) {
    if (decoded.status().ToString() != reference.status().ToString()) std::abort();
    return 0;
  }
  if (!(decoded->sbom == reference->sbom)) std::abort();
  const auto& a = decoded->diagnostics.items();
  const auto& b = reference->diagnostics.items();
  if (a.size() != b.size()) std::abort();
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].severity != b[i].severity || a[i].ToString() != b[i].ToString()) std::abort();
  }
  for (const Codec* target : {&cyclonedx::JsonCodec(), &cyclonedx::XmlCodec()}) {
    auto encoded = target->Encode(decoded->sbom, {});
    if (!encoded.ok()) std::abort();
    auto again = target->Decode(sbomhub::PaddedCopy(encoded->bytes), options);
    if (!again.ok()) std::abort();
  }
  return 0;
}
