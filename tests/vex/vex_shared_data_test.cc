// Every VEX example in ../shared/data: OpenVEX (spec, go-vex, vexctl, tutorials — including the
// JSON blocks of the Markdown documents), CSAF VEX (OASIS examples, Red Hat), CycloneDX VEX
// (bom-examples use cases, the specification's vulnerability test files). Each must read, and
// round-trip through the writer of its own format with the same statements. The CycloneDX
// BOM + VEX pairs exercise MatchStatements. Totals are printed ("openvex: read 25/25").
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "formats/registry.h"
#include "support/test_support.h"
#include "vex/vex.h"

namespace sbomhub::vex {
namespace {

namespace fs = std::filesystem;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::vector<fs::path> JsonFilesUnder(const std::string& relative) {
  std::vector<fs::path> out;
  fs::path root = testing::SharedData(relative);
  if (!fs::exists(root)) return out;
  for (const auto& e : fs::recursive_directory_iterator(root)) {
    if (e.is_regular_file() && e.path().extension() == ".json") out.push_back(e.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Reads `bytes`, rewrites in the same format, reads again: the statements must be equal.
::testing::AssertionResult ReadsAndRoundTrips(const std::string& bytes, const std::string& name,
                                              VexFormat expected, std::size_t* statements = nullptr) {
  auto doc = ReadVex(bytes, name);
  if (!doc.ok()) return ::testing::AssertionFailure() << doc.status().ToString();
  if (doc->format != expected) return ::testing::AssertionFailure() << name << ": wrong format";
  for (const auto& st : doc->statements) {
    if (st.vulnerability.empty()) return ::testing::AssertionFailure() << name << ": statement without id";
  }
  if (statements != nullptr) *statements += doc->statements.size();
  auto written = WriteVex(*doc, expected);
  if (!written.ok()) return ::testing::AssertionFailure() << name << ": write: " << written.status().ToString();
  auto again = ReadVex(*written, name + " (rewritten)");
  if (!again.ok()) return ::testing::AssertionFailure() << again.status().ToString();
  if (again->statements != doc->statements) {
    std::size_t i = 0;
    while (i < doc->statements.size() && i < again->statements.size() &&
           doc->statements[i] == again->statements[i]) {
      ++i;
    }
    // Show the first differing statement in one neutral form (OpenVEX) before and after.
    VexDocument before, after;
    if (i < doc->statements.size()) before.statements.push_back(doc->statements[i]);
    if (i < again->statements.size()) after.statements.push_back(again->statements[i]);
    return ::testing::AssertionFailure() << name << ": statement " << i << " changed in the round trip ("
                                         << doc->statements.size() << " -> " << again->statements.size()
                                         << ")\nbefore: " << WriteOpenVex(before).value()
                                         << "\nafter: " << WriteOpenVex(after).value();
  }
  return ::testing::AssertionSuccess();
}

TEST(VexSharedData, OpenVexDocuments) {
  std::size_t total = 0, read = 0, statements = 0;
  for (const auto& path : JsonFilesUnder("openvex")) {
    std::string bytes = Slurp(path);
    if (IdentifyVex(bytes) != VexFormat::kOpenVex) continue;  // schemas, SARIF, CSAF inputs
    ++total;
    auto ok = ReadsAndRoundTrips(bytes, path.string(), VexFormat::kOpenVex, &statements);
    EXPECT_TRUE(ok) << path;
    if (ok) ++read;
  }
  std::printf("openvex: read %zu/%zu documents, %zu statements\n", read, total, statements);
  EXPECT_GE(total, 20u);  // the MANIFEST's go-vex, vexctl and example documents
  EXPECT_EQ(read, total);
}

// The spec and tutorials show documents inline. Complete, well-formed ones must read; the ones
// abbreviated with comments or "..." are not JSON and must be rejected as parse errors.
TEST(VexSharedData, OpenVexMarkdownExamples) {
  const std::regex block("```json\\n([\\s\\S]*?)```");
  std::size_t complete = 0, read = 0, abbreviated = 0, rejected = 0;
  for (const char* md : {"openvex/spec/OPENVEX-SPEC.md", "openvex/examples-repo/tutorials/tutorial02-merge.md",
                         "openvex/vexctl/examples/csaf/README.md"}) {
    std::string text = Slurp(testing::SharedData(md));
    ASSERT_FALSE(text.empty()) << md;
    std::size_t n = 0;
    for (std::sregex_iterator it(text.begin(), text.end(), block), end; it != end; ++it, ++n) {
      std::string json = (*it)[1].str();
      if (json.find("\"@context\"") == std::string::npos) continue;  // statement fragments
      std::string name = std::string(md) + "#block" + std::to_string(n);
      if (nlohmann::json::accept(json)) {
        ++complete;
        auto ok = ReadsAndRoundTrips(json, name, VexFormat::kOpenVex);
        EXPECT_TRUE(ok) << name;
        if (ok) ++read;
      } else {
        ++abbreviated;
        auto doc = ReadVex(json, name);
        EXPECT_FALSE(doc.ok()) << name;
        if (!doc.ok() && doc.status().code() == StatusCode::kParseError) ++rejected;
      }
    }
  }
  std::printf("openvex markdown: read %zu/%zu complete examples, rejected %zu/%zu abbreviated ones\n", read,
              complete, rejected, abbreviated);
  EXPECT_GE(complete, 5u);
  EXPECT_EQ(read, complete);
  EXPECT_EQ(rejected, abbreviated);
}

TEST(VexSharedData, CsafVexOasisExamples) {
  for (const char* version : {"2.0", "2.1"}) {
    std::size_t total = 0, read = 0, statements = 0;
    for (const auto& path : JsonFilesUnder(std::string("csaf-oasis/csaf_") + version + "/examples/csaf/csaf_vex")) {
      ++total;
      auto ok = ReadsAndRoundTrips(Slurp(path), path.string(), VexFormat::kCsaf, &statements);
      EXPECT_TRUE(ok) << path;
      if (ok) ++read;
    }
    std::printf("csaf-oasis %s csaf_vex: read %zu/%zu documents, %zu statements\n", version, read, total,
                statements);
    EXPECT_EQ(total, 13u);  // the folder's 13 JSON documents (plus a README)
    EXPECT_EQ(read, total);
  }
}

TEST(VexSharedData, CsafVexVendorAndOpenVexRepos) {
  std::size_t total = 0, read = 0, statements = 0, not_vex = 0;
  std::vector<fs::path> files = JsonFilesUnder("csaf-vendor-samples");
  for (const auto& p : JsonFilesUnder("openvex")) files.push_back(p);
  for (const auto& path : files) {
    std::string bytes = Slurp(path);
    if (IdentifyVex(bytes) != VexFormat::kCsaf) continue;
    if (bytes.find("\"csaf_vex\"") == std::string::npos) {
      auto doc = ReadVex(bytes, path.string());
      EXPECT_EQ(doc.status().code(), StatusCode::kUnsupported) << path;
      ++not_vex;
      continue;
    }
    ++total;
    auto ok = ReadsAndRoundTrips(bytes, path.string(), VexFormat::kCsaf, &statements);
    EXPECT_TRUE(ok) << path;
    if (ok) ++read;
  }
  std::printf("csaf vendor/openvex csaf_vex: read %zu/%zu documents, %zu statements (%zu non-VEX CSAF refused)\n",
              read, total, statements, not_vex);
  EXPECT_GE(total, 12u);
  EXPECT_EQ(read, total);
}

TEST(VexSharedData, CycloneDxVex) {
  std::size_t total = 0, read = 0, statements = 0;
  std::vector<fs::path> files;
  for (const auto& p : JsonFilesUnder("cyclonedx-bom-examples/VEX")) {
    if (p.filename().string().rfind("vex", 0) == 0) files.push_back(p);
  }
  for (const char* v : {"1.4", "1.5", "1.6"}) {
    files.push_back(testing::SharedData(std::string("cyclonedx-specification/tools/src/test/resources/") + v +
                                        "/valid-vulnerability-" + v + ".json"));
  }
  for (const auto& path : files) {
    ++total;
    auto ok = ReadsAndRoundTrips(Slurp(path), path.string(), VexFormat::kCycloneDx, &statements);
    EXPECT_TRUE(ok) << path;
    if (ok) ++read;
  }
  std::printf("cyclonedx vex: read %zu/%zu documents, %zu statements\n", read, total, statements);
  EXPECT_GE(total, 22u);
  EXPECT_EQ(read, total);
}

// Use cases with bom-N.json beside vex.json: every BOM-Link names exactly one of the BOMs, so each
// statement target must be applied by exactly one BOM and reported unmatched by all the others.
TEST(VexSharedData, CycloneDxBomVexPairs) {
  std::size_t pairs = 0, applied = 0, unmatched = 0;
  for (const char* dir : {"Use-Cases/Case-6", "Use-Cases/Case-9", "Use-Cases/Case-13", "CISA-Use-Cases/Case-7",
                          "CISA-Use-Cases/Case-8"}) {
    fs::path base = testing::SharedData(std::string("cyclonedx-bom-examples/VEX/") + dir);
    auto vex = ReadVex(Slurp(base / "vex.json"), (base / "vex.json").string());
    ASSERT_TRUE(vex.ok()) << vex.status().ToString();
    std::map<std::pair<std::size_t, std::size_t>, int> hits;
    std::size_t boms = 0;
    for (const auto& e : fs::directory_iterator(base)) {
      if (e.path().filename().string().rfind("bom-", 0) != 0) continue;
      ++boms;
      ++pairs;
      auto sbom = formats::DecodeSbomFile(e.path().string(), 1 << 24);
      ASSERT_TRUE(sbom.ok()) << sbom.status().ToString();
      MatchResult r = MatchStatements(*vex, sbom->sbom);
      for (const auto& a : r.applied) {
        ++hits[{a.statement, a.product}];
        EXPECT_EQ(a.matched_by, MatchedBy::kBomLink);
        ASSERT_TRUE(sbom->sbom.primary.has_value());
        EXPECT_EQ(a.component_bom_ref, sbom->sbom.primary->bom_ref);
      }
      for (const auto& u : r.unmatched) {
        EXPECT_NE(u.reason.find("names BOM urn:uuid:"), std::string::npos) << u.reason;
      }
      applied += r.applied.size();
      unmatched += r.unmatched.size();
    }
    ASSERT_GE(boms, 2u) << dir;
    for (std::size_t s = 0; s < vex->statements.size(); ++s) {
      for (std::size_t p = 0; p < vex->statements[s].products.size(); ++p) {
        EXPECT_EQ((hits[{s, p}]), 1) << dir << " statement " << s << " product " << p;
      }
    }
  }
  std::printf("cyclonedx bom+vex pairs: %zu BOMs, %zu targets applied, %zu reported unmatched\n", pairs, applied,
              unmatched);
  EXPECT_GT(applied, 0u);
  EXPECT_GT(unmatched, 0u);
}

// VEX/vex.json points at a BOM serial that VEX/bom.json does not have: reported, not dropped.
TEST(VexSharedData, CycloneDxVexForAnotherBomIsReported) {
  fs::path base = testing::SharedData("cyclonedx-bom-examples/VEX");
  auto vex = ReadVex(Slurp(base / "vex.json"), "vex.json");
  ASSERT_TRUE(vex.ok()) << vex.status().ToString();
  auto sbom = formats::DecodeSbomFile((base / "bom.json").string(), 1 << 24);
  ASSERT_TRUE(sbom.ok()) << sbom.status().ToString();
  MatchResult r = MatchStatements(*vex, sbom->sbom);
  EXPECT_TRUE(r.applied.empty());
  ASSERT_EQ(r.unmatched.size(), 1u);
  EXPECT_NE(r.unmatched[0].reason.find("urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79"), std::string::npos)
      << r.unmatched[0].reason;
  EXPECT_NE(r.unmatched[0].reason.find("this SBOM is urn:uuid:5f0f0da9"), std::string::npos) << r.unmatched[0].reason;
}

// OpenVEX statements name purls; the vexctl CSAF example ships the SPDX SBOM they apply to.
TEST(VexSharedData, OpenVexAgainstSpdxSbom) {
  fs::path base = testing::SharedData("openvex/vexctl/examples/csaf");
  auto vex = ReadVex(Slurp(base / "openvex.json"), "openvex.json");
  ASSERT_TRUE(vex.ok()) << vex.status().ToString();
  auto sbom = formats::DecodeSbomFile((base / "sbom.spdx.json").string(), 1 << 24);
  ASSERT_TRUE(sbom.ok()) << sbom.status().ToString();
  MatchResult r = MatchStatements(*vex, sbom->sbom);
  std::size_t targets = 0;
  for (const auto& st : vex->statements) {
    for (const auto& p : st.products) targets += p.subcomponents.empty() ? 1 : p.subcomponents.size();
  }
  std::printf("openvex vs spdx sbom: %zu applied, %zu unmatched of %zu targets\n", r.applied.size(),
              r.unmatched.size(), targets);
  for (const auto& u : r.unmatched) EXPECT_FALSE(u.reason.empty());
  EXPECT_GE(r.applied.size() + r.unmatched.size(), targets);
}

}  // namespace
}  // namespace sbomhub::vex
