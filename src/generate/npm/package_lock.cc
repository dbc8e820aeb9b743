#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/npm/npm_catalogers.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::npm {

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

constexpr std::size_t kMaxResolveDepth = 64;  // node_modules nesting beyond this is not resolved

std::string_view Str(const element& e, std::string_view key) {
  std::string_view s;
  if (e[key].get_string().get(s) != simdjson::SUCCESS) return {};
  return s;
}

bool Flag(const element& e, std::string_view key) {
  bool b = false;
  if (e[key].get_bool().get(b) != simdjson::SUCCESS) return false;
  return b;
}

model::Scope ScopeOf(const element& e) {
  if (Flag(e, "dev")) return model::Scope::kExcluded;
  if (Flag(e, "optional") || Flag(e, "devOptional")) return model::Scope::kOptional;
  return model::Scope::kRequired;
}

model::Component NpmComponent(std::string_view name, std::string_view version, const element& e) {
  model::Component c = PackageComponent(std::string(name), std::string(version), NpmPurl(name, version));
  std::size_t slash = name.find('/');
  if (!name.empty() && name[0] == '@' && slash != std::string_view::npos) {
    c.group = std::string(name.substr(0, slash));
    c.name = std::string(name.substr(slash + 1));
  }
  c.scope = ScopeOf(e);
  if (auto h = HashFromIntegrity(Str(e, "integrity"))) c.hashes.push_back(*h);
  std::string_view resolved = Str(e, "resolved");
  if (!resolved.empty()) c.external_references.push_back({"distribution", std::string(resolved), "", {}});
  std::string_view license = Str(e, "license");
  if (!license.empty()) c.licenses.push_back(DeclaredLicense(license));
  return c;
}

// Dependency names of an entry: the keys of the given maps.
template <typename Fn>
void ForEachDependencyName(const element& e, std::initializer_list<std::string_view> fields, Fn&& fn) {
  for (std::string_view field : fields) {
    object deps;
    if (e[field].get_object().get(deps) != simdjson::SUCCESS) continue;
    for (auto [key, value] : deps) {
      (void)value;
      fn(key);
    }
  }
}

// "node_modules/a/node_modules/@s/b" -> "node_modules/a"; "node_modules/a" or "packages/x" -> "".
std::string_view ParentInstallPath(std::string_view path) {
  std::size_t k = path.rfind("node_modules/");
  if (k == std::string_view::npos || k == 0) return {};
  return path.substr(0, k - 1);
}

// The package name an install path stands for ("node_modules/@s/b" -> "@s/b").
std::string_view NameFromInstallPath(std::string_view path) {
  std::size_t k = path.rfind("node_modules/");
  if (k == std::string_view::npos) return {};
  return path.substr(k + 13);
}

Status ParsePackagesMap(const element& root, object packages, CatalogOutput& out) {
  std::unordered_map<std::string, std::string> ref_by_path;   // install path -> bom_ref
  std::unordered_map<std::string, std::string> link_target;   // install path -> folder path
  std::vector<std::pair<std::string, element>> entries;
  for (auto [path, value] : packages) {
    if (path.empty()) continue;  // the project itself
    if (Flag(value, "link")) {
      link_target.emplace(std::string(path), std::string(Str(value, "resolved")));
      continue;
    }
    std::string_view name = Str(value, "name");
    if (name.empty()) name = NameFromInstallPath(path);
    if (name.empty()) name = BaseName(path);  // a workspace folder without a name field
    std::string_view version = Str(value, "version");
    if (name.empty() || version.empty()) {
      out.diagnostics.Warning("generate.npm.incomplete",
                              "package entry without name or version; skipped",
                              "/packages/" + std::string(path));
      continue;
    }
    model::Component c = NpmComponent(name, version, value);
    if (path.find("node_modules/") == std::string_view::npos) {
      AddProperty(c, "sbomhub:npm:workspace", std::string(path));
    }
    ref_by_path.emplace(std::string(path), c.bom_ref);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
    entries.emplace_back(std::string(path), value);
  }

  auto lookup = [&](const std::string& path) -> const std::string* {
    auto it = ref_by_path.find(path);
    if (it != ref_by_path.end()) return &it->second;
    auto link = link_target.find(path);
    if (link != link_target.end()) {
      auto target = ref_by_path.find(link->second);
      if (target != ref_by_path.end()) return &target->second;
    }
    return nullptr;
  };
  // Node resolution: <from>/node_modules/<dep>, then each ancestor's node_modules, then the root.
  auto resolve = [&](std::string_view from, std::string_view dep) -> const std::string* {
    std::string_view base = from;
    for (std::size_t depth = 0; depth < kMaxResolveDepth; ++depth) {
      std::string candidate = base.empty() ? "node_modules/" + std::string(dep)
                                           : std::string(base) + "/node_modules/" + std::string(dep);
      if (const std::string* ref = lookup(candidate)) return ref;
      if (base.empty()) return nullptr;
      base = ParentInstallPath(base);
    }
    return nullptr;
  };

  for (const auto& entry : entries) {
    // Named copies, not structured bindings: clang < 16 cannot capture bindings in lambdas.
    const std::string& path = entry.first;
    const element& value = entry.second;
    const std::string& from = ref_by_path[path];
    ForEachDependencyName(value, {"dependencies", "optionalDependencies", "peerDependencies"}, [&](std::string_view dep) {
      if (const std::string* to = resolve(path, dep)) {
        out.edges.push_back({from, *to, model::RelationshipType::kDependsOn, "", ""});
      }
    });
  }
  element project;
  if (packages[""].get(project) == simdjson::SUCCESS) {
    ForEachDependencyName(project, {"dependencies", "optionalDependencies", "peerDependencies", "devDependencies"},
                          [&](std::string_view dep) {
                            if (const std::string* to = resolve("", dep)) {
                              out.edges.push_back({"", *to, model::RelationshipType::kDependsOn, "", ""});
                            }
                          });
  }
  (void)root;
  return Status::Ok();
}

// lockfileVersion 1: { "dependencies": { name: { version, requires, dependencies: {...} } } }.
Status ParseV1Tree(object top, CatalogOutput& out) {
  struct Node {
    std::size_t parent;  // index; SIZE_MAX for children of the root
    std::string bom_ref;
    element value;
    std::unordered_map<std::string, std::size_t> children;
  };
  constexpr std::size_t kRoot = static_cast<std::size_t>(-1);
  std::vector<Node> nodes;
  std::unordered_map<std::string, std::size_t> root_children;
  struct Pending {
    object deps;
    std::size_t parent;
    std::size_t depth;
  };
  std::vector<Pending> stack{{top, kRoot, 0}};
  while (!stack.empty()) {
    Pending p = stack.back();
    stack.pop_back();
    for (auto [name, value] : p.deps) {
      std::string_view version = Str(value, "version");
      if (version.empty()) {
        out.diagnostics.Warning("generate.npm.incomplete", "dependency '" + std::string(name) +
                                                               "' without a version; skipped");
        continue;
      }
      model::Component c = NpmComponent(name, version, value);
      std::size_t index = nodes.size();
      nodes.push_back({p.parent, c.bom_ref, value, {}});
      (p.parent == kRoot ? root_children : nodes[p.parent].children).emplace(std::string(name), index);
      out.dependency_known.push_back(c.bom_ref);
      out.components.push_back(std::move(c));
      object nested;
      if (value["dependencies"].get_object().get(nested) == simdjson::SUCCESS &&
          p.depth < kMaxResolveDepth) {
        stack.push_back({nested, index, p.depth + 1});
      }
    }
  }
  for (std::size_t i = 0; i < nodes.size(); ++i) {
    object requires_map;
    if (nodes[i].value["requires"].get_object().get(requires_map) != simdjson::SUCCESS) continue;
    for (auto [dep, range] : requires_map) {
      (void)range;
      std::string key(dep);
      std::size_t at = i;
      const std::string* to = nullptr;
      for (std::size_t depth = 0; depth <= kMaxResolveDepth; ++depth) {
        const auto& children = at == kRoot ? root_children : nodes[at].children;
        auto it = children.find(key);
        if (it != children.end()) {
          to = &nodes[it->second].bom_ref;
          break;
        }
        if (at == kRoot) break;
        at = nodes[at].parent;
      }
      if (to != nullptr) out.edges.push_back({nodes[i].bom_ref, *to, model::RelationshipType::kDependsOn, "", ""});
    }
  }
  // v1 does not list the project's own dependencies; top-level non-dev packages that no other
  // package requires are the best approximation, so no direct edges are invented here.
  return Status::Ok();
}

}  // namespace

std::string NpmPurl(std::string_view full_name, std::string_view version) {
  std::string_view ns, name = full_name;
  std::size_t slash = full_name.find('/');
  if (!full_name.empty() && full_name[0] == '@' && slash != std::string_view::npos) {
    ns = full_name.substr(0, slash);
    name = full_name.substr(slash + 1);
  }
  return SimplePurl("npm", ns, name, version);
}

bool PackageLockCataloger::Accepts(const FileInfo& file) const {
  std::string_view base = BaseName(file.relative_path);
  return base == "package-lock.json" || base == "npm-shrinkwrap.json" ||
         (base == ".package-lock.json" && EndsWith(file.relative_path, "node_modules/.package-lock.json"));
}

Status PackageLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParsePackageLock(input.bytes, out);
}

Status ParsePackageLock(std::string_view bytes, CatalogOutput& out) {
  simdjson::dom::parser parser;
  element root;
  if (auto err = parser.parse(bytes.data(), bytes.size(), true).get(root)) {
    return Status::ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError("a package-lock.json must be a JSON object");
  object packages;
  if (root["packages"].get_object().get(packages) == simdjson::SUCCESS) {
    return ParsePackagesMap(root, packages, out);
  }
  object deps;
  if (root["dependencies"].get_object().get(deps) == simdjson::SUCCESS) return ParseV1Tree(deps, out);
  int64_t v = 0;
  if (root["lockfileVersion"].get_int64().get(v) != simdjson::SUCCESS) {
    return Status::ParseError("no lockfileVersion, packages or dependencies: not an npm lockfile");
  }
  return Status::Ok();  // a lockfile of a project without dependencies
}

}  // namespace sbomhub::generate::npm
