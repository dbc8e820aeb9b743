#include "model/sbom.h"

#include "base/text.h"

namespace sbomhub::model {

std::string_view SpecFamilyName(SpecFamily f) {
  return f == SpecFamily::kCycloneDx ? "CycloneDX" : "SPDX";
}

std::string_view EncodingName(Encoding e) {
  switch (e) {
    case Encoding::kJson: return "json";
    case Encoding::kXml: return "xml";
    case Encoding::kTagValue: return "tag-value";
    case Encoding::kYaml: return "yaml";
    case Encoding::kRdfXml: return "rdf-xml";
    case Encoding::kJsonLd: return "json-ld";
  }
  return "json";
}

namespace {
struct TypeName {
  ComponentType type;
  std::string_view name;
};
constexpr TypeName kComponentTypes[] = {
    {ComponentType::kUnspecified, ""},
    {ComponentType::kApplication, "application"},
    {ComponentType::kFramework, "framework"},
    {ComponentType::kLibrary, "library"},
    {ComponentType::kContainer, "container"},
    {ComponentType::kPlatform, "platform"},
    {ComponentType::kOperatingSystem, "operating-system"},
    {ComponentType::kDevice, "device"},
    {ComponentType::kDeviceDriver, "device-driver"},
    {ComponentType::kFirmware, "firmware"},
    {ComponentType::kFile, "file"},
    {ComponentType::kMachineLearningModel, "machine-learning-model"},
    {ComponentType::kData, "data"},
    {ComponentType::kCryptographicAsset, "cryptographic-asset"},
    {ComponentType::kSource, "source"},
    {ComponentType::kArchive, "archive"},
    {ComponentType::kInstall, "install"},
    {ComponentType::kOther, "other"},
};

struct HashName {
  HashAlgorithm alg;
  std::string_view cdx;
  std::string_view spdx;
  std::size_t hex_len;
};
constexpr HashName kHashes[] = {
    {HashAlgorithm::kMd2, "MD2", "MD2", 32},
    {HashAlgorithm::kMd4, "MD4", "MD4", 32},
    {HashAlgorithm::kMd5, "MD5", "MD5", 32},
    {HashAlgorithm::kMd6, "MD6", "MD6", 0},
    {HashAlgorithm::kSha1, "SHA-1", "SHA1", 40},
    {HashAlgorithm::kSha224, "SHA-224", "SHA224", 56},
    {HashAlgorithm::kSha256, "SHA-256", "SHA256", 64},
    {HashAlgorithm::kSha384, "SHA-384", "SHA384", 96},
    {HashAlgorithm::kSha512, "SHA-512", "SHA512", 128},
    {HashAlgorithm::kSha3_256, "SHA3-256", "SHA3-256", 64},
    {HashAlgorithm::kSha3_384, "SHA3-384", "SHA3-384", 96},
    {HashAlgorithm::kSha3_512, "SHA3-512", "SHA3-512", 128},
    {HashAlgorithm::kBlake2b_256, "BLAKE2b-256", "BLAKE2b-256", 64},
    {HashAlgorithm::kBlake2b_384, "BLAKE2b-384", "BLAKE2b-384", 96},
    {HashAlgorithm::kBlake2b_512, "BLAKE2b-512", "BLAKE2b-512", 128},
    {HashAlgorithm::kBlake3, "BLAKE3", "BLAKE3", 0},
    {HashAlgorithm::kAdler32, "ADLER32", "ADLER32", 8},
};

const HashName& HashEntry(HashAlgorithm a) {
  for (const auto& h : kHashes) {
    if (h.alg == a) return h;
  }
  return kHashes[6];
}
}  // namespace

std::string_view ComponentTypeName(ComponentType t) {
  for (const auto& e : kComponentTypes) {
    if (e.type == t) return e.name;
  }
  return "";
}

std::optional<ComponentType> ParseComponentType(std::string_view name) {
  if (name.empty()) return std::nullopt;
  for (const auto& e : kComponentTypes) {
    if (e.name == name) return e.type;
  }
  return std::nullopt;
}

std::string_view ScopeName(Scope s) {
  switch (s) {
    case Scope::kUnspecified: return "";
    case Scope::kRequired: return "required";
    case Scope::kOptional: return "optional";
    case Scope::kExcluded: return "excluded";
  }
  return "";
}

std::string_view HashAlgorithmName(HashAlgorithm a) { return HashEntry(a).cdx; }
std::string_view HashAlgorithmSpdxName(HashAlgorithm a) { return HashEntry(a).spdx; }
std::size_t HashHexLength(HashAlgorithm a) { return HashEntry(a).hex_len; }

std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name) {
  for (const auto& h : kHashes) {
    if (EqualsIgnoreCase(h.cdx, name) || EqualsIgnoreCase(h.spdx, name)) return h.alg;
  }
  return std::nullopt;
}

std::string_view RelationshipTypeName(RelationshipType t) {
  switch (t) {
    case RelationshipType::kDependsOn: return "dependsOn";
    case RelationshipType::kDevDependsOn: return "devDependsOn";
    case RelationshipType::kBuildDependsOn: return "buildDependsOn";
    case RelationshipType::kOptionalDependsOn: return "optionalDependsOn";
    case RelationshipType::kRuntimeDependsOn: return "runtimeDependsOn";
    case RelationshipType::kTestDependsOn: return "testDependsOn";
    case RelationshipType::kProvidedDependsOn: return "providedDependsOn";
    case RelationshipType::kContains: return "contains";
    case RelationshipType::kProvides: return "provides";
    case RelationshipType::kOther: return "other";
  }
  return "other";
}

bool IsDependency(RelationshipType t) {
  switch (t) {
    case RelationshipType::kDependsOn:
    case RelationshipType::kDevDependsOn:
    case RelationshipType::kBuildDependsOn:
    case RelationshipType::kOptionalDependsOn:
    case RelationshipType::kRuntimeDependsOn:
    case RelationshipType::kTestDependsOn:
    case RelationshipType::kProvidedDependsOn:
      return true;
    default:
      return false;
  }
}

std::size_t CountComponents(const Sbom& sbom) {
  std::size_t n = 0;
  ForEachComponent(sbom, [&](const Component&, std::size_t depth) { n += depth > 0; });
  return n;
}

std::size_t CountAllComponents(const Sbom& sbom) {
  return CountComponents(sbom) + (sbom.primary ? 1 : 0);
}

}  // namespace sbomhub::model
