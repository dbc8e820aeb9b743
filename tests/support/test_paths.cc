#include <cstdlib>

#include "support/test_support.h"

namespace sbomhub::testing {

std::string SharedDataDir() {
  if (const char* env = std::getenv("SBOMHUB_SHARED_DATA"); env != nullptr && *env != '\0') return env;
  return SBOMHUB_SHARED_DATA_DIR;
}

std::string TestsDir() { return SBOMHUB_TESTS_DIR; }

std::string BuildDir() { return SBOMHUB_BUILD_DIR; }

}  // namespace sbomhub::testing
