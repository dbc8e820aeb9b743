// sbomhub license FILE [--policy P] [--json]
// Lists each component's effective license, the policy verdict and its reason, then the
// obligations per license category. Exit 0 when nothing is denied, 1 when any component is
// denied (or the SBOM cannot be read as one), 2 on a usage or I/O error.
#include <iostream>
#include <memory>

#include "base/json_writer.h"
#include "cli/command.h"
#include "cli/sbom_input.h"
#include "license/policy.h"
#include "license/report.h"
#include "license/spdx_license_list.h"

namespace sbomhub::cli {
namespace {

struct LicenseOptions {
  std::string file;
  std::string policy;
  bool json = false;
};

int Run(Context& ctx, const LicenseOptions& opts) {
  license::Policy policy = license::Policy::Default();
  if (!opts.policy.empty()) {
    auto loaded = license::LoadPolicyFile(opts.policy, ctx.max_input_bytes);
    if (!loaded.ok()) {
      // A bad policy file is a usage problem, not a bad SBOM.
      std::cerr << "sbomhub: " << loaded.status().ToString() << "\n";
      ctx.exit_code = 2;
      return ctx.exit_code;
    }
    policy = std::move(loaded).value();
  }
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());

  const license::LicenseReport report = license::BuildLicenseReport(decoded->sbom, policy);
  if (opts.json) {
    JsonWriter w;
    w.BeginObject();
    w.Field("file", opts.file);
    w.Field("policy", opts.policy.empty() ? std::string("built-in default") : opts.policy);
    w.Field("licenseListVersion", license::LicenseListVersion());
    license::WriteLicenseReportFields(w, report);
    w.EndObject();
    std::cout << w.Take();
  } else {
    std::cout << opts.file << " (policy: " << (opts.policy.empty() ? "built-in default" : opts.policy)
              << ", SPDX License List " << license::LicenseListVersion() << ")\n\n"
              << license::FormatLicenseReport(report);
  }
  ctx.exit_code = report.denied > 0 ? 1 : 0;
  return ctx.exit_code;
}

}  // namespace

void RegisterLicenseCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<LicenseOptions>();
  auto* cmd = app.add_subcommand(
      "license",
      "List each component's license, judge it against a license policy and summarise the "
      "obligations per license category.\nExit 0 nothing denied, 1 a component is denied or the "
      "SBOM is invalid, 2 usage or I/O error.");
  cmd->add_option("file", opts->file, "SBOM file ('-' for standard input)")->required();
  cmd->add_option("--policy", opts->policy, "License policy file, YAML or JSON (see docs/licenses.md)");
  cmd->add_flag("--json", opts->json, "Print the report as JSON");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
