// decode -> encode -> decode must give the same model for everything the model holds, in each
// encoding, on the spec's valid documents and on real SBOMs; and what the encoder writes must
// itself decode without error diagnostics.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/file.h"
#include "formats/cyclonedx/cyclonedx.h"
#include "support/test_support.h"

namespace sbomhub::formats::cyclonedx {
namespace {

namespace fs = std::filesystem;

struct Outcome {
  int tried = 0, equal = 0, skipped = 0;
};

std::string Errors(const Diagnostics& d) {
  std::string out;
  for (const auto& item : d.items()) {
    if (item.severity == Severity::kError) out += "\n  " + item.ToString();
  }
  return out;
}

// Round-trips one file in its own encoding; documents that do not decode (invalid as published)
// are counted as skipped.
void RoundTrip(const fs::path& path, Outcome& outcome) {
  auto bytes = ReadFile(path.string());
  ASSERT_TRUE(bytes.ok());
  const Codec& codec = path.extension() == ".xml" ? XmlCodec() : JsonCodec();
  if (!codec.Identify(*bytes)) return;
  DecodeOptions options;
  options.file_name = path.string();
  auto first = codec.Decode(*bytes, options);
  if (!first.ok()) {
    ++outcome.skipped;
    return;
  }
  ++outcome.tried;
  // Encode in the source's version where we can, else the oldest we write (1.4).
  std::string version = first->sbom.spec_version < "1.4" ? "1.4" : first->sbom.spec_version;
  EncodeOptions encode_options;
  encode_options.spec_version = version;
  auto encoded = codec.Encode(first->sbom, encode_options);
  ASSERT_TRUE(encoded.ok()) << path << ": " << encoded.status().ToString();
  std::string padded = PaddedCopy(encoded->bytes);
  DecodeOptions again_options;
  again_options.file_name = path.filename().string() + " (re-encoded)";
  auto second = codec.Decode(padded, again_options);
  ASSERT_TRUE(second.ok()) << path << ": " << second.status().ToString();
  if (!first->diagnostics.HasErrors()) {
    EXPECT_FALSE(second->diagnostics.HasErrors())
        << path << ": the encoder wrote an invalid document:" << Errors(second->diagnostics);
  }
  model::Sbom expected = first->sbom;
  expected.spec_version = version;
  bool equal = expected == second->sbom;
  EXPECT_TRUE(equal) << path << ": the model changed across decode->encode->decode";
  outcome.equal += equal;
}

std::vector<fs::path> Collect(const std::string& root, bool recursive) {
  std::vector<fs::path> files;
  if (!fs::is_directory(root)) return files;
  auto add = [&](const fs::path& p) {
    auto ext = p.extension();
    if (ext == ".json" || ext == ".xml") files.push_back(p);
  };
  if (recursive) {
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file()) add(e.path());
    }
  } else {
    for (const auto& e : fs::directory_iterator(root)) {
      if (e.is_regular_file()) add(e.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(CycloneDxRoundTrip, SpecValidDocumentsSurviveReencoding) {
  Outcome outcome;
  for (std::string v : {"1.2", "1.3", "1.4", "1.5", "1.6"}) {
    for (const auto& p :
         Collect(testing::SharedData("cyclonedx-specification/tools/src/test/resources/" + v), false)) {
      if (p.filename().string().rfind("valid-", 0) != 0) continue;
      RoundTrip(p, outcome);
    }
  }
  std::printf("cyclonedx round trip (spec valid files): equal %d/%d\n", outcome.equal, outcome.tried);
  EXPECT_GT(outcome.tried, 200);
  EXPECT_EQ(outcome.skipped, 0);
}

TEST(CycloneDxRoundTrip, RealSbomsSurviveReencoding) {
  Outcome outcome;
  for (const auto& root : {testing::SharedData("cyclonedx-bom-examples"),
                           testing::SharedData("bom-shelter/in-the-wild")}) {
    for (const auto& p : Collect(root, true)) RoundTrip(p, outcome);
  }
  std::printf("cyclonedx round trip (real SBOMs): equal %d/%d (%d not decodable)\n", outcome.equal,
              outcome.tried, outcome.skipped);
  EXPECT_GT(outcome.tried, 50);
}

}  // namespace
}  // namespace sbomhub::formats::cyclonedx
