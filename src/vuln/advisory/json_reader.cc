#include "vuln/advisory/json_reader.h"

#include <cmath>
#include <cstdio>
#include <vector>

namespace sbomhub::vuln {

std::string JsonPath::ToString() const {
  std::vector<const JsonPath*> chain;
  for (const JsonPath* p = this; p != nullptr && p->parent_ != nullptr; p = p->parent_) chain.push_back(p);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    out.push_back('/');
    if ((*it)->is_index_) {
      out += std::to_string((*it)->index_);
    } else {
      // RFC 6901 escaping.
      for (char c : (*it)->key_) {
        if (c == '~') {
          out += "~0";
        } else if (c == '/') {
          out += "~1";
        } else {
          out.push_back(c);
        }
      }
    }
  }
  return out;
}

void JsonReader::Fail(const JsonPath& at, std::string_view why) {
  if (!error_.empty()) return;
  std::string where = at.ToString();
  error_ = (where.empty() ? std::string("/") : where) + ": " + std::string(why);
}

std::optional<JsonReader::Object> JsonReader::AsObject(Element e, const JsonPath& at) {
  Object o;
  if (e.get(o) != simdjson::SUCCESS) {
    Fail(at, "expected an object");
    return std::nullopt;
  }
  return o;
}

std::optional<JsonReader::Array> JsonReader::AsArray(Element e, const JsonPath& at) {
  Array a;
  if (e.get(a) != simdjson::SUCCESS) {
    Fail(at, "expected an array");
    return std::nullopt;
  }
  return a;
}

std::string_view JsonReader::AsString(Element e, const JsonPath& at) {
  std::string_view s;
  if (e.get(s) != simdjson::SUCCESS) {
    Fail(at, "expected a string");
    return {};
  }
  return s;
}

namespace {
// The member or nullopt when absent or JSON null (feeds write null for "not set").
std::optional<simdjson::dom::element> Member(simdjson::dom::object o, std::string_view key) {
  simdjson::dom::element e;
  if (o.at_key(key).get(e) != simdjson::SUCCESS || e.is_null()) return std::nullopt;
  return e;
}
}  // namespace

std::string_view JsonReader::String(Object o, std::string_view key, const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return {};
  return AsString(*e, JsonPath(at, key));
}

std::optional<JsonReader::Object> JsonReader::ObjectMember(Object o, std::string_view key,
                                                           const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return std::nullopt;
  return AsObject(*e, JsonPath(at, key));
}

std::optional<JsonReader::Array> JsonReader::ArrayMember(Object o, std::string_view key,
                                                         const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return std::nullopt;
  return AsArray(*e, JsonPath(at, key));
}

std::optional<double> JsonReader::Number(Object o, std::string_view key, const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return std::nullopt;
  double d = 0;
  if (e->get(d) != simdjson::SUCCESS) {
    // Some feeds quote numbers ("baseScore": "7.5"); accept a fully numeric string.
    std::string_view s;
    if (e->get(s) == simdjson::SUCCESS && !s.empty() && s.size() < 32) {
      std::string tmp(s);
      char* end = nullptr;
      d = std::strtod(tmp.c_str(), &end);
      if (end == tmp.c_str() + tmp.size() && std::isfinite(d)) return d;
    }
    Fail(JsonPath(at, key), "expected a number");
    return std::nullopt;
  }
  return d;
}

std::optional<bool> JsonReader::Bool(Object o, std::string_view key, const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return std::nullopt;
  bool b = false;
  if (e->get(b) != simdjson::SUCCESS) {
    Fail(JsonPath(at, key), "expected true or false");
    return std::nullopt;
  }
  return b;
}

void JsonReader::StringArray(Object o, std::string_view key, const JsonPath& at,
                             std::vector<std::string>& out) {
  auto a = ArrayMember(o, key, at);
  if (!a) return;
  JsonPath here(at, key);
  std::size_t i = 0;
  for (Element e : *a) {
    std::string_view s = AsString(e, JsonPath(here, i++));
    if (failed()) return;
    out.emplace_back(s);
  }
}

std::string JsonReader::Scalar(Object o, std::string_view key, const JsonPath& at) {
  auto e = Member(o, key);
  if (!e) return {};
  std::string_view s;
  if (e->get(s) == simdjson::SUCCESS) return std::string(s);
  std::int64_t i = 0;
  if (e->get(i) == simdjson::SUCCESS) return std::to_string(i);
  std::uint64_t u = 0;
  if (e->get(u) == simdjson::SUCCESS) return std::to_string(u);
  Fail(JsonPath(at, key), "expected a string or an integer");
  return {};
}

std::string JsonReader::Raw(Object o, std::string_view key) {
  auto e = Member(o, key);
  if (!e) return {};
  return simdjson::minify(*e);
}

}  // namespace sbomhub::vuln
