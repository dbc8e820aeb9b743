// The normalized SBOM model. Every format decodes into it and encodes from it; everything
// downstream (quality, licenses, store, matching) reads only this.
//
// Identity inside a document is the `bom_ref` (CycloneDX bom-ref, SPDX SPDXID). Dependency edges
// refer to bom_refs. Strings are kept as the document spelled them (purl and CPE included); the
// Purl/Cpe types parse and canonicalize on demand.
//
//   Sbom ─┬─ metadata (spec, serial, timestamp, authors, tools, primary component)
//         ├─ components[] ── Component ── components[] (nested: "contains")
//         └─ dependencies[] ── DependencyEdge{from, to, type}
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sbomhub::model {

enum class SpecFamily { kCycloneDx, kSpdx };
std::string_view SpecFamilyName(SpecFamily f);  // "CycloneDX" | "SPDX"

enum class Encoding { kJson, kXml, kTagValue, kYaml, kRdfXml, kJsonLd };
std::string_view EncodingName(Encoding e);  // "json" | "xml" | "tag-value" | "yaml" | "rdf-xml" | "json-ld"

// Union of CycloneDX component types and SPDX primaryPackagePurpose values.
enum class ComponentType {
  kUnspecified,
  kApplication,
  kFramework,
  kLibrary,
  kContainer,
  kPlatform,
  kOperatingSystem,
  kDevice,
  kDeviceDriver,
  kFirmware,
  kFile,
  kMachineLearningModel,
  kData,
  kCryptographicAsset,
  kSource,    // SPDX SOURCE
  kArchive,   // SPDX ARCHIVE
  kInstall,   // SPDX INSTALL
  kOther,     // SPDX OTHER
};
// CycloneDX spelling ("operating-system"); SPDX-only values map to their SPDX name in lower case.
std::string_view ComponentTypeName(ComponentType t);
std::optional<ComponentType> ParseComponentType(std::string_view cyclonedx_name);

enum class Scope { kUnspecified, kRequired, kOptional, kExcluded };
std::string_view ScopeName(Scope s);  // "" | "required" | "optional" | "excluded"

// Hash algorithms of both families. Names: CycloneDX spelling ("SHA-256", "BLAKE2b-256").
enum class HashAlgorithm {
  kMd2, kMd4, kMd5, kMd6, kSha1, kSha224, kSha256, kSha384, kSha512,
  kSha3_256, kSha3_384, kSha3_512, kBlake2b_256, kBlake2b_384, kBlake2b_512, kBlake3, kAdler32,
};
std::string_view HashAlgorithmName(HashAlgorithm a);          // "SHA-256"
std::string_view HashAlgorithmSpdxName(HashAlgorithm a);      // "SHA256"
// Accepts either family's spelling, case-insensitively.
std::optional<HashAlgorithm> ParseHashAlgorithm(std::string_view name);
// Expected hex length, 0 when variable or unknown.
std::size_t HashHexLength(HashAlgorithm a);

struct Hash {
  HashAlgorithm algorithm = HashAlgorithm::kSha256;
  std::string value;  // hex as written
  bool operator==(const Hash&) const = default;
};

enum class LicenseAcknowledgement { kUnspecified, kDeclared, kConcluded };

// One license statement. CycloneDX: a `license` (id or name) or an `expression`.
// SPDX: licenseDeclared / licenseConcluded expressions (NOASSERTION and NONE kept verbatim).
struct License {
  enum class Kind { kSpdxId, kName, kExpression };
  Kind kind = Kind::kExpression;
  std::string value;  // the id, the free-text name, or the expression
  std::string url;
  std::string text;  // embedded license text, if any
  LicenseAcknowledgement acknowledgement = LicenseAcknowledgement::kUnspecified;
  std::string bom_ref;
  bool operator==(const License&) const = default;
};

// A person or organization (CycloneDX organizationalEntity / contact, SPDX "Organization: x (e)").
struct Party {
  enum class Kind { kUnspecified, kOrganization, kPerson, kTool };
  Kind kind = Kind::kUnspecified;
  std::string name;
  std::string email;
  std::vector<std::string> urls;
  bool operator==(const Party&) const = default;
};

// An optional value held on the heap: one pointer when absent instead of the value's full size.
// For members that are large, usually absent and repeated per component: a Component held two
// Party values inline (~200 of its 880 bytes), and a 100k-component BOM decodes 100k Components.
// Reads like std::optional (bool test, *, ->, has_value, reset, emplace, = value / nullopt /
// std::optional); copies are deep and == compares the values.
template <typename T>
class HeapOptional {
 public:
  HeapOptional() = default;
  HeapOptional(std::nullopt_t) {}                                        // NOLINT: like optional
  HeapOptional(T value) : value_(std::make_unique<T>(std::move(value))) {}  // NOLINT: like optional
  HeapOptional(std::optional<T> value) {                                 // NOLINT: like optional
    if (value) value_ = std::make_unique<T>(std::move(*value));
  }
  HeapOptional(const HeapOptional& other)
      : value_(other.value_ ? std::make_unique<T>(*other.value_) : nullptr) {}
  HeapOptional(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(const HeapOptional& other) {
    if (this != &other) value_ = other.value_ ? std::make_unique<T>(*other.value_) : nullptr;
    return *this;
  }
  HeapOptional& operator=(HeapOptional&&) noexcept = default;
  HeapOptional& operator=(std::nullopt_t) {
    value_.reset();
    return *this;
  }
  HeapOptional& operator=(T value) {
    if (value_) {
      *value_ = std::move(value);
    } else {
      value_ = std::make_unique<T>(std::move(value));
    }
    return *this;
  }
  HeapOptional& operator=(std::optional<T> value) {
    if (value) return *this = std::move(*value);
    return *this = std::nullopt;
  }

  bool has_value() const { return value_ != nullptr; }
  explicit operator bool() const { return value_ != nullptr; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }
  T* operator->() { return value_.get(); }
  const T* operator->() const { return value_.get(); }
  T* get() { return value_.get(); }              // nullptr when absent
  const T* get() const { return value_.get(); }  // nullptr when absent
  template <typename... Args>
  T& emplace(Args&&... args) {
    value_ = std::make_unique<T>(std::forward<Args>(args)...);
    return *value_;
  }
  void reset() { value_.reset(); }

  friend bool operator==(const HeapOptional& a, const HeapOptional& b) {
    return a.has_value() == b.has_value() && (!a.has_value() || *a == *b);
  }
  friend bool operator==(const HeapOptional& a, std::nullopt_t) { return !a.has_value(); }

 private:
  std::unique_ptr<T> value_;
};

struct Tool {
  std::string vendor;
  std::string name;
  std::string version;
  bool operator==(const Tool&) const = default;
};

struct ExternalReference {
  std::string type;  // CycloneDX type ("website", "vcs", "distribution", ...) or SPDX category/type
  std::string url;
  std::string comment;
  std::vector<Hash> hashes;
  bool operator==(const ExternalReference&) const = default;
};

struct Property {
  std::string name;
  std::string value;
  bool operator==(const Property&) const = default;
};

struct Component {
  std::string bom_ref;  // CycloneDX bom-ref / SPDX SPDXID; may be empty in CycloneDX
  ComponentType type = ComponentType::kLibrary;
  std::string name;
  std::string group;    // CycloneDX group / purl namespace
  std::string version;
  std::string description;
  HeapOptional<Party> supplier;       // on the heap: rarely present, see HeapOptional
  HeapOptional<Party> manufacturer;
  std::string author;                 // free text (CycloneDX author, SPDX originator)
  std::vector<Party> authors;         // CycloneDX 1.6 authors[]
  std::string publisher;
  std::string purl;                   // as written
  std::vector<std::string> cpes;      // first is the primary CPE
  std::string swid_tag_id;
  std::vector<Hash> hashes;
  std::vector<License> licenses;
  std::string copyright;
  std::vector<ExternalReference> external_references;
  Scope scope = Scope::kUnspecified;
  std::vector<Property> properties;
  std::vector<Component> components;  // nested (contained) components

  // SPDX package fields with no CycloneDX field of their own (CycloneDX carries them as
  // externalReferences or properties; see docs/conversion.md).
  std::string download_location;  // SPDX downloadLocation ("NOASSERTION" kept)
  std::string homepage;
  std::string file_name;          // SPDX packageFileName / file name
  std::string source_info;
  bool files_analyzed = false;
  std::string comment;

  bool operator==(const Component&) const = default;
};

enum class RelationshipType {
  kDependsOn,          // CycloneDX dependsOn, SPDX DEPENDS_ON / DEPENDENCY_OF (reversed)
  kDevDependsOn,       // SPDX DEV_DEPENDENCY_OF
  kBuildDependsOn,     // SPDX BUILD_DEPENDENCY_OF
  kOptionalDependsOn,  // SPDX OPTIONAL_DEPENDENCY_OF
  kRuntimeDependsOn,   // SPDX RUNTIME_DEPENDENCY_OF
  kTestDependsOn,      // SPDX TEST_DEPENDENCY_OF
  kProvidedDependsOn,  // SPDX PROVIDED_DEPENDENCY_OF
  kContains,           // SPDX CONTAINS / CONTAINED_BY; CycloneDX nesting
  kProvides,           // CycloneDX 1.6 provides
  kOther,              // any other SPDX relationship; raw_type keeps its name
};
std::string_view RelationshipTypeName(RelationshipType t);
bool IsDependency(RelationshipType t);  // the *DependsOn kinds

struct DependencyEdge {
  std::string from;  // bom_ref
  std::string to;    // bom_ref
  RelationshipType type = RelationshipType::kDependsOn;
  std::string raw_type;  // SPDX relationship name for kOther ("GENERATED_FROM")
  std::string comment;
  bool operator==(const DependencyEdge&) const = default;
};

struct Sbom {
  SpecFamily family = SpecFamily::kCycloneDx;
  std::string spec_version;   // "1.6", "2.3", "3.0"
  Encoding encoding = Encoding::kJson;

  std::string serial_number;  // CycloneDX serialNumber / SPDX documentNamespace or @id
  int bom_version = 1;        // CycloneDX document version
  std::string document_name;  // SPDX name
  std::string document_ref = "SPDXRef-DOCUMENT";  // SPDX document SPDXID
  std::string timestamp;      // RFC 3339 as written
  std::vector<Party> authors;
  std::vector<Tool> tools;
  std::optional<Component> primary;  // CycloneDX metadata.component / what SPDX DESCRIBES
  std::optional<Party> supplier;
  std::optional<Party> manufacturer;
  std::vector<License> data_licenses;  // SPDX dataLicense / CycloneDX metadata.licenses
  std::vector<std::string> lifecycles;  // CycloneDX 1.5+ metadata.lifecycles[].phase
  std::vector<Property> properties;
  std::vector<ExternalReference> external_references;
  std::string comment;

  std::vector<Component> components;
  std::vector<DependencyEdge> dependencies;
  // bom_refs that had a dependency entry in the source, in source order, even with nothing under
  // it: CycloneDX uses an empty dependsOn to say "has no dependencies" (completeness), which
  // must survive a round trip.
  std::vector<std::string> dependency_refs;

  bool operator==(const Sbom&) const = default;
};

// Calls `fn(component, depth)` for the primary component (depth 0, when present), its nested
// components, then every component and nested component in document order.
template <typename Fn>
void ForEachComponent(const Sbom& sbom, Fn&& fn);
template <typename Fn>
void ForEachComponent(Sbom& sbom, Fn&& fn);

// Number of components including nested ones (also those nested under the primary), excluding
// the primary itself.
std::size_t CountComponents(const Sbom& sbom);
// Every component ForEachComponent visits: CountComponents plus the primary, if any.
std::size_t CountAllComponents(const Sbom& sbom);

// ---- implementation of the templates ----
namespace detail {
template <typename C, typename Fn>
void VisitComponents(C& components, std::size_t depth, Fn& fn) {
  // Iterative to survive adversarial nesting depth.
  struct Frame { C* list; std::size_t index; std::size_t depth; };
  std::vector<Frame> stack{{&components, 0, depth}};
  while (!stack.empty()) {
    Frame& f = stack.back();
    if (f.index >= f.list->size()) {
      stack.pop_back();
      continue;
    }
    auto& c = (*f.list)[f.index++];
    std::size_t d = f.depth;
    fn(c, d);
    if (!c.components.empty()) stack.push_back({&c.components, 0, d + 1});
  }
}
}  // namespace detail

template <typename Fn>
void ForEachComponent(const Sbom& sbom, Fn&& fn) {
  if (sbom.primary) {
    fn(*sbom.primary, std::size_t{0});
    detail::VisitComponents(sbom.primary->components, 1, fn);
  }
  detail::VisitComponents(sbom.components, 1, fn);
}
template <typename Fn>
void ForEachComponent(Sbom& sbom, Fn&& fn) {
  if (sbom.primary) {
    fn(*sbom.primary, std::size_t{0});
    detail::VisitComponents(sbom.primary->components, 1, fn);
  }
  detail::VisitComponents(sbom.components, 1, fn);
}

}  // namespace sbomhub::model
