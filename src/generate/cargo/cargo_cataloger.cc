#include "generate/cargo/cargo_cataloger.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"
#include "generate/toml_lite.h"

namespace sbomhub::generate::cargo {

namespace {
constexpr std::string_view kCratesIo = "registry+https://github.com/rust-lang/crates.io-index";

bool IsHex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}
}  // namespace

bool CargoLockCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "Cargo.lock"; }

Status CargoLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseCargoLock(input.bytes, out);
}

Status ParseCargoLock(std::string_view text, CatalogOutput& out) {
  auto doc = toml::Parse(text);
  if (!doc.ok()) return doc.status();
  const toml::Value* packages = doc->Find("package");
  if (packages == nullptr) {
    if (doc->Find("version") != nullptr || doc->Find("metadata") != nullptr) return Status::Ok();
    return Status::ParseError("no [[package]] entries: not a Cargo.lock");
  }
  if (!packages->IsArray()) return Status::ParseError("'package' must be an array of tables");
  const toml::Value* metadata = doc->Find("metadata");

  std::unordered_map<std::string, std::vector<std::size_t>> by_name;  // name -> indexes
  struct Entry {
    std::string name, version, ref;  // ref "" = a workspace crate (the project)
    const toml::Value* deps;
  };
  std::vector<Entry> entries;
  for (const toml::Value& p : packages->items) {
    if (!p.IsTable()) continue;
    std::string name(p.Str("name")), version(p.Str("version"));
    if (name.empty() || version.empty()) {
      out.diagnostics.Add({Severity::kWarning, "generate.cargo.incomplete",
                           "[[package]] without name or version; skipped", "", p.line, 1});
      continue;
    }
    std::string_view source = p.Str("source");
    std::string ref;
    if (!source.empty()) {
      model::Component c = PackageComponent(name, version, SimplePurl("cargo", "", name, version));
      std::string checksum(p.Str("checksum"));
      if (checksum.empty() && metadata != nullptr) {
        checksum = std::string(metadata->Str("checksum " + name + " " + version + " (" + std::string(source) + ")"));
      }
      if (IsHex64(checksum)) c.hashes.push_back({model::HashAlgorithm::kSha256, checksum});
      if (source != kCratesIo) AddProperty(c, "sbomhub:cargo:source", std::string(source));
      ref = c.bom_ref;
      out.dependency_known.push_back(ref);
      out.components.push_back(std::move(c));
    }
    by_name[name].push_back(entries.size());
    entries.push_back({std::move(name), std::move(version), std::move(ref), p.Find("dependencies")});
  }
  for (const Entry& e : entries) {
    if (e.deps == nullptr || !e.deps->IsArray()) continue;
    for (const toml::Value& d : e.deps->items) {
      if (!d.IsString()) continue;
      std::vector<std::string_view> parts = Split(d.text, ' ');
      auto it = by_name.find(std::string(parts[0]));
      if (it == by_name.end()) continue;
      const Entry* target = nullptr;
      for (std::size_t i : it->second) {
        if (parts.size() < 2 || entries[i].version == parts[1]) {
          target = &entries[i];
          break;
        }
      }
      if (target == nullptr || target->ref.empty()) continue;
      out.edges.push_back({e.ref, target->ref, model::RelationshipType::kDependsOn, "", ""});
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::cargo
