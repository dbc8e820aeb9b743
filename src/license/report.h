// Per-component license findings for one SBOM under one policy: what each component declares,
// the SPDX expression that stands for it (with any normalization recorded), the verdict and why,
// plus counts and obligations per category. `sbomhub license` prints this; the API can serve it.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "base/json_writer.h"
#include "license/expression.h"
#include "license/policy.h"
#include "model/sbom.h"

namespace sbomhub::license {

struct ComponentLicense {
  std::string bom_ref;
  std::string name;
  std::string version;
  std::string declared;    // the license statements as written, joined with " AND "; may be empty
  std::string expression;  // the effective SPDX expression; empty when none could be formed
  bool valid = false;      // every statement was (or normalized to) a valid SPDX expression
  std::vector<std::string> notes;  // normalizations ("'Apache 2' normalized to Apache-2.0 (alias)")
                                   // and validation findings
  Verdict verdict = Verdict::kReview;
  std::string reason;
  std::vector<LicenseCategory> categories;
};

struct LicenseReport {
  std::vector<ComponentLicense> components;  // document order (primary first when present)
  std::map<LicenseCategory, std::size_t> category_counts;  // components per category
  std::size_t allowed = 0;
  std::size_t review = 0;
  std::size_t denied = 0;
};

// The statements a component's license is judged by: SPDX-style concluded licenses when present
// and not NOASSERTION, otherwise all other statements. Several statements are combined with AND
// (a component under two licenses must satisfy both, which is the cautious reading of CycloneDX
// licenses[]). Linear in the number of components and the size of their licenses.
LicenseReport BuildLicenseReport(const model::Sbom& sbom, const Policy& policy);

// One component on its own (used by BuildLicenseReport).
ComponentLicense EvaluateComponent(const model::Component& component, const Policy& policy);

// JSON: {"policy": ..., "summary": {...}, "components": [{bomRef, name, version, declared,
// expression, valid, verdict, reason, categories[], notes[]}], "obligations": [...]}
void WriteLicenseReportJson(JsonWriter& w, const LicenseReport& report);
// The same keys (summary, components, obligations) written into an object the caller has open.
void WriteLicenseReportFields(JsonWriter& w, const LicenseReport& report);

// Human-readable table plus the obligation summary.
std::string FormatLicenseReport(const LicenseReport& report);

}  // namespace sbomhub::license
