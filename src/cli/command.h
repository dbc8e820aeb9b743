// Every `sbomhub` subcommand lives in its own file (src/cli/<name>_command.cc) and exposes one
// Register function, listed in main.cc. A command's callback stores its process exit code in
// `ctx.exit_code`: 0 success, 1 the input is bad (invalid SBOM, findings over threshold), 2 usage
// or environment error (ExitCodeFor(Status) maps a Status).
#pragma once

#include <CLI/CLI.hpp>

#include <cstdint>
#include <string>

#include "base/file.h"
#include "base/status.h"
#include "store/store.h"

namespace sbomhub::cli {

struct Context {
  // Global options (before or after the subcommand).
  std::string data_dir;  // --data, else $SBOMHUB_DATA, else ~/.local/share/sbomhub
  std::string db_path;   // --db: overrides just the vulnerability DB file
  std::uint64_t max_input_bytes = kDefaultMaxInputBytes;
  int exit_code = 0;

  // The data directory after applying the defaults above.
  std::string ResolvedDataDir() const;
};

// The portfolio store: `store_url` (postgresql://...) when given, else <data>/portfolio.db
// (creating the data directory). Defined in serve_command.cc.
std::string PortfolioLocation(const Context& ctx, const std::string& store_url);
Result<std::unique_ptr<store::Store>> OpenPortfolio(const Context& ctx, const std::string& store_url);
// The audit-log actor of offline commands: "cli:<login>".
std::string CliActor();

// Prints "sbomhub: <status>" to stderr and sets ctx.exit_code from it. Returns the exit code.
int Fail(Context& ctx, const Status& status);

void RegisterValidateCommand(CLI::App& app, Context& ctx);
void RegisterInspectCommand(CLI::App& app, Context& ctx);
void RegisterConvertCommand(CLI::App& app, Context& ctx);
void RegisterDbCommand(CLI::App& app, Context& ctx);
void RegisterScanCommand(CLI::App& app, Context& ctx);
void RegisterLicenseCommand(CLI::App& app, Context& ctx);
void RegisterQualityCommand(CLI::App& app, Context& ctx);
void RegisterGenerateCommand(CLI::App& app, Context& ctx);
void RegisterDiffCommand(CLI::App& app, Context& ctx);
void RegisterProjectCommand(CLI::App& app, Context& ctx);
void RegisterServeCommand(CLI::App& app, Context& ctx);
void RegisterUserCommand(CLI::App& app, Context& ctx);
void RegisterTeamCommand(CLI::App& app, Context& ctx);
void RegisterApiKeyCommand(CLI::App& app, Context& ctx);

}  // namespace sbomhub::cli
