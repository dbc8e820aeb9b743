// The route table: one entry per (method, path) the server answers. The dispatcher, the access
// check and the OpenAPI document all read this table, so they cannot drift apart
// (tests/api/openapi_test.cc checks the document against it route by route).
#pragma once

#include <httplib.h>

#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/server.h"
#include "base/status.h"
#include "store/store.h"

namespace sbomhub::api {

// Who may call a route at all. Project-level rules (own team, write role) are checked by the
// handler through ResolveProject, because they depend on which project is named.
enum class Access {
  kPublic,          // anyone, no credentials
  kSignedIn,        // any role; data limited to the caller's visible teams
  kWriter,          // admin or analyst (plus, for a project, membership of its team)
  kAdmin,           // admin only
  kAdminOrAuditor,  // admin or auditor
};
std::string_view AccessName(Access a);

// The authenticated caller.
struct Principal {
  enum class Kind { kNone, kUser, kApiKey };
  Kind kind = Kind::kNone;
  store::Id user_id = 0;  // kUser
  store::Id key_id = 0;   // kApiKey
  std::string name;       // user name, or "apikey:<id>"
  store::Role role = store::Role::kViewer;
  std::vector<store::Id> teams;  // own teams (a key: its one team)
  std::string session_hash;      // kUser signed in by cookie
  std::string csrf_token;

  bool SeesAllTeams() const { return role == store::Role::kAdmin || role == store::Role::kAuditor; }
  // nullopt = every team.
  store::TeamScope Scope() const {
    if (SeesAllTeams()) return std::nullopt;
    return teams;
  }
  bool InTeam(store::Id team) const;
};

class ServerState;  // server.cc: options, store pool, vulnerability DB path

// One request being served.
struct Call {
  const httplib::Request& req;
  std::map<std::string, std::string> path;  // {project} → "web-shop"
  Principal who;
  store::Store& store;
  ServerState& server;

  // Query parameter or "" when absent.
  std::string Query(const std::string& name) const;
  bool HasQuery(const std::string& name) const { return req.has_param(name.c_str()); }
};

struct Reply {
  int status = 200;
  std::string body;
  std::string content_type = "application/json";
  std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Result<Reply>(Call&)>;

struct Param {
  std::string name;
  std::string description;
  bool required = false;
  std::string type = "string";  // "string" | "integer" | "boolean"
};

enum class Body { kNone, kJson, kRaw };

struct Route {
  std::string method;  // "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  std::string path;    // "/api/v1/projects/{project}"
  Access access = Access::kSignedIn;
  std::string tag;
  std::string summary;
  std::vector<Param> query;
  Body body = Body::kNone;
  std::string body_fields;  // JSON body: comma-separated field names, for the document
  int success = 200;        // the success status
  bool paged = false;       // takes limit/offset and answers {items,total,limit,offset}
  Handler handler;
};

// Every route, built once. Path parameters are the {names} in `path`.
const std::vector<Route>& Routes();

// Matches `path` against a template; fills `params` on success.
bool MatchPath(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params);
// The {names} of a template, in order.
std::vector<std::string> PathParams(std::string_view pattern);

// The value of cookie `name` in a Cookie header ("a=1; sbomhub_session=xyz"), "" when absent.
std::string CookieFromHeader(std::string_view header, std::string_view name);

// ---- helpers for handlers (router.cc) ----

// {"error":{"code","message","details":[...]}} with `http` status.
Reply ErrorReply(int http, std::string_view code, std::string_view message,
                 const std::vector<std::string>& details = {});
// A Status as an error reply: HttpStatusFor(status) and a snake_case code.
Reply StatusReply(const Status& status);
std::string_view ErrorCodeFor(StatusCode code);

Reply JsonReply(std::string body, int status = 200);

// limit/offset from the query (defaults 50/0; limit at most 1000); kInvalidArgument when not
// non-negative integers.
Result<store::Page> PageOf(const Call& call);

// The request body as a JSON object; kInvalidArgument (with the parse position) otherwise.
Result<nlohmann::json> JsonBody(const Call& call);
// A string member: kInvalidArgument naming the field when missing (and required) or not a string.
Result<std::string> StringField(const nlohmann::json& j, std::string_view field, bool required = true);

// `s` as a whole decimal id ("12"); nullopt for anything else ("12a", "", "-").
std::optional<store::Id> AsId(std::string_view s);
// A team by numeric id or by name; kNotFound naming the key otherwise.
Result<store::Team> FindTeam(store::Store& store, std::string_view key);

// The project named by {project} (name or numeric id), when the caller may see it; another
// team's project is kNotFound exactly like a missing one. With `for_write`, a caller who sees it
// but may not change it gets kPermissionDenied.
Result<store::Project> ResolveProject(Call& call, bool for_write);
Result<store::ProjectVersion> ResolveVersion(Call& call, const store::Project& project);
bool CanWrite(const Principal& who, const store::Project& project);
bool CanRead(const Principal& who, const store::Project& project);

// Route groups (one file each).
void AddSystemRoutes(std::vector<Route>& routes);    // healthz, readyz, openapi
void AddAccountRoutes(std::vector<Route>& routes);   // session, users, teams, apikeys, audit
void AddProjectRoutes(std::vector<Route>& routes);   // projects, versions, SBOMs, components
void AddAnalysisRoutes(std::vector<Route>& routes);  // findings, triage, where-used
void AddPortfolioRoutes(std::vector<Route>& routes);  // upload, VEX, diff, vulnerabilities, dashboard, vulndb

}  // namespace sbomhub::api
