// Fuzzes the CISA KEV readers: the same bytes go through the JSON and the CSV parser. Checks that
// a successful parse indexes every entry exactly once.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vuln/kev/kev.h"

namespace {
void CheckIndex(const sbomhub::Result<sbomhub::vuln::KevCatalog>& c) {
  if (!c.ok()) return;
  if (c->by_cve.size() != c->entries.size()) std::abort();
  for (const auto& e : c->entries) {
    if (c->Find(e.cve_id) != &e) std::abort();
  }
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  CheckIndex(sbomhub::vuln::ParseKevJson(bytes, "fuzz.json"));
  CheckIndex(sbomhub::vuln::ParseKevCsv(bytes, "fuzz.csv"));
  return 0;
}
