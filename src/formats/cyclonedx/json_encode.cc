// CycloneDX JSON encoding through sbomhub::JsonWriter: keys in the schema's order, empty
// optional fields omitted, so the output is deterministic for a given model and version.
#include <string>

#include "base/json_writer.h"
#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

class Encoder {
 public:
  Encoder(int minor, bool pretty) : minor_(minor), w_(pretty) {}

  void Bom(const model::Sbom& sbom);
  std::string Take() { return w_.Take(); }
  Warner& warner() { return warner_; }

 private:
  void Metadata(const model::Sbom& sbom, const DocumentOut& doc);
  void Component(const model::Component& c, std::size_t depth);
  void Entity(const model::Party& p);
  void Contact(const model::Party& p);
  void Hashes(const std::vector<const model::Hash*>& hashes);
  void Licenses(const std::vector<const model::License*>& licenses);
  void ExternalReferences(const std::vector<model::ExternalReference>& refs);
  void Properties(const std::vector<model::Property>& props);

  int minor_;
  JsonWriter w_;
  Warner warner_;
};

void Encoder::Bom(const model::Sbom& sbom) {
  DocumentOut doc = PrepareDocument(sbom, minor_, warner_);
  std::string version = "1." + std::to_string(minor_);
  w_.BeginObject();
  w_.Field("$schema", "http://cyclonedx.org/schema/bom-" + version + ".schema.json");
  w_.Field("bomFormat", "CycloneDX");
  w_.Field("specVersion", version);
  if (doc.serial_number) w_.Field("serialNumber", sbom.serial_number);
  w_.Field("version", sbom.bom_version);
  Metadata(sbom, doc);
  w_.Key("components").BeginArray();
  for (const auto& c : sbom.components) Component(c, 1);
  w_.EndArray();
  if (!sbom.external_references.empty()) {
    w_.Key("externalReferences");
    ExternalReferences(sbom.external_references);
  }
  auto deps = GroupDependencies(sbom, minor_, warner_);
  if (!deps.empty()) {
    w_.Key("dependencies").BeginArray();
    for (const auto& d : deps) {
      w_.BeginObject().Field("ref", d.ref);
      w_.Key("dependsOn").BeginArray();
      for (const auto& t : d.depends_on) w_.String(t);
      w_.EndArray();
      if (!d.provides.empty()) {
        w_.Key("provides").BeginArray();
        for (const auto& t : d.provides) w_.String(t);
        w_.EndArray();
      }
      w_.EndObject();
    }
    w_.EndArray();
  }
  w_.EndObject();
}

void Encoder::Metadata(const model::Sbom& sbom, const DocumentOut& doc) {
  bool any = !sbom.timestamp.empty() || !doc.lifecycles.empty() || !sbom.tools.empty() ||
             !sbom.authors.empty() || sbom.primary || sbom.manufacturer || sbom.supplier ||
             !sbom.data_licenses.empty() || !doc.properties.empty();
  if (!any) return;
  w_.Key("metadata").BeginObject();
  w_.OptionalField("timestamp", sbom.timestamp);
  if (!doc.lifecycles.empty()) {
    w_.Key("lifecycles").BeginArray();
    for (const auto& l : doc.lifecycles) {
      w_.BeginObject().Field(IsLifecyclePhase(l) ? "phase" : "name", l).EndObject();
    }
    w_.EndArray();
  }
  if (!sbom.tools.empty()) {
    w_.Key("tools");
    if (minor_ >= 5) {
      // 1.5 deprecates the tool array for {components, services}; tools become components.
      w_.BeginObject().Key("components").BeginArray();
      for (const auto& t : sbom.tools) {
        w_.BeginObject().Field("type", "application");
        w_.OptionalField("group", t.vendor);
        w_.Field("name", t.name);
        w_.OptionalField("version", t.version);
        w_.EndObject();
      }
      w_.EndArray().EndObject();
    } else {
      w_.BeginArray();
      for (const auto& t : sbom.tools) {
        w_.BeginObject();
        w_.OptionalField("vendor", t.vendor);
        w_.OptionalField("name", t.name);
        w_.OptionalField("version", t.version);
        w_.EndObject();
      }
      w_.EndArray();
    }
  }
  if (!sbom.authors.empty()) {
    w_.Key("authors").BeginArray();
    for (const auto& a : sbom.authors) Contact(a);
    w_.EndArray();
  }
  if (sbom.primary) {
    w_.Key("component");
    Component(*sbom.primary, 1);
  }
  if (sbom.manufacturer) {
    w_.Key(minor_ >= 6 ? "manufacturer" : "manufacture");
    Entity(*sbom.manufacturer);
  }
  if (sbom.supplier) {
    w_.Key("supplier");
    Entity(*sbom.supplier);
  }
  if (!sbom.data_licenses.empty()) {
    w_.Key("licenses");
    Licenses(PrepareLicenses(sbom.data_licenses, minor_, warner_));
  }
  if (!doc.properties.empty()) {
    w_.Key("properties");
    Properties(doc.properties);
  }
  w_.EndObject();
}

void Encoder::Component(const model::Component& c, std::size_t depth) {
  ComponentOut out = PrepareComponent(c, minor_, warner_);
  w_.BeginObject();
  w_.Field("type", out.type);
  w_.OptionalField("bom-ref", c.bom_ref);
  if (c.supplier) {
    w_.Key("supplier");
    Entity(*c.supplier);
  }
  if (minor_ >= 6) {
    if (c.manufacturer) {
      w_.Key("manufacturer");
      Entity(*c.manufacturer);
    }
    if (!c.authors.empty()) {
      w_.Key("authors").BeginArray();
      for (const auto& a : c.authors) Contact(a);
      w_.EndArray();
    }
  }
  w_.OptionalField("author", out.author);
  w_.OptionalField("publisher", c.publisher);
  w_.OptionalField("group", c.group);
  w_.Field("name", c.name);
  w_.OptionalField("version", c.version);
  w_.OptionalField("description", c.description);
  if (c.scope != model::Scope::kUnspecified) w_.Field("scope", model::ScopeName(c.scope));
  if (!out.hashes.empty()) {
    w_.Key("hashes");
    Hashes(out.hashes);
  }
  if (!out.licenses.empty()) {
    w_.Key("licenses");
    Licenses(out.licenses);
  }
  w_.OptionalField("copyright", c.copyright);
  if (!c.cpes.empty()) w_.Field("cpe", c.cpes.front());
  w_.OptionalField("purl", c.purl);
  if (!c.swid_tag_id.empty()) {
    w_.Key("swid").BeginObject().Field("tagId", c.swid_tag_id).Field("name", c.name).EndObject();
  }
  if (!out.external_references.empty()) {
    w_.Key("externalReferences");
    ExternalReferences(out.external_references);
  }
  if (!out.properties.empty()) {
    w_.Key("properties");
    Properties(out.properties);
  }
  if (!c.components.empty()) {
    w_.Key("components").BeginArray();
    for (const auto& child : c.components) Component(child, depth + 1);
    w_.EndArray();
  }
  w_.EndObject();
}

void Encoder::Entity(const model::Party& p) {
  w_.BeginObject();
  w_.OptionalField("name", p.name);
  if (!p.urls.empty()) {
    w_.Key("url").BeginArray();
    for (const auto& u : p.urls) w_.String(u);
    w_.EndArray();
  }
  if (!p.email.empty()) {
    w_.Key("contact").BeginArray().BeginObject().Field("email", p.email).EndObject().EndArray();
  }
  w_.EndObject();
}

void Encoder::Contact(const model::Party& p) {
  w_.BeginObject();
  w_.OptionalField("name", p.name);
  w_.OptionalField("email", p.email);
  w_.EndObject();
  if (!p.urls.empty()) {
    warner_.Add("cdx.encode.contact-url", "CycloneDX contacts have no url; dropped");
  }
}

void Encoder::Hashes(const std::vector<const model::Hash*>& hashes) {
  w_.BeginArray();
  for (const auto* h : hashes) {
    w_.BeginObject()
        .Field("alg", model::HashAlgorithmName(h->algorithm))
        .Field("content", h->value)
        .EndObject();
  }
  w_.EndArray();
}

void Encoder::Licenses(const std::vector<const model::License*>& licenses) {
  w_.BeginArray();
  for (const auto* l : licenses) {
    std::string_view ack = minor_ >= 6 ? AcknowledgementName(l->acknowledgement) : "";
    std::string_view ref = minor_ >= 5 ? std::string_view(l->bom_ref) : std::string_view();
    w_.BeginObject();
    if (l->kind == model::License::Kind::kExpression) {
      w_.Field("expression", l->value);
      w_.OptionalField("acknowledgement", ack);
      w_.OptionalField("bom-ref", ref);
    } else {
      w_.Key("license").BeginObject();
      w_.OptionalField("bom-ref", ref);
      w_.Field(l->kind == model::License::Kind::kSpdxId ? "id" : "name", l->value);
      w_.OptionalField("acknowledgement", ack);
      if (!l->text.empty()) w_.Key("text").BeginObject().Field("content", l->text).EndObject();
      w_.OptionalField("url", l->url);
      w_.EndObject();
    }
    w_.EndObject();
  }
  w_.EndArray();
}

void Encoder::ExternalReferences(const std::vector<model::ExternalReference>& refs) {
  w_.BeginArray();
  for (const auto& r : refs) {
    w_.BeginObject();
    w_.Field("type", ExternalReferenceType(r, minor_, warner_));
    w_.Field("url", r.url);
    w_.OptionalField("comment", r.comment);
    if (!r.hashes.empty()) {
      w_.Key("hashes");
      Hashes(PrepareHashes(r.hashes, warner_));
    }
    w_.EndObject();
  }
  w_.EndArray();
}

void Encoder::Properties(const std::vector<model::Property>& props) {
  w_.BeginArray();
  for (const auto& p : props) w_.BeginObject().Field("name", p.name).Field("value", p.value).EndObject();
  w_.EndArray();
}

}  // namespace

Result<Encoded> EncodeJson(const model::Sbom& sbom, int minor, bool pretty) {
  Encoder encoder(minor, pretty);
  encoder.Bom(sbom);
  Encoded out;
  out.bytes = encoder.Take();
  encoder.warner().Flush(out.warnings);
  return out;
}

}  // namespace sbomhub::formats::cyclonedx::internal
