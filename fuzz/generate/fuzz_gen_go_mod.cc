// libFuzzer entry for go.mod + go.sum: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/golang/golang_catalogers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  std::size_t split = bytes.find('\0');
  std::string_view mod = bytes.substr(0, split);
  std::string_view sum = split == std::string_view::npos ? std::string_view() : bytes.substr(split + 1);
  (void)sbomhub::generate::golang::ParseGoMod(mod, sum, out);
  return 0;
}
