// sbomhub quality FILE [--profile ntia|cisa-2024|bsi-tr-03183-2|hygiene|all[,...]] [--json]
//                      [--config OPTIONS.yaml] [--max-listed N]
// Scores an SBOM against minimum-element and compliance profiles (docs/quality.md).
// Exit 0 when every requested profile passes, 1 when one fails or the SBOM cannot be read as one,
// 2 on a usage or I/O error.
#include <iostream>
#include <memory>

#include "base/json_writer.h"
#include "cli/command.h"
#include "cli/sbom_input.h"
#include "quality/quality.h"

namespace sbomhub::cli {
namespace {

struct QualityCommandOptions {
  std::string file;
  std::string profiles = "all";
  std::string config;
  bool json = false;
  std::size_t max_listed = 0;  // 0 = not given: the config file's value or the default
};

int Run(Context& ctx, const QualityCommandOptions& opts) {
  auto profiles = quality::ParseProfiles(opts.profiles);
  if (!profiles.ok()) return Fail(ctx, profiles.status());

  quality::QualityOptions options;
  if (!opts.config.empty()) {
    auto loaded = quality::LoadQualityOptionsFile(opts.config, ctx.max_input_bytes);
    if (!loaded.ok()) {
      // A bad options file is a usage problem, not a bad SBOM.
      std::cerr << "sbomhub: " << loaded.status().ToString() << "\n";
      ctx.exit_code = 2;
      return ctx.exit_code;
    }
    options = std::move(loaded).value();
  }
  if (opts.max_listed > 0) options.max_listed_components = opts.max_listed;
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());

  const quality::QualityReport report = quality::Assess(decoded->sbom, *profiles, options);
  if (opts.json) {
    JsonWriter w;
    w.BeginObject();
    w.Field("file", opts.file);
    quality::WriteQualityReportFields(w, report);
    w.EndObject();
    std::cout << w.Take();
  } else {
    std::cout << opts.file << "\n\n" << quality::FormatQualityReport(report);
  }
  ctx.exit_code = report.pass() ? 0 : 1;
  return ctx.exit_code;
}

}  // namespace

void RegisterQualityCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<QualityCommandOptions>();
  auto* cmd = app.add_subcommand(
      "quality",
      "Check an SBOM against NTIA minimum elements, CISA 2024 baseline attributes, BSI TR-03183-2 "
      "and sbomhub hygiene rules, with a 0-10 score per profile.\nExit 0 every requested profile "
      "passes, 1 a profile fails or the SBOM is invalid, 2 usage or I/O error.");
  cmd->add_option("file", opts->file, "SBOM file ('-' for standard input)")->required();
  cmd->add_option("--profile", opts->profiles,
                  "ntia, cisa-2024, bsi-tr-03183-2, hygiene or all; several separated by commas");
  cmd->add_option("--config", opts->config,
                  "Quality options file, YAML or JSON: unnecessary-component rules and limits "
                  "(see docs/quality.md)");
  cmd->add_option("--max-listed", opts->max_listed, "Offending components listed per check (default 1000)");
  cmd->add_flag("--json", opts->json, "Print the report as JSON");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
