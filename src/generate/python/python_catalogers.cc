#include "generate/python/python_catalogers.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"
#include "generate/toml_lite.h"

namespace sbomhub::generate::python {

namespace {

// "sha256:abc" -> Hash; nullopt for other algorithms or bad hex.
std::optional<model::Hash> PrefixedHash(std::string_view text) {
  text = TrimWhitespace(text);
  std::size_t colon = text.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  auto alg = model::ParseHashAlgorithm(text.substr(0, colon));
  std::string_view hex = text.substr(colon + 1);
  if (!alg || hex.empty() || (model::HashHexLength(*alg) != 0 && hex.size() != model::HashHexLength(*alg))) {
    return std::nullopt;
  }
  for (char c : hex) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return std::nullopt;
  }
  return model::Hash{*alg, AsciiLower(hex)};
}

void AttachHashes(model::Component& c, const std::vector<std::string>& hashes) {
  if (hashes.size() == 1) {
    if (auto h = PrefixedHash(hashes[0])) c.hashes.push_back(*h);
    return;
  }
  for (const std::string& h : hashes) AddProperty(c, "sbomhub:pypi:file-hash", h);
}

model::Component PypiComponent(std::string_view name, std::string_view version) {
  return PackageComponent(std::string(name), std::string(version), PypiPurl(name, version));
}

// "requests[socks] (>=2.0) ; python_version < '3'" -> "requests"
std::string_view RequirementName(std::string_view req) {
  req = TrimWhitespace(req);
  std::size_t end = 0;
  while (end < req.size()) {
    char c = req[end];
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
      ++end;
    } else {
      break;
    }
  }
  return req.substr(0, end);
}

std::string ByName(std::string_view name) {
  return std::string(kByNamePrefix) + SimplePurl("pypi", "", NormalizePypiName(name), "");
}

std::string StrOf(const toml::Value* v) { return v != nullptr && v->IsString() ? v->text : std::string(); }

}  // namespace

std::string PypiPurl(std::string_view name, std::string_view version) {
  return SimplePurl("pypi", "", NormalizePypiName(name), version);
}

// ---- poetry.lock ----

bool PoetryLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "poetry.lock"; }
Status PoetryLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  std::string pyproject;
  if (input.tree != nullptr) {
    constexpr std::uint64_t kMaxPyprojectBytes = 4u << 20;
    auto read = input.tree->ReadRelative(JoinRelative(DirName(input.info.relative_path), "pyproject.toml"),
                                         kMaxPyprojectBytes);
    if (read.ok()) pyproject = std::move(*read);
  }
  return ParsePoetryLock(input.bytes, out, pyproject);
}

namespace {

// Normalized names of the project's main and non-main (dev, test, docs...) dependencies, from
// [tool.poetry.dependencies] / [project].dependencies and [tool.poetry.group.*.dependencies] /
// [tool.poetry.dev-dependencies]. False when the file cannot be read as TOML.
bool PyprojectGroups(std::string_view text, std::vector<std::string>& main, std::vector<std::string>& other) {
  auto doc = toml::Parse(text);
  if (!doc.ok()) return false;
  auto add_keys = [](const toml::Value* table, std::vector<std::string>& to) {
    if (table == nullptr || !table->IsTable()) return;
    for (const auto& [key, value] : table->entries) {
      (void)value;
      if (key != "python") to.push_back(NormalizePypiName(key));
    }
  };
  const toml::Value* poetry = nullptr;
  if (const toml::Value* tool = doc->Find("tool"); tool != nullptr) poetry = tool->Find("poetry");
  if (poetry != nullptr) {
    add_keys(poetry->Find("dependencies"), main);
    add_keys(poetry->Find("dev-dependencies"), other);
    if (const toml::Value* groups = poetry->Find("group"); groups != nullptr && groups->IsTable()) {
      for (const auto& [group, body] : groups->entries) add_keys(body.Find("dependencies"), group == "main" ? main : other);
    }
  }
  if (const toml::Value* project = doc->Find("project"); project != nullptr) {
    if (const toml::Value* deps = project->Find("dependencies"); deps != nullptr && deps->IsArray()) {
      for (const toml::Value& d : deps->items) {
        if (d.IsString() && !RequirementName(d.text).empty()) main.push_back(NormalizePypiName(RequirementName(d.text)));
      }
    }
  }
  return true;
}

}  // namespace

Status ParsePoetryLock(std::string_view text, CatalogOutput& out, std::string_view pyproject) {
  auto doc = toml::Parse(text);
  if (!doc.ok()) return doc.status();
  const toml::Value* packages = doc->Find("package");
  if (packages == nullptr) {
    if (doc->Find("metadata") != nullptr) return Status::Ok();  // a project without dependencies
    return Status::ParseError("no [[package]] or [metadata] table: not a poetry.lock");
  }
  if (!packages->IsArray()) return Status::ParseError("'package' must be an array of tables");
  // Older lockfiles keep per-package file hashes in [metadata.files].
  const toml::Value* metadata_files = nullptr;
  if (const toml::Value* md = doc->Find("metadata")) metadata_files = md->Find("files");

  std::unordered_map<std::string, std::string> ref_by_name;
  std::vector<std::pair<std::string, const toml::Value*>> deps;
  for (const toml::Value& p : packages->items) {
    if (!p.IsTable()) continue;
    std::string_view name = p.Str("name"), version = p.Str("version");
    if (name.empty() || version.empty()) {
      out.diagnostics.Add({Severity::kWarning, "generate.poetry.incomplete",
                           "[[package]] without name or version; skipped", "", p.line, 1});
      continue;
    }
    model::Component c = PypiComponent(name, version);
    c.description = std::string(p.Str("description"));
    std::string_view category = p.Str("category");
    if (category == "dev") c.scope = model::Scope::kExcluded;
    else if (category == "main") c.scope = model::Scope::kRequired;
    const toml::Value* optional = p.Find("optional");
    if (optional != nullptr && optional->text == "true") c.scope = model::Scope::kOptional;
    std::vector<std::string> hashes;
    const toml::Value* files = p.Find("files");
    if (files == nullptr && metadata_files != nullptr) files = metadata_files->Find(name);
    if (files != nullptr && files->IsArray()) {
      for (const toml::Value& f : files->items) {
        std::string h(f.Str("hash"));
        if (!h.empty()) hashes.push_back(std::move(h));
      }
    }
    AttachHashes(c, hashes);
    ref_by_name.emplace(NormalizePypiName(name), c.bom_ref);
    if (const toml::Value* d = p.Find("dependencies"); d != nullptr && d->IsTable()) deps.emplace_back(c.bom_ref, d);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  std::unordered_map<std::string, std::vector<std::string>> children;  // bom-ref -> bom-refs
  for (const auto& [from, table] : deps) {
    for (const auto& [dep, spec] : table->entries) {
      (void)spec;
      auto it = ref_by_name.find(NormalizePypiName(dep));
      if (it == ref_by_name.end()) continue;
      out.edges.push_back({from, it->second, model::RelationshipType::kDependsOn, "", ""});
      children[from].push_back(it->second);
    }
  }
  std::vector<std::string> main_names, other_names;
  if (pyproject.empty() || !PyprojectGroups(pyproject, main_names, other_names)) return Status::Ok();
  // Everything reachable from a main dependency is needed at run time; the rest of what the
  // other groups reach is development-only.
  std::unordered_map<std::string, bool> runtime;  // bom-ref -> reached from main
  std::vector<std::string> stack;
  for (const std::string& name : main_names) {
    auto it = ref_by_name.find(name);
    if (it == ref_by_name.end()) continue;
    out.edges.push_back({"", it->second, model::RelationshipType::kDependsOn, "", ""});
    stack.push_back(it->second);
  }
  while (!stack.empty()) {
    std::string ref = std::move(stack.back());
    stack.pop_back();
    if (!runtime.emplace(ref, true).second) continue;
    for (const std::string& child : children[ref]) stack.push_back(child);
  }
  std::unordered_map<std::string, bool> dev_only;
  for (const std::string& name : other_names) {
    auto it = ref_by_name.find(name);
    if (it != ref_by_name.end()) stack.push_back(it->second);
  }
  while (!stack.empty()) {
    std::string ref = std::move(stack.back());
    stack.pop_back();
    if (runtime.count(ref) != 0 || !dev_only.emplace(ref, true).second) continue;
    for (const std::string& child : children[ref]) stack.push_back(child);
  }
  for (model::Component& c : out.components) {
    if (dev_only.count(c.bom_ref) != 0 && c.scope != model::Scope::kOptional) c.scope = model::Scope::kExcluded;
  }
  return Status::Ok();
}

// ---- uv.lock ----

bool UvLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "uv.lock"; }
Status UvLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseUvLock(input.bytes, out);
}

Status ParseUvLock(std::string_view text, CatalogOutput& out) {
  auto doc = toml::Parse(text);
  if (!doc.ok()) return doc.status();
  const toml::Value* packages = doc->Find("package");
  if (packages == nullptr) {
    if (doc->Find("version") != nullptr) return Status::Ok();
    return Status::ParseError("no version or [[package]]: not a uv.lock");
  }
  if (!packages->IsArray()) return Status::ParseError("'package' must be an array of tables");
  std::unordered_map<std::string, std::string> ref_by_name;  // "" = the project itself
  struct Pending {
    std::string from;
    const toml::Value* list;
  };
  std::vector<Pending> pending;
  for (const toml::Value& p : packages->items) {
    if (!p.IsTable()) continue;
    std::string_view name = p.Str("name"), version = p.Str("version");
    if (name.empty()) {
      out.diagnostics.Add({Severity::kWarning, "generate.uv.incomplete", "[[package]] without a name; skipped", "", p.line, 1});
      continue;
    }
    std::string ref;
    const toml::Value* source = p.Find("source");
    bool project = source != nullptr && (StrOf(source->Find("editable")) == "." || StrOf(source->Find("virtual")) == ".");
    if (!project) {
      if (version.empty()) {
        out.diagnostics.Add({Severity::kWarning, "generate.uv.incomplete",
                             "package '" + Excerpt(name) + "' without a version; skipped", "", p.line, 1});
        continue;
      }
      model::Component c = PypiComponent(name, version);
      if (const toml::Value* sdist = p.Find("sdist")) {
        if (auto h = PrefixedHash(sdist->Str("hash"))) c.hashes.push_back(*h);
        std::string_view url = sdist->Str("url");
        if (!url.empty()) c.external_references.push_back({"distribution", std::string(url), "", {}});
      }
      if (source != nullptr) {
        std::string registry = StrOf(source->Find("registry"));
        if (!registry.empty() && registry != "https://pypi.org/simple") AddProperty(c, "sbomhub:pypi:index", registry);
      }
      ref = c.bom_ref;
      out.dependency_known.push_back(ref);
      out.components.push_back(std::move(c));
    }
    ref_by_name.emplace(NormalizePypiName(name), ref);
    if (const toml::Value* d = p.Find("dependencies")) pending.push_back({ref, d});
    for (const char* group_field : {"optional-dependencies", "dev-dependencies"}) {
      if (const toml::Value* groups = p.Find(group_field); groups != nullptr && groups->IsTable()) {
        for (const auto& [group, list] : groups->entries) {
          (void)group;
          pending.push_back({ref, &list});
        }
      }
    }
  }
  for (const Pending& p : pending) {
    if (!p.list->IsArray()) continue;
    for (const toml::Value& dep : p.list->items) {
      auto it = ref_by_name.find(NormalizePypiName(dep.Str("name")));
      if (it != ref_by_name.end() && !it->second.empty()) {
        out.edges.push_back({p.from, it->second, model::RelationshipType::kDependsOn, "", ""});
      }
    }
  }
  return Status::Ok();
}

// ---- Pipfile.lock ----

bool PipfileLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "Pipfile.lock"; }
Status PipfileLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParsePipfileLock(input.bytes, out);
}

Status ParsePipfileLock(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(text.data(), text.size(), true).get(root)) {
    return Status::ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError("Pipfile.lock must be a JSON object");
  bool any_section = false;
  for (const char* section : {"default", "develop"}) {
    simdjson::dom::object packages;
    if (root[section].get_object().get(packages) != simdjson::SUCCESS) continue;
    any_section = true;
    for (auto [name, info] : packages) {
      std::string_view version;
      if (info["version"].get_string().get(version) != simdjson::SUCCESS) {
        out.diagnostics.Info("generate.pipenv.unpinned",
                             "'" + Excerpt(name) + "' has no pinned version (VCS or path dependency); skipped",
                             std::string("/") + section + "/" + std::string(name));
        continue;
      }
      if (StartsWith(version, "===")) version.remove_prefix(3);
      else if (StartsWith(version, "==")) version.remove_prefix(2);
      model::Component c = PypiComponent(name, version);
      c.scope = section == std::string_view("develop") ? model::Scope::kExcluded : model::Scope::kRequired;
      std::vector<std::string> hashes;
      simdjson::dom::array arr;
      if (info["hashes"].get_array().get(arr) == simdjson::SUCCESS) {
        for (auto h : arr) {
          std::string_view s;
          if (h.get_string().get(s) == simdjson::SUCCESS) hashes.emplace_back(s);
        }
      }
      AttachHashes(c, hashes);
      out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
      out.components.push_back(std::move(c));
    }
  }
  if (!any_section) return Status::ParseError("no \"default\" or \"develop\" section: not a Pipfile.lock");
  return Status::Ok();
}

// ---- requirements*.txt ----

bool RequirementsCataloger::Accepts(const FileInfo& file) const {
  std::string_view base = BaseName(file.relative_path);
  return StartsWith(base, "requirements") && EndsWith(base, ".txt");
}
Status RequirementsCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseRequirements(input.bytes, out);
}

Status ParseRequirements(std::string_view text, CatalogOutput& out) {
  // Join backslash continuations into logical lines, remembering where each starts.
  std::size_t pos = 0, line_no = 0;
  std::string logical;
  std::size_t logical_line = 0;
  std::size_t unpinned = 0;
  auto handle = [&](std::string_view line, std::size_t at) {
    std::size_t hash_comment = line.find(" #");
    if (StartsWith(TrimWhitespace(line), "#")) return;
    if (hash_comment != std::string_view::npos) line = line.substr(0, hash_comment);
    line = TrimWhitespace(line);
    if (line.empty() || line.front() == '-') return;  // options (-r, -e, --index-url) and blanks
    // Split off "--hash=..." options and the environment marker.
    std::vector<std::string> hashes;
    std::size_t opt = line.find(" --");
    std::string_view options;
    if (opt != std::string_view::npos) {
      options = line.substr(opt);
      line = TrimWhitespace(line.substr(0, opt));
    }
    for (std::string_view word : Split(options, ' ')) {
      if (StartsWith(word, "--hash=")) hashes.emplace_back(word.substr(7));
    }
    std::string_view spec = line.substr(0, line.find(';'));
    std::string_view name = RequirementName(spec);
    if (name.empty() || spec.find("://") != std::string_view::npos) return;
    std::size_t eq = spec.find("==");
    bool pinned = eq != std::string_view::npos && spec.find_first_of("<>,!~", eq) == std::string_view::npos;
    if (!pinned) {
      if (unpinned++ < 20) {
        out.diagnostics.Add({Severity::kInfo, "generate.requirements.unpinned",
                             "'" + Excerpt(spec) + "' is not pinned with ==; skipped", "", at, 1});
      }
      return;
    }
    std::string_view version = spec.substr(eq + 2);
    if (!version.empty() && version.front() == '=') version.remove_prefix(1);  // "===" arbitrary equality
    version = TrimWhitespace(version);
    if (version.empty() || version.find('*') != std::string_view::npos) return;
    model::Component c = PypiComponent(name, version);
    c.scope = model::Scope::kRequired;
    AttachHashes(c, hashes);
    out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
    out.components.push_back(std::move(c));
  };
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (logical.empty()) logical_line = line_no;
    if (!line.empty() && line.back() == '\\') {
      logical.append(line.substr(0, line.size() - 1));
      logical.push_back(' ');
      continue;
    }
    logical.append(line);
    handle(logical, logical_line);
    logical.clear();
  }
  if (!logical.empty()) handle(logical, logical_line);
  return Status::Ok();
}

// ---- installed packages: METADATA / PKG-INFO ----

bool InstalledPythonCataloger::Accepts(const FileInfo& file) const {
  std::string_view p = file.relative_path;
  return EndsWith(p, ".dist-info/METADATA") || EndsWith(p, ".egg-info/PKG-INFO");
}
Status InstalledPythonCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParsePythonMetadata(input.bytes, out);
}

Status ParsePythonMetadata(std::string_view text, CatalogOutput& out) {
  // RFC 822 style headers up to the first blank line; the body is the long description.
  std::string name, version, license, license_expression, author, author_email, summary, home;
  std::vector<std::string> requires_dist;
  std::string* last = nullptr;
  std::size_t pos = 0, line_no = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) break;
    if (line.front() == ' ' || line.front() == '\t') {
      if (last != nullptr) {
        last->push_back('\n');
        last->append(TrimWhitespace(line));
      }
      continue;
    }
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      return Status::ParseError(AtLine(line_no, "expected 'Header: value', found '" + Excerpt(line) + "'"));
    }
    std::string_view key = line.substr(0, colon);
    std::string value(TrimWhitespace(line.substr(colon + 1)));
    last = nullptr;
    if (EqualsIgnoreCase(key, "Name")) name = value;
    else if (EqualsIgnoreCase(key, "Version")) version = value;
    else if (EqualsIgnoreCase(key, "License")) { license = value; last = &license; }
    else if (EqualsIgnoreCase(key, "License-Expression")) license_expression = value;
    else if (EqualsIgnoreCase(key, "Author")) author = value;
    else if (EqualsIgnoreCase(key, "Author-email")) author_email = value;
    else if (EqualsIgnoreCase(key, "Summary")) summary = value;
    else if (EqualsIgnoreCase(key, "Home-page")) home = value;
    else if (EqualsIgnoreCase(key, "Requires-Dist")) requires_dist.push_back(value);
  }
  if (name.empty() || version.empty()) return Status::ParseError("no Name or Version header: not a package METADATA file");
  model::Component c = PypiComponent(name, version);
  c.description = summary;
  if (!license_expression.empty()) {
    model::License l = DeclaredLicense(license_expression);
    if (l.kind == model::License::Kind::kName) l.kind = model::License::Kind::kExpression;
    c.licenses.push_back(std::move(l));
  } else if (!license.empty() && license != "UNKNOWN") {
    // Some packages paste the whole license text into License; keep a short name, not pages.
    if (license.find('\n') != std::string::npos || license.size() > 200) {
      model::License l;
      l.kind = model::License::Kind::kName;
      l.value = "see license text";
      l.text = license;
      l.acknowledgement = model::LicenseAcknowledgement::kDeclared;
      c.licenses.push_back(std::move(l));
    } else {
      c.licenses.push_back(DeclaredLicense(license));
    }
  }
  c.author = !author.empty() ? author : author_email;
  if (!home.empty() && home != "UNKNOWN") {
    c.homepage = home;
    c.external_references.push_back({"website", home, "", {}});
  }
  for (const std::string& req : requires_dist) {
    std::size_t semi = req.find(';');
    if (semi != std::string::npos && req.find("extra", semi) != std::string::npos) continue;  // optional extras
    std::string_view dep = RequirementName(req);
    if (!dep.empty()) out.edges.push_back({c.bom_ref, ByName(dep), model::RelationshipType::kDependsOn, "", ""});
  }
  out.dependency_known.push_back(c.bom_ref);
  out.components.push_back(std::move(c));
  return Status::Ok();
}

}  // namespace sbomhub::generate::python
