// libFuzzer entry for the dpkg status parser: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/dpkg/dpkg_cataloger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  sbomhub::generate::Environment env{"debian", "12"};
  (void)sbomhub::generate::dpkg::ParseDpkgStatus(bytes, env, size % 2 == 0, out);
  return 0;
}
