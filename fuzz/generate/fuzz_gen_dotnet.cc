// libFuzzer entry for packages.lock.json and .deps.json: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/dotnet/dotnet_catalogers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::dotnet::ParseNugetLock(bytes, out);
  (void)sbomhub::generate::dotnet::ParseDepsJson(bytes, out);
  return 0;
}
