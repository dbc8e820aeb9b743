// CycloneDX XML decoding: pugixml parse (no DTD, no entities beyond XML's own five), then one
// validating walk that fills the model. Positions come from pugixml's offset_debug(), turned into
// line:column through a line index built once, so reporting stays linear however many
// diagnostics there are.
//
// Namespaces: pugixml does not process them. The CycloneDX namespace is taken from the root
// (default namespace or a prefix); elements and attributes in any other namespace are extensions
// the XSDs allow (xs:any ##other) and are skipped.
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include <pugixml.hpp>

#include "base/text.h"
#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

using pugi::xml_node;

constexpr int kAll = 2;

struct ElementRule {
  std::string_view name;
  int since = kAll;
  bool repeated = false;  // maxOccurs > 1
};

constexpr ElementRule kBomElements[] = {
    {"metadata"}, {"components"}, {"services"}, {"externalReferences"}, {"dependencies"},
    {"compositions", 3}, {"properties", 5}, {"vulnerabilities", 4}, {"annotations", 5},
    {"formulation", 5}, {"declarations", 6}, {"definitions", 6},
};
constexpr ElementRule kMetadataElements[] = {
    {"timestamp"}, {"lifecycles", 5}, {"tools"}, {"authors"}, {"component"}, {"manufacture"},
    {"manufacturer", 6}, {"supplier"}, {"licenses", 3}, {"properties", 3},
};
constexpr ElementRule kComponentElements[] = {
    {"supplier"}, {"manufacturer", 6}, {"authors", 6}, {"author"}, {"publisher"}, {"group"},
    {"name"}, {"version"}, {"description"}, {"scope"}, {"hashes"}, {"licenses"}, {"copyright"},
    {"cpe"}, {"purl"}, {"omniborId", 6, true}, {"swhid", 6, true}, {"swid"}, {"modified"},
    {"pedigree"}, {"externalReferences"}, {"properties", 3}, {"components"}, {"evidence", 3},
    {"releaseNotes", 4}, {"modelCard", 5}, {"data", 5, true}, {"cryptoProperties", 6},
    {"tags", 6},
};
constexpr ElementRule kLicenseElements[] = {
    {"id"}, {"name"}, {"text"}, {"url"}, {"licensing", 5}, {"properties", 5},
};
constexpr ElementRule kReferenceElements[] = {{"url"}, {"comment"}, {"hashes", 3}};
constexpr ElementRule kEntityElements[] = {
    {"name"}, {"address", 6}, {"url", kAll, true}, {"contact", kAll, true},
};
constexpr ElementRule kContactElements[] = {{"name"}, {"email"}, {"phone"}};
constexpr ElementRule kToolElements[] = {
    {"vendor"}, {"name"}, {"version"}, {"hashes"}, {"externalReferences", 4},
};
constexpr ElementRule kLifecycleElements[] = {{"phase"}, {"name"}, {"description"}};

// Line starts, built on first use.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) : text_(text) {}
  LineColumn At(std::size_t offset) {
    if (starts_.empty()) {
      starts_.push_back(0);
      for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] == '\n') starts_.push_back(i + 1);
      }
    }
    offset = std::min(offset, text_.size());
    auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
    std::size_t line = static_cast<std::size_t>(it - starts_.begin());
    return LineColumn{line, offset - starts_[line - 1] + 1};
  }

 private:
  std::string_view text_;
  std::vector<std::size_t> starts_;
};

class Decoder {
 public:
  Decoder(int minor, Decoded& out, std::string prefix, LineIndex& lines)
      : ctx_(minor, out.diagnostics), sbom_(out.sbom), prefix_(std::move(prefix)), lines_(lines) {}

  void Bom(xml_node root);
  void Finish() { ctx_.Finish(sbom_); }

 private:
  // Validates the children of one element: unknown, version-gated and repeated elements.
  class Children {
   public:
    template <std::size_t N>
    Children(Decoder& d, const ElementRule (&rules)[N], std::string_view what)
        : d_(d), rules_(rules), n_(N), what_(what) {
      static_assert(N <= 64);
    }
    // The local name of `child` when it is a CycloneDX element to handle; empty otherwise
    // (foreign, unknown or repeated — the last two reported).
    std::string_view Accept(xml_node child) {
      std::string_view local = d_.Local(child);
      if (local.empty()) return {};
      for (std::size_t i = 0; i < n_; ++i) {
        if (rules_[i].name != local) continue;
        if (!rules_[i].repeated && (seen_ & (std::uint64_t{1} << i))) {
          d_.Error(child, "cdx.xml.duplicate-element",
                   "<" + std::string(local) + "> may appear only once in " + std::string(what_));
          return {};
        }
        seen_ |= std::uint64_t{1} << i;
        if (rules_[i].since > d_.ctx_.minor()) {
          d_.Error(child, "cdx.xml.element-version",
                   "<" + std::string(local) + "> is not part of " + std::string(what_) +
                       " in CycloneDX 1." + std::to_string(d_.ctx_.minor()));
          return {};
        }
        return local;
      }
      d_.Error(child, "cdx.xml.unknown-element",
               "unknown element <" + Excerpt(local) + "> in " + std::string(what_));
      return {};
    }
    bool Has(std::string_view name) const {
      for (std::size_t i = 0; i < n_; ++i) {
        if (rules_[i].name == name) return (seen_ >> i) & 1;
      }
      return false;
    }

   private:
    Decoder& d_;
    const ElementRule* rules_;
    std::size_t n_;
    std::string_view what_;
    std::uint64_t seen_ = 0;
  };

  // The CycloneDX local name of an element, or empty for foreign/non-element nodes.
  std::string_view Local(xml_node n) const {
    if (n.type() != pugi::node_element) return {};
    std::string_view name = n.name();
    std::size_t colon = name.find(':');
    if (prefix_.empty()) {
      if (colon != std::string_view::npos) return {};
      pugi::xml_attribute xmlns = n.attribute("xmlns");
      if (xmlns && !StartsWith(xmlns.value(), kXmlNamespacePrefix)) return {};
      return name;
    }
    if (colon == std::string_view::npos || name.substr(0, colon) != prefix_) return {};
    return name.substr(colon + 1);
  }

  Position At(xml_node n) {
    Position p;
    std::ptrdiff_t off = n.offset_debug();
    // pugixml points at an element's name; the user expects the column of its '<'.
    if (off > 0 && n.type() == pugi::node_element) --off;
    if (off >= 0) {
      LineColumn lc = lines_.At(static_cast<std::size_t>(off));
      p.line = lc.line;
      p.column = lc.column;
    }
    p.pointer = n.path('/');
    return p;
  }
  void Error(xml_node n, std::string rule, std::string message) {
    ctx_.Error(std::move(rule), std::move(message), At(n));
  }
  void Missing(xml_node n, std::string_view what, std::string_view name) {
    Error(n, "cdx." + std::string(what) + ".required",
          std::string(what) + " is missing required " + std::string(name));
  }
  static std::string Text(xml_node n) { return std::string(TrimWhitespace(n.text().get())); }
  void DefineRefAttr(xml_node n, bool held) {
    if (pugi::xml_attribute a = n.attribute("bom-ref")) ctx_.DefineRef(a.value(), At(n), held);
  }

  void Metadata(xml_node n);
  void Tools(xml_node n);
  bool Component(xml_node n, model::Component& c, std::size_t depth);
  void Components(xml_node n, std::vector<model::Component>* out, std::size_t depth);
  void Entity(xml_node n, model::Party& p);
  void Contact(xml_node n, model::Party& p);
  void Contacts(xml_node n, std::vector<model::Party>* out);
  void Hashes(xml_node n, std::vector<model::Hash>* out);
  void Licenses(xml_node n, std::vector<model::License>* out);
  // False when the license has neither id nor name (reported); such entries stay out of the model.
  bool License(xml_node n, model::License& l);
  void Acknowledgement(xml_node n, model::License& l);
  void ExternalReferences(xml_node n, std::vector<model::ExternalReference>* out);
  void Properties(xml_node n, std::vector<model::Property>* out);
  void Dependencies(xml_node n);
  void Lifecycles(xml_node n);
  void Service(xml_node n, std::size_t depth);
  void Walk(xml_node n, std::size_t depth);

  DecodeContext ctx_;
  model::Sbom& sbom_;
  std::string prefix_;
  LineIndex& lines_;
};

void Decoder::Bom(xml_node root) {
  if (pugi::xml_attribute v = root.attribute("serialNumber")) {
    sbom_.serial_number = v.value();
    if (!IsSerialNumber(sbom_.serial_number)) {
      Error(root, "cdx.bom.serial-number",
            "serialNumber \"" + Excerpt(sbom_.serial_number) +
                "\" is not a urn:uuid (urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lower-case)");
    }
  }
  if (pugi::xml_attribute v = root.attribute("version")) {
    std::string_view s = v.value();
    int n = 0;
    bool ok = !s.empty() && s.size() <= 9;
    for (char ch : s) {
      if (ch < '0' || ch > '9') ok = false;
      if (ok) n = n * 10 + (ch - '0');
    }
    if (!ok || n < 1) {
      Error(root, "cdx.bom.version", "version \"" + Excerpt(s) + "\" is not an integer of at least 1");
    } else {
      sbom_.bom_version = n;
    }
  }
  Children children(*this, kBomElements, "<bom>");
  for (xml_node child : root.children()) {
    std::string_view k = children.Accept(child);
    if (k.empty()) continue;
    if (k == "metadata") {
      Metadata(child);
    } else if (k == "components") {
      Components(child, &sbom_.components, 1);
    } else if (k == "externalReferences") {
      ExternalReferences(child, &sbom_.external_references);
    } else if (k == "dependencies") {
      Dependencies(child);
    } else if (k == "properties") {
      std::vector<model::Property> props;
      Properties(child, &props);
      ctx_.NotHeld("BOM-level properties", props.size());
    } else {
      std::size_t n = 0;
      for (xml_node item : child.children()) n += !Local(item).empty();
      ctx_.NotHeld(k, n == 0 ? 1 : n);
      if (k == "services") {
        for (xml_node s : child.children()) {
          if (Local(s) == "service") Service(s, 1);
        }
      } else {
        Walk(child, 1);
      }
    }
  }
}

void Decoder::Metadata(xml_node n) {
  Children children(*this, kMetadataElements, "<metadata>");
  for (xml_node child : n.children()) {
    std::string_view k = children.Accept(child);
    if (k.empty()) continue;
    if (k == "timestamp") {
      sbom_.timestamp = Text(child);
      if (!IsDateTime(sbom_.timestamp)) {
        Error(child, "cdx.metadata.timestamp",
              "timestamp \"" + Excerpt(sbom_.timestamp) +
                  "\" is not an RFC 3339 date-time (e.g. 2024-01-31T12:00:00Z)");
      }
    } else if (k == "tools") {
      Tools(child);
    } else if (k == "authors") {
      Contacts(child, &sbom_.authors);
    } else if (k == "component") {
      model::Component c;
      if (Component(child, c, 1)) sbom_.primary = std::move(c);
    } else if (k == "manufacture" || k == "manufacturer") {
      model::Party p;
      p.kind = model::Party::Kind::kOrganization;
      Entity(child, p);
      if (k == "manufacturer" || !sbom_.manufacturer) {
        if (sbom_.manufacturer) ctx_.NotHeld("metadata.manufacture");
        sbom_.manufacturer = std::move(p);
      } else {
        ctx_.NotHeld("metadata.manufacture");
      }
    } else if (k == "supplier") {
      model::Party p;
      p.kind = model::Party::Kind::kOrganization;
      Entity(child, p);
      sbom_.supplier = std::move(p);
    } else if (k == "licenses") {
      Licenses(child, &sbom_.data_licenses);
    } else if (k == "properties") {
      Properties(child, &sbom_.properties);
    } else if (k == "lifecycles") {
      Lifecycles(child);
    }
  }
}

void Decoder::Tools(xml_node n) {
  for (xml_node child : n.children()) {
    std::string_view k = Local(child);
    if (k.empty()) continue;
    if (k == "tool") {
      model::Tool tool;
      Children children(*this, kToolElements, "<tool>");
      for (xml_node f : child.children()) {
        std::string_view fk = children.Accept(f);
        if (fk.empty()) continue;
        if (fk == "vendor") {
          tool.vendor = Text(f);
        } else if (fk == "name") {
          tool.name = Text(f);
        } else if (fk == "version") {
          tool.version = Text(f);
        } else if (fk == "hashes") {
          ctx_.NotHeld("metadata.tools[].hashes");
          Hashes(f, nullptr);
        } else {
          ctx_.NotHeld("metadata.tools[].externalReferences");
          ExternalReferences(f, nullptr);
        }
      }
      sbom_.tools.push_back(std::move(tool));
    } else if ((k == "components" || k == "services") && ctx_.minor() >= 5) {
      if (k == "components") {
        std::vector<model::Component> comps;
        Components(child, &comps, 1);
        for (auto& c : comps) {
          model::Tool tool;
          tool.vendor = c.group;
          if (tool.vendor.empty() && c.manufacturer) tool.vendor = c.manufacturer->name;
          if (tool.vendor.empty() && c.supplier) tool.vendor = c.supplier->name;
          if (tool.vendor.empty()) tool.vendor = c.publisher;
          if (tool.vendor.empty()) tool.vendor = c.author;
          tool.name = c.name;
          tool.version = c.version;
          sbom_.tools.push_back(std::move(tool));
        }
        if (!comps.empty()) ctx_.NotHeld("metadata.tools.components (beyond vendor, name, version)");
      } else {
        for (xml_node s : child.children()) {
          if (Local(s) != "service") continue;
          Service(s, 1);
          model::Tool tool;
          for (xml_node f : s.children()) {
            std::string_view fk = Local(f);
            if (fk == "group") tool.vendor = Text(f);
            if (fk == "name") tool.name = Text(f);
            if (fk == "version") tool.version = Text(f);
            if (fk == "provider" && tool.vendor.empty()) {
              for (xml_node pf : f.children()) {
                if (Local(pf) == "name") tool.vendor = Text(pf);
              }
            }
          }
          sbom_.tools.push_back(std::move(tool));
          ctx_.NotHeld("metadata.tools.services (beyond vendor, name, version)");
        }
      }
    } else {
      Error(child, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <tools>");
    }
  }
}

void Decoder::Components(xml_node n, std::vector<model::Component>* out, std::size_t depth) {
  for (xml_node child : n.children()) {
    std::string_view k = Local(child);
    if (k.empty()) continue;
    if (k != "component") {
      Error(child, "cdx.xml.unknown-element",
            "unknown element <" + Excerpt(k) + "> in <" + std::string(Local(n)) + ">");
      continue;
    }
    model::Component c;
    if (Component(child, c, depth) && out) out->push_back(std::move(c));
  }
}

bool Decoder::Component(xml_node n, model::Component& c, std::size_t depth) {
  if (depth > kMaxComponentDepth) {
    Error(n, "cdx.component.depth", "components are nested deeper than " +
                                        std::to_string(kMaxComponentDepth) + " levels");
    return false;
  }
  pugi::xml_attribute type = n.attribute("type");
  if (!type) {
    Missing(n, "component", "attribute type");
  } else {
    std::string_view t = type.value();
    auto parsed = model::ParseComponentType(t);
    if (!parsed || !IsComponentType(ctx_.minor(), t)) {
      Error(n, "cdx.component.type.enum", "component type \"" + Excerpt(t) +
                                              "\" is not valid in CycloneDX 1." +
                                              std::to_string(ctx_.minor()));
    } else {
      c.type = *parsed;
    }
  }
  if (pugi::xml_attribute ref = n.attribute("bom-ref")) {
    c.bom_ref = ref.value();
    ctx_.DefineRef(c.bom_ref, At(n));
  }
  if (n.attribute("mime-type")) ctx_.NotHeld("component mime-type");

  Children children(*this, kComponentElements, "<component>");
  for (xml_node child : n.children()) {
    std::string_view k = children.Accept(child);
    if (k.empty()) continue;
    if (k == "name") {
      c.name = Text(child);
    } else if (k == "group") {
      c.group = Text(child);
    } else if (k == "version") {
      c.version = Text(child);
    } else if (k == "description") {
      c.description = Text(child);
    } else if (k == "author") {
      c.author = Text(child);
    } else if (k == "publisher") {
      c.publisher = Text(child);
    } else if (k == "copyright") {
      c.copyright = Text(child);
    } else if (k == "purl") {
      c.purl = Text(child);
    } else if (k == "cpe") {
      c.cpes.insert(c.cpes.begin(), Text(child));
    } else if (k == "scope") {
      std::string sc = Text(child);
      if (auto parsed = ParseScope(sc)) {
        c.scope = *parsed;
      } else {
        Error(child, "cdx.component.scope.enum",
              "scope \"" + Excerpt(sc) + "\" is not one of required, optional, excluded");
      }
    } else if (k == "supplier" || k == "manufacturer") {
      model::Party p;
      p.kind = model::Party::Kind::kOrganization;
      Entity(child, p);
      (k == "supplier" ? c.supplier : c.manufacturer) = std::move(p);
    } else if (k == "authors") {
      Contacts(child, &c.authors);
    } else if (k == "hashes") {
      Hashes(child, &c.hashes);
    } else if (k == "licenses") {
      Licenses(child, &c.licenses);
    } else if (k == "externalReferences") {
      ExternalReferences(child, &c.external_references);
    } else if (k == "properties") {
      Properties(child, &c.properties);
    } else if (k == "components") {
      Components(child, &c.components, depth + 1);
    } else if (k == "swid") {
      pugi::xml_attribute tag = child.attribute("tagId");
      if (!tag) Missing(child, "swid", "attribute tagId");
      if (!child.attribute("name")) Missing(child, "swid", "attribute name");
      if (tag) c.swid_tag_id = tag.value();
      ctx_.NotHeld("component swid (beyond tagId)");
      Walk(child, depth);
    } else {
      ctx_.NotHeld("component " + std::string(k));
      Walk(child, depth);
    }
  }
  if (!children.Has("name")) Missing(n, "component", "<name>");
  if (!children.Has("version") && ctx_.minor() <= 3) Missing(n, "component", "<version>");
  return true;
}

void Decoder::Entity(xml_node n, model::Party& p) {
  DefineRefAttr(n, /*held=*/true);
  Children children(*this, kEntityElements, "an organizational entity");
  bool have_contact = false;
  for (xml_node child : n.children()) {
    std::string_view k = children.Accept(child);
    if (k.empty()) continue;
    if (k == "name") {
      p.name = Text(child);
    } else if (k == "url") {
      p.urls.push_back(Text(child));
    } else if (k == "contact") {
      model::Party contact;
      Contact(child, contact);
      if (!have_contact) {
        p.email = contact.email;
        if (!contact.name.empty()) ctx_.NotHeld("organizational contacts (beyond one e-mail)");
      } else {
        ctx_.NotHeld("organizational contacts (beyond one e-mail)");
      }
      have_contact = true;
    } else {
      ctx_.NotHeld("organizational address");
      Walk(child, 1);
    }
  }
}

void Decoder::Contacts(xml_node n, std::vector<model::Party>* out) {
  for (xml_node child : n.children()) {
    std::string_view k = Local(child);
    if (k.empty()) continue;
    if (k != "author" && k != "contact") {
      Error(child, "cdx.xml.unknown-element",
            "unknown element <" + Excerpt(k) + "> in <" + std::string(Local(n)) + ">");
      continue;
    }
    model::Party p;
    p.kind = model::Party::Kind::kPerson;
    Contact(child, p);
    if (out) out->push_back(std::move(p));
  }
}

void Decoder::Contact(xml_node n, model::Party& p) {
  DefineRefAttr(n, /*held=*/true);
  Children children(*this, kContactElements, "a contact");
  for (xml_node child : n.children()) {
    std::string_view k = children.Accept(child);
    if (k == "name") {
      p.name = Text(child);
    } else if (k == "email") {
      p.email = Text(child);
    } else if (k == "phone") {
      ctx_.NotHeld("contact phone");
    }
  }
}

void Decoder::Hashes(xml_node n, std::vector<model::Hash>* out) {
  for (xml_node h : n.children()) {
    std::string_view k = Local(h);
    if (k.empty()) continue;
    if (k != "hash") {
      Error(h, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <hashes>");
      continue;
    }
    pugi::xml_attribute alg_attr = h.attribute("alg");
    std::string_view alg = alg_attr ? alg_attr.value() : "";
    bool have_alg = false;
    if (!alg_attr) {
      Missing(h, "hash", "attribute alg");
    } else if (!IsHashAlgorithm(alg)) {
      Error(h, "cdx.hash.alg.enum", "hash algorithm \"" + Excerpt(alg) + "\" is not a CycloneDX one");
    } else {
      have_alg = true;
    }
    std::string content = Text(h);
    if (!IsHashContent(have_alg ? alg : std::string_view(), content)) {
      Error(h, "cdx.hash.content",
            "hash content \"" + Excerpt(content) + "\" is not " +
                (have_alg ? "a " + std::string(alg) + " digest" : std::string("a hex digest")) +
                " (32, 40, 64, 96 or 128 hex digits matching the algorithm)");
      continue;
    }
    if (out && have_alg) out->push_back({*ParseCdxHashAlgorithm(alg), std::move(content)});
  }
}

void Decoder::Acknowledgement(xml_node n, model::License& l) {
  if (pugi::xml_attribute ack = n.attribute("acknowledgement")) {
    if (ctx_.minor() < 6) {
      Error(n, "cdx.xml.attribute-version", "acknowledgement is not part of CycloneDX 1." +
                                                std::to_string(ctx_.minor()));
    } else if (auto parsed = ParseAcknowledgement(ack.value())) {
      l.acknowledgement = *parsed;
    } else {
      Error(n, "cdx.license.acknowledgement.enum",
            "acknowledgement \"" + Excerpt(ack.value()) + "\" is not declared or concluded");
    }
  }
  if (pugi::xml_attribute ref = n.attribute("bom-ref")) {
    l.bom_ref = ref.value();
    ctx_.DefineRef(l.bom_ref, At(n));
  }
}

void Decoder::Licenses(xml_node n, std::vector<model::License>* out) {
  std::size_t n_license = 0, n_expression = 0;
  for (xml_node child : n.children()) {
    std::string_view k = Local(child);
    if (k.empty()) continue;
    model::License l;
    if (k == "license") {
      ++n_license;
      if (!License(child, l)) continue;
    } else if (k == "expression") {
      ++n_expression;
      l.kind = model::License::Kind::kExpression;
      l.value = Text(child);
      if (l.value.empty()) Error(child, "cdx.license.expression", "license expression is empty");
      Acknowledgement(child, l);
    } else {
      Error(child, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <licenses>");
      continue;
    }
    if (out) out->push_back(std::move(l));
  }
  // The XSD's licenseChoice (all versions): licenses, or exactly one expression.
  if (n_expression > 0 && (n_license > 0 || n_expression > 1)) {
    Error(n, "cdx.license.choice",
          "licenses must be either a list of <license> elements or exactly one <expression> "
          "(found " + std::to_string(n_license) + " license and " + std::to_string(n_expression) +
              " expression elements)");
  }
}

bool Decoder::License(xml_node n, model::License& l) {
  Acknowledgement(n, l);
  Children children(*this, kLicenseElements, "<license>");
  for (xml_node child : n.children()) {
    std::string_view k = children.Accept(child);
    if (k.empty()) continue;
    if (k == "id") {
      if (children.Has("name")) continue;
      l.kind = model::License::Kind::kSpdxId;
      l.value = Text(child);
      if (!IsSpdxLicenseId(l.value)) {
        Error(child, "cdx.license.id",
              "license id \"" + Excerpt(l.value) +
                  "\" is not on the SPDX License List (use <name> for other licenses)");
      }
    } else if (k == "name") {
      if (children.Has("id")) continue;
      l.kind = model::License::Kind::kName;
      l.value = Text(child);
    } else if (k == "url") {
      l.url = Text(child);
    } else if (k == "text") {
      l.text = Text(child);
      if (pugi::xml_attribute enc = child.attribute("encoding")) {
        if (!IsAttachmentEncoding(enc.value())) {
          Error(child, "cdx.attachment.encoding.enum",
                "encoding \"" + Excerpt(enc.value()) + "\" is not supported (only base64)");
        }
      }
      if (child.attribute("encoding") || child.attribute("content-type")) {
        ctx_.NotHeld("attachment encoding/contentType");
      }
    } else if (k == "properties") {
      ctx_.NotHeld("license properties");
      Properties(child, nullptr);
    } else {
      ctx_.NotHeld("license licensing");
      Walk(child, 1);
    }
  }
  if (children.Has("id") == children.Has("name")) {
    Error(n, "cdx.license.id-or-name", children.Has("id")
                                           ? "a license has either <id> or <name>, not both"
                                           : "a license needs an <id> or a <name>");
  }
  return children.Has("id") || children.Has("name");
}

void Decoder::ExternalReferences(xml_node n, std::vector<model::ExternalReference>* out) {
  for (xml_node r : n.children()) {
    std::string_view k = Local(r);
    if (k.empty()) continue;
    if (k != "reference") {
      Error(r, "cdx.xml.unknown-element",
            "unknown element <" + Excerpt(k) + "> in <externalReferences>");
      continue;
    }
    model::ExternalReference ref;
    if (pugi::xml_attribute t = r.attribute("type")) {
      ref.type = t.value();
      if (!IsExternalReferenceType(ctx_.minor(), ref.type)) {
        Error(r, "cdx.external-reference.type.enum",
              "external reference type \"" + Excerpt(ref.type) + "\" is not valid in CycloneDX 1." +
                  std::to_string(ctx_.minor()));
      }
    } else {
      Missing(r, "externalReference", "attribute type");
    }
    Children children(*this, kReferenceElements, "<reference>");
    for (xml_node child : r.children()) {
      std::string_view ck = children.Accept(child);
      if (ck == "url") {
        ref.url = Text(child);
      } else if (ck == "comment") {
        ref.comment = Text(child);
      } else if (ck == "hashes") {
        Hashes(child, &ref.hashes);
      }
    }
    if (!children.Has("url")) Missing(r, "externalReference", "<url>");
    if (out) out->push_back(std::move(ref));
  }
}

void Decoder::Properties(xml_node n, std::vector<model::Property>* out) {
  for (xml_node p : n.children()) {
    std::string_view k = Local(p);
    if (k.empty()) continue;
    if (k != "property") {
      Error(p, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <properties>");
      continue;
    }
    model::Property prop;
    pugi::xml_attribute name = p.attribute("name");
    if (!name) {
      Missing(p, "property", "attribute name");
    } else {
      prop.name = name.value();
    }
    prop.value = p.text().get();  // values are kept verbatim, whitespace included
    for (xml_node child : p.children()) {
      if (!Local(child).empty()) {
        Error(child, "cdx.xml.unknown-element", "a <property> holds text only");
      }
    }
    if (out) out->push_back(std::move(prop));
  }
}

void Decoder::Dependencies(xml_node n) {
  for (xml_node d : n.children()) {
    std::string_view k = Local(d);
    if (k.empty()) continue;
    if (k != "dependency") {
      Error(d, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <dependencies>");
      continue;
    }
    pugi::xml_attribute ref_attr = d.attribute("ref");
    std::string ref = ref_attr ? ref_attr.value() : "";
    if (!ref_attr) {
      Missing(d, "dependency", "attribute ref");
    } else if (ref.empty()) {
      Error(d, "cdx.dependency.ref", "dependency ref is empty");
    } else {
      if (!ctx_.IsDefined(ref)) ctx_.UseRef(ref, At(d));
      sbom_.dependency_refs.push_back(ref);
    }
    std::unordered_set<std::string_view> seen_depends, seen_provides;
    std::vector<std::string> depends_on, provides_list;
    for (xml_node t : d.children()) {
      std::string_view tk = Local(t);
      if (tk.empty()) continue;
      bool provides = tk == "provides";
      if (tk != "dependency" && !provides) {
        Error(t, "cdx.xml.unknown-element", "unknown element <" + Excerpt(tk) + "> in <dependency>");
        continue;
      }
      if (provides && ctx_.minor() < 6) {
        Error(t, "cdx.xml.element-version", "<provides> is not part of CycloneDX 1." +
                                                std::to_string(ctx_.minor()));
        continue;
      }
      std::string_view target = t.attribute("ref").value();
      if (target.empty()) {
        Error(t, "cdx.dependency.ref", "dependency target has no ref");
        continue;
      }
      for (xml_node nested : t.children()) {
        if (!Local(nested).empty()) {
          Error(nested, "cdx.xml.unknown-element", "dependency targets do not nest");
          break;
        }
      }
      if (!(provides ? seen_provides : seen_depends).insert(target).second) {
        Error(t, "cdx.dependency.unique", "\"" + Excerpt(target) + "\" is listed twice");
        continue;
      }
      if (!ctx_.IsDefined(target)) ctx_.UseRef(target, At(t));
      (provides ? provides_list : depends_on).emplace_back(target);
    }
    if (ref.empty()) continue;
    // Same edge order as the JSON decoder: a ref's dependsOn edges, then its provides edges.
    for (auto& t : depends_on) {
      sbom_.dependencies.push_back({ref, std::move(t), model::RelationshipType::kDependsOn, {}, {}});
    }
    for (auto& t : provides_list) {
      sbom_.dependencies.push_back({ref, std::move(t), model::RelationshipType::kProvides, {}, {}});
    }
  }
}

void Decoder::Lifecycles(xml_node n) {
  for (xml_node l : n.children()) {
    std::string_view k = Local(l);
    if (k.empty()) continue;
    if (k != "lifecycle") {
      Error(l, "cdx.xml.unknown-element", "unknown element <" + Excerpt(k) + "> in <lifecycles>");
      continue;
    }
    Children children(*this, kLifecycleElements, "<lifecycle>");
    std::string phase, name;
    for (xml_node child : l.children()) {
      std::string_view ck = children.Accept(child);
      if (ck == "phase") {
        phase = Text(child);
        if (!IsLifecyclePhase(phase)) {
          Error(child, "cdx.metadata.lifecycle.enum",
                "lifecycle phase \"" + Excerpt(phase) + "\" is not a pre-defined phase");
        }
      } else if (ck == "name") {
        name = Text(child);
      } else if (ck == "description") {
        ctx_.NotHeld("lifecycle description");
      }
    }
    bool has_phase = children.Has("phase");
    if (has_phase == children.Has("name") || (has_phase && children.Has("description"))) {
      Error(l, "cdx.metadata.lifecycle",
            "a lifecycle is either <phase> or <name> with an optional <description>");
      continue;
    }
    sbom_.lifecycles.push_back(has_phase ? std::move(phase) : std::move(name));
  }
}

void Decoder::Service(xml_node n, std::size_t depth) {
  DefineRefAttr(n, /*held=*/false);
  bool has_name = false;
  for (xml_node child : n.children()) {
    if (Local(child) == "name") has_name = true;
  }
  if (!has_name) Missing(n, "service", "<name>");
  for (xml_node child : n.children()) {
    if (Local(child).empty()) continue;
    Walk(child, depth + 1);
  }
}

void Decoder::Walk(xml_node n, std::size_t depth) {
  if (depth > kMaxXmlDepth) {
    Error(n, "cdx.xml.depth", "elements are nested deeper than " + std::to_string(kMaxXmlDepth));
    return;
  }
  std::string_view k = Local(n);
  if (k.empty()) return;
  if (k == "service") return Service(n, depth);
  DefineRefAttr(n, /*held=*/false);
  if (k == "hashes") return Hashes(n, nullptr);
  if (k == "externalReferences") return ExternalReferences(n, nullptr);
  if (k == "licenses") return Licenses(n, nullptr);
  if (k == "properties") return Properties(n, nullptr);
  if (k == "components" || k == "ancestors" || k == "descendants" || k == "variants") {
    return Components(n, nullptr, depth + 1);
  }
  if (k == "patch") {
    pugi::xml_attribute t = n.attribute("type");
    if (!t || !IsPatchType(t.value())) {
      Error(n, "cdx.patch.type.enum", "patch type \"" + Excerpt(t.value()) +
                                          "\" is not unofficial, monkey, backport or cherry-pick");
    }
  } else if (k == "issue") {
    pugi::xml_attribute t = n.attribute("type");
    if (!t || !IsIssueType(t.value())) {
      Error(n, "cdx.issue.type.enum",
            "issue type \"" + Excerpt(t.value()) + "\" is not defect, enhancement or security");
    }
  } else if (k == "classification" && n.attribute("flow")) {
    if (!IsDataFlow(n.attribute("flow").value())) {
      Error(n, "cdx.service.data.flow.enum",
            "data flow \"" + Excerpt(n.attribute("flow").value()) +
                "\" is not inbound, outbound, bi-directional or unknown");
    }
  }
  for (xml_node child : n.children()) Walk(child, depth + 1);
}

}  // namespace

std::optional<Identification> IdentifyXml(std::string_view bytes) {
  // Cheap: the root start tag lies within the first 64 KiB (after the declaration and comments).
  std::string_view head = bytes.substr(0, 64 * 1024);
  std::size_t pos = 0;
  while (true) {
    pos = head.find('<', pos);
    if (pos == std::string_view::npos || pos + 1 >= head.size()) return std::nullopt;
    char c = head[pos + 1];
    if (c == '?' || c == '!') {
      ++pos;
      continue;
    }
    break;
  }
  std::size_t end = head.find('>', pos);
  if (end == std::string_view::npos) return std::nullopt;
  std::string_view tag = head.substr(pos + 1, end - pos - 1);
  std::size_t name_end = tag.find_first_of(" \t\r\n/");
  std::string_view name = tag.substr(0, name_end);
  std::size_t colon = name.find(':');
  std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
  if (local != "bom") return std::nullopt;
  std::size_t ns = tag.find(kXmlNamespacePrefix);
  if (ns == std::string_view::npos) return std::nullopt;
  std::string_view rest = tag.substr(ns + kXmlNamespacePrefix.size());
  std::size_t quote = rest.find_first_of("\"'");
  if (quote == std::string_view::npos) return std::nullopt;
  Identification id;
  id.family = model::SpecFamily::kCycloneDx;
  id.encoding = model::Encoding::kXml;
  id.spec_version = std::string(rest.substr(0, std::min<std::size_t>(quote, 16)));
  return id;
}

Result<Decoded> DecodeXml(const std::string& bytes, const DecodeOptions& options) {
  const std::string file = options.file_name.empty() ? std::string("<input>") : options.file_name;
  LineIndex lines(bytes);
  pugi::xml_document doc;
  // parse_doctype keeps a DOCTYPE as a node so we can refuse it; pugixml never expands
  // external entities, and we refuse every DTD outright (no internal entities either).
  unsigned options_mask = pugi::parse_default | pugi::parse_doctype;
  pugi::xml_parse_result parsed =
      doc.load_buffer(bytes.data(), bytes.size(), options_mask, pugi::encoding_utf8);
  if (!parsed) {
    LineColumn lc = lines.At(static_cast<std::size_t>(std::max<std::ptrdiff_t>(parsed.offset, 0)));
    return Status::ParseError(file + ":" + std::to_string(lc.line) + ":" +
                              std::to_string(lc.column) + ": " + parsed.description());
  }
  if (auto bad = FindInvalidUtf8(bytes)) {
    LineColumn lc = lines.At(*bad);
    return Status::ParseError(file + ":" + std::to_string(lc.line) + ":" +
                              std::to_string(lc.column) + ": invalid UTF-8");
  }
  xml_node root;
  for (xml_node n : doc.children()) {
    if (n.type() == pugi::node_doctype) {
      LineColumn lc = lines.At(static_cast<std::size_t>(std::max<std::ptrdiff_t>(n.offset_debug(), 0)));
      return Status::ParseError(file + ":" + std::to_string(lc.line) + ":" +
                                std::to_string(lc.column) +
                                ": DOCTYPE/DTD declarations are not allowed in CycloneDX XML "
                                "(refused to avoid entity expansion attacks)");
    }
    if (n.type() == pugi::node_element && !root) root = n;
  }
  if (!root) return Status::ParseError(file + ": no root element");
  std::string_view name = root.name();
  std::size_t colon = name.find(':');
  std::string prefix = colon == std::string_view::npos ? "" : std::string(name.substr(0, colon));
  std::string_view local = colon == std::string_view::npos ? name : name.substr(colon + 1);
  std::string ns_attr = prefix.empty() ? "xmlns" : "xmlns:" + prefix;
  std::string_view ns = root.attribute(ns_attr.c_str()).value();
  if (local != "bom" || !StartsWith(ns, kXmlNamespacePrefix)) {
    return Status::InvalidDocument(file + ": not a CycloneDX BOM (root <" + Excerpt(name) +
                                   "> in namespace \"" + Excerpt(ns) + "\")");
  }
  std::string_view spec = ns.substr(kXmlNamespacePrefix.size());
  auto minor = SupportedMinor(spec);
  if (!minor) return UnsupportedVersion(spec, file);

  Decoded out;
  out.id.family = model::SpecFamily::kCycloneDx;
  out.id.encoding = model::Encoding::kXml;
  out.id.spec_version = std::string(spec);
  out.sbom.family = model::SpecFamily::kCycloneDx;
  out.sbom.encoding = model::Encoding::kXml;
  out.sbom.spec_version = std::string(spec);
  {
    Decoder decoder(*minor, out, prefix, lines);
    decoder.Bom(root);
    decoder.Finish();
  }
  out.diagnostics.SetFile(file);
  return out;
}

}  // namespace sbomhub::formats::cyclonedx::internal
