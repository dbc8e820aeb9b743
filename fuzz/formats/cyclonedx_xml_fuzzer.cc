// Fuzzes the CycloneDX XML codec: identify and decode arbitrary bytes, and when a model comes
// out, encode it (both encodings) and decode the result again. The encoders must always write
// well-formed documents, so a failed re-decode is a bug and aborts.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "base/file.h"
#include "formats/cyclonedx/cyclonedx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sbomhub::formats;
  std::string bytes = sbomhub::PaddedCopy(
      std::string_view(reinterpret_cast<const char*>(data), size));
  const Codec& codec = cyclonedx::XmlCodec();
  (void)codec.Identify(bytes);
  DecodeOptions options;
  options.file_name = "fuzz";
  auto decoded = codec.Decode(bytes, options);
  if (!decoded.ok()) return 0;
  for (const Codec* target : {&cyclonedx::JsonCodec(), &cyclonedx::XmlCodec()}) {
    auto encoded = target->Encode(decoded->sbom, {});
    if (!encoded.ok()) std::abort();
    auto again = target->Decode(sbomhub::PaddedCopy(encoded->bytes), options);
    if (!again.ok()) std::abort();
  }
  return 0;
}
