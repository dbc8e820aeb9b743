// Findings rendered for people and machines: a terminal table, the JSON contract of
// `sbomhub scan --format json`, SARIF 2.1.0 for code-scanning dashboards, and a CycloneDX 1.6
// VEX document (vulnerabilities with affects[] and analysis state in_triage).
#pragma once

#include <string>

#include "match/match.h"
#include "model/sbom.h"

namespace sbomhub::app {

struct ScanReportInput {
  std::string sbom_file;
  const model::Sbom* sbom = nullptr;
  const match::ScanResult* result = nullptr;
  std::string tool_version = "0.1.0";
  std::string timestamp;  // RFC 3339; empty = omit (reproducible output)
};

std::string RenderScanTable(const ScanReportInput& in);
std::string RenderScanJson(const ScanReportInput& in);
std::string RenderScanSarif(const ScanReportInput& in);
std::string RenderScanCycloneDxVex(const ScanReportInput& in);

// Severity names ordered for --fail-on: "none" < "low" < "medium" < "high" < "critical".
// Returns -1 for unknown names.
int SeverityThreshold(std::string_view name);
// Rank of a finding's severity on the same scale ("Unknown" ranks with "none").
int FindingSeverityRank(const match::Finding& f);

}  // namespace sbomhub::app
