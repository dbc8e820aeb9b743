// sbomhub quality FILE [--profile ntia|cisa-2024|bsi-tr-03183-2|hygiene|all[,...]] [--json]
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

struct QualityOptions {
  std::string file;
  std::string profiles = "all";
  bool json = false;
  std::size_t max_listed = 1000;
};

int Run(Context& ctx, const QualityOptions& opts) {
  auto profiles = quality::ParseProfiles(opts.profiles);
  if (!profiles.ok()) return Fail(ctx, profiles.status());
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());

  quality::QualityOptions options;
  options.max_listed_components = opts.max_listed;
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
  auto opts = std::make_shared<QualityOptions>();
  auto* cmd = app.add_subcommand(
      "quality",
      "Check an SBOM against NTIA minimum elements, CISA 2024 baseline attributes, BSI TR-03183-2 "
      "and sbomhub hygiene rules, with a 0-10 score per profile.\nExit 0 every requested profile "
      "passes, 1 a profile fails or the SBOM is invalid, 2 usage or I/O error.");
  cmd->add_option("file", opts->file, "SBOM file ('-' for standard input)")->required();
  cmd->add_option("--profile", opts->profiles,
                  "ntia, cisa-2024, bsi-tr-03183-2, hygiene or all; several separated by commas");
  cmd->add_option("--max-listed", opts->max_listed, "Offending components listed per check (default 1000)");
  cmd->add_flag("--json", opts->json, "Print the report as JSON");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
