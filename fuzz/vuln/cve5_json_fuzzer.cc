// Fuzzes the CVE JSON 5 importer and checks the storage round trip.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds_fuzz_check.h"
#include "vuln/cve5/cve5.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::vuln::ImportStats stats;
  (void)sbomhub::vuln::ParseCve5Json(bytes, "fuzz.json", sbomhub::vuln::CheckRoundTrip, stats);
  return 0;
}
