#include "generate/cargo/auditable_cataloger.h"

#include <simdjson.h>
#include <zlib.h>

#include <string>
#include <vector>

#include "generate/common.h"
#include "generate/elf/elf_file.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::cargo {

namespace {
constexpr std::size_t kMaxJsonBytes = 64 << 20;

Result<std::string> Inflate(std::string_view compressed) {
  z_stream zs{};
  if (inflateInit(&zs) != Z_OK) return Status::Internal("zlib inflateInit failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  char buf[1 << 15];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::ParseError(".dep-v0: corrupt zlib data");
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > kMaxJsonBytes) {
      inflateEnd(&zs);
      return Status::TooLarge(".dep-v0: decompresses to more than 64 MiB");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return Status::ParseError(".dep-v0: truncated zlib data");
    }
  }
  inflateEnd(&zs);
  return out;
}
}  // namespace

Status CargoAuditableCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseCargoAuditable(input.bytes, out);
}

Status ParseCargoAuditable(std::string_view bytes, CatalogOutput& out) {
  if (!elf::LooksLikeElf(bytes)) return Status::Ok();
  auto file = elf::ElfFile::Parse(bytes);
  if (!file.ok()) return Status::Ok();  // the elf cataloger reports broken ELF files
  const elf::Section* s = file->FindSection(".dep-v0");
  if (s == nullptr) return Status::Ok();
  SBOMHUB_ASSIGN_OR_RETURN(std::string json, Inflate(file->Contents(*s)));
  return ParseCargoAuditableJson(json, out);
}

Status ParseCargoAuditableJson(std::string_view json, CatalogOutput& out) {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  if (auto err = parser.parse(json.data(), json.size(), true).get(root)) {
    return Status::ParseError(std::string(".dep-v0: invalid JSON: ") + simdjson::error_message(err));
  }
  simdjson::dom::array packages;
  if (root["packages"].get_array().get(packages) != simdjson::SUCCESS) return Status::ParseError(".dep-v0: no packages array");
  std::vector<std::string> refs;
  std::vector<simdjson::dom::element> entries;
  for (simdjson::dom::element p : packages) {
    std::string_view name, version, source = "crates.io", kind;
    if (p["name"].get_string().get(name) != simdjson::SUCCESS || p["version"].get_string().get(version) != simdjson::SUCCESS) {
      refs.emplace_back();
      entries.push_back(p);
      continue;
    }
    // Absent fields keep their defaults (crates.io, normal dependency, not the root).
    if (p["source"].get_string().get(source) != simdjson::SUCCESS) source = "crates.io";
    if (p["kind"].get_string().get(kind) != simdjson::SUCCESS) kind = {};
    bool is_root = false;
    if (p["root"].get_bool().get(is_root) != simdjson::SUCCESS) is_root = false;
    model::Component c = PackageComponent(std::string(name), std::string(version), SimplePurl("cargo", "", name, version));
    if (is_root) c.type = model::ComponentType::kApplication;
    if (kind == "build") c.scope = model::Scope::kExcluded;
    if (source != "crates.io" && !is_root) AddProperty(c, "sbomhub:cargo:source", std::string(source));
    refs.push_back(c.bom_ref);
    entries.push_back(p);
    out.dependency_known.push_back(c.bom_ref);
    out.components.push_back(std::move(c));
  }
  for (std::size_t i = 0; i < entries.size(); ++i) {
    if (refs[i].empty()) continue;
    simdjson::dom::array deps;
    if (entries[i]["dependencies"].get_array().get(deps) != simdjson::SUCCESS) continue;
    for (auto d : deps) {
      std::uint64_t idx = 0;
      if (d.get_uint64().get(idx) != simdjson::SUCCESS || idx >= refs.size() || refs[idx].empty() || idx == i) continue;
      out.edges.push_back({refs[i], refs[idx], model::RelationshipType::kDependsOn, "", ""});
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::cargo
