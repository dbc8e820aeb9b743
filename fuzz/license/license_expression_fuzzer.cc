// Fuzzes the SPDX license-expression parser, printer, validator and free-text normalizer.
// Checks the round-trip contract: whatever parses prints to text that parses to the same tree.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "license/expression.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto parsed = sbomhub::license::ParseExpression(text);
  if (parsed.ok()) {
    (void)sbomhub::license::ValidateExpression(parsed->root);
    const std::string printed = sbomhub::license::ToString(parsed->root);
    auto again = sbomhub::license::ParseExpression(printed);
    if (!again.ok() || !(again->root == parsed->root)) std::abort();
    sbomhub::license::ExpressionNode canonical = parsed->root;
    (void)sbomhub::license::Canonicalize(canonical);
  }
  (void)sbomhub::license::NormalizeLicense(text);
  return 0;
}
