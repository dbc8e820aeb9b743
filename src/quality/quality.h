// SBOM quality and compliance checks on the normalized model (no file formats here).
//
//   model::Sbom ──► Assess(sbom, profiles, options) ──► QualityReport
//                                                         └─ ProfileReport per profile
//                                                              ├─ pass (every required check passes)
//                                                              ├─ score 0–10 (weighted, docs/quality.md)
//                                                              └─ checks[] {id, source, level, result,
//                                                                           offending components}
//
// Profiles:
//   ntia            NTIA "The Minimum Elements For a Software Bill of Materials" (2021).
//   cisa-2024       CISA "Framing Software Component Transparency" (2024), baseline attributes at
//                   minimum / recommended / aspirational maturity; explicitly declared unknowns
//                   (NOASSERTION, "unknown", "redacted") satisfy the minimum level only.
//   bsi-tr-03183-2  BSI TR-03183-2 (v2.0) required and additional SBOM/component fields.
//   hygiene         sbomhub's own consistency checks: NOASSERTION/empty ratios, purl and CPE
//                   syntax, duplicates, dangling references, unreachable components, and the
//                   configurable "unnecessary components" rules.
//
// Every check is linear in the size of the SBOM (hash sets and one graph traversal; no pairwise
// comparisons). Thread-safety: pure functions over const input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/json_writer.h"
#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::quality {

enum class Profile { kNtia, kCisa2024, kBsiTr03183_2, kHygiene };
inline constexpr Profile kAllProfiles[] = {Profile::kNtia, Profile::kCisa2024, Profile::kBsiTr03183_2,
                                           Profile::kHygiene};
std::string_view ProfileName(Profile p);  // "ntia" | "cisa-2024" | "bsi-tr-03183-2" | "hygiene"
// Parses a comma-separated list of profile names or "all". kInvalidArgument names the valid values.
Result<std::vector<Profile>> ParseProfiles(std::string_view list);

enum class CheckResult { kPass, kFail, kNotApplicable };
std::string_view CheckResultName(CheckResult r);  // "pass" | "fail" | "not-applicable"

// How much a check matters inside its profile. kRequired checks decide the profile's pass/fail;
// all levels contribute to the score with their weight.
enum class Level { kRequired, kMinimum, kRecommended, kAspirational, kAdditional, kAdvisory };
std::string_view LevelName(Level l);  // "required" | "minimum" | ... | "advisory"

struct Check {
  std::string id;      // stable: "ntia.supplier", "cisa.hash.recommended", "hygiene.purl-valid"
  std::string title;
  std::string source;  // the rule's origin, e.g. "NTIA Minimum Elements (2021), Data Fields"
  Level level = Level::kRequired;
  bool decides_pass = true;  // whether a failure fails the profile
  double weight = 1.0;
  CheckResult result = CheckResult::kNotApplicable;
  std::size_t applicable = 0;  // items the check looked at (components, or 1 for document checks)
  std::size_t passed = 0;
  std::string detail;
  // Offending components: bom-ref, or "name@version" when the component has none. At most
  // QualityOptions::max_listed_components are kept; `omitted` counts the rest.
  std::vector<std::string> components;
  std::size_t omitted = 0;
};

struct ProfileReport {
  Profile profile = Profile::kNtia;
  bool pass = false;
  double score = 0.0;  // 0–10
  std::vector<Check> checks;
};

struct QualityReport {
  std::vector<ProfileReport> profiles;
  bool pass() const;  // every profile passes
};

// One "unnecessary component" rule: a component matching any of the non-empty criteria is
// reported. Name globs use '*' and are compared case-insensitively.
struct UnnecessaryRule {
  std::string id;           // "dev-dependency", "debug-tool", ...
  std::string description;
  std::vector<model::Scope> scopes;
  std::vector<std::string> name_globs;
  // Property name glob and value glob ("cdx:npm:package:development", "true").
  std::vector<std::pair<std::string, std::string>> properties;
  // Every dependency edge into the component is a dev/test/build dependency.
  bool only_dev_dependency = false;
};

// Excluded scope, dev/test/build-only dependencies, development-flagged packages, debug and
// profiling tools, sample and example code.
std::vector<UnnecessaryRule> DefaultUnnecessaryRules();

struct QualityOptions {
  std::vector<UnnecessaryRule> unnecessary_rules = DefaultUnnecessaryRules();
  // A component field counts as "noisy" when NOASSERTION or empty; the hygiene check fails when
  // the share of noisy values exceeds this.
  double max_noassertion_ratio = 0.2;
  std::size_t max_listed_components = 1000;
};

// Reads QualityOptions from YAML (or JSON); every key is optional, unknown keys are errors with
// file:line:column. `replace-default-rules: true` drops the default rules, otherwise the file's
// rules are added to them. Format in docs/quality.md:
//
//   max-noassertion-ratio: 0.3
//   max-listed-components: 200
//   replace-default-rules: false
//   unnecessary:
//     - id: internal-tool
//       description: internal build tooling
//       names: ["acme-build-*"]
//       scopes: [excluded]                      # required | optional | excluded
//       properties: [{name: "acme:internal", value: "true"}]
//       dev-only: false
Result<QualityOptions> ParseQualityOptions(std::string_view text, std::string_view file_name);
Result<QualityOptions> LoadQualityOptionsFile(const std::string& path, std::uint64_t max_bytes);

QualityReport Assess(const model::Sbom& sbom, const std::vector<Profile>& profiles,
                     const QualityOptions& options = {});

// {"pass": bool, "profiles": {"ntia": {"pass", "score", "checks": [{id, title, result, level,
// source, weight, applicable, passed, detail, components[], omitted}]}}}
void WriteQualityReportJson(JsonWriter& w, const QualityReport& report);
// The same keys ("pass", "profiles") written into an object the caller has open.
void WriteQualityReportFields(JsonWriter& w, const QualityReport& report);
std::string FormatQualityReport(const QualityReport& report);

}  // namespace sbomhub::quality
