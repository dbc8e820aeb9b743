// Cross-family round trip on every real-world SBOM in bom-shelter: decode -> encode to the other
// family -> decode gives the same component count, the same purls and the same dependency edges.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>
#include <tuple>

#include "base/file.h"
#include "formats/registry.h"
#include "support/test_support.h"

namespace sbomhub::formats {
namespace {

namespace fs = std::filesystem;

struct Shape {
  std::size_t components = 0;
  std::multiset<std::string> purls;
  // Edges as (from-identity, to-identity): bom-refs are renamed across families (SPDXIDs), so
  // edges are compared by the components' name@version|purl.
  std::multiset<std::pair<std::string, std::string>> edges;
};

std::string Identity(const model::Component& c) { return c.name + "@" + c.version + "|" + c.purl; }

Shape ShapeOf(const model::Sbom& sbom) {
  Shape s;
  std::map<std::string, std::string> identity_by_ref;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t depth) {
    if (!c.bom_ref.empty()) identity_by_ref[c.bom_ref] = Identity(c);
    if (depth == 0) return;
    ++s.components;
    if (!c.purl.empty()) s.purls.insert(c.purl);
  });
  for (const auto& e : sbom.dependencies) {
    if (!model::IsDependency(e.type)) continue;
    auto from = identity_by_ref.find(e.from);
    auto to = identity_by_ref.find(e.to);
    if (from == identity_by_ref.end() || to == identity_by_ref.end()) continue;  // dangling in source
    s.edges.emplace(from->second, to->second);
  }
  return s;
}

std::vector<fs::path> ShelterFiles() {
  std::vector<fs::path> files;
  for (const auto& e : fs::recursive_directory_iterator(testing::SharedData("bom-shelter/in-the-wild"))) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(CrossFamilyRoundTrip, BomShelterKeepsComponentsPurlsAndEdges) {
  std::size_t tried = 0, decoded_ok = 0, passed = 0;
  for (const auto& path : ShelterFiles()) {
    ++tried;
    auto first = DecodeSbomFile(path.string(), kDefaultMaxInputBytes);
    if (!first.ok()) {
      // Malformed as published (see shared/data/MANIFEST.md); the error must be positioned.
      EXPECT_NE(first.status().message().find(path.filename().string()), std::string::npos)
          << first.status().message();
      continue;
    }
    ++decoded_ok;
    const bool is_cdx = first->sbom.family == model::SpecFamily::kCycloneDx;
    const char* target = is_cdx ? "spdx-json" : "cyclonedx-json";
    auto encoded = EncodeSbom(first->sbom, target, {});
    ASSERT_TRUE(encoded.ok()) << path << ": " << encoded.status().message();
    DecodeOptions opts;
    opts.file_name = path.string() + " (as " + target + ")";
    auto second = DecodeSbom(PaddedCopy(encoded->bytes), opts);
    ASSERT_TRUE(second.ok()) << second.status().message();
    EXPECT_FALSE(second->diagnostics.HasErrors())
        << path << " converted to " << target << " is invalid: "
        << second->diagnostics.items().front().ToString();
    Shape a = ShapeOf(first->sbom), b = ShapeOf(second->sbom);
    EXPECT_EQ(a.components, b.components) << path;
    EXPECT_EQ(a.purls, b.purls) << path;
    EXPECT_EQ(a.edges, b.edges) << path;
    if (a.components == b.components && a.purls == b.purls && a.edges == b.edges) ++passed;
  }
  std::printf("bom-shelter cross-family round trip: %zu files, %zu decoded, %zu/%zu kept components, purls and edges\n",
              tried, decoded_ok, passed, decoded_ok);
  EXPECT_GT(decoded_ok, 50u);
}

}  // namespace
}  // namespace sbomhub::formats
