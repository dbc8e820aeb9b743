#include "vuln/osv/osv.h"

#include <yaml.h>

#include <unordered_map>
#include <utility>
#include <vector>

#include <simdjson.h>

#include "base/file.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "vuln/advisory/json_reader.h"

namespace sbomhub::vuln {

namespace {

using Object = simdjson::dom::object;
using Element = simdjson::dom::element;

bool IsJsonName(std::string_view n) { return EndsWith(n, ".json"); }
bool IsYamlName(std::string_view n) { return EndsWith(n, ".yaml") || EndsWith(n, ".yml"); }
bool IsOsvName(std::string_view n) { return IsJsonName(n) || IsYamlName(n) || EndsWith(n, ".zip"); }

void ReadSeverities(JsonReader& r, Object o, const JsonPath& at, std::vector<SeverityScore>& out,
                    std::string_view source) {
  auto arr = r.ArrayMember(o, "severity", at);
  if (!arr) return;
  JsonPath here(at, "severity");
  std::size_t i = 0;
  for (Element e : *arr) {
    JsonPath p(here, i++);
    auto so = r.AsObject(e, p);
    if (!so) return;
    SeverityScore s;
    std::string_view type = r.String(*so, "type", p);
    s.type = ParseSeverityType(type).value_or(SeverityType::kOther);
    s.vector = std::string(r.String(*so, "score", p));
    s.source = std::string(source);
    out.push_back(std::move(s));
  }
}

bool ReadRange(JsonReader& r, Object ro, const JsonPath& p, AffectedRange& range) {
  std::string_view type = r.String(ro, "type", p);
  auto parsed = ParseRangeType(type);
  if (!parsed) {
    r.Fail(JsonPath(p, "type"), type.empty() ? "missing range type" : "unknown range type '" + Excerpt(type) + "'");
    return false;
  }
  range.type = *parsed;
  range.repo = std::string(r.String(ro, "repo", p));
  auto events = r.ArrayMember(ro, "events", p);
  if (!events) {
    if (!r.failed()) r.Fail(p, "range without events");
    return false;
  }
  JsonPath ep(p, "events");
  std::size_t j = 0;
  range.events.reserve(events->size());
  for (Element e : *events) {
    JsonPath evp(ep, j++);
    auto eo = r.AsObject(e, evp);
    if (!eo) return false;
    bool found = false;
    for (auto field : *eo) {
      auto kind = ParseEventKind(field.key);
      if (!kind) continue;  // e.g. database_specific inside an event is not an event
      std::string_view value = r.AsString(field.value, JsonPath(evp, field.key));
      if (r.failed()) return false;
      range.events.push_back({*kind, std::string(value)});
      found = true;
      break;
    }
    if (!found) {
      r.Fail(evp, "event has none of introduced, fixed, last_affected, limit");
      return false;
    }
  }
  return !r.failed();
}

// Converts one record; on failure `r.error()` says why.
bool ConvertRecord(JsonReader& r, Element root, Advisory& a) {
  JsonPath at;
  auto o = r.AsObject(root, at);
  if (!o) return false;
  a.source = AdvisorySource::kOsv;
  a.id = std::string(r.String(*o, "id", at));
  if (r.failed()) return false;
  if (a.id.empty()) {
    r.Fail(at, "missing required member 'id'");
    return false;
  }
  a.source_id = a.id;
  a.modified = std::string(r.String(*o, "modified", at));
  if (!r.failed() && a.modified.empty()) r.Fail(at, "missing required member 'modified'");
  a.schema_version = std::string(r.String(*o, "schema_version", at));
  a.published = std::string(r.String(*o, "published", at));
  a.withdrawn = std::string(r.String(*o, "withdrawn", at));
  r.StringArray(*o, "aliases", at, a.aliases);
  r.StringArray(*o, "related", at, a.related);
  a.summary = std::string(r.String(*o, "summary", at));
  a.details = std::string(r.String(*o, "details", at));
  ReadSeverities(r, *o, at, a.severities, "");
  if (r.failed()) return false;

  if (auto arr = r.ArrayMember(*o, "affected", at)) {
    JsonPath ap(at, "affected");
    std::size_t i = 0;
    a.affected.reserve(arr->size());
    for (Element e : *arr) {
      JsonPath p(ap, i++);
      auto po = r.AsObject(e, p);
      if (!po) return false;
      AffectedPackage& pkg = a.affected.emplace_back();
      if (auto pk = r.ObjectMember(*po, "package", p)) {
        JsonPath kp(p, "package");
        pkg.ecosystem = std::string(r.String(*pk, "ecosystem", kp));
        pkg.name = std::string(r.String(*pk, "name", kp));
        pkg.purl = std::string(r.String(*pk, "purl", kp));
      }
      // Per-package severities (schema 1.5+) apply to the advisory for this package.
      ReadSeverities(r, *po, p, a.severities, pkg.name);
      if (auto ranges = r.ArrayMember(*po, "ranges", p)) {
        JsonPath rp(p, "ranges");
        std::size_t k = 0;
        pkg.ranges.reserve(ranges->size());
        for (Element re : *ranges) {
          JsonPath rip(rp, k++);
          auto ro = r.AsObject(re, rip);
          if (!ro || !ReadRange(r, *ro, rip, pkg.ranges.emplace_back())) return false;
        }
      }
      r.StringArray(*po, "versions", p, pkg.versions);
      pkg.ecosystem_specific = r.Raw(*po, "ecosystem_specific");
      pkg.database_specific = r.Raw(*po, "database_specific");
      if (r.failed()) return false;
    }
  }
  if (auto refs = r.ArrayMember(*o, "references", at)) {
    JsonPath rp(at, "references");
    std::size_t i = 0;
    a.references.reserve(refs->size());
    for (Element e : *refs) {
      JsonPath p(rp, i++);
      auto ro = r.AsObject(e, p);
      if (!ro) return false;
      a.references.push_back({std::string(r.String(*ro, "type", p)), std::string(r.String(*ro, "url", p))});
    }
  }
  // GHSA-derived records carry CWE ids here; other databases put other things, so a mismatch
  // in shape is ignored rather than rejected.
  simdjson::dom::array cwes;
  if ((*o)["database_specific"]["cwe_ids"].get(cwes) == simdjson::SUCCESS) {
    for (Element c : cwes) {
      std::string_view s;
      if (c.get(s) == simdjson::SUCCESS) a.cwes.emplace_back(s);
    }
  }
  return !r.failed();
}

std::string RecordIdOf(Element e) {
  std::string_view id;
  if (e["id"].get(id) == simdjson::SUCCESS) return std::string(id);
  return {};
}

Status EmitRecord(Element e, const std::string& file, const AdvisoryCallback& callback, ImportStats& stats) {
  JsonReader r;
  Advisory a;
  if (!ConvertRecord(r, e, a)) {
    stats.AddIssue(file, RecordIdOf(e), r.error());
    return Status::Ok();
  }
  ++stats.records;
  if (a.IsWithdrawn()) ++stats.withdrawn;
  return callback(std::move(a));
}

// `bytes` must have kInputPadding readable bytes past its end when `padded` is true.
Status ParseJsonDocument(simdjson::dom::parser& parser, std::string_view bytes, bool padded,
                         const std::string& file, const AdvisoryCallback& callback, ImportStats& stats) {
  ++stats.files;
  Element root;
  auto err = parser.parse(bytes.data(), bytes.size(), /*realloc_if_needed=*/!padded).get(root);
  if (err != simdjson::SUCCESS) {
    stats.AddIssue(file, "", JsonErrorWithPosition(bytes, simdjson::error_message(err)));
    return Status::Ok();
  }
  simdjson::dom::array list;
  if (root.get(list) != simdjson::SUCCESS) {
    simdjson::dom::object obj;
    if (root.get(obj) == simdjson::SUCCESS && obj["id"].error() == simdjson::NO_SUCH_FIELD &&
        obj["vulns"].get(list) == simdjson::SUCCESS) {
      // {"vulns": [...]}: handled below.
    } else {
      return EmitRecord(root, file, callback, stats);
    }
  }
  for (Element e : list) SBOMHUB_RETURN_IF_ERROR(EmitRecord(e, file, callback, stats));
  return Status::Ok();
}

// YAML -> compact JSON text, so both syntaxes share one record converter. Built on libyaml's
// event parser (yaml-cpp's scanner was 10x slower on the PyPA database). Plain scalars
// true/false/null/~ and empty plain values keep their YAML 1.2 core-schema meaning; every other
// scalar stays a string (OSV has no numeric members). Aliases are expanded by copying the
// anchored value's JSON, with the output capped relative to the input so "billion laughs"
// documents stop early and the work stays linear in the input size.
class YamlToJson {
 public:
  explicit YamlToJson(std::size_t input_bytes) : max_output_(16 * input_bytes + (std::size_t{1} << 20)) {}

  // Converts the first document of `bytes`; false with error() set on failure.
  bool Convert(std::string_view bytes) {
    yaml_parser_t parser;
    if (yaml_parser_initialize(&parser) == 0) return Fail("cannot initialise the YAML parser");
    yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size());
    bool ok = Run(parser);
    yaml_parser_delete(&parser);
    return ok;
  }

  std::string Take() { return w_.Take(); }
  const std::string& error() const { return error_; }

 private:
  struct Frame {
    bool is_map;
    bool expecting_key;
    std::size_t start;   // offset of '{' or '[' in the output
    std::string anchor;  // non-empty when this container is anchored
  };

  bool Run(yaml_parser_t& parser) {
    bool done = false;
    bool seen_document = false;
    while (!done) {
      yaml_event_t event;
      if (yaml_parser_parse(&parser, &event) == 0) {
        std::string why = parser.problem != nullptr ? parser.problem : "invalid YAML";
        if (parser.context != nullptr) why = std::string(parser.context) + ": " + why;
        return FailAt(parser.problem_mark, "invalid YAML: " + why);
      }
      bool ok = true;
      switch (event.type) {
        case YAML_DOCUMENT_START_EVENT:
          if (seen_document) ok = FailAt(event.start_mark, "more than one YAML document in an OSV file");
          seen_document = true;
          break;
        case YAML_STREAM_END_EVENT:
          done = true;
          break;
        case YAML_MAPPING_START_EVENT:
        case YAML_SEQUENCE_START_EVENT: {
          bool is_map = event.type == YAML_MAPPING_START_EVENT;
          if (!BeforeValue(event.start_mark)) {
            ok = false;
            break;
          }
          if (is_map) {
            w_.BeginObject();
          } else {
            w_.BeginArray();
          }
          const yaml_char_t* anchor = is_map ? event.data.mapping_start.anchor : event.data.sequence_start.anchor;
          stack_.push_back({is_map, is_map, w_.str().size() - 1,
                            anchor != nullptr ? std::string(reinterpret_cast<const char*>(anchor)) : std::string()});
          break;
        }
        case YAML_MAPPING_END_EVENT:
        case YAML_SEQUENCE_END_EVENT: {
          Frame f = std::move(stack_.back());
          stack_.pop_back();
          if (f.is_map) {
            w_.EndObject();
          } else {
            w_.EndArray();
          }
          if (!f.anchor.empty()) anchors_[f.anchor] = w_.str().substr(f.start);
          AfterValue();
          break;
        }
        case YAML_SCALAR_EVENT:
          ok = Scalar(event);
          break;
        case YAML_ALIAS_EVENT: {
          std::string name(reinterpret_cast<const char*>(event.data.alias.anchor));
          auto it = anchors_.find(name);
          if (it == anchors_.end()) {
            ok = FailAt(event.start_mark, "alias *" + Excerpt(name) + " refers to no anchor");
          } else if (!stack_.empty() && stack_.back().is_map && stack_.back().expecting_key) {
            ok = FailAt(event.start_mark, "an alias cannot be a mapping key here");
          } else if (w_.str().size() + it->second.size() > max_output_) {
            ok = FailAt(event.start_mark, "document expands far beyond its size (alias expansion?)");
          } else {
            w_.Raw(it->second);
            AfterValue();
          }
          break;
        }
        default:
          break;
      }
      yaml_event_delete(&event);
      if (!ok) return false;
    }
    if (!seen_document || w_.str().empty()) return Fail("empty YAML document");
    return true;
  }

  bool Scalar(const yaml_event_t& event) {
    std::string_view value(reinterpret_cast<const char*>(event.data.scalar.value), event.data.scalar.length);
    if (!stack_.empty() && stack_.back().is_map && stack_.back().expecting_key) {
      w_.Key(value);
      stack_.back().expecting_key = false;
      return true;
    }
    if (!BeforeValue(event.start_mark)) return false;
    std::size_t before = w_.str().size();
    bool plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE && event.data.scalar.tag == nullptr;
    if (plain && (value == "true" || value == "True" || value == "TRUE")) {
      w_.Bool(true);
    } else if (plain && (value == "false" || value == "False" || value == "FALSE")) {
      w_.Bool(false);
    } else if (plain && (value.empty() || value == "null" || value == "Null" || value == "NULL" || value == "~")) {
      w_.Null();
    } else {
      w_.String(value);
    }
    if (event.data.scalar.anchor != nullptr) {
      std::string text = w_.str().substr(before);
      if (!text.empty() && text[0] == ',') text.erase(0, 1);
      anchors_[reinterpret_cast<const char*>(event.data.scalar.anchor)] = std::move(text);
    }
    AfterValue();
    return true;
  }

  bool BeforeValue(const yaml_mark_t& mark) {
    if (w_.str().size() > max_output_) return FailAt(mark, "document expands far beyond its size (alias expansion?)");
    if (!stack_.empty() && stack_.back().is_map && stack_.back().expecting_key) {
      return FailAt(mark, "mapping key is not a scalar");
    }
    if (stack_.empty() && !w_.str().empty()) return FailAt(mark, "more than one top-level value");
    return true;
  }

  void AfterValue() {
    if (!stack_.empty() && stack_.back().is_map) stack_.back().expecting_key = true;
  }

  bool FailAt(const yaml_mark_t& m, std::string why) {
    error_ = "line " + std::to_string(m.line + 1) + ", column " + std::to_string(m.column + 1) + ": " + why;
    return false;
  }
  bool Fail(std::string why) {
    error_ = std::move(why);
    return false;
  }

  JsonWriter w_{/*pretty=*/false};
  std::vector<Frame> stack_;
  std::unordered_map<std::string, std::string> anchors_;
  std::string error_;
  std::size_t max_output_;
};

Status ParseYamlDocument(simdjson::dom::parser& parser, std::string_view bytes, const std::string& file,
                         const AdvisoryCallback& callback, ImportStats& stats) {
  YamlToJson conv(bytes.size());
  if (!conv.Convert(bytes)) {
    ++stats.files;
    stats.AddIssue(file, "", conv.error());
    return Status::Ok();
  }
  std::string json = conv.Take();
  json.reserve(json.size() + kInputPadding);
  return ParseJsonDocument(parser, json, /*padded=*/true, file, callback, stats);
}

Status ParseZip(simdjson::dom::parser& parser, std::string_view bytes, const std::string& file,
                const AdvisoryCallback& callback, ImportStats& stats) {
  return ForEachArchiveMember(
      bytes, file, [](std::string_view n) { return IsJsonName(n) || IsYamlName(n); },
      [&](const std::string& name, std::string&& data) {
        if (IsYamlName(name)) return ParseYamlDocument(parser, data, name, callback, stats);
        return ParseJsonDocument(parser, data, /*padded=*/true, name, callback, stats);
      },
      stats);
}

}  // namespace

namespace {
// One parser per thread, reused: its buffers grow once instead of per file. A callback must not
// parse OSV itself (it would reuse the DOM it is reading).
simdjson::dom::parser& ThreadParser() {
  thread_local simdjson::dom::parser parser;
  return parser;
}
}  // namespace

Status ParseOsvJson(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats) {
  simdjson::dom::parser& parser = ThreadParser();
  return ParseJsonDocument(parser, bytes, /*padded=*/false, file, callback, stats);
}

Status ParseOsvYaml(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                    ImportStats& stats) {
  simdjson::dom::parser& parser = ThreadParser();
  return ParseYamlDocument(parser, bytes, file, callback, stats);
}

Status ParseOsvZip(std::string_view bytes, const std::string& file, const AdvisoryCallback& callback,
                   ImportStats& stats) {
  simdjson::dom::parser& parser = ThreadParser();
  return ParseZip(parser, bytes, file, callback, stats);
}

Result<Advisory> ParseOsvRecord(std::string_view json) {
  simdjson::dom::parser parser;
  Element root;
  auto err = parser.parse(json.data(), json.size(), true).get(root);
  if (err != simdjson::SUCCESS) return Status::ParseError(JsonErrorWithPosition(json, simdjson::error_message(err)));
  JsonReader r;
  Advisory a;
  if (!ConvertRecord(r, root, a)) {
    std::string id = RecordIdOf(root);
    return Status::InvalidDocument((id.empty() ? "" : id + ": ") + r.error());
  }
  return a;
}

Status ImportOsv(const std::string& path, const AdvisoryCallback& callback, ImportStats& stats) {
  simdjson::dom::parser parser;  // reused across files: its buffers grow once
  return ForEachFile(
      path, IsOsvName,
      [&](const std::string& file) {
        auto bytes = ReadFile(file);
        if (!bytes.ok()) {
          ++stats.files;
          stats.AddIssue(file, "", bytes.status().message());
          return Status::Ok();
        }
        if (EndsWith(file, ".zip")) return ParseZip(parser, *bytes, file, callback, stats);
        if (IsYamlName(file)) return ParseYamlDocument(parser, *bytes, file, callback, stats);
        return ParseJsonDocument(parser, *bytes, /*padded=*/true, file, callback, stats);
      },
      stats);
}

}  // namespace sbomhub::vuln
