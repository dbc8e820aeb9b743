#include "formats/cyclonedx/cyclonedx.h"

#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx {
namespace {

int EncodeMinor(std::string_view requested) {
  if (requested.empty()) return internal::kNewestMinor;
  if (requested == "1.4") return 4;
  if (requested == "1.5") return 5;
  if (requested == "1.6") return 6;
  return 0;
}

Status BadEncodeVersion(std::string_view name, std::string_view requested) {
  return Status::InvalidArgument(std::string(name) + " cannot encode CycloneDX " +
                                 std::string(requested) + " (supported: 1.4, 1.5, 1.6)");
}

class CycloneDxJsonCodec final : public Codec {
 public:
  std::string_view Name() const override { return "cyclonedx-json"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kCycloneDx; }
  model::Encoding Encoding() const override { return model::Encoding::kJson; }
  std::optional<Identification> Identify(std::string_view bytes) const override {
    return internal::IdentifyJson(bytes);
  }
  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    return internal::DecodeJson(bytes, options);
  }
  std::vector<std::string> EncodeVersions() const override { return {"1.4", "1.5", "1.6"}; }
  Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const override {
    int minor = EncodeMinor(options.spec_version);
    if (minor == 0) return BadEncodeVersion(Name(), options.spec_version);
    return internal::EncodeJson(sbom, minor, options.pretty);
  }
};

class CycloneDxXmlCodec final : public Codec {
 public:
  std::string_view Name() const override { return "cyclonedx-xml"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kCycloneDx; }
  model::Encoding Encoding() const override { return model::Encoding::kXml; }
  std::optional<Identification> Identify(std::string_view bytes) const override {
    return internal::IdentifyXml(bytes);
  }
  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    return internal::DecodeXml(bytes, options);
  }
  std::vector<std::string> EncodeVersions() const override { return {"1.4", "1.5", "1.6"}; }
  Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const override {
    int minor = EncodeMinor(options.spec_version);
    if (minor == 0) return BadEncodeVersion(Name(), options.spec_version);
    return internal::EncodeXml(sbom, minor, options.pretty);
  }
};

}  // namespace

const Codec& JsonCodec() {
  static const CycloneDxJsonCodec kCodec;
  return kCodec;
}

const Codec& XmlCodec() {
  static const CycloneDxXmlCodec kCodec;
  return kCodec;
}

}  // namespace sbomhub::formats::cyclonedx
