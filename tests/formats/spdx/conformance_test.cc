// Acceptance against third-party SPDX data: every valid 2.2/2.3 example decodes without errors
// and survives a same-format round trip; the deliberately broken ones are rejected or warned; every
// published SBOM in bom-shelter decodes or fails with a positioned error.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "base/file.h"
#include "formats/spdx/spdx.h"
#include "support/test_support.h"

namespace sbomhub::formats::spdx {
namespace {

namespace fs = std::filesystem;

const Codec* CodecFor(const std::string& bytes) {
  for (const Codec* c : {&JsonCodec(), &TagValueCodec(), &JsonLd3Codec(), &YamlCodec()}) {
    if (c->Identify(bytes)) return c;
  }
  return nullptr;
}

std::string FirstErrors(const Diagnostics& d, std::size_t n = 5) {
  std::string out;
  for (const auto& x : d.items()) {
    if (x.severity != Severity::kError) continue;
    out += "  " + x.ToString() + "\n";
    if (--n == 0) break;
  }
  return out;
}

// Decodes, re-encodes with the same codec and decodes again; the models must be equal. The
// encoder writes SPDX 2.3, so a 2.2 source's spec_version is the one expected difference.
void ExpectRoundTrip(const Codec& codec, const std::string& path, const Decoded& first) {
  auto encoded = codec.Encode(first.sbom, {});
  ASSERT_TRUE(encoded.ok()) << path << ": " << encoded.status().ToString();
  std::string bytes = PaddedCopy(encoded->bytes);
  auto second = codec.Decode(bytes, {path + " (re-encoded)"});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_FALSE(second->diagnostics.HasErrors())
      << path << " re-encoded has errors:\n" << FirstErrors(second->diagnostics);
  model::Sbom again = second->sbom;
  again.spec_version = first.sbom.spec_version;
  EXPECT_TRUE(again == first.sbom) << path << ": round trip changed the model";
  if (!(again == first.sbom)) {
    const auto& a = first.sbom;
    const auto& b = again;
    if (a.components.size() != b.components.size()) {
      ADD_FAILURE() << "components " << a.components.size() << " vs " << b.components.size();
    } else {
      for (std::size_t i = 0; i < a.components.size(); ++i) {
        if (!(a.components[i] == b.components[i])) {
          ADD_FAILURE() << "first differing component: " << a.components[i].bom_ref;
          break;
        }
      }
    }
    EXPECT_EQ(a.dependencies.size(), b.dependencies.size());
    EXPECT_EQ(a.primary.has_value(), b.primary.has_value());
    if (a.primary && b.primary) {
      EXPECT_TRUE(*a.primary == *b.primary) << "primary differs";
    }
    EXPECT_TRUE(a.properties == b.properties) << "document properties differ";
    EXPECT_TRUE(a.authors == b.authors) << "authors differ";
    EXPECT_TRUE(a.tools == b.tools) << "tools differ";
    EXPECT_TRUE(a.dependencies == b.dependencies) << "dependencies differ";
  }
}

std::vector<std::string> FilesUnder(const std::string& dir) {
  std::vector<std::string> out;
  if (!fs::is_directory(dir)) return out;
  for (const auto& e : fs::recursive_directory_iterator(dir)) {
    if (e.is_regular_file()) out.push_back(e.path().string());
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST(SpdxConformance, ValidExamplesDecodeWithoutErrorsAndRoundTrip) {
  std::vector<std::string> files;
  for (const char* dir : {"spdx-examples", "spdx-spec/v2.2/examples", "spdx-spec/v2.3/examples"}) {
    for (auto& f : FilesUnder(testing::SharedData(dir))) files.push_back(f);
  }
  for (const char* f : {"SPDXJSONExample-v2.2.spdx.json", "SPDXJSONExample-v2.3.spdx.json",
                        "SPDXJSONExample-v2.3-with-exception.spdx.json", "SPDXTagExample-v2.2.spdx",
                        "SPDXTagExample-v2.3.spdx"}) {
    files.push_back(testing::SharedData(std::string("spdx-tools-java/testResources/") + f));
  }
  std::map<std::string, std::pair<int, int>> totals;  // "2.3 json" -> accepted, seen
  for (const auto& path : files) {
    auto bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    const Codec* codec = CodecFor(*bytes);
    // Other formats are skipped; 3.0 and YAML have their own tests.
    if (codec == nullptr || codec == &JsonLd3Codec() || codec == &YamlCodec()) continue;
    auto id = codec->Identify(*bytes);
    std::string key = id->spec_version + " " + std::string(codec->Name() == "spdx-tv" ? "tag-value" : "json");
    auto& t = totals[key];
    ++t.second;
    auto decoded = codec->Decode(*bytes, {path});
    if (!decoded.ok()) {
      ADD_FAILURE() << decoded.status().ToString();
      continue;
    }
    if (decoded->diagnostics.HasErrors()) {
      ADD_FAILURE() << path << ":\n" << FirstErrors(decoded->diagnostics);
      continue;
    }
    ++t.first;
    ExpectRoundTrip(*codec, path, *decoded);
  }
  ASSERT_FALSE(totals.empty());
  for (const auto& [k, v] : totals) {
    std::cout << "spdx " << k << ": accepted " << v.first << "/" << v.second << "\n";
  }
}

TEST(SpdxConformance, ToolsJavaNegativeCasesAreRejectedOrWarned) {
  const std::string dir = testing::SharedData("spdx-tools-java/testResources/");
  {
    auto bytes = ReadFile(dir + "BadJSON.spdx.json");
    ASSERT_TRUE(bytes.ok());
    auto d = JsonCodec().Decode(*bytes, {"BadJSON.spdx.json"});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    ASSERT_TRUE(d->diagnostics.HasErrors());
    bool type_error = false;
    for (const auto& x : d->diagnostics.items()) {
      if (x.rule == "spdx.json.type" && x.pointer == "/creationInfo/creators") type_error = true;
    }
    EXPECT_TRUE(type_error) << FirstErrors(d->diagnostics);
  }
  {
    auto bytes = ReadFile(dir + "SPDXWrongVersion.spdx.json");
    ASSERT_TRUE(bytes.ok());
    auto id = JsonCodec().Identify(*bytes);
    ASSERT_TRUE(id.has_value());
    EXPECT_EQ(id->spec_version, "2.2.1");
    auto d = JsonCodec().Decode(*bytes, {"SPDXWrongVersion.spdx.json"});
    ASSERT_FALSE(d.ok());
    EXPECT_EQ(d.status().code(), StatusCode::kUnsupported);
    EXPECT_NE(d.status().message().find("SPDX-2.2.1"), std::string::npos);
  }
  {
    // A 2.2 document using 2.3-only fields.
    auto bytes = ReadFile(dir + "SPDXJSONExample-wrongversion.spdx.json");
    ASSERT_TRUE(bytes.ok());
    auto d = JsonCodec().Decode(*bytes, {"wrongversion"});
    ASSERT_TRUE(d.ok());
    std::size_t version_errors = 0;
    for (const auto& x : d->diagnostics.items()) {
      if (x.rule == "spdx.version.field") ++version_errors;
    }
    EXPECT_GE(version_errors, 4u) << FirstErrors(d->diagnostics, 20);
  }
  {
    auto bytes = ReadFile(dir + "SPDXTagExample-v2.2-warning.spdx");
    ASSERT_TRUE(bytes.ok());
    auto d = TagValueCodec().Decode(*bytes, {"warning.spdx"});
    ASSERT_TRUE(d.ok());
    EXPECT_FALSE(d->diagnostics.HasErrors()) << FirstErrors(d->diagnostics);
    std::size_t deprecated = 0;
    for (const auto& x : d->diagnostics.items()) {
      if (x.rule == "spdx.license.deprecated") {
        ++deprecated;
        EXPECT_GT(x.line, 0u);
      }
    }
    EXPECT_EQ(deprecated, 1u);
  }
}

TEST(SpdxConformance, BomShelterDecodesOrFailsWithPosition) {
  auto files = FilesUnder(testing::SharedData("bom-shelter/in-the-wild/spdx"));
  ASSERT_FALSE(files.empty());
  int decoded_ok = 0, failed = 0, with_errors = 0, round_tripped = 0, repaired = 0;
  std::map<std::string, int> rules;
  std::map<std::string, std::string> example;  // rule -> first diagnostic, for the summary
  const std::regex positioned(R"(:\d+:\d+: )");
  for (const auto& path : files) {
    auto bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok());
    const Codec* codec = CodecFor(*bytes);
    if (codec == nullptr) {
      // maubot-spdx.json is the SPDX license list, not an SPDX document: decoding it anyway
      // must say so.
      auto d = JsonCodec().Decode(*bytes, {path});
      ASSERT_FALSE(d.ok()) << path;
      std::cout << "  not SPDX: " << d.status().ToString() << "\n";
      EXPECT_NE(d.status().message().find(path), std::string::npos);
      ++failed;
      continue;
    }
    auto d = codec->Decode(*bytes, {path});
    if (!d.ok()) {
      ++failed;
      std::cout << "  rejected: " << d.status().ToString() << "\n";
      EXPECT_NE(d.status().message().find(path), std::string::npos);
      if (d.status().code() == StatusCode::kParseError) {
        EXPECT_TRUE(std::regex_search(d.status().message(), positioned)) << d.status().message();
      }
      continue;
    }
    ++decoded_ok;
    if (d->diagnostics.HasErrors()) ++with_errors;
    for (const auto& x : d->diagnostics.items()) {
      if (x.severity == Severity::kError) {
        if (++rules[x.rule] == 1) example[x.rule] = x.ToString();
        EXPECT_TRUE(x.line > 0 || !x.pointer.empty()) << x.ToString();
      }
    }
    if (!d->diagnostics.HasErrors()) {
      // Only a valid model can come back unchanged: the encoder must repair invalid SPDXIDs.
      ExpectRoundTrip(*codec, path, *d);
      ++round_tripped;
    } else {
      auto encoded = codec->Encode(d->sbom, {});
      ASSERT_TRUE(encoded.ok());
      auto again = codec->Decode(PaddedCopy(encoded->bytes), {path + " (re-encoded)"});
      ASSERT_TRUE(again.ok()) << again.status().ToString();
      EXPECT_FALSE(again->diagnostics.HasErrors())
          << path << " re-encoded has errors:\n" << FirstErrors(again->diagnostics);
      EXPECT_EQ(model::CountComponents(again->sbom), model::CountComponents(d->sbom)) << path;
      ++repaired;
    }
  }
  std::cout << "bom-shelter spdx: decoded " << decoded_ok << " (" << with_errors
            << " with error diagnostics), rejected " << failed << ", round-tripped " << round_tripped << ", re-encoded valid " << repaired
            << " of " << files.size() << "\n";
  for (const auto& [r, n] : rules) std::cout << "  " << r << ": " << n << ", e.g. " << example[r] << "\n";
  // grype-sbom-modified.spdx.json is tag-value behind a .json name.
  auto grype = ReadFile(testing::SharedData("bom-shelter/in-the-wild/spdx/grype-sbom-modified.spdx.json"));
  ASSERT_TRUE(grype.ok());
  EXPECT_EQ(CodecFor(*grype), &TagValueCodec());
  auto ps = ReadFile(testing::SharedData("bom-shelter/in-the-wild/spdx/powershell-2.2.6.spdx.json"));
  ASSERT_TRUE(ps.ok());
  auto psd = JsonCodec().Decode(*ps, {"powershell-2.2.6.spdx.json"});
  ASSERT_FALSE(psd.ok());
  EXPECT_EQ(psd.status().code(), StatusCode::kParseError);
  EXPECT_TRUE(std::regex_search(psd.status().message(), positioned)) << psd.status().message();
}

TEST(SpdxConformance, YamlExamplesDecodeLikeTheirJsonTwins) {
  struct Pair {
    const char* yaml;
    const char* json;
  };
  const Pair pairs[] = {
      {"spdx-spec/v2.2/examples/SPDXYAMLExample-2.2.spdx.yaml", "spdx-spec/v2.2/examples/SPDXJSONExample-v2.2.spdx.json"},
      {"spdx-spec/v2.3/examples/SPDXYAMLExample-2.3.spdx.yaml", "spdx-spec/v2.3/examples/SPDXJSONExample-v2.3.spdx.json"},
      {"spdx-tools-java/testResources/SPDXYAMLExample-2.2.spdx.yaml", nullptr},
      {"spdx-tools-java/testResources/SPDXYAMLExample-2.3.spdx.yaml", nullptr},
      {"spdx-tools-java/testResources/DifferentFileComment.spdx.yaml", nullptr},
  };
  int accepted = 0;
  for (const auto& p : pairs) {
    auto bytes = ReadFile(testing::SharedData(p.yaml));
    ASSERT_TRUE(bytes.ok());
    ASSERT_EQ(CodecFor(*bytes), &YamlCodec()) << p.yaml;
    auto d = YamlCodec().Decode(*bytes, {p.yaml});
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    EXPECT_FALSE(d->diagnostics.HasErrors()) << p.yaml << "\n" << FirstErrors(d->diagnostics);
    if (!d->diagnostics.HasErrors()) ++accepted;
    EXPECT_GT(model::CountComponents(d->sbom), 3u);
    if (p.json == nullptr) continue;
    auto jb = ReadFile(testing::SharedData(p.json));
    ASSERT_TRUE(jb.ok());
    auto j = JsonCodec().Decode(*jb, {p.json});
    ASSERT_TRUE(j.ok());
    // Same examples in two serializations: the components agree (the spec's YAML and JSON
    // examples differ only in document-level details such as the namespace).
    EXPECT_EQ(d->sbom.components.size(), j->sbom.components.size());
    EXPECT_EQ(d->sbom.dependencies.size(), j->sbom.dependencies.size());
  }
  std::cout << "spdx yaml: accepted " << accepted << "/" << std::size(pairs) << "\n";
}

TEST(SpdxConformance, Spdx3ExamplesDecodeWithoutErrors) {
  std::vector<std::string> files;
  for (const char* dir : {"spdx-examples", "spdx-spec/v3/examples"}) {
    for (auto& f : FilesUnder(testing::SharedData(dir))) files.push_back(f);
  }
  files.push_back(testing::SharedData("spdx-tools-java/testResources/SPDXJsonLDExample-v3.0.1.json"));
  int accepted = 0, seen = 0;
  std::size_t components = 0, licensed = 0, edges = 0;
  for (const auto& path : files) {
    auto bytes = ReadFile(path);
    ASSERT_TRUE(bytes.ok());
    if (CodecFor(*bytes) != &JsonLd3Codec()) continue;
    ++seen;
    auto d = JsonLd3Codec().Decode(*bytes, {path});
    if (!d.ok()) {
      ADD_FAILURE() << d.status().ToString();
      continue;
    }
    if (d->diagnostics.HasErrors()) {
      ADD_FAILURE() << path << ":\n" << FirstErrors(d->diagnostics);
      continue;
    }
    ++accepted;
    components += model::CountAllComponents(d->sbom);
    edges += d->sbom.dependencies.size();
    model::ForEachComponent(d->sbom, [&](const model::Component& c, std::size_t) {
      if (!c.licenses.empty()) ++licensed;
    });
  }
  std::cout << "spdx 3.0 json-ld: accepted " << accepted << "/" << seen << " (" << components
            << " components, " << licensed << " with licenses, " << edges << " edges)\n";
  EXPECT_GE(seen, 27);
  EXPECT_EQ(accepted, seen);
  EXPECT_GT(licensed, 50u);
}

TEST(SpdxConformance, Spdx3ToolsJavaExampleMapsPackageFileAndAgents) {
  auto bytes = ReadFile(testing::SharedData("spdx-tools-java/testResources/SPDXJsonLDExample-v3.0.1.json"));
  ASSERT_TRUE(bytes.ok());
  auto id = JsonLd3Codec().Identify(*bytes);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->spec_version, "3.0.1");
  auto d = JsonLd3Codec().Decode(*bytes, {"x.json"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const model::Sbom& s = d->sbom;
  EXPECT_EQ(s.serial_number, "http://spdx.example.com/Document1");
  EXPECT_EQ(s.timestamp, "2024-03-06T00:00:00Z");
  ASSERT_EQ(s.authors.size(), 1u);
  EXPECT_EQ(s.authors[0].name, "Joshua Watt");
  EXPECT_EQ(s.authors[0].email, "JPEWhacker@gmail.com");
  ASSERT_TRUE(s.primary.has_value());
  EXPECT_EQ(s.primary->name, "my-package");
  EXPECT_EQ(s.primary->version, "1.0");
  EXPECT_EQ(s.primary->download_location, "http://dl.example.com/my-package_1.0.0.tar");
  ASSERT_EQ(s.components.size(), 1u);
  EXPECT_EQ(s.components[0].type, model::ComponentType::kFile);
  EXPECT_EQ(s.components[0].copyright, "Copyright 2024, Joshua Watt");
  ASSERT_EQ(s.dependencies.size(), 1u);
  EXPECT_EQ(s.dependencies[0].type, model::RelationshipType::kContains);
  EXPECT_EQ(s.dependencies[0].from, "http://spdx.example.com/Package1");
  EXPECT_EQ(s.dependencies[0].to, "http://spdx.example.com/Package1/myprogram");
}

}  // namespace
}  // namespace sbomhub::formats::spdx
