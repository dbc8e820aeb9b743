// Fuzzes SPDX 3.0 JSON-LD decoding.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "base/file.h"
#include "formats/spdx/spdx.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto& codec = sbomhub::formats::spdx::JsonLd3Codec();
  std::string bytes = sbomhub::PaddedCopy(std::string_view(reinterpret_cast<const char*>(data), size));
  (void)codec.Identify(bytes);
  auto decoded = codec.Decode(bytes, {"fuzz"});
  (void)decoded;
  return 0;
}
