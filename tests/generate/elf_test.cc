#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/file.h"
#include "generate/elf/elf_cataloger.h"
#include "generate/elf/elf_file.h"
#include "test_util.h"

namespace sbomhub::generate {
namespace {

using ::testing::UnorderedElementsAre;
using testutil::Edges;
using testutil::ScanBuiltFixture;

const model::Component* ByRef(const model::Sbom& sbom, std::string_view ref) {
  for (const auto& c : sbom.components) {
    if (c.bom_ref == ref) return &c;
  }
  return nullptr;
}

TEST(ElfCataloger, SonameNeededEdgesPackageNoteAndEmbeddedLibraries) {
  auto out = ScanBuiltFixture("elf/rootfs", {"elf"});
  const auto* lib = ByRef(out.sbom, "sbomhub:file:usr/lib/libdemo.so.1");
  ASSERT_NE(lib, nullptr);
  EXPECT_EQ(lib->purl, "pkg:rpm/fedora/demo-libs@1.2.3-4.fc38?arch=x86_64&distro=fedora-38");
  EXPECT_EQ(lib->type, model::ComponentType::kLibrary);
  ASSERT_EQ(lib->hashes.size(), 1u);
  EXPECT_EQ(lib->hashes[0].value.size(), 64u);
  const auto* app = ByRef(out.sbom, "sbomhub:file:usr/bin/demo-app");
  ASSERT_NE(app, nullptr);
  EXPECT_EQ(app->type, model::ComponentType::kApplication);
  // libc.so.6 is not in the scanned tree, so only the edge to libdemo survives.
  EXPECT_THAT(Edges(out.sbom),
              UnorderedElementsAre("sbomhub:file:usr/bin/demo-app -> sbomhub:file:usr/lib/libdemo.so.1",
                                   "sbomhub:file:usr/lib/libdemo.so.1 -> pkg:generic/openssl@3.0.11",
                                   "sbomhub:file:usr/lib/libdemo.so.1 -> pkg:generic/zlib@1.2.13"));
  const auto* openssl = ByRef(out.sbom, "pkg:generic/openssl@3.0.11");
  ASSERT_NE(openssl, nullptr);
  ASSERT_EQ(openssl->cpes.size(), 1u);
  EXPECT_EQ(openssl->cpes[0], "cpe:2.3:a:openssl:openssl:3.0.11:*:*:*:*:*:*:*");
  // The shell script is executable but not ELF: nothing, and no error.
  EXPECT_EQ(ByRef(out.sbom, "sbomhub:file:usr/bin/script.sh"), nullptr);
}

TEST(ElfCataloger, TruncatedElfIsReportedWithItsPathAndSkipped) {
  auto out = ScanBuiltFixture("elf/rootfs", {"elf"});
  EXPECT_TRUE(testutil::HasErrorFor(out, "usr/lib/libbroken.so"));
  EXPECT_EQ(ByRef(out.sbom, "sbomhub:file:usr/lib/libbroken.so"), nullptr);
}

TEST(ElfFile, RejectsSectionTableOutsideTheFile) {
  auto bytes = ReadFile(testutil::BuiltFixture("elf/rootfs/usr/lib/libdemo.so.1"));
  ASSERT_TRUE(bytes.ok());
  std::string cut = bytes->substr(0, bytes->size() / 2);  // section headers live at the end
  auto parsed = elf::ElfFile::Parse(cut);
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kParseError);
}

TEST(ElfFile, ReadsOwnTestBinaryDynamicSection) {
  auto bytes = ReadFile("/proc/self/exe");
  ASSERT_TRUE(bytes.ok());
  auto parsed = elf::ElfFile::Parse(*bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_THAT(parsed->needed(), ::testing::Contains("libc.so.6"));
}

}  // namespace
}  // namespace sbomhub::generate
