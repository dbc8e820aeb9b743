// libFuzzer entry for Go build info: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/golang/golang_catalogers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::golang::ParseGoBinary(bytes, out);
  return 0;
}
