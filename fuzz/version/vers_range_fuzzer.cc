// Fuzzes vers range parsing: a range that parses must print canonically, read back to the same
// text, and answer containment for its own constraint versions without crashing.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "version/vers_range.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto r = sbomhub::version::VersRange::Parse(text);
  if (!r.ok()) return 0;
  const std::string canonical = r->ToString();
  auto again = sbomhub::version::VersRange::Parse(canonical);
  if (!again.ok() || again->ToString() != canonical) std::abort();
  for (const auto& c : r->constraints()) {
    const bool in = r->Contains(c.version);
    const bool inclusive = c.comparator != sbomhub::version::VersComparator::kNe &&
                           c.comparator != sbomhub::version::VersComparator::kLt &&
                           c.comparator != sbomhub::version::VersComparator::kGt;
    // A version named with =, <= or >= is always inside; one named with != always outside.
    if (inclusive && !in) std::abort();
    if (c.comparator == sbomhub::version::VersComparator::kNe && in) std::abort();
  }
  return 0;
}
