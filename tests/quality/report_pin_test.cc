// Pins the exact output of quality + license evaluation on real SBOMs and on a synthetic
// 10,000-component SBOM built from their components, so that performance work on src/quality and
// src/license can prove it changed nothing a user sees.
//
// For every input the JSON and text renderings of the quality report (all profiles, two option
// sets) and of the license report (two policies) are hashed; the hashes are compared with
// testdata/pin/report-sha256.txt ("<sha256>  <input>" per line).
//
// The model comes from the decoders, so a decoder change that alters what a component holds also
// changes these hashes. After checking with the written-out reports that the change is intended,
// refresh the golden file with
//   SBOMHUB_UPDATE_GOLDEN=1 ctest -R quality_report_pin
// and set SBOMHUB_PIN_DUMP=DIR to write every rendering into DIR for a diff.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "base/file.h"
#include "base/json_writer.h"
#include "base/sha256.h"
#include "formats/registry.h"
#include "license/policy.h"
#include "license/report.h"
#include "quality/quality.h"
#include "support/test_support.h"

namespace sbomhub::quality {
namespace {

constexpr std::size_t kSyntheticComponents = 10000;

std::string GoldenPath() { return testing::Fixture("quality", "pin/report-sha256.txt"); }

// Every rendering a user can get from `sbomhub quality` and `sbomhub license`, concatenated with
// headers so a dump can be diffed section by section.
std::string RenderAll(const model::Sbom& sbom) {
  std::string out;
  auto profiles = ParseProfiles("all");
  EXPECT_TRUE(profiles.ok());

  QualityOptions strict;
  strict.max_listed_components = 7;
  strict.max_noassertion_ratio = 0.05;
  UnnecessaryRule rule;
  rule.id = "pin-rule";
  rule.description = "names with an 'a' and a digit, or optional scope";
  rule.name_globs = {"*a*1*", "lib*"};
  rule.scopes = {model::Scope::kOptional};
  rule.properties = {{"*", "*true*"}};
  strict.unnecessary_rules.push_back(rule);

  for (const QualityOptions& options : {QualityOptions{}, strict}) {
    QualityReport report = Assess(sbom, *profiles, options);
    JsonWriter w;
    WriteQualityReportJson(w, report);
    out += "== quality json (max listed " + std::to_string(options.max_listed_components) + ")\n";
    out += w.Take();
    out += "\n== quality text\n";
    out += FormatQualityReport(report);
  }

  auto custom = license::ParsePolicy(R"(version: 1
allow: [MIT, "GPL-2.0-only WITH Classpath-exception-2.0"]
deny: [Apache-2.0, LGPL-2.1-only]
review: [BSD-3-Clause]
categories:
  permissive: review
  weak-copyleft: deny
  unknown: deny
license-categories:
  LicenseRef-vendor-eula: proprietary
no-license: deny
unrecognized: allow
)",
                                     "pin-policy.yaml");
  EXPECT_TRUE(custom.ok()) << custom.status().message();
  for (const license::Policy& policy : {license::Policy::Default(), *custom}) {
    license::LicenseReport report = license::BuildLicenseReport(sbom, policy);
    JsonWriter w;
    license::WriteLicenseReportJson(w, report);
    out += "== license json\n";
    out += w.Take();
    out += "\n== license text\n";
    out += license::FormatLicenseReport(report);
  }
  return out;
}

void Flatten(std::vector<model::Component>& from, std::vector<model::Component>& to) {
  for (auto& c : from) {
    std::vector<model::Component> nested = std::move(c.components);
    c.components.clear();
    to.push_back(std::move(c));
    Flatten(nested, to);
  }
}

// 10,000 real components (round robin over every decodable input) under one primary component,
// with a dependency chain plus fan-out, and a sprinkling of what the hygiene checks look for:
// components without a bom-ref, duplicate bom-refs, nested components, dev-only and dangling
// edges, and components nothing points at.
model::Sbom Synthetic(std::vector<model::Component> pool) {
  model::Sbom s;
  s.spec_version = "1.6";
  s.serial_number = "urn:uuid:00000000-0000-4000-8000-000000010000";
  s.timestamp = "2026-01-01T00:00:00Z";
  s.lifecycles = {"build"};
  model::Party author;
  author.name = "Pin Test";
  author.email = "pin@example.com";
  s.authors = {author};
  model::Component root;
  root.name = "synthetic-merge";
  root.version = "1";
  root.bom_ref = "root";
  root.licenses.push_back({});
  root.licenses.back().value = "MIT";
  s.primary = root;
  s.dependencies.push_back({"root", "c0"});
  std::vector<model::Component> all;
  all.reserve(kSyntheticComponents);
  for (std::size_t i = 0; i < kSyntheticComponents; ++i) {
    model::Component c = pool[i % pool.size()];
    const std::size_t copy = i / pool.size();
    c.bom_ref = "c" + std::to_string(i);
    if (i % 997 == 5) c.bom_ref = "c" + std::to_string(i - 1);  // duplicate bom-ref
    if (copy > 0 && !c.purl.empty()) {
      c.purl += (c.purl.find('?') == std::string::npos ? "?" : "&") + std::string("synthetic-copy=") +
                std::to_string(copy);
    }
    if (i % 1009 != 7) {  // a few components declare nothing (and nothing points at them)
      for (std::size_t j : {i + 1, i + 2}) {
        if (j >= kSyntheticComponents) continue;
        model::DependencyEdge e;
        e.from = c.bom_ref;
        e.to = "c" + std::to_string(j);
        if (j % 211 == 3) e.type = model::RelationshipType::kDevDependsOn;
        s.dependencies.push_back(std::move(e));
      }
    }
    if (i % 1013 == 11) s.dependencies.push_back({c.bom_ref, "missing-" + std::to_string(i)});
    if (i % 773 == 9) s.dependency_refs.push_back("declared-but-missing-" + std::to_string(i));
    if (i % 499 == 17) c.bom_ref.clear();
    all.push_back(std::move(c));
  }
  // Nest every 401st component inside its predecessor.
  for (std::size_t i = all.size(); i-- > 1;) {
    if (i % 401 == 0) {
      model::Component inner = std::move(all[i]);
      all.erase(all.begin() + static_cast<std::ptrdiff_t>(i));
      all[i - 1].components.push_back(std::move(inner));
    }
  }
  s.components = std::move(all);
  return s;
}

TEST(QualityReportPin, OutputOfRealAndSynthetic10kSbomsIsUnchanged) {
  std::vector<std::filesystem::path> files;
  for (const char* dir : {"bom-shelter/in-the-wild", "cyclonedx-bom-examples/SBOM"}) {
    for (const auto& e : std::filesystem::recursive_directory_iterator(testing::SharedData(dir))) {
      if (e.is_regular_file()) files.push_back(e.path());
    }
  }
  std::sort(files.begin(), files.end());

  const char* dump_dir = std::getenv("SBOMHUB_PIN_DUMP");
  std::map<std::string, std::string> actual;  // input -> sha256
  std::vector<model::Component> pool;
  const std::filesystem::path shared(testing::SharedDataDir());
  auto record = [&](const std::string& name, const std::string& rendered) {
    actual[name] = Sha256Hex(rendered);
    if (dump_dir != nullptr) {
      std::string file = name;
      std::replace(file.begin(), file.end(), '/', '_');
      std::ofstream(std::filesystem::path(dump_dir) / (file + ".txt"), std::ios::binary) << rendered;
    }
  };
  for (const auto& path : files) {
    auto decoded = formats::DecodeSbomFile(path.string(), kDefaultMaxInputBytes);
    if (!decoded.ok()) continue;
    record(std::filesystem::relative(path, shared).generic_string(), RenderAll(decoded->sbom));
    if (decoded->sbom.primary) pool.push_back(*decoded->sbom.primary);
    Flatten(decoded->sbom.components, pool);
  }
  ASSERT_GT(actual.size(), 50u);
  ASSERT_GT(pool.size(), 5000u);
  record("synthetic-10000", RenderAll(Synthetic(std::move(pool))));

  if (const char* update = std::getenv("SBOMHUB_UPDATE_GOLDEN"); update != nullptr && *update == '1') {
    std::ofstream out(GoldenPath(), std::ios::binary);
    for (const auto& [name, hash] : actual) out << hash << "  " << name << "\n";
    GTEST_SKIP() << "wrote " << GoldenPath();
  }

  std::ifstream in(GoldenPath());
  ASSERT_TRUE(in) << "missing " << GoldenPath() << " (SBOMHUB_UPDATE_GOLDEN=1 writes it)";
  std::map<std::string, std::string> expected;
  std::string line;
  while (std::getline(in, line)) {
    const std::size_t sep = line.find("  ");
    if (sep == std::string::npos) continue;
    expected[line.substr(sep + 2)] = line.substr(0, sep);
  }
  for (const auto& [name, hash] : expected) {
    auto it = actual.find(name);
    if (it == actual.end()) {
      ADD_FAILURE() << name << ": no longer decoded";
    } else {
      EXPECT_EQ(it->second, hash) << name << ": quality/license output changed (SBOMHUB_PIN_DUMP=DIR to see it)";
    }
  }
  for (const auto& [name, hash] : actual) {
    EXPECT_TRUE(expected.count(name) != 0) << name << ": not in " << GoldenPath();
  }
}

}  // namespace
}  // namespace sbomhub::quality
