#include "generate/elf/elf_cataloger.h"

#include <simdjson.h>

#include <string>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/elf/elf_file.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::elf {

namespace {

constexpr std::uint32_t kFdoPackagingNote = 0xcafe1a7e;

// A version string of an embedded library: `prefix` immediately followed by a version (a digit,
// then digits, letters and dots), then `suffix` (may be empty). The first match wins. CPE
// vendor/product only where the project's NVD naming is stable.
struct EmbeddedRule {
  std::string_view name;
  std::string_view prefix;
  std::string_view suffix;
  std::string_view cpe_vendor_product;  // "openssl:openssl"
};

constexpr EmbeddedRule kEmbeddedRules[] = {
    {"openssl", "OpenSSL ", " ", "openssl:openssl"},
    {"zlib", "deflate ", " Copyright ", "zlib:zlib"},
    {"zlib", "inflate ", " Copyright ", "zlib:zlib"},
    {"curl", "libcurl/", "", "haxx:libcurl"},
    {"busybox", "BusyBox v", " (", "busybox:busybox"},
    {"libpng", "libpng version ", "", "libpng:libpng"},
    {"expat", "expat_", "", "libexpat_project:libexpat"},
    {"sqlite", "SQLite version ", "", "sqlite:sqlite"},
};

bool IsVersionChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '.';
}

// Finds the first occurrence of the rule's pattern with a plausible version; linear (one find
// pass over the bytes per rule).
std::string FindVersion(std::string_view bytes, const EmbeddedRule& rule) {
  std::size_t at = 0;
  while ((at = bytes.find(rule.prefix, at)) != std::string_view::npos) {
    std::size_t v = at + rule.prefix.size();
    std::size_t end = v;
    while (end < bytes.size() && end - v < 32 && IsVersionChar(bytes[end])) ++end;
    at = v;
    if (end == v || bytes[v] < '0' || bytes[v] > '9') continue;
    std::string_view version = bytes.substr(v, end - v);
    while (!version.empty() && version.back() == '.') version.remove_suffix(1);
    if (version.find('.') == std::string_view::npos) continue;
    if (!rule.suffix.empty() && bytes.substr(v + version.size(), rule.suffix.size()) != rule.suffix) continue;
    return std::string(version);
  }
  return {};
}

}  // namespace

bool ElfCataloger::Accepts(const FileInfo& file) const {
  if (file.executable) return true;
  std::string_view base = BaseName(file.relative_path);
  return EndsWith(base, ".so") || base.find(".so.") != std::string_view::npos;
}

Status ElfCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseElfBinary(input.bytes, input.info.relative_path, input.sha256, out);
}

Status ParseElfBinary(std::string_view bytes, std::string_view relative_path, std::string_view sha256,
                      CatalogOutput& out) {
  if (!LooksLikeElf(bytes)) return Status::Ok();  // scripts and data files with an x bit
  auto parsed = ElfFile::Parse(bytes);
  if (!parsed.ok()) return parsed.status();
  const ElfFile& f = *parsed;

  model::Component c;
  c.bom_ref = "sbomhub:file:" + std::string(relative_path);
  c.name = f.soname().empty() ? std::string(BaseName(relative_path)) : f.soname();
  c.type = f.soname().empty() ? model::ComponentType::kApplication : model::ComponentType::kLibrary;
  c.file_name = std::string(relative_path);
  if (!sha256.empty()) c.hashes.push_back({model::HashAlgorithm::kSha256, std::string(sha256)});
  if (!f.soname().empty()) AddProperty(c, "sbomhub:elf:soname", f.soname());
  if (!f.MachineName().empty()) AddProperty(c, "sbomhub:elf:machine", std::string(f.MachineName()));

  for (const Note& n : f.Notes()) {
    if (n.owner != "FDO" || n.type != kFdoPackagingNote) continue;
    std::string_view json = n.desc;
    while (!json.empty() && json.back() == '\0') json.remove_suffix(1);
    simdjson::dom::parser parser;
    simdjson::dom::element doc;
    if (parser.parse(json.data(), json.size(), true).get(doc) != simdjson::SUCCESS || !doc.is_object()) {
      out.diagnostics.Warning("generate.elf.package-note", "the .note.package JSON is malformed; ignored");
      continue;
    }
    auto str = [&](const char* key) {
      std::string_view s;
      return doc[key].get_string().get(s) == simdjson::SUCCESS ? std::string(s) : std::string();
    };
    std::string type = AsciiLower(str("type")), name = str("name"), version = str("version");
    if (type.empty() || name.empty()) continue;
    PurlParts p;
    p.type = type;
    p.namespace_ = AsciiLower(str("os"));
    p.name = name;
    p.version = version;
    p.qualifiers.emplace_back("arch", str("architecture"));
    std::string os_version = str("osVersion");
    if (!p.namespace_.empty() && !os_version.empty()) p.qualifiers.emplace_back("distro", p.namespace_ + "-" + os_version);
    c.purl = BuildPurl(p);
    c.name = name;
    c.version = version;
    break;
  }

  for (const std::string& needed : f.needed()) {
    out.edges.push_back({c.bom_ref, std::string(kByNamePrefix) + "soname:" + needed,
                         model::RelationshipType::kDependsOn, "", ""});
  }
  // Version strings are string literals: search read-only data only (a fraction of the file),
  // or the whole file when there are no section headers.
  std::vector<std::string_view> regions;
  for (const Section& s : f.sections()) {
    if (s.name == ".rodata" || s.name == ".rodata1" || s.name == ".data.rel.ro") regions.push_back(f.Contents(s));
  }
  if (f.sections().empty()) regions.push_back(bytes);
  std::string_view last_name;
  for (const EmbeddedRule& rule : kEmbeddedRules) {
    if (rule.name == last_name) continue;  // an earlier pattern for this library matched
    std::string version;
    for (std::string_view region : regions) {
      version = FindVersion(region, rule);
      if (!version.empty()) break;
    }
    if (version.empty()) continue;
    last_name = rule.name;
    model::Component lib = PackageComponent(std::string(rule.name), version,
                                            SimplePurl("generic", "", rule.name, version));
    lib.cpes.push_back("cpe:2.3:a:" + std::string(rule.cpe_vendor_product) + ":" + version + ":*:*:*:*:*:*:*");
    AddProperty(lib, "sbomhub:elf:embedded-in", std::string(relative_path));
    out.edges.push_back({c.bom_ref, lib.bom_ref, model::RelationshipType::kDependsOn, "", ""});
    out.components.push_back(std::move(lib));
  }
  out.dependency_known.push_back(c.bom_ref);
  out.components.push_back(std::move(c));
  return Status::Ok();
}

}  // namespace sbomhub::generate::elf
