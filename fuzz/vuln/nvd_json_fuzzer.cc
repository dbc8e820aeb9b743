// Fuzzes the NVD importer (API/feeds 2.0 and legacy 1.1) and checks the storage round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds_fuzz_check.h"
#include "vuln/nvd/nvd.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::vuln::ImportStats stats;
  sbomhub::vuln::NvdPage page;
  (void)sbomhub::vuln::ParseNvdJson(bytes, "fuzz.json", sbomhub::vuln::CheckRoundTrip, stats, &page);
  return 0;
}
