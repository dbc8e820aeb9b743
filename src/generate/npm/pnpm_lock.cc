#include <yaml-cpp/yaml.h>

#include <cstdlib>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/npm/npm_catalogers.h"
#include "generate/yaml_util.h"

namespace sbomhub::generate::npm {

namespace {

struct NameVersion {
  std::string name;
  std::string version;
};

// Package keys by lockfile generation:
//   v5: "/@scope/name/1.0.0_peer@2.0.0"   v6: "/@scope/name@1.0.0(peer@2.0.0)"
//   v9: "@scope/name@1.0.0(peer@2.0.0)"
NameVersion ParseKey(std::string_view key, int major) {
  if (!key.empty() && key.front() == '/') key.remove_prefix(1);
  std::size_t paren = key.find('(');
  if (paren != std::string_view::npos) key = key.substr(0, paren);
  NameVersion nv;
  if (major < 6) {
    std::size_t slash = key.rfind('/');
    if (slash == std::string_view::npos || slash == 0) return nv;
    std::string_view version = key.substr(slash + 1);
    version = version.substr(0, version.find('_'));
    nv.name = std::string(key.substr(0, slash));
    nv.version = std::string(version);
  } else {
    std::size_t at = key.rfind('@');
    if (at == std::string_view::npos || at == 0) return nv;
    nv.name = std::string(key.substr(0, at));
    nv.version = std::string(key.substr(at + 1));
  }
  return nv;
}

// A dependency's value: a version ("1.0.0(peer@1)", v5 "1.0.0_peer@1"), or a whole key for
// aliases ("/other/1.0.0", "other@1.0.0"), or "link:..." (not a package).
std::string DependencyKey(std::string_view name, std::string_view value, int major) {
  if (StartsWith(value, "link:") || StartsWith(value, "file:")) return {};
  std::size_t paren = value.find('(');
  if (paren != std::string_view::npos) value = value.substr(0, paren);
  if (!value.empty() && (value.front() == '/' || value.find('@', 1) != std::string_view::npos)) {
    NameVersion nv = ParseKey(value, value.front() == '/' && major < 6 ? 5 : 6);
    return nv.name.empty() ? std::string() : nv.name + "@" + nv.version;
  }
  if (major < 6) value = value.substr(0, value.find('_'));
  return std::string(name) + "@" + std::string(value);
}

int MajorVersion(const YAML::Node& doc) {
  std::string v = ScalarOf(Child(doc, "lockfileVersion"));
  return v.empty() ? 0 : std::atoi(v.c_str());
}

}  // namespace

bool PnpmLockCataloger::Accepts(const FileInfo& file) const {
  return BaseName(file.relative_path) == "pnpm-lock.yaml";
}

Status PnpmLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParsePnpmLock(input.bytes, out);
}

static Status ParsePnpmLockImpl(std::string_view bytes, CatalogOutput& out) {
  Result<YAML::Node> loaded = LoadYaml(bytes);
  if (!loaded.ok()) return loaded.status();
  const YAML::Node doc = *loaded;
  if (!IsMapNode(doc)) return Status::ParseError("pnpm-lock.yaml must be a YAML mapping");
  int major = MajorVersion(doc);
  if (major == 0) return Status::ParseError("no lockfileVersion: not a pnpm lockfile");

  std::unordered_map<std::string, std::string> ref_by_key;  // "name@version" -> bom_ref
  const YAML::Node packages = Child(doc, "packages");
  struct Pending {
    std::string from;
    YAML::Node deps;
  };
  std::vector<Pending> pending;
  if (IsMapNode(packages)) {
    for (const auto& kv : packages) {
      std::string key = ScalarOf(kv.first);
      const YAML::Node& v = kv.second;
      NameVersion nv = ParseKey(key, major);
      // Tarball and git dependencies carry name/version fields instead of a parseable key.
      if (!ScalarOf(Child(v, "name")).empty()) nv.name = ScalarOf(Child(v, "name"));
      if (!ScalarOf(Child(v, "version")).empty()) nv.version = ScalarOf(Child(v, "version"));
      if (nv.name.empty() || nv.version.empty()) {
        out.diagnostics.Warning("generate.pnpm.incomplete", "package '" + Excerpt(key) +
                                                                "' has no name/version; skipped");
        continue;
      }
      model::Component c = PackageComponent(nv.name, nv.version, NpmPurl(nv.name, nv.version));
      std::size_t slash = nv.name.find('/');
      if (nv.name[0] == '@' && slash != std::string::npos) {
        c.group = nv.name.substr(0, slash);
        c.name = nv.name.substr(slash + 1);
      }
      if (IsMapNode(v)) {
        if (ScalarOf(Child(v, "dev")) == "true") c.scope = model::Scope::kExcluded;
        else if (ScalarOf(Child(v, "optional")) == "true") c.scope = model::Scope::kOptional;
        else if (ScalarOf(Child(v, "dev")) == "false") c.scope = model::Scope::kRequired;
        if (auto h = HashFromIntegrity(ScalarOf(Child(Child(v, "resolution"), "integrity")))) c.hashes.push_back(*h);
        std::string tarball = ScalarOf(Child(Child(v, "resolution"), "tarball"));
        if (!tarball.empty()) c.external_references.push_back({"distribution", tarball, "", {}});
        for (const char* field : {"dependencies", "optionalDependencies"}) {
          if (IsMapNode(Child(v, field))) pending.push_back({c.bom_ref, Child(v, field)});
        }
      }
      ref_by_key.emplace(nv.name + "@" + nv.version, c.bom_ref);
      out.dependency_known.push_back(c.bom_ref);
      out.components.push_back(std::move(c));
    }
  }
  // v9 keeps the dependency graph in "snapshots" (keyed with peer suffixes).
  const YAML::Node snapshots = Child(doc, "snapshots");
  if (IsMapNode(snapshots)) {
    for (const auto& kv : snapshots) {
      NameVersion nv = ParseKey(ScalarOf(kv.first), major);
      auto it = ref_by_key.find(nv.name + "@" + nv.version);
      if (it == ref_by_key.end() || !IsMapNode(kv.second)) continue;
      for (const char* field : {"dependencies", "optionalDependencies"}) {
        if (IsMapNode(Child(kv.second, field))) pending.push_back({it->second, Child(kv.second, field)});
      }
    }
  }
  // The project's own dependencies: "importers" (workspaces, v6+ and v5.4 workspaces) or the
  // top-level maps (single-project v5/v6).
  std::vector<YAML::Node> projects;
  if (IsMapNode(Child(doc, "importers"))) {
    for (const auto& kv : Child(doc, "importers")) projects.push_back(kv.second);
  } else {
    projects.push_back(doc);
  }
  for (const YAML::Node& project : projects) {
    if (!IsMapNode(project)) continue;
    for (const char* field : {"dependencies", "devDependencies", "optionalDependencies"}) {
      if (IsMapNode(Child(project, field))) pending.push_back({"", Child(project, field)});
    }
  }
  for (const Pending& p : pending) {
    for (const auto& dep : p.deps) {
      std::string name = ScalarOf(dep.first);
      // v6+ importers: {specifier, version}; everything else: a plain version string.
      std::string value = IsMapNode(dep.second) ? ScalarOf(Child(dep.second, "version")) : ScalarOf(dep.second);
      if (name.empty() || value.empty()) continue;
      std::string key = DependencyKey(name, value, major);
      auto to = ref_by_key.find(key);
      if (to != ref_by_key.end()) {
        out.edges.push_back({p.from, to->second, model::RelationshipType::kDependsOn, "", ""});
      }
    }
  }
  return Status::Ok();
}

// yaml-cpp reports some misuse by exception even through the checked accessors; nothing escapes.
Status ParsePnpmLock(std::string_view bytes, CatalogOutput& out) {
  try {
    return ParsePnpmLockImpl(bytes, out);
  } catch (const std::exception& e) {
    return Status::ParseError(std::string("unexpected YAML structure: ") + e.what());
  }
}

}  // namespace sbomhub::generate::npm
