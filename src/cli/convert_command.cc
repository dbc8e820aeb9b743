// sbomhub convert FILE --to FORMAT [--spec-version V] [-o OUT]
// Everything the target cannot carry is reported on stderr as a warning; nothing is dropped
// silently.
#include <iostream>

#include "base/file.h"
#include "cli/command.h"
#include "cli/sbom_input.h"

namespace sbomhub::cli {
namespace {

struct ConvertOptions {
  std::string file;
  std::string to;
  std::string spec_version;
  std::string output = "-";
  bool compact = false;
  bool quiet = false;
};

int Run(Context& ctx, const ConvertOptions& opts) {
  auto codec = formats::CodecByName(opts.to);
  if (!codec.ok()) return Fail(ctx, codec.status());
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());
  decoded->diagnostics.SetFile(opts.file);
  std::size_t input_errors = decoded->diagnostics.ErrorCount();
  if (!opts.quiet) PrintDiagnostics(decoded->diagnostics, false);
  if (input_errors > 0 && !opts.quiet) {
    std::cerr << opts.file << ": warning: input has " << input_errors
              << " validation error(s); converting what could be read\n";
  }

  formats::EncodeOptions eopts;
  eopts.spec_version = opts.spec_version;
  eopts.pretty = !opts.compact;
  auto encoded = (*codec)->Encode(decoded->sbom, eopts);
  if (!encoded.ok()) return Fail(ctx, encoded.status());
  if (!opts.quiet) {
    for (const auto& w : encoded->warnings.items()) {
      std::cerr << opts.file << ": " << SeverityName(w.severity) << ": " << w.message;
      if (!w.rule.empty()) std::cerr << " [" << w.rule << "]";
      std::cerr << "\n";
    }
  }
  Status written = WriteFile(opts.output, encoded->bytes);
  if (!written.ok()) return Fail(ctx, written);
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterConvertCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ConvertOptions>();
  auto* cmd = app.add_subcommand(
      "convert", "Convert an SBOM to another format; what the target cannot carry is listed as warnings");
  cmd->add_option("file", opts->file, "SBOM file ('-' for standard input)")->required();
  cmd->add_option("--to", opts->to, "Target format")
      ->required()
      ->check(CLI::IsMember({"cyclonedx-json", "cyclonedx-xml", "spdx-json", "spdx-tv"}));
  cmd->add_option("--spec-version", opts->spec_version,
                  "Target spec version (CycloneDX 1.4|1.5|1.6, SPDX 2.3; default: newest)");
  cmd->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  cmd->add_flag("--compact", opts->compact, "Compact JSON output (no indentation)");
  cmd->add_flag("-q,--quiet", opts->quiet, "Do not print warnings");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
