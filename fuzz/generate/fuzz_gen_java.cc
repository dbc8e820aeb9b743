// libFuzzer entry for pom.xml and gradle.lockfile: any bytes must give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/java/java_catalogers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::java::ParsePom(bytes, out);
  (void)sbomhub::generate::java::ParseGradleLockfile(bytes, out);
  return 0;
}
