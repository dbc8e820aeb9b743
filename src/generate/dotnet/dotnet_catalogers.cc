#include "generate/dotnet/dotnet_catalogers.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::dotnet {

namespace {
using simdjson::dom::element;
using simdjson::dom::object;

std::string_view Str(const element& e, std::string_view key) {
  std::string_view s;
  return e[key].get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
}

Result<element> ParseJson(simdjson::dom::parser& parser, std::string_view text) {
  element root;
  if (auto err = parser.parse(text.data(), text.size(), true).get(root)) {
    return Status::ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError("expected a JSON object");
  return root;
}

std::string NugetPurl(std::string_view id, std::string_view version) { return SimplePurl("nuget", "", id, version); }
}  // namespace

bool NugetLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "packages.lock.json"; }
Status NugetLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const { return ParseNugetLock(input.bytes, out); }

Status ParseNugetLock(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, text);
  if (!root.ok()) return root.status();
  object frameworks;
  if ((*root)["dependencies"].get_object().get(frameworks) != simdjson::SUCCESS) {
    return Status::ParseError("no \"dependencies\" object: not a packages.lock.json");
  }
  std::unordered_map<std::string, std::string> ref_by_id;  // lower-case id -> bom_ref
  std::vector<std::pair<std::string, object>> pending;
  for (auto [framework, packages_el] : frameworks) {
    (void)framework;
    object packages;
    if (packages_el.get_object().get(packages) != simdjson::SUCCESS) continue;
    for (auto [id, info] : packages) {
      std::string_view type = Str(info, "type"), version = Str(info, "resolved");
      if (type == "Project" || version.empty()) continue;
      model::Component c = PackageComponent(std::string(id), std::string(version), NugetPurl(id, version));
      if (auto h = HashFromIntegrity("sha512-" + std::string(Str(info, "contentHash")))) c.hashes.push_back(*h);
      if (type == "Direct") out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
      object deps;
      if (info["dependencies"].get_object().get(deps) == simdjson::SUCCESS) pending.emplace_back(c.bom_ref, deps);
      ref_by_id.emplace(AsciiLower(id), c.bom_ref);
      out.dependency_known.push_back(c.bom_ref);
      out.components.push_back(std::move(c));
    }
  }
  for (auto& [from, deps] : pending) {
    for (auto [id, range] : deps) {
      (void)range;
      auto it = ref_by_id.find(AsciiLower(id));
      if (it != ref_by_id.end()) out.edges.push_back({from, it->second, model::RelationshipType::kDependsOn, "", ""});
    }
  }
  return Status::Ok();
}

bool DepsJsonCataloger::Accepts(const FileInfo& file) const { return EndsWith(BaseName(file.relative_path), ".deps.json"); }
Status DepsJsonCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const { return ParseDepsJson(input.bytes, out); }

Status ParseDepsJson(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  auto root = ParseJson(parser, text);
  if (!root.ok()) return root.status();
  object libraries;
  if ((*root)["libraries"].get_object().get(libraries) != simdjson::SUCCESS) {
    return Status::ParseError("no \"libraries\" object: not a .deps.json file");
  }
  std::unordered_map<std::string, std::string> ref_by_key;  // "Id/Version" -> bom_ref ("" = project)
  std::unordered_map<std::string, std::string> ref_by_id;   // lower-case id -> bom_ref
  for (auto [key, info] : libraries) {
    std::size_t slash = key.find('/');
    if (slash == std::string_view::npos) continue;
    std::string_view id = key.substr(0, slash), version = key.substr(slash + 1);
    std::string_view type = Str(info, "type");
    if (type == "project") {
      ref_by_key.emplace(std::string(key), "");
      continue;
    }
    if (type != "package") continue;
    model::Component c = PackageComponent(std::string(id), std::string(version), NugetPurl(id, version));
    if (auto h = HashFromIntegrity(Str(info, "sha512"))) c.hashes.push_back(*h);
    ref_by_key.emplace(std::string(key), c.bom_ref);
    ref_by_id.emplace(AsciiLower(id) + "/" + std::string(version), c.bom_ref);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  object targets;
  if ((*root)["targets"].get_object().get(targets) == simdjson::SUCCESS) {
    for (auto [framework, entries_el] : targets) {
      (void)framework;
      object entries;
      if (entries_el.get_object().get(entries) != simdjson::SUCCESS) continue;
      for (auto [key, info] : entries) {
        auto from = ref_by_key.find(std::string(key));
        if (from == ref_by_key.end()) continue;
        object deps;
        if (info["dependencies"].get_object().get(deps) != simdjson::SUCCESS) continue;
        for (auto [id, version_el] : deps) {
          std::string_view version;
          if (version_el.get_string().get(version) != simdjson::SUCCESS) continue;
          auto to = ref_by_id.find(AsciiLower(id) + "/" + std::string(version));
          if (to != ref_by_id.end()) out.edges.push_back({from->second, to->second, model::RelationshipType::kDependsOn, "", ""});
        }
      }
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::dotnet
