// SPDX 2.x YAML (decode only). SPDX's YAML serialization is its JSON serialization written as
// YAML, so the document is converted to JSON text and read by the JSON reader: one field mapping,
// one validator, and diagnostics point at the same paths (as JSON pointers).
//
// yaml-cpp recurses while parsing and expands aliases while walking, so input is screened first:
// flow nesting and block indentation are bounded, and the walk stops once it has produced more
// nodes than the input could hold without aliases (the "billion laughs" shape).
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "base/file.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "formats/spdx/spdx.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx {
namespace {

constexpr std::size_t kMaxDepth = 512;
constexpr std::size_t kMaxIndent = 2048;

std::string At(const std::string& file, std::size_t line, std::size_t col) {
  return file + ":" + std::to_string(line) + ":" + std::to_string(col) + ": ";
}

// Rejects nesting yaml-cpp would recurse into too deeply. Linear; quotes and comments are
// skipped so brackets inside strings do not count.
Status Screen(std::string_view s, const std::string& file) {
  std::size_t depth = 0, line = 1, col = 0, indent = 0;
  bool at_line_start = true, in_single = false, in_double = false, in_comment = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    ++col;
    if (c == '\n') {
      ++line;
      col = 0;
      indent = 0;
      at_line_start = true;
      in_comment = false;
      in_single = false;  // plain flow scalars cannot span lines in SPDX documents; be lenient
      continue;
    }
    if (at_line_start) {
      if (c == ' ' || c == '-' || c == '\t') {
        if (++indent > kMaxIndent) {
          return Status::ParseError(At(file, line, col) + "YAML nested more than " +
                                    std::to_string(kMaxIndent) + " columns deep");
        }
        continue;
      }
      at_line_start = false;
    }
    if (in_comment) continue;
    if (in_double) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_double = false;
      }
      continue;
    }
    if (in_single) {
      if (c == '\'') in_single = false;
      continue;
    }
    if (c == '#') {
      in_comment = true;
    } else if (c == '"') {
      in_double = true;
    } else if (c == '\'') {
      in_single = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        return Status::ParseError(At(file, line, col) + "YAML flow collections nested more than " +
                                  std::to_string(kMaxDepth) + " deep");
      }
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return Status::Ok();
}

class ToJson {
 public:
  explicit ToJson(std::size_t budget) : budget_(budget) {}

  // False when the node budget or depth is exceeded.
  bool Write(const YAML::Node& n, std::size_t depth) {
    if (++nodes_ > budget_ || depth > kMaxDepth) return false;
    switch (n.Type()) {
      case YAML::NodeType::Map:
        w_.BeginObject();
        for (const auto& kv : n) {
          if (!kv.first.IsScalar()) {
            w_.Key("");
          } else {
            w_.Key(kv.first.Scalar());
          }
          if (!Write(kv.second, depth + 1)) return false;
        }
        w_.EndObject();
        return true;
      case YAML::NodeType::Sequence:
        w_.BeginArray();
        for (const auto& item : n) {
          if (!Write(item, depth + 1)) return false;
        }
        w_.EndArray();
        return true;
      case YAML::NodeType::Scalar: {
        // Quoted scalars are strings; plain true/false are booleans (filesAnalyzed). Everything
        // else stays a string: SPDX has no numeric fields the model keeps, and versions such as
        // 1.0 must not turn into numbers.
        const std::string& v = n.Scalar();
        if (n.Tag() != "!" && (v == "true" || v == "false")) {
          w_.Bool(v == "true");
        } else if (n.Tag() != "!" && (v == "null" || v == "~")) {
          w_.Null();
        } else {
          w_.String(v);
        }
        return true;
      }
      default:
        w_.Null();
        return true;
    }
  }

  std::string Take() { return w_.Take(); }

 private:
  JsonWriter w_{false};
  std::size_t budget_;
  std::size_t nodes_ = 0;
};

class SpdxYamlCodec final : public Codec {
 public:
  std::string_view Name() const override { return "spdx-yaml"; }
  model::SpecFamily Family() const override { return model::SpecFamily::kSpdx; }
  model::Encoding Encoding() const override { return model::Encoding::kYaml; }

  std::optional<Identification> Identify(std::string_view bytes) const override {
    std::string_view head = bytes.substr(0, 4096);
    std::string_view t = TrimWhitespace(head);
    if (t.empty() || t[0] == '{' || t[0] == '[') return std::nullopt;
    // A top-level (unindented) spdxVersion key.
    std::size_t pos = 0;
    while (pos < head.size()) {
      std::size_t end = head.find('\n', pos);
      if (end == std::string_view::npos) end = head.size();
      std::string_view line = head.substr(pos, end - pos);
      pos = end + 1;
      if (!StartsWith(line, "spdxVersion:")) continue;
      std::string_view v = TrimWhitespace(line.substr(12));
      if (v.size() >= 2 && (v[0] == '"' || v[0] == '\'')) v = v.substr(1, v.size() - 2);
      Identification id;
      id.family = model::SpecFamily::kSpdx;
      id.encoding = model::Encoding::kYaml;
      id.spec_version = std::string(internal::VersionNumber(v));
      if (id.spec_version.empty()) id.spec_version = std::string(v);
      return id;
    }
    return std::nullopt;
  }

  Result<Decoded> Decode(const std::string& bytes, const DecodeOptions& options) const override {
    const std::string& file = options.file_name;
    if (auto bad = FindInvalidUtf8(bytes)) {
      LineColumn lc = LineColumnAt(bytes, *bad);
      return Status::ParseError(At(file, lc.line, lc.column) + "invalid UTF-8");
    }
    SBOMHUB_RETURN_IF_ERROR(Screen(bytes, file));
    YAML::Node root;
    try {
      root = YAML::Load(bytes);
    } catch (const YAML::Exception& e) {
      return Status::ParseError(At(file, static_cast<std::size_t>(e.mark.line) + 1,
                                   static_cast<std::size_t>(e.mark.column) + 1) +
                                "malformed YAML: " + e.msg);
    }
    if (!root.IsMap()) return Status::ParseError(file + ": an SPDX YAML document must be a mapping");
    ToJson conv(bytes.size() + 1024);
    std::string json;
    try {
      if (!conv.Write(root, 0)) {
        return Status::TooLarge(file + ": YAML aliases or nesting expand beyond the input's size");
      }
      json = PaddedCopy(conv.Take());
    } catch (const YAML::Exception& e) {
      return Status::ParseError(file + ": malformed YAML: " + e.msg);
    }
    Decoded out;
    SBOMHUB_ASSIGN_OR_RETURN(internal::RawDoc raw, internal::ReadJson(json, file, out.diagnostics));
    out.id.family = model::SpecFamily::kSpdx;
    out.id.encoding = model::Encoding::kYaml;
    out.id.spec_version = std::string(internal::VersionNumber(raw.spdx_version));
    out.sbom = internal::BuildModel(raw, model::Encoding::kYaml, out.diagnostics);
    out.diagnostics.SetFile(file);
    return out;
  }
};

}  // namespace

const Codec& YamlCodec() {
  static const SpdxYamlCodec kCodec;
  return kCodec;
}

}  // namespace sbomhub::formats::spdx
