#include "model/purl.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

#include "base/text.h"

namespace sbomhub::model {
namespace {

// ---- per-type rules (purl-spec types/*-definition.json) ----

enum class Requirement : std::uint8_t { kOptional, kRequired, kProhibited };

enum TypeFlag : std::uint8_t {
  kNsLower = 1,        // namespace is case-insensitive: canonical form is lower case
  kNameLower = 2,      // name is case-insensitive
  kVersionLower = 4,   // version is case-insensitive
};

struct TypeRule {
  std::string_view type;
  Requirement ns;
  std::uint8_t flags;
  std::string_view required_qualifier;  // "" when none
};

// Sorted by type for binary search.
constexpr std::array kTypeRules = {
    TypeRule{"alpm", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"apk", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"bazel", Requirement::kProhibited, 0, ""},
    TypeRule{"bitbucket", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"bitnami", Requirement::kProhibited, kNameLower, ""},
    TypeRule{"brew", Requirement::kOptional, kNsLower | kNameLower, ""},
    TypeRule{"cargo", Requirement::kProhibited, 0, ""},
    TypeRule{"chrome-extension", Requirement::kProhibited, kNameLower, ""},
    TypeRule{"cocoapods", Requirement::kProhibited, 0, ""},
    TypeRule{"composer", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"conan", Requirement::kOptional, 0, ""},
    TypeRule{"conda", Requirement::kProhibited, 0, ""},
    TypeRule{"cpan", Requirement::kOptional, 0, ""},
    TypeRule{"cran", Requirement::kProhibited, 0, ""},
    TypeRule{"deb", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"docker", Requirement::kOptional, 0, ""},
    TypeRule{"gem", Requirement::kProhibited, 0, ""},
    TypeRule{"generic", Requirement::kOptional, 0, ""},
    TypeRule{"git", Requirement::kRequired, 0, ""},
    TypeRule{"github", Requirement::kRequired, kNsLower | kNameLower, ""},
    TypeRule{"golang", Requirement::kRequired, 0, ""},
    TypeRule{"hackage", Requirement::kProhibited, 0, ""},
    TypeRule{"hex", Requirement::kOptional, kNsLower | kNameLower, ""},
    TypeRule{"huggingface", Requirement::kRequired, kVersionLower, ""},
    TypeRule{"julia", Requirement::kProhibited, 0, "uuid"},
    TypeRule{"luarocks", Requirement::kOptional, kNsLower | kNameLower, ""},
    TypeRule{"maven", Requirement::kRequired, 0, ""},
    TypeRule{"mlflow", Requirement::kProhibited, 0, ""},
    TypeRule{"npm", Requirement::kOptional, 0, ""},
    TypeRule{"nuget", Requirement::kProhibited, 0, ""},
    TypeRule{"oci", Requirement::kProhibited, kNameLower | kVersionLower, ""},
    TypeRule{"opam", Requirement::kProhibited, 0, ""},
    TypeRule{"otp", Requirement::kProhibited, kNameLower, ""},
    TypeRule{"pub", Requirement::kProhibited, kNameLower, ""},
    TypeRule{"pypi", Requirement::kProhibited, kNameLower | kVersionLower, ""},
    TypeRule{"qpkg", Requirement::kRequired, kNsLower, ""},
    TypeRule{"rpm", Requirement::kRequired, kNsLower, ""},
    TypeRule{"swid", Requirement::kOptional, 0, "tag_id"},
    TypeRule{"swift", Requirement::kRequired, 0, ""},
    TypeRule{"vcpkg", Requirement::kProhibited, 0, ""},
    TypeRule{"vscode-extension", Requirement::kRequired, kNsLower | kNameLower | kVersionLower, ""},
    TypeRule{"yocto", Requirement::kOptional, kNsLower, ""},
};

const TypeRule* FindTypeRule(std::string_view type) {
  auto it = std::lower_bound(kTypeRules.begin(), kTypeRules.end(), type,
                             [](const TypeRule& r, std::string_view t) { return r.type < t; });
  if (it == kTypeRules.end() || it->type != type) return nullptr;
  return &*it;
}

// ---- character helpers ----

constexpr bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr char ToLower(char c) { return IsUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

void LowerInPlace(std::string& s) {
  for (char& c : s) c = ToLower(c);
}

// Characters printed as-is in the canonical form (RFC 3986 unreserved plus ':').
constexpr bool IsPurlSafe(char c) {
  return IsAlpha(c) || IsDigit(c) || c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Builds error messages that name the purl, the component and the byte offset.
class ErrorContext {
 public:
  explicit ErrorContext(std::string_view text) : text_(text) {}

  Status Syntax(std::string_view component, std::size_t offset, std::string_view what) const {
    return Status::ParseError(Prefix(component) + std::string(what) + " (at byte " +
                              std::to_string(offset) + ")");
  }
  Status Rule(std::string_view component, std::string_view what) const {
    return Status::InvalidDocument(Prefix(component) + std::string(what));
  }

 private:
  std::string Prefix(std::string_view component) const {
    std::string p = "invalid purl";
    if (!text_.empty()) p += " \"" + Excerpt(text_, 80) + "\"";
    p += ": ";
    p += component;
    p += ": ";
    return p;
  }
  std::string_view text_;
};

// Decodes %XX escapes of `in` (which starts at byte `offset` of the whole purl) into `out`.
Status Decode(std::string_view in, std::size_t offset, std::string_view component,
              PurlParseMode mode, const ErrorContext& err, std::string& out) {
  // Fast path: most components are plain printable ASCII with no escapes; copy them in one go.
  std::size_t plain = 0;
  while (plain < in.size()) {
    auto u = static_cast<unsigned char>(in[plain]);
    if (u == '%' || u <= 0x20 || u >= 0x7f) break;
    ++plain;
  }
  out.assign(in.data(), plain);
  if (plain == in.size()) return Status::Ok();
  out.reserve(in.size());
  bool high = false;
  for (std::size_t i = plain; i < in.size(); ++i) {
    char c = in[i];
    if (c == '%') {
      int hi = -1;
      int lo = -1;
      if (i + 2 < in.size()) {
        hi = HexValue(in[i + 1]);
        lo = HexValue(in[i + 2]);
      }
      if (hi < 0 || lo < 0) {
        return err.Syntax(component, offset + i, "'%' is not followed by two hex digits");
      }
      c = static_cast<char>((hi << 4) | lo);
      i += 2;
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      return err.Syntax(component, offset + i, "control character must be percent-encoded");
    } else if (mode == PurlParseMode::kStrict && c == ' ') {
      return err.Syntax(component, offset + i, "space must be percent-encoded as %20");
    } else if (mode == PurlParseMode::kStrict && static_cast<unsigned char>(c) >= 0x80) {
      return err.Syntax(component, offset + i, "non-ASCII byte must be percent-encoded");
    }
    if (static_cast<unsigned char>(c) >= 0x80) high = true;
    out.push_back(c);
  }
  if (high) {
    if (auto bad = FindInvalidUtf8(out)) {
      return err.Syntax(component, offset, "is not valid UTF-8 after percent-decoding (decoded byte " +
                                               std::to_string(*bad) + ")");
    }
  }
  return Status::Ok();
}

// ---- shared validation of components (used by Parse and Build) ----

Status ValidateType(std::string_view type, const ErrorContext& err, std::size_t offset) {
  if (type.empty()) return err.Syntax("type", offset, "type is empty");
  if (!IsAlpha(type[0])) {
    return err.Syntax("type", offset, "type must start with an ASCII letter, not '" +
                                          std::string(1, type[0]) + "'");
  }
  for (std::size_t i = 0; i < type.size(); ++i) {
    char c = type[i];
    if (!IsAlpha(c) && !IsDigit(c) && c != '.' && c != '-') {
      return err.Syntax("type", offset + i,
                        "type may contain only ASCII letters, digits, '.' and '-', found '" +
                            Excerpt(std::string_view(&type[i], 1)) + "'");
    }
  }
  return Status::Ok();
}

// Validates (and, in lenient mode or for Build, lower-cases) a qualifier key.
Status NormalizeKey(std::string& key, bool allow_upper, const ErrorContext& err,
                    std::size_t offset) {
  if (key.empty()) return err.Syntax("qualifiers", offset, "qualifier key is empty");
  if (!IsAlpha(key[0])) {
    return err.Syntax("qualifiers", offset,
                      "qualifier key '" + Excerpt(key) + "' must start with an ASCII letter");
  }
  for (std::size_t i = 0; i < key.size(); ++i) {
    char& c = key[i];
    if (IsUpper(c)) {
      if (!allow_upper) {
        return err.Syntax("qualifiers", offset + i,
                          "qualifier key '" + Excerpt(key) + "' must be lower case");
      }
      c = ToLower(c);
    } else if (!IsAlpha(c) && !IsDigit(c) && c != '.' && c != '-' && c != '_') {
      return err.Syntax("qualifiers", offset + i,
                        "qualifier key '" + Excerpt(key) +
                            "' may contain only ASCII letters, digits, '.', '-' and '_'");
    }
  }
  return Status::Ok();
}

// Sorts qualifiers, drops empty values, rejects duplicate keys.
Status FinishQualifiers(Purl::Qualifiers& q, const ErrorContext& err) {
  q.erase(std::remove_if(q.begin(), q.end(), [](const auto& kv) { return kv.second.empty(); }),
          q.end());
  std::sort(q.begin(), q.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  for (std::size_t i = 1; i < q.size(); ++i) {
    if (q[i].first == q[i - 1].first) {
      return err.Rule("qualifiers", "qualifier key '" + Excerpt(q[i].first) + "' appears twice");
    }
  }
  return Status::Ok();
}

bool IsSpecialSegment(std::string_view s) { return s.empty() || s == "." || s == ".."; }

bool ContainsDatabricks(std::string_view url) {
  // Case-insensitive search for "databricks" in the repository URL; linear in |url| * 10.
  constexpr std::string_view kNeedle = "databricks";
  if (url.size() < kNeedle.size()) return false;
  for (std::size_t i = 0; i + kNeedle.size() <= url.size(); ++i) {
    if (EqualsIgnoreCase(url.substr(i, kNeedle.size()), kNeedle)) return true;
  }
  return false;
}

// Applies the registered type's normalization and validation rules to decoded components.
// `require_namespace` is false in lenient mode: producers routinely write single-segment Go
// modules ("pkg:golang/go.opencensus.io@v0.23.0") and similar, which are still useful to match.
Status ApplyTypeRules(Purl& p, bool require_namespace, const ErrorContext& err) {
  // Known qualifier, every type: "checksum" items are "lowercase_algorithm:lowercase_hex".
  for (auto& [key, value] : p.qualifiers) {
    if (key == "checksum") LowerInPlace(value);
  }
  const TypeRule* rule = FindTypeRule(p.type);
  if (rule == nullptr) return Status::Ok();
  if (require_namespace && rule->ns == Requirement::kRequired && p.ns.empty()) {
    return err.Rule("namespace", "type '" + p.type + "' requires a namespace");
  }
  if (rule->ns == Requirement::kProhibited && !p.ns.empty()) {
    return err.Rule("namespace", "type '" + p.type + "' does not allow a namespace (found '" +
                                     Excerpt(p.ns) + "')");
  }
  if (rule->flags & kNsLower) LowerInPlace(p.ns);
  if (rule->flags & kNameLower) LowerInPlace(p.name);
  if (rule->flags & kVersionLower) LowerInPlace(p.version);
  if (!rule->required_qualifier.empty() && p.Qualifier(rule->required_qualifier).empty()) {
    return err.Rule("qualifiers", "type '" + p.type + "' requires the qualifier '" +
                                      std::string(rule->required_qualifier) + "'");
  }

  const std::string_view type = p.type;
  if (type == "pypi") {
    // PEP 503 style: '_' and '-' are the same character on PyPI.
    std::replace(p.name.begin(), p.name.end(), '_', '-');
  } else if (type == "mlflow") {
    // Databricks model registries are case-insensitive, Azure ML ones are not.
    if (ContainsDatabricks(p.Qualifier("repository_url"))) LowerInPlace(p.name);
  } else if (type == "git") {
    // Paths on these hosts are case-insensitive, so their canonical form is lower case.
    std::string_view host = p.ns;
    if (host == "github" || host == "github.com" || host == "bitbucket" ||
        host == "bitbucket.org") {
      LowerInPlace(p.ns);
      LowerInPlace(p.name);
    }
  } else if (type == "cpan") {
    // A CPAN purl names a distribution ("URI-PackageURL"), never a module ("URI::PackageURL").
    if (p.name.find("::") != std::string::npos) {
      return err.Rule("name", "cpan name '" + Excerpt(p.name) +
                                  "' is a module name; use the distribution name (with '-')");
    }
  } else if (type == "chrome-extension") {
    bool ok = p.name.size() == 32 &&
              std::all_of(p.name.begin(), p.name.end(), [](char c) { return c >= 'a' && c <= 'p'; });
    if (!ok) {
      return err.Rule("name", "chrome-extension id must be 32 letters a-p, got '" +
                                  Excerpt(p.name) + "'");
    }
    if (!p.version.empty()) {
      // 1 to 4 dot-separated decimal numbers.
      int parts = 1;
      bool digit_seen = false;
      bool valid = true;
      for (char c : p.version) {
        if (IsDigit(c)) {
          digit_seen = true;
        } else if (c == '.' && digit_seen) {
          ++parts;
          digit_seen = false;
        } else {
          valid = false;
          break;
        }
      }
      if (!valid || !digit_seen || parts > 4) {
        return err.Rule("version", "chrome-extension version must be 1 to 4 dot-separated numbers, got '" +
                                       Excerpt(p.version) + "'");
      }
    }
  } else if (type == "pub") {
    for (char c : p.name) {
      if (!(c >= 'a' && c <= 'z') && !IsDigit(c) && c != '_') {
        return err.Rule("name", "pub package name may contain only a-z, 0-9 and '_', got '" +
                                    Excerpt(p.name) + "'");
      }
    }
  }
  return Status::Ok();
}

// Splits `s` on '/', decodes each non-special segment and joins them with '/'.
// `drop_dots` also discards "." and ".." (subpaths); namespaces only drop empty segments.
Status DecodeSegments(std::string_view s, std::size_t offset, std::string_view component,
                      bool drop_dots, PurlParseMode mode, const ErrorContext& err,
                      std::string& out) {
  out.clear();
  std::string segment;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view raw = s.substr(start, end - start);
    if (!raw.empty() && !(drop_dots && (raw == "." || raw == ".."))) {
      SBOMHUB_RETURN_IF_ERROR(Decode(raw, offset + start, component, mode, err, segment));
      if (segment.find('/') != std::string::npos) {
        return err.Syntax(component, offset + start,
                          "a segment may not contain '/', even percent-encoded");
      }
      if (!(drop_dots && IsSpecialSegment(segment))) {
        if (!out.empty()) out.push_back('/');
        out += segment;
      }
    }
    start = end + 1;
  }
  return Status::Ok();
}

// Normalizes an already-decoded '/'-separated path (Build input): drops empty segments, and for
// subpaths "." and "..".
std::string NormalizeDecodedSegments(std::string_view s, bool drop_dots) {
  std::string out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view seg = s.substr(start, end - start);
    if (!seg.empty() && !(drop_dots && (seg == "." || seg == ".."))) {
      if (!out.empty()) out.push_back('/');
      out += seg;
    }
    start = end + 1;
  }
  return out;
}

void EncodeSegments(std::string_view s, std::string& out) {
  std::size_t start = 0;
  while (true) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos) {
      PurlPercentEncode(s.substr(start), out);
      return;
    }
    PurlPercentEncode(s.substr(start, end - start), out);
    out.push_back('/');
    start = end + 1;
  }
}

}  // namespace

void PurlPercentEncode(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char c : s) {
    if (IsPurlSafe(c)) {
      out.push_back(c);
    } else {
      auto u = static_cast<unsigned char>(c);
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0xF]);
    }
  }
}

bool IsRegisteredPurlType(std::string_view type) { return FindTypeRule(type) != nullptr; }

std::string_view Purl::Qualifier(std::string_view key) const {
  auto it = std::lower_bound(qualifiers.begin(), qualifiers.end(), key,
                             [](const auto& kv, std::string_view k) { return kv.first < k; });
  if (it == qualifiers.end() || it->first != key) return {};
  return it->second;
}

Result<Purl> Purl::Parse(std::string_view text, PurlParseMode mode) {
  const ErrorContext err(text);
  const bool strict = mode == PurlParseMode::kStrict;
  Purl p;

  // Scheme: everything before the first ':'.
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) {
    return err.Syntax("scheme", 0, "missing the 'pkg:' scheme");
  }
  if (!EqualsIgnoreCase(text.substr(0, colon), "pkg")) {
    return err.Syntax("scheme", 0, "scheme must be 'pkg', found '" +
                                       Excerpt(text.substr(0, colon)) + "'");
  }
  std::size_t pos = colon + 1;

  // The spec splits from the right: subpath after the last '#', qualifiers after the last '?'.
  std::size_t end = text.size();
  std::size_t hash = text.rfind('#');
  std::string_view subpath_raw;
  std::size_t subpath_offset = 0;
  if (hash != std::string_view::npos && hash >= pos) {
    subpath_raw = text.substr(hash + 1);
    subpath_offset = hash + 1;
    end = hash;
  }
  std::size_t question = text.substr(0, end).rfind('?');
  std::string_view query_raw;
  std::size_t query_offset = 0;
  if (question != std::string_view::npos && question >= pos) {
    query_raw = text.substr(question + 1, end - question - 1);
    query_offset = question + 1;
    end = question;
  }

  // "pkg://type/..." : slashes after the scheme are not significant.
  while (pos < end && text[pos] == '/') ++pos;

  // Type.
  std::size_t slash = text.substr(0, end).find('/', pos);
  if (slash == std::string_view::npos) {
    if (pos == end) return err.Syntax("type", pos, "type is missing");
    return err.Syntax("name", end, "expected 'type/name' after 'pkg:', found no '/'");
  }
  p.type.assign(text.substr(pos, slash - pos));
  SBOMHUB_RETURN_IF_ERROR(ValidateType(p.type, err, pos));
  LowerInPlace(p.type);
  pos = slash + 1;

  // Version: after the last '@' (lenient: only an '@' after the last '/', so that an unencoded
  // '@' in an npm scope or a brew formula name stays part of the name).
  std::string_view path = text.substr(pos, end - pos);
  std::size_t path_offset = pos;
  std::size_t at = path.rfind('@');
  if (!strict && at != std::string_view::npos) {
    std::size_t last_slash = path.rfind('/');
    if (last_slash != std::string_view::npos && at < last_slash) at = std::string_view::npos;
  }
  if (at != std::string_view::npos) {
    std::string_view version_raw = path.substr(at + 1);
    if (version_raw.empty() && strict) {
      return err.Syntax("version", path_offset + at, "version is empty after '@'");
    }
    if (version_raw.find('/') != std::string_view::npos) {
      return err.Syntax("version", path_offset + at + 1,
                        "version contains '/' (an '@' in a namespace or name must be "
                        "percent-encoded as %40)");
    }
    SBOMHUB_RETURN_IF_ERROR(
        Decode(version_raw, path_offset + at + 1, "version", mode, err, p.version));
    path = path.substr(0, at);
  }

  // Name: the last segment (git: everything after the host). A trailing '/' leaves the name empty,
  // which strict mode rejects ("pkg:swift/github.com/Alamofire/@5.4.3"); lenient mode drops it.
  if (!strict) {
    while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  }
  std::string_view ns_raw;
  std::string_view name_raw;
  std::size_t name_offset = path_offset;
  if (p.type == "git") {
    // Namespace is the host; the name is the repository path on it, which may have segments.
    while (!path.empty() && path.front() == '/') {
      path.remove_prefix(1);
      ++path_offset;
    }
    std::size_t s = path.find('/');
    if (s != std::string_view::npos) {
      ns_raw = path.substr(0, s);
      name_raw = path.substr(s + 1);
      name_offset = path_offset + s + 1;
    } else {
      name_raw = path;
    }
  } else {
    std::size_t s = path.rfind('/');
    if (s != std::string_view::npos) {
      ns_raw = path.substr(0, s);
      name_raw = path.substr(s + 1);
      name_offset = path_offset + s + 1;
    } else {
      name_raw = path;
    }
  }
  if (p.type == "git") {
    SBOMHUB_RETURN_IF_ERROR(
        DecodeSegments(name_raw, name_offset, "name", false, mode, err, p.name));
  } else {
    SBOMHUB_RETURN_IF_ERROR(Decode(name_raw, name_offset, "name", mode, err, p.name));
  }
  if (p.name.empty()) return err.Syntax("name", name_offset, "name is empty");
  SBOMHUB_RETURN_IF_ERROR(
      DecodeSegments(ns_raw, path_offset, "namespace", false, mode, err, p.ns));

  // Qualifiers: key=value pairs separated by '&'.
  if (!query_raw.empty()) {
    p.qualifiers.reserve(1 + static_cast<std::size_t>(
                                 std::count(query_raw.begin(), query_raw.end(), '&')));
    std::string value;
    std::size_t start = 0;
    while (start <= query_raw.size()) {
      std::size_t amp = query_raw.find('&', start);
      if (amp == std::string_view::npos) amp = query_raw.size();
      std::string_view pair = query_raw.substr(start, amp - start);
      std::size_t offset = query_offset + start;
      if (!pair.empty()) {
        std::size_t eq = pair.find('=');
        if (eq == std::string_view::npos) {
          if (strict) {
            return err.Syntax("qualifiers", offset,
                              "qualifier '" + Excerpt(pair) + "' has no '=value'");
          }
        } else {
          std::string key(pair.substr(0, eq));
          SBOMHUB_RETURN_IF_ERROR(NormalizeKey(key, !strict, err, offset));
          SBOMHUB_RETURN_IF_ERROR(
              Decode(pair.substr(eq + 1), offset + eq + 1, "qualifiers", mode, err, value));
          p.qualifiers.emplace_back(std::move(key), value);
        }
      }
      start = amp + 1;
    }
    SBOMHUB_RETURN_IF_ERROR(FinishQualifiers(p.qualifiers, err));
  }

  // Subpath.
  if (!subpath_raw.empty()) {
    SBOMHUB_RETURN_IF_ERROR(
        DecodeSegments(subpath_raw, subpath_offset, "subpath", true, mode, err, p.subpath));
  }

  SBOMHUB_RETURN_IF_ERROR(ApplyTypeRules(p, strict, err));
  return p;
}

Result<Purl> Purl::Build(Purl c) {
  const ErrorContext err({});
  SBOMHUB_RETURN_IF_ERROR(ValidateType(c.type, err, 0));
  LowerInPlace(c.type);
  if (c.name.empty()) return err.Rule("name", "name is required");
  c.ns = NormalizeDecodedSegments(c.ns, false);
  if (c.type == "git") c.name = NormalizeDecodedSegments(c.name, false);
  c.subpath = NormalizeDecodedSegments(c.subpath, true);
  for (auto& kv : c.qualifiers) {
    SBOMHUB_RETURN_IF_ERROR(NormalizeKey(kv.first, true, err, 0));
  }
  SBOMHUB_RETURN_IF_ERROR(FinishQualifiers(c.qualifiers, err));
  SBOMHUB_RETURN_IF_ERROR(ApplyTypeRules(c, /*require_namespace=*/true, err));
  return c;
}

std::string Purl::ToString() const {
  std::string out;
  std::size_t size = 5 + type.size() + ns.size() + name.size() + version.size() + subpath.size();
  for (const auto& kv : qualifiers) size += kv.first.size() + kv.second.size() + 2;
  out.reserve(size + size / 4);
  out += "pkg:";
  out += type;
  out.push_back('/');
  if (!ns.empty()) {
    EncodeSegments(ns, out);
    out.push_back('/');
  }
  if (type == "git") {
    EncodeSegments(name, out);
  } else {
    PurlPercentEncode(name, out);
  }
  if (!version.empty()) {
    out.push_back('@');
    PurlPercentEncode(version, out);
  }
  char sep = '?';
  for (const auto& [key, value] : qualifiers) {
    if (value.empty()) continue;
    out.push_back(sep);
    sep = '&';
    out += key;
    out.push_back('=');
    PurlPercentEncode(value, out);
  }
  if (!subpath.empty()) {
    out.push_back('#');
    EncodeSegments(subpath, out);
  }
  return out;
}

Result<std::string> CanonicalizePurl(std::string_view text, PurlParseMode mode) {
  SBOMHUB_ASSIGN_OR_RETURN(Purl p, Purl::Parse(text, mode));
  return p.ToString();
}

}  // namespace sbomhub::model
