// Sign-in/out, users, teams, API keys, the audit log and the job list.

#include "api/dto.h"
#include "api/routes.h"
#include "api/state.h"
#include "auth/auth.h"
#include "base/text.h"

namespace sbomhub::api {
namespace {

using store::Id;

Result<store::User> FindUser(store::Store& store, std::string_view key) {
  auto u = store.GetUserByName(key);
  if (u.ok() || u.status().code() != StatusCode::kNotFound) return u;
  if (auto id = AsId(key)) {
    auto byid = store.GetUser(*id);
    if (byid.ok() || byid.status().code() != StatusCode::kNotFound) return byid;
  }
  return Status::NotFound("no user '" + Excerpt(key) + "'");
}

// A slot for one Argon2id computation (64 MiB each): at most a few run at once.
class HashSlot {
 public:
  explicit HashSlot(ServerState& s) : s_(s) { s_.hash_slots.acquire(); }
  ~HashSlot() { s_.hash_slots.release(); }
  HashSlot(const HashSlot&) = delete;
  HashSlot& operator=(const HashSlot&) = delete;

 private:
  ServerState& s_;
};

std::string SessionCookie(const ServerState& s, const std::string& token, std::int64_t max_age) {
  std::string c = "sbomhub_session=" + token + "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
                  std::to_string(max_age);
  if (s.options.secure_cookies) c += "; Secure";
  return c;
}

Result<Reply> WhoAmI(Call& call, const store::User* user, const std::string& csrf, int status,
                     std::vector<std::pair<std::string, std::string>> headers = {}) {
  JsonWriter w(false);
  w.BeginObject().Key("user");
  if (user != nullptr) {
    SBOMHUB_ASSIGN_OR_RETURN(auto teams, call.store.TeamsOfUser(user->id));
    WriteUser(w, *user, teams);
  } else {
    // An API key: its one team and role.
    w.BeginObject().Key("id").Null().Field("name", call.who.name).Field("role", store::RoleName(call.who.role));
    w.Key("teams").BeginArray();
    for (Id t : call.who.teams) {
      SBOMHUB_ASSIGN_OR_RETURN(auto team, call.store.GetTeam(t));
      WriteTeam(w, team);
    }
    w.EndArray().EndObject();
    w.Field("api_key_id", call.who.key_id);
  }
  if (!csrf.empty()) w.Field("csrf_token", csrf);
  w.EndObject();
  Reply r = JsonReply(w.Take(), status);
  r.headers = std::move(headers);
  return r;
}

Result<Reply> SignIn(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string name, StringField(body, "username"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  const std::string& client = call.req.remote_addr;
  if (auto wait = call.server.login_throttle.RetryAfter(name, client); wait.count() > 0) {
    Reply r = ErrorReply(429, "too_many_attempts",
                         "too many failed sign-ins for this user or from this address; try again in " +
                             std::to_string(wait.count()) + " s");
    r.headers.emplace_back("Retry-After", std::to_string(wait.count()));
    return r;
  }
  auto user = call.store.GetUserByName(name);
  if (!user.ok() && user.status().code() != StatusCode::kNotFound) return user.status();
  bool ok = false;
  {
    HashSlot slot(call.server);
    // Unknown users cost one verification too, so timing does not tell which names exist.
    static const std::string kDummy = [] {
      auto h = auth::HashPassword("not-a-real-password", auth::HashCost::kMinimum);
      return h.ok() ? *h : std::string();
    }();
    ok = auth::VerifyPassword(password, user.ok() ? user->password_hash : kDummy) && user.ok();
  }
  if (!ok) {
    call.server.login_throttle.RecordFailure(name, client);
    return Status::Unauthenticated("wrong user name or password");
  }
  call.server.login_throttle.RecordSuccess(name);
  std::string token = auth::RandomToken();
  std::string csrf = auth::RandomToken();
  SBOMHUB_ASSIGN_OR_RETURN(auto session, call.store.CreateSession(user->name, auth::TokenHash(token), user->id,
                                                                   csrf, call.server.options.session_ttl));
  (void)session;
  return WhoAmI(call, &*user, csrf, 200,
                {{"Set-Cookie", SessionCookie(call.server, token, call.server.options.session_ttl.count())}});
}

Result<Reply> GetSession(Call& call) {
  if (call.who.kind == Principal::Kind::kApiKey) return WhoAmI(call, nullptr, "", 200);
  SBOMHUB_ASSIGN_OR_RETURN(auto user, call.store.GetUser(call.who.user_id));
  return WhoAmI(call, &user, call.who.csrf_token, 200);
}

Result<Reply> SignOut(Call& call) {
  if (call.who.kind != Principal::Kind::kUser) {
    return Status::InvalidArgument("API keys have no session to end (revoke the key instead)");
  }
  if (call.Query("everywhere") == "true") {
    SBOMHUB_ASSIGN_OR_RETURN(int n, call.store.DeleteSessionsOfUser(call.who.name, call.who.user_id));
    (void)n;
  } else {
    SBOMHUB_RETURN_IF_ERROR(call.store.DeleteSession(call.who.name, call.who.session_hash));
  }
  Reply r = JsonReply("{\"signed_out\":true}");
  r.headers.emplace_back("Set-Cookie", SessionCookie(call.server, "", 0));
  return r;
}

// ---- teams

Result<Reply> ListTeams(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto teams, call.store.ListTeams(AllRows()));
  std::vector<store::Team> visible;
  for (auto& t : teams) {
    if (call.who.SeesAllTeams() || call.who.InTeam(t.id)) visible.push_back(std::move(t));
  }
  return JsonReply(ListJson(visible, page, WriteTeam));
}

Result<Reply> CreateTeam(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string name, StringField(body, "name"));
  SBOMHUB_ASSIGN_OR_RETURN(auto team, call.store.CreateTeam(call.who.name, name));
  JsonWriter w(false);
  WriteTeam(w, team);
  return JsonReply(w.Take(), 201);
}

Result<Reply> ListMembers(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, call.path.at("team")));
  if (!call.who.SeesAllTeams() && !call.who.InTeam(team.id)) {
    return Status::NotFound("no team '" + Excerpt(call.path.at("team")) + "'");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto members, call.store.ListTeamMembers(team.id));
  return JsonReply(ListJson(members, page, [&](JsonWriter& w, const store::User& u) {
    w.BeginObject().Field("id", u.id).Field("name", u.name).Field("role", store::RoleName(u.role)).EndObject();
  }));
}

Result<Reply> AddMember(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string user_key, StringField(body, "user"));
  SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, call.path.at("team")));
  SBOMHUB_ASSIGN_OR_RETURN(auto user, FindUser(call.store, user_key));
  SBOMHUB_RETURN_IF_ERROR(call.store.AddTeamMember(call.who.name, team.id, user.id));
  JsonWriter w(false);
  w.BeginObject().Field("team_id", team.id).Field("user_id", user.id).EndObject();
  return JsonReply(w.Take(), 201);
}

Result<Reply> RemoveMember(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, call.path.at("team")));
  SBOMHUB_ASSIGN_OR_RETURN(auto user, FindUser(call.store, call.path.at("user")));
  SBOMHUB_RETURN_IF_ERROR(call.store.RemoveTeamMember(call.who.name, team.id, user.id));
  return JsonReply("{\"removed\":true}");
}

// ---- users

Result<Reply> ListUsers(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto users, call.store.ListUsers(AllRows()));
  std::vector<std::pair<store::User, std::vector<store::Team>>> rows;
  std::size_t end = std::min(users.size(), static_cast<std::size_t>(page.offset + page.limit));
  // Teams are looked up for the page only.
  JsonWriter w(false);
  w.BeginObject().Key("items").BeginArray();
  for (std::size_t i = static_cast<std::size_t>(page.offset); i < end; ++i) {
    SBOMHUB_ASSIGN_OR_RETURN(auto teams, call.store.TeamsOfUser(users[i].id));
    WriteUser(w, users[i], teams);
  }
  w.EndArray().Field("total", static_cast<std::int64_t>(users.size())).Field("limit", page.limit);
  w.Field("offset", page.offset).EndObject();
  return JsonReply(w.Take());
}

Result<Reply> CreateUser(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string name, StringField(body, "name"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string role_name, StringField(body, "role"));
  auto role = store::ParseRole(role_name);
  if (!role) return Status::InvalidArgument("role must be admin, analyst, auditor or viewer, got '" + Excerpt(role_name) + "'");
  std::vector<store::Team> teams;
  if (auto it = body.find("teams"); it != body.end() && !it->is_null()) {
    if (!it->is_array()) return Status::InvalidArgument("field 'teams' must be an array of team names");
    for (const auto& t : *it) {
      if (!t.is_string()) return Status::InvalidArgument("field 'teams' must be an array of team names");
      SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, t.get<std::string>()));
      teams.push_back(std::move(team));
    }
  }
  SBOMHUB_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password));
  Result<std::string> hash = Status::Internal("unset");
  {
    HashSlot slot(call.server);
    hash = auth::HashPassword(password, call.server.options.hash_cost);
  }
  if (!hash.ok()) return hash.status();
  SBOMHUB_ASSIGN_OR_RETURN(auto user, call.store.CreateUser(call.who.name, name, *hash, *role));
  for (const auto& t : teams) SBOMHUB_RETURN_IF_ERROR(call.store.AddTeamMember(call.who.name, t.id, user.id));
  JsonWriter w(false);
  WriteUser(w, user, teams);
  return JsonReply(w.Take(), 201);
}

Result<Reply> SetPassword(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string password, StringField(body, "password"));
  SBOMHUB_ASSIGN_OR_RETURN(auto user, FindUser(call.store, call.path.at("user")));
  bool self = call.who.kind == Principal::Kind::kUser && call.who.user_id == user.id;
  if (call.who.role != store::Role::kAdmin) {
    if (!self) return Status::PermissionDenied("only an admin may set another user's password");
    SBOMHUB_ASSIGN_OR_RETURN(std::string current, StringField(body, "current_password"));
    HashSlot slot(call.server);
    if (!auth::VerifyPassword(current, user.password_hash)) {
      return Status::PermissionDenied("current_password is wrong");
    }
  }
  SBOMHUB_RETURN_IF_ERROR(auth::CheckPasswordPolicy(password));
  Result<std::string> hash = Status::Internal("unset");
  {
    HashSlot slot(call.server);
    hash = auth::HashPassword(password, call.server.options.hash_cost);
  }
  if (!hash.ok()) return hash.status();
  SBOMHUB_RETURN_IF_ERROR(call.store.SetUserPassword(call.who.name, user.id, *hash));
  // Every existing sign-in of that user ends (including the caller's own, when self).
  SBOMHUB_ASSIGN_OR_RETURN(int ended, call.store.DeleteSessionsOfUser(call.who.name, user.id));
  JsonWriter w(false);
  w.BeginObject().Field("user_id", user.id).Field("sessions_ended", ended).EndObject();
  return JsonReply(w.Take());
}

// ---- API keys

Result<Reply> ListKeys(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  std::vector<store::Team> teams;
  if (call.HasQuery("team")) {
    SBOMHUB_ASSIGN_OR_RETURN(auto t, FindTeam(call.store, call.Query("team")));
    teams.push_back(std::move(t));
  } else {
    SBOMHUB_ASSIGN_OR_RETURN(teams, call.store.ListTeams(AllRows()));
  }
  std::vector<store::ApiKey> keys;
  for (const auto& t : teams) {
    SBOMHUB_ASSIGN_OR_RETURN(auto ks, call.store.ListApiKeys(t.id, AllRows()));
    keys.insert(keys.end(), ks.begin(), ks.end());
  }
  return JsonReply(ListJson(keys, page, WriteApiKey));
}

Result<Reply> CreateKey(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto body, JsonBody(call));
  SBOMHUB_ASSIGN_OR_RETURN(std::string team_key, StringField(body, "team"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string role_name, StringField(body, "role"));
  auto role = store::ParseRole(role_name);
  if (!role) return Status::InvalidArgument("role must be admin, analyst, auditor or viewer, got '" + Excerpt(role_name) + "'");
  SBOMHUB_ASSIGN_OR_RETURN(auto team, FindTeam(call.store, team_key));
  std::string key = auth::NewApiKey();
  SBOMHUB_ASSIGN_OR_RETURN(auto stored, call.store.CreateApiKey(call.who.name, team.id, *role, auth::TokenHash(key)));
  JsonWriter w(false);
  w.BeginObject().Field("id", stored.id).Field("key", key).Field("team_id", team.id).Field("team", team.name);
  w.Field("role", store::RoleName(stored.role)).Field("created_at", stored.created_at).EndObject();
  return JsonReply(w.Take(), 201);
}

Result<Reply> RevokeKey(Call& call) {
  auto id = AsId(call.path.at("id"));
  if (!id) return Status::NotFound("no API key '" + Excerpt(call.path.at("id")) + "'");
  SBOMHUB_RETURN_IF_ERROR(call.store.RevokeApiKey(call.who.name, *id));
  JsonWriter w(false);
  w.BeginObject().Field("id", *id).Field("revoked", true).EndObject();
  return JsonReply(w.Take());
}

// ---- audit and jobs

Result<Reply> ListAudit(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  SBOMHUB_ASSIGN_OR_RETURN(auto entries, call.store.ListAudit(AllRows()));
  return JsonReply(ListJson(entries, page, WriteAudit));
}

Result<Reply> ListJobs(Call& call) {
  SBOMHUB_ASSIGN_OR_RETURN(auto page, PageOf(call));
  std::optional<store::JobState> state;
  if (call.HasQuery("state")) {
    state = store::ParseJobState(call.Query("state"));
    if (!state) return Status::InvalidArgument("state must be queued, running, done or failed");
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto jobs, call.store.ListJobs(state, AllRows()));
  if (!call.who.SeesAllTeams()) {
    // Only jobs of versions in the caller's teams' projects.
    std::map<Id, bool> visible_version;
    std::vector<store::Job> mine;
    for (auto& j : jobs) {
      auto it = visible_version.find(j.version_id);
      if (it == visible_version.end()) {
        bool vis = false;
        auto v = call.store.GetVersion(j.version_id);
        if (v.ok()) {
          auto p = call.store.GetProject(v->project_id);
          vis = p.ok() && CanRead(call.who, *p);
        }
        it = visible_version.emplace(j.version_id, vis).first;
      }
      if (it->second) mine.push_back(std::move(j));
    }
    jobs = std::move(mine);
  }
  return JsonReply(ListJson(jobs, page, WriteJob));
}

}  // namespace

void AddAccountRoutes(std::vector<Route>& r) {
  r.push_back({.method = "POST", .path = "/api/v1/session", .access = Access::kPublic, .tag = "session",
               .summary = "sign in: sets the sbomhub_session cookie, answers {user, csrf_token}; 429 with Retry-After "
                          "after 5 failures for the name (or 20 from the address), doubling up to 15 min",
               .body = Body::kJson, .body_fields = "username,password", .handler = SignIn});
  r.push_back({.method = "GET", .path = "/api/v1/session", .access = Access::kSignedIn, .tag = "session",
               .summary = "who am I: {user:{id,name,role,teams}, csrf_token}", .handler = GetSession});
  r.push_back({.method = "DELETE", .path = "/api/v1/session", .access = Access::kSignedIn, .tag = "session",
               .summary = "sign out (?everywhere=true ends every session of the user)",
               .query = {{"everywhere", "end every session of the user", false, "boolean"}}, .handler = SignOut});

  r.push_back({.method = "GET", .path = "/api/v1/teams", .access = Access::kSignedIn, .tag = "teams",
               .summary = "teams visible to the caller (admin, auditor: all)", .paged = true, .handler = ListTeams});
  r.push_back({.method = "POST", .path = "/api/v1/teams", .access = Access::kAdmin, .tag = "teams",
               .summary = "create a team", .body = Body::kJson, .body_fields = "name", .success = 201,
               .handler = CreateTeam});
  r.push_back({.method = "GET", .path = "/api/v1/teams/{team}/members", .access = Access::kSignedIn,
               .tag = "teams", .summary = "members of a team (own teams; admin, auditor: any)", .paged = true,
               .handler = ListMembers});
  r.push_back({.method = "POST", .path = "/api/v1/teams/{team}/members", .access = Access::kAdmin, .tag = "teams",
               .summary = "add a user to a team", .body = Body::kJson, .body_fields = "user", .success = 201,
               .handler = AddMember});
  r.push_back({.method = "DELETE", .path = "/api/v1/teams/{team}/members/{user}", .access = Access::kAdmin,
               .tag = "teams", .summary = "remove a user from a team", .handler = RemoveMember});

  r.push_back({.method = "GET", .path = "/api/v1/users", .access = Access::kAdmin, .tag = "users",
               .summary = "users with their teams", .paged = true, .handler = ListUsers});
  r.push_back({.method = "POST", .path = "/api/v1/users", .access = Access::kAdmin, .tag = "users",
               .summary = "create a user (password hashed with Argon2id)", .body = Body::kJson,
               .body_fields = "name,password,role,teams", .success = 201, .handler = CreateUser});
  r.push_back({.method = "PUT", .path = "/api/v1/users/{user}/password", .access = Access::kSignedIn,
               .tag = "users",
               .summary = "set a password (admin: anyone; others: self with current_password); ends the user's sessions",
               .body = Body::kJson, .body_fields = "password,current_password", .handler = SetPassword});

  r.push_back({.method = "GET", .path = "/api/v1/apikeys", .access = Access::kAdmin, .tag = "apikeys",
               .summary = "API keys (never the keys themselves)",
               .query = {{"team", "only this team's keys (name or id)"}}, .paged = true, .handler = ListKeys});
  r.push_back({.method = "POST", .path = "/api/v1/apikeys", .access = Access::kAdmin, .tag = "apikeys",
               .summary = "create a key for a team and role; the key is in this answer only", .body = Body::kJson,
               .body_fields = "team,role", .success = 201, .handler = CreateKey});
  r.push_back({.method = "DELETE", .path = "/api/v1/apikeys/{id}", .access = Access::kAdmin, .tag = "apikeys",
               .summary = "revoke a key", .handler = RevokeKey});

  r.push_back({.method = "GET", .path = "/api/v1/audit", .access = Access::kAdminOrAuditor, .tag = "audit",
               .summary = "audit log, newest first", .paged = true, .handler = ListAudit});
  r.push_back({.method = "GET", .path = "/api/v1/jobs", .access = Access::kSignedIn, .tag = "jobs",
               .summary = "analysis jobs of visible projects, newest first",
               .query = {{"state", "queued|running|done|failed"}}, .paged = true, .handler = ListJobs});
}

}  // namespace sbomhub::api
