// Internals shared by the SPDX 2.x codecs (not part of the public API).
//
// Both 2.x serializations go through one intermediate, `RawDoc`: the JSON and tag-value readers
// fill it (strings exactly as written, each element with the position it came from), and one
// `BuildModel` validates it and maps it to model::Sbom. Encoding runs the other way: `FromModel`
// turns a model::Sbom into a RawDoc (collecting warnings for what SPDX cannot carry) and the JSON
// and tag-value writers serialize that. One mapping in each direction keeps the two encodings
// from drifting apart.
//
//   JSON bytes ──ReadJson──┐                        ┌──WriteJson──► JSON bytes
//                          ├─► RawDoc ─BuildModel─► Sbom ─FromModel─► RawDoc
//   tag-value ──ReadTv─────┘                        └──WriteTv────► tag-value
//
// Fields of SPDX that the model has no slot for travel as `spdx:`-prefixed properties (see
// docs/conversion-spdx.md), so a same-format round trip is lossless for them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.h"
#include "formats/codec.h"
#include "model/sbom.h"

namespace sbomhub::formats::spdx::internal {

// Where something was written: a 1-based line (tag-value) or a JSON pointer (JSON).
struct Loc {
  std::size_t line = 0;
  std::string pointer;
};

// Adds a diagnostic at `loc` (line or pointer, whichever is set).
void Report(Diagnostics& d, Severity sev, std::string rule, std::string message, const Loc& loc);
// A field inside `loc`: pointer "/packages/3" + "/name"; for tag-value the line is kept.
Loc Sub(const Loc& loc, std::string_view key);
Loc Sub(const Loc& loc, std::size_t index);

struct RawChecksum {
  std::string algorithm;
  std::string value;
  Loc loc;
};

struct RawExternalRef {
  std::string category;
  std::string type;
  std::string locator;
  std::string comment;
  Loc loc;
};

// A package or a file. Optional scalar fields are empty when absent; `present_*` flags matter
// only where presence and emptiness differ for validation.
struct RawElement {
  bool is_file = false;
  Loc loc;
  std::string spdx_id;
  std::string name;  // package name / fileName
  std::string version;
  std::string supplier;
  std::string originator;
  std::string download_location;
  std::string homepage;
  std::string package_file_name;
  std::string files_analyzed;  // "true" | "false" | "" (absent)
  std::string verification_code;
  std::string verification_excluded;  // excluded files of the verification code
  std::string license_concluded;
  std::string license_declared;
  std::vector<std::string> license_info;  // licenseInfoFromFiles / licenseInfoInFiles
  std::string copyright;
  std::string description;
  std::string comment;
  std::string source_info;
  std::string primary_purpose;
  std::vector<RawChecksum> checksums;
  std::vector<RawExternalRef> external_refs;
  std::vector<std::string> has_files;
  Loc has_files_loc;
  // Fields the model has no slot for, as spdx: properties in a fixed order (see kExtraFields).
  std::vector<model::Property> extras;
};

struct RawRelationship {
  std::string from;
  std::string type;
  std::string to;
  std::string comment;
  Loc loc;
};

struct RawExtractedLicense {
  std::string id;
  std::string name;
  std::string text;
  std::string comment;
  std::vector<std::string> see_also;
  Loc loc;
};

struct RawExternalDocRef {
  std::string id;
  std::string document;
  RawChecksum checksum;
  Loc loc;
};

struct RawDoc {
  Loc loc;
  std::string spdx_version;
  std::string data_license;
  std::string spdx_id;
  std::string name;
  std::string document_namespace;
  std::string comment;
  std::string created;
  std::string creator_comment;
  std::string license_list_version;
  bool has_creation_info = false;
  std::vector<std::pair<std::string, Loc>> creators;
  std::vector<std::pair<std::string, Loc>> describes;
  std::vector<RawExternalDocRef> external_doc_refs;
  std::vector<RawElement> elements;  // packages and files in the order the model keeps them
  std::vector<RawRelationship> relationships;
  std::vector<RawExtractedLicense> extracted;
  std::size_t snippets = 0;
  std::size_t annotations = 0;
};

// ---- vocabulary ----

// "SPDX-2.3" -> "2.3"; empty when the prefix is missing.
std::string_view VersionNumber(std::string_view spdx_version);
bool IsSupportedVersion(std::string_view number);  // "2.2" | "2.3"
// Status for an spdxVersion we do not decode (names the file and what is supported).
Status UnsupportedVersion(std::string_view declared, const std::string& file);

bool IsValidSpdxId(std::string_view id);           // SPDXRef-[A-Za-z0-9.-]+
bool IsValidDocumentRef(std::string_view id);      // DocumentRef-[A-Za-z0-9.-]+
bool IsValidLicenseRef(std::string_view id);       // [DocumentRef-x:]LicenseRef-[A-Za-z0-9.-]+
bool IsDateTime(std::string_view s);               // YYYY-MM-DDThh:mm:ssZ
bool IsDateTimeWithFraction(std::string_view s);   // YYYY-MM-DDThh:mm:ss.fffZ
bool IsHex(std::string_view s);
bool IsKnownRelationshipType(std::string_view t);
bool IsRelationshipType23Only(std::string_view t);
bool IsKnownPurpose(std::string_view p);

// Creator / supplier strings: "Person: name (email)", "Organization: name (email)", "Tool: x".
struct ParsedActor {
  std::string kind;  // "Person" | "Organization" | "Tool" | "" (NOASSERTION or unparsable)
  std::string name;
  std::string email;
};
std::optional<ParsedActor> ParseActor(std::string_view s);
std::string FormatParty(const model::Party& p);

// Syntactic check of a license expression (balanced parentheses, AND/OR/WITH between terms,
// license and LicenseRef ids); the full SPDX list check belongs to the license module.
std::optional<std::string> LicenseExpressionProblem(std::string_view expr);

// ---- the two mappings ----

// Validates `raw` (diagnostics with positions) and maps it to the model. `encoding` is recorded
// in the Sbom.
model::Sbom BuildModel(RawDoc& raw, model::Encoding encoding, Diagnostics& diags);

// Maps `sbom` to an SPDX 2.3 document; `warnings` gets one entry per kind of loss.
RawDoc FromModel(const model::Sbom& sbom, Diagnostics& warnings);

// ---- readers and writers ----

// Parse failures (malformed JSON, unsupported version) are Status; spec violations diagnostics.
Result<RawDoc> ReadJson(const std::string& bytes, const std::string& file, Diagnostics& diags);
Result<RawDoc> ReadTagValue(std::string_view bytes, const std::string& file, Diagnostics& diags);
std::string WriteJson(const RawDoc& doc, bool pretty);
// Warns (spdx.encode.tv.text) about values tag-value cannot carry verbatim.
std::string WriteTagValue(const RawDoc& doc, Diagnostics& warnings);

// Extra SPDX fields carried as properties: the property name, the JSON key and the tag.
struct ExtraField {
  std::string_view property;
  std::string_view json_key;
  std::string_view tag;
  bool on_file;  // true: file field; false: package field
  bool repeated;  // JSON array of strings / tag may repeat
};
const std::vector<ExtraField>& ExtraFields();
const ExtraField* FindExtraByJsonKey(std::string_view key, bool on_file);
const ExtraField* FindExtraByTag(std::string_view tag, bool on_file);

}  // namespace sbomhub::formats::spdx::internal
