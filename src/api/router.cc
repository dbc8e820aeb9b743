// The route table, path matching and the small helpers every handler uses.
#include <charconv>

#include "api/dto.h"
#include "api/routes.h"
#include "app/portfolio.h"
#include "base/json_writer.h"
#include "base/text.h"

namespace sbomhub::api {

std::string_view AccessName(Access a) {
  switch (a) {
    case Access::kPublic: return "public";
    case Access::kSignedIn: return "signed-in";
    case Access::kWriter: return "writer";
    case Access::kAdmin: return "admin";
    case Access::kAdminOrAuditor: return "admin-or-auditor";
  }
  return "unknown";
}

bool Principal::InTeam(store::Id team) const {
  for (store::Id t : teams) {
    if (t == team) return true;
  }
  return false;
}

const std::vector<Route>& Routes() {
  static const std::vector<Route> kRoutes = [] {
    std::vector<Route> r;
    AddSystemRoutes(r);
    AddAccountRoutes(r);
    AddProjectRoutes(r);
    AddAnalysisRoutes(r);
    AddPortfolioRoutes(r);
    return r;
  }();
  return kRoutes;
}

bool MatchPath(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  std::vector<std::string_view> pp = Split(pattern, '/');
  std::vector<std::string_view> xs = Split(path, '/');
  if (pp.size() != xs.size()) return false;
  for (std::size_t i = 0; i < pp.size(); ++i) {
    std::string_view p = pp[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      if (xs[i].empty()) return false;
      params.emplace(std::string(p.substr(1, p.size() - 2)), std::string(xs[i]));
    } else if (p != xs[i]) {
      return false;
    }
  }
  return true;
}

std::vector<std::string> PathParams(std::string_view pattern) {
  std::vector<std::string> out;
  for (std::string_view p : Split(pattern, '/')) {
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') out.emplace_back(p.substr(1, p.size() - 2));
  }
  return out;
}

std::string CookieFromHeader(std::string_view header, std::string_view name) {
  for (std::string_view part : Split(header, ';')) {
    part = TrimWhitespace(part);
    auto eq = part.find('=');
    if (eq != std::string_view::npos && part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return "";
}

std::string Call::Query(const std::string& name) const {
  return req.has_param(name.c_str()) ? req.get_param_value(name.c_str()) : std::string();
}

std::string_view ErrorCodeFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kParseError: return "parse_error";
    case StatusCode::kInvalidDocument: return "invalid_document";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kNotFound: return "not_found";
    case StatusCode::kAlreadyExists: return "already_exists";
    case StatusCode::kIoError: return "io_error";
    case StatusCode::kTooLarge: return "too_large";
    case StatusCode::kPermissionDenied: return "forbidden";
    case StatusCode::kUnauthenticated: return "unauthenticated";
    case StatusCode::kConflict: return "conflict";
    case StatusCode::kUnavailable: return "unavailable";
    case StatusCode::kInternal: return "internal";
  }
  return "internal";
}

Reply ErrorReply(int http, std::string_view code, std::string_view message, const std::vector<std::string>& details) {
  JsonWriter w(false);
  w.BeginObject().Key("error").BeginObject().Field("code", code).Field("message", message);
  w.Key("details").BeginArray();
  for (const auto& d : details) w.String(d);
  w.EndArray().EndObject().EndObject();
  Reply r;
  r.status = http;
  r.body = w.Take();
  return r;
}

Reply StatusReply(const Status& status) {
  std::string message = status.message();
  // Internal details stay in the server log.
  if (status.code() == StatusCode::kInternal || status.code() == StatusCode::kIoError) message = "internal error";
  return ErrorReply(HttpStatusFor(status), ErrorCodeFor(status.code()), message);
}

Reply JsonReply(std::string body, int status) {
  Reply r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

namespace {

Result<std::int64_t> NonNegative(const Call& call, const std::string& name, std::int64_t fallback) {
  if (!call.HasQuery(name)) return fallback;
  std::string v = call.Query(name);
  std::int64_t out = 0;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
  if (ec != std::errc() || ptr != v.data() + v.size() || out < 0 || v.empty()) {
    return Status::InvalidArgument("query parameter '" + name + "' must be a non-negative integer, got '" +
                                   Excerpt(v) + "'");
  }
  return out;
}

}  // namespace

Result<store::Page> PageOf(const Call& call) {
  store::Page page;
  SBOMHUB_ASSIGN_OR_RETURN(page.limit, NonNegative(call, "limit", 50));
  SBOMHUB_ASSIGN_OR_RETURN(page.offset, NonNegative(call, "offset", 0));
  if (page.limit == 0 || page.limit > 1000) {
    return Status::InvalidArgument("query parameter 'limit' must be between 1 and 1000");
  }
  return page;
}

Result<nlohmann::json> JsonBody(const Call& call) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(call.req.body);
  } catch (const nlohmann::json::parse_error& e) {
    LineColumn lc = LineColumnAt(call.req.body, e.byte > 0 ? e.byte - 1 : 0);
    return Status::InvalidArgument("request body is not valid JSON (line " + std::to_string(lc.line) +
                                   ", column " + std::to_string(lc.column) + ")");
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string("request body is not valid JSON: ") + e.what());
  }
  if (!j.is_object()) return Status::InvalidArgument("request body must be a JSON object");
  return j;
}

Result<std::string> StringField(const nlohmann::json& j, std::string_view field, bool required) {
  auto it = j.find(std::string(field));
  if (it == j.end() || it->is_null()) {
    if (required) return Status::InvalidArgument("missing field '" + std::string(field) + "'");
    return std::string();
  }
  if (!it->is_string()) return Status::InvalidArgument("field '" + std::string(field) + "' must be a string");
  return it->get<std::string>();
}

bool CanRead(const Principal& who, const store::Project& project) {
  return who.SeesAllTeams() || who.InTeam(project.team_id);
}

bool CanWrite(const Principal& who, const store::Project& project) {
  if (who.role == store::Role::kAdmin) return true;
  return who.role == store::Role::kAnalyst && who.InTeam(project.team_id);
}

std::optional<store::Id> AsId(std::string_view s) {
  store::Id id = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), id);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return id;
}

Result<store::Team> FindTeam(store::Store& store, std::string_view key) {
  if (auto id = AsId(key)) {
    auto t = store.GetTeam(*id);
    if (t.ok() || t.status().code() != StatusCode::kNotFound) return t;
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto teams, store.ListTeams(AllRows()));
  for (auto& t : teams) {
    if (t.name == key) return t;
  }
  return Status::NotFound("no team '" + Excerpt(key) + "'");
}

Result<store::Project> ResolveProject(Call& call, bool for_write) {
  const std::string& key = call.path.at("project");
  // One rule for the API, the CLI and the web UI: app::ResolveProject (name first, then id).
  Result<store::Project> p = app::ResolveProject(call.store, key);
  std::string missing = "no project '" + Excerpt(key) + "'";
  if (!p.ok()) {
    if (p.status().code() == StatusCode::kNotFound) return Status::NotFound(missing);
    return p.status();
  }
  if (!CanRead(call.who, *p)) return Status::NotFound(missing);  // existence does not leak
  if (for_write && !CanWrite(call.who, *p)) {
    return Status::PermissionDenied("role '" + std::string(store::RoleName(call.who.role)) +
                                    "' may not change project '" + p->name + "'");
  }
  return p;
}

Result<store::ProjectVersion> ResolveVersion(Call& call, const store::Project& project) {
  const std::string& v = call.path.at("version");
  auto pv = call.store.GetVersionByName(project.id, v);
  if (!pv.ok() && pv.status().code() == StatusCode::kNotFound) {
    return Status::NotFound("project '" + project.name + "' has no version '" + Excerpt(v) + "'");
  }
  return pv;
}

}  // namespace sbomhub::api
