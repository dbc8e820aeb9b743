// sbomhub user add|passwd|list: users of the portfolio, offline. Passwords are read from standard
// input (--password-stdin) or generated and printed once; they never appear on the command line.
#include <cstdio>
#include <iostream>
#include <string>

#include "auth/auth.h"
#include "base/json_writer.h"
#include "cli/command.h"
#include "store/store.h"

namespace sbomhub::cli {
namespace {

struct UserOptions {
  std::string store_url;
  std::string name;
  std::string role = "viewer";
  std::vector<std::string> teams;
  bool password_stdin = false;
  bool json = false;
};

// The new password: one line of stdin, or a generated one (printed by the caller).
Result<std::string> NewPassword(bool from_stdin, bool& generated) {
  generated = false;
  if (!from_stdin) {
    generated = true;
    return auth::NewOneTimePassword();
  }
  std::string line;
  if (!std::getline(std::cin, line)) return Status::InvalidArgument("--password-stdin: no line on standard input");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  SBOMHUB_RETURN_IF_ERROR(auth::CheckPasswordPolicy(line));
  return line;
}

int RunAdd(Context& ctx, const UserOptions& o) {
  auto role = store::ParseRole(o.role);
  if (!role) return Fail(ctx, Status::InvalidArgument("--role must be admin, analyst, auditor or viewer"));
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  std::vector<store::Team> teams;
  if (!o.teams.empty()) {
    auto all = (*store)->ListTeams(store::Page{store::Page::kMaxLimit, 0});
    if (!all.ok()) return Fail(ctx, all.status());
    for (const auto& name : o.teams) {
      bool found = false;
      for (const auto& t : *all) {
        if (t.name == name) {
          teams.push_back(t);
          found = true;
        }
      }
      if (!found) return Fail(ctx, Status::NotFound("no team '" + name + "' (sbomhub team add " + name + ")"));
    }
  }
  bool generated = false;
  auto pw = NewPassword(o.password_stdin, generated);
  if (!pw.ok()) return Fail(ctx, pw.status());
  auto hash = auth::HashPassword(*pw);
  if (!hash.ok()) return Fail(ctx, hash.status());
  auto user = (*store)->CreateUser(CliActor(), o.name, *hash, *role);
  if (!user.ok()) return Fail(ctx, user.status());
  for (const auto& t : teams) {
    Status s = (*store)->AddTeamMember(CliActor(), t.id, user->id);
    if (!s.ok()) return Fail(ctx, s);
  }
  if (generated) std::printf("%s\n", pw->c_str());
  std::fprintf(stderr, "sbomhub: user '%s' (%s) created%s\n", o.name.c_str(), o.role.c_str(),
               generated ? "; its one-time password is on stdout, shown once" : "");
  ctx.exit_code = 0;
  return 0;
}

int RunPasswd(Context& ctx, const UserOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto user = (*store)->GetUserByName(o.name);
  if (!user.ok()) return Fail(ctx, user.status());
  bool generated = false;
  auto pw = NewPassword(o.password_stdin, generated);
  if (!pw.ok()) return Fail(ctx, pw.status());
  auto hash = auth::HashPassword(*pw);
  if (!hash.ok()) return Fail(ctx, hash.status());
  Status s = (*store)->SetUserPassword(CliActor(), user->id, *hash);
  if (!s.ok()) return Fail(ctx, s);
  auto ended = (*store)->DeleteSessionsOfUser(CliActor(), user->id);
  if (!ended.ok()) return Fail(ctx, ended.status());
  if (generated) std::printf("%s\n", pw->c_str());
  std::fprintf(stderr, "sbomhub: password of '%s' changed; %d session(s) ended\n", o.name.c_str(), *ended);
  ctx.exit_code = 0;
  return 0;
}

int RunList(Context& ctx, const UserOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto users = (*store)->ListUsers(store::Page{store::Page::kMaxLimit, 0});
  if (!users.ok()) return Fail(ctx, users.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& u : *users) {
    auto teams = (*store)->TeamsOfUser(u.id);
    if (!teams.ok()) return Fail(ctx, teams.status());
    std::string names;
    for (const auto& t : *teams) names += (names.empty() ? "" : ",") + t.name;
    if (o.json) {
      w.BeginObject().Field("id", u.id).Field("name", u.name).Field("role", store::RoleName(u.role));
      w.Key("teams").BeginArray();
      for (const auto& t : *teams) w.String(t.name);
      w.EndArray().EndObject();
    } else {
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(u.id), u.name.c_str(),
                  std::string(store::RoleName(u.role)).c_str(), names.c_str());
    }
  }
  w.EndArray();
  if (o.json) std::cout << w.Take();
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterUserCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("user", "Users of the portfolio server (passwords hashed with Argon2id)");
  cmd->require_subcommand(1);
  auto o = std::make_shared<UserOptions>();
  auto* add = cmd->add_subcommand("add", "Create a user; without --password-stdin a one-time password is printed");
  add->add_option("name", o->name, "User name")->required();
  add->add_option("--role", o->role, "admin|analyst|auditor|viewer (default viewer)");
  add->add_option("--team", o->teams, "Team to join (repeatable)");
  add->add_flag("--password-stdin", o->password_stdin, "Read the password from the first line of stdin");
  add->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  add->callback([&ctx, o] { RunAdd(ctx, *o); });
  auto* passwd = cmd->add_subcommand("passwd", "Set a user's password and end their sessions");
  passwd->add_option("name", o->name, "User name")->required();
  passwd->add_flag("--password-stdin", o->password_stdin, "Read the password from the first line of stdin");
  passwd->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  passwd->callback([&ctx, o] { RunPasswd(ctx, *o); });
  auto* list = cmd->add_subcommand("list", "List users with role and teams");
  list->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  list->add_flag("--json", o->json, "Print as JSON");
  list->callback([&ctx, o] { RunList(ctx, *o); });
}

}  // namespace sbomhub::cli
