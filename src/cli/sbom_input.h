// Reading SBOM files for CLI commands, and turning a failed decode into a positioned Diagnostic.
#pragma once

#include <string>

#include "base/diagnostic.h"
#include "cli/command.h"
#include "formats/registry.h"

namespace sbomhub::cli {

Result<formats::Decoded> LoadSbom(const Context& ctx, const std::string& path);

// A decoder failure ("file:12:5: malformed JSON: ...") as a Diagnostic with file, line and column
// split out, so --json output carries them as fields.
Diagnostic DiagnosticFromFailure(const Status& status, const std::string& file);

// Prints diagnostics one per line to stderr (errors and warnings; info only when `verbose`).
void PrintDiagnostics(const Diagnostics& diagnostics, bool verbose);

}  // namespace sbomhub::cli
