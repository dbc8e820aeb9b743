// JSON shapes of the store's objects as the REST API returns them (see docs/design/portfolio-api.md).
#pragma once

#include <string>
#include <vector>

#include "base/json_writer.h"
#include "store/store.h"

namespace sbomhub::api {

void WriteTeam(JsonWriter& w, const store::Team& t);
// {id,name,role,teams:[{id,name}]}
void WriteUser(JsonWriter& w, const store::User& u, const std::vector<store::Team>& teams);
void WriteApiKey(JsonWriter& w, const store::ApiKey& k);
void WriteProject(JsonWriter& w, const store::Project& p);  // fields only (caller opens the object)
void WriteVersion(JsonWriter& w, const store::ProjectVersion& v);
void WriteDocument(JsonWriter& w, const store::SbomDocument& d);
void WriteComponent(JsonWriter& w, const store::StoredComponent& c);
void WriteAnalysis(JsonWriter& w, const store::Analysis& a);
void WriteJob(JsonWriter& w, const store::Job& j);
void WriteAudit(JsonWriter& w, const store::AuditEntry& e);

// {"items":[...],"total":N,"limit":L,"offset":O}: `all` is the whole (filtered) list; the page is
// cut from it.
template <typename T, typename F>
std::string ListJson(const std::vector<T>& all, store::Page page, F&& write_item) {
  JsonWriter w(false);
  w.BeginObject().Key("items").BeginArray();
  std::size_t begin = static_cast<std::size_t>(page.offset);
  for (std::size_t i = begin; i < all.size() && i < begin + static_cast<std::size_t>(page.limit); ++i) {
    write_item(w, all[i]);
  }
  w.EndArray();
  w.Field("total", static_cast<std::int64_t>(all.size()));
  w.Field("limit", page.limit).Field("offset", page.offset).EndObject();
  return w.Take();
}

// Everything the store has for a list call (the store clamps at Page::kMaxLimit).
inline store::Page AllRows() { return store::Page{store::Page::kMaxLimit, 0}; }

}  // namespace sbomhub::api
