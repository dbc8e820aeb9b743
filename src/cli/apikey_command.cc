// sbomhub apikey create|revoke|list: API keys for machines. The key is printed once, alone on
// stdout, and only its SHA-256 is stored.
#include <cstdio>
#include <iostream>

#include "auth/auth.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "cli/command.h"
#include "store/store.h"

namespace sbomhub::cli {
namespace {

struct KeyOptions {
  std::string store_url;
  std::string team;
  std::string role;
  std::int64_t id = 0;
  bool json = false;
};

Result<store::Team> TeamNamed(store::Store& s, const std::string& key) {
  SBOMHUB_ASSIGN_OR_RETURN(auto teams, s.ListTeams(store::Page{store::Page::kMaxLimit, 0}));
  for (auto& t : teams) {
    if (t.name == key || std::to_string(t.id) == key) return t;
  }
  return Status::NotFound("no team '" + key + "' (create it with `sbomhub team add " + key + "`)");
}

int RunCreate(Context& ctx, const KeyOptions& o) {
  auto role = store::ParseRole(o.role);
  if (!role) return Fail(ctx, Status::InvalidArgument("--role must be admin, analyst, auditor or viewer"));
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto team = TeamNamed(**store, o.team);
  if (!team.ok()) return Fail(ctx, team.status());
  std::string key = auth::NewApiKey();
  auto stored = (*store)->CreateApiKey(CliActor(), team->id, *role, auth::TokenHash(key));
  if (!stored.ok()) return Fail(ctx, stored.status());
  std::printf("%s\n", key.c_str());
  std::fprintf(stderr, "sbomhub: API key %lld for team '%s', role %s (shown once; only its hash is stored)\n",
               static_cast<long long>(stored->id), team->name.c_str(), o.role.c_str());
  ctx.exit_code = 0;
  return 0;
}

int RunRevoke(Context& ctx, const KeyOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  Status s = (*store)->RevokeApiKey(CliActor(), o.id);
  if (!s.ok()) return Fail(ctx, s);
  std::fprintf(stderr, "sbomhub: API key %lld revoked\n", static_cast<long long>(o.id));
  ctx.exit_code = 0;
  return 0;
}

int RunList(Context& ctx, const KeyOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto teams = (*store)->ListTeams(store::Page{store::Page::kMaxLimit, 0});
  if (!teams.ok()) return Fail(ctx, teams.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& t : *teams) {
    if (!o.team.empty() && t.name != o.team) continue;
    auto keys = (*store)->ListApiKeys(t.id, store::Page{store::Page::kMaxLimit, 0});
    if (!keys.ok()) return Fail(ctx, keys.status());
    for (const auto& k : *keys) {
      if (o.json) {
        w.BeginObject().Field("id", k.id).Field("team", t.name).Field("role", store::RoleName(k.role));
        w.Field("created_at", k.created_at).Field("revoked", k.revoked).EndObject();
      } else {
        std::printf("%lld\t%s\t%s\t%s%s\n", static_cast<long long>(k.id), t.name.c_str(),
                    std::string(store::RoleName(k.role)).c_str(), k.created_at.c_str(), k.revoked ? "\trevoked" : "");
      }
    }
  }
  w.EndArray();
  if (o.json) std::cout << w.Take();
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterApiKeyCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand("apikey", "API keys for machines (Authorization: Bearer <key>)");
  cmd->require_subcommand(1);
  auto o = std::make_shared<KeyOptions>();
  auto* create = cmd->add_subcommand("create", "Create a key; prints the key alone on stdout, once");
  create->add_option("--team", o->team, "Team the key belongs to")->required();
  create->add_option("--role", o->role, "admin|analyst|auditor|viewer")->required();
  create->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  create->callback([&ctx, o] { RunCreate(ctx, *o); });
  auto* revoke = cmd->add_subcommand("revoke", "Revoke a key by id");
  revoke->add_option("id", o->id, "Key id (see `sbomhub apikey list`)")->required();
  revoke->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  revoke->callback([&ctx, o] { RunRevoke(ctx, *o); });
  auto* list = cmd->add_subcommand("list", "List keys (never the keys themselves)");
  list->add_option("--team", o->team, "Only this team's keys");
  list->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  list->add_flag("--json", o->json, "Print as JSON");
  list->callback([&ctx, o] { RunList(ctx, *o); });
}

}  // namespace sbomhub::cli
