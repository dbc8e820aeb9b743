// `sbomhub generate PATH`: catalog a directory tree into an SBOM (see src/generate/generator.h).
// Listed in main.cc next to the other Register functions; links sbomhub_generate and
// sbomhub_formats.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace sbomhub::cli {

void RegisterGenerateCommand(CLI::App& app, Context& ctx);

}  // namespace sbomhub::cli
