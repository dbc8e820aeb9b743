#include "generate/common.h"

#include <array>

#include "base/text.h"
#include "license/spdx_license_list.h"

namespace sbomhub::generate {

model::License DeclaredLicense(std::string_view text) {
  text = TrimWhitespace(text);
  model::License l;
  l.acknowledgement = model::LicenseAcknowledgement::kDeclared;
  l.value = std::string(text);
  bool id_chars = !text.empty();
  bool has_space_or_paren = false;
  for (char c : text) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '-' || c == '+' || c == ':';
    if (!ok) id_chars = false;
    if (c == ' ' || c == '(' || c == ')') has_space_or_paren = true;
  }
  // Only ids on the SPDX License List are ids ("GPLv3+", "BSD", "LGPLv3" from rpm/pypi/apk
  // metadata are not, and a CycloneDX license.id must be). "LicenseRef-..." and "<id>+" are
  // valid SPDX expressions; anything else id-shaped is a name.
  const license::LicenseInfo* known = id_chars ? license::FindLicense(text) : nullptr;
  const license::LicenseInfo* base =
      id_chars && text.size() > 1 && text.back() == '+' ? license::FindLicense(text.substr(0, text.size() - 1)) : nullptr;
  if (known != nullptr) {
    l.kind = model::License::Kind::kSpdxId;
    l.value = std::string(known->id);
  } else if (base != nullptr || (id_chars && text.starts_with("LicenseRef-") && text.size() > 11 &&
                                 text.find(':') == std::string_view::npos)) {
    l.kind = model::License::Kind::kExpression;
  } else if (has_space_or_paren &&
             (text.find(" OR ") != std::string_view::npos || text.find(" AND ") != std::string_view::npos ||
              text.find(" WITH ") != std::string_view::npos)) {
    l.kind = model::License::Kind::kExpression;
  } else {
    l.kind = model::License::Kind::kName;
  }
  return l;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  static const std::array<signed char, 256> kTable = [] {
    std::array<signed char, 256> t{};
    t.fill(-1);
    const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(alphabet[i])] = static_cast<signed char>(i);
    return t;
  }();
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  out.reserve(text.size() * 3 / 4);
  unsigned acc = 0;
  int bits = 0;
  for (char ch : text) {
    int v = kTable[static_cast<unsigned char>(ch)];
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xff));
    }
  }
  if (bits >= 6) return std::nullopt;  // a lone trailing sextet cannot encode a byte
  return out;
}

std::string HexEncode(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (char ch : bytes) {
    unsigned char c = static_cast<unsigned char>(ch);
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

std::optional<model::Hash> HashFromIntegrity(std::string_view integrity) {
  integrity = TrimWhitespace(integrity);
  // Several space-separated hashes may be listed; the first one we understand wins.
  for (std::string_view item : Split(integrity, ' ')) {
    std::size_t dash = item.find('-');
    if (dash == std::string_view::npos) continue;
    std::string_view alg = item.substr(0, dash);
    model::HashAlgorithm a;
    std::size_t want = 0;
    if (alg == "sha512") {
      a = model::HashAlgorithm::kSha512;
      want = 64;
    } else if (alg == "sha384") {
      a = model::HashAlgorithm::kSha384;
      want = 48;
    } else if (alg == "sha256") {
      a = model::HashAlgorithm::kSha256;
      want = 32;
    } else if (alg == "sha1") {
      a = model::HashAlgorithm::kSha1;
      want = 20;
    } else {
      continue;
    }
    std::optional<std::string> raw = DecodeBase64(item.substr(dash + 1));
    if (!raw || raw->size() != want) continue;
    return model::Hash{a, HexEncode(*raw)};
  }
  return std::nullopt;
}

Status CheckYamlDepth(std::string_view text) {
  // Brackets are counted even inside quoted strings: tracking quotes here could be fooled into
  // hiding real nesting, and a lockfile never holds dozens of unmatched '[' in its strings.
  constexpr std::size_t kMaxIndent = 400;
  constexpr std::size_t kMaxFlowDepth = 64;
  std::size_t line = 1, col = 0, flow = 0;
  bool at_line_start = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      col = 0;
      at_line_start = true;
      continue;
    }
    ++col;
    if (at_line_start) {
      // Indentation and "- " / "? " / ": " indicators all open block levels.
      if (c == ' ' || c == '-' || c == '\t' || c == '?' || c == ':') {
        if (col > kMaxIndent) {
          return Status::TooLarge(AtLine(line, "YAML nesting deeper than " +
                                                   std::to_string(kMaxIndent) + " columns is refused"));
        }
        continue;
      }
      at_line_start = false;
    }
    if (c == '[' || c == '{') {
      if (++flow > kMaxFlowDepth) {
        return Status::TooLarge(AtLine(line, "YAML flow collections nested deeper than " +
                                                 std::to_string(kMaxFlowDepth) + " are refused"));
      }
    } else if ((c == ']' || c == '}') && flow > 0) {
      --flow;
    }
  }
  return Status::Ok();
}

model::Component PackageComponent(std::string name, std::string version, std::string purl) {
  model::Component c;
  c.type = model::ComponentType::kLibrary;
  c.name = std::move(name);
  c.version = std::move(version);
  c.purl = std::move(purl);
  c.bom_ref = c.purl;
  return c;
}

void AddProperty(model::Component& c, std::string name, std::string value) {
  c.properties.push_back({std::move(name), std::move(value)});
}

std::string AtLine(std::size_t line, std::string_view message) {
  return "line " + std::to_string(line) + ": " + std::string(message);
}

}  // namespace sbomhub::generate

#include "generate/yaml_util.h"

namespace sbomhub::generate {

Result<YAML::Node> LoadYaml(std::string_view text) {
  SBOMHUB_RETURN_IF_ERROR(CheckYamlDepth(text));
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::Exception& e) {
    return Status::ParseError("invalid YAML at line " + std::to_string(e.mark.line + 1) + ", column " +
                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  } catch (const std::exception& e) {
    return Status::ParseError(std::string("invalid YAML: ") + e.what());
  }
}

}  // namespace sbomhub::generate
