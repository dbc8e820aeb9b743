#include "generate/dpkg/dpkg_cataloger.h"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/dpkg/control_file.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::dpkg {

namespace {

constexpr std::string_view kStatusPath = "var/lib/dpkg/status";
constexpr std::string_view kStatusDir = "var/lib/dpkg/status.d/";
constexpr std::uint64_t kMaxCopyrightBytes = 1 << 20;

struct Installed {
  std::string name;
  std::string arch;
  std::string bom_ref;
};

// "Name <email>" -> party.
model::Party ParseMaintainer(std::string_view text) {
  model::Party p;
  text = TrimWhitespace(text);
  std::size_t lt = text.find('<');
  std::size_t gt = text.find('>', lt == std::string_view::npos ? 0 : lt);
  if (lt != std::string_view::npos && gt != std::string_view::npos) {
    p.name = std::string(TrimWhitespace(text.substr(0, lt)));
    p.email = std::string(TrimWhitespace(text.substr(lt + 1, gt - lt - 1)));
  } else {
    p.name = std::string(text);
  }
  if (p.name.empty()) p.name = p.email;
  return p;
}

// "libc6:amd64 (>= 2.34) [linux-any] <!nocheck>" -> "libc6" and the arch qualifier, if any.
std::pair<std::string_view, std::string_view> DependencyName(std::string_view alt) {
  alt = TrimWhitespace(alt);
  std::size_t end = 0;
  while (end < alt.size() && alt[end] != ' ' && alt[end] != '(' && alt[end] != '[' &&
         alt[end] != '<' && alt[end] != '\t' && alt[end] != '\n') {
    ++end;
  }
  std::string_view name = alt.substr(0, end);
  std::string_view arch;
  std::size_t colon = name.find(':');
  if (colon != std::string_view::npos) {
    arch = name.substr(colon + 1);
    name = name.substr(0, colon);
  }
  return {name, arch};
}

}  // namespace

std::vector<std::string> CopyrightLicenses(std::string_view text);

bool DpkgCataloger::Accepts(const FileInfo& file) const {
  std::string_view p = file.relative_path;
  if (p == kStatusPath || EndsWith(p, "/" + std::string(kStatusPath))) return true;
  std::size_t dir = p.rfind(kStatusDir);
  if (dir == std::string_view::npos || (dir != 0 && p[dir - 1] != '/')) return false;
  std::string_view base = p.substr(dir + kStatusDir.size());
  // status.d also holds "<pkg>.md5sums" lists; only the package stanzas are wanted.
  return !base.empty() && base.find('/') == std::string_view::npos && !EndsWith(base, ".md5sums");
}

std::vector<std::string> CopyrightLicenses(std::string_view text) {
  std::vector<std::string> out;
  // Only the machine-readable format (DEP-5) has reliable License: fields.
  if (!StartsWith(text, "Format:") || text.substr(0, text.find('\n')).find("copyright-format") == std::string_view::npos) {
    return out;
  }
  std::size_t pos = 0;
  while ((pos = text.find("\nLicense:", pos)) != std::string_view::npos && out.size() < 20) {
    pos += 9;
    std::size_t end = text.find('\n', pos);
    std::string name(TrimWhitespace(text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos)));
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
  }
  std::sort(out.begin(), out.end());
  return out;
}

Status DpkgCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  const std::string& path = input.info.relative_path;
  bool status_d = path.find(kStatusDir) != std::string::npos;
  std::size_t first = out.components.size();
  SBOMHUB_RETURN_IF_ERROR(ParseDpkgStatus(input.bytes, input.env, status_d, out));
  if (input.tree == nullptr) return Status::Ok();
  // The root this database belongs to ("" or "images/rootfs/").
  std::string prefix = path.substr(0, path.find("var/lib/dpkg/"));
  for (std::size_t i = first; i < out.components.size(); ++i) {
    model::Component& c = out.components[i];
    auto text = input.tree->ReadRelative(prefix + "usr/share/doc/" + c.name + "/copyright", kMaxCopyrightBytes);
    if (!text.ok()) continue;
    for (std::string& name : CopyrightLicenses(*text)) {
      model::License l;
      // Debian short names ("GPL-2+", "Expat") are not SPDX ids; kept as names.
      l.kind = model::License::Kind::kName;
      l.value = std::move(name);
      l.acknowledgement = model::LicenseAcknowledgement::kDeclared;
      c.licenses.push_back(std::move(l));
    }
  }
  return Status::Ok();
}

Status ParseDpkgStatus(std::string_view text, const Environment& env, bool status_d,
                       CatalogOutput& out) {
  std::vector<Paragraph> paragraphs = ParseControlFile(text, out.diagnostics);
  const std::string ns = env.os_id.empty() ? "debian" : AsciiLower(env.os_id);
  const std::string distro =
      env.os_id.empty() ? "" : env.os_id + (env.os_version_id.empty() ? "" : "-" + env.os_version_id);

  std::vector<Installed> installed;
  std::vector<const Paragraph*> kept;
  std::size_t packages_seen = 0;
  for (const Paragraph& p : paragraphs) {
    if (!p.Has("Package")) continue;
    ++packages_seen;
    std::string_view status = p.Get("Status");
    if (!status_d || !status.empty()) {
      // "want flag status": only fully installed packages are on the system.
      std::vector<std::string_view> words;
      for (std::string_view w : Split(status, ' ')) {
        if (!w.empty()) words.push_back(w);
      }
      if (words.size() != 3 || words[0] != "install" || words[1] != "ok" ||
          words[2] != "installed") {
        continue;
      }
    }
    std::string_view name = p.Get("Package");
    std::string_view version = p.Get("Version");
    if (name.empty() || version.empty() || name.find('\n') != std::string_view::npos ||
        version.find('\n') != std::string_view::npos) {
      out.diagnostics.Add({Severity::kWarning, "generate.dpkg.incomplete",
                           "installed package entry without a usable Package/Version; skipped",
                           "", p.line, 1});
      continue;
    }
    std::string_view arch = p.Get("Architecture");
    PurlParts parts;
    parts.type = "deb";
    parts.namespace_ = ns;
    parts.name = std::string(name);
    parts.version = std::string(version);
    parts.qualifiers.emplace_back("arch", std::string(arch));
    parts.qualifiers.emplace_back("distro", distro);
    std::string_view source = p.Get("Source");
    if (!source.empty()) {
      // "Source: glibc (2.36-9)" names the source package and, when it differs, its version.
      auto [src_name, unused] = DependencyName(source);
      (void)unused;
      std::string upstream(src_name);
      std::size_t open = source.find('(');
      std::size_t close = source.find(')', open == std::string_view::npos ? 0 : open);
      if (open != std::string_view::npos && close != std::string_view::npos) {
        upstream += "@" + std::string(TrimWhitespace(source.substr(open + 1, close - open - 1)));
      }
      if (src_name != name || upstream.find('@') != std::string::npos) {
        parts.qualifiers.emplace_back("upstream", upstream);
      }
    }

    model::Component c;
    c.type = model::ComponentType::kLibrary;
    c.name = parts.name;
    c.version = parts.version;
    c.purl = BuildPurl(parts);
    c.bom_ref = c.purl;
    std::string_view maintainer = p.Get("Maintainer");
    if (!maintainer.empty()) c.supplier = ParseMaintainer(maintainer);
    std::string_view desc = p.Get("Description");
    c.description = std::string(desc.substr(0, desc.find('\n')));
    std::string_view homepage = p.Get("Homepage");
    if (!homepage.empty()) {
      c.homepage = std::string(homepage);
      c.external_references.push_back({"website", std::string(homepage), "", {}});
    }
    if (!arch.empty()) c.properties.push_back({"sbomhub:deb:architecture", std::string(arch)});
    if (!source.empty()) c.properties.push_back({"sbomhub:deb:source", std::string(source)});
    installed.push_back({parts.name, std::string(arch), c.bom_ref});
    kept.push_back(&p);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  if (packages_seen == 0 && !text.empty()) {
    return Status::ParseError("no package entries (no 'Package:' field found)");
  }

  // name -> installed packages providing it (the package itself or via Provides).
  std::unordered_map<std::string, std::vector<std::size_t>> providers;
  for (std::size_t i = 0; i < installed.size(); ++i) {
    providers[installed[i].name].push_back(i);
    for (std::string_view prov : Split(kept[i]->Get("Provides"), ',')) {
      auto [pname, unused] = DependencyName(prov);
      (void)unused;
      if (!pname.empty() && pname != installed[i].name) providers[std::string(pname)].push_back(i);
    }
  }
  auto resolve = [&](std::string_view name, const std::string& want_arch) -> const Installed* {
    auto it = providers.find(std::string(name));
    if (it == providers.end()) return nullptr;
    const Installed* all = nullptr;
    for (std::size_t i : it->second) {
      if (installed[i].arch == want_arch) return &installed[i];
      if (all == nullptr && installed[i].arch == "all") all = &installed[i];
    }
    return all != nullptr ? all : &installed[it->second.front()];
  };
  for (std::size_t i = 0; i < installed.size(); ++i) {
    for (std::string_view field : {std::string_view("Pre-Depends"), std::string_view("Depends")}) {
      for (std::string_view group : Split(kept[i]->Get(field), ',')) {
        for (std::string_view alt : Split(group, '|')) {
          auto [dep_name, dep_arch] = DependencyName(alt);
          if (dep_name.empty()) continue;
          std::string want = (dep_arch.empty() || dep_arch == "any") ? installed[i].arch
                                                                      : std::string(dep_arch);
          if (const Installed* target = resolve(dep_name, want)) {
            if (target->bom_ref != installed[i].bom_ref) {
              out.edges.push_back({installed[i].bom_ref, target->bom_ref,
                                   model::RelationshipType::kDependsOn, "", ""});
            }
            break;  // the first installed alternative satisfies the group
          }
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::dpkg
