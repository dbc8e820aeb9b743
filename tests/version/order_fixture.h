// Reads version-order fixture files: one comparison a line ("1.0.0.dev1 < 1.0.0", '=' and '>'
// too); blank lines and lines starting with '#' or "//" are comments. Checks each comparison both
// ways round (a op b and b op' a) so antisymmetry is tested too.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "version/version.h"

namespace sbomhub::version::testing {

struct OrderResult {
  std::size_t total = 0;
  std::size_t passed = 0;
  std::vector<std::string> failures;  // "file:line: text (got ...)", first few only
};

// Checks every comparison of `path` under `scheme`. A line that cannot be read or a version that
// does not parse counts as a failure.
OrderResult CheckOrderFile(const std::string& path, Scheme scheme);

}  // namespace sbomhub::version::testing
