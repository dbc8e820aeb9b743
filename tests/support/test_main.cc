// Test entry point. Suites that read ../shared/data exit 77 (ctest: skipped) when it is absent,
// so a fresh clone without the data still passes.
#include <gtest/gtest.h>

#include <cstdio>

#include "support/test_support.h"

int main(int argc, char** argv) {
#ifdef SBOMHUB_NEEDS_SHARED_DATA
  if (!sbomhub::testing::HasSharedData()) {
    std::printf("skipped: shared data not found at %s (set SBOMHUB_SHARED_DATA)\n",
                sbomhub::testing::SharedDataDir().c_str());
    return 77;
  }
#endif
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
