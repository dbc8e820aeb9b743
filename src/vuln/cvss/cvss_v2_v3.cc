// CVSS v2.0 (https://www.first.org/cvss/v2/guide, section 3.2) and v3.0/v3.1
// (https://www.first.org/cvss/v3-1/specification-document, sections 7 and Appendix A)
// equations. The weights are the specifications' constants, indexed by value position in the
// metric tables of cvss_metrics.h.
#include <algorithm>
#include <cmath>
#include <cstdint>

#include "vuln/cvss/cvss_metrics.h"

namespace sbomhub::vuln::cvss_internal {
namespace {

// Index of `metric`, or `fallback` (the "Not Defined" position) when absent.
int At(const CvssVector& v, std::size_t metric, int fallback) {
  int i = v.ValueIndex(metric);
  return i < 0 ? fallback : i;
}

// ---------------------------------------------------------------- v2.0

// v2.0 rounds half up to one decimal. The reference implementations compute in decimal
// arithmetic, where e.g. 0.6*x can land exactly on .x5; the 1e-9 nudge absorbs the binary
// representation error of such a product (scores never come closer to a .x5 edge than 1e-6).
double RoundV2(double x) { return std::floor(x * 10.0 + 0.5 + 1e-9) / 10.0; }

constexpr double kV2AccessVector[] = {0.395, 0.646, 1.0};                 // L, A, N
constexpr double kV2AccessComplexity[] = {0.35, 0.61, 0.71};              // H, M, L
constexpr double kV2Authentication[] = {0.45, 0.56, 0.704};               // M, S, N
constexpr double kV2Impact[] = {0.0, 0.275, 0.660};                       // N, P, C
constexpr double kV2Exploitability[] = {0.85, 0.9, 0.95, 1.0, 1.0};       // U, POC, F, H, ND
constexpr double kV2RemediationLevel[] = {0.87, 0.90, 0.95, 1.0, 1.0};    // OF, TF, W, U, ND
constexpr double kV2ReportConfidence[] = {0.90, 0.95, 1.0, 1.0};          // UC, UR, C, ND
constexpr double kV2CollateralDamage[] = {0.0, 0.1, 0.3, 0.4, 0.5, 0.0};  // N, L, LM, MH, H, ND
constexpr double kV2TargetDistribution[] = {0.0, 0.25, 0.75, 1.0, 1.0};   // N, L, M, H, ND
constexpr double kV2Requirement[] = {0.5, 1.0, 1.51, 1.0};                // L, M, H, ND

double V2Base(double impact, double exploitability) {
  const double f = impact == 0.0 ? 0.0 : 1.176;
  return RoundV2(((0.6 * impact) + (0.4 * exploitability) - 1.5) * f);
}

bool AnyDefined(const CvssVector& v, std::size_t first, std::size_t last, int not_defined) {
  for (std::size_t m = first; m <= last; ++m) {
    int i = v.ValueIndex(m);
    if (i >= 0 && i != not_defined) return true;
  }
  return false;
}

}  // namespace

CvssScores ScoreV2(const CvssVector& v) {
  const double c = kV2Impact[v.ValueIndex(kV2C)];
  const double i = kV2Impact[v.ValueIndex(kV2I)];
  const double a = kV2Impact[v.ValueIndex(kV2A)];
  const double exploitability = 20.0 * kV2AccessVector[v.ValueIndex(kV2AV)] *
                                kV2AccessComplexity[v.ValueIndex(kV2AC)] *
                                kV2Authentication[v.ValueIndex(kV2Au)];
  const double impact = 10.41 * (1.0 - (1.0 - c) * (1.0 - i) * (1.0 - a));

  CvssScores s;
  s.version = CvssVersion::kV2_0;
  s.base = V2Base(impact, exploitability);

  const double temporal_factor = kV2Exploitability[At(v, kV2E, 4)] *
                                 kV2RemediationLevel[At(v, kV2RL, 4)] *
                                 kV2ReportConfidence[At(v, kV2RC, 3)];
  // E, RL, RC have ND at different positions (4, 4, 3); check each against its own.
  const bool has_temporal =
      (At(v, kV2E, 4) != 4) || (At(v, kV2RL, 4) != 4) || (At(v, kV2RC, 3) != 3);
  if (has_temporal) s.temporal = RoundV2(s.base * temporal_factor);

  const bool has_environmental = AnyDefined(v, kV2CDP, kV2CDP, 5) ||
                                 AnyDefined(v, kV2TD, kV2TD, 4) || AnyDefined(v, kV2CR, kV2AR, 3);
  if (has_environmental) {
    const double adjusted_impact =
        std::min(10.0, 10.41 * (1.0 - (1.0 - c * kV2Requirement[At(v, kV2CR, 3)]) *
                                          (1.0 - i * kV2Requirement[At(v, kV2IR, 3)]) *
                                          (1.0 - a * kV2Requirement[At(v, kV2AR, 3)])));
    const double adjusted_base = V2Base(adjusted_impact, exploitability);
    const double adjusted_temporal = RoundV2(adjusted_base * temporal_factor);
    s.environmental = RoundV2(
        (adjusted_temporal + (10.0 - adjusted_temporal) * kV2CollateralDamage[At(v, kV2CDP, 5)]) *
        kV2TargetDistribution[At(v, kV2TD, 4)]);
  }
  const double most_specific = s.environmental ? *s.environmental
                               : s.temporal    ? *s.temporal
                                               : s.base;
  s.severity = CvssSeverityFor(CvssVersion::kV2_0, most_specific);
  return s;
}

// ---------------------------------------------------------------- v3.0 / v3.1
namespace {

// v3.1 Appendix A: work in integers of 1e-5 so that 4.000000000000001 rounds up to 4.0, not 4.1.
double RoundupV31(double x) {
  const auto int_input = static_cast<std::int64_t>(std::llround(x * 100000.0));
  if (int_input % 10000 == 0) return static_cast<double>(int_input) / 100000.0;
  return static_cast<double>(int_input / 10000 + 1) / 10.0;
}

// v3.0 defines plain "round up to one decimal". Reference implementations compute it in decimal
// arithmetic; the 1e-9 tolerance removes binary noise above an exact tenth (real scores are
// never that close to a tenth without being on it).
double RoundupV30(double x) { return std::ceil(x * 10.0 - 1e-9) / 10.0; }

constexpr double kV3AttackVector[] = {0.85, 0.62, 0.55, 0.2};      // N, A, L, P
constexpr double kV3AttackComplexity[] = {0.77, 0.44};             // L, H
constexpr double kV3PrivilegesUnchanged[] = {0.85, 0.62, 0.27};    // N, L, H
constexpr double kV3PrivilegesChanged[] = {0.85, 0.68, 0.5};       // N, L, H (scope changed)
constexpr double kV3UserInteraction[] = {0.85, 0.62};              // N, R
constexpr double kV3Cia[] = {0.56, 0.22, 0.0};                     // H, L, N
constexpr double kV3Exploit[] = {1.0, 0.91, 0.94, 0.97, 1.0};      // X, U, P, F, H
constexpr double kV3Remediation[] = {1.0, 0.95, 0.96, 0.97, 1.0};  // X, O, T, W, U
constexpr double kV3Confidence[] = {1.0, 0.92, 0.96, 1.0};         // X, U, R, C
constexpr double kV3Requirement[] = {1.0, 0.5, 1.0, 1.5};          // X, L, M, H

// A modified metric's table has "X" first, then the base metric's values in the same order.
int Modified(const CvssVector& v, std::size_t modified, std::size_t base) {
  int i = v.ValueIndex(modified);
  return i > 0 ? i - 1 : v.ValueIndex(base);
}

}  // namespace

CvssScores ScoreV3(const CvssVector& v) {
  const bool v31 = v.version() == CvssVersion::kV3_1;
  auto roundup = v31 ? RoundupV31 : RoundupV30;

  const bool changed = v.ValueIndex(kV3S) == 1;
  const double iss = 1.0 - (1.0 - kV3Cia[v.ValueIndex(kV3C)]) * (1.0 - kV3Cia[v.ValueIndex(kV3I)]) *
                               (1.0 - kV3Cia[v.ValueIndex(kV3A)]);
  const double impact =
      changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double privileges =
      (changed ? kV3PrivilegesChanged : kV3PrivilegesUnchanged)[v.ValueIndex(kV3PR)];
  const double exploitability = 8.22 * kV3AttackVector[v.ValueIndex(kV3AV)] *
                                kV3AttackComplexity[v.ValueIndex(kV3AC)] * privileges *
                                kV3UserInteraction[v.ValueIndex(kV3UI)];
  CvssScores s;
  s.version = v.version();
  if (impact <= 0.0) {
    s.base = 0.0;
  } else if (changed) {
    s.base = roundup(std::min(1.08 * (impact + exploitability), 10.0));
  } else {
    s.base = roundup(std::min(impact + exploitability, 10.0));
  }

  const double temporal_factor =
      kV3Exploit[At(v, kV3E, 0)] * kV3Remediation[At(v, kV3RL, 0)] * kV3Confidence[At(v, kV3RC, 0)];
  s.temporal = roundup(s.base * temporal_factor);

  const bool m_changed = Modified(v, kV3MS, kV3S) == 1;
  const double miss = std::min(
      1.0 - (1.0 - kV3Requirement[At(v, kV3CR, 0)] * kV3Cia[Modified(v, kV3MC, kV3C)]) *
                (1.0 - kV3Requirement[At(v, kV3IR, 0)] * kV3Cia[Modified(v, kV3MI, kV3I)]) *
                (1.0 - kV3Requirement[At(v, kV3AR, 0)] * kV3Cia[Modified(v, kV3MA, kV3A)]),
      0.915);
  double m_impact = 6.42 * miss;
  if (m_changed) {
    // v3.1 changed the scope-changed modified impact (specification 7.3, "CVSS v3.1 changes").
    m_impact = v31 ? 7.52 * (miss - 0.029) - 3.25 * std::pow(miss * 0.9731 - 0.02, 13)
                   : 7.52 * (miss - 0.029) - 3.25 * std::pow(miss - 0.02, 15);
  }
  const double m_privileges =
      (m_changed ? kV3PrivilegesChanged : kV3PrivilegesUnchanged)[Modified(v, kV3MPR, kV3PR)];
  const double m_exploitability = 8.22 * kV3AttackVector[Modified(v, kV3MAV, kV3AV)] *
                                  kV3AttackComplexity[Modified(v, kV3MAC, kV3AC)] * m_privileges *
                                  kV3UserInteraction[Modified(v, kV3MUI, kV3UI)];
  if (m_impact <= 0.0) {
    s.environmental = 0.0;
  } else if (m_changed) {
    s.environmental =
        roundup(roundup(std::min(1.08 * (m_impact + m_exploitability), 10.0)) * temporal_factor);
  } else {
    s.environmental =
        roundup(roundup(std::min(m_impact + m_exploitability, 10.0)) * temporal_factor);
  }

  // Rate the most specific score whose metrics were actually given.
  double rated = s.base;
  if (AnyDefined(v, kV3CR, kV3MA, 0)) {
    rated = *s.environmental;
  } else if (AnyDefined(v, kV3E, kV3RC, 0)) {
    rated = *s.temporal;
  }
  s.severity = CvssSeverityFor(v.version(), rated);
  return s;
}

}  // namespace sbomhub::vuln::cvss_internal
