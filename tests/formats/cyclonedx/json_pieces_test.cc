// The CycloneDX JSON decoder works piece by piece (the top-level members, each component, each
// dependency entry parsed on its own) and falls back to one DOM of the whole text whenever the
// pieces cannot be trusted. Both paths must give the same model, the same diagnostics (rules,
// messages, pointers, line:column) and the same errors. These tests pin that on hand-made edge
// cases of the splitting scanner and on every CycloneDX JSON file in the shared corpus.
#include <algorithm>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <unistd.h>

#include <gtest/gtest.h>

#include "base/file.h"
#include "formats/common/json_errors.h"
#include "formats/common/mapped_input.h"
#include "formats/cyclonedx/internal.h"
#include "support/test_support.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

namespace fs = std::filesystem;

std::string Describe(const Result<Decoded>& r) {
  if (!r.ok()) return "status: " + r.status().ToString();
  std::string out;
  for (const auto& d : r->diagnostics.items()) {
    out += std::string(SeverityName(d.severity)) + " " + d.ToString() + "\n";
  }
  return out;
}

// The decoder marks held bom-refs while decoding instead of walking the finished model; the
// model must still hold no edge or dependency entry whose end is not one of its components.
void ExpectEdgesBetweenHeldComponents(const model::Sbom& sbom, const std::string& name) {
  std::set<std::string> held;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (!c.bom_ref.empty()) held.insert(c.bom_ref);
  });
  for (const auto& e : sbom.dependencies) {
    EXPECT_TRUE(held.count(e.from) && held.count(e.to)) << name << ": " << e.from << " -> " << e.to;
  }
  for (const auto& ref : sbom.dependency_refs) EXPECT_TRUE(held.count(ref)) << name << ": " << ref;
}

// Decodes `bytes` both ways; true when the piece path took the document (false: it declined
// and the whole-document path alone decides).
bool ExpectSameDecode(const std::string& bytes, const std::string& name) {
  DecodeOptions options;
  options.file_name = name;
  auto whole = DecodeJsonWholeDocument(bytes, options);
  auto pieces = DecodeJsonInPieces(bytes, options);
  auto chosen = DecodeJson(bytes, options);
  EXPECT_EQ(Describe(chosen), Describe(whole)) << name;
  if (!pieces) {
    // Declining is for documents the whole-document parse refuses (malformed, unsupported
    // version) or that the scanner cannot split with certainty (escaped or non-ASCII top-level
    // keys, nesting at the limit).
    return false;
  }
  EXPECT_EQ(pieces->ok(), whole.ok()) << name << "\n" << Describe(*pieces) << "\nvs\n" << Describe(whole);
  EXPECT_EQ(Describe(*pieces), Describe(whole)) << name;
  if (pieces->ok() && whole.ok()) {
    EXPECT_TRUE((*pieces)->sbom == whole->sbom) << name;
    EXPECT_EQ((*pieces)->id.spec_version, whole->id.spec_version) << name;
    ExpectEdgesBetweenHeldComponents((*pieces)->sbom, name);
  }
  return true;
}

// Decodes the file at `path` mapped (pages handed back as pieces are decoded) and expects what
// DecodeJson gives for its bytes.
void ExpectSameMappedDecode(const std::string& bytes, const std::string& path) {
  auto mapped = MappedInput::Open(path, kDefaultMaxInputBytes);
  ASSERT_NE(mapped, nullptr) << path;
  DecodeOptions options;
  options.file_name = path;
  auto from_map = DecodeJsonMapped(*mapped, options);
  auto from_bytes = DecodeJson(bytes, options);
  EXPECT_EQ(Describe(from_map), Describe(from_bytes)) << path;
  if (from_map.ok() && from_bytes.ok()) {
    EXPECT_TRUE(from_map->sbom == from_bytes->sbom) << path;
  }
}

bool ExpectSameText(const std::string& text) { return ExpectSameDecode(PaddedCopy(text), "input"); }

std::string Bom16(const std::string& rest) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1)" + rest + "}";
}

TEST(CycloneDxJsonPieces, OrdinaryBomIsDecodedInPieces) {
  std::string text = Bom16(R"(,
    "metadata": {"timestamp": "2024-01-31T12:00:00Z", "component": {"type": "application", "name": "app", "bom-ref": "app"}},
    "components": [
      {"type": "library", "name": "a", "version": "1", "bom-ref": "a", "purl": "pkg:npm/a@1",
       "components": [{"type": "library", "name": "inner", "bom-ref": "inner"}]},
      {"type": "library", "name": "b", "version": "2", "bom-ref": "b"}
    ],
    "dependencies": [{"ref": "app", "dependsOn": ["a", "b"]}, {"ref": "a", "dependsOn": ["inner"]}, {"ref": "b"}])");
  EXPECT_TRUE(ExpectSameText(text));
  DecodeOptions options;
  auto decoded = DecodeJson(PaddedCopy(text), options);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->sbom.components.size(), 2u);
  EXPECT_EQ(decoded->sbom.dependencies.size(), 3u);
  EXPECT_EQ(decoded->sbom.dependency_refs.size(), 3u);
}

TEST(CycloneDxJsonPieces, DiagnosticsInsidePiecesKeepPointersAndPositions) {
  std::string text = Bom16(R"(,
  "components": [
    {"type": "library", "name": "a", "bom-ref": "a"},
    {"type": "gadget", "name": "b", "bom-ref": "a", "hashes": [{"alg": "SHA-256", "content": "xyz"}]}
  ],
  "dependencies": [{"ref": "a", "dependsOn": ["missing", "missing", ""]}, {"dependsOn": []}])");
  EXPECT_TRUE(ExpectSameText(text));
  DecodeOptions options;
  auto decoded = DecodeJson(PaddedCopy(text), options);
  ASSERT_TRUE(decoded.ok());
  bool saw_type = false;
  for (const auto& d : decoded->diagnostics.items()) {
    if (d.rule == "cdx.component.type.enum") {
      saw_type = true;
      EXPECT_EQ(d.pointer, "/components/1/type");
      EXPECT_EQ(d.line, 4u);
    }
  }
  EXPECT_TRUE(saw_type) << Describe(decoded);
}

TEST(CycloneDxJsonPieces, EdgesToToolAndPedigreeComponentsAreNotHeld) {
  // Same bom-ref shapes in held and not-held places: only edges between held components stay.
  std::string text = Bom16(R"(,
    "metadata": {"tools": {"components": [{"type": "application", "name": "tool", "bom-ref": "tool"}]},
                 "component": {"type": "application", "name": "app", "bom-ref": "app",
                               "components": [{"type": "library", "name": "sub", "bom-ref": "sub"}]}},
    "components": [
      {"type": "library", "name": "a", "bom-ref": "a",
       "pedigree": {"ancestors": [{"type": "library", "name": "old", "bom-ref": "old"}]}},
      {"type": "library", "name": "b", "bom-ref": "b", "licenses": [{"license": {"id": "MIT", "bom-ref": "lic"}}]}
    ],
    "services": [{"name": "svc", "bom-ref": "svc"}],
    "dependencies": [{"ref": "app", "dependsOn": ["a", "tool", "sub"]}, {"ref": "a", "dependsOn": ["old", "b", "lic"]},
                     {"ref": "svc", "dependsOn": ["a"]}, {"ref": "tool", "dependsOn": []}, {"ref": "b", "dependsOn": ["later"]}],
    "compositions": [{"aggregate": "complete", "assemblies": [{"bom-ref": "later"}]}])");
  EXPECT_TRUE(ExpectSameText(text));
  DecodeOptions options;
  auto decoded = DecodeJson(PaddedCopy(text), options);
  ASSERT_TRUE(decoded.ok());
  std::vector<std::string> edges;
  for (const auto& e : decoded->sbom.dependencies) edges.push_back(e.from + ">" + e.to);
  EXPECT_EQ(edges, (std::vector<std::string>{"app>a", "app>sub", "a>b"}));
  EXPECT_EQ(decoded->sbom.dependency_refs, (std::vector<std::string>{"app", "a", "b"}));
}

TEST(CycloneDxJsonPieces, MalformedPiecesFallBackToTheSameError) {
  // A syntax error inside a component, between components, after the document, in a key.
  for (const std::string& text : {
           Bom16(R"(, "components": [{"type": "library", "name": "a",}])"),
           Bom16(R"(, "components": [{"type": "library", "name": "a"} {"type": "library", "name": "b"}])"),
           Bom16(R"(, "components": [{"type": "library", "name": "a"}])") + " x",
           Bom16(R"(, "components": [{"type": "library", "name": "a"]])"),
           Bom16(R"(, "components": [{"type": "library", "name": "a"}, ])"),
           Bom16(R"(, "dependencies": [{"ref": "a", "dependsOn": ["b"}])"),
           Bom16(R"(, "metadata": {"timestamp": tru})"),
           Bom16(R"(, "components": [{"type": "library", "name": "\x01"}])"),
           Bom16(R"(, "components": [{"type": "library", "name": "\xC3\x28"}])"),
           Bom16(R"(, "components": [{"type": "library", "name": "unterminated}])"),
           std::string(R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": [)"),
           std::string(R"([{"bomFormat": "CycloneDX"}])"),
           std::string(R"({"bomFormat": "CycloneDX", "specVersion": 1.6})"),
           std::string(R"({"bomFormat": "CycloneDX", "specVersion": "1.7"})"),
           std::string(R"({"bomFormat": "CycloneDX"})"),
       }) {
    ExpectSameText(text);
  }
}

TEST(CycloneDxJsonPieces, UnusualButValidLayoutsAgree) {
  for (const std::string& text : {
           // byte order mark, CRLF and tabs, no whitespace at all
           "\xEF\xBB\xBF" + Bom16(",\r\n\t\"components\"\t:\r\n[ ]\r\n"),
           std::string(R"({"bomFormat":"CycloneDX","specVersion":"1.5","version":1,"components":[{"type":"library","name":"a"}],"dependencies":[]})"),
           // an escaped top-level key (the scanner declines; the whole document decides)
           Bom16(R"(, "compo\u006eents": [{"type": "library", "name": "a"}])"),
           // duplicate members: the second "components" is rejected but still checked
           Bom16(R"(, "components": [{"type": "library", "name": "a"}], "components": [{"type": "library", "name": "b"}])"),
           Bom16(R"(, "components": [{"type": "library", "name": "a"}], "components": [{"type": "library", "name": "b",}])"),
           // not arrays where arrays belong
           Bom16(R"(, "components": {"type": "library"}, "dependencies": "x")"),
           Bom16(R"(, "components": [1, "two", null, [], {}], "dependencies": [true, {"ref": 3}])"),
           // brackets, quotes and backslashes inside strings
           Bom16(R"(, "components": [{"type": "library", "name": "a]}[{\"\\", "description": "\\\\\"}]\\"}])"),
           // unknown and version-gated top-level members
           Bom16(R"(, "vulnerabilities": [{"id": "x", "ratings": [{"score": 1.5e3}]}], "nonsense": {"a": [1, 2]})"),
       }) {
    ExpectSameText(text);
  }
}

TEST(CycloneDxJsonPieces, EscapesAtEveryBlockOffsetAgree) {
  // The scanner reads 64-byte blocks; put escaped quotes and backslash runs at every offset.
  std::mt19937 rng(7);
  for (int shift = 0; shift < 130; ++shift) {
    std::string description(static_cast<std::size_t>(shift), 'x');
    for (int k = 0; k < 6; ++k) {
      int kind = static_cast<int>(rng() % 4);
      description += kind == 0 ? "\\\"" : kind == 1 ? "\\\\" : kind == 2 ? "\\\\\\\"" : "]}";
      description += std::string(rng() % 70, 'y');
    }
    std::string text = Bom16(R"(, "components": [{"type": "library", "name": "a", "description": ")" +
                             description + R"("}, {"type": "library", "name": "b"}])");
    EXPECT_TRUE(ExpectSameText(text)) << shift;
  }
}

TEST(CycloneDxJsonPieces, NestingAtThePieceLimitAgrees) {
  for (std::size_t depth : std::vector<std::size_t>{kMaxJsonDepth - 4, kMaxJsonDepth - 3, kMaxJsonDepth - 2,
                            kMaxJsonDepth - 1, kMaxJsonDepth, kMaxJsonDepth + 1}) {
    std::string deep = std::string(depth, '[') + std::string(depth, ']');
    ExpectSameText(Bom16(R"(, "components": [{"type": "library", "name": "a", "pedigree": {"notes": )" +
                         deep + "}}])"));
    ExpectSameText(Bom16(R"(, "formulation": )" + deep));
  }
}

// A mapped file ends anywhere in a page (its padding is then partly past the file's last page),
// and a large one is handed back in steps while it is decoded; neither may change the result.
TEST(CycloneDxJsonPieces, MappedFilesAgreeAtEverySizeAndAcrossReleases) {
  fs::path dir = fs::temp_directory_path() / ("sbomhub-mapped-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  auto component = [](std::size_t i) {
    return R"({"type": "library", "name": "n)" + std::to_string(i) + R"(", "bom-ref": "c)" +
           std::to_string(i) + R"(", "purl": "pkg:npm/n)" + std::to_string(i) + R"(@1.0.0"})";
  };
  auto check = [&](const std::string& text, const std::string& name) {
    std::string path = (dir / name).string();
    ASSERT_TRUE(WriteFile(path, text).ok());
    ExpectSameMappedDecode(PaddedCopy(text), path);
  };
  // Sizes from 128 bytes below a page boundary to just past it, so the file's end (and the
  // padding simdjson reads behind the last piece) falls at every offset near the boundary.
  for (std::size_t target = 4096 - 128; target <= 4096 + 8; ++target) {
    std::string text = Bom16(R"(, "components": [)" + component(0) + "]");
    if (text.size() > target) continue;
    text.insert(text.size() - 1, std::string(target - text.size(), ' '));
    check(text, "size-" + std::to_string(target) + ".json");
  }
  // About 3 MiB: several release steps, components and dependencies both.
  std::string components, dependencies;
  for (std::size_t i = 0; i < 30000; ++i) {
    if (i > 0) {
      components += ",\n";
      dependencies += ",\n";
    }
    components += component(i);
    dependencies += R"({"ref": "c)" + std::to_string(i) + R"(", "dependsOn": ["c)" +
                    std::to_string((i + 1) % 30000) + R"("]})";
  }
  check(Bom16(R"(, "components": [)" + components + R"(], "dependencies": [)" + dependencies + "]"),
        "large.json");
  // A malformed piece late in a large file: the fallback re-reads pages already handed back.
  check(Bom16(R"(, "components": [)" + components + R"(, {"type": "library", "name": tru}])"),
        "large-malformed.json");
  // A diagnostic late in a large file: its line:column comes from pages already handed back.
  check(Bom16(R"(, "components": [)" + components + R"(, {"type": "library", "name": "x", "scope": "nope"}])"),
        "large-invalid.json");
  std::error_code ec;
  fs::remove_all(dir, ec);
}

// Every CycloneDX JSON document in the shared corpus: the spec's own valid/invalid cases, the
// real product SBOMs, and the parser edge cases of other tools.
TEST(CycloneDxJsonPieces, SharedCorpusAgrees) {
  if (!testing::HasSharedData()) GTEST_SKIP() << "shared data not found";
  std::size_t files = 0, decodable = 0, in_pieces = 0;
  for (const char* dir : {"cyclonedx-specification/tools/src/test/resources", "cyclonedx-bom-examples",
                          "bom-shelter", "osv-tools-testdata"}) {
    std::string root = testing::SharedData(dir);
    if (!fs::is_directory(root)) continue;
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(root)) {
      if (e.is_regular_file() && e.path().extension() == ".json") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    for (const auto& path : paths) {
      auto bytes = ReadFile(path.string());
      ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
      if (!IdentifyJson(*bytes)) continue;
      ++files;
      bool took = ExpectSameDecode(*bytes, path.string());
      in_pieces += took;
      ExpectSameMappedDecode(*bytes, path.string());
      DecodeOptions options;
      // Every document the whole-document path decodes must go the fast way.
      if (DecodeJsonWholeDocument(*bytes, options).ok()) {
        ++decodable;
        EXPECT_TRUE(took) << path.string() << " was not decoded in pieces";
      }
    }
  }
  std::printf("CycloneDX JSON files compared: %zu (%zu decodable), decoded in pieces: %zu\n", files,
              decodable, in_pieces);
  EXPECT_GT(files, 300u);
}

}  // namespace
}  // namespace sbomhub::formats::cyclonedx::internal
