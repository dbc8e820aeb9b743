// Fuzzes npm range conversion: any range that converts must yield a valid, round-tripping vers
// range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "version/npm_range.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = sbomhub::version::NpmRangeToVers(text);
  if (!r.ok()) return 0;
  const std::string canonical = r->ToString();
  auto again = sbomhub::version::VersRange::Parse(canonical);
  if (!again.ok() || again->ToString() != canonical) std::abort();
  return 0;
}
