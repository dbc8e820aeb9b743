// libFuzzer entry for RPM header blobs and rpmdb.sqlite: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/rpm/rpm_cataloger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::rpm::ParseRpmHeader(bytes);
  (void)sbomhub::generate::rpm::ParseRpmDb(bytes, {"rocky", "9"}, out);
  return 0;
}
