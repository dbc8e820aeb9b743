// SPDX 3.0 JSON-LD -> model (core and software profiles, plus the AI and dataset package kinds as
// component types). The document is a flat `@graph` of elements that refer to each other by
// spdxId (or blank-node @id for CreationInfo), so decoding is two passes over the graph: index
// every element by id, then map packages/files and resolve relationships through the index.
//
// Only the compact JSON-LD form SPDX publishes (the spdx-context.jsonld vocabulary with its short
// property names) is read; this is not a general JSON-LD processor.
#include <simdjson.h>

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/text.h"
#include "formats/common/json_errors.h"
#include "formats/spdx/spdx3.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {
namespace {

namespace dom = simdjson::dom;
using model::Component;
using model::ComponentType;
using model::DependencyEdge;
using model::RelationshipType;

std::string_view Str(dom::element e, std::string_view key) {
  std::string_view s;
  if (e[key].get_string().get(s)) return {};
  return s;
}

// A property that may be a single string or an array of strings.
std::vector<std::string_view> StrList(dom::element e, std::string_view key) {
  std::vector<std::string_view> out;
  dom::element v;
  if (e[key].get(v)) return out;
  std::string_view s;
  if (!v.get_string().get(s)) {
    out.push_back(s);
    return out;
  }
  dom::array arr;
  if (v.get_array().get(arr)) return out;
  for (auto item : arr) {
    if (!item.get_string().get(s)) out.push_back(s);
  }
  return out;
}

std::string_view Type(dom::element e) {
  std::string_view t = Str(e, "type");
  if (t.empty()) t = Str(e, "@type");
  return t;
}

std::string_view Id(dom::element e) {
  std::string_view id = Str(e, "spdxId");
  if (id.empty()) id = Str(e, "@id");
  return id;
}

std::optional<model::HashAlgorithm> Spdx3Hash(std::string_view a) {
  // SPDX 3 spells algorithms in lower case without separators ("sha3_256", "blake2b256").
  static const std::unordered_map<std::string_view, model::HashAlgorithm> kMap = {
      {"md2", model::HashAlgorithm::kMd2},          {"md4", model::HashAlgorithm::kMd4},
      {"md5", model::HashAlgorithm::kMd5},          {"md6", model::HashAlgorithm::kMd6},
      {"sha1", model::HashAlgorithm::kSha1},        {"sha224", model::HashAlgorithm::kSha224},
      {"sha256", model::HashAlgorithm::kSha256},    {"sha384", model::HashAlgorithm::kSha384},
      {"sha512", model::HashAlgorithm::kSha512},    {"sha3_256", model::HashAlgorithm::kSha3_256},
      {"sha3_384", model::HashAlgorithm::kSha3_384}, {"sha3_512", model::HashAlgorithm::kSha3_512},
      {"blake2b256", model::HashAlgorithm::kBlake2b_256},
      {"blake2b384", model::HashAlgorithm::kBlake2b_384},
      {"blake2b512", model::HashAlgorithm::kBlake2b_512},
      {"blake3", model::HashAlgorithm::kBlake3},    {"adler32", model::HashAlgorithm::kAdler32}};
  auto it = kMap.find(a);
  if (it != kMap.end()) return it->second;
  return std::nullopt;
}

ComponentType PurposeType(std::string_view p) {
  if (p == "application" || p == "executable") return ComponentType::kApplication;
  if (p == "library") return ComponentType::kLibrary;
  if (p == "framework") return ComponentType::kFramework;
  if (p == "container") return ComponentType::kContainer;
  if (p == "operatingSystem") return ComponentType::kOperatingSystem;
  if (p == "device") return ComponentType::kDevice;
  if (p == "deviceDriver") return ComponentType::kDeviceDriver;
  if (p == "firmware") return ComponentType::kFirmware;
  if (p == "file") return ComponentType::kFile;
  if (p == "source") return ComponentType::kSource;
  if (p == "archive") return ComponentType::kArchive;
  if (p == "install") return ComponentType::kInstall;
  if (p == "model") return ComponentType::kMachineLearningModel;
  if (p == "data") return ComponentType::kData;
  if (p.empty()) return ComponentType::kUnspecified;
  return ComponentType::kOther;
}

bool IsPackageType(std::string_view t) {
  return t == "software_Package" || t == "ai_AIPackage" || t == "dataset_DatasetPackage";
}

class Decoder {
 public:
  Decoder(const std::string& file, const std::vector<dom::element>& graph)
      : file_(file), graph_(&graph) {}

  Result<Decoded> Run(const std::string& version) {
    Decoded out;
    out.id.family = model::SpecFamily::kSpdx;
    out.id.encoding = model::Encoding::kJsonLd;
    out.id.spec_version = version;
    model::Sbom& sbom = out.sbom;
    sbom.family = model::SpecFamily::kSpdx;
    sbom.encoding = model::Encoding::kJsonLd;
    sbom.spec_version = version;

    const std::vector<dom::element>& graph = *graph_;

    // Pass 1: index.
    for (std::size_t i = 0; i < graph.size(); ++i) {
      if (!graph[i].is_object()) {
        Error("spdx3.graph.type", "@graph entries must be objects", i);
        continue;
      }
      std::string_view id = Id(graph[i]);
      if (id.empty()) continue;
      if (!index_.emplace(id, i).second) {
        // JSON-LD merges node objects with the same id; SPDX tools write such repeats verbatim,
        // so the first one is read and the repeat only noted.
        Warn("spdx3.element.id.repeated",
             "id " + Excerpt(id) + " appears more than once; the first element with it is used", i);
      }
    }

    // Pass 2: document, creation info, elements.
    std::string_view doc_ci;
    std::vector<std::string_view> roots;
    std::size_t unmapped = 0;
    for (std::size_t i = 0; i < graph.size(); ++i) {
      dom::element e = graph[i];
      if (!e.is_object()) continue;
      std::string_view own_id = Id(e);
      if (!own_id.empty() && index_.at(own_id) != i) continue;  // a repeat (see pass 1)
      std::string_view t = Type(e);
      if (t.empty()) {
        Error("spdx3.element.type", "element has no type", i);
        continue;
      }
      if (t == "SpdxDocument") {
        sbom.serial_number = std::string(Id(e));
        sbom.document_ref = std::string(Id(e));
        sbom.document_name = std::string(Str(e, "name"));
        sbom.comment = std::string(Str(e, "comment"));
        doc_ci = CreationInfoId(e);
        for (auto r : StrList(e, "rootElement")) roots.push_back(r);
        doc_index_ = i;
      } else if (t == "software_Sbom" || t == "Bom" || t == "Bundle") {
        for (auto r : StrList(e, "rootElement")) sbom_roots_.push_back(r);
      } else if (IsPackageType(t) || t == "software_File") {
        components_.push_back(MapElement(e, t, i));
      } else if (t == "Relationship" || t == "LifecycleScopedRelationship") {
        relationships_.push_back(i);
      } else if (t == "CreationInfo" || t == "Person" || t == "Organization" || t == "Tool" ||
                 t == "SoftwareAgent" || t == "Agent" || t == "simplelicensing_LicenseExpression" ||
                 t == "expandedlicensing_CustomLicense" || t == "expandedlicensing_ListedLicense") {
        // Read through references from other elements.
      } else {
        ++unmapped;
      }
    }
    if (doc_index_ == kNone) {
      Report(d_, Severity::kError, "spdx3.document.required", "no SpdxDocument element in @graph",
             Loc{0, "/@graph"});
    }
    if (unmapped) {
      Report(d_, Severity::kInfo, "spdx3.model.unmapped",
             std::to_string(unmapped) +
                 " element(s) of other profiles (annotations, snippets, vulnerabilities, ...) not kept",
             Loc{0, "/@graph"});
    }
    // Creation info: the document's, else the first one in the graph.
    if (doc_ci.empty()) {
      for (auto e : graph) {
        if (Type(e) == "CreationInfo") {
          doc_ci = Id(e);
          break;
        }
      }
    }
    if (!doc_ci.empty()) ReadCreationInfo(doc_ci, sbom);

    // Relationships.
    std::unordered_map<std::string_view, std::size_t> by_ref;
    for (std::size_t i = 0; i < components_.size(); ++i) by_ref.emplace(components_[i].bom_ref, i);
    std::vector<std::string> described;
    std::unordered_set<std::string> described_set;
    auto describe = [&](std::string_view id) {
      std::string s(id);
      if (described_set.insert(s).second) described.push_back(std::move(s));
    };
    for (auto r : sbom_roots_) describe(r);
    for (auto r : roots) {
      auto it = index_.find(r);
      bool is_bom = it != index_.end() &&
                    (Type(graph[it->second]) == "software_Sbom" || Type(graph[it->second]) == "Bom");
      if (!is_bom) describe(r);
    }
    for (std::size_t ri : relationships_) {
      dom::element e = graph[ri];
      std::string_view type = Str(e, "relationshipType");
      std::string_view from = Str(e, "from");
      auto tos = StrList(e, "to");
      if (type.empty() || from.empty() || tos.empty()) {
        Error("spdx3.relationship.required", "relationship needs from, to and relationshipType", ri);
        continue;
      }
      if (!Known(from)) {
        Warn("spdx3.relationship.unresolved", "from " + Excerpt(from) + " is not in this document", ri);
      }
      if (type == "hasDeclaredLicense" || type == "hasConcludedLicense") {
        auto it = by_ref.find(from);
        if (it == by_ref.end()) continue;  // licenses of elements the model does not keep
        for (auto to : tos) {
          model::License l;
          l.kind = model::License::Kind::kExpression;
          l.value = LicenseText(to, graph);
          l.acknowledgement = type == "hasDeclaredLicense" ? model::LicenseAcknowledgement::kDeclared
                                                           : model::LicenseAcknowledgement::kConcluded;
          components_[it->second].licenses.push_back(std::move(l));
        }
        continue;
      }
      if (type == "describes") {
        for (auto to : tos) describe(to);
        continue;
      }
      std::string_view scope = Str(e, "scope");
      for (auto to : tos) {
        DependencyEdge edge;
        edge.from = std::string(from);
        edge.to = std::string(NormalizeSpecial(to));
        edge.comment = std::string(Str(e, "comment"));
        if (type == "dependsOn") {
          edge.type = scope == "development" ? RelationshipType::kDevDependsOn
                      : scope == "build"     ? RelationshipType::kBuildDependsOn
                      : scope == "test"      ? RelationshipType::kTestDependsOn
                      : scope == "runtime"   ? RelationshipType::kRuntimeDependsOn
                                             : RelationshipType::kDependsOn;
        } else if (type == "contains") {
          edge.type = RelationshipType::kContains;
        } else {
          edge.type = RelationshipType::kOther;
          edge.raw_type = std::string(type);
        }
        if (!Known(to) && edge.to != "NONE" && edge.to != "NOASSERTION") {
          Warn("spdx3.relationship.unresolved", "to " + Excerpt(to) + " is not in this document", ri);
        }
        sbom.dependencies.push_back(std::move(edge));
      }
    }

    // Primary: the one described package.
    std::string primary;
    std::size_t packages = 0;
    for (const auto& id : described) {
      auto it = by_ref.find(id);
      if (it != by_ref.end() && components_[it->second].type != ComponentType::kFile) {
        ++packages;
        primary = id;
      }
    }
    if (packages != 1) primary.clear();
    std::vector<DependencyEdge> describe_edges;
    for (const auto& id : described) {
      if (id == primary) continue;
      DependencyEdge edge;
      edge.from = sbom.document_ref;
      edge.to = id;
      edge.type = RelationshipType::kOther;
      edge.raw_type = "DESCRIBES";
      describe_edges.push_back(std::move(edge));
    }
    sbom.dependencies.insert(sbom.dependencies.begin(), describe_edges.begin(), describe_edges.end());
    for (auto& c : components_) {
      if (!primary.empty() && c.bom_ref == primary && !sbom.primary) {
        sbom.primary = std::move(c);
      } else {
        sbom.components.push_back(std::move(c));
      }
    }
    out.diagnostics = std::move(d_);
    out.diagnostics.SetFile(file_);
    return out;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  Loc At(std::size_t i) const { return Loc{0, "/@graph/" + std::to_string(i)}; }
  void Error(std::string rule, std::string msg, std::size_t i) {
    Report(d_, Severity::kError, std::move(rule), std::move(msg), At(i));
  }
  void Warn(std::string rule, std::string msg, std::size_t i) {
    Report(d_, Severity::kWarning, std::move(rule), std::move(msg), At(i));
  }

  bool Known(std::string_view id) const {
    return index_.count(id) || NormalizeSpecial(id) != id;
  }

  static std::string_view NormalizeSpecial(std::string_view id) {
    if (EndsWith(id, "/NoAssertionElement") || EndsWith(id, "/NoAssertionLicense")) return "NOASSERTION";
    if (EndsWith(id, "/NoneElement") || EndsWith(id, "/NoneLicense")) return "NONE";
    return id;
  }

  std::optional<dom::element> Lookup(std::string_view id) const {
    auto it = index_.find(id);
    if (it == index_.end()) return std::nullopt;
    return graph_at(it->second);
  }
  dom::element graph_at(std::size_t i) const { return (*graph_)[i]; }

  std::string_view CreationInfoId(dom::element e) {
    std::string_view ci = Str(e, "creationInfo");
    return ci;
  }

  std::optional<model::Party> Agent(std::string_view id) {
    auto e = Lookup(id);
    model::Party p;
    if (!e) {
      p.name = std::string(id);
      return p;
    }
    std::string_view t = Type(*e);
    p.kind = t == "Person"         ? model::Party::Kind::kPerson
             : t == "Organization" ? model::Party::Kind::kOrganization
             : (t == "Tool" || t == "SoftwareAgent") ? model::Party::Kind::kTool
                                                     : model::Party::Kind::kUnspecified;
    p.name = std::string(Str(*e, "name"));
    dom::array ids;
    if (!(*e)["externalIdentifier"].get_array().get(ids)) {
      for (auto x : ids) {
        if (Str(x, "externalIdentifierType") == "email" && p.email.empty()) {
          p.email = std::string(Str(x, "identifier"));
        }
      }
    }
    return p;
  }

  void ReadCreationInfo(std::string_view id, model::Sbom& sbom) {
    auto e = Lookup(id);
    if (!e) return;
    std::string_view created = Str(*e, "created");
    if (created.empty()) {
      Error("spdx3.creationInfo.created", "CreationInfo has no created time", index_.at(id));
    }
    sbom.timestamp = std::string(created);
    for (auto a : StrList(*e, "createdBy")) {
      if (auto p = Agent(a)) {
        if (p->kind == model::Party::Kind::kTool) {
          sbom.tools.push_back({"", p->name, ""});
        } else {
          sbom.authors.push_back(std::move(*p));
        }
      }
    }
    for (auto t : StrList(*e, "createdUsing")) {
      if (auto p = Agent(t)) sbom.tools.push_back({"", p->name, ""});
    }
  }

  std::string LicenseText(std::string_view id, const std::vector<dom::element>& graph) {
    std::string_view special = NormalizeSpecial(id);
    if (special != id) return std::string(special);
    auto it = index_.find(id);
    if (it != index_.end()) {
      dom::element e = graph[it->second];
      std::string_view expr = Str(e, "simplelicensing_licenseExpression");
      if (!expr.empty()) return std::string(expr);
      std::string_view name = Str(e, "name");
      if (!name.empty()) return std::string(name);
    }
    // A listed license by URI: https://spdx.org/licenses/MIT -> MIT.
    constexpr std::string_view kListed = "spdx.org/licenses/";
    auto at = id.find(kListed);
    if (at != std::string_view::npos) return std::string(id.substr(at + kListed.size()));
    return std::string(id);
  }

  Component MapElement(dom::element e, std::string_view t, std::size_t i) {
    Component c;
    c.bom_ref = std::string(Id(e));
    c.name = std::string(Str(e, "name"));
    if (c.bom_ref.empty()) Error("spdx3.element.spdxId", "element has no spdxId", i);
    std::string_view purpose = Str(e, "software_primaryPurpose");
    if (t == "software_File") {
      c.type = ComponentType::kFile;
    } else if (t == "ai_AIPackage") {
      c.type = ComponentType::kMachineLearningModel;
    } else if (t == "dataset_DatasetPackage") {
      c.type = ComponentType::kData;
    } else {
      c.type = PurposeType(purpose);
    }
    c.version = std::string(Str(e, "software_packageVersion"));
    c.purl = std::string(Str(e, "software_packageUrl"));
    c.download_location = std::string(Str(e, "software_downloadLocation"));
    c.homepage = std::string(Str(e, "software_homePage"));
    c.copyright = std::string(Str(e, "software_copyrightText"));
    c.source_info = std::string(Str(e, "software_sourceInfo"));
    c.description = std::string(Str(e, "description"));
    if (c.description.empty()) c.description = std::string(Str(e, "summary"));
    c.comment = std::string(Str(e, "comment"));
    std::string_view supplier = Str(e, "suppliedBy");
    if (!supplier.empty()) c.supplier = Agent(supplier);
    for (auto o : StrList(e, "originatedBy")) {
      if (auto p = Agent(o)) c.authors.push_back(std::move(*p));
    }
    dom::array arr;
    if (!e["verifiedUsing"].get_array().get(arr)) {
      for (auto h : arr) {
        std::string_view ht = Type(h);
        if (ht == "Hash") {
          std::string_view alg = Str(h, "algorithm");
          if (auto a = Spdx3Hash(alg)) {
            c.hashes.push_back({*a, std::string(Str(h, "hashValue"))});
          } else {
            Warn("spdx3.hash.algorithm", "hash algorithm \"" + Excerpt(alg) + "\" not kept", i);
          }
        } else if (ht == "PackageVerificationCode") {
          c.properties.push_back({"spdx:packageVerificationCode", std::string(Str(h, "hashValue"))});
        }
      }
    }
    if (!e["externalIdentifier"].get_array().get(arr)) {
      for (auto x : arr) {
        std::string_view xt = Str(x, "externalIdentifierType");
        std::string_view v = Str(x, "identifier");
        if (xt == "cpe23" || xt == "cpe22") {
          c.cpes.emplace_back(v);
        } else if (xt == "packageUrl" && c.purl.empty()) {
          c.purl = std::string(v);
        } else {
          c.external_references.push_back({"identifier/" + std::string(xt), std::string(v), "", {}});
        }
      }
    }
    if (!e["externalRef"].get_array().get(arr)) {
      for (auto x : arr) {
        std::string_view xt = Str(x, "externalRefType");
        for (auto loc : StrList(x, "locator")) {
          c.external_references.push_back({std::string(xt), std::string(loc), std::string(Str(x, "comment")), {}});
        }
      }
    }
    return c;
  }

  const std::string& file_;
  Diagnostics d_;
  std::unordered_map<std::string_view, std::size_t> index_;
  std::vector<Component> components_;
  std::vector<std::size_t> relationships_;
  std::vector<std::string_view> sbom_roots_;
  std::size_t doc_index_ = kNone;
  const std::vector<dom::element>* graph_ = nullptr;
};

}  // namespace

Result<Decoded> DecodeSpdx3(const std::string& bytes, const DecodeOptions& options) {
  const std::string& file = options.file_name;
  dom::parser parser;
  if (parser.allocate(bytes.size(), kMaxJsonDepth)) {
    return Status::TooLarge(file + ": cannot allocate the JSON parser");
  }
  dom::element root;
  simdjson::error_code err;
  if (bytes.capacity() >= bytes.size() + simdjson::SIMDJSON_PADDING) {
    err = parser.parse(bytes.data(), bytes.size(), false).get(root);
  } else {
    simdjson::padded_string padded(bytes);
    err = parser.parse(padded).get(root);
  }
  if (err) {
    Status located = LocateJsonError(bytes, file);
    if (!located.ok()) return located;
    return Status::ParseError(file + ": malformed JSON: " + simdjson::error_message(err));
  }
  if (!root.is_object()) return Status::ParseError(file + ": a JSON-LD document must be an object");
  // Version from the context URL: https://spdx.org/rdf/3.0.1/spdx-context.jsonld
  std::string context;
  std::string_view ctx;
  if (!root["@context"].get_string().get(ctx)) {
    context = std::string(ctx);
  } else {
    dom::array arr;
    if (!root["@context"].get_array().get(arr)) {
      for (auto c : arr) {
        if (!c.get_string().get(ctx) && ctx.find("spdx.org/rdf/") != std::string_view::npos) {
          context = std::string(ctx);
        }
      }
    }
  }
  constexpr std::string_view kRdf = "spdx.org/rdf/";
  auto at = context.find(kRdf);
  if (at == std::string::npos) {
    return Status::InvalidDocument(file + ": @context does not name the SPDX 3 context (spdx.org/rdf/3.x)");
  }
  std::string version = context.substr(at + kRdf.size());
  version = version.substr(0, version.find('/'));
  if (!StartsWith(version, "3.0")) {
    return Status::Unsupported(file + ": SPDX " + version + " JSON-LD is not supported (supported: 3.0.x)");
  }
  std::vector<dom::element> graph;
  dom::array arr;
  if (!root["@graph"].get_array().get(arr)) {
    for (auto e : arr) graph.push_back(e);
  } else if (!Type(root).empty()) {
    graph.push_back(root);  // a single element without @graph
  } else {
    return Status::InvalidDocument(file + ": SPDX 3 JSON-LD document has no @graph array");
  }
  Decoder decoder(file, graph);
  return decoder.Run(version);
}

}  // namespace sbomhub::formats::spdx::internal
