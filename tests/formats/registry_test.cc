#include "formats/registry.h"

#include <gtest/gtest.h>

#include "base/file.h"

namespace sbomhub::formats {
namespace {

Result<Decoded> Decode(std::string_view text) {
  DecodeOptions opts;
  opts.file_name = "t.json";
  return DecodeSbom(PaddedCopy(text), opts);
}

TEST(Registry, IdentifiesCycloneDxAndSpdxByContentNotName) {
  auto cdx = Decode(R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1})");
  ASSERT_TRUE(cdx.ok()) << cdx.status().message();
  EXPECT_EQ(cdx->sbom.family, model::SpecFamily::kCycloneDx);
  auto tv = Decode("SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n");
  ASSERT_TRUE(tv.ok()) << tv.status().message();
  EXPECT_EQ(tv->sbom.family, model::SpecFamily::kSpdx);
  EXPECT_EQ(tv->sbom.encoding, model::Encoding::kTagValue);
}

TEST(Registry, UnknownDocumentSaysWhatWasTried) {
  auto r = Decode(R"({"hello":"world"})");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("not a recognised SBOM"), std::string::npos);
  EXPECT_NE(r.status().message().find("cyclonedx-json"), std::string::npos);
  EXPECT_NE(r.status().message().find("t.json"), std::string::npos);
}

TEST(Registry, UnsupportedCycloneDxVersionIsNamed) {
  auto r = Decode(R"({"bomFormat":"CycloneDX","specVersion":"1.7","version":1})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(r.status().message().find("1.7"), std::string::npos);
}

TEST(Registry, CodecByNameListsValidTargets) {
  EXPECT_TRUE(CodecByName("spdx-tv").ok());
  auto bad = CodecByName("cyclonedx-yaml");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("cyclonedx-json"), std::string::npos);
}

}  // namespace
}  // namespace sbomhub::formats
