// Fuzzes ReadVex and the writers: an accepted document must write in every format whose
// preconditions it meets, every output must read back, and writing the source's own format must
// give back the same statements (the round-trip contract in src/vex/vex.h).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "vex/vex.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sbomhub::vex;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = ReadVex(bytes, "fuzz.json");
  if (!doc.ok()) return 0;
  for (VexFormat format : {VexFormat::kCycloneDx, VexFormat::kOpenVex, VexFormat::kCsaf}) {
    auto written = WriteVex(*doc, format);
    if (!written.ok()) {
      // Only CSAF has preconditions (a date and a publisher namespace).
      if (format != VexFormat::kCsaf) std::abort();
      continue;
    }
    auto again = ReadVex(*written, "rewritten.json");
    if (!again.ok() || again->format != format) std::abort();
    if (format == doc->format && again->statements != doc->statements) std::abort();
  }
  return 0;
}
