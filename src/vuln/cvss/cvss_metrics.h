// Internal: the metric tables of each CVSS version, shared by the parser and the calculators.
// A metric's value is stored as its index in `values` (a comma-separated list in the order the
// specification's tables give), so calculators switch on small integers, never on strings.
#pragma once

#include <cstddef>
#include <span>
#include <string_view>

#include "vuln/cvss/cvss.h"

namespace sbomhub::vuln::cvss_internal {

struct MetricDef {
  std::string_view name;
  std::string_view values;  // "N,A,L,P"
  bool mandatory;
};

// clang-format off
// ---- v2.0 (specification order; the enum numbers index kV2Metrics) ----
enum V2 : std::size_t { kV2AV, kV2AC, kV2Au, kV2C, kV2I, kV2A, kV2E, kV2RL, kV2RC, kV2CDP, kV2TD,
                        kV2CR, kV2IR, kV2AR, kV2Count };
inline constexpr MetricDef kV2Metrics[] = {
    {"AV", "L,A,N", true},        {"AC", "H,M,L", true},          {"Au", "M,S,N", true},
    {"C", "N,P,C", true},         {"I", "N,P,C", true},           {"A", "N,P,C", true},
    {"E", "U,POC,F,H,ND", false}, {"RL", "OF,TF,W,U,ND", false},  {"RC", "UC,UR,C,ND", false},
    {"CDP", "N,L,LM,MH,H,ND", false}, {"TD", "N,L,M,H,ND", false}, {"CR", "L,M,H,ND", false},
    {"IR", "L,M,H,ND", false},    {"AR", "L,M,H,ND", false},
};

// ---- v3.0 and v3.1 share one table ----
enum V3 : std::size_t { kV3AV, kV3AC, kV3PR, kV3UI, kV3S, kV3C, kV3I, kV3A, kV3E, kV3RL, kV3RC,
                        kV3CR, kV3IR, kV3AR, kV3MAV, kV3MAC, kV3MPR, kV3MUI, kV3MS, kV3MC, kV3MI,
                        kV3MA, kV3Count };
inline constexpr MetricDef kV3Metrics[] = {
    {"AV", "N,A,L,P", true},   {"AC", "L,H", true},       {"PR", "N,L,H", true},
    {"UI", "N,R", true},       {"S", "U,C", true},        {"C", "H,L,N", true},
    {"I", "H,L,N", true},      {"A", "H,L,N", true},      {"E", "X,U,P,F,H", false},
    {"RL", "X,O,T,W,U", false}, {"RC", "X,U,R,C", false}, {"CR", "X,L,M,H", false},
    {"IR", "X,L,M,H", false},  {"AR", "X,L,M,H", false},  {"MAV", "X,N,A,L,P", false},
    {"MAC", "X,L,H", false},   {"MPR", "X,N,L,H", false}, {"MUI", "X,N,R", false},
    {"MS", "X,U,C", false},    {"MC", "X,H,L,N", false},  {"MI", "X,H,L,N", false},
    {"MA", "X,H,L,N", false},
};

// ---- v4.0 ----
enum V4 : std::size_t { kV4AV, kV4AC, kV4AT, kV4PR, kV4UI, kV4VC, kV4VI, kV4VA, kV4SC, kV4SI,
                        kV4SA, kV4E, kV4CR, kV4IR, kV4AR, kV4MAV, kV4MAC, kV4MAT, kV4MPR, kV4MUI,
                        kV4MVC, kV4MVI, kV4MVA, kV4MSC, kV4MSI, kV4MSA, kV4S, kV4AU, kV4R, kV4V,
                        kV4RE, kV4U, kV4Count };
inline constexpr MetricDef kV4Metrics[] = {
    {"AV", "N,A,L,P", true},   {"AC", "L,H", true},         {"AT", "N,P", true},
    {"PR", "N,L,H", true},     {"UI", "N,P,A", true},       {"VC", "H,L,N", true},
    {"VI", "H,L,N", true},     {"VA", "H,L,N", true},       {"SC", "H,L,N", true},
    {"SI", "H,L,N", true},     {"SA", "H,L,N", true},       {"E", "X,A,P,U", false},
    {"CR", "X,H,M,L", false},  {"IR", "X,H,M,L", false},    {"AR", "X,H,M,L", false},
    {"MAV", "X,N,A,L,P", false}, {"MAC", "X,L,H", false},   {"MAT", "X,N,P", false},
    {"MPR", "X,N,L,H", false}, {"MUI", "X,N,P,A", false},   {"MVC", "X,H,L,N", false},
    {"MVI", "X,H,L,N", false}, {"MVA", "X,H,L,N", false},   {"MSC", "X,H,L,N", false},
    {"MSI", "X,S,H,L,N", false}, {"MSA", "X,S,H,L,N", false}, {"S", "X,N,P", false},
    {"AU", "X,N,Y", false},    {"R", "X,A,U,I", false},     {"V", "X,D,C", false},
    {"RE", "X,L,M,H", false},  {"U", "X,Clear,Green,Amber,Red", false},
};

// clang-format on

static_assert(std::size(kV4Metrics) == kV4Count && kV4Count <= CvssVector::kMaxMetrics);
static_assert(std::size(kV3Metrics) == kV3Count && std::size(kV2Metrics) == kV2Count);

inline std::span<const MetricDef> MetricsFor(CvssVersion version) {
  switch (version) {
    case CvssVersion::kV2_0:
      return kV2Metrics;
    case CvssVersion::kV3_0:
    case CvssVersion::kV3_1:
      return kV3Metrics;
    case CvssVersion::kV4_0:
      return kV4Metrics;
  }
  return {};
}

// Calculators (cvss_v2_v3.cc, cvss_v4.cc). `v` is already validated.
CvssScores ScoreV2(const CvssVector& v);
CvssScores ScoreV3(const CvssVector& v);
CvssScores ScoreV4(const CvssVector& v);

}  // namespace sbomhub::vuln::cvss_internal
