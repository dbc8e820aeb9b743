// sbomhub team add|list: teams of the portfolio, offline (works while the server runs: SQLite WAL).
#include <cstdio>
#include <iostream>

#include "base/json_writer.h"
#include "cli/command.h"
#include "store/store.h"

namespace sbomhub::cli {
namespace {

struct TeamOptions {
  std::string store_url;
  std::string name;
  bool json = false;
};

int RunTeamAdd(Context& ctx, const TeamOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto team = (*store)->CreateTeam(CliActor(), o.name);
  if (!team.ok()) return Fail(ctx, team.status());
  std::printf("%lld\t%s\n", static_cast<long long>(team->id), team->name.c_str());
  ctx.exit_code = 0;
  return 0;
}

int RunTeamList(Context& ctx, const TeamOptions& o) {
  auto store = OpenPortfolio(ctx, o.store_url);
  if (!store.ok()) return Fail(ctx, store.status());
  auto teams = (*store)->ListTeams(store::Page{store::Page::kMaxLimit, 0});
  if (!teams.ok()) return Fail(ctx, teams.status());
  if (o.json) {
    JsonWriter w;
    w.BeginArray();
    for (const auto& t : *teams) w.BeginObject().Field("id", t.id).Field("name", t.name).EndObject();
    w.EndArray();
    std::cout << w.Take();
  } else {
    for (const auto& t : *teams) std::printf("%lld\t%s\n", static_cast<long long>(t.id), t.name.c_str());
  }
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterTeamCommand(CLI::App& app, Context& ctx) {
  auto* team = app.add_subcommand("team", "Teams of the portfolio (projects and API keys belong to a team)");
  team->require_subcommand(1);
  auto o = std::make_shared<TeamOptions>();
  auto* add = team->add_subcommand("add", "Create a team; prints its id and name");
  add->add_option("name", o->name, "Team name")->required();
  add->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  add->callback([&ctx, o] { RunTeamAdd(ctx, *o); });
  auto* list = team->add_subcommand("list", "List teams");
  list->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  list->add_flag("--json", o->json, "Print as JSON");
  list->callback([&ctx, o] { RunTeamList(ctx, *o); });
}

}  // namespace sbomhub::cli
