#include "vuln/nvd/nvd.h"

#include <algorithm>
#include <utility>

#include <simdjson.h>

#include "base/file.h"
#include "base/text.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

namespace {

using Object = simdjson::dom::object;
using Element = simdjson::dom::element;

constexpr std::string_view kNvdSource = "nvd@nist.gov";

void AddCwe(std::string_view value, std::vector<std::string>& out) {
  if (StartsWith(value, "CWE-")) out.emplace_back(value);
}

void SortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

std::string JoinTags(JsonReader& r, Object o, const JsonPath& at) {
  std::string out;
  auto tags = r.ArrayMember(o, "tags", at);
  if (!tags) return out;
  JsonPath tp(at, "tags");
  std::size_t i = 0;
  for (Element t : *tags) {
    std::string_view s = r.AsString(t, JsonPath(tp, i++));
    if (r.failed()) break;
    if (!out.empty()) out.push_back(',');
    out.append(s);
  }
  return out;
}

// ---- API / feeds 2.0 --------------------------------------------------------------------------

void ReadMatch20(JsonReader& r, Object m, const JsonPath& p, CpeMatch& cm) {
  cm.vulnerable = r.Bool(m, "vulnerable", p).value_or(true);
  cm.criteria = std::string(r.String(m, "criteria", p));
  cm.version_start_including = std::string(r.String(m, "versionStartIncluding", p));
  cm.version_start_excluding = std::string(r.String(m, "versionStartExcluding", p));
  cm.version_end_including = std::string(r.String(m, "versionEndIncluding", p));
  cm.version_end_excluding = std::string(r.String(m, "versionEndExcluding", p));
  cm.match_criteria_id = std::string(r.String(m, "matchCriteriaId", p));
  if (!r.failed() && cm.criteria.empty()) r.Fail(p, "cpeMatch without criteria");
}

CpeOperator ReadOperator(JsonReader& r, Object o, const JsonPath& p) {
  std::string_view op = r.String(o, "operator", p);
  if (op.empty() || op == "OR") return CpeOperator::kOr;
  if (op == "AND") return CpeOperator::kAnd;
  r.Fail(JsonPath(p, "operator"), "operator must be AND or OR, not '" + Excerpt(op) + "'");
  return CpeOperator::kOr;
}

void ReadNode20(JsonReader& r, Object o, const JsonPath& p, CpeNode& node) {
  node.op = ReadOperator(r, o, p);
  node.negate = r.Bool(o, "negate", p).value_or(false);
  if (auto matches = r.ArrayMember(o, "cpeMatch", p)) {
    JsonPath mp(p, "cpeMatch");
    std::size_t i = 0;
    node.matches.reserve(matches->size());
    for (Element e : *matches) {
      JsonPath ip(mp, i++);
      auto mo = r.AsObject(e, ip);
      if (!mo) return;
      ReadMatch20(r, *mo, ip, node.matches.emplace_back());
      if (r.failed()) return;
    }
  }
}

bool ConvertCve20(JsonReader& r, Object cve, const JsonPath& at, Advisory& a) {
  a.source = AdvisorySource::kNvd;
  a.id = std::string(r.String(cve, "id", at));
  if (r.failed()) return false;
  if (a.id.empty()) {
    r.Fail(at, "missing required member 'id'");
    return false;
  }
  a.source_id = a.id;
  a.published = std::string(r.String(cve, "published", at));
  a.modified = std::string(r.String(cve, "lastModified", at));
  if (r.String(cve, "vulnStatus", at) == "Rejected") a.withdrawn = a.modified.empty() ? "rejected" : a.modified;
  a.kev_date_added = std::string(r.String(cve, "cisaExploitAdd", at));
  if (auto descs = r.ArrayMember(cve, "descriptions", at)) {
    JsonPath dp(at, "descriptions");
    std::size_t i = 0;
    for (Element e : *descs) {
      JsonPath ip(dp, i++);
      auto d = r.AsObject(e, ip);
      if (!d) return false;
      if (r.String(*d, "lang", ip) == "en" && a.details.empty()) a.details = std::string(r.String(*d, "value", ip));
    }
  }
  if (auto metrics = r.ObjectMember(cve, "metrics", at)) {
    JsonPath mp(at, "metrics");
    static constexpr std::pair<std::string_view, SeverityType> kKinds[] = {
        {"cvssMetricV40", SeverityType::kCvssV4},
        {"cvssMetricV31", SeverityType::kCvssV3},
        {"cvssMetricV30", SeverityType::kCvssV3},
        {"cvssMetricV2", SeverityType::kCvssV2},
    };
    for (const auto& [key, type] : kKinds) {
      auto list = r.ArrayMember(*metrics, key, mp);
      if (!list) continue;
      JsonPath lp(mp, key);
      std::size_t i = 0;
      for (Element e : *list) {
        JsonPath ip(lp, i++);
        auto m = r.AsObject(e, ip);
        if (!m) return false;
        auto data = r.ObjectMember(*m, "cvssData", ip);
        if (!data) continue;
        JsonPath cp(ip, "cvssData");
        SeverityScore s;
        s.type = type;
        s.vector = std::string(r.String(*data, "vectorString", cp));
        s.base_score = r.Number(*data, "baseScore", cp);
        s.source = std::string(r.String(*m, "source", ip));
        a.severities.push_back(std::move(s));
      }
    }
  }
  if (auto weaknesses = r.ArrayMember(cve, "weaknesses", at)) {
    JsonPath wp(at, "weaknesses");
    std::size_t i = 0;
    for (Element e : *weaknesses) {
      JsonPath ip(wp, i++);
      auto w = r.AsObject(e, ip);
      if (!w) return false;
      auto descs = r.ArrayMember(*w, "description", ip);
      if (!descs) continue;
      JsonPath dp(ip, "description");
      std::size_t j = 0;
      for (Element d : *descs) {
        JsonPath jp(dp, j++);
        auto dobj = r.AsObject(d, jp);
        if (!dobj) return false;
        AddCwe(r.String(*dobj, "value", jp), a.cwes);
      }
    }
    SortUnique(a.cwes);
  }
  if (auto configs = r.ArrayMember(cve, "configurations", at)) {
    JsonPath cp(at, "configurations");
    std::size_t i = 0;
    for (Element e : *configs) {
      JsonPath ip(cp, i++);
      auto c = r.AsObject(e, ip);
      if (!c) return false;
      CpeNode config;
      config.op = ReadOperator(r, *c, ip);
      config.negate = r.Bool(*c, "negate", ip).value_or(false);
      bool plain = r.String(*c, "operator", ip).empty() && !config.negate;
      if (auto nodes = r.ArrayMember(*c, "nodes", ip)) {
        JsonPath np(ip, "nodes");
        std::size_t j = 0;
        for (Element n : *nodes) {
          JsonPath jp(np, j++);
          auto no = r.AsObject(n, jp);
          if (!no) return false;
          ReadNode20(r, *no, jp, config.children.emplace_back());
          if (r.failed()) return false;
        }
      }
      if (plain && config.children.size() == 1) {
        a.cpe_configurations.push_back(std::move(config.children[0]));
      } else {
        a.cpe_configurations.push_back(std::move(config));
      }
    }
  }
  if (auto refs = r.ArrayMember(cve, "references", at)) {
    JsonPath rp(at, "references");
    std::size_t i = 0;
    a.references.reserve(refs->size());
    for (Element e : *refs) {
      JsonPath ip(rp, i++);
      auto ro = r.AsObject(e, ip);
      if (!ro) return false;
      Reference ref;
      ref.url = std::string(r.String(*ro, "url", ip));
      ref.type = JoinTags(r, *ro, ip);
      a.references.push_back(std::move(ref));
    }
  }
  return !r.failed();
}

// ---- legacy feeds 1.1 -------------------------------------------------------------------------

void ReadNode11(JsonReader& r, Object o, const JsonPath& p, CpeNode& node) {
  node.op = ReadOperator(r, o, p);
  node.negate = r.Bool(o, "negate", p).value_or(false);
  if (auto matches = r.ArrayMember(o, "cpe_match", p)) {
    JsonPath mp(p, "cpe_match");
    std::size_t i = 0;
    node.matches.reserve(matches->size());
    for (Element e : *matches) {
      JsonPath ip(mp, i++);
      auto m = r.AsObject(e, ip);
      if (!m) return;
      CpeMatch& cm = node.matches.emplace_back();
      cm.vulnerable = r.Bool(*m, "vulnerable", ip).value_or(true);
      cm.criteria = std::string(r.String(*m, "cpe23Uri", ip));
      cm.version_start_including = std::string(r.String(*m, "versionStartIncluding", ip));
      cm.version_start_excluding = std::string(r.String(*m, "versionStartExcluding", ip));
      cm.version_end_including = std::string(r.String(*m, "versionEndIncluding", ip));
      cm.version_end_excluding = std::string(r.String(*m, "versionEndExcluding", ip));
      if (r.failed()) return;
      if (cm.criteria.empty()) {
        r.Fail(ip, "cpe_match without cpe23Uri");
        return;
      }
    }
  }
  if (auto children = r.ArrayMember(o, "children", p)) {
    JsonPath cp(p, "children");
    std::size_t i = 0;
    for (Element e : *children) {
      JsonPath ip(cp, i++);
      auto c = r.AsObject(e, ip);
      if (!c) return;
      ReadNode11(r, *c, ip, node.children.emplace_back());
      if (r.failed()) return;
    }
  }
}

bool ConvertItem11(JsonReader& r, Object item, const JsonPath& at, Advisory& a) {
  a.source = AdvisorySource::kNvd;
  auto cve = r.ObjectMember(item, "cve", at);
  if (!cve) {
    if (!r.failed()) r.Fail(at, "missing required member 'cve'");
    return false;
  }
  JsonPath cp(at, "cve");
  if (auto meta = r.ObjectMember(*cve, "CVE_data_meta", cp)) a.id = std::string(r.String(*meta, "ID", JsonPath(cp, "CVE_data_meta")));
  if (r.failed()) return false;
  if (a.id.empty()) {
    r.Fail(cp, "missing CVE_data_meta.ID");
    return false;
  }
  a.source_id = a.id;
  a.published = std::string(r.String(item, "publishedDate", at));
  a.modified = std::string(r.String(item, "lastModifiedDate", at));
  if (auto desc = r.ObjectMember(*cve, "description", cp)) {
    JsonPath dp(cp, "description");
    if (auto data = r.ArrayMember(*desc, "description_data", dp)) {
      JsonPath ddp(dp, "description_data");
      std::size_t i = 0;
      for (Element e : *data) {
        JsonPath ip(ddp, i++);
        auto d = r.AsObject(e, ip);
        if (!d) return false;
        if (r.String(*d, "lang", ip) == "en" && a.details.empty()) a.details = std::string(r.String(*d, "value", ip));
      }
    }
  }
  if (StartsWith(a.details, "** REJECT **")) a.withdrawn = a.modified.empty() ? "rejected" : a.modified;
  if (auto pt = r.ObjectMember(*cve, "problemtype", cp)) {
    JsonPath pp(cp, "problemtype");
    if (auto data = r.ArrayMember(*pt, "problemtype_data", pp)) {
      JsonPath dp(pp, "problemtype_data");
      std::size_t i = 0;
      for (Element e : *data) {
        JsonPath ip(dp, i++);
        auto d = r.AsObject(e, ip);
        if (!d) return false;
        auto descs = r.ArrayMember(*d, "description", ip);
        if (!descs) continue;
        JsonPath xp(ip, "description");
        std::size_t j = 0;
        for (Element x : *descs) {
          JsonPath jp(xp, j++);
          auto xo = r.AsObject(x, jp);
          if (!xo) return false;
          AddCwe(r.String(*xo, "value", jp), a.cwes);
        }
      }
      SortUnique(a.cwes);
    }
  }
  if (auto refs = r.ObjectMember(*cve, "references", cp)) {
    JsonPath rp(cp, "references");
    if (auto data = r.ArrayMember(*refs, "reference_data", rp)) {
      JsonPath dp(rp, "reference_data");
      std::size_t i = 0;
      a.references.reserve(data->size());
      for (Element e : *data) {
        JsonPath ip(dp, i++);
        auto ro = r.AsObject(e, ip);
        if (!ro) return false;
        Reference ref;
        ref.url = std::string(r.String(*ro, "url", ip));
        ref.type = JoinTags(r, *ro, ip);
        a.references.push_back(std::move(ref));
      }
    }
  }
  if (auto impact = r.ObjectMember(item, "impact", at)) {
    JsonPath ip(at, "impact");
    struct Kind {
      std::string_view metric, data;
      SeverityType type;
    };
    static constexpr Kind kKinds[] = {{"baseMetricV3", "cvssV3", SeverityType::kCvssV3},
                                      {"baseMetricV2", "cvssV2", SeverityType::kCvssV2}};
    for (const auto& k : kKinds) {
      auto m = r.ObjectMember(*impact, k.metric, ip);
      if (!m) continue;
      JsonPath mp(ip, k.metric);
      auto data = r.ObjectMember(*m, k.data, mp);
      if (!data) continue;
      JsonPath dp(mp, k.data);
      SeverityScore s;
      s.type = k.type;
      s.vector = std::string(r.String(*data, "vectorString", dp));
      s.base_score = r.Number(*data, "baseScore", dp);
      s.source = std::string(kNvdSource);
      a.severities.push_back(std::move(s));
    }
  }
  if (auto configs = r.ObjectMember(item, "configurations", at)) {
    JsonPath gp(at, "configurations");
    if (auto nodes = r.ArrayMember(*configs, "nodes", gp)) {
      JsonPath np(gp, "nodes");
      std::size_t i = 0;
      for (Element e : *nodes) {
        JsonPath ip(np, i++);
        auto n = r.AsObject(e, ip);
        if (!n) return false;
        ReadNode11(r, *n, ip, a.cpe_configurations.emplace_back());
        if (r.failed()) return false;
      }
    }
  }
  return !r.failed();
}

// ---- documents --------------------------------------------------------------------------------

std::string IdOf20(Element item) {
  std::string_view id;
  if (item["cve"]["id"].get(id) == simdjson::SUCCESS || item["id"].get(id) == simdjson::SUCCESS) return std::string(id);
  return {};
}
std::string IdOf11(Element item) {
  std::string_view id;
  if (item["cve"]["CVE_data_meta"]["ID"].get(id) == simdjson::SUCCESS) return std::string(id);
  return {};
}

Status Emit(bool ok, Advisory&& a, const JsonReader& r, const std::string& file, std::string id,
            const AdvisoryCallback& callback, ImportStats& stats) {
  if (!ok) {
    stats.AddIssue(file, std::move(id), r.error());
    return Status::Ok();
  }
  ++stats.records;
  if (a.IsWithdrawn()) ++stats.withdrawn;
  return callback(std::move(a));
}

std::uint64_t Uint(Object o, std::string_view key) {
  std::uint64_t v = 0;
  if (o[key].get(v) != simdjson::SUCCESS) return 0;
  return v;
}

Status ParseDocument(simdjson::dom::parser& parser, std::string_view bytes, bool padded, const std::string& file,
                     const AdvisoryCallback& callback, ImportStats& stats, NvdPage* page) {
  ++stats.files;
  Element root;
  auto err = parser.parse(bytes.data(), bytes.size(), /*realloc_if_needed=*/!padded).get(root);
  if (err != simdjson::SUCCESS) {
    stats.AddIssue(file, "", JsonErrorWithPosition(bytes, simdjson::error_message(err)));
    return Status::Ok();
  }
  Object doc;
  if (root.get(doc) != simdjson::SUCCESS) {
    stats.AddIssue(file, "", "not an NVD CVE document: the top level is not an object");
    return Status::Ok();
  }
  JsonPath at;
  simdjson::dom::array list;
  if (doc["vulnerabilities"].get(list) == simdjson::SUCCESS) {
    if (page != nullptr) {
      page->present = true;
      page->results_per_page = Uint(doc, "resultsPerPage");
      page->start_index = Uint(doc, "startIndex");
      page->total_results = Uint(doc, "totalResults");
    }
    JsonPath lp(at, "vulnerabilities");
    std::size_t i = 0;
    for (Element item : list) {
      JsonPath ip(lp, i++);
      JsonReader r;
      Advisory a;
      bool ok = false;
      if (auto io = r.AsObject(item, ip)) {
        if (auto cve = r.ObjectMember(*io, "cve", ip)) {
          ok = ConvertCve20(r, *cve, JsonPath(ip, "cve"), a);
        } else if (!r.failed()) {
          r.Fail(ip, "missing required member 'cve'");
        }
      }
      SBOMHUB_RETURN_IF_ERROR(Emit(ok, std::move(a), r, file, IdOf20(item), callback, stats));
    }
    return Status::Ok();
  }
  if (doc["CVE_Items"].get(list) == simdjson::SUCCESS) {
    JsonPath lp(at, "CVE_Items");
    std::size_t i = 0;
    for (Element item : list) {
      JsonPath ip(lp, i++);
      JsonReader r;
      Advisory a;
      bool ok = false;
      if (auto io = r.AsObject(item, ip)) ok = ConvertItem11(r, *io, ip, a);
      SBOMHUB_RETURN_IF_ERROR(Emit(ok, std::move(a), r, file, IdOf11(item), callback, stats));
    }
    return Status::Ok();
  }
  Object cve;
  if (doc["cve"].get(cve) == simdjson::SUCCESS) {
    JsonReader r;
    Advisory a;
    bool ok = cve["CVE_data_meta"].error() == simdjson::SUCCESS ? ConvertItem11(r, doc, at, a)
                                                               : ConvertCve20(r, cve, JsonPath(at, "cve"), a);
    return Emit(ok, std::move(a), r, file, cve["CVE_data_meta"].error() == simdjson::SUCCESS ? IdOf11(root) : IdOf20(root),
                callback, stats);
  }
  if (doc["id"].error() == simdjson::SUCCESS &&
      (doc["descriptions"].error() == simdjson::SUCCESS || doc["sourceIdentifier"].error() == simdjson::SUCCESS)) {
    JsonReader r;
    Advisory a;
    bool ok = ConvertCve20(r, doc, at, a);
    return Emit(ok, std::move(a), r, file, IdOf20(root), callback, stats);
  }
  for (std::string_view other : {"products", "matchStrings", "cveChanges"}) {
    if (doc[other].error() == simdjson::SUCCESS) {
      stats.AddIssue(file, "", "NVD API response with '" + std::string(other) + "', not CVE records");
      return Status::Ok();
    }
  }
  stats.AddIssue(file, "", "not an NVD CVE document (no 'vulnerabilities', 'CVE_Items' or 'cve')");
  return Status::Ok();
}

bool IsNvdName(std::string_view n) { return EndsWith(n, ".json") || EndsWith(n, ".json.gz"); }

}  // namespace

Status ParseNvdJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats, NvdPage* page) {
  // One parser per thread, reused: its buffers grow once instead of per file. The callback must
  // not parse NVD JSON itself (it would reuse the DOM it is reading).
  thread_local simdjson::dom::parser parser;
  return ParseDocument(parser, bytes, /*padded=*/false, file, callback, stats, page);
}

Status ImportNvd(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats) {
  simdjson::dom::parser parser;
  return ForEachFile(
      path, IsNvdName,
      [&](const std::string& file) {
        auto bytes = ReadFile(file);
        if (!bytes.ok()) {
          ++stats.files;
          stats.AddIssue(file, "", bytes.status().message());
          return Status::Ok();
        }
        if (EndsWith(file, ".gz")) {
          auto plain = Decompress(*bytes, file);
          if (!plain.ok()) {
            ++stats.files;
            stats.AddIssue(file, "", plain.status().message());
            return Status::Ok();
          }
          return ParseDocument(parser, *plain, /*padded=*/true, file, callback, stats, nullptr);
        }
        return ParseDocument(parser, *bytes, /*padded=*/true, file, callback, stats, nullptr);
      },
      stats);
}

}  // namespace sbomhub::vuln
