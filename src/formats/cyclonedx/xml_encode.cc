// CycloneDX XML encoding with a small streaming writer (no DOM): elements in the XSD's sequence
// order, two-space indentation when pretty, so output is deterministic.
#include <string>
#include <string_view>
#include <vector>

#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

void AppendEscaped(std::string& out, std::string_view s, bool attribute) {
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"':
        if (attribute) {
          out += "&quot;";
        } else {
          out += c;
        }
        break;
      case '\n':
        if (attribute) {
          out += "&#10;";
        } else {
          out += c;
        }
        break;
      case '\r': out += "&#13;"; break;
      case '\t':
        if (attribute) {
          out += "&#9;";
        } else {
          out += c;
        }
        break;
      default:
        // XML 1.0 cannot carry other C0 controls at all; they are replaced (and warned about).
        if (static_cast<unsigned char>(c) < 0x20) {
          out += "\xEF\xBF\xBD";
        } else {
          out += c;
        }
    }
  }
}

bool HasControl(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) < 0x20 && c != '\n' && c != '\r' && c != '\t') return true;
  }
  return false;
}

class XmlWriter {
 public:
  explicit XmlWriter(bool pretty) : pretty_(pretty) {
    out_ = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";
  }
  using Attrs = std::vector<std::pair<std::string_view, std::string_view>>;

  void Open(std::string_view name, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += '>';
    stack_.push_back(std::string(name));
  }
  void Close() {
    std::string name = std::move(stack_.back());
    stack_.pop_back();
    Indent();
    out_ += "</";
    out_ += name;
    out_ += '>';
  }
  void Empty(std::string_view name, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += "/>";
  }
  void Text(std::string_view name, std::string_view value, const Attrs& attrs = {}) {
    StartTag(name, attrs);
    out_ += '>';
    Escape(value, false);
    out_ += "</";
    out_ += name;
    out_ += '>';
  }
  void OptionalText(std::string_view name, std::string_view value) {
    if (!value.empty()) Text(name, value);
  }
  std::string Take() {
    if (pretty_) out_ += '\n';
    return std::move(out_);
  }
  bool replaced_controls() const { return replaced_controls_; }

 private:
  void StartTag(std::string_view name, const Attrs& attrs) {
    Indent();
    out_ += '<';
    out_ += name;
    for (const auto& [k, v] : attrs) {
      out_ += ' ';
      out_ += k;
      out_ += "=\"";
      Escape(v, true);
      out_ += '"';
    }
  }
  void Escape(std::string_view s, bool attribute) {
    if (HasControl(s)) replaced_controls_ = true;
    AppendEscaped(out_, s, attribute);
  }
  void Indent() {
    if (!pretty_) return;
    out_ += '\n';
    out_.append(stack_.size() * 2, ' ');
  }

  std::string out_;
  std::vector<std::string> stack_;
  bool pretty_;
  bool replaced_controls_ = false;
};

class Encoder {
 public:
  Encoder(int minor, bool pretty) : minor_(minor), w_(pretty) {}

  void Bom(const model::Sbom& sbom);
  std::string Take() { return w_.Take(); }
  Warner& warner() { return warner_; }
  bool replaced_controls() const { return w_.replaced_controls(); }

 private:
  void Metadata(const model::Sbom& sbom, const DocumentOut& doc);
  void Component(const model::Component& c);
  void Entity(std::string_view name, const model::Party& p);
  void Contact(std::string_view name, const model::Party& p);
  void Hashes(const std::vector<const model::Hash*>& hashes);
  void Licenses(const std::vector<const model::License*>& licenses);
  void ExternalReferences(const std::vector<model::ExternalReference>& refs);
  void Properties(const std::vector<model::Property>& props);

  int minor_;
  XmlWriter w_;
  Warner warner_;
};

void Encoder::Bom(const model::Sbom& sbom) {
  DocumentOut doc = PrepareDocument(sbom, minor_, warner_);
  std::string ns = std::string(kXmlNamespacePrefix) + "1." + std::to_string(minor_);
  std::string version = std::to_string(sbom.bom_version);
  XmlWriter::Attrs attrs = {{"xmlns", ns}};
  if (doc.serial_number) attrs.push_back({"serialNumber", sbom.serial_number});
  attrs.push_back({"version", version});
  w_.Open("bom", attrs);
  Metadata(sbom, doc);
  w_.Open("components");
  for (const auto& c : sbom.components) Component(c);
  w_.Close();
  if (!sbom.external_references.empty()) ExternalReferences(sbom.external_references);
  auto deps = GroupDependencies(sbom, minor_, warner_);
  if (!deps.empty()) {
    w_.Open("dependencies");
    for (const auto& d : deps) {
      if (d.depends_on.empty() && d.provides.empty()) {
        w_.Empty("dependency", {{"ref", d.ref}});
        continue;
      }
      w_.Open("dependency", {{"ref", d.ref}});
      for (const auto& t : d.depends_on) w_.Empty("dependency", {{"ref", t}});
      for (const auto& t : d.provides) w_.Empty("provides", {{"ref", t}});
      w_.Close();
    }
    w_.Close();
  }
  w_.Close();
}

void Encoder::Metadata(const model::Sbom& sbom, const DocumentOut& doc) {
  bool any = !sbom.timestamp.empty() || !doc.lifecycles.empty() || !sbom.tools.empty() ||
             !sbom.authors.empty() || sbom.primary || sbom.manufacturer || sbom.supplier ||
             !sbom.data_licenses.empty() || !doc.properties.empty();
  if (!any) return;
  w_.Open("metadata");
  w_.OptionalText("timestamp", sbom.timestamp);
  if (!doc.lifecycles.empty()) {
    w_.Open("lifecycles");
    for (const auto& l : doc.lifecycles) {
      w_.Open("lifecycle");
      w_.Text(IsLifecyclePhase(l) ? "phase" : "name", l);
      w_.Close();
    }
    w_.Close();
  }
  if (!sbom.tools.empty()) {
    w_.Open("tools");
    if (minor_ >= 5) {
      w_.Open("components");
      for (const auto& t : sbom.tools) {
        w_.Open("component", {{"type", "application"}});
        w_.OptionalText("group", t.vendor);
        w_.Text("name", t.name);
        w_.OptionalText("version", t.version);
        w_.Close();
      }
      w_.Close();
    } else {
      for (const auto& t : sbom.tools) {
        w_.Open("tool");
        w_.OptionalText("vendor", t.vendor);
        w_.OptionalText("name", t.name);
        w_.OptionalText("version", t.version);
        w_.Close();
      }
    }
    w_.Close();
  }
  if (!sbom.authors.empty()) {
    w_.Open("authors");
    for (const auto& a : sbom.authors) Contact("author", a);
    w_.Close();
  }
  if (sbom.primary) Component(*sbom.primary);
  if (sbom.manufacturer) Entity(minor_ >= 6 ? "manufacturer" : "manufacture", *sbom.manufacturer);
  if (sbom.supplier) Entity("supplier", *sbom.supplier);
  if (!sbom.data_licenses.empty()) Licenses(PrepareLicenses(sbom.data_licenses, minor_, warner_));
  if (!doc.properties.empty()) Properties(doc.properties);
  w_.Close();
}

void Encoder::Component(const model::Component& c) {
  ComponentOut out = PrepareComponent(c, minor_, warner_);
  XmlWriter::Attrs attrs = {{"type", out.type}};
  if (!c.bom_ref.empty()) attrs.push_back({"bom-ref", c.bom_ref});
  w_.Open("component", attrs);
  if (c.supplier) Entity("supplier", *c.supplier);
  if (minor_ >= 6) {
    if (c.manufacturer) Entity("manufacturer", *c.manufacturer);
    if (!c.authors.empty()) {
      w_.Open("authors");
      for (const auto& a : c.authors) Contact("author", a);
      w_.Close();
    }
  }
  w_.OptionalText("author", out.author);
  w_.OptionalText("publisher", c.publisher);
  w_.OptionalText("group", c.group);
  w_.Text("name", c.name);
  w_.OptionalText("version", c.version);
  w_.OptionalText("description", c.description);
  if (c.scope != model::Scope::kUnspecified) w_.Text("scope", model::ScopeName(c.scope));
  if (!out.hashes.empty()) Hashes(out.hashes);
  if (!out.licenses.empty()) Licenses(out.licenses);
  w_.OptionalText("copyright", c.copyright);
  if (!c.cpes.empty()) w_.Text("cpe", c.cpes.front());
  w_.OptionalText("purl", c.purl);
  if (!c.swid_tag_id.empty()) w_.Empty("swid", {{"tagId", c.swid_tag_id}, {"name", c.name}});
  if (!out.external_references.empty()) ExternalReferences(out.external_references);
  if (!out.properties.empty()) Properties(out.properties);
  if (!c.components.empty()) {
    w_.Open("components");
    for (const auto& child : c.components) Component(child);
    w_.Close();
  }
  w_.Close();
}

void Encoder::Entity(std::string_view name, const model::Party& p) {
  w_.Open(name);
  w_.OptionalText("name", p.name);
  for (const auto& u : p.urls) w_.Text("url", u);
  if (!p.email.empty()) {
    w_.Open("contact");
    w_.Text("email", p.email);
    w_.Close();
  }
  w_.Close();
}

void Encoder::Contact(std::string_view name, const model::Party& p) {
  w_.Open(name);
  w_.OptionalText("name", p.name);
  w_.OptionalText("email", p.email);
  w_.Close();
  if (!p.urls.empty()) {
    warner_.Add("cdx.encode.contact-url", "CycloneDX contacts have no url; dropped");
  }
}

void Encoder::Hashes(const std::vector<const model::Hash*>& hashes) {
  w_.Open("hashes");
  for (const auto* h : hashes) w_.Text("hash", h->value, {{"alg", model::HashAlgorithmName(h->algorithm)}});
  w_.Close();
}

void Encoder::Licenses(const std::vector<const model::License*>& licenses) {
  w_.Open("licenses");
  for (const auto* l : licenses) {
    XmlWriter::Attrs attrs;
    if (minor_ >= 5 && !l->bom_ref.empty()) attrs.push_back({"bom-ref", l->bom_ref});
    std::string_view ack = AcknowledgementName(l->acknowledgement);
    if (minor_ >= 6 && !ack.empty()) attrs.push_back({"acknowledgement", ack});
    if (l->kind == model::License::Kind::kExpression) {
      w_.Text("expression", l->value, attrs);
      continue;
    }
    w_.Open("license", attrs);
    w_.Text(l->kind == model::License::Kind::kSpdxId ? "id" : "name", l->value);
    w_.OptionalText("text", l->text);
    w_.OptionalText("url", l->url);
    w_.Close();
  }
  w_.Close();
}

void Encoder::ExternalReferences(const std::vector<model::ExternalReference>& refs) {
  w_.Open("externalReferences");
  for (const auto& r : refs) {
    w_.Open("reference", {{"type", ExternalReferenceType(r, minor_, warner_)}});
    w_.Text("url", r.url);
    w_.OptionalText("comment", r.comment);
    if (!r.hashes.empty()) Hashes(PrepareHashes(r.hashes, warner_));
    w_.Close();
  }
  w_.Close();
}

void Encoder::Properties(const std::vector<model::Property>& props) {
  w_.Open("properties");
  for (const auto& p : props) w_.Text("property", p.value, {{"name", p.name}});
  w_.Close();
}

}  // namespace

Result<Encoded> EncodeXml(const model::Sbom& sbom, int minor, bool pretty) {
  Encoder encoder(minor, pretty);
  encoder.Bom(sbom);
  Encoded out;
  out.bytes = encoder.Take();
  encoder.warner().Flush(out.warnings);
  if (encoder.replaced_controls()) {
    out.warnings.Warning("cdx.encode.xml-control-characters",
                         "control characters XML 1.0 cannot carry were replaced by U+FFFD");
  }
  return out;
}

}  // namespace sbomhub::formats::cyclonedx::internal
