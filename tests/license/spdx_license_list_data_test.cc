#include <gtest/gtest.h>

#include <filesystem>

#include "license/spdx_license_list.h"
#include "support/test_support.h"

namespace sbomhub::license {
namespace {

// The committed table must list every license and exception of the license-list-XML release it
// claims to come from (catches a stale table after the data is updated).
TEST(SpdxLicenseListSharedData, TableMatchesLicenseListXmlFiles) {
  namespace fs = std::filesystem;
  const fs::path src = testing::SharedData("spdx-license-list-xml/src");
  std::size_t licenses = 0;
  for (const auto& e : fs::directory_iterator(src)) {
    if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
    ++licenses;
    EXPECT_NE(FindLicense(e.path().stem().string()), nullptr) << e.path();
  }
  std::size_t exceptions = 0;
  for (const auto& e : fs::directory_iterator(src / "exceptions")) {
    if (!e.is_regular_file() || e.path().extension() != ".xml") continue;
    ++exceptions;
    EXPECT_NE(FindException(e.path().stem().string()), nullptr) << e.path();
  }
  EXPECT_EQ(licenses, AllLicenses().size());
  EXPECT_EQ(exceptions, AllExceptions().size());
}

}  // namespace
}  // namespace sbomhub::license
