#include "formats/registry.h"

#include "base/file.h"
#include "formats/common/mapped_input.h"
#include "formats/cyclonedx/cyclonedx.h"
#include "formats/spdx/spdx.h"

namespace sbomhub::formats {

const std::vector<const Codec*>& AllCodecs() {
  // The one list. Adding a format: one folder plus one line here.
  static const std::vector<const Codec*> kCodecs = {
      &cyclonedx::JsonCodec(),
      &cyclonedx::XmlCodec(),
      &spdx::JsonCodec(),
      &spdx::TagValueCodec(),
      &spdx::JsonLd3Codec(),
      &spdx::YamlCodec(),
  };
  return kCodecs;
}

Result<const Codec*> CodecByName(std::string_view name) {
  std::string names;
  for (const Codec* c : AllCodecs()) {
    if (c->Name() == name) return c;
    if (!c->EncodeVersions().empty()) {
      if (!names.empty()) names += ", ";
      names += c->Name();
    }
  }
  return Status::InvalidArgument("unknown format '" + std::string(name) + "' (valid: " + names + ")");
}

Result<Decoded> DecodeSbom(const std::string& bytes, const DecodeOptions& options) {
  for (const Codec* c : AllCodecs()) {
    if (auto id = c->Identify(bytes)) return c->Decode(bytes, options);
  }
  std::string tried;
  for (const Codec* c : AllCodecs()) {
    if (!tried.empty()) tried += ", ";
    tried += c->Name();
  }
  return Status::ParseError((options.file_name.empty() ? "<input>" : options.file_name) +
                            ": not a recognised SBOM (tried " + tried + ")");
}

Result<Decoded> DecodeSbomFile(const std::string& path, std::uint64_t max_bytes) {
  DecodeOptions options;
  options.file_name = path;
  // Mapped, a codec that decodes in place hands consumed pages back as it goes, so the input
  // and the finished model are not both resident; otherwise (and for stdin, pipes, errors) the
  // file is read whole.
  if (auto mapped = MappedInput::Open(path, max_bytes)) {
    for (const Codec* c : AllCodecs()) {
      if (!c->Identify(mapped->bytes())) continue;
      if (auto decoded = c->DecodeMapped(*mapped, options)) return std::move(*decoded);
      break;
    }
  }
  auto bytes = ReadFile(path, max_bytes);
  if (!bytes.ok()) return bytes.status();
  return DecodeSbom(*bytes, options);
}

Result<Encoded> EncodeSbom(const model::Sbom& sbom, std::string_view target,
                           const EncodeOptions& options) {
  auto codec = CodecByName(target);
  if (!codec.ok()) return codec.status();
  return (*codec)->Encode(sbom, options);
}

}  // namespace sbomhub::formats
