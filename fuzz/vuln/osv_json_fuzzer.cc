// Fuzzes the OSV JSON importer (single records, arrays, {"vulns": [...]}) and checks that every
// accepted record round-trips through the storage JSON.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds_fuzz_check.h"
#include "vuln/osv/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::vuln::ImportStats stats;
  (void)sbomhub::vuln::ParseOsvJson(bytes, "fuzz.json", sbomhub::vuln::CheckRoundTrip, stats);
  return 0;
}
