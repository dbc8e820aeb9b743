// Fuzzes Cpe::Parse and checks that both bindings round-trip whatever parses, and that a name
// without wildcards matches itself.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "model/cpe.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  using sbomhub::model::Cpe;
  auto parsed = Cpe::Parse(text);
  if (!parsed.ok()) {
    Check(!parsed.status().message().empty());
    return 0;
  }
  auto fs = Cpe::ParseFormattedString(parsed->ToFormattedString());
  Check(fs.ok());
  Check(*fs == *parsed);
  auto uri = Cpe::ParseUri(parsed->ToUri());
  Check(uri.ok());
  Check(*uri == *parsed);
  bool wildcard = false;
  for (std::size_t i = 0; i < Cpe::kAttributeCount; ++i) {
    wildcard = wildcard || parsed->get(static_cast<Cpe::Attribute>(i)).HasWildcard();
  }
  if (!wildcard) Check(parsed->Matches(*parsed));
  // Matching against an arbitrary second name must not crash.
  (void)parsed->Matches(*fs);
  return 0;
}
