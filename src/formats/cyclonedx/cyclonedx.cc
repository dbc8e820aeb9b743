#include "formats/cyclonedx/cyclonedx.h"

#include <optional>
#include <unordered_set>

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

// CycloneDX requires unique bom-refs; a model decoded from an invalid document (an SPDX file
// that repeats an SPDXID, say) may hold duplicates. Later duplicates get a "-2", "-3", ... suffix
// (edges keep pointing at the first) and the caller hears about it.
std::optional<model::Sbom> WithUniqueRefs(const model::Sbom& sbom, std::size_t& renamed) {
  std::unordered_set<std::string> seen;
  bool duplicates = false;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (!c.bom_ref.empty() && !seen.insert(c.bom_ref).second) duplicates = true;
  });
  if (!duplicates) return std::nullopt;
  model::Sbom copy = sbom;
  std::unordered_set<std::string> used;
  model::ForEachComponent(copy, [&](model::Component& c, std::size_t) {
    if (c.bom_ref.empty() || used.insert(c.bom_ref).second) return;
    for (int n = 2;; ++n) {
      std::string candidate = c.bom_ref + "-" + std::to_string(n);
      if (!seen.count(candidate) && used.insert(candidate).second) {
        c.bom_ref = std::move(candidate);
        ++renamed;
        return;
      }
    }
  });
  return copy;
}

template <typename EncodeFn>
Result<Encoded> EncodeUnique(const model::Sbom& sbom, EncodeFn&& encode) {
  std::size_t renamed = 0;
  auto unique = WithUniqueRefs(sbom, renamed);
  auto out = encode(unique ? *unique : sbom);
  if (out.ok() && renamed > 0) {
    out->warnings.Warning("cdx.encode.duplicate-bom-ref",
                          std::to_string(renamed) + " component(s) repeated a bom-ref of the source document; "
                          "renamed with a numeric suffix (dependencies stay with the first)");
  }
  return out;
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
  std::optional<Result<Decoded>> DecodeMapped(MappedInput& input,
                                              const DecodeOptions& options) const override {
    return internal::DecodeJsonMapped(input, options);
  }
  std::vector<std::string> EncodeVersions() const override { return {"1.4", "1.5", "1.6"}; }
  Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const override {
    int minor = EncodeMinor(options.spec_version);
    if (minor == 0) return BadEncodeVersion(Name(), options.spec_version);
    return EncodeUnique(sbom, [&](const model::Sbom& s) { return internal::EncodeJson(s, minor, options.pretty); });
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
    return EncodeUnique(sbom, [&](const model::Sbom& s) { return internal::EncodeXml(s, minor, options.pretty); });
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
