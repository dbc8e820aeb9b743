// Unit tests of the SPDX 2.x codecs on small fixtures (tests/formats/spdx/testdata).
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "base/file.h"
#include "formats/spdx/spdx.h"
#include "support/test_support.h"

namespace sbomhub::formats::spdx {
namespace {

std::string Fixture(const std::string& name) {
  auto bytes = ReadFile(testing::Fixture("formats/spdx", name));
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return bytes.ok() ? *bytes : std::string();
}

bool HasRule(const Diagnostics& d, const std::string& rule, const std::string& pointer = "") {
  for (const auto& x : d.items()) {
    if (x.rule == rule && (pointer.empty() || x.pointer == pointer)) return true;
  }
  return false;
}

std::string All(const Diagnostics& d) {
  std::string out;
  for (const auto& x : d.items()) out += x.ToString() + "\n";
  return out;
}

const std::regex kPositioned(R"(:\d+:\d+: )");

TEST(SpdxIdentify, RecognisesEachEncodingAndItsVersion) {
  auto json = JsonCodec().Identify(Fixture("minimal-2.3.spdx.json"));
  ASSERT_TRUE(json.has_value());
  EXPECT_EQ(json->spec_version, "2.3");
  EXPECT_EQ(json->encoding, model::Encoding::kJson);
  EXPECT_FALSE(TagValueCodec().Identify(Fixture("minimal-2.3.spdx.json")));

  auto tv = TagValueCodec().Identify(Fixture("minimal-2.3.spdx"));
  ASSERT_TRUE(tv.has_value());
  EXPECT_EQ(tv->spec_version, "2.3");
  EXPECT_FALSE(JsonCodec().Identify(Fixture("minimal-2.3.spdx")));

  auto v3 = JsonLd3Codec().Identify(
      R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []})");
  ASSERT_TRUE(v3.has_value());
  EXPECT_EQ(v3->spec_version, "3.0.1");
  EXPECT_FALSE(JsonCodec().Identify(
      R"({"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []})"));
}

TEST(SpdxIdentify, ReportsUnsupportedVersionAndRejectsOnDecode) {
  std::string tv = "# comment\r\nSPDXVersion: SPDX-3.5\r\nDataLicense: CC0-1.0\r\n";
  auto id = TagValueCodec().Identify(tv);
  ASSERT_TRUE(id.has_value());
  EXPECT_EQ(id->spec_version, "3.5");
  auto d = TagValueCodec().Decode(PaddedCopy(tv), {"v35.spdx"});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(d.status().message().find("v35.spdx"), std::string::npos);
  EXPECT_NE(d.status().message().find("SPDX-3.5"), std::string::npos);
}

TEST(SpdxIdentify, IgnoresCycloneDxAndOtherJson) {
  EXPECT_FALSE(JsonCodec().Identify(R"({"bomFormat": "CycloneDX", "specVersion": "1.6"})"));
  EXPECT_FALSE(TagValueCodec().Identify(R"({"bomFormat": "CycloneDX"})"));
  EXPECT_FALSE(JsonLd3Codec().Identify(R"({"@context": "https://openvex.dev/ns/v0.2.0"})"));
  EXPECT_FALSE(JsonCodec().Identify(""));
}

TEST(SpdxJsonDecode, MapsDocumentPackagesFilesAndRelationships) {
  auto d = JsonCodec().Decode(Fixture("minimal-2.3.spdx.json"), {"minimal.json"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors()) << All(d->diagnostics);
  const model::Sbom& s = d->sbom;
  EXPECT_EQ(s.family, model::SpecFamily::kSpdx);
  EXPECT_EQ(s.spec_version, "2.3");
  EXPECT_EQ(s.serial_number, "https://example.com/spdxdocs/hello-1.0");
  EXPECT_EQ(s.document_name, "hello");
  EXPECT_EQ(s.timestamp, "2024-01-02T03:04:05Z");
  ASSERT_EQ(s.tools.size(), 1u);
  EXPECT_EQ(s.tools[0].name, "hellogen");
  EXPECT_EQ(s.tools[0].version, "1.2.3");
  ASSERT_EQ(s.authors.size(), 2u);
  EXPECT_EQ(s.authors[0].kind, model::Party::Kind::kOrganization);
  EXPECT_EQ(s.authors[0].email, "sbom@example.com");
  EXPECT_EQ(s.authors[1].kind, model::Party::Kind::kPerson);

  ASSERT_TRUE(s.primary.has_value());
  const model::Component& p = *s.primary;
  EXPECT_EQ(p.bom_ref, "SPDXRef-hello");
  EXPECT_EQ(p.type, model::ComponentType::kApplication);
  ASSERT_TRUE(p.supplier.has_value());
  EXPECT_EQ(p.supplier->name, "Example Inc.");
  ASSERT_EQ(p.authors.size(), 1u);
  EXPECT_EQ(p.authors[0].email, "jane@example.com");
  EXPECT_EQ(p.purl, "pkg:generic/hello@1.0");
  ASSERT_EQ(p.cpes.size(), 1u);
  ASSERT_EQ(p.external_references.size(), 1u);
  EXPECT_EQ(p.external_references[0].type, "OTHER/website");
  ASSERT_EQ(p.licenses.size(), 2u);
  EXPECT_EQ(p.licenses[0].value, "MIT");
  EXPECT_EQ(p.licenses[0].acknowledgement, model::LicenseAcknowledgement::kConcluded);
  EXPECT_EQ(p.licenses[1].value, "MIT OR Apache-2.0");
  EXPECT_EQ(p.licenses[1].acknowledgement, model::LicenseAcknowledgement::kDeclared);
  ASSERT_EQ(p.hashes.size(), 1u);
  EXPECT_EQ(p.hashes[0].algorithm, model::HashAlgorithm::kSha256);
  EXPECT_FALSE(p.files_analyzed);

  ASSERT_EQ(s.components.size(), 2u);
  EXPECT_EQ(s.components[0].bom_ref, "SPDXRef-libgreet");
  EXPECT_EQ(s.components[0].type, model::ComponentType::kUnspecified);
  EXPECT_EQ(s.components[0].licenses[0].value, "NOASSERTION");
  EXPECT_EQ(s.components[1].type, model::ComponentType::kFile);
  EXPECT_EQ(s.components[1].name, "./src/main.c");

  ASSERT_EQ(s.dependencies.size(), 4u);
  EXPECT_EQ(s.dependencies[0].type, model::RelationshipType::kDependsOn);
  // BUILD_DEPENDENCY_OF is reversed into the typed kind.
  EXPECT_EQ(s.dependencies[1].type, model::RelationshipType::kBuildDependsOn);
  EXPECT_EQ(s.dependencies[1].from, "SPDXRef-hello");
  EXPECT_EQ(s.dependencies[1].to, "SPDXRef-libgreet");
  EXPECT_EQ(s.dependencies[2].type, model::RelationshipType::kContains);
  EXPECT_EQ(s.dependencies[3].type, model::RelationshipType::kOther);
  EXPECT_EQ(s.dependencies[3].raw_type, "GENERATED_FROM");
  EXPECT_EQ(s.dependencies[3].to, "NOASSERTION");
}

TEST(SpdxTagValueDecode, SameDocumentAsJsonGivesSameModel) {
  auto j = JsonCodec().Decode(Fixture("minimal-2.3.spdx.json"), {"m.json"});
  auto t = TagValueCodec().Decode(Fixture("minimal-2.3.spdx"), {"m.spdx"});
  ASSERT_TRUE(j.ok() && t.ok());
  EXPECT_FALSE(t->diagnostics.HasErrors()) << All(t->diagnostics);
  model::Sbom tv = t->sbom;
  EXPECT_EQ(tv.encoding, model::Encoding::kTagValue);
  // The <text> value keeps its line break; the JSON fixture has no such comment.
  EXPECT_EQ(tv.components[0].comment, "Two lines\nof comment.");
  tv.components[0].comment.clear();
  tv.encoding = model::Encoding::kJson;
  EXPECT_TRUE(tv == j->sbom);
}

TEST(SpdxValidation, ReportsEachViolationWithPointer) {
  auto d = JsonCodec().Decode(Fixture("bad/invalid-fields.spdx.json"), {"bad.json"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  const Diagnostics& g = d->diagnostics;
  EXPECT_TRUE(HasRule(g, "spdx.document.dataLicense", "/dataLicense")) << All(g);
  EXPECT_TRUE(HasRule(g, "spdx.document.namespace.uri", "/documentNamespace"));
  EXPECT_TRUE(HasRule(g, "spdx.creationInfo.created.format", "/creationInfo/created"));
  EXPECT_TRUE(HasRule(g, "spdx.creationInfo.creators.prefix", "/creationInfo/creators/0"));
  EXPECT_TRUE(HasRule(g, "spdx.checksum.algorithm", "/packages/0/checksums/0/algorithm"));
  EXPECT_TRUE(HasRule(g, "spdx.checksum.value", "/packages/0/checksums/1/checksumValue"));
  EXPECT_TRUE(HasRule(g, "spdx.element.SPDXID.unique", "/packages/1/SPDXID"));
  EXPECT_TRUE(HasRule(g, "spdx.package.filesAnalyzed.verificationCode",
                      "/packages/1/packageVerificationCode"));
  EXPECT_TRUE(HasRule(g, "spdx.package.SPDXID.format", "/packages/2/SPDXID"));
  EXPECT_TRUE(HasRule(g, "spdx.package.name.required", "/packages/2"));
  EXPECT_TRUE(HasRule(g, "spdx.license.syntax", "/packages/2/licenseConcluded"));
  EXPECT_TRUE(HasRule(g, "spdx.relationship.type.enum", "/relationships/0/relationshipType"));
  EXPECT_TRUE(HasRule(g, "spdx.relationship.unresolved", "/relationships/0/relatedSpdxElement"));
  for (const auto& x : g.items()) EXPECT_EQ(x.file, "bad.json");
}

TEST(SpdxValidation, TagValueDiagnosticsCarryLineNumbers) {
  std::string tv =
      "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: t\n"
      "DocumentNamespace: https://example.com/t\nCreator: Tool: x\nCreated: 2024-01-02T03:04:05Z\n"
      "\nPackageName: p\nSPDXID: SPDXRef-p\nPackageDownloadLocation: NOASSERTION\n"
      "PackageChecksum: SHA1 0000\nRelationship: SPDXRef-p DEPENDS_ON\nNoColonHere\n"
      "PackageComment: <text>one line</text>\nPackageSummary: <text>two\nlines</text>\n"
      "Relationship: broken\n";
  auto d = TagValueCodec().Decode(PaddedCopy(tv), {"t.spdx"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  auto line_of = [&](const std::string& rule) -> std::size_t {
    for (const auto& x : d->diagnostics.items()) {
      if (x.rule == rule) return x.line;
    }
    return 0;
  };
  EXPECT_EQ(line_of("spdx.checksum.syntax"), 12u) << All(d->diagnostics);
  EXPECT_EQ(line_of("spdx.relationship.syntax"), 13u);
  EXPECT_EQ(line_of("spdx.tv.syntax"), 14u);
  // <text> values, on one line or spanning two, keep the count right.
  std::size_t last_relationship = 0;
  for (const auto& x : d->diagnostics.items()) {
    if (x.rule == "spdx.relationship.syntax") last_relationship = x.line;
  }
  EXPECT_EQ(last_relationship, 18u);
}

TEST(SpdxBadInput, UnclosedTextIsAPositionedParseError) {
  auto d = TagValueCodec().Decode(Fixture("bad/unclosed-text.spdx"), {"unclosed.spdx"});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_NE(d.status().message().find("unclosed.spdx:12:"), std::string::npos) << d.status().message();
}

TEST(SpdxBadInput, TruncatedJsonIsAPositionedParseError) {
  auto d = JsonCodec().Decode(Fixture("bad/truncated.spdx.json"), {"trunc.json"});
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_TRUE(std::regex_search(d.status().message(), kPositioned)) << d.status().message();
}

TEST(SpdxBadInput, WrongTypesAndDuplicateKeysAreDiagnosed) {
  std::string j = R"({"spdxVersion": "SPDX-2.3", "name": 5, "name": "again", "packages": {"a": 1},
                      "creationInfo": {"created": "2024-01-02T03:04:05Z", "creators": "Tool: x"}})";
  auto d = JsonCodec().Decode(PaddedCopy(j), {"types.json"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(HasRule(d->diagnostics, "spdx.json.type", "/name")) << All(d->diagnostics);
  EXPECT_TRUE(HasRule(d->diagnostics, "spdx.json.duplicateKey", "/name"));
  EXPECT_TRUE(HasRule(d->diagnostics, "spdx.json.type", "/packages"));
  EXPECT_TRUE(HasRule(d->diagnostics, "spdx.json.type", "/creationInfo/creators"));
}

TEST(SpdxBadInput, DeepNestingIsRejectedWithPosition) {
  std::string j = R"({"spdxVersion": "SPDX-2.3", "comment": )" + std::string(100000, '[') +
                  std::string(100000, ']') + "}";
  auto d = JsonCodec().Decode(PaddedCopy(j), {"deep.json"});
  ASSERT_FALSE(d.ok());
  EXPECT_TRUE(std::regex_search(d.status().message(), kPositioned)) << d.status().message();
}

TEST(SpdxBadInput, InvalidUtf8IsRejectedWithPosition) {
  std::string j = "{\"spdxVersion\": \"SPDX-2.3\",\n \"name\": \"a\xC3\x28\"}";
  auto d = JsonCodec().Decode(PaddedCopy(j), {"utf8.json"});
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("utf8.json:2:"), std::string::npos) << d.status().message();
  std::string tv = "SPDXVersion: SPDX-2.3\nDocumentName: a\xFF\n";
  auto t = TagValueCodec().Decode(PaddedCopy(tv), {"utf8.spdx"});
  ASSERT_FALSE(t.ok());
  EXPECT_NE(t.status().message().find("utf8.spdx:2:"), std::string::npos) << t.status().message();
}

TEST(SpdxBadInput, HugeLinesAndManyTagsStayLinear) {
  std::string tv = "SPDXVersion: SPDX-2.3\nDocumentComment: " + std::string(8 << 20, 'x') + "\n";
  for (int i = 0; i < 200000; ++i) tv += "Creator: Tool: t\n";
  auto d = TagValueCodec().Decode(PaddedCopy(tv), {"huge.spdx"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->sbom.comment.size(), 8u << 20);
  EXPECT_EQ(d->sbom.tools.size(), 200000u);
}

TEST(SpdxEncode, CycloneDxOriginGetsValidIdsNamespaceAndWarnings) {
  model::Sbom s;
  s.family = model::SpecFamily::kCycloneDx;
  s.spec_version = "1.6";
  s.timestamp = "2024-01-02T05:04:05.123+02:00";
  model::Component app;
  app.bom_ref = "pkg:npm/app@1.0";
  app.type = model::ComponentType::kApplication;
  app.name = "app";
  app.version = "1.0";
  s.primary = app;
  model::Component a;
  a.bom_ref = "pkg:npm/a@1";
  a.name = "a";
  a.scope = model::Scope::kOptional;
  a.properties.push_back({"cdx:x", "y"});
  model::License named;
  named.kind = model::License::Kind::kName;
  named.value = "Custom Thing";
  a.licenses.push_back(named);
  model::License id;
  id.kind = model::License::Kind::kSpdxId;
  id.value = "MIT";
  a.licenses.push_back(id);
  model::Component nested;
  nested.bom_ref = "pkg:npm/a@1";  // same bom_ref: the encoder must keep ids unique
  nested.name = "a-inner";
  nested.type = model::ComponentType::kMachineLearningModel;
  a.components.push_back(nested);
  s.components.push_back(a);
  s.dependencies.push_back({"pkg:npm/app@1.0", "pkg:npm/a@1", model::RelationshipType::kDependsOn, "", ""});
  s.dependencies.push_back({"pkg:npm/app@1.0", "pkg:npm/a@1", model::RelationshipType::kProvides, "", ""});

  auto e1 = JsonCodec().Encode(s, {});
  auto e2 = JsonCodec().Encode(s, {});
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_EQ(e1->bytes, e2->bytes) << "encoding must be deterministic";
  for (const char* rule : {"spdx.encode.scope", "spdx.encode.properties", "spdx.encode.type",
                           "spdx.encode.relationship.provides", "spdx.encode.timestamp"}) {
    EXPECT_TRUE(HasRule(e1->warnings, rule)) << rule << "\n" << All(e1->warnings);
  }
  auto d = JsonCodec().Decode(PaddedCopy(e1->bytes), {"enc.json"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors()) << All(d->diagnostics) << e1->bytes;
  const model::Sbom& r = d->sbom;
  EXPECT_EQ(r.timestamp, "2024-01-02T03:04:05Z");
  EXPECT_TRUE(r.serial_number.rfind("https://sbomhub.invalid/spdxdocs/", 0) == 0) << r.serial_number;
  ASSERT_TRUE(r.primary.has_value());
  EXPECT_EQ(r.primary->bom_ref, "SPDXRef-pkg-npm-app-1.0");
  ASSERT_EQ(r.components.size(), 2u);
  EXPECT_EQ(r.components[0].bom_ref, "SPDXRef-pkg-npm-a-1");
  EXPECT_EQ(r.components[1].bom_ref, "SPDXRef-pkg-npm-a-1-2");
  EXPECT_EQ(r.components[0].licenses[0].value, "LicenseRef-Custom-Thing AND MIT");
  EXPECT_NE(r.components[0].comment.find("scope: optional"), std::string::npos);
  bool contains = false, depends = false;
  for (const auto& edge : r.dependencies) {
    if (edge.type == model::RelationshipType::kContains && edge.from == "SPDXRef-pkg-npm-a-1" &&
        edge.to == "SPDXRef-pkg-npm-a-1-2") {
      contains = true;
    }
    if (edge.type == model::RelationshipType::kDependsOn && edge.from == "SPDXRef-pkg-npm-app-1.0") {
      depends = true;
    }
  }
  EXPECT_TRUE(contains);
  EXPECT_TRUE(depends);
  bool extracted = false;
  for (const auto& p : r.properties) {
    if (p.name == "spdx:extractedLicense:LicenseRef-Custom-Thing" && p.value == "Custom Thing") extracted = true;
  }
  EXPECT_TRUE(extracted);
}

TEST(SpdxEncode, TagValueRoundTripOfFixtureIsExact) {
  for (const Codec* codec : {&JsonCodec(), &TagValueCodec()}) {
    auto d = codec->Decode(Fixture(codec == &JsonCodec() ? "minimal-2.3.spdx.json" : "minimal-2.3.spdx"),
                           {"m"});
    ASSERT_TRUE(d.ok());
    auto e = codec->Encode(d->sbom, {});
    ASSERT_TRUE(e.ok());
    EXPECT_TRUE(e->warnings.items().empty()) << All(e->warnings);
    auto again = codec->Decode(PaddedCopy(e->bytes), {"m2"});
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_FALSE(again->diagnostics.HasErrors()) << All(again->diagnostics) << e->bytes;
    EXPECT_TRUE(again->sbom == d->sbom) << e->bytes;
  }
}

TEST(SpdxEncode, TagValueWarnsAboutTextItCannotCarry) {
  auto d = TagValueCodec().Decode(Fixture("minimal-2.3.spdx"), {"m"});
  ASSERT_TRUE(d.ok());
  model::Sbom s = d->sbom;
  s.components[0].comment = "a </text> b\nsecond line";
  auto e = TagValueCodec().Encode(s, {});
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(HasRule(e->warnings, "spdx.encode.tv.text")) << All(e->warnings);
  auto again = TagValueCodec().Decode(PaddedCopy(e->bytes), {"m2"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->diagnostics.HasErrors()) << All(again->diagnostics);
  EXPECT_EQ(again->sbom.components[0].comment, "a </ text> b\nsecond line");
}

TEST(SpdxEncode, FileDeclaredLicensesBecomeLicenseInfoInFiles) {
  model::Sbom s;
  s.family = model::SpecFamily::kCycloneDx;
  s.timestamp = "2024-01-02T03:04:05Z";
  model::Component f;
  f.bom_ref = "f";
  f.type = model::ComponentType::kFile;
  f.name = "a.c";
  f.hashes.push_back({model::HashAlgorithm::kSha1, "d6a770ba38583ed4bb4525bd96e50461655d2758"});
  model::License l;
  l.kind = model::License::Kind::kSpdxId;
  l.value = "MIT";
  f.licenses.push_back(l);
  s.components.push_back(f);
  auto e = JsonCodec().Encode(s, {});
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(HasRule(e->warnings, "spdx.encode.file.licenseDeclared")) << All(e->warnings);
  EXPECT_NE(e->bytes.find("\"licenseInfoInFiles\""), std::string::npos) << e->bytes;
  auto d = JsonCodec().Decode(PaddedCopy(e->bytes), {"f.json"});
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->diagnostics.HasErrors()) << All(d->diagnostics);
  ASSERT_EQ(d->sbom.components.size(), 1u);
  EXPECT_EQ(d->sbom.components[0].type, model::ComponentType::kFile);
  EXPECT_EQ(d->sbom.components[0].bom_ref, "SPDXRef-f");
}

TEST(SpdxEncode, RejectsOtherVersions) {
  model::Sbom s;
  auto e = JsonCodec().Encode(s, {"2.2", true});
  ASSERT_FALSE(e.ok());
  EXPECT_EQ(e.status().code(), StatusCode::kUnsupported);
  EXPECT_EQ(JsonCodec().EncodeVersions(), std::vector<std::string>{"2.3"});
  EXPECT_TRUE(JsonLd3Codec().EncodeVersions().empty());
}

TEST(SpdxYaml, DecodesThroughTheJsonMappingWithTypedScalars) {
  std::string y =
      "spdxVersion: SPDX-2.3\ndataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nname: y\n"
      "documentNamespace: https://example.com/y\ncreationInfo:\n  created: 2024-01-02T03:04:05Z\n"
      "  creators: [\"Tool: y\"]\npackages:\n- SPDXID: SPDXRef-p\n  name: p\n  versionInfo: 1.0\n"
      "  downloadLocation: NOASSERTION\n  filesAnalyzed: false\n  licenseConcluded: MIT\n"
      "documentDescribes: [SPDXRef-p]\n";
  ASSERT_TRUE(YamlCodec().Identify(y).has_value());
  EXPECT_FALSE(JsonCodec().Identify(y).has_value());
  auto d = YamlCodec().Decode(PaddedCopy(y), {"y.yaml"});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors()) << All(d->diagnostics);
  ASSERT_TRUE(d->sbom.primary.has_value());
  EXPECT_EQ(d->sbom.primary->version, "1.0");  // not the number 1
  EXPECT_FALSE(d->sbom.primary->files_analyzed);
  EXPECT_EQ(d->sbom.encoding, model::Encoding::kYaml);
}

TEST(SpdxYaml, RejectsAliasBombsDeepNestingAndSyntaxErrorsWithPosition) {
  std::string bomb = "spdxVersion: SPDX-2.3\na: &a [x, x, x, x, x, x, x, x, x, x]\n";
  char prev = 'a';
  for (char c = 'b'; c <= 'k'; ++c, ++prev) {
    bomb += std::string(1, c) + ": &" + c + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
            ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n";
  }
  auto b = YamlCodec().Decode(PaddedCopy(bomb), {"bomb.yaml"});
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.status().code(), StatusCode::kTooLarge);

  std::string deep = "spdxVersion: SPDX-2.3\nx: " + std::string(100000, '[');
  auto n = YamlCodec().Decode(PaddedCopy(deep), {"deep.yaml"});
  ASSERT_FALSE(n.ok());
  EXPECT_TRUE(std::regex_search(n.status().message(), kPositioned)) << n.status().message();

  auto bad = YamlCodec().Decode(PaddedCopy("spdxVersion: SPDX-2.3\nname: [unclosed\n"), {"bad.yaml"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kParseError);
  EXPECT_TRUE(std::regex_search(bad.status().message(), kPositioned)) << bad.status().message();
}

}  // namespace
}  // namespace sbomhub::formats::spdx
