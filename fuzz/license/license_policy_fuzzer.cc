// Fuzzes the license policy parser (YAML/JSON through yaml-cpp, behind sbomhub's depth guard).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "license/policy.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto policy = sbomhub::license::ParsePolicy(text, "fuzz.yaml");
  if (policy.ok()) {
    auto expr = sbomhub::license::ParseExpression("MIT OR (GPL-2.0-only WITH Classpath-exception-2.0 AND LicenseRef-x)");
    if (expr.ok()) (void)sbomhub::license::Evaluate(expr->root, *policy);
  }
  return 0;
}
