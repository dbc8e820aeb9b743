// Paths for tests: the shared third-party data, this repo's fixtures, the build tree.
// The locations are compiled into one small file (test_paths.cc) so the rest of the test code
// does not depend on where the checkout lives (and compiler caches stay valid across clones).
#pragma once

#include <filesystem>
#include <string>

namespace sbomhub::testing {

// $SBOMHUB_SHARED_DATA, else <repo>/../shared/data.
std::string SharedDataDir();

inline bool HasSharedData() { return std::filesystem::is_directory(SharedDataDir()); }

// SharedData("purl-spec/tests") -> "<shared>/purl-spec/tests"
inline std::string SharedData(const std::string& relative) { return SharedDataDir() + "/" + relative; }

// <repo>/tests
std::string TestsDir();

// Fixture("model", "purl/x.json") -> "<repo>/tests/model/testdata/purl/x.json"
inline std::string Fixture(const std::string& module, const std::string& relative) {
  return TestsDir() + "/" + module + "/testdata/" + relative;
}

// The CMake build directory (where build/sbomhub lives).
std::string BuildDir();

}  // namespace sbomhub::testing
