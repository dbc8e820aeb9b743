#include <yaml-cpp/yaml.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/npm/npm_catalogers.h"
#include "generate/yaml_util.h"

namespace sbomhub::generate::npm {

namespace {

std::string_view Unquote(std::string_view s) {
  s = TrimWhitespace(s);
  if (s.size() >= 2 && s.front() == '"' && s.back() == '"') s = s.substr(1, s.size() - 2);
  return s;
}

// "@babel/core@^7.0.0" -> "@babel/core" (the '@' that separates is never the first byte).
std::string_view SpecName(std::string_view spec) {
  std::size_t at = spec.find('@', 1);
  return at == std::string_view::npos ? spec : spec.substr(0, at);
}

std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}

model::Component YarnComponent(std::string_view name, std::string_view version) {
  model::Component c = PackageComponent(std::string(name), std::string(version), NpmPurl(name, version));
  std::size_t slash = name.find('/');
  if (!name.empty() && name[0] == '@' && slash != std::string_view::npos) {
    c.group = std::string(name.substr(0, slash));
    c.name = std::string(name.substr(slash + 1));
  }
  return c;
}

// yarn v1: a custom format, parsed line by line.
//   "a@^1.0.0", a@^1.1.0:          <- entry: comma-separated specs, indent 0, ends with ':'
//     version "1.2.0"               <- indent 2: key value
//     dependencies:                 <- indent 2: nested block
//       b "^2.0.0"                  <- indent 4: dependency name and range
Status ParseYarnV1(std::string_view text, CatalogOutput& out) {
  struct Entry {
    std::vector<std::string> specs;
    std::string name;
    std::string version;
    std::string resolved;
    std::string integrity;
    std::vector<std::string> deps;  // "name@range"
    std::size_t line = 0;
  };
  std::vector<Entry> entries;
  Entry* current = nullptr;
  bool in_deps = false;
  std::size_t line_no = 0, pos = 0, bad = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    std::string_view trimmed = TrimWhitespace(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    std::size_t indent = Indent(line);
    if (indent == 0) {
      if (trimmed.back() != ':') {
        if (bad++ < 20) {
          out.diagnostics.Add({Severity::kWarning, "generate.yarn.line",
                               "expected an entry header ending in ':'; skipped", "", line_no, 1});
        }
        current = nullptr;
        continue;
      }
      entries.emplace_back();
      current = &entries.back();
      current->line = line_no;
      in_deps = false;
      for (std::string_view spec : Split(trimmed.substr(0, trimmed.size() - 1), ',')) {
        spec = Unquote(spec);
        if (!spec.empty()) current->specs.emplace_back(spec);
      }
      if (!current->specs.empty()) current->name = std::string(SpecName(current->specs.front()));
      continue;
    }
    if (current == nullptr) continue;
    if (indent <= 2) {
      in_deps = false;
      std::size_t sp = trimmed.find(' ');
      std::string_view key = trimmed.substr(0, sp);
      if (key == "dependencies:" || key == "optionalDependencies:") {
        in_deps = true;
        continue;
      }
      if (sp == std::string_view::npos) continue;
      std::string_view value = Unquote(trimmed.substr(sp + 1));
      if (key == "version") current->version = std::string(value);
      if (key == "resolved") current->resolved = std::string(value);
      if (key == "integrity") current->integrity = std::string(value);
      continue;
    }
    if (in_deps) {
      std::size_t sp = trimmed.find(' ');
      if (sp == std::string_view::npos) continue;
      current->deps.push_back(std::string(Unquote(trimmed.substr(0, sp))) + "@" +
                              std::string(Unquote(trimmed.substr(sp + 1))));
    }
  }
  if (entries.empty() && bad > 0) return Status::ParseError("no yarn.lock entries found");

  std::unordered_map<std::string, std::string> ref_by_spec;
  for (Entry& e : entries) {
    if (e.name.empty() || e.version.empty()) {
      out.diagnostics.Add({Severity::kWarning, "generate.yarn.incomplete",
                           "entry without a name or version; skipped", "", e.line, 1});
      continue;
    }
    model::Component c = YarnComponent(e.name, e.version);
    if (auto h = HashFromIntegrity(e.integrity)) c.hashes.push_back(*h);
    if (!e.resolved.empty()) c.external_references.push_back({"distribution", e.resolved, "", {}});
    for (const std::string& s : e.specs) ref_by_spec.emplace(s, c.bom_ref);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  for (const Entry& e : entries) {
    if (e.specs.empty()) continue;
    auto from = ref_by_spec.find(e.specs.front());
    if (from == ref_by_spec.end()) continue;
    for (const std::string& d : e.deps) {
      auto to = ref_by_spec.find(d);
      if (to != ref_by_spec.end()) {
        out.edges.push_back({from->second, to->second, model::RelationshipType::kDependsOn, "", ""});
      }
    }
  }
  return Status::Ok();
}

// Berry: YAML. Keys are comma-separated descriptors "name@npm:^1.0.0"; values carry version,
// resolution, dependencies {name: range}, linkType. Workspace entries are the project(s).
Status ParseYarnBerryImpl(std::string_view text, CatalogOutput& out) {
  Result<YAML::Node> loaded = LoadYaml(text);
  if (!loaded.ok()) return loaded.status();
  const YAML::Node doc = *loaded;
  if (!IsMapNode(doc)) return Status::ParseError("yarn.lock (Berry) must be a YAML mapping");
  std::unordered_map<std::string, std::string> ref_by_descriptor;  // "" bom_ref = workspace root
  struct Pending {
    std::string from;
    YAML::Node deps;
  };
  std::vector<Pending> pending;
  for (const auto& kv : doc) {
    std::string key = ScalarOf(kv.first);
    if (key.empty() || key == "__metadata" || !IsMapNode(kv.second)) continue;
    const YAML::Node& v = kv.second;
    std::string resolution = ScalarOf(Child(v, "resolution"));
    std::string version = ScalarOf(Child(v, "version"));
    std::string name(SpecName(resolution.empty() ? key : resolution));
    bool workspace = resolution.find("@workspace:") != std::string::npos;
    std::string ref;
    if (workspace) {
      // Only the top-level workspace is the project; other workspaces are packages of it.
      if (resolution.find("@workspace:.") != std::string::npos &&
          resolution.size() == resolution.find("@workspace:.") + 12) {
        ref = "";
      } else {
        model::Component c = YarnComponent(name, version);
        AddProperty(c, "sbomhub:npm:workspace", resolution);
        ref = c.bom_ref;
        out.components.push_back(std::move(c));
      }
    } else {
      if (name.empty() || version.empty()) {
        out.diagnostics.Warning("generate.yarn.incomplete", "entry '" + Excerpt(key) + "' without a version; skipped");
        continue;
      }
      model::Component c = YarnComponent(name, version);
      std::string checksum = ScalarOf(Child(v, "checksum"));
      if (!checksum.empty()) AddProperty(c, "sbomhub:yarn:checksum", checksum);
      ref = c.bom_ref;
      out.dependency_known.push_back(ref);
      out.components.push_back(std::move(c));
    }
    for (std::string_view d : Split(key, ',')) {
      d = Unquote(d);
      if (!d.empty()) ref_by_descriptor.emplace(std::string(d), ref);
    }
    for (const char* field : {"dependencies", "optionalDependencies", "peerDependencies"}) {
      if (IsMapNode(Child(v, field))) pending.push_back({ref, Child(v, field)});
    }
  }
  for (const Pending& p : pending) {
    for (const auto& dep : p.deps) {
      std::string dname = ScalarOf(dep.first);
      std::string range = ScalarOf(dep.second);
      if (dname.empty() || range.empty()) continue;
      if (range.find(':') == std::string::npos) range = "npm:" + range;
      auto to = ref_by_descriptor.find(dname + "@" + range);
      if (to != ref_by_descriptor.end() && !to->second.empty()) {
        out.edges.push_back({p.from, to->second, model::RelationshipType::kDependsOn, "", ""});
      }
    }
  }
  return Status::Ok();
}

// yaml-cpp reports some misuse by exception even through the checked accessors; nothing escapes.
Status ParseYarnBerry(std::string_view text, CatalogOutput& out) {
  try {
    return ParseYarnBerryImpl(text, out);
  } catch (const std::exception& e) {
    return Status::ParseError(std::string("unexpected YAML structure: ") + e.what());
  }
}

}  // namespace

bool YarnLockCataloger::Accepts(const FileInfo& file) const {
  return BaseName(file.relative_path) == "yarn.lock";
}

Status YarnLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseYarnLock(input.bytes, out);
}

Status ParseYarnLock(std::string_view bytes, CatalogOutput& out) {
  // Berry files start with a comment block and a "__metadata:" mapping at column 0.
  bool berry = StartsWith(bytes, "__metadata:") || bytes.find("\n__metadata:") != std::string_view::npos;
  return berry ? ParseYarnBerry(bytes, out) : ParseYarnV1(bytes, out);
}

}  // namespace sbomhub::generate::npm
