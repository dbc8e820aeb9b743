// libFuzzer entry for Java archives (zip via libarchive, nested jars, manifests): any bytes must
// give OK or an error Status, never a crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/java/jar_cataloger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::java::ParseJavaArchive(bytes, "fuzz.jar", out);
  return 0;
}
