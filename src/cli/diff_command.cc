// sbomhub diff A B [--json]: what changed between two SBOMs. A and B are files, or stored
// versions of the portfolio written PROJECT@VERSION (a path that exists wins). Exit code 1 when a
// component kept its version but its hash changed (possible tampering), 0 otherwise.
#include <filesystem>
#include <iostream>

#include "app/portfolio.h"
#include "cli/command.h"
#include "cli/sbom_input.h"
#include "diff/diff.h"

namespace sbomhub::cli {
namespace {

struct DiffOptions {
  std::string from;
  std::string to;
  std::string store_url;
  bool json = false;
};

// The components of one side: a file, or PROJECT@VERSION from the portfolio (opened on demand).
Result<std::vector<diff::ComponentView>> Side(Context& ctx, const DiffOptions& o,
                                              const std::string& arg,
                                              std::unique_ptr<store::Store>& portfolio) {
  std::error_code ec;
  auto at = arg.rfind('@');
  if (std::filesystem::exists(arg, ec) || at == std::string::npos || at == 0 ||
      at + 1 == arg.size()) {
    SBOMHUB_ASSIGN_OR_RETURN(auto decoded, LoadSbom(ctx, arg));
    if (decoded.diagnostics.HasErrors()) {
      PrintDiagnostics(decoded.diagnostics, false);
      return Status::InvalidDocument(arg + ": not a valid SBOM (see `sbomhub validate " + arg + "`)");
    }
    return diff::ViewsOf(decoded.sbom);
  }
  if (!portfolio) {
    SBOMHUB_ASSIGN_OR_RETURN(portfolio, OpenPortfolio(ctx, o.store_url));
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto project, app::ResolveProject(*portfolio, arg.substr(0, at)));
  SBOMHUB_ASSIGN_OR_RETURN(auto version, portfolio->GetVersionByName(project.id, arg.substr(at + 1)));
  return app::StoredViews(*portfolio, version.id);
}

int Run(Context& ctx, const DiffOptions& o) {
  std::unique_ptr<store::Store> portfolio;
  auto a = Side(ctx, o, o.from, portfolio);
  if (!a.ok()) return Fail(ctx, a.status());
  auto b = Side(ctx, o, o.to, portfolio);
  if (!b.ok()) return Fail(ctx, b.status());
  auto result = diff::Diff(*a, *b);
  std::cout << (o.json ? diff::RenderJson(result, o.from, o.to)
                       : diff::RenderText(result, o.from, o.to));
  ctx.exit_code = result.possible_tampering ? 1 : 0;
  return ctx.exit_code;
}

}  // namespace

void RegisterDiffCommand(CLI::App& app, Context& ctx) {
  auto o = std::make_shared<DiffOptions>();
  auto* cmd = app.add_subcommand(
      "diff",
      "Compare two SBOMs (files, or PROJECT@VERSION from the portfolio): added, removed, version, "
      "hash, supplier and license changes. Exit 1 when a hash changed at the same version "
      "(possible tampering)");
  cmd->add_option("from", o->from, "Older SBOM file or PROJECT@VERSION")->required();
  cmd->add_option("to", o->to, "Newer SBOM file or PROJECT@VERSION")->required();
  cmd->add_flag("--json", o->json, "Print as JSON");
  cmd->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  cmd->callback([&ctx, o] { Run(ctx, *o); });
}

}  // namespace sbomhub::cli
