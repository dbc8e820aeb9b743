// Translation from the model to what a CycloneDX version can carry, shared by the JSON and XML
// encoders so both write the same content and warn the same way. The mapping of SPDX-only fields
// is documented in docs/conversion-cyclonedx.md.
#include <unordered_map>
#include <utility>

#include "base/text.h"
#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

std::string Version(int minor) { return "CycloneDX 1." + std::to_string(minor); }

bool IsSpdxNoValue(std::string_view v) {
  return v.empty() || v == "NOASSERTION" || v == "NONE";
}

}  // namespace

void Warner::Add(std::string_view rule, std::string_view message) {
  std::string key = std::string(rule) + '\n' + std::string(message);
  auto it = index_.find(key);
  if (it == index_.end()) {
    index_.emplace(std::move(key), entries_.size());
    entries_.push_back({std::string(rule), std::string(message), 1});
  } else {
    entries_[it->second].count++;
  }
}

void Warner::Flush(Diagnostics& out) {
  for (auto& e : entries_) {
    std::string message = e.message;
    if (e.count > 1) message += " (" + std::to_string(e.count) + " times)";
    out.Warning(std::move(e.rule), std::move(message));
  }
  entries_.clear();
  index_.clear();
}

std::vector<const model::Hash*> PrepareHashes(const std::vector<model::Hash>& hashes,
                                              Warner& warner) {
  std::vector<const model::Hash*> out;
  out.reserve(hashes.size());
  for (const auto& h : hashes) {
    std::string_view alg = model::HashAlgorithmName(h.algorithm);
    if (!CanEncodeHashAlgorithm(h.algorithm)) {
      warner.Add("cdx.encode.hash-alg",
                 std::string(alg) + " hashes have no CycloneDX algorithm and were dropped");
    } else if (!IsHashContent(alg, h.value)) {
      warner.Add("cdx.encode.hash-content",
                 std::string(alg) + " hash values that are not valid hex digests were dropped");
    } else {
      out.push_back(&h);
    }
  }
  return out;
}

std::vector<const model::License*> PrepareLicenses(const std::vector<model::License>& licenses,
                                                   int minor, Warner& warner) {
  std::vector<const model::License*> out;
  std::size_t expressions = 0;
  for (const auto& l : licenses) expressions += l.kind == model::License::Kind::kExpression;
  // 1.5+ allows either ids/names or exactly one expression; keep what comes first.
  bool first_is_expression =
      !licenses.empty() && licenses.front().kind == model::License::Kind::kExpression;
  bool mixed = expressions > 0 && (expressions > 1 || expressions < licenses.size());
  for (const auto& l : licenses) {
    bool is_expression = l.kind == model::License::Kind::kExpression;
    if (minor >= 5 && mixed) {
      if (first_is_expression ? (&l != &licenses.front()) : is_expression) {
        warner.Add("cdx.encode.license-choice",
                   Version(minor) + " allows either licenses or a single expression per "
                                    "element; extra license entries were dropped");
        continue;
      }
    }
    if (l.acknowledgement != model::LicenseAcknowledgement::kUnspecified && minor < 6) {
      warner.Add("cdx.encode.license-acknowledgement",
                 "license acknowledgement (declared/concluded) needs CycloneDX 1.6; dropped");
    }
    if (!l.bom_ref.empty() && minor < 5) {
      warner.Add("cdx.encode.license-bom-ref", "license bom-refs need CycloneDX 1.5; dropped");
    }
    if (l.kind == model::License::Kind::kExpression && (!l.url.empty() || !l.text.empty())) {
      warner.Add("cdx.encode.license-expression-text",
                 "a license expression cannot carry a url or text in CycloneDX; dropped");
    }
    out.push_back(&l);
  }
  return out;
}

std::string_view ExternalReferenceType(const model::ExternalReference& r, int minor,
                                       Warner& warner) {
  if (IsExternalReferenceType(minor, r.type)) return r.type;
  warner.Add("cdx.encode.external-reference-type",
             "external reference type \"" + Excerpt(r.type) + "\" is not in " + Version(minor) +
                 "; written as \"other\"");
  return "other";
}

ComponentOut PrepareComponent(const model::Component& c, int minor, Warner& warner) {
  ComponentOut out;
  if (CanEncodeComponentType(minor, c.type)) {
    out.type = model::ComponentTypeName(c.type);
  } else {
    bool file_like = c.type == model::ComponentType::kFile ||
                     c.type == model::ComponentType::kSource ||
                     c.type == model::ComponentType::kArchive;
    out.type = file_like ? "file" : "library";
    std::string name(model::ComponentTypeName(c.type));
    warner.Add("cdx.encode.component-type",
               "component type \"" + (name.empty() ? std::string("unspecified") : name) +
                   "\" is not in " + Version(minor) + "; written as \"" + std::string(out.type) +
                   "\"");
  }
  out.hashes = PrepareHashes(c.hashes, warner);
  out.licenses = PrepareLicenses(c.licenses, minor, warner);
  out.external_references = c.external_references;
  out.properties = c.properties;
  out.author = c.author;
  if (minor < 6) {
    if (c.manufacturer) {
      warner.Add("cdx.encode.component-manufacturer",
                 "component manufacturer needs CycloneDX 1.6; dropped");
    }
    if (!c.authors.empty()) {
      if (out.author.empty()) {
        for (const auto& a : c.authors) {
          if (!out.author.empty()) out.author += ", ";
          out.author += a.name;
        }
        warner.Add("cdx.encode.component-authors",
                   "component authors need CycloneDX 1.6; their names were joined into author");
      } else {
        warner.Add("cdx.encode.component-authors",
                   "component authors need CycloneDX 1.6; dropped (author is set)");
      }
    }
  }
  if (c.cpes.size() > 1) {
    for (std::size_t i = 1; i < c.cpes.size(); ++i) out.properties.push_back({"sbomhub:cpe", c.cpes[i]});
    warner.Add("cdx.encode.extra-cpe",
               "CycloneDX has one cpe per component; further CPEs were written as "
               "sbomhub:cpe properties");
  }
  // SPDX-only package fields (docs/conversion-cyclonedx.md).
  if (!IsSpdxNoValue(c.download_location)) {
    out.external_references.push_back({"distribution", c.download_location, "SPDX downloadLocation", {}});
    warner.Add("cdx.encode.spdx-field",
               "SPDX downloadLocation was written as an externalReference of type distribution");
  }
  if (!IsSpdxNoValue(c.homepage)) {
    out.external_references.push_back({"website", c.homepage, "SPDX homepage", {}});
    warner.Add("cdx.encode.spdx-field",
               "SPDX homepage was written as an externalReference of type website");
  }
  auto prop = [&](std::string_view name, const std::string& value) {
    out.properties.push_back({std::string(name), value});
    warner.Add("cdx.encode.spdx-field",
               "SPDX-only package fields were written as spdx: properties");
  };
  if (!c.file_name.empty()) prop("spdx:packageFileName", c.file_name);
  if (!c.source_info.empty()) prop("spdx:sourceInfo", c.source_info);
  if (c.files_analyzed) prop("spdx:filesAnalyzed", "true");
  if (!c.comment.empty()) prop("spdx:comment", c.comment);
  return out;
}

DocumentOut PrepareDocument(const model::Sbom& sbom, int minor, Warner& warner) {
  DocumentOut out;
  out.properties = sbom.properties;
  out.serial_number = IsSerialNumber(sbom.serial_number);
  if (!sbom.serial_number.empty() && !out.serial_number) {
    out.properties.push_back({"spdx:documentNamespace", sbom.serial_number});
    warner.Add("cdx.encode.serial-number",
               "the document identifier is not a urn:uuid serialNumber; written as the "
               "spdx:documentNamespace property");
  }
  if (!sbom.document_name.empty()) {
    out.properties.push_back({"spdx:documentName", sbom.document_name});
    warner.Add("cdx.encode.spdx-field", "SPDX document name was written as a spdx: property");
  }
  if (!sbom.comment.empty()) {
    out.properties.push_back({"spdx:comment", sbom.comment});
    warner.Add("cdx.encode.spdx-field", "SPDX document comment was written as a spdx: property");
  }
  if (minor >= 5) {
    out.lifecycles = sbom.lifecycles;
  } else if (!sbom.lifecycles.empty()) {
    warner.Add("cdx.encode.lifecycles", "metadata lifecycles need CycloneDX 1.5; dropped");
  }
  return out;
}

std::vector<DependencyEntry> GroupDependencies(const model::Sbom& sbom, int minor, Warner& warner) {
  std::vector<DependencyEntry> out;
  std::unordered_map<std::string_view, std::size_t> index;
  auto entry = [&](const std::string& ref) -> DependencyEntry& {
    auto [it, inserted] = index.emplace(ref, out.size());
    if (inserted) out.push_back({ref, {}, {}});
    return out[it->second];
  };
  for (const auto& ref : sbom.dependency_refs) {
    if (index.count(ref)) {
      warner.Add("cdx.encode.dependency-duplicate",
                 "repeated dependency entries for one ref were merged");
      continue;
    }
    entry(ref);
  }
  for (const auto& e : sbom.dependencies) {
    if (!e.comment.empty()) {
      warner.Add("cdx.encode.relationship-comment",
                 "relationship comments have no CycloneDX field; dropped");
    }
    switch (e.type) {
      case model::RelationshipType::kDependsOn:
        entry(e.from).depends_on.push_back(e.to);
        break;
      case model::RelationshipType::kDevDependsOn:
      case model::RelationshipType::kBuildDependsOn:
      case model::RelationshipType::kOptionalDependsOn:
      case model::RelationshipType::kRuntimeDependsOn:
      case model::RelationshipType::kTestDependsOn:
      case model::RelationshipType::kProvidedDependsOn:
        entry(e.from).depends_on.push_back(e.to);
        warner.Add("cdx.encode.dependency-kind",
                   std::string(model::RelationshipTypeName(e.type)) +
                       " relationships were written as plain dependsOn (CycloneDX has no kinds)");
        break;
      case model::RelationshipType::kProvides:
        if (minor >= 6) {
          entry(e.from).provides.push_back(e.to);
        } else {
          warner.Add("cdx.encode.provides", "provides relationships need CycloneDX 1.6; dropped");
        }
        break;
      case model::RelationshipType::kContains:
        warner.Add("cdx.encode.contains",
                   "contains relationships between top-level components cannot be expressed "
                   "as CycloneDX dependencies; dropped");
        break;
      case model::RelationshipType::kOther:
        warner.Add("cdx.encode.relationship-other",
                   (e.raw_type.empty() ? std::string("other") : e.raw_type) +
                       " relationships have no CycloneDX equivalent; dropped");
        break;
    }
  }
  // A target listed twice under one ref is written once (dependsOn items are unique).
  for (auto& d : out) {
    for (auto* list : {&d.depends_on, &d.provides}) {
      std::unordered_map<std::string_view, bool> seen;
      std::vector<std::string> unique;
      for (auto& t : *list) {
        if (seen.emplace(t, true).second) unique.push_back(t);
      }
      if (unique.size() != list->size()) {
        warner.Add("cdx.encode.dependency-duplicate", "duplicate dependency edges were merged");
        *list = std::move(unique);
      }
    }
  }
  return out;
}

}  // namespace sbomhub::formats::cyclonedx::internal
