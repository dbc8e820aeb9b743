// sbomhub generate PATH|IMAGE.tar [--to FORMAT] [-o OUT] [--name N --version V --supplier S --author A]
//                       [--reproducible] [--catalogers a,b] [--compact] [-q]
// Writes the SBOM to OUT (standard output by default). stderr gets a summary, every per-file
// problem (file + reason), what the target format cannot carry, and the NTIA minimum elements the
// SBOM could not fill. Per-file problems do not change the exit code: the SBOM is still produced.
#include "cli/generate_command.h"

#include <chrono>
#include <iostream>
#include <memory>

#include "base/file.h"
#include "formats/registry.h"
#include "generate/generator.h"
#include "generate/oci/image.h"

namespace sbomhub::cli {
namespace {

struct GenerateCliOptions {
  std::string path;
  std::string to = "cyclonedx-json";
  std::string output = "-";
  std::string name, version, supplier, author;
  std::vector<std::string> catalogers;
  bool reproducible = false;
  bool compact = false;
  bool quiet = false;
};

int Run(Context& ctx, const GenerateCliOptions& opts) {
  generate::GenerateOptions gopts;
  gopts.name = opts.name;
  gopts.version = opts.version;
  gopts.supplier = opts.supplier;
  gopts.author = opts.author;
  gopts.reproducible = opts.reproducible;
  gopts.catalogers = opts.catalogers;
  if (ctx.max_input_bytes < gopts.max_file_bytes) gopts.max_file_bytes = ctx.max_input_bytes;

  auto started = std::chrono::steady_clock::now();
  // A file (docker save / OCI tarball) or an OCI layout directory is an image; anything else a tree.
  auto generated = generate::LooksLikeImage(opts.path) ? generate::GenerateFromImage(opts.path, gopts)
                                                       : generate::Generate(opts.path, gopts);
  if (!generated.ok()) return Fail(ctx, generated.status());
  model::Sbom& sbom = generated->sbom;

  formats::EncodeOptions eopts;
  eopts.pretty = !opts.compact;
  if (opts.to.rfind("cyclonedx", 0) == 0) {
    eopts.spec_version = sbom.spec_version;
    sbom.document_name.clear();  // SPDX-only; CycloneDX would carry it as an extra property
  } else {
    // The generator builds the CycloneDX-family model; SPDX encoders pick their newest version.
    sbom.family = model::SpecFamily::kSpdx;
    sbom.spec_version.clear();
  }
  auto encoded = formats::EncodeSbom(sbom, opts.to, eopts);
  if (!encoded.ok()) return Fail(ctx, encoded.status());
  Status written = WriteFile(opts.output, encoded->bytes);
  if (!written.ok()) return Fail(ctx, written);
  auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

  if (!opts.quiet) {
    for (const Diagnostic& d : generated->diagnostics.items()) {
      if (d.severity == Severity::kInfo) continue;
      std::cerr << d.ToString() << "\n";
    }
    for (const Diagnostic& w : encoded->warnings.items()) {
      std::cerr << opts.to << ": " << SeverityName(w.severity) << ": " << w.message << "\n";
    }
    const generate::GenerateStats& st = generated->stats;
    std::cerr << "sbomhub: " << sbom.components.size() << " components, " << sbom.dependencies.size()
              << " dependency edges from " << st.files_cataloged << " of " << st.files_seen << " files in "
              << st.directories << " directories (" << elapsed.count() << " ms)\n";
    std::vector<std::string> missing = generate::MissingNtiaElements(sbom);
    if (missing.empty()) {
      std::cerr << "sbomhub: all NTIA minimum elements are present\n";
    } else {
      std::cerr << "sbomhub: NTIA minimum elements not filled:\n";
      for (const std::string& m : missing) std::cerr << "  - " << m << "\n";
    }
  }
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterGenerateCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<GenerateCliOptions>();
  auto* cmd = app.add_subcommand("generate", "Generate an SBOM by cataloging a directory tree");
  cmd->add_option("path", opts->path, "Directory to scan, or a container image (docker save / OCI tarball or layout)")
      ->required();
  cmd->add_option("--to", opts->to, "Output format (default: cyclonedx-json)")
      ->check(CLI::IsMember({"cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv"}));
  cmd->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  cmd->add_option("--name", opts->name, "Primary component name (default: the directory name)");
  cmd->add_option("--version", opts->version, "Primary component version");
  cmd->add_option("--supplier", opts->supplier, "Supplier of the primary component");
  cmd->add_option("--author", opts->author, "Author of the SBOM data");
  cmd->add_option("--catalogers", opts->catalogers, "Only these catalogers (comma-separated)")->delimiter(',');
  cmd->add_flag("--reproducible", opts->reproducible,
                "Deterministic output: no timestamp (unless SOURCE_DATE_EPOCH), content-derived serial");
  cmd->add_flag("--compact", opts->compact, "Compact JSON output (no indentation)");
  cmd->add_flag("-q,--quiet", opts->quiet, "Do not print diagnostics or the summary");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
