// Readers for the three VEX formats: identify from the root members, then decode one format.
// nlohmann::json is used rather than simdjson: VEX documents are small, read rarely, and the DOM
// keeps the type checks (each naming a JSON pointer) short.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "formats/common/json_errors.h"
#include "vex/vex.h"
#include "vuln/csaf/csaf.h"

namespace sbomhub::vex {
namespace {

using Json = nlohmann::json;

// Escapes one JSON pointer token (RFC 6901).
std::string PointerToken(std::string_view key) {
  std::string out;
  for (char c : key) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

// Typed member access that records the first error with its JSON pointer; later calls are no-ops
// once an error was recorded, so decoders read straight through and check `failed()` at the end.
class Reader {
 public:
  explicit Reader(const std::string& file) : file_(file) {}

  bool failed() const { return !status_.ok(); }
  Status status() const { return status_; }

  void Fail(const std::string& pointer, std::string_view message) {
    if (failed()) return;
    status_ = Status::InvalidDocument(file_ + ": " + std::string(message) + " (at " +
                                      (pointer.empty() ? "/" : pointer) + ")");
  }

  static std::string Child(const std::string& at, std::string_view key) {
    return at + "/" + PointerToken(key);
  }
  static std::string Child(const std::string& at, std::size_t index) {
    return at + "/" + std::to_string(index);
  }

  // Member `key` of `o` when present and not null; nullptr otherwise.
  static const Json* Member(const Json& o, std::string_view key) {
    if (!o.is_object()) return nullptr;
    auto it = o.find(key);
    if (it == o.end() || it->is_null()) return nullptr;
    return &*it;
  }

  std::string String(const Json& o, std::string_view key, const std::string& at) {
    const Json* m = Member(o, key);
    if (m == nullptr || failed()) return {};
    if (!m->is_string()) {
      Fail(Child(at, key), "'" + std::string(key) + "' must be a string");
      return {};
    }
    return m->get<std::string>();
  }

  // A string or an integer, kept as text ("version": 1 and "version": "1" both occur).
  std::string StringOrNumber(const Json& o, std::string_view key, const std::string& at) {
    const Json* m = Member(o, key);
    if (m == nullptr || failed()) return {};
    if (m->is_number_integer()) return std::to_string(m->get<std::int64_t>());
    if (m->is_number_unsigned()) return std::to_string(m->get<std::uint64_t>());
    if (!m->is_string()) {
      Fail(Child(at, key), "'" + std::string(key) + "' must be a string or an integer");
      return {};
    }
    return m->get<std::string>();
  }

  const Json* Array(const Json& o, std::string_view key, const std::string& at) {
    const Json* m = Member(o, key);
    if (m == nullptr || failed()) return nullptr;
    if (!m->is_array()) {
      Fail(Child(at, key), "'" + std::string(key) + "' must be an array");
      return nullptr;
    }
    return m;
  }

  const Json* Object(const Json& o, std::string_view key, const std::string& at) {
    const Json* m = Member(o, key);
    if (m == nullptr || failed()) return nullptr;
    if (!m->is_object()) {
      Fail(Child(at, key), "'" + std::string(key) + "' must be an object");
      return nullptr;
    }
    return m;
  }

  // Array of strings; each element checked.
  std::vector<std::string> Strings(const Json& o, std::string_view key, const std::string& at) {
    std::vector<std::string> out;
    const Json* a = Array(o, key, at);
    if (a == nullptr) return out;
    std::string here = Child(at, key);
    for (std::size_t i = 0; i < a->size(); ++i) {
      if (!(*a)[i].is_string()) {
        Fail(Child(here, i), "'" + std::string(key) + "' must hold strings");
        return out;
      }
      out.push_back((*a)[i].get<std::string>());
    }
    return out;
  }

  const std::string& file() const { return file_; }

 private:
  const std::string& file_;
  Status status_;
};

Result<Json> ParseJson(std::string_view bytes, const std::string& file) {
  // Locate first: it bounds nesting depth before nlohmann recurses, and gives line:column.
  Status located = formats::LocateJsonError(bytes, file);
  if (!located.ok()) return located;
  Json root = Json::parse(bytes.begin(), bytes.end(), nullptr, /*allow_exceptions=*/false);
  if (root.is_discarded()) {
    return formats::JsonErrorAt(bytes, file, 0, "malformed JSON");
  }
  return root;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool IsCpe(std::string_view s) { return StartsWith(s, "cpe:"); }

void AddUnique(std::vector<std::string>& v, std::string s) {
  if (s.empty()) return;
  if (std::find(v.begin(), v.end(), s) == v.end()) v.push_back(std::move(s));
}

// ---- CycloneDX ----

struct CdxComponentIds {
  std::string purl;
  std::string cpe;
};

void CollectComponents(const Json& list, std::map<std::string, CdxComponentIds>& out) {
  // Iterative: nesting depth is attacker-controlled (bounded by LocateJsonError, still deep).
  std::vector<const Json*> stack{&list};
  while (!stack.empty()) {
    const Json* arr = stack.back();
    stack.pop_back();
    if (!arr->is_array()) continue;
    for (const Json& c : *arr) {
      if (!c.is_object()) continue;
      const Json* ref = Reader::Member(c, "bom-ref");
      if (ref != nullptr && ref->is_string()) {
        CdxComponentIds ids;
        if (const Json* p = Reader::Member(c, "purl"); p != nullptr && p->is_string()) ids.purl = *p;
        if (const Json* p = Reader::Member(c, "cpe"); p != nullptr && p->is_string()) ids.cpe = *p;
        out.emplace(ref->get<std::string>(), std::move(ids));
      }
      if (const Json* nested = Reader::Member(c, "components")) stack.push_back(nested);
    }
  }
}

Result<VexDocument> DecodeCycloneDx(const Json& root, const std::string& file) {
  Reader r(file);
  VexDocument doc;
  doc.format = VexFormat::kCycloneDx;
  doc.spec_version = r.String(root, "specVersion", "");
  if (doc.spec_version != "1.4" && doc.spec_version != "1.5" && doc.spec_version != "1.6") {
    if (r.failed()) return r.status();
    return Status::Unsupported(file + ": CycloneDX " +
                               (doc.spec_version.empty() ? "without specVersion" : doc.spec_version) +
                               " is not supported for VEX (supported: 1.4, 1.5, 1.6)");
  }
  doc.id = r.String(root, "serialNumber", "");
  doc.version = r.StringOrNumber(root, "version", "");
  const Json* vulns = r.Array(root, "vulnerabilities", "");
  if (r.failed()) return r.status();
  if (vulns == nullptr) {
    return Status::InvalidDocument(file + ": CycloneDX BOM has no 'vulnerabilities': not a VEX document");
  }

  std::map<std::string, CdxComponentIds> components;
  if (const Json* metadata = r.Object(root, "metadata", "")) {
    doc.timestamp = r.String(*metadata, "timestamp", "/metadata");
    if (const Json* authors = r.Array(*metadata, "authors", "/metadata")) {
      if (!authors->empty()) doc.author = r.String((*authors)[0], "name", "/metadata/authors/0");
    }
    if (const Json* primary = Reader::Member(*metadata, "component")) {
      Json one = Json::array({*primary});
      CollectComponents(one, components);
    }
  }
  if (const Json* comps = r.Array(root, "components", "")) CollectComponents(*comps, components);

  for (std::size_t i = 0; i < vulns->size() && !r.failed(); ++i) {
    const Json& v = (*vulns)[i];
    const std::string at = "/vulnerabilities/" + std::to_string(i);
    if (!v.is_object()) {
      r.Fail(at, "vulnerability must be an object");
      break;
    }
    VexStatement st;
    st.vulnerability = r.String(v, "id", at);
    if (st.vulnerability.empty() && !r.failed()) r.Fail(at, "vulnerability has no 'id'");
    if (const Json* refs = r.Array(v, "references", at)) {
      for (std::size_t k = 0; k < refs->size(); ++k) {
        AddUnique(st.aliases, r.String((*refs)[k], "id", Reader::Child(at + "/references", k)));
      }
    }
    st.vulnerability_description = r.String(v, "description", at);
    st.action_statement = r.String(v, "recommendation", at);
    if (const Json* analysis = r.Object(v, "analysis", at)) {
      const std::string aat = at + "/analysis";
      std::string state = r.String(*analysis, "state", aat);
      if (!state.empty()) {
        auto s = ParseAnalysisState(state);
        if (!s) r.Fail(aat + "/state", "unknown analysis state '" + state + "'");
        else st.state = *s;
      }
      std::string just = r.String(*analysis, "justification", aat);
      if (!just.empty()) {
        auto j = ParseJustification(just);
        if (!j) r.Fail(aat + "/justification", "unknown justification '" + just + "'");
        else st.justification = *j;
      }
      std::vector<std::string> responses = r.Strings(*analysis, "response", aat);
      for (std::size_t k = 0; k < responses.size(); ++k) {
        auto resp = ParseResponse(responses[k]);
        if (!resp) {
          r.Fail(aat + "/response/" + std::to_string(k), "unknown response '" + responses[k] + "'");
        } else if (std::find(st.responses.begin(), st.responses.end(), *resp) == st.responses.end()) {
          st.responses.push_back(*resp);
        }
      }
      st.detail = r.String(*analysis, "detail", aat);
      st.timestamp = r.String(*analysis, "firstIssued", aat);
      st.last_updated = r.String(*analysis, "lastUpdated", aat);
    }
    if (const Json* affects = r.Array(v, "affects", at)) {
      for (std::size_t k = 0; k < affects->size() && !r.failed(); ++k) {
        const std::string kat = Reader::Child(at + "/affects", k);
        VexProduct p;
        p.ref.bom_ref = r.String((*affects)[k], "ref", kat);
        if (p.ref.bom_ref.empty()) {
          r.Fail(kat, "affects entry has no 'ref'");
          break;
        }
        auto local = components.find(p.ref.bom_ref);
        if (local != components.end()) {
          p.ref.purl = local->second.purl;
          p.ref.cpe = local->second.cpe;
        } else if (StartsWith(p.ref.bom_ref, "pkg:")) {
          // Producers often use the purl itself as the ref without listing the component.
          p.ref.purl = p.ref.bom_ref;
        }
        if (const Json* versions = r.Array((*affects)[k], "versions", kat)) {
          for (std::size_t n = 0; n < versions->size(); ++n) {
            const std::string nat = Reader::Child(kat + "/versions", n);
            AffectedVersion av;
            av.version = r.String((*versions)[n], "version", nat);
            av.range = r.String((*versions)[n], "range", nat);
            av.status = r.String((*versions)[n], "status", nat);
            p.versions.push_back(std::move(av));
          }
        }
        st.products.push_back(std::move(p));
      }
    }
    doc.statements.push_back(std::move(st));
  }
  if (r.failed()) return r.status();
  return doc;
}

// ---- OpenVEX ----

// One OpenVEX component: a string (0.0.1) or an object with @id and/or identifiers (0.2.0).
ProductRef OpenVexComponent(Reader& r, const Json& c, const std::string& at) {
  ProductRef ref;
  std::string id;
  if (c.is_string()) {
    id = c.get<std::string>();
  } else if (c.is_object()) {
    id = r.String(c, "@id", at);
    if (const Json* ids = r.Object(c, "identifiers", at)) {
      const std::string iat = at + "/identifiers";
      ref.purl = r.String(*ids, "purl", iat);
      ref.cpe = r.String(*ids, "cpe23", iat);
      if (ref.cpe.empty()) ref.cpe = r.String(*ids, "cpe22", iat);
    }
  } else {
    r.Fail(at, "a product must be a string or an object");
    return ref;
  }
  if (StartsWith(id, "pkg:") && (ref.purl.empty() || ref.purl == id)) {
    ref.purl = id;
  } else if (IsCpe(id) && (ref.cpe.empty() || ref.cpe == id)) {
    ref.cpe = id;
  } else {
    ref.native_id = id;
  }
  if (ref == ProductRef{} && !r.failed()) r.Fail(at, "a product needs an @id or identifiers");
  return ref;
}

Result<VexDocument> DecodeOpenVex(const Json& root, const std::string& file, std::string spec_version) {
  Reader r(file);
  VexDocument doc;
  doc.format = VexFormat::kOpenVex;
  doc.spec_version = std::move(spec_version);
  doc.id = r.String(root, "@id", "");
  doc.author = r.String(root, "author", "");
  doc.role = r.String(root, "role", "");
  doc.timestamp = r.String(root, "timestamp", "");
  doc.last_updated = r.String(root, "last_updated", "");
  doc.version = r.StringOrNumber(root, "version", "");
  const Json* statements = r.Array(root, "statements", "");
  if (r.failed()) return r.status();
  if (statements == nullptr) return Status::InvalidDocument(file + ": OpenVEX document has no 'statements' (at /)");

  for (std::size_t i = 0; i < statements->size() && !r.failed(); ++i) {
    const Json& s = (*statements)[i];
    const std::string at = "/statements/" + std::to_string(i);
    if (!s.is_object()) {
      r.Fail(at, "statement must be an object");
      break;
    }
    VexStatement st;
    const Json* vuln = Reader::Member(s, "vulnerability");
    if (vuln == nullptr) {
      r.Fail(at, "statement has no 'vulnerability'");
      break;
    }
    if (vuln->is_string()) {
      st.vulnerability = vuln->get<std::string>();
      st.vulnerability_description = r.String(s, "vuln_description", at);
    } else if (vuln->is_object()) {
      const std::string vat = at + "/vulnerability";
      st.vulnerability = r.String(*vuln, "name", vat);
      if (st.vulnerability.empty()) st.vulnerability = r.String(*vuln, "@id", vat);
      st.vulnerability_description = r.String(*vuln, "description", vat);
      for (auto& a : r.Strings(*vuln, "aliases", vat)) AddUnique(st.aliases, std::move(a));
    } else {
      r.Fail(at + "/vulnerability", "'vulnerability' must be a string or an object");
      break;
    }
    if (st.vulnerability.empty() && !r.failed()) {
      r.Fail(at + "/vulnerability", "vulnerability has no name");
      break;
    }
    // 0.0.1 lists subcomponents beside the products: they apply to each product.
    std::vector<ProductRef> shared_subs;
    if (const Json* subs = r.Array(s, "subcomponents", at)) {
      for (std::size_t k = 0; k < subs->size(); ++k) {
        shared_subs.push_back(OpenVexComponent(r, (*subs)[k], Reader::Child(at + "/subcomponents", k)));
      }
    }
    if (const Json* products = r.Array(s, "products", at)) {
      for (std::size_t k = 0; k < products->size() && !r.failed(); ++k) {
        const std::string pat = Reader::Child(at + "/products", k);
        VexProduct p;
        p.ref = OpenVexComponent(r, (*products)[k], pat);
        if (const Json* subs = r.Array((*products)[k], "subcomponents", pat)) {
          for (std::size_t n = 0; n < subs->size(); ++n) {
            p.subcomponents.push_back(OpenVexComponent(r, (*subs)[n], Reader::Child(pat + "/subcomponents", n)));
          }
        }
        for (const auto& sub : shared_subs) p.subcomponents.push_back(sub);
        st.products.push_back(std::move(p));
      }
    }
    std::string status = r.String(s, "status", at);
    if (!r.failed()) {
      auto parsed = ParseOpenVexStatus(status);
      if (!parsed) {
        r.Fail(at + "/status", status.empty() ? "statement has no 'status'"
                                              : "unknown OpenVEX status '" + status + "'");
        break;
      }
      st.state = StateFromOpenVex(*parsed);
    }
    std::string just = r.String(s, "justification", at);
    if (!just.empty()) {
      auto label = ParseImpactLabel(just);
      if (!label) r.Fail(at + "/justification", "unknown OpenVEX justification '" + just + "'");
      else st.justification = JustificationFromLabel(*label);
    }
    st.impact_statement = r.String(s, "impact_statement", at);
    st.action_statement = r.String(s, "action_statement", at);
    st.detail = r.String(s, "status_notes", at);
    st.timestamp = r.String(s, "timestamp", at);
    st.last_updated = r.String(s, "last_updated", at);
    doc.statements.push_back(std::move(st));
  }
  if (r.failed()) return r.status();
  return doc;
}

// ---- CSAF ----

// product_groups are not part of vuln::CsafDocument; flags and remediations may name them.
std::map<std::string, std::vector<std::string>> CsafGroups(const Json& root) {
  std::map<std::string, std::vector<std::string>> groups;
  const Json* tree = Reader::Member(root, "product_tree");
  const Json* list = tree == nullptr ? nullptr : Reader::Member(*tree, "product_groups");
  if (list == nullptr || !list->is_array()) return groups;
  for (const Json& g : *list) {
    const Json* id = Reader::Member(g, "group_id");
    const Json* ids = Reader::Member(g, "product_ids");
    if (id == nullptr || !id->is_string() || ids == nullptr || !ids->is_array()) continue;
    auto& members = groups[id->get<std::string>()];
    for (const Json& p : *ids) {
      if (p.is_string()) members.push_back(p.get<std::string>());
    }
  }
  return groups;
}

std::optional<Response> ResponseOfRemediation(std::string_view category) {
  if (category == "vendor_fix") return Response::kUpdate;
  if (category == "workaround" || category == "mitigation") return Response::kWorkaroundAvailable;
  if (category == "no_fix_planned") return Response::kWillNotFix;
  if (category == "none_available") return Response::kCanNotFix;
  return std::nullopt;
}

bool Covers(const std::vector<std::string>& product_ids, const std::vector<std::string>& group_ids,
            const std::string& pid, const std::map<std::string, std::vector<std::string>>& groups) {
  if (std::find(product_ids.begin(), product_ids.end(), pid) != product_ids.end()) return true;
  for (const auto& g : group_ids) {
    auto it = groups.find(g);
    if (it != groups.end() && std::find(it->second.begin(), it->second.end(), pid) != it->second.end()) {
      return true;
    }
  }
  return false;
}

Result<VexDocument> DecodeCsaf(std::string_view bytes, const Json& root, const std::string& file) {
  auto parsed = vuln::ParseCsaf(bytes);
  if (!parsed.ok()) return parsed.status().WithContext(file);
  const vuln::CsafDocument& csaf = *parsed;
  const auto groups = CsafGroups(root);

  VexDocument doc;
  doc.format = VexFormat::kCsaf;
  doc.spec_version = csaf.csaf_version;
  doc.id = csaf.tracking_id;
  doc.version = csaf.tracking_version;
  doc.author = csaf.publisher_name;
  doc.author_namespace = csaf.publisher_namespace;
  doc.title = csaf.title;
  doc.timestamp = csaf.initial_release_date;
  doc.last_updated = csaf.current_release_date;

  for (std::size_t vi = 0; vi < csaf.vulnerabilities.size(); ++vi) {
    const vuln::CsafVulnerability& v = csaf.vulnerabilities[vi];
    std::string id = v.cve;
    std::vector<std::string> aliases;
    for (const auto& other : v.ids) {
      if (id.empty()) id = other.text;
      else AddUnique(aliases, other.text);
    }
    if (id.empty()) {
      return Status::InvalidDocument(file + ": vulnerability has neither 'cve' nor 'ids' (at /vulnerabilities/" +
                                     std::to_string(vi) + ")");
    }
    // Products that share every statement attribute form one statement, in first-seen order.
    std::map<std::string, std::size_t> by_key;
    const std::size_t first = doc.statements.size();
    std::set<std::string> seen;  // a product listed in two groups keeps its first status
    for (const auto& group : v.product_status) {
      auto status = ParseCsafStatus(group.category);
      if (!status) continue;  // "recommended" says nothing about exploitability
      for (const auto& pid : group.product_ids) {
        if (!seen.insert(pid).second) continue;
        VexStatement st;
        st.vulnerability = id;
        st.aliases = aliases;
        st.vulnerability_description = v.description;
        st.state = StateFromCsaf(*status);
        for (const auto& f : v.flags) {
          if (!Covers(f.product_ids, f.group_ids, pid, groups)) continue;
          if (auto label = ParseImpactLabel(f.label)) {
            st.justification = JustificationFromLabel(*label);
            st.timestamp = f.date;
            break;
          }
        }
        for (const auto& t : v.threats) {
          if (t.category == "impact" &&
              std::find(t.product_ids.begin(), t.product_ids.end(), pid) != t.product_ids.end()) {
            st.impact_statement = t.details;
            break;
          }
        }
        std::vector<std::string> actions;
        for (const auto& rem : v.remediations) {
          if (!Covers(rem.product_ids, rem.group_ids, pid, groups)) continue;
          // Only CSAF 2.0's five categories say something the VEX vocabulary can carry; others
          // (2.1's fix_planned, optional_patch, or invalid ones) are left out whole, text too,
          // and so are remediations without the required details: a statement's action text
          // always comes with the responses it justifies.
          auto resp = ResponseOfRemediation(rem.category);
          if (!resp || rem.details.empty()) continue;
          if (std::find(st.responses.begin(), st.responses.end(), *resp) == st.responses.end()) {
            st.responses.push_back(*resp);
          }
          AddUnique(actions, rem.details);
        }
        for (std::size_t k = 0; k < actions.size(); ++k) {
          if (k > 0) st.action_statement += "\n";
          st.action_statement += actions[k];
        }
        std::string key = std::string(AnalysisStateName(st.state)) + '\x1f' +
                          std::string(JustificationName(st.justification)) + '\x1f' + st.timestamp +
                          '\x1f' + st.impact_statement + '\x1f' + st.action_statement + '\x1f';
        for (Response resp : st.responses) key += std::string(ResponseName(resp)) + ",";

        VexProduct product;
        product.ref.native_id = pid;
        if (const vuln::CsafProduct* p = csaf.FindProduct(pid)) {
          // The writer names a product by its id when the source gave no name (CSAF requires
          // one); a name equal to the id carries nothing, so it is not kept.
          if (p->name != pid) product.ref.name = p->name;
          product.ref.purl = p->purl;
          product.ref.cpe = p->cpe;
        }
        auto [it, inserted] = by_key.emplace(key, doc.statements.size());
        if (inserted) doc.statements.push_back(std::move(st));
        doc.statements[it->second].products.push_back(std::move(product));
      }
    }
    if (doc.statements.size() == first) {
      // A vulnerability without product status still says something: keep it, visibly empty.
      VexStatement st;
      st.vulnerability = id;
      st.aliases = aliases;
      st.vulnerability_description = v.description;
      doc.statements.push_back(std::move(st));
    }
  }
  return doc;
}

std::string OpenVexVersion(std::string_view context) {
  if (context == "https://openvex.dev/ns" || context == "https://openvex.dev/ns/v0.0.1") return "0.0.1";
  if (context == "https://openvex.dev/ns/v0.2.0") return "0.2.0";
  return {};
}

// The @context string, also when @context is an array of contexts (JSON-LD allows both).
std::string OpenVexContext(const Json& root) {
  const Json* ctx = Reader::Member(root, "@context");
  if (ctx == nullptr) return {};
  if (ctx->is_string()) return *ctx;
  if (ctx->is_array()) {
    for (const Json& c : *ctx) {
      if (c.is_string() && StartsWith(c.get<std::string>(), "https://openvex.dev/ns")) return c;
    }
  }
  return {};
}

std::optional<VexFormat> IdentifyRoot(const Json& root) {
  if (!root.is_object()) return std::nullopt;
  if (const Json* f = Reader::Member(root, "bomFormat"); f != nullptr && *f == "CycloneDX") {
    return VexFormat::kCycloneDx;
  }
  if (StartsWith(OpenVexContext(root), "https://openvex.dev/ns")) return VexFormat::kOpenVex;
  const Json* document = Reader::Member(root, "document");
  if (document != nullptr && Reader::Member(*document, "csaf_version") != nullptr) return VexFormat::kCsaf;
  return std::nullopt;
}

}  // namespace

std::optional<VexFormat> IdentifyVex(std::string_view bytes) {
  static const std::string kNoFile = "<input>";
  auto root = ParseJson(bytes, kNoFile);
  if (!root.ok()) return std::nullopt;
  return IdentifyRoot(*root);
}

Result<VexDocument> ReadVex(std::string_view bytes, const std::string& file_name) {
  SBOMHUB_ASSIGN_OR_RETURN(Json root, ParseJson(bytes, file_name));
  auto format = IdentifyRoot(root);
  if (!format) {
    return Status::ParseError(file_name +
                              ": not a VEX document (tried CycloneDX with vulnerabilities[], OpenVEX "
                              "@context, CSAF document.csaf_version)");
  }
  switch (*format) {
    case VexFormat::kCycloneDx:
      return DecodeCycloneDx(root, file_name);
    case VexFormat::kOpenVex: {
      std::string context = OpenVexContext(root);
      std::string version = OpenVexVersion(context);
      if (version.empty()) {
        return Status::Unsupported(file_name + ": OpenVEX context '" + context +
                                   "' is not supported (supported: v0.0.1, v0.2.0)");
      }
      return DecodeOpenVex(root, file_name, version);
    }
    case VexFormat::kCsaf: {
      const Json& document = root["document"];
      const Json* category = Reader::Member(document, "category");
      std::string cat = category != nullptr && category->is_string() ? category->get<std::string>() : "";
      if (cat != "csaf_vex") {
        return Status::Unsupported(file_name + ": CSAF document category '" + cat +
                                   "' is not the VEX profile 'csaf_vex'");
      }
      return DecodeCsaf(bytes, root, file_name);
    }
  }
  return Status::Internal("unreachable VEX format");
}

}  // namespace sbomhub::vex
