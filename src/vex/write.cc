// Writers for CycloneDX 1.6 VEX, OpenVEX 0.2.0 and CSAF 2.0 VEX. Output depends only on the
// document (no clock, no randomness): ids that must exist but are absent are derived from a
// SHA-256 of the statements.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <string>
#include <utility>

#include "base/json_writer.h"
#include "base/sha256.h"
#include "model/purl.h"
#include "vex/vex.h"

namespace sbomhub::vex {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

// A stable digest of what the statements say, for ids the source did not provide.
std::string StatementsDigest(const VexDocument& doc) {
  std::string text;
  for (const auto& st : doc.statements) {
    text += st.vulnerability;
    text += '\x1f';
    text += AnalysisStateName(st.state);
    for (const auto& p : st.products) {
      text += '\x1e' + p.ref.bom_ref + '\x1e' + p.ref.purl + '\x1e' + p.ref.cpe + '\x1e' + p.ref.native_id;
    }
    text += '\n';
  }
  return Sha256Hex(text);
}

// The component name a CycloneDX component needs: the purl's name when there is no name.
std::string ComponentName(const ProductRef& ref) {
  if (!ref.name.empty()) return ref.name;
  if (!ref.purl.empty()) {
    auto p = model::Purl::Parse(ref.purl, model::PurlParseMode::kLenient);
    if (p.ok()) return p->name;
    return ref.purl;
  }
  if (!ref.cpe.empty()) return ref.cpe;
  if (!ref.native_id.empty()) return ref.native_id;
  return ref.bom_ref;
}

bool IsBomLink(std::string_view ref) { return StartsWith(ref, "urn:cdx:"); }

// The ref a CycloneDX affects[] entry uses for `ref`.
std::string CdxRef(const ProductRef& ref) {
  if (!ref.bom_ref.empty()) return ref.bom_ref;
  if (!ref.purl.empty()) return ref.purl;
  if (!ref.cpe.empty()) return ref.cpe;
  if (!ref.native_id.empty()) return ref.native_id;
  return ref.name;
}

void WriteAliasReference(JsonWriter& w, const std::string& alias) {
  w.BeginObject().Field("id", alias).Key("source").BeginObject();
  // The source is the id's namespace ("GHSA", "CVE", "SNYK"): all an alias says about itself.
  auto dash = alias.find('-');
  if (dash != std::string::npos && dash > 0) w.Field("name", alias.substr(0, dash));
  w.EndObject().EndObject();
}

// ---- CycloneDX ----

// Targets CycloneDX can name: subcomponents replace their product (CycloneDX has no "inside").
std::vector<const ProductRef*> CdxTargets(const VexProduct& p) {
  std::vector<const ProductRef*> out;
  if (p.subcomponents.empty()) out.push_back(&p.ref);
  for (const auto& s : p.subcomponents) out.push_back(&s);
  return out;
}

}  // namespace

Result<std::string> WriteCycloneDxVex(const VexDocument& doc) {
  JsonWriter w;
  w.BeginObject();
  w.Field("bomFormat", "CycloneDX").Field("specVersion", "1.6");
  if (StartsWith(doc.id, "urn:uuid:")) w.Field("serialNumber", doc.id);
  int version = 1;
  if (!doc.version.empty() && std::all_of(doc.version.begin(), doc.version.end(),
                                          [](unsigned char c) { return std::isdigit(c) != 0; }) &&
      doc.version.size() < 9) {
    version = std::max(1, std::stoi(doc.version));
  }
  w.Field("version", version);
  if (!doc.timestamp.empty() || !doc.author.empty()) {
    w.Key("metadata").BeginObject();
    w.OptionalField("timestamp", doc.timestamp);
    if (!doc.author.empty()) {
      w.Key("authors").BeginArray().BeginObject().Field("name", doc.author).EndObject().EndArray();
    }
    w.EndObject();
  }

  // Components for targets identified by purl/CPE/name so every affects ref resolves in the BOM.
  std::map<std::string, bool> written;
  bool any_component = false;
  for (const auto& st : doc.statements) {
    for (const auto& p : st.products) {
      for (const ProductRef* ref : CdxTargets(p)) {
        std::string bom_ref = CdxRef(*ref);
        if (bom_ref.empty() || IsBomLink(bom_ref) || written.count(bom_ref) != 0) continue;
        written[bom_ref] = true;
        if (!any_component) {
          w.Key("components").BeginArray();
          any_component = true;
        }
        w.BeginObject().Field("type", "library").Field("bom-ref", bom_ref);
        w.Field("name", ComponentName(*ref));
        w.OptionalField("cpe", ref->cpe);
        w.OptionalField("purl", ref->purl);
        w.EndObject();
      }
    }
  }
  if (any_component) w.EndArray();

  w.Key("vulnerabilities").BeginArray();
  for (const auto& st : doc.statements) {
    w.BeginObject().Field("id", st.vulnerability);
    if (!st.aliases.empty()) {
      w.Key("references").BeginArray();
      for (const auto& a : st.aliases) WriteAliasReference(w, a);
      w.EndArray();
    }
    w.OptionalField("description", st.vulnerability_description);
    w.OptionalField("recommendation", st.action_statement);
    bool has_analysis = st.state != AnalysisState::kUnspecified || st.justification != Justification::kNone ||
                        !st.responses.empty() || !st.detail.empty() || !st.impact_statement.empty() ||
                        !st.timestamp.empty() || !st.last_updated.empty();
    if (has_analysis) {
      w.Key("analysis").BeginObject();
      w.OptionalField("state", AnalysisStateName(st.state));
      w.OptionalField("justification", JustificationName(st.justification));
      if (!st.responses.empty()) {
        w.Key("response").BeginArray();
        for (Response r : st.responses) w.String(ResponseName(r));
        w.EndArray();
      }
      // CycloneDX has one free-text field for the analysis; an impact statement is the detail.
      w.OptionalField("detail", st.detail.empty() ? st.impact_statement : st.detail);
      w.OptionalField("firstIssued", st.timestamp);
      w.OptionalField("lastUpdated", st.last_updated);
      w.EndObject();
    }
    if (!st.products.empty()) {
      w.Key("affects").BeginArray();
      for (const auto& p : st.products) {
        for (const ProductRef* ref : CdxTargets(p)) {
          w.BeginObject().Field("ref", CdxRef(*ref));
          if (!p.versions.empty()) {
            w.Key("versions").BeginArray();
            for (const auto& v : p.versions) {
              w.BeginObject();
              w.OptionalField("version", v.version);
              w.OptionalField("range", v.range);
              w.OptionalField("status", v.status);
              w.EndObject();
            }
            w.EndArray();
          }
          w.EndObject();
        }
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

namespace {

// ---- OpenVEX ----

void WriteOpenVexComponent(JsonWriter& w, const ProductRef& ref) {
  // @id: the most specific native name first, so reading it back restores the same fields.
  // A purl or CPE is the @id only when it looks like one, since the reader classifies @id by
  // its prefix; anything else stays in identifiers.
  std::string id = !ref.native_id.empty()                                ? ref.native_id
                   : StartsWith(ref.purl, "pkg:")                         ? ref.purl
                   : StartsWith(ref.cpe, "cpe:")                          ? ref.cpe
                   : !ref.bom_ref.empty()                                 ? ref.bom_ref
                   : ref.purl.empty() && ref.cpe.empty()                  ? ref.name
                                                                          : std::string();
  w.BeginObject();
  w.OptionalField("@id", id);
  bool purl_extra = !ref.purl.empty() && ref.purl != id;
  bool cpe_extra = !ref.cpe.empty() && ref.cpe != id;
  if (purl_extra || cpe_extra) {
    w.Key("identifiers").BeginObject();
    if (purl_extra) w.Field("purl", ref.purl);
    if (cpe_extra) w.Field(StartsWith(ref.cpe, "cpe:2.3:") ? "cpe23" : "cpe22", ref.cpe);
    w.EndObject();
  }
}

}  // namespace

Result<std::string> WriteOpenVex(const VexDocument& doc) {
  JsonWriter w;
  w.BeginObject();
  w.Field("@context", "https://openvex.dev/ns/v0.2.0");
  w.Field("@id", doc.id.empty() ? "https://openvex.dev/docs/public/vex-" + StatementsDigest(doc) : doc.id);
  // vexctl's spelling for a document whose author is not known; OpenVEX requires the member.
  w.Field("author", doc.author.empty() ? std::string("Unknown Author") : doc.author);
  w.OptionalField("role", doc.role);
  std::string timestamp = doc.timestamp;
  if (timestamp.empty() && !doc.statements.empty()) timestamp = doc.statements.front().timestamp;
  w.OptionalField("timestamp", timestamp);
  w.OptionalField("last_updated", doc.last_updated);
  int version = 1;
  if (!doc.version.empty() && doc.version.size() < 9 &&
      std::all_of(doc.version.begin(), doc.version.end(), [](unsigned char c) { return std::isdigit(c) != 0; })) {
    version = std::max(1, std::stoi(doc.version));
  }
  w.Field("version", version);
  w.Key("statements").BeginArray();
  for (const auto& st : doc.statements) {
    w.BeginObject();
    w.Key("vulnerability").BeginObject().Field("name", st.vulnerability);
    w.OptionalField("description", st.vulnerability_description);
    if (!st.aliases.empty()) {
      w.Key("aliases").BeginArray();
      for (const auto& a : st.aliases) w.String(a);
      w.EndArray();
    }
    w.EndObject();
    w.OptionalField("timestamp", st.timestamp);
    w.OptionalField("last_updated", st.last_updated);
    if (!st.products.empty()) {
      w.Key("products").BeginArray();
      for (const auto& p : st.products) {
        WriteOpenVexComponent(w, p.ref);
        if (!p.subcomponents.empty()) {
          w.Key("subcomponents").BeginArray();
          for (const auto& s : p.subcomponents) {
            WriteOpenVexComponent(w, s);
            w.EndObject();
          }
          w.EndArray();
        }
        w.EndObject();
      }
      w.EndArray();
    }
    OpenVexStatus status = OpenVexFromState(st.state);
    w.Field("status", OpenVexStatusName(status));
    if (auto label = LabelFromJustification(st.justification)) w.Field("justification", ImpactLabelName(*label));
    std::string impact = st.impact_statement;
    if (impact.empty() && st.state == AnalysisState::kFalsePositive) {
      // OpenVEX has no "false positive"; the statement carries it so the claim is not lost.
      impact = "The reported vulnerability is a false positive (CycloneDX analysis state false_positive).";
    }
    w.OptionalField("impact_statement", impact);
    w.OptionalField("action_statement", st.action_statement);
    w.OptionalField("status_notes", st.detail);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

namespace {

// ---- CSAF ----

std::string RemediationCategory(Response r) {
  switch (r) {
    case Response::kUpdate:
    case Response::kRollback: return "vendor_fix";  // CSAF has no rollback; it is a vendor fix
    case Response::kWorkaroundAvailable: return "workaround";
    case Response::kWillNotFix: return "no_fix_planned";
    case Response::kCanNotFix: return "none_available";
  }
  return "none_available";
}

bool IsCveId(std::string_view id) {
  if (!StartsWith(id, "CVE-") || id.size() < 13 || id[8] != '-') return false;
  for (std::size_t i = 4; i < id.size(); ++i) {
    if (i != 8 && std::isdigit(static_cast<unsigned char>(id[i])) == 0) return false;
  }
  return true;
}

std::string NamespaceFromId(std::string_view id) {
  if (!StartsWith(id, "https://")) return {};
  auto slash = id.find('/', 8);
  return std::string(id.substr(0, slash));
}

std::string RefKey(const ProductRef& r) {
  return r.bom_ref + '\x1f' + r.purl + '\x1f' + r.cpe + '\x1f' + r.name + '\x1f' + r.native_id;
}

// What the CSAF reader groups products by (see DecodeCsaf in read.cc).
std::string StatementKey(const VexStatement& st) {
  std::string key = std::string(AnalysisStateName(st.state)) + '\x1f' +
                    std::string(JustificationName(st.justification)) + '\x1f' + st.timestamp + '\x1f' +
                    st.impact_statement + '\x1f' + st.detail + '\x1f' + st.action_statement + '\x1f';
  for (Response r : st.responses) key += std::string(ResponseName(r)) + ",";
  return key;
}

struct CsafVulnGroup {
  std::string id;
  std::vector<std::size_t> statements;
};

}  // namespace

Result<std::string> WriteCsafVex(const VexDocument& doc) {
  std::string initial = doc.timestamp;
  if (initial.empty() && !doc.statements.empty()) initial = doc.statements.front().timestamp;
  if (initial.empty()) {
    return Status::InvalidArgument("CSAF needs a release date: the VEX document has no timestamp");
  }
  std::string current = doc.last_updated.empty() ? initial : doc.last_updated;
  std::string ns = doc.author_namespace.empty() ? NamespaceFromId(doc.id) : doc.author_namespace;
  if (ns.empty()) {
    return Status::InvalidArgument(
        "CSAF needs a publisher namespace URL: the VEX document has none and its id is not an https URL");
  }

  // Product ids: the source's own when it had them, else CSAFPID-0001… in first-seen order.
  std::map<std::string, std::string> product_ids;
  std::vector<const ProductRef*> products;
  std::map<std::string, bool> used_ids;
  for (const auto& st : doc.statements) {
    for (const auto& p : st.products) {
      if (!p.ref.native_id.empty()) used_ids[p.ref.native_id] = true;
      for (const auto& s : p.subcomponents) {
        if (!s.native_id.empty()) used_ids[s.native_id] = true;
      }
    }
  }
  std::size_t next = 1;
  auto product_id = [&](const ProductRef& r) -> const std::string& {
    std::string key = RefKey(r);
    auto it = product_ids.find(key);
    if (it != product_ids.end()) return it->second;
    std::string id = r.native_id;
    while (id.empty()) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "CSAFPID-%04zu", next++);
      if (used_ids.count(buf) == 0) id = buf;
    }
    products.push_back(&r);
    return product_ids.emplace(key, id).first->second;
  };
  // CSAF flattened: a statement about subcomponents names the subcomponents.
  auto targets = [](const VexProduct& p) {
    std::vector<const ProductRef*> out;
    if (p.subcomponents.empty()) out.push_back(&p.ref);
    for (const auto& s : p.subcomponents) out.push_back(&s);
    return out;
  };
  // One CSAF vulnerability per run of adjacent statements about the same vulnerability, split
  // where a product would appear twice (CSAF gives a product one status per vulnerability). This
  // is what the reader produces, so CSAF round trips are exact; scattered statements about one
  // vulnerability from other formats yield several entries with the same id (docs/vex.md).
  std::vector<CsafVulnGroup> vulns;
  std::map<std::string, bool> in_group;  // product ids of the current group
  bool group_closed = false;
  std::map<std::string, bool> group_keys;  // StatementKey of the current group's statements
  std::vector<CsafStatus> group_statuses;  // statuses of the current group, in order
  for (std::size_t i = 0; i < doc.statements.size(); ++i) {
    const auto& st = doc.statements[i];
    bool repeat = false;
    std::vector<std::string> ids;
    for (const auto& p : st.products) {
      for (const ProductRef* r : targets(p)) {
        const std::string& id = product_id(*r);
        if (in_group.count(id) != 0) repeat = true;
        ids.push_back(id);
      }
    }
    // The reader merges products with equal attributes into one statement and lists statements
    // status group by status group, so a group must not repeat a statement's attributes nor
    // return to a status it left. A statement without products (a CSAF vulnerability without
    // product status) stands alone.
    std::string key = StatementKey(st);
    CsafStatus status = CsafFromState(st.state);
    bool status_left = std::find(group_statuses.begin(), group_statuses.end(), status) != group_statuses.end() &&
                       group_statuses.back() != status;
    // Description and aliases are per CSAF vulnerability: statements that differ start a new one.
    const VexStatement* head = vulns.empty() ? nullptr : &doc.statements[vulns.back().statements.front()];
    bool other_vulnerability = head == nullptr || head->vulnerability != st.vulnerability ||
                               head->vulnerability_description != st.vulnerability_description ||
                               head->aliases != st.aliases;
    if (other_vulnerability || repeat || ids.empty() || group_closed || group_keys.count(key) != 0 || status_left) {
      vulns.push_back({st.vulnerability, {}});
      in_group.clear();
      group_keys.clear();
      group_statuses.clear();
    }
    group_closed = ids.empty();
    group_keys[key] = true;
    if (group_statuses.empty() || group_statuses.back() != status) group_statuses.push_back(status);
    for (auto& id : ids) in_group[id] = true;
    vulns.back().statements.push_back(i);
  }

  JsonWriter w;
  w.BeginObject();
  w.Key("document").BeginObject();
  w.Field("category", "csaf_vex").Field("csaf_version", "2.0");
  w.Key("notes").BeginArray().BeginObject();
  w.Field("category", "summary").Field("title", "VEX statements");
  w.Field("text", "Exploitability of " + std::to_string(vulns.size()) + " vulnerabilities in " +
                      std::to_string(products.size()) + " products (written by sbomhub from " +
                      std::string(VexFormatName(doc.format)) + " VEX).");
  w.EndObject().EndArray();
  w.Key("publisher").BeginObject();
  w.Field("category", "vendor").Field("name", doc.author.empty() ? ns : doc.author).Field("namespace", ns);
  w.EndObject();
  std::string tracking_id = doc.id.empty() ? "sbomhub-vex-" + StatementsDigest(doc).substr(0, 16) : doc.id;
  w.Field("title", doc.title.empty() ? "VEX " + tracking_id : doc.title);
  std::string version = doc.version;
  if (version.empty() || !std::all_of(version.begin(), version.end(), [](unsigned char c) {
        return std::isdigit(c) != 0 || c == '.';
      })) {
    version = "1";
  }
  w.Key("tracking").BeginObject();
  w.Field("current_release_date", current).Field("id", tracking_id).Field("initial_release_date", initial);
  w.Key("revision_history").BeginArray().BeginObject();
  w.Field("date", current).Field("number", version).Field("summary", "Current version.");
  w.EndObject().EndArray();
  w.Field("status", "final").Field("version", version);
  w.EndObject();
  w.EndObject();  // document

  w.Key("product_tree").BeginObject().Key("full_product_names").BeginArray();
  for (const ProductRef* r : products) {
    // A product without a name is named by its id: the reader drops a name equal to the id, so
    // the round trip stays exact (a purl or CPE as the name would come back as a name).
    const std::string& pid = product_ids[RefKey(*r)];
    w.BeginObject().Field("name", r->name.empty() ? pid : r->name).Field("product_id", pid);
    if (!r->purl.empty() || !r->cpe.empty()) {
      w.Key("product_identification_helper").BeginObject();
      w.OptionalField("cpe", r->cpe);
      w.OptionalField("purl", r->purl);
      w.EndObject();
    }
    w.EndObject();
  }
  w.EndArray().EndObject();

  w.Key("vulnerabilities").BeginArray();
  for (const auto& v : vulns) {
    const VexStatement& head = doc.statements[v.statements.front()];
    w.BeginObject();
    std::vector<std::string> ids;
    std::string cve;
    if (IsCveId(v.id)) cve = v.id;
    else ids.push_back(v.id);
    for (const auto& a : head.aliases) {
      if (cve.empty() && IsCveId(a)) cve = a;
      else if (a != cve) ids.push_back(a);
    }
    if (!cve.empty()) w.Field("cve", cve);
    if (!ids.empty()) {
      w.Key("ids").BeginArray();
      for (const auto& id : ids) {
        auto dash = id.find('-');
        w.BeginObject().Field("system_name", dash == std::string::npos || dash == 0 ? id : id.substr(0, dash));
        w.Field("text", id).EndObject();
      }
      w.EndArray();
    }
    if (!head.vulnerability_description.empty()) {
      w.Key("notes").BeginArray().BeginObject();
      w.Field("category", "description").Field("text", head.vulnerability_description).Field("title", "Description");
      w.EndObject().EndArray();
    }
    // Collect per statement: its product ids, then the groups in CSAF's fixed order.
    std::vector<std::vector<std::string>> pids(v.statements.size());
    for (std::size_t k = 0; k < v.statements.size(); ++k) {
      for (const auto& p : doc.statements[v.statements[k]].products) {
        for (const ProductRef* r : targets(p)) {
          const std::string& id = product_ids[RefKey(*r)];
          if (std::find(pids[k].begin(), pids[k].end(), id) == pids[k].end()) pids[k].push_back(id);
        }
      }
    }
    auto write_ids = [&](std::string_view key, const std::vector<std::string>& list) {
      w.Key(key).BeginArray();
      for (const auto& id : list) w.String(id);
      w.EndArray();
    };
    bool any_flag = false, any_threat = false, any_remediation = false;
    for (std::size_t k = 0; k < v.statements.size(); ++k) {
      const auto& st = doc.statements[v.statements[k]];
      if (pids[k].empty()) continue;
      if (LabelFromJustification(st.justification)) any_flag = true;
      if (!st.impact_statement.empty() || (st.state == AnalysisState::kNotAffected && !st.detail.empty())) any_threat = true;
      if (!st.responses.empty() || !st.action_statement.empty()) any_remediation = true;
    }
    if (any_flag) {
      w.Key("flags").BeginArray();
      for (std::size_t k = 0; k < v.statements.size(); ++k) {
        const auto& st = doc.statements[v.statements[k]];
        auto label = LabelFromJustification(st.justification);
        if (!label || pids[k].empty()) continue;
        w.BeginObject();
        w.OptionalField("date", st.timestamp);
        w.Field("label", ImpactLabelName(*label));
        write_ids("product_ids", pids[k]);
        w.EndObject();
      }
      w.EndArray();
    }
    w.Key("product_status").BeginObject();
    // Groups in the order statements first use them, so reading the output back yields the
    // statements in the same order.
    std::vector<CsafStatus> order;
    for (std::size_t k = 0; k < v.statements.size(); ++k) {
      CsafStatus s = CsafFromState(doc.statements[v.statements[k]].state);
      if (!pids[k].empty() && std::find(order.begin(), order.end(), s) == order.end()) order.push_back(s);
    }
    for (CsafStatus status : order) {
      std::vector<std::string> group;
      for (std::size_t k = 0; k < v.statements.size(); ++k) {
        if (CsafFromState(doc.statements[v.statements[k]].state) != status) continue;
        for (const auto& id : pids[k]) {
          if (std::find(group.begin(), group.end(), id) == group.end()) group.push_back(id);
        }
      }
      if (!group.empty()) write_ids(CsafStatusName(status), group);
    }
    w.EndObject();
    if (any_remediation) {
      w.Key("remediations").BeginArray();
      for (std::size_t k = 0; k < v.statements.size(); ++k) {
        const auto& st = doc.statements[v.statements[k]];
        if (pids[k].empty()) continue;
        std::vector<std::string> categories;
        for (Response r : st.responses) {
          std::string c = RemediationCategory(r);
          if (std::find(categories.begin(), categories.end(), c) == categories.end()) categories.push_back(c);
        }
        // An action statement without a response still needs a category; "none_available" is
        // CSAF's neutral one. Nothing is invented when there is neither: a known_affected product
        // then fails CSAF test 6.1.27.10 exactly as its source did (docs/vex.md).
        if (categories.empty() && !st.action_statement.empty()) categories.push_back("none_available");
        for (const auto& c : categories) {
          w.BeginObject().Field("category", c);
          w.Field("details", st.action_statement.empty() ? "Remediation category " + c +
                                                               " (no action statement in the source VEX)."
                                                         : st.action_statement);
          write_ids("product_ids", pids[k]);
          w.EndObject();
        }
      }
      w.EndArray();
    }
    if (any_threat) {
      w.Key("threats").BeginArray();
      for (std::size_t k = 0; k < v.statements.size(); ++k) {
        const auto& st = doc.statements[v.statements[k]];
        std::string impact = st.impact_statement;
        if (impact.empty() && st.state == AnalysisState::kNotAffected) impact = st.detail;
        if (impact.empty() || pids[k].empty()) continue;
        w.BeginObject().Field("category", "impact").Field("details", impact);
        write_ids("product_ids", pids[k]);
        w.EndObject();
      }
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

Result<std::string> WriteVex(const VexDocument& doc, VexFormat format) {
  switch (format) {
    case VexFormat::kCycloneDx: return WriteCycloneDxVex(doc);
    case VexFormat::kOpenVex: return WriteOpenVex(doc);
    case VexFormat::kCsaf: return WriteCsafVex(doc);
  }
  return Status::InvalidArgument("unknown VEX format");
}

}  // namespace sbomhub::vex
