// VEX (Vulnerability Exploitability eXchange) in and out: CycloneDX VEX, OpenVEX and CSAF VEX.
//
// Every format decodes into one normalized `VexDocument` whose statements speak CycloneDX's
// analysis vocabulary (state, justification, responses). The OpenVEX and CSAF vocabularies are
// mapped onto it by the tables below; docs/vex.md lists every mapping and which directions lose
// information.
//
//   VexDocument ─┬─ format, id, version, author, timestamp, …
//                └─ statements[] ── VexStatement
//                       ├─ vulnerability id + aliases
//                       ├─ products[] ── VexProduct { ref (bom-ref | purl | CPE | name | native id),
//                       │                            subcomponents[], versions[] (CycloneDX) }
//                       └─ state, justification, responses[], detail, impact/action statement
//
// A statement applies to every product listed; when a product has subcomponents the statement is
// about those subcomponents *inside* that product (OpenVEX semantics; CSAF relationship products
// are flattened by the CSAF reader instead).
//
// Thread-safety: all functions are pure; values may be shared between threads for reading.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::vex {

enum class VexFormat { kCycloneDx, kOpenVex, kCsaf };
std::string_view VexFormatName(VexFormat f);  // "cyclonedx" | "openvex" | "csaf"
std::optional<VexFormat> ParseVexFormat(std::string_view name);

// ---- CycloneDX analysis vocabulary (the one sbomhub uses everywhere) ----

enum class AnalysisState {
  kUnspecified,  // the source gave no state (CycloneDX allows analysis to be absent)
  kInTriage,
  kExploitable,
  kResolved,
  kResolvedWithPedigree,
  kFalsePositive,
  kNotAffected,
};
std::string_view AnalysisStateName(AnalysisState s);  // "in_triage" …; "" for kUnspecified
std::optional<AnalysisState> ParseAnalysisState(std::string_view name);

enum class Justification {
  kNone,
  kCodeNotPresent,
  kCodeNotReachable,
  kRequiresConfiguration,
  kRequiresDependency,
  kRequiresEnvironment,
  kProtectedByCompiler,
  kProtectedAtRuntime,
  kProtectedAtPerimeter,
  kProtectedByMitigatingControl,
};
std::string_view JustificationName(Justification j);  // "code_not_present" …; "" for kNone
std::optional<Justification> ParseJustification(std::string_view name);

enum class Response { kCanNotFix, kWillNotFix, kUpdate, kRollback, kWorkaroundAvailable };
std::string_view ResponseName(Response r);  // "can_not_fix" …
std::optional<Response> ParseResponse(std::string_view name);

// ---- OpenVEX and CSAF vocabularies ----

enum class OpenVexStatus { kNotAffected, kAffected, kFixed, kUnderInvestigation };
std::string_view OpenVexStatusName(OpenVexStatus s);
std::optional<OpenVexStatus> ParseOpenVexStatus(std::string_view name);

// The impact labels OpenVEX calls `justification` and CSAF calls `flags[].label`: the two
// specifications share the same five values.
enum class ImpactLabel {
  kComponentNotPresent,
  kVulnerableCodeNotPresent,
  kVulnerableCodeNotInExecutePath,
  kVulnerableCodeCannotBeControlledByAdversary,
  kInlineMitigationsAlreadyExist,
};
std::string_view ImpactLabelName(ImpactLabel l);
std::optional<ImpactLabel> ParseImpactLabel(std::string_view name);

// CSAF VEX product_status groups (the four a csaf_vex document may use).
enum class CsafStatus { kKnownNotAffected, kKnownAffected, kFixed, kUnderInvestigation };
std::string_view CsafStatusName(CsafStatus s);  // "known_not_affected" …
// Also accepts first_affected/last_affected (→ kKnownAffected) and first_fixed (→ kFixed);
// nullopt for "recommended" and unknown names.
std::optional<CsafStatus> ParseCsafStatus(std::string_view name);

// Mapping tables (docs/vex.md). OpenVEX/CSAF → CycloneDX is injective, so reading OpenVEX or
// CSAF and writing the same format again is lossless; CycloneDX → OpenVEX/CSAF folds values.
AnalysisState StateFromOpenVex(OpenVexStatus s);
OpenVexStatus OpenVexFromState(AnalysisState s);  // kUnspecified → under_investigation
AnalysisState StateFromCsaf(CsafStatus s);
CsafStatus CsafFromState(AnalysisState s);
Justification JustificationFromLabel(ImpactLabel l);
// nullopt for kNone.
std::optional<ImpactLabel> LabelFromJustification(Justification j);

// ---- the normalized document ----

// One way of naming a product or component. Any subset of the fields may be set; at least one is.
struct ProductRef {
  std::string bom_ref;    // CycloneDX affects[].ref as written (plain bom-ref or BOM-Link)
  std::string purl;       // as written
  std::string cpe;        // CPE 2.2 URI or 2.3 formatted string, as written
  std::string name;       // human name (CSAF full_product_name.name, CycloneDX component name)
  std::string native_id;  // CSAF product_id, or an OpenVEX @id that is neither purl nor CPE
  bool operator==(const ProductRef&) const = default;
};

// CycloneDX affects[].versions[]: a version or a vers: range with its status.
struct AffectedVersion {
  std::string version;
  std::string range;
  std::string status;  // "affected" | "unaffected" | "unknown" | "" (CycloneDX default affected)
  bool operator==(const AffectedVersion&) const = default;
};

struct VexProduct {
  ProductRef ref;
  std::vector<ProductRef> subcomponents;  // OpenVEX: the statement is about these inside `ref`
  std::vector<AffectedVersion> versions;  // CycloneDX only
  bool operator==(const VexProduct&) const = default;
};

struct VexStatement {
  std::string vulnerability;             // "CVE-2021-44228", "GHSA-…"
  std::vector<std::string> aliases;      // other ids of the same vulnerability
  std::string vulnerability_description;
  std::vector<VexProduct> products;
  AnalysisState state = AnalysisState::kUnspecified;
  Justification justification = Justification::kNone;
  std::vector<Response> responses;
  std::string detail;            // CycloneDX analysis.detail, OpenVEX status_notes
  std::string impact_statement;  // OpenVEX impact_statement, CSAF threats[impact].details
  std::string action_statement;  // OpenVEX action_statement, CSAF remediations[].details,
                                 // CycloneDX recommendation
  std::string timestamp;         // when the statement was made (RFC 3339 as written)
  std::string last_updated;
  bool operator==(const VexStatement&) const = default;
};

struct VexDocument {
  VexFormat format = VexFormat::kOpenVex;
  std::string spec_version;  // "1.6", "0.2.0", "2.0"
  std::string id;            // CycloneDX serialNumber, OpenVEX @id, CSAF tracking.id
  std::string version;       // document version as written ("1")
  std::string author;        // OpenVEX author, CSAF publisher.name, CycloneDX metadata authors[0]
  std::string author_namespace;  // CSAF publisher.namespace
  std::string role;          // OpenVEX role
  std::string title;         // CSAF document.title
  std::string timestamp;     // OpenVEX timestamp, CSAF initial_release_date, CycloneDX metadata
  std::string last_updated;  // OpenVEX last_updated, CSAF current_release_date
  std::vector<VexStatement> statements;
  bool operator==(const VexDocument&) const = default;
};

// ---- reading ----

// Identifies `bytes` (CycloneDX BOM with vulnerabilities[], OpenVEX @context, CSAF csaf_vex) and
// decodes them. Errors name `file_name` and say where: kParseError "file:line:col: …" for bad
// JSON, kInvalidDocument "file: … (at /json/pointer)" for a member of the wrong type or a
// value outside the vocabulary, kUnsupported for a recognised format in a version that is not
// handled ("CycloneDX 1.3 has no vulnerabilities"), kParseError when the JSON is none of the three.
Result<VexDocument> ReadVex(std::string_view bytes, const std::string& file_name);

// The format `bytes` claim to be, without decoding; nullopt if none. Cheap (a bounded prefix scan
// is not enough for JSON, so this parses; use ReadVex when the document is wanted anyway).
std::optional<VexFormat> IdentifyVex(std::string_view bytes);

// ---- writing (deterministic: same document, same bytes) ----

// CycloneDX 1.6 JSON: one vulnerabilities[] entry per statement; products named only by purl or
// CPE also become components[] entries whose bom-ref the affects[] refer to.
Result<std::string> WriteCycloneDxVex(const VexDocument& doc);
// OpenVEX 0.2.0 JSON.
Result<std::string> WriteOpenVex(const VexDocument& doc);
// CSAF 2.0 csaf_vex JSON. Needs a timestamp (document or first statement) and a publisher
// namespace (author_namespace, else the scheme and host of an https id): kInvalidArgument
// otherwise, since CSAF requires both and sbomhub does not invent them.
Result<std::string> WriteCsafVex(const VexDocument& doc);
// Dispatches on `format`.
Result<std::string> WriteVex(const VexDocument& doc, VexFormat format);

// ---- applying to an SBOM ----

enum class MatchedBy { kBomRef, kBomLink, kPurl, kPurlWithoutQualifiers, kCpe };
std::string_view MatchedByName(MatchedBy m);  // "bom-ref" | "bom-link" | "purl" | "purl-base" | "cpe"

// A statement target (product, or subcomponent of a product) found in the SBOM.
struct AppliedStatement {
  std::size_t statement = 0;  // index into VexDocument::statements
  std::size_t product = 0;    // index into VexStatement::products
  std::optional<std::size_t> subcomponent;  // index into VexProduct::subcomponents
  std::string component_bom_ref;  // the SBOM component it names
  MatchedBy matched_by = MatchedBy::kBomRef;
  bool operator==(const AppliedStatement&) const = default;
};

// A statement target that names nothing in the SBOM, and why.
struct UnmatchedStatement {
  std::size_t statement = 0;
  std::optional<std::size_t> product;  // nullopt: the statement names no product at all
  std::optional<std::size_t> subcomponent;
  std::string reason;  // e.g. "BOM-Link names BOM urn:uuid:… version 1, this SBOM is urn:uuid:…"
  bool operator==(const UnmatchedStatement&) const = default;
};

struct MatchResult {
  std::vector<AppliedStatement> applied;
  std::vector<UnmatchedStatement> unmatched;
};

// For every statement target: the SBOM components it names. Rules, in order:
//   1. a BOM-Link (urn:cdx:<serial>/<version>#<ref>) applies only when serial and version are this
//      SBOM's; then <ref> must be a bom-ref in it;
//   2. a plain bom-ref matches a component with that bom-ref;
//   3. a purl matches components whose canonical purl is equal; a statement purl without version
//      matches every version, and qualifiers the statement does not name are ignored (so
//      pkg:apk/wolfi/git@2.39.0-r1 matches …?arch=x86_64), qualifiers it names must be equal;
//   4. a CPE matches a component listing the same CPE (case-insensitive).
// A target with subcomponents is matched through its subcomponents. Every target that matches
// nothing is reported in `unmatched` with the reason; none is dropped.
MatchResult MatchStatements(const VexDocument& doc, const model::Sbom& sbom);

}  // namespace sbomhub::vex
