// Names of the three VEX vocabularies and the tables between them (docs/vex.md explains each row).
#include <array>
#include <utility>

#include "vex/vex.h"

namespace sbomhub::vex {
namespace {

template <typename E, std::size_t N>
std::string_view NameIn(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [e, name] : table) {
    if (e == value) return name;
  }
  return {};
}

template <typename E, std::size_t N>
std::optional<E> ParseIn(const std::array<std::pair<E, std::string_view>, N>& table,
                         std::string_view name) {
  for (const auto& [e, n] : table) {
    if (n == name) return e;
  }
  return std::nullopt;
}

constexpr std::array<std::pair<VexFormat, std::string_view>, 3> kFormats{{
    {VexFormat::kCycloneDx, "cyclonedx"},
    {VexFormat::kOpenVex, "openvex"},
    {VexFormat::kCsaf, "csaf"},
}};

constexpr std::array<std::pair<AnalysisState, std::string_view>, 6> kStates{{
    {AnalysisState::kInTriage, "in_triage"},
    {AnalysisState::kExploitable, "exploitable"},
    {AnalysisState::kResolved, "resolved"},
    {AnalysisState::kResolvedWithPedigree, "resolved_with_pedigree"},
    {AnalysisState::kFalsePositive, "false_positive"},
    {AnalysisState::kNotAffected, "not_affected"},
}};

constexpr std::array<std::pair<Justification, std::string_view>, 9> kJustifications{{
    {Justification::kCodeNotPresent, "code_not_present"},
    {Justification::kCodeNotReachable, "code_not_reachable"},
    {Justification::kRequiresConfiguration, "requires_configuration"},
    {Justification::kRequiresDependency, "requires_dependency"},
    {Justification::kRequiresEnvironment, "requires_environment"},
    {Justification::kProtectedByCompiler, "protected_by_compiler"},
    {Justification::kProtectedAtRuntime, "protected_at_runtime"},
    {Justification::kProtectedAtPerimeter, "protected_at_perimeter"},
    {Justification::kProtectedByMitigatingControl, "protected_by_mitigating_control"},
}};

constexpr std::array<std::pair<Response, std::string_view>, 5> kResponses{{
    {Response::kCanNotFix, "can_not_fix"},
    {Response::kWillNotFix, "will_not_fix"},
    {Response::kUpdate, "update"},
    {Response::kRollback, "rollback"},
    {Response::kWorkaroundAvailable, "workaround_available"},
}};

constexpr std::array<std::pair<OpenVexStatus, std::string_view>, 4> kOpenVexStatuses{{
    {OpenVexStatus::kNotAffected, "not_affected"},
    {OpenVexStatus::kAffected, "affected"},
    {OpenVexStatus::kFixed, "fixed"},
    {OpenVexStatus::kUnderInvestigation, "under_investigation"},
}};

constexpr std::array<std::pair<ImpactLabel, std::string_view>, 5> kLabels{{
    {ImpactLabel::kComponentNotPresent, "component_not_present"},
    {ImpactLabel::kVulnerableCodeNotPresent, "vulnerable_code_not_present"},
    {ImpactLabel::kVulnerableCodeNotInExecutePath, "vulnerable_code_not_in_execute_path"},
    {ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary,
     "vulnerable_code_cannot_be_controlled_by_adversary"},
    {ImpactLabel::kInlineMitigationsAlreadyExist, "inline_mitigations_already_exist"},
}};

constexpr std::array<std::pair<CsafStatus, std::string_view>, 4> kCsafStatuses{{
    {CsafStatus::kKnownNotAffected, "known_not_affected"},
    {CsafStatus::kKnownAffected, "known_affected"},
    {CsafStatus::kFixed, "fixed"},
    {CsafStatus::kUnderInvestigation, "under_investigation"},
}};

}  // namespace

std::string_view VexFormatName(VexFormat f) { return NameIn(kFormats, f); }
std::optional<VexFormat> ParseVexFormat(std::string_view name) { return ParseIn(kFormats, name); }
std::string_view AnalysisStateName(AnalysisState s) { return NameIn(kStates, s); }
std::optional<AnalysisState> ParseAnalysisState(std::string_view name) { return ParseIn(kStates, name); }
std::string_view JustificationName(Justification j) { return NameIn(kJustifications, j); }
std::optional<Justification> ParseJustification(std::string_view name) {
  return ParseIn(kJustifications, name);
}
std::string_view ResponseName(Response r) { return NameIn(kResponses, r); }
std::optional<Response> ParseResponse(std::string_view name) { return ParseIn(kResponses, name); }
std::string_view OpenVexStatusName(OpenVexStatus s) { return NameIn(kOpenVexStatuses, s); }
std::optional<OpenVexStatus> ParseOpenVexStatus(std::string_view name) {
  return ParseIn(kOpenVexStatuses, name);
}
std::string_view ImpactLabelName(ImpactLabel l) { return NameIn(kLabels, l); }
std::optional<ImpactLabel> ParseImpactLabel(std::string_view name) { return ParseIn(kLabels, name); }
std::string_view CsafStatusName(CsafStatus s) { return NameIn(kCsafStatuses, s); }

std::optional<CsafStatus> ParseCsafStatus(std::string_view name) {
  // CSAF's finer-grained groups carry the same exploitability claim as their "known_" forms.
  if (name == "first_affected" || name == "last_affected") return CsafStatus::kKnownAffected;
  if (name == "first_fixed") return CsafStatus::kFixed;
  return ParseIn(kCsafStatuses, name);
}

AnalysisState StateFromOpenVex(OpenVexStatus s) {
  switch (s) {
    case OpenVexStatus::kNotAffected: return AnalysisState::kNotAffected;
    case OpenVexStatus::kAffected: return AnalysisState::kExploitable;
    case OpenVexStatus::kFixed: return AnalysisState::kResolved;
    case OpenVexStatus::kUnderInvestigation: return AnalysisState::kInTriage;
  }
  return AnalysisState::kInTriage;
}

OpenVexStatus OpenVexFromState(AnalysisState s) {
  switch (s) {
    case AnalysisState::kNotAffected:
    case AnalysisState::kFalsePositive:  // "not affected" is the only OpenVEX claim that fits
      return OpenVexStatus::kNotAffected;
    case AnalysisState::kExploitable: return OpenVexStatus::kAffected;
    case AnalysisState::kResolved:
    case AnalysisState::kResolvedWithPedigree: return OpenVexStatus::kFixed;
    case AnalysisState::kInTriage:
    case AnalysisState::kUnspecified: return OpenVexStatus::kUnderInvestigation;
  }
  return OpenVexStatus::kUnderInvestigation;
}

AnalysisState StateFromCsaf(CsafStatus s) {
  switch (s) {
    case CsafStatus::kKnownNotAffected: return AnalysisState::kNotAffected;
    case CsafStatus::kKnownAffected: return AnalysisState::kExploitable;
    case CsafStatus::kFixed: return AnalysisState::kResolved;
    case CsafStatus::kUnderInvestigation: return AnalysisState::kInTriage;
  }
  return AnalysisState::kInTriage;
}

CsafStatus CsafFromState(AnalysisState s) {
  switch (OpenVexFromState(s)) {  // the two external vocabularies have the same four claims
    case OpenVexStatus::kNotAffected: return CsafStatus::kKnownNotAffected;
    case OpenVexStatus::kAffected: return CsafStatus::kKnownAffected;
    case OpenVexStatus::kFixed: return CsafStatus::kFixed;
    case OpenVexStatus::kUnderInvestigation: return CsafStatus::kUnderInvestigation;
  }
  return CsafStatus::kUnderInvestigation;
}

Justification JustificationFromLabel(ImpactLabel l) {
  switch (l) {
    case ImpactLabel::kComponentNotPresent: return Justification::kRequiresDependency;
    case ImpactLabel::kVulnerableCodeNotPresent: return Justification::kCodeNotPresent;
    case ImpactLabel::kVulnerableCodeNotInExecutePath: return Justification::kCodeNotReachable;
    case ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary:
      return Justification::kRequiresEnvironment;
    case ImpactLabel::kInlineMitigationsAlreadyExist:
      return Justification::kProtectedByMitigatingControl;
  }
  return Justification::kNone;
}

std::optional<ImpactLabel> LabelFromJustification(Justification j) {
  switch (j) {
    case Justification::kNone: return std::nullopt;
    case Justification::kRequiresDependency: return ImpactLabel::kComponentNotPresent;
    case Justification::kCodeNotPresent: return ImpactLabel::kVulnerableCodeNotPresent;
    case Justification::kCodeNotReachable: return ImpactLabel::kVulnerableCodeNotInExecutePath;
    case Justification::kRequiresConfiguration:
    case Justification::kRequiresEnvironment:
      return ImpactLabel::kVulnerableCodeCannotBeControlledByAdversary;
    case Justification::kProtectedByCompiler:
    case Justification::kProtectedAtRuntime:
    case Justification::kProtectedAtPerimeter:
    case Justification::kProtectedByMitigatingControl:
      return ImpactLabel::kInlineMitigationsAlreadyExist;
  }
  return std::nullopt;
}

std::string_view MatchedByName(MatchedBy m) {
  switch (m) {
    case MatchedBy::kBomRef: return "bom-ref";
    case MatchedBy::kBomLink: return "bom-link";
    case MatchedBy::kPurl: return "purl";
    case MatchedBy::kPurlWithoutQualifiers: return "purl-base";
    case MatchedBy::kCpe: return "cpe";
  }
  return {};
}

}  // namespace sbomhub::vex
