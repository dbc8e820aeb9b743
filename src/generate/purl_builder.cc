#include "generate/purl_builder.h"

#include <algorithm>

#include "base/text.h"

namespace sbomhub::generate {

std::string PurlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (char ch : s) {
    unsigned char c = static_cast<unsigned char>(ch);
    bool keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                c == '.' || c == '-' || c == '_' || c == '~' || c == ':';
    if (keep) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
  return out;
}

std::string BuildPurl(const PurlParts& parts) {
  std::string out = "pkg:" + AsciiLower(parts.type) + "/";
  if (!parts.namespace_.empty()) {
    for (std::string_view seg : Split(parts.namespace_, '/')) {
      if (seg.empty()) continue;
      out += PurlEncode(seg);
      out.push_back('/');
    }
  }
  out += PurlEncode(parts.name);
  if (!parts.version.empty()) {
    out.push_back('@');
    out += PurlEncode(parts.version);
  }
  std::vector<std::pair<std::string, std::string>> q;
  for (const auto& [k, v] : parts.qualifiers) {
    if (!v.empty()) q.emplace_back(AsciiLower(k), v);
  }
  std::sort(q.begin(), q.end());
  for (std::size_t i = 0; i < q.size(); ++i) {
    out.push_back(i == 0 ? '?' : '&');
    out += q[i].first;
    out.push_back('=');
    out += PurlEncode(q[i].second);
  }
  if (!parts.subpath.empty()) {
    out.push_back('#');
    bool first = true;
    for (std::string_view seg : Split(parts.subpath, '/')) {
      if (seg.empty() || seg == "." || seg == "..") continue;
      if (!first) out.push_back('/');
      out += PurlEncode(seg);
      first = false;
    }
  }
  return out;
}

std::string SimplePurl(std::string_view type, std::string_view ns, std::string_view name,
                       std::string_view version) {
  PurlParts p;
  p.type = std::string(type);
  p.namespace_ = std::string(ns);
  p.name = std::string(name);
  p.version = std::string(version);
  return BuildPurl(p);
}

std::string NormalizePypiName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool in_sep = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      in_sep = true;
      continue;
    }
    if (in_sep && !out.empty()) out.push_back('-');
    in_sep = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace sbomhub::generate
