#include "generate/php/composer_lock_cataloger.h"

#include <simdjson.h>

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::php {

namespace {
std::string_view Str(const simdjson::dom::element& e, std::string_view key) {
  std::string_view s;
  return e[key].get_string().get(s) == simdjson::SUCCESS ? s : std::string_view();
}
}  // namespace

bool ComposerLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "composer.lock"; }

Status ComposerLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseComposerLock(input.bytes, out);
}

Status ParseComposerLock(std::string_view text, CatalogOutput& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(text.data(), text.size(), true).get(root)) {
    return Status::ParseError(std::string("invalid JSON: ") + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError("composer.lock must be a JSON object");
  std::unordered_map<std::string, std::string> ref_by_name;
  std::vector<std::pair<std::string, simdjson::dom::object>> requires_list;
  bool any = false;
  for (const char* section : {"packages", "packages-dev"}) {
    simdjson::dom::array packages;
    if (root[section].get_array().get(packages) != simdjson::SUCCESS) continue;
    any = true;
    for (simdjson::dom::element p : packages) {
      std::string_view full = Str(p, "name"), version = Str(p, "version");
      std::size_t slash = full.find('/');
      if (full.empty() || version.empty() || slash == std::string_view::npos) {
        out.diagnostics.Warning("generate.composer.incomplete", "package without vendor/name or version; skipped");
        continue;
      }
      model::Component c = PackageComponent(std::string(full.substr(slash + 1)), std::string(version),
                                            SimplePurl("composer", full.substr(0, slash), full.substr(slash + 1), version));
      c.group = std::string(full.substr(0, slash));
      c.scope = section == std::string_view("packages-dev") ? model::Scope::kExcluded : model::Scope::kRequired;
      c.description = std::string(Str(p, "description"));
      simdjson::dom::array licenses;
      if (p["license"].get_array().get(licenses) == simdjson::SUCCESS) {
        for (auto l : licenses) {
          std::string_view s;
          if (l.get_string().get(s) == simdjson::SUCCESS && !s.empty()) c.licenses.push_back(DeclaredLicense(s));
        }
      }
      simdjson::dom::array authors;
      if (p["authors"].get_array().get(authors) == simdjson::SUCCESS) {
        for (auto a : authors) {
          std::string_view name = Str(a, "name");
          if (!name.empty()) c.authors.push_back(model::Party{model::Party::Kind::kPerson, std::string(name), std::string(Str(a, "email")), {}});
        }
      }
      simdjson::dom::element dist;
      if (p["dist"].get(dist) == simdjson::SUCCESS) {
        std::string_view url = Str(dist, "url"), shasum = Str(dist, "shasum");
        if (!url.empty()) c.external_references.push_back({"distribution", std::string(url), "", {}});
        if (shasum.size() == 40) c.hashes.push_back({model::HashAlgorithm::kSha1, AsciiLower(shasum)});
      }
      simdjson::dom::object req;
      if (p["require"].get_object().get(req) == simdjson::SUCCESS) requires_list.emplace_back(c.bom_ref, req);
      ref_by_name.emplace(AsciiLower(full), c.bom_ref);
      out.dependency_known.push_back(c.bom_ref);
      out.components.push_back(std::move(c));
    }
  }
  if (!any) return Status::ParseError("no \"packages\" array: not a composer.lock");
  for (auto& [from, req] : requires_list) {
    for (auto [name, constraint] : req) {
      (void)constraint;
      auto it = ref_by_name.find(AsciiLower(name));
      if (it != ref_by_name.end()) out.edges.push_back({from, it->second, model::RelationshipType::kDependsOn, "", ""});
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::php
