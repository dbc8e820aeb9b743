// libFuzzer entry for conan.lock, vcpkg status/manifest and CMake FetchContent: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/cpp/cpp_catalogers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::cpp::ParseConanLock(bytes, out);
  (void)sbomhub::generate::cpp::ParseVcpkgStatus(bytes, out);
  (void)sbomhub::generate::cpp::ParseVcpkgManifest(bytes, out);
  (void)sbomhub::generate::cpp::ParseCMakeFetch(bytes, out);
  return 0;
}
