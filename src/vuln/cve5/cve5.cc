#include "vuln/cve5/cve5.h"

#include <algorithm>
#include <unordered_set>
#include <utility>

#include <simdjson.h>

#include "base/file.h"
#include "base/text.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

namespace {

using Object = simdjson::dom::object;
using Element = simdjson::dom::element;

// Iterates the objects of array member `key`; stops at the first error.
template <typename Fn>
bool EachObject(JsonReader& r, Object o, std::string_view key, const JsonPath& at, Fn&& fn) {
  auto arr = r.ArrayMember(o, key, at);
  if (!arr) return !r.failed();
  JsonPath here(at, key);
  std::size_t i = 0;
  for (Element e : *arr) {
    JsonPath p(here, i++);
    auto obj = r.AsObject(e, p);
    if (!obj) return false;
    fn(*obj, p);
    if (r.failed()) return false;
  }
  return true;
}

std::string Str(JsonReader& r, Object o, std::string_view key, const JsonPath& at) {
  return std::string(r.String(o, key, at));
}

void ReadMetrics(JsonReader& r, Object container, const JsonPath& at, const std::string& source, Advisory& a) {
  static constexpr std::pair<std::string_view, SeverityType> kKinds[] = {
      {"cvssV4_0", SeverityType::kCvssV4},
      {"cvssV3_1", SeverityType::kCvssV3},
      {"cvssV3_0", SeverityType::kCvssV3},
      {"cvssV2_0", SeverityType::kCvssV2},
  };
  EachObject(r, container, "metrics", at, [&](Object m, const JsonPath& mp) {
    for (const auto& [key, type] : kKinds) {
      auto data = r.ObjectMember(m, key, mp);
      if (!data) continue;
      JsonPath dp(mp, key);
      SeverityScore s;
      s.type = type;
      s.vector = Str(r, *data, "vectorString", dp);
      s.base_score = r.Number(*data, "baseScore", dp);
      s.source = source;
      a.severities.push_back(std::move(s));
    }
    auto other = r.ObjectMember(m, "other", mp);
    if (!other) return;
    JsonPath op(mp, "other");
    std::string_view type = r.String(*other, "type", op);
    auto content = r.ObjectMember(*other, "content", op);
    if (!content) return;
    JsonPath cp(op, "content");
    if (type == "kev") {
      a.kev_date_added = Str(r, *content, "dateAdded", cp);
    } else if (type == "ssvc") {
      SsvcDecision d;
      d.version = Str(r, *content, "version", cp);
      d.timestamp = Str(r, *content, "timestamp", cp);
      EachObject(r, *content, "options", cp, [&](Object opt, const JsonPath&) {
        // Each option is a one-member object: {"Exploitation": "active"}.
        for (auto field : opt) {
          std::string_view value;
          if (field.value.get(value) != simdjson::SUCCESS) continue;
          if (field.key == "Exploitation") {
            d.exploitation = std::string(value);
          } else if (field.key == "Automatable") {
            d.automatable = std::string(value);
          } else if (field.key == "Technical Impact") {
            d.technical_impact = std::string(value);
          }
        }
      });
      a.ssvc = std::move(d);
    }
  });
}

void ReadContainer(JsonReader& r, Object c, const JsonPath& at, const std::string& name, Advisory& a,
                   std::unordered_set<std::string>& seen_urls) {
  ReadMetrics(r, c, at, name, a);
  EachObject(r, c, "problemTypes", at, [&](Object pt, const JsonPath& pp) {
    EachObject(r, pt, "descriptions", pp, [&](Object d, const JsonPath& dp) {
      std::string_view cwe = r.String(d, "cweId", dp);
      if (StartsWith(cwe, "CWE-")) a.cwes.emplace_back(cwe);
    });
  });
  EachObject(r, c, "references", at, [&](Object ref, const JsonPath& rp) {
    std::string url = Str(r, ref, "url", rp);
    if (url.empty() || !seen_urls.insert(url).second) return;
    std::string tags;
    std::vector<std::string> list;
    r.StringArray(ref, "tags", rp, list);
    for (const auto& t : list) {
      if (!tags.empty()) tags.push_back(',');
      tags += t;
    }
    a.references.push_back({std::move(tags), std::move(url)});
  });
  EachObject(r, c, "affected", at, [&](Object af, const JsonPath& ap) {
    Cve5Affected& out = a.cve5_affected.emplace_back();
    out.container = name;
    out.vendor = Str(r, af, "vendor", ap);
    out.product = Str(r, af, "product", ap);
    out.package_name = Str(r, af, "packageName", ap);
    out.collection_url = Str(r, af, "collectionURL", ap);
    out.default_status = Str(r, af, "defaultStatus", ap);
    r.StringArray(af, "cpes", ap, out.cpes);
    EachObject(r, af, "versions", ap, [&](Object v, const JsonPath& vp) {
      out.versions.push_back({Str(r, v, "version", vp), Str(r, v, "lessThan", vp), Str(r, v, "lessThanOrEqual", vp),
                              Str(r, v, "status", vp), Str(r, v, "versionType", vp)});
    });
  });
}

bool ConvertRecord(JsonReader& r, Element root, Advisory& a) {
  JsonPath at;
  auto o = r.AsObject(root, at);
  if (!o) return false;
  a.source = AdvisorySource::kCve5;
  a.schema_version = Str(r, *o, "dataVersion", at);
  auto meta = r.ObjectMember(*o, "cveMetadata", at);
  if (!meta) {
    if (!r.failed()) r.Fail(at, "missing required member 'cveMetadata'");
    return false;
  }
  JsonPath mp(at, "cveMetadata");
  a.id = Str(r, *meta, "cveId", mp);
  if (r.failed()) return false;
  if (a.id.empty()) {
    r.Fail(mp, "missing required member 'cveId'");
    return false;
  }
  a.source_id = a.id;
  a.published = Str(r, *meta, "datePublished", mp);
  a.modified = Str(r, *meta, "dateUpdated", mp);
  if (r.String(*meta, "state", mp) == "REJECTED") {
    a.withdrawn = Str(r, *meta, "dateRejected", mp);
    if (a.withdrawn.empty()) a.withdrawn = a.modified.empty() ? "rejected" : a.modified;
  }
  auto containers = r.ObjectMember(*o, "containers", at);
  if (!containers) {
    if (!r.failed()) r.Fail(at, "missing required member 'containers'");
    return false;
  }
  JsonPath cp(at, "containers");
  std::unordered_set<std::string> seen_urls;
  if (auto cna = r.ObjectMember(*containers, "cna", cp)) {
    JsonPath np(cp, "cna");
    a.summary = Str(r, *cna, "title", np);
    EachObject(r, *cna, "descriptions", np, [&](Object d, const JsonPath& dp) {
      if (a.details.empty() && StartsWith(r.String(d, "lang", dp), "en")) a.details = Str(r, d, "value", dp);
    });
    if (a.details.empty()) {
      EachObject(r, *cna, "rejectedReasons", np, [&](Object d, const JsonPath& dp) {
        if (a.details.empty()) a.details = Str(r, d, "value", dp);
      });
    }
    std::string name = "cna";
    if (auto pm = r.ObjectMember(*cna, "providerMetadata", np)) {
      std::string_view short_name = r.String(*pm, "shortName", JsonPath(np, "providerMetadata"));
      if (!short_name.empty()) name = std::string(short_name);
    }
    ReadContainer(r, *cna, np, name, a, seen_urls);
    // Affected entries from the CNA are labelled "cna" whatever its name, so consumers can tell
    // the assigner's statement from ADP enrichment.
    for (auto& af : a.cve5_affected) af.container = "cna";
  }
  if (r.failed()) return false;
  EachObject(r, *containers, "adp", cp, [&](Object adp, const JsonPath& ap) {
    std::string name = "adp";
    if (auto pm = r.ObjectMember(adp, "providerMetadata", ap)) {
      std::string_view short_name = r.String(*pm, "shortName", JsonPath(ap, "providerMetadata"));
      if (!short_name.empty()) name = std::string(short_name);
    }
    ReadContainer(r, adp, ap, name, a, seen_urls);
  });
  std::sort(a.cwes.begin(), a.cwes.end());
  a.cwes.erase(std::unique(a.cwes.begin(), a.cwes.end()), a.cwes.end());
  return !r.failed();
}

std::string IdOf(Element e) {
  std::string_view id;
  if (e["cveMetadata"]["cveId"].get(id) == simdjson::SUCCESS) return std::string(id);
  return {};
}

Status Emit(Element e, const std::string& file, const AdvisoryCallback& callback, ImportStats& stats) {
  JsonReader r;
  Advisory a;
  if (!ConvertRecord(r, e, a)) {
    stats.AddIssue(file, IdOf(e), r.error());
    return Status::Ok();
  }
  ++stats.records;
  if (a.IsWithdrawn()) ++stats.withdrawn;
  return callback(std::move(a));
}

Status ParseDocument(simdjson::dom::parser& parser, std::string_view bytes, bool padded, const std::string& file,
                     const AdvisoryCallback& callback, ImportStats& stats) {
  ++stats.files;
  Element root;
  auto err = parser.parse(bytes.data(), bytes.size(), !padded).get(root);
  if (err != simdjson::SUCCESS) {
    stats.AddIssue(file, "", JsonErrorWithPosition(bytes, simdjson::error_message(err)));
    return Status::Ok();
  }
  simdjson::dom::array list;
  if (root.get(list) == simdjson::SUCCESS) {
    for (Element e : list) SBOMHUB_RETURN_IF_ERROR(Emit(e, file, callback, stats));
    return Status::Ok();
  }
  return Emit(root, file, callback, stats);
}

}  // namespace

Status ParseCve5Json(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                     ImportStats& stats) {
  thread_local simdjson::dom::parser parser;  // per thread, reused across files (see ParseNvdJson)
  return ParseDocument(parser, bytes, false, file, callback, stats);
}

Status ImportCve5(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats) {
  simdjson::dom::parser parser;
  return ForEachFile(
      path, [](std::string_view n) { return EndsWith(n, ".json"); },
      [&](const std::string& file) {
        auto bytes = ReadFile(file);
        if (!bytes.ok()) {
          ++stats.files;
          stats.AddIssue(file, "", bytes.status().message());
          return Status::Ok();
        }
        return ParseDocument(parser, *bytes, true, file, callback, stats);
      },
      stats);
}

}  // namespace sbomhub::vuln
