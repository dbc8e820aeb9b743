// Fuzzes SPDX 2.x tag-value decoding; whatever decodes is also encoded and decoded
// again, so the encoder sees adversarial models too.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/file.h"
#include "formats/spdx/spdx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& codec = sbomhub::formats::spdx::TagValueCodec();
  std::string bytes = sbomhub::PaddedCopy(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)codec.Identify(bytes);
  auto decoded = codec.Decode(bytes, {"fuzz"});
  if (!decoded.ok()) return 0;
  auto encoded = codec.Encode(decoded->sbom, {});
  if (!encoded.ok()) return 0;
  auto again = codec.Decode(sbomhub::PaddedCopy(encoded->bytes), {"fuzz-reencoded"});
  (void)again;
  return 0;
}
