// The SPDX codec objects: identification from the first bytes, then decode/encode through the
// shared RawDoc mapping (spdx_internal.h).
#include <cstring>
#include <string>
#include <string_view>

#include "base/text.h"
#include "formats/spdx/spdx.h"
#include "formats/spdx/spdx_internal.h"
#include "formats/spdx/spdx3.h"

namespace sbomhub::formats::spdx {
namespace {

using internal::RawDoc;

constexpr std::size_t kIdentifyWindow = 4096;

std::string_view Head(std::string_view bytes) {
  // Skip a UTF-8 byte order mark: some tools write one.
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return bytes.substr(0, kIdentifyWindow);
}

// The string value after `"key"` and a colon, if it is a plain string; nullopt otherwise.
std::optional<std::string> JsonStringAfter(std::string_view s, std::size_t key_end) {
  std::size_t i = key_end;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  if (i >= s.size() || s[i] != ':') return std::nullopt;
  ++i;
  while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  if (i >= s.size() || s[i] != '"') return std::nullopt;
  std::size_t end = s.find('"', i + 1);
  if (end == std::string_view::npos || end - i > 64) return std::nullopt;
  return std::string(s.substr(i + 1, end - i - 1));
}

class SpdxJsonCodec final : public Codec {
 public:
  std::string_view Name() const override { return "spdx-json"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kSpdx; }
  model::Encoding Encoding() const override { return model::Encoding::kJson; }

  std::optional<Identification> Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes);
    std::string_view t = TrimWhitespace(head);
    if (t.empty() || t[0] != '{') return std::nullopt;
    // spdxVersion is usually near the top, but key order is free: with sorted keys it comes last.
    // An "SPDXID" key in the window (the Microsoft SBOM tool writes files first and the version
    // last) is enough to claim the document; the version is then looked up in the whole input
    // (one linear search).
    constexpr std::string_view kKey = "\"spdxVersion\"";
    std::size_t k = head.find(kKey);
    bool claimed = k != std::string_view::npos || head.find("\"SPDXID\"") != std::string_view::npos;
    if (!claimed || head.find("\"@context\"") != std::string_view::npos) return std::nullopt;
    if (k == std::string_view::npos) k = bytes.find(kKey);
    Identification id;
    id.family = model::SpecFamily::kSpdx;
    id.encoding = model::Encoding::kJson;
    if (k != std::string_view::npos) {
      if (auto v = JsonStringAfter(bytes, k + kKey.size())) {
        id.spec_version = std::string(internal::VersionNumber(*v));
        if (id.spec_version.empty()) id.spec_version = *v;
      }
    }
    return id;
  }

  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    Decoded out;
    SBOMHUB_ASSIGN_OR_RETURN(RawDoc raw, internal::ReadJson(bytes, options.file_name, out.diagnostics));
    out.id.family = model::SpecFamily::kSpdx;
    out.id.encoding = model::Encoding::kJson;
    out.id.spec_version = std::string(internal::VersionNumber(raw.spdx_version));
    if (out.id.spec_version == "2.1") {
      internal::Report(out.diagnostics, Severity::kInfo, "spdx.version.compat",
                       "SPDX-2.1 read with SPDX-2.2 rules", internal::Sub(raw.loc, "spdxVersion"));
    }
    out.sbom = internal::BuildModel(raw, model::Encoding::kJson, out.diagnostics);
    out.diagnostics.SetFile(options.file_name);
    return out;
  }

  std::vector<std::string> EncodeVersions() const override { return {"2.3"}; }

  Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const override {
    if (!options.spec_version.empty() && options.spec_version != "2.3") {
      return Status::Unsupported("spdx-json encodes SPDX 2.3 only, not \"" + options.spec_version + "\"");
    }
    Encoded out;
    RawDoc raw = internal::FromModel(sbom, out.warnings);
    out.bytes = internal::WriteJson(raw, options.pretty);
    return out;
  }
};

class SpdxTagValueCodec final : public Codec {
 public:
  std::string_view Name() const override { return "spdx-tv"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kSpdx; }
  model::Encoding Encoding() const override { return model::Encoding::kTagValue; }

  std::optional<Identification> Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes);
    // The first tag of a tag-value document is SPDXVersion (comments and blank lines may precede
    // it); lines may end in LF, CRLF or CR.
    std::size_t i = 0;
    while (i < head.size()) {
      std::size_t end = head.find_first_of("\r\n", i);
      if (end == std::string_view::npos) end = head.size();
      std::string_view line = TrimWhitespace(head.substr(i, end - i));
      i = end + 1;
      if (line.empty() || line[0] == '#') continue;
      if (!StartsWith(line, "SPDXVersion:")) return std::nullopt;
      Identification id;
      id.family = model::SpecFamily::kSpdx;
      id.encoding = model::Encoding::kTagValue;
      std::string_view v = TrimWhitespace(line.substr(12));
      v = v.substr(0, v.find_first_of(" \t"));
      id.spec_version = std::string(internal::VersionNumber(v));
      if (id.spec_version.empty()) id.spec_version = std::string(v);
      return id;
    }
    return std::nullopt;
  }

  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    Decoded out;
    std::string_view text = bytes;
    if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
    SBOMHUB_ASSIGN_OR_RETURN(RawDoc raw,
                             internal::ReadTagValue(text, options.file_name, out.diagnostics));
    out.id.family = model::SpecFamily::kSpdx;
    out.id.encoding = model::Encoding::kTagValue;
    out.id.spec_version = std::string(internal::VersionNumber(raw.spdx_version));
    if (out.id.spec_version == "2.1") {
      internal::Report(out.diagnostics, Severity::kInfo, "spdx.version.compat",
                       "SPDX-2.1 read with SPDX-2.2 rules", raw.loc);
    }
    out.sbom = internal::BuildModel(raw, model::Encoding::kTagValue, out.diagnostics);
    out.diagnostics.SetFile(options.file_name);
    return out;
  }

  std::vector<std::string> EncodeVersions() const override { return {"2.3"}; }

  Result<Encoded> Encode(const model::Sbom& sbom, const EncodeOptions& options) const override {
    if (!options.spec_version.empty() && options.spec_version != "2.3") {
      return Status::Unsupported("spdx-tv encodes SPDX 2.3 only, not \"" + options.spec_version + "\"");
    }
    Encoded out;
    RawDoc raw = internal::FromModel(sbom, out.warnings);
    out.bytes = internal::WriteTagValue(raw, out.warnings);
    return out;
  }
};

class Spdx3JsonLdCodec final : public Codec {
 public:
  std::string_view Name() const override { return "spdx3-jsonld"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kSpdx; }
  model::Encoding Encoding() const override { return model::Encoding::kJsonLd; }

  std::optional<Identification> Identify(std::string_view bytes) const override {
    std::string_view head = Head(bytes);
    std::string_view t = TrimWhitespace(head);
    if (t.empty() || t[0] != '{') return std::nullopt;
    if (head.find("\"@context\"") == std::string_view::npos) return std::nullopt;
    constexpr std::string_view kRdf = "spdx.org/rdf/";
    std::size_t at = head.find(kRdf);
    if (at == std::string_view::npos) return std::nullopt;
    std::size_t v = at + kRdf.size();
    std::size_t end = v;
    while (end < head.size() && (std::isdigit(static_cast<unsigned char>(head[end])) || head[end] == '.')) {
      ++end;
    }
    if (end == v || head[v] == '2' || head[v] == '1') return std::nullopt;
    Identification id;
    id.family = model::SpecFamily::kSpdx;
    id.encoding = model::Encoding::kJsonLd;
    id.spec_version = std::string(head.substr(v, end - v));
    return id;
  }

  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    return internal::DecodeSpdx3(bytes, options);
  }
};

}  // namespace

const Codec& JsonCodec() {
  static const SpdxJsonCodec kCodec;
  return kCodec;
}

const Codec& TagValueCodec() {
  static const SpdxTagValueCodec kCodec;
  return kCodec;
}

const Codec& JsonLd3Codec() {
  static const Spdx3JsonLdCodec kCodec;
  return kCodec;
}

}  // namespace sbomhub::formats::spdx
