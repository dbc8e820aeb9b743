#include "license/spdx_license_list.h"

#include <gtest/gtest.h>

#include <string>

#include "base/text.h"

namespace sbomhub::license {
namespace {

TEST(SpdxLicenseList, FindsLicenseIgnoringCase) {
  const LicenseInfo* mit = FindLicense("mit");
  ASSERT_NE(mit, nullptr);
  EXPECT_EQ(mit->id, "MIT");
  EXPECT_EQ(mit->name, "MIT License");
  EXPECT_TRUE(mit->osi_approved);
  EXPECT_FALSE(mit->deprecated);
  ASSERT_NE(FindLicense("APACHE-2.0"), nullptr);
  EXPECT_EQ(FindLicense("APACHE-2.0")->id, "Apache-2.0");
}

TEST(SpdxLicenseList, MarksDeprecatedIds) {
  const LicenseInfo* gpl2 = FindLicense("GPL-2.0");
  ASSERT_NE(gpl2, nullptr);
  EXPECT_TRUE(gpl2->deprecated);
  ASSERT_NE(FindLicense("GPL-2.0+"), nullptr);
  EXPECT_TRUE(FindLicense("GPL-2.0+")->deprecated);
  ASSERT_NE(FindLicense("GPL-2.0-only"), nullptr);
  EXPECT_FALSE(FindLicense("GPL-2.0-only")->deprecated);
}

TEST(SpdxLicenseList, KeepsLicensesAndExceptionsApart) {
  EXPECT_EQ(FindLicense("Classpath-exception-2.0"), nullptr);
  const ExceptionInfo* cp = FindException("classpath-EXCEPTION-2.0");
  ASSERT_NE(cp, nullptr);
  EXPECT_EQ(cp->id, "Classpath-exception-2.0");
  EXPECT_EQ(FindException("MIT"), nullptr);
}

TEST(SpdxLicenseList, RejectsNearMissesAndEmpty) {
  EXPECT_EQ(FindLicense(""), nullptr);
  EXPECT_EQ(FindLicense("MIT "), nullptr);
  EXPECT_EQ(FindLicense("MI"), nullptr);
  EXPECT_EQ(FindLicense("MITT"), nullptr);
  EXPECT_EQ(FindLicense("zzzz"), nullptr);
  EXPECT_EQ(FindException(""), nullptr);
}

TEST(SpdxLicenseList, CarriesFsfFlagFromPublishedList) {
  ASSERT_NE(FindLicense("GPL-3.0-or-later"), nullptr);
  EXPECT_TRUE(FindLicense("GPL-3.0-or-later")->fsf_libre);
  ASSERT_NE(FindLicense("0BSD"), nullptr);
  EXPECT_FALSE(FindLicense("0BSD")->fsf_libre);
}

TEST(SpdxLicenseList, TablesAreSortedUniqueAndEveryRowIsFound) {
  EXPECT_EQ(LicenseListVersion(), "3.28.0");
  auto lic = AllLicenses();
  ASSERT_GT(lic.size(), 700u);
  for (std::size_t i = 0; i < lic.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(AsciiLower(lic[i - 1].id), AsciiLower(lic[i].id)) << lic[i].id;
    }
    EXPECT_EQ(FindLicense(lic[i].id), &lic[i]);
    EXPECT_EQ(FindLicense(AsciiUpper(lic[i].id)), &lic[i]);
  }
  auto exc = AllExceptions();
  ASSERT_GT(exc.size(), 80u);
  for (std::size_t i = 0; i < exc.size(); ++i) {
    if (i > 0) {
      EXPECT_LT(AsciiLower(exc[i - 1].id), AsciiLower(exc[i].id)) << exc[i].id;
    }
    EXPECT_EQ(FindException(exc[i].id), &exc[i]);
  }
}

}  // namespace
}  // namespace sbomhub::license
