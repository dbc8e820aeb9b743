// Fuzzes the OSV YAML path (libyaml events -> JSON -> record converter), including alias
// expansion limits, and checks the storage round trip of every accepted record.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "feeds_fuzz_check.h"
#include "vuln/osv/osv.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::vuln::ImportStats stats;
  (void)sbomhub::vuln::ParseOsvYaml(bytes, "fuzz.yaml", sbomhub::vuln::CheckRoundTrip, stats);
  return 0;
}
