// Fuzzes the CSAF parser and converter: every status-group product id of an accepted document
// yields exactly one affected entry, and every advisory round-trips through the storage JSON.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "feeds_fuzz_check.h"
#include "vuln/csaf/csaf.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto doc = sbomhub::vuln::ParseCsaf(bytes);
  if (!doc.ok()) return 0;
  auto advisories = sbomhub::vuln::CsafToAdvisories(*doc);
  if (advisories.size() != doc->vulnerabilities.size()) std::abort();
  for (std::size_t i = 0; i < advisories.size(); ++i) {
    std::size_t expected = 0;
    for (const auto& g : doc->vulnerabilities[i].product_status) expected += g.product_ids.size();
    if (advisories[i].affected.size() != expected) std::abort();
    (void)sbomhub::vuln::CheckRoundTrip(std::move(advisories[i]));
  }
  return 0;
}
