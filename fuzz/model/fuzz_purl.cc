// Fuzzes Purl::Parse in both modes and checks that the canonical form is a fixed point:
// whatever parses must print a string that parses (in the same mode) back to the same components.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/purl.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using sbomhub::model::Purl;
  using sbomhub::model::PurlParseMode;
  for (PurlParseMode mode : {PurlParseMode::kStrict, PurlParseMode::kLenient}) {
    auto parsed = Purl::Parse(text, mode);
    if (!parsed.ok()) {
      Check(!parsed.status().message().empty());
      continue;
    }
    std::string canonical = parsed->ToString();
    auto again = Purl::Parse(canonical, mode);
    Check(again.ok());
    Check(*again == *parsed);
    Check(again->ToString() == canonical);
    // Lenient mode may accept what Build (always strict about type rules) refuses.
    if (mode == PurlParseMode::kStrict) {
      auto rebuilt = Purl::Build(*parsed);
      Check(rebuilt.ok());
      Check(rebuilt->ToString() == canonical);
    }
  }
  return 0;
}
