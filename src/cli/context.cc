#include <cstdlib>
#include <iostream>

#include "cli/command.h"

namespace sbomhub::cli {

std::string Context::ResolvedDataDir() const {
  if (!data_dir.empty()) return data_dir;
  if (const char* env = std::getenv("SBOMHUB_DATA"); env != nullptr && *env != '\0') return env;
  if (const char* home = std::getenv("HOME"); home != nullptr && *home != '\0') {
    return std::string(home) + "/.local/share/sbomhub";
  }
  return ".sbomhub";
}

int Fail(Context& ctx, const Status& status) {
  std::cerr << "sbomhub: " << status.message() << "\n";
  ctx.exit_code = ExitCodeFor(status);
  return ctx.exit_code;
}

}  // namespace sbomhub::cli
