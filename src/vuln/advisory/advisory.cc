#include "vuln/advisory/advisory.h"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <unordered_map>
#include <utility>

#include <simdjson.h>

#include "base/json_writer.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

namespace {

template <typename E, std::size_t N>
std::optional<E> FindByName(const std::array<std::string_view, N>& names, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i) {
    if (names[i] == name) return static_cast<E>(i);
  }
  return std::nullopt;
}

constexpr std::array<std::string_view, 5> kSourceNames = {"osv", "nvd", "cve5", "csaf", "npm-legacy"};
constexpr std::array<std::string_view, 5> kSeverityNames = {"CVSS_V2", "CVSS_V3", "CVSS_V4", "Ubuntu", "OTHER"};
constexpr std::array<std::string_view, 3> kRangeNames = {"SEMVER", "ECOSYSTEM", "GIT"};
constexpr std::array<std::string_view, 4> kEventNames = {"introduced", "fixed", "last_affected", "limit"};
constexpr std::array<std::string_view, 5> kStatusNames = {"affected", "fixed", "not_affected",
                                                          "under_investigation", "recommended"};

}  // namespace

std::string_view AdvisorySourceName(AdvisorySource s) { return kSourceNames[static_cast<std::size_t>(s)]; }
std::optional<AdvisorySource> ParseAdvisorySource(std::string_view name) {
  return FindByName<AdvisorySource>(kSourceNames, name);
}
std::string_view SeverityTypeName(SeverityType t) { return kSeverityNames[static_cast<std::size_t>(t)]; }
std::optional<SeverityType> ParseSeverityType(std::string_view name) {
  return FindByName<SeverityType>(kSeverityNames, name);
}
SeverityType SeverityTypeFromVector(std::string_view v) {
  if (v.starts_with("CVSS:4")) return SeverityType::kCvssV4;
  if (v.starts_with("CVSS:3")) return SeverityType::kCvssV3;
  if (v.starts_with("AV:") || v.starts_with("(AV:")) return SeverityType::kCvssV2;
  return SeverityType::kOther;
}
std::string_view RangeTypeName(RangeType t) { return kRangeNames[static_cast<std::size_t>(t)]; }
std::optional<RangeType> ParseRangeType(std::string_view name) { return FindByName<RangeType>(kRangeNames, name); }
std::string_view EventKindName(EventKind k) { return kEventNames[static_cast<std::size_t>(k)]; }
std::optional<EventKind> ParseEventKind(std::string_view name) { return FindByName<EventKind>(kEventNames, name); }
std::string_view ProductStatusName(ProductStatus s) { return kStatusNames[static_cast<std::size_t>(s)]; }
std::optional<ProductStatus> ParseProductStatus(std::string_view name) {
  return FindByName<ProductStatus>(kStatusNames, name);
}
std::string_view CpeOperatorName(CpeOperator op) { return op == CpeOperator::kAnd ? "AND" : "OR"; }

// ---------------------------------------------------------------------------------------------
// Serialization. Short member names keep stored rows small; the layout:
//   {"v":1,"id","src","sid","schema","mod","pub","wd","aliases":[],"related":[],"summary",
//    "details","sev":[{"t","vec","score","by"}],"cwe":[],"refs":[{"t","url"}],
//    "aff":[{"eco","name","purl","cpe","pid","st","ranges":[{"t","repo","ev":[{"k","v"}]}],
//            "vers":[],"npm","npm_fix","eco_spec"(raw),"db_spec"(raw)}],
//    "cpe":[node{"op","neg","m":[{"vuln","c","si","se","ei","ee","id"}],"ch":[node]}],
//    "c5":[{"ct","vendor","product","pkg","coll","cpes":[],"vers":[{"v","lt","lte","st","vt"}],"def"}],
//    "ssvc":{"e","a","ti","ver","ts"},"kev"}
namespace {

// Writes the storage layout above: compact JSON byte for byte as JsonWriter(pretty=false) would
// write it, but member names are constants without characters to escape, so they are copied
// as they are (escaping and the writer's nesting bookkeeping for ~35 names per record were a
// third of the serialization cost of an import). Values still go through
// JsonWriter::AppendEscaped.
class RecordWriter {
 public:
  explicit RecordWriter(std::size_t expected_bytes) { out_.reserve(expected_bytes); }

  RecordWriter& BeginObject() { return Open('{'); }
  RecordWriter& EndObject() { return Close('}'); }
  RecordWriter& BeginArray() { return Open('['); }
  RecordWriter& EndArray() { return Close(']'); }
  // `name` must need no escaping (a constant of this file).
  RecordWriter& Key(std::string_view name) {
    if (need_comma_) out_ += ',';
    out_ += '"';
    out_ += name;
    out_ += "\":";
    need_comma_ = false;
    return *this;
  }
  RecordWriter& String(std::string_view value) {
    Separate();
    JsonWriter::AppendEscaped(out_, value);
    return *this;
  }
  RecordWriter& Bool(bool value) {
    Separate();
    out_ += value ? "true" : "false";
    return *this;
  }
  RecordWriter& Int(std::int64_t value) {
    Separate();
    char buf[32];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, value).ptr);
    return *this;
  }
  RecordWriter& Double(double value) {
    Separate();
    if (!std::isfinite(value)) {
      out_ += "null";
      return *this;
    }
    char buf[64];
    out_.append(buf, std::to_chars(buf, buf + sizeof buf, value).ptr);
    return *this;
  }
  RecordWriter& Field(std::string_view name, std::string_view value) { return Key(name).String(value); }
  RecordWriter& OptionalField(std::string_view name, std::string_view value) {
    if (!value.empty()) Key(name).String(value);
    return *this;
  }
  std::string Take() { return std::move(out_); }

 private:
  // A value inside an array follows a comma unless it is the first; after a key none is due.
  void Separate() {
    if (need_comma_) out_ += ',';
    need_comma_ = true;
  }
  RecordWriter& Open(char c) {
    Separate();
    out_ += c;
    need_comma_ = false;
    return *this;
  }
  RecordWriter& Close(char c) {
    out_ += c;
    need_comma_ = true;
    return *this;
  }

  std::string out_;
  bool need_comma_ = false;
};

void WriteStrings(RecordWriter& w, std::string_view key, const std::vector<std::string>& v) {
  if (v.empty()) return;
  w.Key(key).BeginArray();
  for (const auto& s : v) w.String(s);
  w.EndArray();
}

void WriteCpeNode(RecordWriter& w, const CpeNode& n) {
  w.BeginObject();
  if (n.op == CpeOperator::kAnd) w.Field("op", "AND");
  if (n.negate) w.Key("neg").Bool(true);
  if (!n.matches.empty()) {
    w.Key("m").BeginArray();
    for (const auto& m : n.matches) {
      w.BeginObject();
      if (!m.vulnerable) w.Key("vuln").Bool(false);
      w.OptionalField("c", m.criteria)
          .OptionalField("si", m.version_start_including)
          .OptionalField("se", m.version_start_excluding)
          .OptionalField("ei", m.version_end_including)
          .OptionalField("ee", m.version_end_excluding)
          .OptionalField("id", m.match_criteria_id);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!n.children.empty()) {
    w.Key("ch").BeginArray();
    for (const auto& c : n.children) WriteCpeNode(w, c);
    w.EndArray();
  }
  w.EndObject();
}

// Room for the record without regrowing in nearly every case: the long texts plus a margin for
// the rest (the average stored record is ~1.3 KB).
std::size_t ExpectedRecordBytes(const Advisory& a) {
  std::size_t n = 512 + a.summary.size() + a.details.size();
  for (const auto& p : a.affected) n += 64 + p.versions.size() * 12 + p.database_specific.size() + p.ecosystem_specific.size();
  n += a.references.size() * 96;
  return n;
}

}  // namespace

std::string AdvisoryToJson(const Advisory& a) {
  RecordWriter w(ExpectedRecordBytes(a));
  w.BeginObject();
  w.Key("v").Int(1);
  w.Field("id", a.id);
  w.Field("src", AdvisorySourceName(a.source));
  w.OptionalField("sid", a.source_id)
      .OptionalField("schema", a.schema_version)
      .OptionalField("mod", a.modified)
      .OptionalField("pub", a.published)
      .OptionalField("wd", a.withdrawn);
  WriteStrings(w, "aliases", a.aliases);
  WriteStrings(w, "related", a.related);
  w.OptionalField("summary", a.summary).OptionalField("details", a.details);
  if (!a.severities.empty()) {
    w.Key("sev").BeginArray();
    for (const auto& s : a.severities) {
      w.BeginObject().Field("t", SeverityTypeName(s.type)).OptionalField("vec", s.vector);
      if (s.base_score) w.Key("score").Double(*s.base_score);
      w.OptionalField("by", s.source).EndObject();
    }
    w.EndArray();
  }
  WriteStrings(w, "cwe", a.cwes);
  if (!a.references.empty()) {
    w.Key("refs").BeginArray();
    for (const auto& r : a.references) w.BeginObject().OptionalField("t", r.type).Field("url", r.url).EndObject();
    w.EndArray();
  }
  if (!a.affected.empty()) {
    w.Key("aff").BeginArray();
    for (const auto& p : a.affected) {
      w.BeginObject()
          .OptionalField("eco", p.ecosystem)
          .OptionalField("name", p.name)
          .OptionalField("purl", p.purl)
          .OptionalField("cpe", p.cpe)
          .OptionalField("pid", p.product_id);
      if (p.status != ProductStatus::kAffected) w.Field("st", ProductStatusName(p.status));
      if (!p.ranges.empty()) {
        w.Key("ranges").BeginArray();
        for (const auto& r : p.ranges) {
          w.BeginObject().Field("t", RangeTypeName(r.type)).OptionalField("repo", r.repo);
          w.Key("ev").BeginArray();
          for (const auto& e : r.events) w.BeginObject().Field("k", EventKindName(e.kind)).Field("v", e.value).EndObject();
          w.EndArray().EndObject();
        }
        w.EndArray();
      }
      WriteStrings(w, "vers", p.versions);
      w.OptionalField("npm", p.npm_range).OptionalField("npm_fix", p.npm_patched_range);
      // Raw members are stored as strings: they came from a feed and must not be trusted as
      // well-formed JSON fragments by a later reader.
      w.OptionalField("eco_spec", p.ecosystem_specific).OptionalField("db_spec", p.database_specific);
      w.EndObject();
    }
    w.EndArray();
  }
  if (!a.cpe_configurations.empty()) {
    w.Key("cpe").BeginArray();
    for (const auto& n : a.cpe_configurations) WriteCpeNode(w, n);
    w.EndArray();
  }
  if (!a.cve5_affected.empty()) {
    w.Key("c5").BeginArray();
    for (const auto& c : a.cve5_affected) {
      w.BeginObject()
          .OptionalField("ct", c.container)
          .OptionalField("vendor", c.vendor)
          .OptionalField("product", c.product)
          .OptionalField("pkg", c.package_name)
          .OptionalField("coll", c.collection_url);
      WriteStrings(w, "cpes", c.cpes);
      if (!c.versions.empty()) {
        w.Key("vers").BeginArray();
        for (const auto& v : c.versions) {
          w.BeginObject()
              .OptionalField("v", v.version)
              .OptionalField("lt", v.less_than)
              .OptionalField("lte", v.less_than_or_equal)
              .OptionalField("st", v.status)
              .OptionalField("vt", v.version_type)
              .EndObject();
        }
        w.EndArray();
      }
      w.OptionalField("def", c.default_status).EndObject();
    }
    w.EndArray();
  }
  if (a.ssvc) {
    w.Key("ssvc")
        .BeginObject()
        .OptionalField("e", a.ssvc->exploitation)
        .OptionalField("a", a.ssvc->automatable)
        .OptionalField("ti", a.ssvc->technical_impact)
        .OptionalField("ver", a.ssvc->version)
        .OptionalField("ts", a.ssvc->timestamp)
        .EndObject();
  }
  w.OptionalField("kev", a.kev_date_added);
  w.EndObject();
  return w.Take();
}

namespace {

class StoredReader {
 public:
  explicit StoredReader(JsonReader& r) : r_(r) {}

  std::string S(JsonReader::Object o, std::string_view key, const JsonPath& at) {
    return std::string(r_.String(o, key, at));
  }

  template <typename Fn>
  void Each(JsonReader::Object o, std::string_view key, const JsonPath& at, Fn&& fn) {
    auto arr = r_.ArrayMember(o, key, at);
    if (!arr) return;
    JsonPath here(at, key);
    std::size_t i = 0;
    for (auto e : *arr) {
      JsonPath item(here, i++);
      auto obj = r_.AsObject(e, item);
      if (!obj) return;
      fn(*obj, item);
      if (r_.failed()) return;
    }
  }

  void ReadNode(JsonReader::Object o, const JsonPath& at, CpeNode& n) {
    n.op = S(o, "op", at) == "AND" ? CpeOperator::kAnd : CpeOperator::kOr;
    n.negate = r_.Bool(o, "neg", at).value_or(false);
    Each(o, "m", at, [&](JsonReader::Object m, const JsonPath& mp) {
      CpeMatch& cm = n.matches.emplace_back();
      cm.vulnerable = r_.Bool(m, "vuln", mp).value_or(true);
      cm.criteria = S(m, "c", mp);
      cm.version_start_including = S(m, "si", mp);
      cm.version_start_excluding = S(m, "se", mp);
      cm.version_end_including = S(m, "ei", mp);
      cm.version_end_excluding = S(m, "ee", mp);
      cm.match_criteria_id = S(m, "id", mp);
    });
    Each(o, "ch", at, [&](JsonReader::Object c, const JsonPath& cp) { ReadNode(c, cp, n.children.emplace_back()); });
  }

  JsonReader& r_;
};

}  // namespace

Result<Advisory> AdvisoryFromJson(std::string_view json) {
  thread_local simdjson::dom::parser parser;  // reused: a cold scan reads thousands of records
  simdjson::padded_string padded(json);
  simdjson::dom::element root;
  if (auto err = parser.parse(padded).get(root); err != simdjson::SUCCESS) {
    return Status::ParseError(std::string("stored advisory: ") + simdjson::error_message(err));
  }
  JsonReader r;
  StoredReader s(r);
  JsonPath at;
  auto o = r.AsObject(root, at);
  if (!o) return Status::ParseError("stored advisory: " + r.error());
  Advisory a;
  a.id = s.S(*o, "id", at);
  std::string src = s.S(*o, "src", at);
  if (auto parsed = ParseAdvisorySource(src)) {
    a.source = *parsed;
  } else if (!r.failed()) {
    r.Fail(JsonPath(at, "src"), "unknown source '" + src + "'");
  }
  a.source_id = s.S(*o, "sid", at);
  a.schema_version = s.S(*o, "schema", at);
  a.modified = s.S(*o, "mod", at);
  a.published = s.S(*o, "pub", at);
  a.withdrawn = s.S(*o, "wd", at);
  r.StringArray(*o, "aliases", at, a.aliases);
  r.StringArray(*o, "related", at, a.related);
  a.summary = s.S(*o, "summary", at);
  a.details = s.S(*o, "details", at);
  s.Each(*o, "sev", at, [&](JsonReader::Object e, const JsonPath& p) {
    SeverityScore& sv = a.severities.emplace_back();
    std::string t = s.S(e, "t", p);
    sv.type = ParseSeverityType(t).value_or(SeverityType::kOther);
    sv.vector = s.S(e, "vec", p);
    sv.base_score = r.Number(e, "score", p);
    sv.source = s.S(e, "by", p);
  });
  r.StringArray(*o, "cwe", at, a.cwes);
  s.Each(*o, "refs", at, [&](JsonReader::Object e, const JsonPath& p) {
    a.references.push_back({s.S(e, "t", p), s.S(e, "url", p)});
  });
  s.Each(*o, "aff", at, [&](JsonReader::Object e, const JsonPath& p) {
    AffectedPackage& pk = a.affected.emplace_back();
    pk.ecosystem = s.S(e, "eco", p);
    pk.name = s.S(e, "name", p);
    pk.purl = s.S(e, "purl", p);
    pk.cpe = s.S(e, "cpe", p);
    pk.product_id = s.S(e, "pid", p);
    std::string st = s.S(e, "st", p);
    if (!st.empty()) pk.status = ParseProductStatus(st).value_or(ProductStatus::kAffected);
    s.Each(e, "ranges", p, [&](JsonReader::Object re, const JsonPath& rp) {
      AffectedRange& rg = pk.ranges.emplace_back();
      rg.type = ParseRangeType(s.S(re, "t", rp)).value_or(RangeType::kEcosystem);
      rg.repo = s.S(re, "repo", rp);
      s.Each(re, "ev", rp, [&](JsonReader::Object ev, const JsonPath& ep) {
        auto kind = ParseEventKind(s.S(ev, "k", ep));
        if (!kind) {
          r.Fail(ep, "unknown event kind");
          return;
        }
        rg.events.push_back({*kind, s.S(ev, "v", ep)});
      });
    });
    r.StringArray(e, "vers", p, pk.versions);
    pk.npm_range = s.S(e, "npm", p);
    pk.npm_patched_range = s.S(e, "npm_fix", p);
    pk.ecosystem_specific = s.S(e, "eco_spec", p);
    pk.database_specific = s.S(e, "db_spec", p);
  });
  s.Each(*o, "cpe", at, [&](JsonReader::Object e, const JsonPath& p) { s.ReadNode(e, p, a.cpe_configurations.emplace_back()); });
  s.Each(*o, "c5", at, [&](JsonReader::Object e, const JsonPath& p) {
    Cve5Affected& c = a.cve5_affected.emplace_back();
    c.container = s.S(e, "ct", p);
    c.vendor = s.S(e, "vendor", p);
    c.product = s.S(e, "product", p);
    c.package_name = s.S(e, "pkg", p);
    c.collection_url = s.S(e, "coll", p);
    r.StringArray(e, "cpes", p, c.cpes);
    s.Each(e, "vers", p, [&](JsonReader::Object ve, const JsonPath& vp) {
      c.versions.push_back({s.S(ve, "v", vp), s.S(ve, "lt", vp), s.S(ve, "lte", vp), s.S(ve, "st", vp), s.S(ve, "vt", vp)});
    });
    c.default_status = s.S(e, "def", p);
  });
  if (auto ss = r.ObjectMember(*o, "ssvc", at)) {
    JsonPath p(at, "ssvc");
    SsvcDecision d;
    d.exploitation = s.S(*ss, "e", p);
    d.automatable = s.S(*ss, "a", p);
    d.technical_impact = s.S(*ss, "ti", p);
    d.version = s.S(*ss, "ver", p);
    d.timestamp = s.S(*ss, "ts", p);
    a.ssvc = std::move(d);
  }
  a.kev_date_added = s.S(*o, "kev", at);
  if (r.failed()) return Status::ParseError("stored advisory: " + r.error());
  if (a.id.empty()) return Status::ParseError("stored advisory: missing id");
  return a;
}

// ---------------------------------------------------------------------------------------------

std::vector<std::vector<std::size_t>> GroupByAlias(const std::vector<Advisory>& advisories) {
  const std::size_t n = advisories.size();
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];  // path halving keeps later finds short
      x = parent[x];
    }
    return x;
  };
  auto unite = [&](std::size_t x, std::size_t y) {
    x = find(x);
    y = find(y);
    // The smaller index becomes the root so group order and representatives are deterministic.
    if (x < y) {
      parent[y] = x;
    } else if (y < x) {
      parent[x] = y;
    }
  };
  // First advisory that mentioned each identifier.
  std::unordered_map<std::string_view, std::size_t> owner;
  owner.reserve(n * 2);
  for (std::size_t i = 0; i < n; ++i) {
    auto claim = [&](std::string_view key) {
      if (key.empty()) return;
      auto [it, inserted] = owner.try_emplace(key, i);
      if (!inserted) unite(it->second, i);
    };
    claim(advisories[i].id);
    for (const auto& alias : advisories[i].aliases) claim(alias);
  }
  std::vector<std::vector<std::size_t>> groups;
  std::vector<std::size_t> group_of_root(n, static_cast<std::size_t>(-1));
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t root = find(i);
    if (group_of_root[root] == static_cast<std::size_t>(-1)) {
      group_of_root[root] = groups.size();
      groups.emplace_back();
    }
    groups[group_of_root[root]].push_back(i);
  }
  return groups;
}

}  // namespace sbomhub::vuln
