#include "generate/cpp/cpp_catalogers.h"

#include <simdjson.h>

#include <cctype>
#include <optional>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/dpkg/control_file.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::cpp {

namespace {

using simdjson::dom::element;

Result<element> ParseJson(simdjson::dom::parser& parser, std::string_view text) {
  element root;
  if (auto err = parser.parse(text.data(), text.size(), true).get(root)) {
    return Status::ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError("expected a JSON object");
  return root;
}

// "openssl/3.0.8@user/channel#rrev%ts" -> component.
std::optional<model::Component> ConanComponent(std::string_view ref) {
  ref = ref.substr(0, ref.find('#'));
  std::size_t slash = ref.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view name = ref.substr(0, slash), rest = ref.substr(slash + 1);
  std::string_view user, channel;
  std::size_t at = rest.find('@');
  if (at != std::string_view::npos) {
    std::string_view uc = rest.substr(at + 1);
    rest = rest.substr(0, at);
    std::size_t s2 = uc.find('/');
    user = uc.substr(0, s2);
    if (s2 != std::string_view::npos) channel = uc.substr(s2 + 1);
    if (user == "_") user = {};
    if (channel == "_") channel = {};
  }
  if (name.empty() || rest.empty()) return std::nullopt;
  PurlParts p;
  p.type = "conan";
  p.name = std::string(name);
  p.version = std::string(rest);
  p.qualifiers = {{"user", std::string(user)}, {"channel", std::string(channel)}};
  return PackageComponent(p.name, p.version, BuildPurl(p));
}

}  // namespace

bool ConanLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "conan.lock"; }
Status ConanLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const { return ParseConanLock(input.bytes, out); }

Status ParseConanLock(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, text);
  if (!root.ok()) return root.status();
  simdjson::dom::object nodes;
  if ((*root)["graph_lock"]["nodes"].get_object().get(nodes) == simdjson::SUCCESS) {
    std::unordered_map<std::string, std::string> ref_by_id;  // node id -> bom_ref ("" = project)
    for (auto [id, node] : nodes) {
      std::string_view ref;
      if (id == "0" || node["ref"].get_string().get(ref) != simdjson::SUCCESS || ref.find('/') == std::string_view::npos) {
        ref_by_id.emplace(std::string(id), "");
        continue;
      }
      auto c = ConanComponent(ref);
      if (!c) continue;
      ref_by_id.emplace(std::string(id), c->bom_ref);
      out.dependency_known.push_back(c->bom_ref);
      out.components.push_back(std::move(*c));
    }
    for (auto [id, node] : nodes) {
      auto from = ref_by_id.find(std::string(id));
      if (from == ref_by_id.end()) continue;
      for (const char* field : {"requires", "build_requires"}) {
        simdjson::dom::array reqs;
        if (node[field].get_array().get(reqs) != simdjson::SUCCESS) continue;
        for (auto r : reqs) {
          std::string_view to_id;
          if (r.get_string().get(to_id) != simdjson::SUCCESS) continue;
          auto to = ref_by_id.find(std::string(to_id));
          if (to != ref_by_id.end() && !to->second.empty()) {
            out.edges.push_back({from->second, to->second, model::RelationshipType::kDependsOn, "", ""});
          }
        }
      }
    }
    return Status::Ok();
  }
  bool any = false;
  for (const char* field : {"requires", "build_requires", "python_requires"}) {
    simdjson::dom::array reqs;
    if ((*root)[field].get_array().get(reqs) != simdjson::SUCCESS) continue;
    any = true;
    for (auto r : reqs) {
      std::string_view ref;
      if (r.get_string().get(ref) != simdjson::SUCCESS) continue;
      auto c = ConanComponent(ref);
      if (!c) {
        out.diagnostics.Warning("generate.conan.ref", "reference '" + Excerpt(ref) + "' is not name/version; skipped");
        continue;
      }
      c->scope = field == std::string_view("requires") ? model::Scope::kRequired : model::Scope::kExcluded;
      out.components.push_back(std::move(*c));
    }
  }
  if (!any) return Status::ParseError("neither graph_lock nor requires: not a conan.lock");
  return Status::Ok();
}

bool VcpkgCataloger::Accepts(const FileInfo& file) const {
  std::string_view p = file.relative_path;
  return BaseName(p) == "vcpkg.json" || p == "installed/vcpkg/status" || EndsWith(p, "/installed/vcpkg/status");
}
Status VcpkgCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  if (BaseName(input.info.relative_path) == "vcpkg.json") return ParseVcpkgManifest(input.bytes, out);
  return ParseVcpkgStatus(input.bytes, out);
}

Status ParseVcpkgStatus(std::string_view text, CatalogOutput& out) {
  std::vector<dpkg::Paragraph> paragraphs = dpkg::ParseControlFile(text, out.diagnostics);
  std::unordered_map<std::string, std::string> ref_by_name;  // "name:triplet"
  std::vector<std::pair<std::string, std::string>> pending;
  bool any = false;
  for (const dpkg::Paragraph& p : paragraphs) {
    if (!p.Has("Package")) continue;
    any = true;
    if (p.Has("Feature") || p.Get("Status") != "install ok installed") continue;
    std::string name(p.Get("Package")), version(p.Get("Version")), triplet(p.Get("Architecture"));
    if (version.empty()) continue;
    PurlParts parts;
    parts.type = "vcpkg";
    parts.name = name;
    parts.version = version;
    std::string port_version(p.Get("Port-Version"));
    parts.qualifiers = {{"port_version", port_version == "0" ? "" : port_version}, {"triplet", triplet}};
    model::Component c = PackageComponent(name, version, BuildPurl(parts));
    ref_by_name.emplace(name + ":" + triplet, c.bom_ref);
    for (std::string_view dep : Split(p.Get("Depends"), ',')) {
      dep = TrimWhitespace(dep);
      dep = dep.substr(0, dep.find('['));
      dep = dep.substr(0, dep.find(':'));
      if (!dep.empty()) pending.emplace_back(c.bom_ref, std::string(dep) + ":" + triplet);
    }
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  if (!any && !text.empty()) return Status::ParseError("no 'Package:' entries: not a vcpkg status file");
  for (const auto& [from, key] : pending) {
    auto it = ref_by_name.find(key);
    if (it != ref_by_name.end() && it->second != from) out.edges.push_back({from, it->second, model::RelationshipType::kDependsOn, "", ""});
  }
  return Status::Ok();
}

Status ParseVcpkgManifest(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, text);
  if (!root.ok()) return root.status();
  simdjson::dom::array deps;
  if ((*root)["dependencies"].get_array().get(deps) != simdjson::SUCCESS) return Status::Ok();
  for (auto d : deps) {
    std::string_view name;
    if (d.get_string().get(name) != simdjson::SUCCESS && d["name"].get_string().get(name) != simdjson::SUCCESS) continue;
    out.edges.push_back({"", std::string(kByNamePrefix) + SimplePurl("vcpkg", "", name, ""),
                         model::RelationshipType::kDependsOn, "", ""});
  }
  return Status::Ok();
}

bool CMakeFetchCataloger::Accepts(const FileInfo& file) const {
  std::string_view base = BaseName(file.relative_path);
  return base == "CMakeLists.txt" || EndsWith(base, ".cmake");
}
Status CMakeFetchCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const { return ParseCMakeFetch(input.bytes, out); }

namespace {

// Arguments of a CMake command call starting at `open` (the '('): whitespace-separated, quoted
// arguments unquoted, comments dropped, nested parentheses kept. Returns the position after ')'.
std::size_t CMakeArgs(std::string_view text, std::size_t open, std::vector<std::string>& args) {
  std::size_t pos = open + 1, depth = 1;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) args.push_back(std::move(current));
    current.clear();
  };
  while (pos < text.size()) {
    char c = text[pos];
    if (c == '#') {
      flush();
      while (pos < text.size() && text[pos] != '\n') ++pos;
      continue;
    }
    if (c == '"') {
      std::size_t end = pos + 1;
      while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
      current.append(text.substr(pos + 1, std::min(end, text.size()) - pos - 1));
      pos = end + 1;
      continue;
    }
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) {
      flush();
      return pos + 1;
    }
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      flush();
    } else {
      current.push_back(c);
    }
    ++pos;
  }
  flush();
  return pos;
}

bool LooksPinned(std::string_view tag) {
  if (tag.empty()) return false;
  bool hex = tag.size() >= 7;
  for (char c : tag) hex = hex && ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'));
  if (hex) return true;  // a commit
  // A release tag: contains a digit and is not a branch name.
  return tag.find_first_of("0123456789") != std::string_view::npos && tag != "main" && tag != "master";
}

}  // namespace

Status ParseCMakeFetch(std::string_view text, CatalogOutput& out) {
  std::string lower = AsciiLower(text);
  for (std::string_view command : {std::string_view("fetchcontent_declare"), std::string_view("externalproject_add")}) {
    std::size_t pos = 0, counted_to = 0, line = 1;  // line counted incrementally: stays linear
    while ((pos = lower.find(command, pos)) != std::string::npos) {
      std::size_t after = pos + command.size();
      if (pos > 0 && (std::isalnum(static_cast<unsigned char>(lower[pos - 1])) || lower[pos - 1] == '_')) {
        pos = after;
        continue;
      }
      std::size_t open = after;
      while (open < text.size() && (text[open] == ' ' || text[open] == '\t')) ++open;
      if (open >= text.size() || text[open] != '(') {
        pos = after;
        continue;
      }
      std::vector<std::string> args;
      for (; counted_to < pos; ++counted_to) line += text[counted_to] == '\n';
      pos = CMakeArgs(text, open, args);
      if (args.empty()) continue;
      std::string name = args[0], git, tag, url, url_hash;
      for (std::size_t i = 1; i + 1 < args.size(); ++i) {
        if (args[i] == "GIT_REPOSITORY") git = args[i + 1];
        else if (args[i] == "GIT_TAG") tag = args[i + 1];
        else if (args[i] == "URL") url = args[i + 1];
        else if (args[i] == "URL_HASH") url_hash = args[i + 1];
      }
      model::Component c;
      if (!git.empty() && LooksPinned(tag)) {
        std::string repo = git;
        if (EndsWith(repo, ".git")) repo.resize(repo.size() - 4);
        std::size_t gh = repo.find("github.com/");
        std::vector<std::string_view> parts = Split(std::string_view(repo).substr(gh == std::string::npos ? 0 : gh + 11), '/');
        if (gh != std::string::npos && parts.size() == 2) {
          c = PackageComponent(std::string(parts[1]), tag, SimplePurl("github", parts[0], parts[1], tag));
          c.group = std::string(parts[0]);
        } else {
          PurlParts p{"generic", "", name, tag, {{"vcs_url", "git+" + git}}, ""};
          c = PackageComponent(name, tag, BuildPurl(p));
        }
        c.external_references.push_back({"vcs", git, "", {}});
      } else if (!url.empty() && !url_hash.empty()) {
        std::size_t eq = url_hash.find('=');
        auto alg = model::ParseHashAlgorithm(eq == std::string::npos ? "" : url_hash.substr(0, eq));
        PurlParts p{"generic", "", name, "", {{"download_url", url}}, ""};
        if (alg) p.qualifiers.emplace_back("checksum", AsciiLower(url_hash.substr(0, eq)) + ":" + AsciiLower(url_hash.substr(eq + 1)));
        c = PackageComponent(name, "", BuildPurl(p));
        if (alg) c.hashes.push_back({*alg, AsciiLower(url_hash.substr(eq + 1))});
        c.external_references.push_back({"distribution", url, "", {}});
      } else {
        out.diagnostics.Add({Severity::kInfo, "generate.cmake.unpinned",
                             "'" + Excerpt(name) + "' is not pinned (no commit/tag GIT_TAG, or URL without URL_HASH); skipped",
                             "", line, 1});
        continue;
      }
      AddProperty(c, "sbomhub:cmake:declared-as", name);
      out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
      out.components.push_back(std::move(c));
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::cpp
