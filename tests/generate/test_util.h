// Helpers for generate tests: run the generator on a fixture and look things up in the result.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "generate/generator.h"
#include "support/test_support.h"

namespace sbomhub::generate::testutil {

// Binary fixtures (ELF files, image tarballs, jars, rpmdb.sqlite) are not committed: the build
// writes them from readable sources in testdata/ (tests/generate/CMakeLists.txt), into
// BuiltFixture("elf/rootfs") -> "<build>/tests/generate/testdata/elf/rootfs".
inline std::string BuiltFixture(const std::string& relative) {
  return testing::BuildDir() + "/tests/generate/testdata/" + relative;
}

inline GenerateOutput ScanDirectory(const std::string& path, std::vector<std::string> catalogers = {}) {
  GenerateOptions options;
  options.catalogers = std::move(catalogers);
  options.reproducible = true;
  options.name = "fixture";
  auto out = Generate(path, options);
  EXPECT_TRUE(out.ok()) << out.status().ToString();
  if (!out.ok()) return {};
  return std::move(out).value();
}

// ScanFixture("npm/lock-v3") scans <repo>/tests/generate/testdata/npm/lock-v3.
inline GenerateOutput ScanFixture(const std::string& dir, std::vector<std::string> catalogers = {}) {
  return ScanDirectory(testing::Fixture("generate", dir), std::move(catalogers));
}

// ScanBuiltFixture("elf/rootfs") scans the tree the build wrote (see BuiltFixture).
inline GenerateOutput ScanBuiltFixture(const std::string& dir, std::vector<std::string> catalogers = {}) {
  return ScanDirectory(BuiltFixture(dir), std::move(catalogers));
}

inline const model::Component* ByPurl(const model::Sbom& sbom, std::string_view purl) {
  for (const auto& c : sbom.components) {
    if (c.purl == purl) return &c;
  }
  return nullptr;
}

inline std::vector<std::string> Purls(const model::Sbom& sbom) {
  std::vector<std::string> out;
  for (const auto& c : sbom.components) out.push_back(c.purl);
  std::sort(out.begin(), out.end());
  return out;
}

// Edges as "from -> to" with the primary component spelled "ROOT".
inline std::vector<std::string> Edges(const model::Sbom& sbom) {
  std::vector<std::string> out;
  for (const auto& e : sbom.dependencies) {
    std::string from = sbom.primary && e.from == sbom.primary->bom_ref ? "ROOT" : e.from;
    out.push_back(from + " -> " + e.to);
  }
  std::sort(out.begin(), out.end());
  return out;
}

inline bool HasErrorFor(const GenerateOutput& out, std::string_view file) {
  for (const auto& d : out.diagnostics.items()) {
    if (d.severity == Severity::kError && d.file == file) return true;
  }
  return false;
}

}  // namespace sbomhub::generate::testutil
