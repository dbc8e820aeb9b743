// Fuzzes every version scheme: the first byte picks the scheme, the rest is the version string.
// Parsing must never crash; a parsed version must compare equal to itself and to its copy, and
// comparing with a few fixed versions must be antisymmetric.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "version/version.h"

namespace {

using sbomhub::version::Compare;
using sbomhub::version::Scheme;
using sbomhub::version::Version;

constexpr int kSchemeCount = static_cast<int>(Scheme::kGeneric) + 1;

void Check(bool ok) {
  if (!ok) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto scheme = static_cast<Scheme>(data[0] % kSchemeCount);
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto v = Version::Parse(scheme, text);
  if (!v.ok()) {
    Check(!v.status().message().empty());
    return 0;
  }
  Check(Compare(*v, *v) == 0);
  const Version copy = *v;
  Check(Compare(*v, copy) == 0);
  for (std::string_view other : {"0", "1.0", "1.0.0-rc.1", "2:1.0-1", "1.0a1", "1.0_p1-r2", "v1.2.3"}) {
    auto w = Version::Parse(scheme, other);
    if (!w.ok()) continue;
    Check(Compare(*v, *w) == -Compare(*w, *v));
  }
  return 0;
}
