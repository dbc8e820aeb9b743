// sbomhub validate FILE... [--json]
// Exit 0 when every file is valid, 1 when any is invalid, 2 on a usage or I/O error.
#include <iostream>

#include "base/json_writer.h"
#include "cli/command.h"
#include "cli/sbom_input.h"

namespace sbomhub::cli {
namespace {

struct ValidateOptions {
  std::vector<std::string> files;
  bool json = false;
  bool verbose = false;
};

struct FileResult {
  std::string file;
  bool valid = false;
  bool io_error = false;
  std::string format;
  std::string encoding;
  std::string spec_version;
  std::size_t components = 0;
  Diagnostics diagnostics;
};

FileResult ValidateOne(const Context& ctx, const std::string& path) {
  FileResult r;
  r.file = path;
  auto decoded = LoadSbom(ctx, path);
  if (!decoded.ok()) {
    r.io_error = decoded.status().code() == StatusCode::kIoError;
    r.diagnostics.Add(DiagnosticFromFailure(decoded.status(), path));
    return r;
  }
  r.format = std::string(model::SpecFamilyName(decoded->id.family));
  r.encoding = std::string(model::EncodingName(decoded->id.encoding));
  r.spec_version = decoded->id.spec_version;
  r.components = model::CountComponents(decoded->sbom);
  r.diagnostics = std::move(decoded->diagnostics);
  r.diagnostics.SetFile(path);
  r.valid = !r.diagnostics.HasErrors();
  return r;
}

int Run(Context& ctx, const ValidateOptions& opts) {
  std::vector<FileResult> results;
  results.reserve(opts.files.size());
  bool any_invalid = false, any_io = false;
  for (const auto& f : opts.files) {
    results.push_back(ValidateOne(ctx, f));
    any_invalid |= !results.back().valid;
    any_io |= results.back().io_error;
  }
  if (opts.json) {
    JsonWriter w;
    w.BeginObject().Field("valid", !any_invalid).Key("files").BeginArray();
    for (const auto& r : results) {
      w.BeginObject().Field("file", r.file).Field("valid", r.valid);
      if (!r.format.empty()) {
        w.Field("format", r.format).Field("encoding", r.encoding).Field("specVersion", r.spec_version);
        w.Field("componentCount", static_cast<std::uint64_t>(r.components));
      }
      w.Field("errorCount", static_cast<std::uint64_t>(r.diagnostics.ErrorCount()));
      w.Key("diagnostics").BeginArray();
      for (const auto& d : r.diagnostics.items()) WriteDiagnosticJson(w, d);
      w.EndArray().EndObject();
    }
    w.EndArray().EndObject();
    std::cout << w.Take();
  } else {
    for (const auto& r : results) {
      PrintDiagnostics(r.diagnostics, opts.verbose);
      if (r.valid) {
        std::cout << r.file << ": valid " << r.format << " " << r.spec_version << " (" << r.encoding
                  << ", " << r.components << " components)\n";
      } else {
        std::cout << r.file << ": INVALID (" << r.diagnostics.ErrorCount() << " error"
                  << (r.diagnostics.ErrorCount() == 1 ? "" : "s") << ")\n";
      }
    }
  }
  ctx.exit_code = any_io ? 2 : any_invalid ? 1 : 0;
  return ctx.exit_code;
}

}  // namespace

void RegisterValidateCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ValidateOptions>();
  auto* cmd = app.add_subcommand(
      "validate",
      "Validate SBOM files against their declared spec version (CycloneDX 1.2–1.6 JSON/XML, "
      "SPDX 2.2/2.3 JSON/tag-value, SPDX 3.0 JSON-LD).\nExit 0 all valid, 1 any invalid, 2 usage "
      "or I/O error.");
  cmd->add_option("files", opts->files, "SBOM files ('-' for standard input)")->required();
  cmd->add_flag("--json", opts->json, "Print results and diagnostics as JSON");
  cmd->add_flag("-v,--verbose", opts->verbose, "Also print informational diagnostics");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
