// The CycloneDX vocabulary per spec version: enumerations, string formats and limits shared by the
// JSON and XML decoders and the encoders. Internal to sbomhub_formats_cyclonedx.
//
// Versions are handled as the minor number of 1.x (2..6 decode, 4..6 encode). Every check is a
// table lookup or a single pass over the string, so validation stays linear in the input.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::formats::cyclonedx::internal {

inline constexpr int kOldestMinor = 2;
inline constexpr int kNewestMinor = 6;
// Components nested inside components (and XML elements in general) deeper than this are refused
// with an error rather than recursed into: real SBOMs nest a handful of levels, adversarial ones
// 100k.
inline constexpr std::size_t kMaxComponentDepth = 200;
inline constexpr std::size_t kMaxXmlDepth = 1024;

inline constexpr std::string_view kXmlNamespacePrefix = "http://cyclonedx.org/schema/bom/";

// "1.4" -> 4 when 1.2–1.6; nullopt otherwise.
std::optional<int> SupportedMinor(std::string_view spec_version);
// kUnsupported "CycloneDX 1.7 is not supported yet (supported: 1.2–1.6)", prefixed with `file`.
Status UnsupportedVersion(std::string_view spec_version, const std::string& file);

bool IsComponentType(int minor, std::string_view type);
bool IsScope(std::string_view scope);
bool IsHashAlgorithm(std::string_view alg);  // CycloneDX spelling, case-sensitive
std::optional<model::HashAlgorithm> ParseCdxHashAlgorithm(std::string_view alg);
// The schema's pattern (32/40/64/96/128 hex digits) narrowed to the algorithm's own length when
// the algorithm has a fixed one.
bool IsHashContent(std::string_view alg, std::string_view content);
bool IsExternalReferenceType(int minor, std::string_view type);
bool IsPatchType(std::string_view type);
bool IsIssueType(std::string_view type);
bool IsDataFlow(std::string_view flow);
bool IsLifecyclePhase(std::string_view phase);
bool IsAcknowledgement(std::string_view ack);
bool IsAttachmentEncoding(std::string_view encoding);  // "base64"
// RFC 3339 / xs:dateTime with a time part: 2020-04-13T20:20:39Z, optional fraction and offset.
bool IsDateTime(std::string_view s);
// urn:uuid:8-4-4-4-12 lower-case hex.
bool IsSerialNumber(std::string_view s);
// On the SPDX License List (case-insensitive, as SPDX matching is).
bool IsSpdxLicenseId(std::string_view id);

// Model <-> CycloneDX spelling helpers.
std::optional<model::Scope> ParseScope(std::string_view s);
std::optional<model::LicenseAcknowledgement> ParseAcknowledgement(std::string_view s);
std::string_view AcknowledgementName(model::LicenseAcknowledgement a);  // "" when unspecified
// The component types a CycloneDX version can carry; SPDX-only types are not among them.
bool CanEncodeComponentType(int minor, model::ComponentType t);
bool CanEncodeHashAlgorithm(model::HashAlgorithm a);

}  // namespace sbomhub::formats::cyclonedx::internal
