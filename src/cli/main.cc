// `sbomhub` entry point: global options, the explicit list of subcommands, exit codes.
#include <CLI/CLI.hpp>

#include <cstdlib>
#include <iostream>

#include "cli/command.h"

namespace {

int Run(int argc, char** argv) {
  sbomhub::cli::Context ctx;
  CLI::App app{
      "sbomhub — know what your products are made of and which parts are vulnerable.\n"
      "Reads and writes CycloneDX 1.2–1.6 and SPDX 2.2/2.3/3.0 SBOMs.",
      "sbomhub"};
  app.set_version_flag("--version", "sbomhub 0.1.0");
  app.require_subcommand(1);
  app.fallthrough();
  app.option_defaults()->always_capture_default();
  app.add_option("--data", ctx.data_dir,
                 "Data directory (default: $SBOMHUB_DATA, else ~/.local/share/sbomhub)");
  app.add_option("--db", ctx.db_path, "Vulnerability database file (overrides --data for it)");
  app.add_option("--max-input-size", ctx.max_input_bytes,
                 "Largest input file accepted, in bytes (default 2 GiB)");

  // The one list of subcommands.
  sbomhub::cli::RegisterValidateCommand(app, ctx);
  sbomhub::cli::RegisterInspectCommand(app, ctx);
  sbomhub::cli::RegisterConvertCommand(app, ctx);
  sbomhub::cli::RegisterGenerateCommand(app, ctx);
  sbomhub::cli::RegisterQualityCommand(app, ctx);
  sbomhub::cli::RegisterLicenseCommand(app, ctx);
  sbomhub::cli::RegisterScanCommand(app, ctx);
  sbomhub::cli::RegisterDbCommand(app, ctx);
  sbomhub::cli::RegisterServeCommand(app, ctx);
  sbomhub::cli::RegisterUserCommand(app, ctx);
  sbomhub::cli::RegisterTeamCommand(app, ctx);
  sbomhub::cli::RegisterApiKeyCommand(app, ctx);
  sbomhub::cli::RegisterDiffCommand(app, ctx);
  sbomhub::cli::RegisterProjectCommand(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    // CLI11 returns 0 for --help/--version; every real usage error is exit code 2.
    return code == 0 ? 0 : 2;
  }
  return ctx.exit_code;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::bad_alloc&) {
    std::cerr << "sbomhub: out of memory\n";
    return 2;
  } catch (const std::exception& e) {
    // Reaching here is a bug: adapters are meant to turn exceptions into Status values.
    std::cerr << "sbomhub: internal error: " << e.what() << "\n";
    return 2;
  }
}
