// model::Sbom -> RawDoc (SPDX 2.3) and the JSON / tag-value writers.
//
// SPDXIDs: a bom_ref that already is a valid SPDXID is kept; anything else becomes
// "SPDXRef-" + the bom_ref (or name) with characters outside [A-Za-z0-9.-] replaced by '-', made
// unique with "-2", "-3", ... in document order, so the same model always yields the same ids.
#include <algorithm>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "base/json_writer.h"
#include "base/sha256.h"
#include "base/text.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {
namespace {

using model::Component;
using model::ComponentType;
using model::License;
using model::LicenseAcknowledgement;
using model::RelationshipType;

std::string_view TypeToPurpose(ComponentType t) {
  switch (t) {
    case ComponentType::kApplication: return "APPLICATION";
    case ComponentType::kFramework: return "FRAMEWORK";
    case ComponentType::kLibrary: return "LIBRARY";
    case ComponentType::kContainer: return "CONTAINER";
    case ComponentType::kOperatingSystem: return "OPERATING_SYSTEM";
    case ComponentType::kDevice: return "DEVICE";
    case ComponentType::kFirmware: return "FIRMWARE";
    case ComponentType::kFile: return "FILE";
    case ComponentType::kSource: return "SOURCE";
    case ComponentType::kArchive: return "ARCHIVE";
    case ComponentType::kInstall: return "INSTALL";
    case ComponentType::kOther: return "OTHER";
    default: return "";
  }
}

std::string Sanitize(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
    out += ok ? c : '-';
  }
  return out;
}

// Counts losses by kind so that each kind is reported once, with how often it happened.
class Losses {
 public:
  void Add(const std::string& rule, const std::string& what) {
    ++counts_.try_emplace(rule, what, 0).first->second.second;
  }
  void Flush(Diagnostics& out) {
    for (auto& [rule, v] : counts_) {
      out.Warning(rule, v.first + " (" + std::to_string(v.second) + "x)");
    }
  }

 private:
  std::map<std::string, std::pair<std::string, std::size_t>> counts_;
};

// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
long long DaysFromCivil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void CivilFromDays(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

// RFC 3339 (fractions, offsets) -> SPDX's YYYY-MM-DDThh:mm:ssZ in UTC; nullopt if unparsable.
std::optional<std::string> ToSpdxDateTime(std::string_view s) {
  if (IsDateTime(s)) return std::string(s);
  auto num = [&](std::size_t pos, std::size_t len, int& out) {
    if (pos + len > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y, mo, d, h = 0, mi = 0, sec = 0;
  if (!num(0, 4, y) || s.size() < 10 || s[4] != '-' || !num(5, 2, mo) || s[7] != '-' ||
      !num(8, 2, d)) {
    return std::nullopt;
  }
  std::size_t i = 10;
  long long offset_min = 0;
  if (i < s.size()) {
    if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || !num(i + 1, 2, h) || s.size() < i + 9 ||
        s[i + 3] != ':' || !num(i + 4, 2, mi) || s[i + 6] != ':' || !num(i + 7, 2, sec)) {
      return std::nullopt;
    }
    i += 9;
    if (i < s.size() && s[i] == '.') {
      ++i;
      while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) ++i;
    }
    if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) {
      ++i;
    } else if (i < s.size() && (s[i] == '+' || s[i] == '-')) {
      int oh, om;
      if (!num(i + 1, 2, oh) || s.size() < i + 6 || s[i + 3] != ':' || !num(i + 4, 2, om)) {
        return std::nullopt;
      }
      offset_min = (s[i] == '+' ? 1 : -1) * (oh * 60 + om);
      i += 6;
    }
    if (i != s.size()) return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  long long total = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                    h * 3600 + mi * 60 + sec - offset_min * 60;
  long long days = total >= 0 ? total / 86400 : (total - 86399) / 86400;
  long long rem = total - days * 86400;
  long long yy;
  unsigned mm, dd;
  CivilFromDays(days, yy, mm, dd);
  if (yy < 0 || yy > 9999) return std::nullopt;
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", yy, mm, dd, rem / 3600,
                (rem / 60) % 60, rem % 60);
  return std::string(buf);
}

class Encoder {
 public:
  Encoder(const model::Sbom& sbom, Diagnostics& warnings) : sbom_(sbom), warnings_(warnings) {}

  RawDoc Run() {
    RawDoc doc;
    doc.spdx_version = "SPDX-2.3";
    doc.data_license = "CC0-1.0";
    doc.spdx_id = "SPDXRef-DOCUMENT";  // the only document SPDXID SPDX 2.x allows
    doc.name = !sbom_.document_name.empty()
                   ? sbom_.document_name
                   : (sbom_.primary && !sbom_.primary->name.empty() ? sbom_.primary->name : "sbom");
    doc.document_namespace = Namespace(doc.name);
    doc.comment = sbom_.comment;
    doc.has_creation_info = true;
    if (sbom_.family == model::SpecFamily::kSpdx && IsDateTimeWithFraction(sbom_.timestamp)) {
      // An SPDX document that came with fractional seconds (accepted with a warning) keeps them:
      // re-encoding in the same family is lossless.
      doc.created = sbom_.timestamp;
    } else if (auto t = ToSpdxDateTime(sbom_.timestamp)) {
      doc.created = *t;
      if (*t != sbom_.timestamp) {
        losses_.Add("spdx.encode.timestamp", "timestamp rewritten to SPDX's UTC form YYYY-MM-DDThh:mm:ssZ");
      }
    } else {
      // SPDX requires a creation time; without one in the model the output says "the epoch"
      // rather than inventing the current time, which would make encoding non-deterministic.
      doc.created = "1970-01-01T00:00:00Z";
      losses_.Add("spdx.encode.timestamp",
                  sbom_.timestamp.empty() ? "no timestamp in the model; created set to 1970-01-01T00:00:00Z"
                                          : "timestamp \"" + Excerpt(sbom_.timestamp) +
                                                "\" is not RFC 3339; created set to 1970-01-01T00:00:00Z");
    }
    for (const auto& a : sbom_.authors) {
      if (a.kind == model::Party::Kind::kTool) {
        doc.creators.emplace_back("Tool: " + a.name, Loc{});
        continue;
      }
      model::Party p = a;
      if (p.kind == model::Party::Kind::kUnspecified) p.kind = model::Party::Kind::kPerson;
      doc.creators.emplace_back(FormatParty(p), Loc{});
      if (!a.urls.empty()) losses_.Add("spdx.encode.party.urls", "party urls have no SPDX field");
    }
    for (const auto& t : sbom_.tools) {
      std::string s = "Tool: " + t.name;
      if (!t.version.empty()) s += "-" + t.version;
      doc.creators.emplace_back(std::move(s), Loc{});
      if (!t.vendor.empty()) losses_.Add("spdx.encode.tool.vendor", "tool vendor has no SPDX field");
    }
    if (doc.creators.empty()) doc.creators.emplace_back("Tool: sbomhub", Loc{});
    for (const auto& l : sbom_.data_licenses) {
      if (!(l.kind != License::Kind::kName && l.value == "CC0-1.0")) {
        losses_.Add("spdx.encode.dataLicense",
                    "document licenses other than CC0-1.0 dropped: SPDX dataLicense is always CC0-1.0");
      }
    }
    if (sbom_.supplier || sbom_.manufacturer) {
      losses_.Add("spdx.encode.metadata.party", "document supplier/manufacturer has no SPDX field");
    }
    if (!sbom_.lifecycles.empty()) losses_.Add("spdx.encode.lifecycles", "lifecycles have no SPDX field");
    if (!sbom_.external_references.empty()) {
      losses_.Add("spdx.encode.document.externalReferences",
                  "document external references have no SPDX field");
    }
    std::map<std::string, std::string> extracted_names;
    for (const auto& p : sbom_.properties) {
      if (p.name == "spdx:creatorComment") {
        doc.creator_comment = p.value;
      } else if (p.name == "spdx:licenseListVersion") {
        doc.license_list_version = p.value;
      } else if (p.name == "spdx:externalDocumentRef") {
        RawExternalDocRef x;
        std::string_view v = p.value;
        auto sp1 = v.find(' ');
        auto sp2 = sp1 == std::string_view::npos ? sp1 : v.find(' ', sp1 + 1);
        if (sp2 == std::string_view::npos) {
          losses_.Add("spdx.encode.property", "malformed spdx:externalDocumentRef property dropped");
          continue;
        }
        x.id = std::string(v.substr(0, sp1));
        x.document = std::string(v.substr(sp1 + 1, sp2 - sp1 - 1));
        std::string_view ck = v.substr(sp2 + 1);
        auto colon = ck.find(':');
        x.checksum.algorithm = std::string(TrimWhitespace(ck.substr(0, colon)));
        if (colon != std::string_view::npos) x.checksum.value = std::string(TrimWhitespace(ck.substr(colon + 1)));
        doc.external_doc_refs.push_back(std::move(x));
      } else if (StartsWith(p.name, "spdx:extractedLicense:")) {
        AddExtracted(p.name.substr(22), "", p.value);
      } else if (StartsWith(p.name, "spdx:extractedLicenseName:")) {
        extracted_names[p.name.substr(26)] = p.value;
      } else {
        losses_.Add("spdx.encode.document.property", "document properties have no SPDX field");
      }
    }
    for (auto& x : doc_extracted_) {
      auto it = extracted_names.find(x.id);
      if (it != extracted_names.end()) x.name = it->second;
    }

    // Elements: the primary first, then every component, nested ones flattened after their parent.
    std::vector<Item> items;
    if (sbom_.primary) Collect(*sbom_.primary, items);
    for (const auto& c : sbom_.components) Collect(c, items);
    // Assign ids first so that relationships written later can be mapped.
    std::vector<std::string> ids;
    ids.reserve(items.size());
    for (const auto& it : items) ids.push_back(AssignId(*it.c));
    // Model order; the JSON writer groups packages before files, tag-value keeps this order.
    for (std::size_t i = 0; i < items.size(); ++i) doc.elements.push_back(MapComponent(*items[i].c, ids[i]));

    // Relationships.
    bool has_describes = false;
    if (sbom_.primary) {
      doc.relationships.push_back({doc.spdx_id, "DESCRIBES", ids[0], "", Loc{}});
      has_describes = true;
    }
    for (const auto& e : sbom_.dependencies) {
      if (e.type == RelationshipType::kOther && e.raw_type == "DESCRIBES") has_describes = true;
    }
    if (!has_describes && sbom_.family == model::SpecFamily::kCycloneDx) {
      // SPDX wants at least one DESCRIBES: without a primary, the document describes its
      // top-level components. (An SPDX source without one is left as it was.)
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].parent == kTop) {
          doc.relationships.push_back({doc.spdx_id, "DESCRIBES", ids[i], "", Loc{}});
        }
      }
    }
    for (const auto& e : sbom_.dependencies) {
      std::string from, to;
      if (!MapRef(e.from, doc.spdx_id, from) || !MapRef(e.to, doc.spdx_id, to)) {
        losses_.Add("spdx.encode.relationship.unresolved",
                    "dependency edges naming components that are not in the model dropped");
        continue;
      }
      RawRelationship r;
      r.comment = e.comment;
      bool reverse = false;
      switch (e.type) {
        case RelationshipType::kDependsOn: r.type = "DEPENDS_ON"; break;
        case RelationshipType::kDevDependsOn: r.type = "DEV_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kBuildDependsOn: r.type = "BUILD_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kOptionalDependsOn: r.type = "OPTIONAL_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kRuntimeDependsOn: r.type = "RUNTIME_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kTestDependsOn: r.type = "TEST_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kProvidedDependsOn: r.type = "PROVIDED_DEPENDENCY_OF", reverse = true; break;
        case RelationshipType::kContains: r.type = "CONTAINS"; break;
        case RelationshipType::kProvides:
          losses_.Add("spdx.encode.relationship.provides",
                      "provides edges dropped: SPDX 2.3 has no relationship for them");
          continue;
        case RelationshipType::kOther:
          if (IsKnownRelationshipType(e.raw_type)) {
            r.type = e.raw_type;
          } else {
            r.type = "OTHER";
            if (r.comment.empty()) r.comment = e.raw_type;
            losses_.Add("spdx.encode.relationship.other",
                        "relationships with no SPDX type written as OTHER (raw type in the comment)");
          }
          break;
      }
      if (e.type != RelationshipType::kOther && r.type != "OTHER" && (to == "NONE" || to == "NOASSERTION") &&
          reverse) {
        reverse = false;
      }
      r.from = reverse ? to : from;
      r.to = reverse ? from : to;
      doc.relationships.push_back(std::move(r));
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (items[i].parent != kTop) {
        doc.relationships.push_back({ids[items[i].parent], "CONTAINS", ids[i], "", Loc{}});
      }
    }
    if (!sbom_.dependency_refs.empty()) {
      bool any_empty = false;
      for (const auto& ref : sbom_.dependency_refs) {
        bool has = std::any_of(sbom_.dependencies.begin(), sbom_.dependencies.end(),
                               [&](const model::DependencyEdge& e) { return e.from == ref; });
        if (!has) {
          any_empty = true;
          break;
        }
      }
      if (any_empty) {
        losses_.Add("spdx.encode.dependencies.complete",
                    "\"no dependencies\" completeness markers have no SPDX 2.3 form");
      }
    }
    // Every LicenseRef used needs an extracted licensing info entry.
    for (const auto& e : doc.elements) {
      NoteLicenseRefs(e.license_concluded);
      NoteLicenseRefs(e.license_declared);
      for (const auto& l : e.license_info) NoteLicenseRefs(l);
    }
    doc.extracted = std::move(doc_extracted_);
    losses_.Flush(warnings_);
    return doc;
  }

 private:
  static constexpr std::size_t kTop = static_cast<std::size_t>(-1);
  struct Item {
    const Component* c;
    std::size_t parent;  // index into the item list, kTop for top-level components
  };

  // Pre-order flattening; iterative because nesting depth comes from the input.
  static void Collect(const Component& root, std::vector<Item>& items) {
    std::vector<Item> stack{{&root, kTop}};
    while (!stack.empty()) {
      Item f = stack.back();
      stack.pop_back();
      items.push_back(f);
      std::size_t self = items.size() - 1;
      for (auto it = f.c->components.rbegin(); it != f.c->components.rend(); ++it) {
        stack.push_back({&*it, self});
      }
    }
  }

  std::string AssignId(const Component& c) {
    std::string id;
    if (IsValidSpdxId(c.bom_ref)) {
      id = c.bom_ref;
    } else {
      std::string base = !c.bom_ref.empty() ? c.bom_ref : (c.name + (c.version.empty() ? "" : "-" + c.version));
      id = "SPDXRef-" + Sanitize(base.empty() ? "Package" : base);
      if (id == "SPDXRef-DOCUMENT") id += "-1";
    }
    if (used_.insert(id).second) {
      Remember(c, id);
      return id;
    }
    std::size_t& n = next_suffix_[id];
    if (n < 2) n = 2;
    std::string candidate;
    do {
      candidate = id + "-" + std::to_string(n++);
    } while (!used_.insert(candidate).second);
    Remember(c, candidate);
    return candidate;
  }

  void Remember(const Component& c, const std::string& id) {
    if (!c.bom_ref.empty()) ref_to_id_.emplace(c.bom_ref, id);
  }

  bool MapRef(const std::string& ref, const std::string& doc_id, std::string& out) {
    auto it = ref_to_id_.find(ref);
    if (it != ref_to_id_.end()) {
      out = it->second;
      return true;
    }
    if (ref == sbom_.document_ref) {
      out = doc_id;
      return true;
    }
    if (ref == "NONE" || ref == "NOASSERTION") {
      out = ref;
      return true;
    }
    if (StartsWith(ref, "DocumentRef-") && ref.find(':') != std::string::npos) {
      out = ref;
      return true;
    }
    return false;
  }

  std::string Namespace(const std::string& name) {
    const std::string& s = sbom_.serial_number;
    auto colon = s.find(':');
    bool uri = colon != std::string::npos && colon > 0 && std::isalpha(static_cast<unsigned char>(s[0])) &&
               s.find('#') == std::string::npos && s.find(' ') == std::string::npos;
    if (uri) return s;
    // Derived, so the same model always gets the same namespace.
    std::string seed = s + "\n" + name + "\n" + sbom_.timestamp;
    if (!s.empty()) {
      losses_.Add("spdx.encode.namespace", "serial number is not a URI; documentNamespace derived from it");
    }
    return "https://sbomhub.invalid/spdxdocs/" + Sanitize(name) + "-" + Sha256Hex(seed).substr(0, 32);
  }

  void AddExtracted(const std::string& id, const std::string& name, const std::string& text) {
    if (!extracted_ids_.insert(id).second) return;
    RawExtractedLicense x;
    x.id = id;
    x.name = name;
    x.text = text;
    doc_extracted_.push_back(std::move(x));
  }

  void NoteLicenseRefs(std::string_view expr) {
    std::size_t i = 0;
    while ((i = expr.find("LicenseRef-", i)) != std::string_view::npos) {
      bool external = i > 0 && expr[i - 1] == ':';
      std::size_t end = i;
      while (end < expr.size() && expr[end] != ' ' && expr[end] != ')' && expr[end] != '(') ++end;
      std::string id(expr.substr(i, end - i));
      i = end;
      if (external || extracted_ids_.count(id)) continue;
      AddExtracted(id, "", "NOASSERTION");
      losses_.Add("spdx.encode.license.text",
                  "LicenseRef without text in the model: extractedText written as NOASSERTION");
    }
  }

  // A CycloneDX license as an SPDX expression term.
  std::string LicenseTerm(const License& l) {
    switch (l.kind) {
      case License::Kind::kExpression:
        return l.value;
      case License::Kind::kSpdxId:
        if (!l.text.empty() || !l.url.empty()) {
          losses_.Add("spdx.encode.license.details", "license url/text of SPDX-listed licenses dropped");
        }
        return l.value;
      case License::Kind::kName: {
        std::string id = "LicenseRef-" + Sanitize(l.value);
        AddExtracted(id, l.value, l.text.empty() ? l.value : l.text);
        if (!l.url.empty()) losses_.Add("spdx.encode.license.details", "license url dropped");
        return id;
      }
    }
    return l.value;
  }

  static std::string Join(const std::vector<std::string>& terms) {
    if (terms.size() == 1) return terms[0];
    std::string out;
    for (const auto& t : terms) {
      if (!out.empty()) out += " AND ";
      bool compound = t.find(' ') != std::string::npos;
      out += compound ? "(" + t + ")" : t;
    }
    return out;
  }

  RawElement MapComponent(const Component& c, const std::string& id) {
    RawElement e;
    e.spdx_id = id;
    bool has_sha1 = std::any_of(c.hashes.begin(), c.hashes.end(), [](const model::Hash& h) {
      return h.algorithm == model::HashAlgorithm::kSha1;
    });
    e.is_file = c.type == ComponentType::kFile && c.download_location.empty() && has_sha1;
    e.name = c.name;
    if (e.name.empty()) {
      e.name = "NOASSERTION";
      losses_.Add("spdx.encode.name", "components without a name written with name NOASSERTION");
    }
    if (!c.group.empty()) losses_.Add("spdx.encode.group", "component group has no SPDX field (the purl keeps it)");
    e.copyright = c.copyright;
    e.comment = c.comment;
    if (c.scope == model::Scope::kExcluded || c.scope == model::Scope::kOptional) {
      std::string note = "CycloneDX scope: " + std::string(model::ScopeName(c.scope));
      e.comment = e.comment.empty() ? note : e.comment + "\n" + note;
      losses_.Add("spdx.encode.scope", "component scope has no SPDX field; kept as a note in the comment");
    }
    for (const auto& h : c.hashes) {
      e.checksums.push_back({std::string(model::HashAlgorithmSpdxName(h.algorithm)), h.value, Loc{}});
    }
    std::vector<std::string> concluded, declared;
    for (const auto& l : c.licenses) {
      std::string term = LicenseTerm(l);
      if (l.acknowledgement == LicenseAcknowledgement::kConcluded) {
        concluded.push_back(std::move(term));
      } else if (l.acknowledgement == LicenseAcknowledgement::kDeclared ||
                 sbom_.family == model::SpecFamily::kCycloneDx) {
        declared.push_back(std::move(term));
      } else {
        e.license_info.push_back(std::move(term));
      }
    }
    if (!concluded.empty()) e.license_concluded = Join(concluded);
    if (e.is_file) {
      // SPDX files have no declared license; what the file states is licenseInfoInFiles.
      for (auto& d : declared) e.license_info.push_back(std::move(d));
      if (!declared.empty()) {
        losses_.Add("spdx.encode.file.licenseDeclared",
                    "declared licenses of files written as licenseInfoInFiles");
      }
    } else if (!declared.empty()) {
      e.license_declared = Join(declared);
    }
    if (e.is_file && !c.version.empty()) losses_.Add("spdx.encode.file.version", "file versions have no SPDX field");
    if (e.is_file && (!c.description.empty() || !c.homepage.empty() || !c.source_info.empty() ||
                      !c.file_name.empty())) {
      losses_.Add("spdx.encode.file.fields",
                  "description, homepage, source info and file name of files have no SPDX file field");
    }
    if ((c.supplier && !c.supplier->urls.empty()) ||
        std::any_of(c.authors.begin(), c.authors.end(), [](const model::Party& p) { return !p.urls.empty(); })) {
      losses_.Add("spdx.encode.party.urls", "party urls have no SPDX field");
    }
    if (!e.is_file) {
      e.version = c.version;
      if (c.supplier) e.supplier = FormatParty(*c.supplier);
      if (!c.authors.empty()) {
        e.originator = FormatParty(c.authors[0]);
        if (c.authors.size() > 1) {
          losses_.Add("spdx.encode.authors", "authors beyond the first have no SPDX field (originator)");
        }
      } else if (!c.author.empty()) {
        model::Party p;
        p.kind = model::Party::Kind::kPerson;
        p.name = c.author;
        e.originator = FormatParty(p);
      }
      e.download_location = c.download_location.empty() ? "NOASSERTION" : c.download_location;
      e.homepage = c.homepage;
      e.package_file_name = c.file_name;
      e.source_info = c.source_info;
      e.files_analyzed = c.files_analyzed ? "true" : "false";
      e.description = c.description;
      e.primary_purpose = std::string(TypeToPurpose(c.type));
      if (e.primary_purpose.empty() && c.type != ComponentType::kUnspecified) {
        losses_.Add("spdx.encode.type",
                    "component types with no primaryPackagePurpose (platform, device-driver, "
                    "machine-learning-model, data, cryptographic-asset) left without a purpose");
      }
      if (!c.purl.empty()) e.external_refs.push_back({"PACKAGE-MANAGER", "purl", c.purl, "", Loc{}});
      for (const auto& cpe : c.cpes) {
        e.external_refs.push_back(
            {"SECURITY", StartsWith(cpe, "cpe:/") ? "cpe22Type" : "cpe23Type", cpe, "", Loc{}});
      }
      for (const auto& x : c.external_references) {
        if (TrimWhitespace(x.url).empty()) {
          // SPDX requires a locator; CycloneDX allows an empty url.
          losses_.Add("spdx.encode.externalRef.empty", "external references without a url dropped");
          continue;
        }
        RawExternalRef r;
        auto slash = x.type.find('/');
        std::string cat = slash == std::string::npos ? "" : x.type.substr(0, slash);
        if ((x.type == "PACKAGE-MANAGER/purl" || x.type == "PACKAGE_MANAGER/purl") && !StartsWith(x.url, "pkg:")) {
          // A locator that is not a purl cannot stay a purl reference.
          r.category = "OTHER";
          r.type = "purl";
          losses_.Add("spdx.encode.externalRef.purl", "purl references whose locator is not a purl written as OTHER");
        } else if (cat == "OTHER" || cat == "SECURITY" || cat == "PACKAGE-MANAGER" || cat == "PACKAGE_MANAGER" ||
            cat == "PERSISTENT-ID" || cat == "PERSISTENT_ID") {
          r.category = cat;
          r.type = x.type.substr(slash + 1);
        } else {
          r.category = "OTHER";
          r.type = x.type.empty() ? "other" : Sanitize(x.type);
        }
        r.locator = x.url;
        r.comment = x.comment;
        if (!x.hashes.empty()) losses_.Add("spdx.encode.externalRef.hashes", "external reference hashes dropped");
        e.external_refs.push_back(std::move(r));
      }
    } else {
      if (!c.purl.empty() || !c.cpes.empty() || !c.external_references.empty() || c.supplier ||
          !c.authors.empty()) {
        losses_.Add("spdx.encode.file.fields",
                    "purl, CPE, external references, supplier and authors of files have no SPDX file field");
      }
    }
    if (c.manufacturer) losses_.Add("spdx.encode.manufacturer", "component manufacturer has no SPDX field");
    if (!c.publisher.empty()) losses_.Add("spdx.encode.publisher", "component publisher has no SPDX field");
    if (!c.swid_tag_id.empty()) losses_.Add("spdx.encode.swid", "SWID tag ids have no SPDX field");
    for (const auto& p : c.properties) {
      if (p.name == "spdx:packageVerificationCode" && !e.is_file) {
        e.verification_code = p.value;
      } else if (p.name == "spdx:packageVerificationCodeExcludedFiles" && !e.is_file) {
        e.verification_excluded = p.value;
      } else {
        bool known = false;
        for (const auto& f : ExtraFields()) {
          if (f.on_file == e.is_file && f.property == p.name) known = true;
        }
        if (known) {
          e.extras.push_back(p);
        } else {
          losses_.Add("spdx.encode.properties", "component properties have no SPDX field");
        }
      }
    }
    if (!e.verification_code.empty() && e.files_analyzed == "false") {
      e.verification_code.clear();
      e.verification_excluded.clear();
    }
    return e;
  }

  const model::Sbom& sbom_;
  Diagnostics& warnings_;
  Losses losses_;
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, std::size_t> next_suffix_;
  std::unordered_map<std::string, std::string> ref_to_id_;
  std::vector<RawExtractedLicense> doc_extracted_;
  std::unordered_set<std::string> extracted_ids_;
};

}  // namespace

RawDoc FromModel(const model::Sbom& sbom, Diagnostics& warnings) {
  Encoder enc(sbom, warnings);
  return enc.Run();
}

// ---- JSON ----

std::string WriteJson(const RawDoc& doc, bool pretty) {
  JsonWriter w(pretty);
  w.BeginObject();
  w.Field("spdxVersion", doc.spdx_version);
  w.Field("dataLicense", doc.data_license);
  w.Field("SPDXID", doc.spdx_id);
  w.Field("name", doc.name);
  w.Field("documentNamespace", doc.document_namespace);
  w.OptionalField("comment", doc.comment);
  w.Key("creationInfo").BeginObject();
  w.Field("created", doc.created);
  w.Key("creators").BeginArray();
  for (const auto& [c, loc] : doc.creators) w.String(c);
  w.EndArray();
  w.OptionalField("comment", doc.creator_comment);
  w.OptionalField("licenseListVersion", doc.license_list_version);
  w.EndObject();
  if (!doc.external_doc_refs.empty()) {
    w.Key("externalDocumentRefs").BeginArray();
    for (const auto& x : doc.external_doc_refs) {
      w.BeginObject();
      w.Field("externalDocumentId", x.id);
      w.Field("spdxDocument", x.document);
      w.Key("checksum").BeginObject();
      w.Field("algorithm", x.checksum.algorithm);
      w.Field("checksumValue", x.checksum.value);
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  auto checksums = [&](const RawElement& e) {
    if (e.checksums.empty()) return;
    w.Key("checksums").BeginArray();
    for (const auto& c : e.checksums) {
      w.BeginObject().Field("algorithm", c.algorithm).Field("checksumValue", c.value).EndObject();
    }
    w.EndArray();
  };
  auto extras = [&](const RawElement& e) {
    for (const auto& f : ExtraFields()) {
      if (f.on_file != e.is_file) continue;
      bool any = false;
      for (const auto& x : e.extras) {
        if (x.name != f.property) continue;
        if (!f.repeated) {
          w.Field(f.json_key, x.value);
          break;
        }
        if (!any) w.Key(f.json_key).BeginArray();
        any = true;
        w.String(x.value);
      }
      if (any) w.EndArray();
    }
  };
  auto strings = [&](std::string_view key, const std::vector<std::string>& v) {
    if (v.empty()) return;
    w.Key(key).BeginArray();
    for (const auto& s : v) w.String(s);
    w.EndArray();
  };
  bool any_pkg = std::any_of(doc.elements.begin(), doc.elements.end(), [](const RawElement& e) { return !e.is_file; });
  bool any_file = std::any_of(doc.elements.begin(), doc.elements.end(), [](const RawElement& e) { return e.is_file; });
  if (any_pkg) {
    w.Key("packages").BeginArray();
    for (const auto& e : doc.elements) {
      if (e.is_file) continue;
      w.BeginObject();
      w.Field("SPDXID", e.spdx_id);
      w.Field("name", e.name);
      w.OptionalField("versionInfo", e.version);
      w.OptionalField("packageFileName", e.package_file_name);
      w.OptionalField("supplier", e.supplier);
      w.OptionalField("originator", e.originator);
      w.Field("downloadLocation", e.download_location);
      if (!e.files_analyzed.empty()) w.Field("filesAnalyzed", e.files_analyzed == "true");
      if (!e.verification_code.empty()) {
        w.Key("packageVerificationCode").BeginObject();
        w.Field("packageVerificationCodeValue", e.verification_code);
        if (!e.verification_excluded.empty()) {
          w.Key("packageVerificationCodeExcludedFiles").BeginArray();
          for (auto f : Split(e.verification_excluded, ' ')) {
            if (!f.empty()) w.String(f);
          }
          w.EndArray();
        }
        w.EndObject();
      }
      checksums(e);
      w.OptionalField("homepage", e.homepage);
      w.OptionalField("sourceInfo", e.source_info);
      w.OptionalField("licenseConcluded", e.license_concluded);
      strings("licenseInfoFromFiles", e.license_info);
      w.OptionalField("licenseDeclared", e.license_declared);
      w.OptionalField("copyrightText", e.copyright);
      w.OptionalField("description", e.description);
      w.OptionalField("comment", e.comment);
      if (!e.external_refs.empty()) {
        w.Key("externalRefs").BeginArray();
        for (const auto& r : e.external_refs) {
          w.BeginObject();
          w.Field("referenceCategory", r.category);
          w.Field("referenceType", r.type);
          w.Field("referenceLocator", r.locator);
          w.OptionalField("comment", r.comment);
          w.EndObject();
        }
        w.EndArray();
      }
      w.OptionalField("primaryPackagePurpose", e.primary_purpose);
      extras(e);
      w.EndObject();
    }
    w.EndArray();
  }
  if (any_file) {
    w.Key("files").BeginArray();
    for (const auto& e : doc.elements) {
      if (!e.is_file) continue;
      w.BeginObject();
      w.Field("SPDXID", e.spdx_id);
      w.Field("fileName", e.name);
      checksums(e);
      w.OptionalField("licenseConcluded", e.license_concluded);
      strings("licenseInfoInFiles", e.license_info);
      w.OptionalField("copyrightText", e.copyright);
      w.OptionalField("comment", e.comment);
      extras(e);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!doc.extracted.empty()) {
    w.Key("hasExtractedLicensingInfos").BeginArray();
    for (const auto& x : doc.extracted) {
      w.BeginObject();
      w.Field("licenseId", x.id);
      w.Field("extractedText", x.text);
      w.OptionalField("name", x.name);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!doc.relationships.empty()) {
    w.Key("relationships").BeginArray();
    for (const auto& r : doc.relationships) {
      w.BeginObject();
      w.Field("spdxElementId", r.from);
      w.Field("relationshipType", r.type);
      w.Field("relatedSpdxElement", r.to);
      w.OptionalField("comment", r.comment);
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return w.Take();
}

// ---- tag-value ----

namespace {
// Values with line breaks (or that would be misread) go in <text>...</text>.
// Tag-value has no escape for "</text>" inside a text value; such values are written with
// "</ text>" instead and counted (see WriteTagValue's warning).
thread_local std::size_t tv_mangled = 0;

void TvLine(std::string& out, std::string_view tag, std::string_view value) {
  std::string fixed;
  if (value.find("</text>") != std::string_view::npos) {
    ++tv_mangled;
    fixed = std::string(value);
    for (std::size_t at = fixed.find("</text>"); at != std::string::npos; at = fixed.find("</text>", at)) {
      fixed.replace(at, 7, "</ text>");
    }
    value = fixed;
  }
  out += tag;
  out += ": ";
  bool multi = value.find_first_of("\r\n") != std::string_view::npos || StartsWith(value, "<text>") ||
               value != TrimWhitespace(value);
  if (multi) {
    out += "<text>";
    out += value;
    out += "</text>";
  } else {
    out += value;
  }
  out += '\n';
}
void TvOpt(std::string& out, std::string_view tag, std::string_view value) {
  if (!value.empty()) TvLine(out, tag, value);
}
}  // namespace

std::string WriteTagValue(const RawDoc& doc, Diagnostics& warnings) {
  tv_mangled = 0;
  std::string out;
  TvLine(out, "SPDXVersion", doc.spdx_version);
  TvLine(out, "DataLicense", doc.data_license);
  TvLine(out, "SPDXID", doc.spdx_id);
  TvLine(out, "DocumentName", doc.name);
  TvLine(out, "DocumentNamespace", doc.document_namespace);
  TvOpt(out, "DocumentComment", doc.comment);
  for (const auto& x : doc.external_doc_refs) {
    TvLine(out, "ExternalDocumentRef", x.id + " " + x.document + " " + x.checksum.algorithm + ": " + x.checksum.value);
  }
  for (const auto& [c, loc] : doc.creators) TvLine(out, "Creator", c);
  TvLine(out, "Created", doc.created);
  TvOpt(out, "CreatorComment", doc.creator_comment);
  TvOpt(out, "LicenseListVersion", doc.license_list_version);
  for (const auto& e : doc.elements) {
    out += '\n';
    if (e.is_file) {
      TvLine(out, "FileName", e.name);
      TvLine(out, "SPDXID", e.spdx_id);
      for (const auto& c : e.checksums) TvLine(out, "FileChecksum", c.algorithm + ": " + c.value);
      TvOpt(out, "LicenseConcluded", e.license_concluded);
      for (const auto& l : e.license_info) TvLine(out, "LicenseInfoInFile", l);
      TvOpt(out, "FileCopyrightText", e.copyright);
      TvOpt(out, "FileComment", e.comment);
    } else {
      TvLine(out, "PackageName", e.name);
      TvLine(out, "SPDXID", e.spdx_id);
      TvOpt(out, "PackageVersion", e.version);
      TvOpt(out, "PackageFileName", e.package_file_name);
      TvOpt(out, "PackageSupplier", e.supplier);
      TvOpt(out, "PackageOriginator", e.originator);
      TvLine(out, "PackageDownloadLocation", e.download_location);
      TvOpt(out, "FilesAnalyzed", e.files_analyzed);
      if (!e.verification_code.empty()) {
        std::string v = e.verification_code;
        if (!e.verification_excluded.empty()) v += " (excludes: " + e.verification_excluded + ")";
        TvLine(out, "PackageVerificationCode", v);
      }
      for (const auto& c : e.checksums) TvLine(out, "PackageChecksum", c.algorithm + ": " + c.value);
      TvOpt(out, "PackageHomePage", e.homepage);
      TvOpt(out, "PackageSourceInfo", e.source_info);
      TvOpt(out, "PackageLicenseConcluded", e.license_concluded);
      for (const auto& l : e.license_info) TvLine(out, "PackageLicenseInfoFromFiles", l);
      TvOpt(out, "PackageLicenseDeclared", e.license_declared);
      TvOpt(out, "PackageCopyrightText", e.copyright);
      TvOpt(out, "PackageDescription", e.description);
      TvOpt(out, "PackageComment", e.comment);
      for (const auto& r : e.external_refs) {
        TvLine(out, "ExternalRef", r.category + " " + r.type + " " + r.locator);
        TvOpt(out, "ExternalRefComment", r.comment);
      }
      TvOpt(out, "PrimaryPackagePurpose", e.primary_purpose);
    }
    for (const auto& f : ExtraFields()) {
      if (f.on_file != e.is_file) continue;
      for (const auto& x : e.extras) {
        if (x.name == f.property) TvLine(out, f.tag, x.value);
      }
    }
  }
  if (!doc.extracted.empty()) out += '\n';
  for (const auto& x : doc.extracted) {
    TvLine(out, "LicenseID", x.id);
    // Extracted text is always wrapped: license texts routinely span lines.
    std::string text = x.text;
    if (text.find("</text>") != std::string::npos) {
      ++tv_mangled;
      for (std::size_t at = text.find("</text>"); at != std::string::npos; at = text.find("</text>", at)) {
        text.replace(at, 7, "</ text>");
      }
    }
    out += "ExtractedText: <text>" + text + "</text>\n";
    TvOpt(out, "LicenseName", x.name);
  }
  if (!doc.relationships.empty()) out += '\n';
  for (const auto& r : doc.relationships) {
    TvLine(out, "Relationship", r.from + " " + r.type + " " + r.to);
    TvOpt(out, "RelationshipComment", r.comment);
  }
  if (tv_mangled) {
    warnings.Warning("spdx.encode.tv.text",
                     std::to_string(tv_mangled) +
                         " value(s) contain \"</text>\", which tag-value cannot carry; written as \"</ text>\"");
  }
  return out;
}

}  // namespace sbomhub::formats::spdx::internal
