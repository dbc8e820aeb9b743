// Unit tests for the CycloneDX codecs: identification, what decoding maps into the model, the
// diagnostics for bad input (with positions), and what encoding writes and warns about.
#include <string>

#include <gtest/gtest.h>

#include "base/file.h"
#include "formats/cyclonedx/cyclonedx.h"
#include "support/test_support.h"

namespace sbomhub::formats::cyclonedx {
namespace {

std::string Fixture(const std::string& name) {
  auto bytes = ReadFile(testing::Fixture("formats/cyclonedx", name));
  EXPECT_TRUE(bytes.ok()) << name;
  return bytes.ok() ? *bytes : std::string();
}

Result<Decoded> DecodeFixture(const Codec& codec, const std::string& name) {
  DecodeOptions options;
  options.file_name = name;
  return codec.Decode(Fixture(name), options);
}

Result<Decoded> DecodeText(const Codec& codec, const std::string& text) {
  DecodeOptions options;
  options.file_name = "input";
  return codec.Decode(PaddedCopy(text), options);
}

const Diagnostic* FindRule(const Decoded& d, std::string_view rule) {
  for (const auto& item : d.diagnostics.items()) {
    if (item.rule == rule) return &item;
  }
  return nullptr;
}

std::string Json16(const std::string& components_json) {
  return R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "version": 1, "components": )" +
         components_json + "}";
}

// ---- identification ----

TEST(CycloneDxIdentify, JsonNamesFamilyEncodingAndVersion) {
  auto id = JsonCodec().Identify(R"({"bomFormat": "CycloneDX", "specVersion": "1.5"})");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->family, model::SpecFamily::kCycloneDx);
  EXPECT_EQ(id->encoding, model::Encoding::kJson);
  EXPECT_EQ(id->spec_version, "1.5");
}

TEST(CycloneDxIdentify, XmlReadsVersionFromNamespace) {
  auto id = XmlCodec().Identify(
      "<?xml version=\"1.0\"?>\n<!-- c -->\n<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>");
  ASSERT_TRUE(id);
  EXPECT_EQ(id->encoding, model::Encoding::kXml);
  EXPECT_EQ(id->spec_version, "1.4");
}

TEST(CycloneDxIdentify, OtherDocumentsAreNotClaimed) {
  EXPECT_FALSE(JsonCodec().Identify(R"({"spdxVersion": "SPDX-2.3", "bomFormat": "x"})"));
  EXPECT_FALSE(JsonCodec().Identify("<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"/>"));
  EXPECT_FALSE(XmlCodec().Identify(R"({"bomFormat": "CycloneDX", "specVersion": "1.5"})"));
  EXPECT_FALSE(XmlCodec().Identify("<rdf:RDF xmlns:rdf=\"x\"/>"));
}

TEST(CycloneDxIdentify, UnsupportedVersionIsIdentifiedThenRefusedClearly) {
  std::string text = Fixture("bad/unsupported-1.7.json");
  auto id = JsonCodec().Identify(text);
  ASSERT_TRUE(id);
  EXPECT_EQ(id->spec_version, "1.7");
  auto decoded = DecodeFixture(JsonCodec(), "bad/unsupported-1.7.json");
  ASSERT_FALSE(decoded.ok());
  EXPECT_EQ(decoded.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(decoded.status().message().find("CycloneDX 1.7 is not supported yet (supported: 1.2–1.6)"),
            std::string::npos)
      << decoded.status().message();

  auto xml = DecodeFixture(XmlCodec(), "bad/unsupported-1.1.xml");
  ASSERT_FALSE(xml.ok());
  EXPECT_EQ(xml.status().code(), StatusCode::kUnsupported);
  EXPECT_NE(xml.status().message().find("CycloneDX 1.1 is not supported yet"), std::string::npos);
}

// ---- decoding into the model ----

TEST(CycloneDxJsonDecode, MapsMetadataIntoTheModel) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors());
  const model::Sbom& s = d->sbom;
  EXPECT_EQ(s.spec_version, "1.6");
  EXPECT_EQ(s.serial_number, "urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79");
  EXPECT_EQ(s.bom_version, 3);
  EXPECT_EQ(s.timestamp, "2024-02-01T10:20:30Z");
  EXPECT_EQ(s.lifecycles, (std::vector<std::string>{"build", "audit"}));
  ASSERT_EQ(s.tools.size(), 1u);
  EXPECT_EQ(s.tools[0], (model::Tool{"acme", "scanner", "2.1"}));
  ASSERT_EQ(s.authors.size(), 1u);
  EXPECT_EQ(s.authors[0].email, "jane@example.com");
  ASSERT_TRUE(s.primary);
  EXPECT_EQ(s.primary->bom_ref, "app");
  EXPECT_EQ(s.primary->type, model::ComponentType::kApplication);
  ASSERT_TRUE(s.manufacturer);
  EXPECT_EQ(s.manufacturer->urls, std::vector<std::string>{"https://acme.example"});
  ASSERT_TRUE(s.supplier);
  EXPECT_EQ(s.supplier->email, "supply@example.com");
  ASSERT_EQ(s.data_licenses.size(), 1u);
  EXPECT_EQ(s.data_licenses[0].value, "CC0-1.0");
  EXPECT_EQ(s.properties, (std::vector<model::Property>{{"build-id", "42"}}));
  EXPECT_EQ(s.external_references.size(), 1u);
}

TEST(CycloneDxJsonDecode, MapsComponentFieldsAndNesting) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->sbom.components.size(), 2u);
  const model::Component& c = d->sbom.components[0];
  EXPECT_EQ(c.purl, "pkg:npm/left-pad@1.3.0");
  EXPECT_EQ(c.scope, model::Scope::kOptional);
  EXPECT_EQ(c.author, "Azer");
  EXPECT_EQ(c.publisher, "npm inc");
  ASSERT_TRUE(c.supplier);
  EXPECT_EQ(c.supplier->name, "npm");
  EXPECT_EQ(c.cpes, std::vector<std::string>{"cpe:2.3:a:left-pad:left-pad:1.3.0:*:*:*:*:*:*:*"});
  EXPECT_EQ(c.swid_tag_id, "swid-left-pad");
  ASSERT_EQ(c.hashes.size(), 1u);
  EXPECT_EQ(c.hashes[0].algorithm, model::HashAlgorithm::kSha256);
  ASSERT_EQ(c.licenses.size(), 2u);
  EXPECT_EQ(c.licenses[0].kind, model::License::Kind::kSpdxId);
  EXPECT_EQ(c.licenses[0].acknowledgement, model::LicenseAcknowledgement::kDeclared);
  EXPECT_EQ(c.licenses[0].url, "https://opensource.org/licenses/MIT");
  EXPECT_EQ(c.licenses[1].kind, model::License::Kind::kName);
  EXPECT_EQ(c.licenses[1].text, "do what you like");
  ASSERT_EQ(c.external_references.size(), 1u);
  EXPECT_EQ(c.external_references[0].comment, "repo");
  ASSERT_EQ(c.components.size(), 1u);
  ASSERT_EQ(c.components[0].components.size(), 1u);
  EXPECT_EQ(c.components[0].components[0].bom_ref, "lp-deep");

  const model::Component& e = d->sbom.components[1];
  ASSERT_EQ(e.licenses.size(), 1u);
  EXPECT_EQ(e.licenses[0].kind, model::License::Kind::kExpression);
  EXPECT_EQ(e.licenses[0].bom_ref, "lic-1");
  EXPECT_EQ(e.licenses[0].acknowledgement, model::LicenseAcknowledgement::kConcluded);
  ASSERT_EQ(e.authors.size(), 1u);
  ASSERT_TRUE(e.manufacturer);
}

TEST(CycloneDxJsonDecode, KeepsEmptyDependsOnAndProvides) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->sbom.dependency_refs,
            (std::vector<std::string>{"app", "pkg:npm/left-pad@1.3.0", "expr-lib"}));
  std::vector<model::DependencyEdge> expected = {
      {"app", "pkg:npm/left-pad@1.3.0", model::RelationshipType::kDependsOn, {}, {}},
      {"app", "expr-lib", model::RelationshipType::kDependsOn, {}, {}},
      {"app", "lp-index", model::RelationshipType::kProvides, {}, {}},
  };
  // expr-lib -> svc-1 points at a service, which the model does not hold.
  EXPECT_EQ(d->sbom.dependencies, expected);
}

TEST(CycloneDxJsonDecode, ReportsEachUnheldSectionOnceAsInfo) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  int services = 0, pedigree = 0;
  for (const auto& item : d->diagnostics.items()) {
    if (item.message.rfind("services (2) are not held by sbomhub's model", 0) == 0) {
      ++services;
      EXPECT_EQ(item.severity, Severity::kInfo);
    }
    if (item.message.rfind("component pedigree (1)", 0) == 0) ++pedigree;
  }
  EXPECT_EQ(services, 1);
  EXPECT_EQ(pedigree, 1);
}

TEST(CycloneDxXmlDecode, MapsTheSameModelAsJson) {
  auto d = DecodeFixture(XmlCodec(), "full-1.6.xml");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors());
  const model::Sbom& s = d->sbom;
  EXPECT_EQ(s.encoding, model::Encoding::kXml);
  EXPECT_EQ(s.bom_version, 3);
  EXPECT_EQ(s.tools, (std::vector<model::Tool>{{"acme", "scanner", "2.1"}}));
  ASSERT_EQ(s.components.size(), 1u);
  EXPECT_EQ(s.components[0].licenses[0].acknowledgement, model::LicenseAcknowledgement::kDeclared);
  EXPECT_EQ(s.components[0].hashes[0].algorithm, model::HashAlgorithm::kSha1);
  EXPECT_EQ(s.components[0].components[0].bom_ref, "lib-a-file");
  EXPECT_EQ(s.dependency_refs, (std::vector<std::string>{"app", "lib-a"}));
  EXPECT_EQ(s.dependencies.size(), 1u);
  EXPECT_EQ(s.properties, (std::vector<model::Property>{{"build-id", "42"}}));
}

TEST(CycloneDxJsonDecode, AcceptsUtf8ByteOrderMark) {
  auto d = DecodeText(JsonCodec(), "\xEF\xBB\xBF" + Json16(R"([{"type": "library", "name": "x"}])"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->sbom.components.size(), 1u);
}

TEST(CycloneDxXmlDecode, PrefixedNamespaceAndForeignExtensions) {
  auto d = DecodeText(XmlCodec(),
                      "<cdx:bom xmlns:cdx=\"http://cyclonedx.org/schema/bom/1.5\" "
                      "xmlns:ext=\"urn:example\" version=\"2\">"
                      "<cdx:components><cdx:component type=\"library\" ext:flag=\"1\">"
                      "<cdx:name>x</cdx:name><ext:whatever><cdx:bogus/></ext:whatever>"
                      "</cdx:component></cdx:components></cdx:bom>");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_FALSE(d->diagnostics.HasErrors());
  EXPECT_EQ(d->sbom.spec_version, "1.5");
  EXPECT_EQ(d->sbom.bom_version, 2);
  ASSERT_EQ(d->sbom.components.size(), 1u);
  EXPECT_EQ(d->sbom.components[0].name, "x");
}

TEST(CycloneDxXmlDecode, UnknownCycloneDxElementIsAnError) {
  auto d = DecodeText(XmlCodec(),
                      "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>"
                      "<component type=\"library\"><name>x</name><colour>red</colour></component>"
                      "</components></bom>");
  ASSERT_TRUE(d.ok());
  const Diagnostic* unknown = FindRule(*d, "cdx.xml.unknown-element");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->line, 1u);
}

// ---- validation ----

TEST(CycloneDxValidation, ComponentTypeFollowsTheDeclaredVersion) {
  auto d = DecodeFixture(JsonCodec(), "bad/unknown-keys.json");
  ASSERT_TRUE(d.ok());
  const Diagnostic* type = FindRule(*d, "cdx.component.type.enum");
  ASSERT_NE(type, nullptr) << "platform is 1.5+";
  EXPECT_EQ(type->pointer, "/components/0/type");
  EXPECT_EQ(type->line, 2u);
  const Diagnostic* unknown = FindRule(*d, "cdx.json.unknown-key");
  ASSERT_NE(unknown, nullptr);
  EXPECT_EQ(unknown->pointer, "/components/0/colour");
  EXPECT_NE(FindRule(*d, "cdx.json.key-version"), nullptr) << "manufacturer is 1.6+";
}

TEST(CycloneDxValidation, DuplicateKeysAreErrors) {
  auto d = DecodeFixture(JsonCodec(), "bad/duplicate-keys.json");
  ASSERT_TRUE(d.ok());
  const Diagnostic* dup = FindRule(*d, "cdx.json.duplicate-key");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->pointer, "/components/0/name");
  EXPECT_EQ(dup->file, "bad/duplicate-keys.json");
}

TEST(CycloneDxValidation, WrongTypesNameThePointer) {
  auto d = DecodeFixture(JsonCodec(), "bad/wrong-types.json");
  ASSERT_TRUE(d.ok());
  std::vector<std::string> pointers;
  for (const auto& item : d->diagnostics.items()) {
    if (item.rule == "cdx.json.type") pointers.push_back(item.pointer);
  }
  EXPECT_EQ(pointers, (std::vector<std::string>{"/version", "/components", "/metadata/timestamp",
                                                "/metadata/authors"}));
}

TEST(CycloneDxValidation, UnresolvedDependencyAndDuplicateBomRef) {
  auto d = DecodeFixture(JsonCodec(), "bad/unresolved-dependency.json");
  ASSERT_TRUE(d.ok());
  const Diagnostic* unresolved = FindRule(*d, "cdx.dependency.unresolved");
  ASSERT_NE(unresolved, nullptr);
  EXPECT_EQ(unresolved->pointer, "/dependencies/0/dependsOn/0");
  EXPECT_EQ(unresolved->line, 3u);
  EXPECT_EQ(unresolved->column, 46u);  // the opening quote of "ghost"
  const Diagnostic* dup = FindRule(*d, "cdx.bom-ref.unique");
  ASSERT_NE(dup, nullptr);
  EXPECT_EQ(dup->severity, Severity::kError);
}

TEST(CycloneDxValidation, XmlDiagnosticsCarryLineAndColumn) {
  auto d = DecodeText(XmlCodec(), "<?xml version=\"1.0\"?>\n"
                                  "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n"
                                  "  <components>\n"
                                  "    <component type=\"gizmo\"><name>x</name></component>\n"
                                  "  </components>\n"
                                  "</bom>\n");
  ASSERT_TRUE(d.ok());
  const Diagnostic* type = FindRule(*d, "cdx.component.type.enum");
  ASSERT_NE(type, nullptr);
  EXPECT_EQ(type->line, 4u);
  EXPECT_EQ(type->column, 5u);
}

TEST(CycloneDxValidation, HashLengthMustMatchTheAlgorithm) {
  auto d = DecodeText(JsonCodec(), Json16(R"([{"type": "library", "name": "x", "hashes": [
      {"alg": "SHA-256", "content": "e6b1000b94e835ffd37f4c6dcbdad43f4b48a02a"}]}])"));
  ASSERT_TRUE(d.ok());
  EXPECT_NE(FindRule(*d, "cdx.hash.content"), nullptr);
}

TEST(CycloneDxValidation, ExpressionMixedWithLicensesIsRejectedFrom15) {
  std::string licenses = R"([{"license": {"id": "MIT"}}, {"expression": "MIT OR Apache-2.0"}])";
  auto v16 = DecodeText(JsonCodec(), Json16(R"([{"type": "library", "name": "x", "licenses": )" +
                                            licenses + "}]"));
  ASSERT_TRUE(v16.ok());
  EXPECT_NE(FindRule(*v16, "cdx.license.choice"), nullptr);
  auto v14 = DecodeText(JsonCodec(),
                        R"({"bomFormat": "CycloneDX", "specVersion": "1.4", "version": 1,
                            "components": [{"type": "library", "name": "x", "licenses": )" +
                            licenses + "}]}");
  ASSERT_TRUE(v14.ok());
  EXPECT_EQ(FindRule(*v14, "cdx.license.choice"), nullptr) << "1.4 JSON allowed the mix";
}

// ---- bad input ----

TEST(CycloneDxBadInput, TruncatedJsonNamesFileLineColumn) {
  auto d = DecodeFixture(JsonCodec(), "bad/truncated.json");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_EQ(d.status().message().rfind("bad/truncated.json:1:", 0), 0u) << d.status().message();
}

TEST(CycloneDxBadInput, InvalidUtf8IsAParseErrorWithPosition) {
  auto d = DecodeFixture(JsonCodec(), "bad/invalid-utf8.json");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().message().rfind("bad/invalid-utf8.json:2:", 0), 0u) << d.status().message();
}

TEST(CycloneDxBadInput, HundredThousandLevelsOfJsonNestingFailCleanly) {
  std::string deep = R"({"bomFormat": "CycloneDX", "specVersion": "1.6", "x": )";
  deep += std::string(100000, '[') + std::string(100000, ']') + "}";
  auto d = DecodeText(JsonCodec(), deep);
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_NE(d.status().message().find("input:1:"), std::string::npos) << d.status().message();
}

TEST(CycloneDxBadInput, DeeplyNestedComponentsStopAtTheLimit) {
  std::string open, close;
  for (int i = 0; i < 300; ++i) {
    open += R"({"type": "library", "name": "n", "components": [)";
    close += "]}";
  }
  auto d = DecodeText(JsonCodec(), Json16("[" + open + close + "]"));
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_NE(FindRule(*d, "cdx.component.depth"), nullptr);
}

TEST(CycloneDxBadInput, HundredThousandLevelsOfXmlNestingFailCleanly) {
  std::string deep = "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"><components>"
                     "<component type=\"library\"><name>x</name><pedigree><notes>";
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  for (int i = 0; i < 100000; ++i) deep += "</a>";
  deep += "</notes></pedigree></component></components></bom>";
  auto d = DecodeText(XmlCodec(), deep);
  if (d.ok()) {
    EXPECT_NE(FindRule(*d, "cdx.xml.depth"), nullptr);
  } else {
    EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  }
}

TEST(CycloneDxBadInput, HugeStringsDecode) {
  std::string name(8 << 20, 'a');
  auto d = DecodeText(JsonCodec(), Json16(R"([{"type": "library", "name": ")" + name + "\"}]"));
  ASSERT_TRUE(d.ok());
  ASSERT_EQ(d->sbom.components.size(), 1u);
  EXPECT_EQ(d->sbom.components[0].name.size(), name.size());
}

TEST(CycloneDxBadInput, XmlDoctypeIsRefusedWithPosition) {
  for (std::string file : {"bad/doctype-entities.xml", "bad/external-entity.xml"}) {
    auto d = DecodeFixture(XmlCodec(), file);
    ASSERT_FALSE(d.ok()) << file;
    EXPECT_EQ(d.status().code(), StatusCode::kParseError);
    EXPECT_EQ(d.status().message().rfind(file + ":2:", 0), 0u) << d.status().message();
    EXPECT_NE(d.status().message().find("DOCTYPE"), std::string::npos);
  }
}

TEST(CycloneDxBadInput, XmlInvalidUtf8NamesLineColumn) {
  auto d = DecodeText(XmlCodec(), "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\">\n"
                                  "<components><component type=\"library\"><name>caf\xC3\x28</name>"
                                  "</component></components></bom>");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_EQ(d.status().message().rfind("input:2:", 0), 0u) << d.status().message();
}

TEST(CycloneDxJsonDecode, ToolServicesBecomeTools) {
  auto d = DecodeText(JsonCodec(), R"({"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1,
      "metadata": {"tools": {"services": [{"provider": {"name": "Acme"}, "name": "signer",
                                            "version": "3"}]}}})");
  ASSERT_TRUE(d.ok());
  EXPECT_FALSE(d->diagnostics.HasErrors());
  EXPECT_EQ(d->sbom.tools, (std::vector<model::Tool>{{"Acme", "signer", "3"}}));
}

TEST(CycloneDxBadInput, TruncatedXmlNamesFileLineColumn) {
  auto d = DecodeFixture(XmlCodec(), "bad/truncated.xml");
  ASSERT_FALSE(d.ok());
  EXPECT_EQ(d.status().code(), StatusCode::kParseError);
  EXPECT_EQ(d.status().message().rfind("bad/truncated.xml:", 0), 0u) << d.status().message();
}

TEST(CycloneDxBadInput, NonObjectRootAndMissingVersion) {
  auto array_root = DecodeText(JsonCodec(), "[1, 2]");
  ASSERT_FALSE(array_root.ok());
  auto no_version = DecodeText(JsonCodec(), R"({"bomFormat": "CycloneDX"})");
  ASSERT_FALSE(no_version.ok());
}

// ---- encoding ----

TEST(CycloneDxEncode, WritesVersions14To16DefaultNewest) {
  EXPECT_EQ(JsonCodec().EncodeVersions(), (std::vector<std::string>{"1.4", "1.5", "1.6"}));
  EXPECT_EQ(XmlCodec().EncodeVersions(), (std::vector<std::string>{"1.4", "1.5", "1.6"}));
  model::Sbom sbom;
  auto json = JsonCodec().Encode(sbom, {});
  ASSERT_TRUE(json.ok());
  EXPECT_NE(json->bytes.find("\"specVersion\": \"1.6\""), std::string::npos);
  auto xml = XmlCodec().Encode(sbom, {});
  ASSERT_TRUE(xml.ok());
  EXPECT_NE(xml->bytes.find("http://cyclonedx.org/schema/bom/1.6"), std::string::npos);
  EncodeOptions old;
  old.spec_version = "1.3";
  auto refused = JsonCodec().Encode(sbom, old);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

TEST(CycloneDxEncode, OutputIsDeterministic) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  for (const Codec* codec : {&JsonCodec(), &XmlCodec()}) {
    auto a = codec->Encode(d->sbom, {});
    auto b = codec->Encode(d->sbom, {});
    ASSERT_TRUE(a.ok() && b.ok());
    EXPECT_EQ(a->bytes, b->bytes);
  }
}

TEST(CycloneDxEncode, JsonToXmlToModelIsLossless) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  auto xml = XmlCodec().Encode(d->sbom, {});
  ASSERT_TRUE(xml.ok());
  EXPECT_EQ(xml->warnings.items().size(), 0u);
  auto back = DecodeText(XmlCodec(), xml->bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_FALSE(back->diagnostics.HasErrors());
  model::Sbom expected = d->sbom;
  expected.encoding = model::Encoding::kXml;
  EXPECT_EQ(back->sbom, expected);
}

model::Sbom SpdxShapedSbom() {
  model::Sbom s;
  s.family = model::SpecFamily::kSpdx;
  s.spec_version = "2.3";
  s.serial_number = "https://example.com/spdxdocs/x-1";
  s.document_name = "x";
  s.lifecycles = {"build"};
  model::Component c;
  c.bom_ref = "SPDXRef-a";
  c.type = model::ComponentType::kSource;
  c.name = "a";
  c.download_location = "https://example.com/a.tar.gz";
  c.homepage = "https://example.com";
  c.file_name = "a.tar.gz";
  c.files_analyzed = true;
  c.hashes = {{model::HashAlgorithm::kSha224, std::string(56, 'a')}};
  s.components.push_back(c);
  model::Component b = c;
  b.bom_ref = "SPDXRef-b";
  b.download_location = "NOASSERTION";
  b.homepage.clear();
  s.components.push_back(b);
  s.dependencies = {{"SPDXRef-a", "SPDXRef-b", model::RelationshipType::kOther, "GENERATED_FROM", {}},
                    {"SPDXRef-a", "SPDXRef-b", model::RelationshipType::kDevDependsOn, {}, {}}};
  return s;
}

bool HasWarning(const Encoded& e, std::string_view rule) {
  for (const auto& w : e.warnings.items()) {
    if (w.rule == rule && w.severity == Severity::kWarning) return true;
  }
  return false;
}

TEST(CycloneDxEncode, SpdxOnlyFieldsBecomeReferencesAndPropertiesWithWarnings) {
  EncodeOptions options;
  options.spec_version = "1.4";
  auto e = JsonCodec().Encode(SpdxShapedSbom(), options);
  ASSERT_TRUE(e.ok());
  for (auto rule : {"cdx.encode.spdx-field", "cdx.encode.relationship-other",
                    "cdx.encode.dependency-kind", "cdx.encode.hash-alg", "cdx.encode.component-type",
                    "cdx.encode.serial-number", "cdx.encode.lifecycles"}) {
    EXPECT_TRUE(HasWarning(*e, rule)) << rule;
  }
  auto back = DecodeText(JsonCodec(), e->bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->diagnostics.HasErrors());
  const model::Component& a = back->sbom.components[0];
  EXPECT_EQ(a.type, model::ComponentType::kFile);
  ASSERT_EQ(a.external_references.size(), 2u);
  EXPECT_EQ(a.external_references[0].type, "distribution");
  EXPECT_EQ(a.external_references[0].url, "https://example.com/a.tar.gz");
  EXPECT_EQ(a.external_references[1].type, "website");
  EXPECT_EQ(a.properties, (std::vector<model::Property>{{"spdx:packageFileName", "a.tar.gz"},
                                                        {"spdx:filesAnalyzed", "true"}}));
  EXPECT_TRUE(back->sbom.components[1].external_references.empty()) << "NOASSERTION is no URL";
  // The DEV dependency survives as dependsOn; GENERATED_FROM does not.
  EXPECT_EQ(back->sbom.dependencies.size(), 1u);
  EXPECT_TRUE(back->sbom.lifecycles.empty());
}

TEST(CycloneDxEncode, NewerFieldsAreDroppedWithWarningsForOlderTargets) {
  auto d = DecodeFixture(JsonCodec(), "full-1.6.json");
  ASSERT_TRUE(d.ok());
  EncodeOptions options;
  options.spec_version = "1.5";
  auto e = XmlCodec().Encode(d->sbom, options);
  ASSERT_TRUE(e.ok());
  EXPECT_TRUE(HasWarning(*e, "cdx.encode.license-acknowledgement"));
  EXPECT_TRUE(HasWarning(*e, "cdx.encode.provides"));
  EXPECT_TRUE(HasWarning(*e, "cdx.encode.component-authors"));
  auto back = DecodeText(XmlCodec(), e->bytes);
  ASSERT_TRUE(back.ok());
  EXPECT_FALSE(back->diagnostics.HasErrors());
  EXPECT_EQ(back->sbom.spec_version, "1.5");
}

}  // namespace
}  // namespace sbomhub::formats::cyclonedx
