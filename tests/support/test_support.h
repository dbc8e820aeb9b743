// Paths for tests: the shared third-party data, this repo's fixtures, the build tree.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

namespace sbomhub::testing {

inline std::string SharedDataDir() {
  if (const char* env = std::getenv("SBOMHUB_SHARED_DATA")) return env;
  return SBOMHUB_SHARED_DATA_DIR;
}

inline bool HasSharedData() { return std::filesystem::is_directory(SharedDataDir()); }

// SharedData("purl-spec/tests") -> "<shared>/purl-spec/tests"
inline std::string SharedData(const std::string& relative) { return SharedDataDir() + "/" + relative; }

// Fixture("model", "purl/x.json") -> "<repo>/tests/model/testdata/purl/x.json"
inline std::string Fixture(const std::string& module, const std::string& relative) {
  return std::string(SBOMHUB_TESTS_DIR) + "/" + module + "/testdata/" + relative;
}

inline std::string BuildDir() { return SBOMHUB_BUILD_DIR; }

}  // namespace sbomhub::testing
