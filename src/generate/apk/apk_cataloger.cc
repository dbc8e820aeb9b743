#include "generate/apk/apk_cataloger.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::apk {

namespace {

struct Package {
  std::string name, version, arch, license, origin, maintainer, description, url, checksum;
  std::vector<std::string> depends, provides;
  std::size_t line = 0;
};

// "so:libc.musl-x86_64.so.1=1" / "busybox>=1.36" -> the bare name.
std::string_view DependName(std::string_view d) {
  std::size_t end = d.find_first_of("<>=~");
  return d.substr(0, end);
}

}  // namespace

bool ApkCataloger::Accepts(const FileInfo& file) const {
  std::string_view p = file.relative_path;
  return p == "lib/apk/db/installed" || EndsWith(p, "/lib/apk/db/installed");
}

Status ApkCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseApkInstalled(input.bytes, input.env, out);
}

Status ParseApkInstalled(std::string_view text, const Environment& env, CatalogOutput& out) {
  std::vector<Package> packages;
  Package current;
  std::size_t pos = 0, line_no = 0, bad = 0;
  auto flush = [&] {
    if (!current.name.empty() || !current.version.empty()) packages.push_back(std::move(current));
    current = Package{};
  };
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      flush();
      continue;
    }
    if (line.size() < 2 || line[1] != ':') {
      if (bad++ < 20) {
        out.diagnostics.Add({Severity::kWarning, "generate.apk.line", "expected 'X:value', found '" + Excerpt(line) + "'; skipped",
                             "", line_no, 1});
      }
      continue;
    }
    if (current.line == 0) current.line = line_no;
    std::string value(line.substr(2));
    switch (line[0]) {
      case 'P': current.name = value; break;
      case 'V': current.version = value; break;
      case 'A': current.arch = value; break;
      case 'L': current.license = value; break;
      case 'o': current.origin = value; break;
      case 'm': current.maintainer = value; break;
      case 'T': current.description = value; break;
      case 'U': current.url = value; break;
      case 'C': current.checksum = value; break;
      case 'D':
        for (std::string_view d : Split(value, ' ')) {
          if (!d.empty() && d.front() != '!') current.depends.emplace_back(DependName(d));
        }
        break;
      case 'p':
        for (std::string_view p : Split(value, ' ')) {
          if (!p.empty()) current.provides.emplace_back(DependName(p));
        }
        break;
      default: break;
    }
  }
  flush();
  if (packages.empty() && bad > 0) return Status::ParseError("no package entries ('P:' lines) found");

  const std::string ns = env.os_id.empty() ? "alpine" : AsciiLower(env.os_id);
  const std::string distro = env.os_id.empty() || env.os_version_id.empty() ? "" : env.os_id + "-" + env.os_version_id;
  std::unordered_map<std::string, std::string> ref_by_name;
  std::vector<const Package*> kept;
  std::vector<std::string> refs;
  for (const Package& p : packages) {
    if (p.name.empty() || p.version.empty()) {
      out.diagnostics.Add({Severity::kWarning, "generate.apk.incomplete", "entry without P: or V:; skipped", "", p.line, 1});
      continue;
    }
    PurlParts parts;
    parts.type = "apk";
    parts.namespace_ = ns;
    parts.name = p.name;
    parts.version = p.version;
    parts.qualifiers = {{"arch", p.arch}, {"distro", distro}};
    if (!p.origin.empty() && p.origin != p.name) parts.qualifiers.emplace_back("upstream", p.origin);
    model::Component c = PackageComponent(p.name, p.version, BuildPurl(parts));
    c.description = p.description;
    if (!p.license.empty()) c.licenses.push_back(DeclaredLicense(p.license));
    if (!p.maintainer.empty()) {
      model::Party party;
      std::size_t lt = p.maintainer.find('<'), gt = p.maintainer.find('>');
      party.name = std::string(TrimWhitespace(std::string_view(p.maintainer).substr(0, lt)));
      if (lt != std::string::npos && gt != std::string::npos && gt > lt) party.email = p.maintainer.substr(lt + 1, gt - lt - 1);
      c.supplier = party;
    }
    if (!p.url.empty()) {
      c.homepage = p.url;
      c.external_references.push_back({"website", p.url, "", {}});
    }
    // "Q1" + base64 SHA-1 of the package's control section.
    if (StartsWith(p.checksum, "Q1")) {
      if (auto raw = DecodeBase64(std::string_view(p.checksum).substr(2)); raw && raw->size() == 20) {
        AddProperty(c, "sbomhub:apk:checksum-sha1", HexEncode(*raw));
      }
    }
    ref_by_name.emplace(p.name, c.bom_ref);
    for (const std::string& prov : p.provides) ref_by_name.emplace(prov, c.bom_ref);
    kept.push_back(&p);
    refs.push_back(c.bom_ref);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < kept.size(); ++i) {
    for (const std::string& d : kept[i]->depends) {
      auto it = ref_by_name.find(d);
      if (it != ref_by_name.end() && it->second != refs[i]) {
        out.edges.push_back({refs[i], it->second, model::RelationshipType::kDependsOn, "", ""});
      }
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::apk
