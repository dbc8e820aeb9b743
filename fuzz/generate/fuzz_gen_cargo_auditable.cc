// libFuzzer entry for cargo-auditable data: ELF + zlib (".dep-v0") and the JSON behind it.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "generate/cargo/auditable_cataloger.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  sbomhub::generate::CatalogOutput out;
  (void)sbomhub::generate::cargo::ParseCargoAuditable(bytes, out);
  (void)sbomhub::generate::cargo::ParseCargoAuditableJson(bytes, out);
  return 0;
}
