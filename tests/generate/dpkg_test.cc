#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "generate/dpkg/dpkg_cataloger.h"
#include "generate/generator.h"
#include "support/test_support.h"

namespace sbomhub::generate {
namespace {

const model::Component* FindByName(const model::Sbom& sbom, std::string_view name) {
  for (const auto& c : sbom.components) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

bool HasEdge(const model::Sbom& sbom, std::string_view from_name, std::string_view to_name) {
  const model::Component* f = FindByName(sbom, from_name);
  const model::Component* t = FindByName(sbom, to_name);
  if (f == nullptr || t == nullptr) return false;
  for (const auto& e : sbom.dependencies) {
    if (e.from == f->bom_ref && e.to == t->bom_ref) return true;
  }
  return false;
}

GenerateOutput Scan(const std::string& dir) {
  GenerateOptions options;
  options.catalogers = {"dpkg"};
  options.reproducible = true;
  auto out = Generate(testing::Fixture("generate", dir), options);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  return std::move(out).value();
}

TEST(DpkgCataloger, KeepsOnlyInstalledPackages) {
  GenerateOutput out = Scan("dpkg/rootfs");
  EXPECT_EQ(out.sbom.components.size(), 6u);
  EXPECT_EQ(FindByName(out.sbom, "removed-pkg"), nullptr);
}

TEST(DpkgCataloger, BuildsPurlWithDistroArchAndUpstream) {
  GenerateOutput out = Scan("dpkg/rootfs");
  const model::Component* libc = FindByName(out.sbom, "libc6");
  ASSERT_NE(libc, nullptr);
  EXPECT_EQ(libc->purl,
            "pkg:deb/debian/libc6@2.36-9%2Bdeb12u4?arch=amd64&distro=debian-12&upstream=glibc");
  EXPECT_EQ(libc->bom_ref, libc->purl);
  const model::Component* gcc = FindByName(out.sbom, "libgcc-s1");
  ASSERT_NE(gcc, nullptr);
  EXPECT_EQ(gcc->purl,
            "pkg:deb/debian/libgcc-s1@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12%4012.2.0-14");
  const model::Component* perl = FindByName(out.sbom, "perl-base");
  ASSERT_NE(perl, nullptr);
  EXPECT_EQ(perl->purl,
            "pkg:deb/debian/perl-base@1:5.36.0-7%2Bdeb12u1?arch=amd64&distro=debian-12&upstream=perl");
  const model::Component* base = FindByName(out.sbom, "gcc-12-base");
  ASSERT_NE(base, nullptr);
  EXPECT_EQ(base->purl, "pkg:deb/debian/gcc-12-base@12.2.0-14?arch=amd64&distro=debian-12&upstream=gcc-12");
}

TEST(DpkgCataloger, SupplierComesFromMaintainer) {
  GenerateOutput out = Scan("dpkg/rootfs");
  const model::Component* libc = FindByName(out.sbom, "libc6");
  ASSERT_NE(libc, nullptr);
  ASSERT_TRUE(libc->supplier.has_value());
  EXPECT_EQ(libc->supplier->name, "GNU Libc Maintainers");
  EXPECT_EQ(libc->supplier->email, "debian-glibc@lists.debian.org");
  EXPECT_EQ(libc->description, "GNU C Library: Shared libraries");
  EXPECT_EQ(libc->homepage, "https://www.gnu.org/software/libc/libc.html");
}

TEST(DpkgCataloger, LicensesComeFromMachineReadableCopyrightFilesOnly) {
  GenerateOutput out = Scan("dpkg/rootfs");
  const model::Component* libc = FindByName(out.sbom, "libc6");
  ASSERT_NE(libc, nullptr);
  ASSERT_EQ(libc->licenses.size(), 2u);
  EXPECT_EQ(libc->licenses[0].value, "GPL-2+");
  EXPECT_EQ(libc->licenses[1].value, "LGPL-2.1+");
  EXPECT_EQ(libc->licenses[0].kind, model::License::Kind::kName);
  EXPECT_TRUE(FindByName(out.sbom, "mawk")->licenses.empty());  // free-form copyright file
}

TEST(DpkgCataloger, DependsAndPreDependsBecomeEdgesIgnoringVersions) {
  GenerateOutput out = Scan("dpkg/rootfs");
  EXPECT_TRUE(HasEdge(out.sbom, "libc6", "libgcc-s1"));
  EXPECT_TRUE(HasEdge(out.sbom, "libgcc-s1", "gcc-12-base"));
  EXPECT_TRUE(HasEdge(out.sbom, "libgcc-s1", "libc6"));
  EXPECT_TRUE(HasEdge(out.sbom, "mawk", "libc6"));  // Pre-Depends
}

TEST(DpkgCataloger, AlternativesResolveToInstalledProviderAndMissingOnesAreDropped) {
  GenerateOutput out = Scan("dpkg/rootfs");
  // "gawk | awk": gawk is absent, mawk Provides awk.
  EXPECT_TRUE(HasEdge(out.sbom, "base-files", "mawk"));
  std::size_t from_base = 0;
  for (const auto& e : out.sbom.dependencies) from_base += e.from == FindByName(out.sbom, "base-files")->bom_ref;
  EXPECT_EQ(from_base, 1u);  // missing-pkg does not produce an edge
}

TEST(DpkgCataloger, RecordsSourceFileAndItsHash) {
  GenerateOutput out = Scan("dpkg/rootfs");
  const model::Component* libc = FindByName(out.sbom, "libc6");
  ASSERT_NE(libc, nullptr);
  std::string file, sha;
  for (const auto& p : libc->properties) {
    if (p.name == "sbomhub:source-file") file = p.value;
    if (p.name == "sbomhub:source-file-sha256") sha = p.value;
  }
  EXPECT_EQ(file, "var/lib/dpkg/status");
  EXPECT_EQ(sha.size(), 64u);
}

TEST(DpkgCataloger, StatusDirectoryEntriesCountWithoutStatusFieldAndSkipMd5sums) {
  GenerateOutput out = Scan("dpkg/distroless");
  ASSERT_EQ(out.sbom.components.size(), 1u);
  EXPECT_EQ(out.sbom.components[0].purl,
            "pkg:deb/debian/tzdata@2024a-0%2Bdeb12u1?arch=all&distro=debian-12");
  // The corrupt stanza file is reported with its path and skipped.
  bool reported = false;
  for (const auto& d : out.diagnostics.items()) {
    if (d.severity == Severity::kError && d.file == "var/lib/dpkg/status.d/broken") reported = true;
  }
  EXPECT_TRUE(reported);
}

TEST(DpkgCataloger, MalformedLinesAreWarningsWithLineNumbers) {
  CatalogOutput out;
  Environment env{"ubuntu", "22.04"};
  Status s = dpkg::ParseDpkgStatus(
      "Package: a\nStatus: install ok installed\nVersion: 1\ngarbage line\nArchitecture: arm64\n",
      env, false, out);
  ASSERT_TRUE(s.ok()) << s.ToString();
  ASSERT_EQ(out.components.size(), 1u);
  EXPECT_EQ(out.components[0].purl, "pkg:deb/ubuntu/a@1?arch=arm64&distro=ubuntu-22.04");
  ASSERT_EQ(out.diagnostics.items().size(), 1u);
  EXPECT_EQ(out.diagnostics.items()[0].line, 4u);
}

TEST(DpkgCataloger, AcceptsOnlyStatusDatabasePaths) {
  dpkg::DpkgCataloger c;
  auto accepts = [&](std::string p) { return c.Accepts(FileInfo{std::move(p), 0, false}); };
  EXPECT_TRUE(accepts("var/lib/dpkg/status"));
  EXPECT_TRUE(accepts("images/rootfs/var/lib/dpkg/status"));
  EXPECT_TRUE(accepts("var/lib/dpkg/status.d/libssl3"));
  EXPECT_FALSE(accepts("var/lib/dpkg/status.d/libssl3.md5sums"));
  EXPECT_FALSE(accepts("var/lib/dpkg/status-old"));
  EXPECT_FALSE(accepts("xvar/lib/dpkg/status.d/a"));
}

// Scanning this machine's root with only the dpkg cataloger finds exactly what dpkg-query says
// is installed.
TEST(DpkgCataloger, RealRootMatchesDpkgQueryInstalledCount) {
  FILE* pipe = ::popen("dpkg-query -W -f='${Status}\\n' 2>/dev/null | grep -c 'install ok installed'", "r");
  if (pipe == nullptr) GTEST_SKIP() << "cannot run dpkg-query";
  char buf[64] = {0};
  std::size_t n = std::fread(buf, 1, sizeof buf - 1, pipe);
  int rc = ::pclose(pipe);
  long expected = std::strtol(std::string(buf, n).c_str(), nullptr, 10);
  if (rc != 0 || expected <= 0) GTEST_SKIP() << "dpkg-query is absent or lists no packages";

  GenerateOptions options;
  options.catalogers = {"dpkg"};
  auto out = Generate("/", options);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  std::size_t from_root_db = 0;
  for (const auto& c : out->sbom.components) {
    for (const auto& p : c.properties) {
      if (p.name == "sbomhub:source-file" && (p.value == "var/lib/dpkg/status" ||
                                               p.value.starts_with("var/lib/dpkg/status.d/"))) {
        ++from_root_db;
        break;
      }
    }
  }
  EXPECT_EQ(static_cast<long>(from_root_db), expected);
}

}  // namespace
}  // namespace sbomhub::generate
