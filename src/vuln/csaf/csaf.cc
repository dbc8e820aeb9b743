#include "vuln/csaf/csaf.h"

#include <unordered_set>
#include <utility>

#include <simdjson.h>

#include "base/file.h"
#include "base/text.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

const CsafProduct* CsafDocument::FindProduct(std::string_view product_id) const {
  auto it = product_index.find(std::string(product_id));
  return it == product_index.end() ? nullptr : &products[it->second];
}

namespace {

using Object = simdjson::dom::object;
using Element = simdjson::dom::element;

template <typename Fn>
void EachObject(JsonReader& r, Object o, std::string_view key, const JsonPath& at, Fn&& fn) {
  auto arr = r.ArrayMember(o, key, at);
  if (!arr) return;
  JsonPath here(at, key);
  std::size_t i = 0;
  for (Element e : *arr) {
    JsonPath p(here, i++);
    auto obj = r.AsObject(e, p);
    if (!obj) return;
    fn(*obj, p);
    if (r.failed()) return;
  }
}

std::string Str(JsonReader& r, Object o, std::string_view key, const JsonPath& at) {
  return std::string(r.String(o, key, at));
}

std::optional<ProductStatus> StatusOfCategory(std::string_view c) {
  if (c == "first_affected" || c == "known_affected" || c == "last_affected") return ProductStatus::kAffected;
  if (c == "fixed" || c == "first_fixed") return ProductStatus::kFixed;
  if (c == "known_not_affected") return ProductStatus::kNotAffected;
  if (c == "under_investigation") return ProductStatus::kUnderInvestigation;
  if (c == "recommended") return ProductStatus::kRecommended;
  return std::nullopt;
}

class Parser {
 public:
  explicit Parser(CsafDocument& doc) : doc_(doc) {}

  bool Parse(Element root) {
    JsonPath at;
    auto o = r_.AsObject(root, at);
    if (!o) return false;
    auto document = r_.ObjectMember(*o, "document", at);
    if (!document) {
      if (!r_.failed()) r_.Fail(at, "not a CSAF document: missing 'document'");
      return false;
    }
    JsonPath dp(at, "document");
    doc_.csaf_version = Str(r_, *document, "csaf_version", dp);
    if (r_.failed()) return false;
    if (doc_.csaf_version.empty()) {
      r_.Fail(dp, "not a CSAF document: missing 'csaf_version'");
      return false;
    }
    doc_.category = Str(r_, *document, "category", dp);
    doc_.title = Str(r_, *document, "title", dp);
    if (auto pub = r_.ObjectMember(*document, "publisher", dp)) {
      JsonPath pp(dp, "publisher");
      doc_.publisher_name = Str(r_, *pub, "name", pp);
      doc_.publisher_namespace = Str(r_, *pub, "namespace", pp);
    }
    if (auto tr = r_.ObjectMember(*document, "tracking", dp)) {
      JsonPath tp(dp, "tracking");
      doc_.tracking_id = Str(r_, *tr, "id", tp);
      doc_.tracking_status = Str(r_, *tr, "status", tp);
      doc_.tracking_version = Str(r_, *tr, "version", tp);
      doc_.initial_release_date = Str(r_, *tr, "initial_release_date", tp);
      doc_.current_release_date = Str(r_, *tr, "current_release_date", tp);
    }
    if (r_.failed()) return false;
    if (auto tree = r_.ObjectMember(*o, "product_tree", at)) ReadProductTree(*tree, JsonPath(at, "product_tree"));
    if (r_.failed()) return false;
    EachObject(r_, *o, "vulnerabilities", at, [&](Object v, const JsonPath& vp) { ReadVulnerability(v, vp); });
    return !r_.failed();
  }

  const std::string& error() const { return r_.error(); }

 private:
  void AddProduct(Object fpn, const JsonPath& p, CsafProduct extra = {}) {
    CsafProduct prod = std::move(extra);
    prod.product_id = Str(r_, fpn, "product_id", p);
    prod.name = Str(r_, fpn, "name", p);
    if (auto helper = r_.ObjectMember(fpn, "product_identification_helper", p)) {
      JsonPath hp(p, "product_identification_helper");
      prod.purl = Str(r_, *helper, "purl", hp);
      if (prod.purl.empty()) {
        std::vector<std::string> purls;
        r_.StringArray(*helper, "purls", hp, purls);
        if (!purls.empty()) prod.purl = std::move(purls[0]);
      }
      prod.cpe = Str(r_, *helper, "cpe", hp);
    }
    if (r_.failed()) return;
    if (prod.product_id.empty()) {
      r_.Fail(p, "product without product_id");
      return;
    }
    if (doc_.product_index.emplace(prod.product_id, doc_.products.size()).second) {
      doc_.products.push_back(std::move(prod));
    }
  }

  void ReadBranches(Object o, const JsonPath& at) {
    EachObject(r_, o, "branches", at, [&](Object b, const JsonPath& bp) {
      if (auto product = r_.ObjectMember(b, "product", bp)) AddProduct(*product, JsonPath(bp, "product"));
      if (!r_.failed()) ReadBranches(b, bp);
    });
  }

  void ReadProductTree(Object tree, const JsonPath& at) {
    ReadBranches(tree, at);
    EachObject(r_, tree, "full_product_names", at, [&](Object f, const JsonPath& fp) { AddProduct(f, fp); });
    EachObject(r_, tree, "relationships", at, [&](Object rel, const JsonPath& rp) {
      auto fpn = r_.ObjectMember(rel, "full_product_name", rp);
      if (!fpn) return;
      CsafProduct extra;
      extra.component_id = Str(r_, rel, "product_reference", rp);
      extra.platform_id = Str(r_, rel, "relates_to_product_reference", rp);
      std::size_t before = doc_.products.size();
      AddProduct(*fpn, JsonPath(rp, "full_product_name"), std::move(extra));
      if (doc_.products.size() == before) return;
      // Identification of the composite product comes from its component when it has none.
      CsafProduct& added = doc_.products.back();
      if (added.purl.empty() && added.cpe.empty()) {
        if (const CsafProduct* component = doc_.FindProduct(added.component_id)) {
          added.purl = component->purl;
          added.cpe = component->cpe;
        }
      }
    });
  }

  void ReadVulnerability(Object v, const JsonPath& at) {
    CsafVulnerability& out = doc_.vulnerabilities.emplace_back();
    out.cve = Str(r_, v, "cve", at);
    out.title = Str(r_, v, "title", at);
    out.discovery_date = Str(r_, v, "discovery_date", at);
    out.release_date = Str(r_, v, "release_date", at);
    EachObject(r_, v, "ids", at, [&](Object id, const JsonPath& ip) {
      out.ids.push_back({Str(r_, id, "system_name", ip), Str(r_, id, "text", ip)});
    });
    if (auto cwe = r_.ObjectMember(v, "cwe", at)) out.cwes.push_back(Str(r_, *cwe, "id", JsonPath(at, "cwe")));
    EachObject(r_, v, "cwes", at, [&](Object c, const JsonPath& cp) { out.cwes.push_back(Str(r_, c, "id", cp)); });
    std::string summary;
    EachObject(r_, v, "notes", at, [&](Object n, const JsonPath& np) {
      std::string_view category = r_.String(n, "category", np);
      if (category == "description" && out.description.empty()) out.description = Str(r_, n, "text", np);
      if (category == "summary" && summary.empty()) summary = Str(r_, n, "text", np);
    });
    if (out.description.empty()) out.description = std::move(summary);
    EachObject(r_, v, "references", at, [&](Object ref, const JsonPath& rp) {
      out.references.push_back({Str(r_, ref, "category", rp), Str(r_, ref, "url", rp)});
    });
    EachObject(r_, v, "scores", at, [&](Object s, const JsonPath& sp) {
      std::vector<std::string> products;
      r_.StringArray(s, "products", sp, products);
      static constexpr std::pair<std::string_view, SeverityType> kKinds[] = {
          {"cvss_v4", SeverityType::kCvssV4}, {"cvss_v3", SeverityType::kCvssV3}, {"cvss_v2", SeverityType::kCvssV2}};
      for (const auto& [key, type] : kKinds) {
        auto cvss = r_.ObjectMember(s, key, sp);
        if (!cvss) continue;
        JsonPath cp(sp, key);
        CsafScore score;
        score.product_ids = products;
        score.type = type;
        score.vector = Str(r_, *cvss, "vectorString", cp);
        score.base_score = r_.Number(*cvss, "baseScore", cp);
        out.scores.push_back(std::move(score));
      }
    });
    if (auto status = r_.ObjectMember(v, "product_status", at)) {
      JsonPath sp(at, "product_status");
      for (auto field : *status) {
        auto mapped = StatusOfCategory(field.key);
        if (!mapped) continue;  // unknown categories are ignored, not guessed
        CsafStatusGroup g;
        g.category = std::string(field.key);
        g.status = *mapped;
        JsonPath gp(sp, field.key);
        auto ids = r_.AsArray(field.value, gp);
        if (!ids) return;
        std::size_t i = 0;
        for (Element id : *ids) {
          std::string_view s = r_.AsString(id, JsonPath(gp, i++));
          if (r_.failed()) return;
          g.product_ids.emplace_back(s);
        }
        out.product_status.push_back(std::move(g));
      }
    }
    EachObject(r_, v, "remediations", at, [&](Object m, const JsonPath& mp) {
      CsafRemediation& rem = out.remediations.emplace_back();
      rem.category = Str(r_, m, "category", mp);
      rem.details = Str(r_, m, "details", mp);
      rem.url = Str(r_, m, "url", mp);
      r_.StringArray(m, "product_ids", mp, rem.product_ids);
      r_.StringArray(m, "group_ids", mp, rem.group_ids);
    });
    EachObject(r_, v, "flags", at, [&](Object f, const JsonPath& fp) {
      CsafFlag& flag = out.flags.emplace_back();
      flag.label = Str(r_, f, "label", fp);
      flag.date = Str(r_, f, "date", fp);
      r_.StringArray(f, "product_ids", fp, flag.product_ids);
      r_.StringArray(f, "group_ids", fp, flag.group_ids);
    });
    EachObject(r_, v, "threats", at, [&](Object t, const JsonPath& tp) {
      CsafThreat& threat = out.threats.emplace_back();
      threat.category = Str(r_, t, "category", tp);
      threat.details = Str(r_, t, "details", tp);
      r_.StringArray(t, "product_ids", tp, threat.product_ids);
    });
  }

  CsafDocument& doc_;
  JsonReader r_;
};

// "CVE-2023-1", "GHSA-xxxx", "RHSA-2023:7435": upper-case letters/digits, a dash, more text.
bool LooksLikeAdvisoryId(std::string_view s) {
  std::size_t dash = s.find('-');
  if (dash == std::string_view::npos || dash < 2 || dash + 1 >= s.size()) return false;
  for (std::size_t i = 0; i < dash; ++i) {
    char c = s[i];
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  }
  return s[0] >= 'A' && s[0] <= 'Z';
}

Result<CsafDocument> ParseWith(simdjson::dom::parser& parser, std::string_view bytes, bool padded) {
  Element root;
  auto err = parser.parse(bytes.data(), bytes.size(), !padded).get(root);
  if (err != simdjson::SUCCESS) return Status::ParseError(JsonErrorWithPosition(bytes, simdjson::error_message(err)));
  CsafDocument doc;
  Parser p(doc);
  if (!p.Parse(root)) {
    return Status::InvalidDocument((doc.tracking_id.empty() ? "" : doc.tracking_id + ": ") + p.error());
  }
  return doc;
}

}  // namespace

Result<CsafDocument> ParseCsaf(std::string_view json) {
  simdjson::dom::parser parser;
  return ParseWith(parser, json, false);
}

std::vector<Advisory> CsafToAdvisories(const CsafDocument& doc) {
  std::vector<Advisory> out;
  out.reserve(doc.vulnerabilities.size());
  std::size_t index = 0;
  for (const CsafVulnerability& v : doc.vulnerabilities) {
    ++index;
    Advisory a;
    a.source = AdvisorySource::kCsaf;
    a.schema_version = doc.csaf_version;
    a.source_id = doc.tracking_id;
    if (!v.cve.empty()) {
      a.id = v.cve;
    } else if (!v.ids.empty() && !v.ids[0].text.empty()) {
      a.id = v.ids[0].text;
    } else {
      a.id = doc.tracking_id + "#" + std::to_string(index);
    }
    for (const CsafId& id : v.ids) {
      if (id.text != a.id && LooksLikeAdvisoryId(id.text)) a.aliases.push_back(id.text);
    }
    a.modified = doc.current_release_date;
    a.published = v.release_date.empty() ? doc.initial_release_date : v.release_date;
    a.summary = v.title;
    a.details = v.description;
    for (const auto& c : v.cwes) {
      if (!c.empty()) a.cwes.push_back(c);
    }
    std::unordered_set<std::string_view> seen_vectors;
    for (const CsafScore& s : v.scores) {
      if (s.vector.empty() || !seen_vectors.insert(s.vector).second) continue;
      a.severities.push_back({s.type, s.vector, s.base_score, doc.publisher_name});
    }
    a.references = v.references;
    for (const CsafStatusGroup& g : v.product_status) {
      for (const std::string& pid : g.product_ids) {
        AffectedPackage& p = a.affected.emplace_back();
        p.product_id = pid;
        p.status = g.status;
        if (const CsafProduct* prod = doc.FindProduct(pid)) {
          p.name = prod->name;
          p.purl = prod->purl;
          p.cpe = prod->cpe;
        }
      }
    }
    out.push_back(std::move(a));
  }
  return out;
}

Status ParseCsafJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                     ImportStats& stats) {
  ++stats.files;
  auto doc = ParseCsaf(bytes);
  if (!doc.ok()) {
    stats.AddIssue(file, "", doc.status().message());
    return Status::Ok();
  }
  for (Advisory& a : CsafToAdvisories(*doc)) {
    ++stats.records;
    SBOMHUB_RETURN_IF_ERROR(callback(std::move(a)));
  }
  return Status::Ok();
}

Status ImportCsaf(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats) {
  simdjson::dom::parser parser;
  return ForEachFile(
      path, [](std::string_view n) { return EndsWith(n, ".json"); },
      [&](const std::string& file) {
        ++stats.files;
        auto bytes = ReadFile(file);
        if (!bytes.ok()) {
          stats.AddIssue(file, "", bytes.status().message());
          return Status::Ok();
        }
        auto doc = ParseWith(parser, *bytes, true);
        if (!doc.ok()) {
          stats.AddIssue(file, "", doc.status().message());
          return Status::Ok();
        }
        for (Advisory& a : CsafToAdvisories(*doc)) {
          ++stats.records;
          SBOMHUB_RETURN_IF_ERROR(callback(std::move(a)));
        }
        return Status::Ok();
      },
      stats);
}

}  // namespace sbomhub::vuln
