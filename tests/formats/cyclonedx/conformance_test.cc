// The CycloneDX specification's own schema test corpus: every valid-* document must decode
// without error diagnostics, every invalid-* document must be rejected (an error diagnostic or a
// failed Result). Prints totals per version and encoding.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
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

struct Totals {
  int valid = 0, accepted = 0, invalid = 0, rejected = 0;
};

std::string Describe(const Result<Decoded>& r) {
  if (!r.ok()) return r.status().ToString();
  std::string out;
  for (const auto& d : r->diagnostics.items()) {
    if (d.severity == Severity::kError) out += "\n    " + d.ToString();
  }
  return out;
}

void RunVersion(const std::string& version) {
  std::string dir = testing::SharedData("cyclonedx-specification/tools/src/test/resources/" + version);
  ASSERT_TRUE(fs::is_directory(dir)) << dir;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  Totals json, xml;
  for (const auto& path : files) {
    std::string name = path.filename().string();
    std::string ext = path.extension().string();
    if (ext != ".json" && ext != ".xml") continue;  // .textproto is not a CycloneDX encoding we read
    if (name.rfind("skip_", 0) == 0) continue;      // upstream skips these too
    bool valid = name.rfind("valid-", 0) == 0;
    bool invalid = name.rfind("invalid-", 0) == 0;
    if (!valid && !invalid) continue;
    auto bytes = ReadFile(path.string());
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    DecodeOptions options;
    options.file_name = name;
    const Codec& codec = ext == ".json" ? JsonCodec() : XmlCodec();
    auto decoded = codec.Decode(*bytes, options);
    bool rejected = !decoded.ok() || decoded->diagnostics.HasErrors();
    Totals& t = ext == ".json" ? json : xml;
    if (valid) {
      ++t.valid;
      t.accepted += !rejected;
      EXPECT_FALSE(rejected) << name << " should be accepted:" << Describe(decoded);
    } else {
      ++t.invalid;
      t.rejected += rejected;
      EXPECT_TRUE(rejected) << name << " should be rejected";
      if (std::getenv("CDX_SHOW_REASONS") && rejected) {
        std::printf("%s:%s\n", name.c_str(), Describe(decoded).c_str());
      }
    }
  }
  std::printf("cyclonedx %s json: accepted %d/%d, rejected %d/%d\n", version.c_str(), json.accepted,
              json.valid, json.rejected, json.invalid);
  std::printf("cyclonedx %s xml: accepted %d/%d, rejected %d/%d\n", version.c_str(), xml.accepted,
              xml.valid, xml.rejected, xml.invalid);
  EXPECT_GT(json.valid + xml.valid, 0);
}

TEST(CycloneDxConformance, Spec12ValidAcceptedInvalidRejected) { RunVersion("1.2"); }
TEST(CycloneDxConformance, Spec13ValidAcceptedInvalidRejected) { RunVersion("1.3"); }
TEST(CycloneDxConformance, Spec14ValidAcceptedInvalidRejected) { RunVersion("1.4"); }
TEST(CycloneDxConformance, Spec15ValidAcceptedInvalidRejected) { RunVersion("1.5"); }
TEST(CycloneDxConformance, Spec16ValidAcceptedInvalidRejected) { RunVersion("1.6"); }

}  // namespace
}  // namespace sbomhub::formats::cyclonedx
