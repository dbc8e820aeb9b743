// CVSS v4.0 scoring (FIRST CVSS v4.0 specification, section 8 "CVSS v4.0 Scoring").
//
// v4.0 has no closed-form equation. The metrics are grouped into six equivalence sets (EQ1-EQ6);
// each vector falls into one "MacroVector" (one level per EQ), whose score experts fixed in a
// table of 270 entries. Within a MacroVector the score is lowered by how far the vector sits below
// the MacroVector's most severe member, in proportion to the score gap to the next lower
// MacroVector in each EQ:
//
//   score = table[macro] - mean over EQs that have a lower neighbour of
//           (table[macro] - table[lower neighbour]) * distance_to_max / max_depth_of_eq
//
// where distances count in steps of 0.1 per metric level (the "severity distances").
#include <array>
#include <cmath>
#include <initializer_list>
#include <limits>
#include <span>
#include <string_view>

#include "vuln/cvss/cvss_metrics.h"

namespace sbomhub::vuln::cvss_internal {
namespace {

struct MacroScore {
  std::string_view macro;  // EQ1 EQ2 EQ3 EQ4 EQ5 EQ6 levels
  double score;
};

// The MacroVector table (FIRST cvss-v4-calculator "cvss_lookup.js"). Each row holds EQ5 x EQ6
// for one EQ1/EQ2/EQ3/EQ4 combination; EQ3=2 only exists with EQ6=1 (no VC/VI/VA is High, so no
// High requirement can meet a High impact).
// clang-format off
constexpr MacroScore kMacroScores[] = {
    {"000000", 10.0}, {"000001", 9.9}, {"000010", 9.8}, {"000011", 9.5}, {"000020", 9.5}, {"000021", 9.2},
    {"000100", 10.0}, {"000101", 9.6}, {"000110", 9.3}, {"000111", 8.7}, {"000120", 9.1}, {"000121", 8.1},
    {"000200", 9.3}, {"000201", 9.0}, {"000210", 8.9}, {"000211", 8.0}, {"000220", 8.1}, {"000221", 6.8},
    {"001000", 9.8}, {"001001", 9.5}, {"001010", 9.5}, {"001011", 9.2}, {"001020", 9.0}, {"001021", 8.4},
    {"001100", 9.3}, {"001101", 9.2}, {"001110", 8.9}, {"001111", 8.1}, {"001120", 8.1}, {"001121", 6.5},
    {"001200", 8.8}, {"001201", 8.0}, {"001210", 7.8}, {"001211", 7.0}, {"001220", 6.9}, {"001221", 4.8},
    {"002001", 9.2}, {"002011", 8.2}, {"002021", 7.2}, {"002101", 7.9}, {"002111", 6.9}, {"002121", 5.0},
    {"002201", 6.9}, {"002211", 5.5}, {"002221", 2.7}, {"010000", 9.9}, {"010001", 9.7}, {"010010", 9.5},
    {"010011", 9.2}, {"010020", 9.2}, {"010021", 8.5}, {"010100", 9.5}, {"010101", 9.1}, {"010110", 9.0},
    {"010111", 8.3}, {"010120", 8.4}, {"010121", 7.1}, {"010200", 9.2}, {"010201", 8.1}, {"010210", 8.2},
    {"010211", 7.1}, {"010220", 7.2}, {"010221", 5.3}, {"011000", 9.5}, {"011001", 9.3}, {"011010", 9.2},
    {"011011", 8.5}, {"011020", 8.5}, {"011021", 7.3}, {"011100", 9.2}, {"011101", 8.2}, {"011110", 8.0},
    {"011111", 7.2}, {"011120", 7.0}, {"011121", 5.9}, {"011200", 8.4}, {"011201", 7.0}, {"011210", 7.1},
    {"011211", 5.2}, {"011220", 5.0}, {"011221", 3.0}, {"012001", 8.6}, {"012011", 7.5}, {"012021", 5.2},
    {"012101", 7.1}, {"012111", 5.2}, {"012121", 2.9}, {"012201", 6.3}, {"012211", 2.9}, {"012221", 1.7},
    {"100000", 9.8}, {"100001", 9.5}, {"100010", 9.4}, {"100011", 8.7}, {"100020", 9.1}, {"100021", 8.1},
    {"100100", 9.4}, {"100101", 8.9}, {"100110", 8.6}, {"100111", 7.4}, {"100120", 7.7}, {"100121", 6.4},
    {"100200", 8.7}, {"100201", 7.5}, {"100210", 7.4}, {"100211", 6.3}, {"100220", 6.3}, {"100221", 4.9},
    {"101000", 9.4}, {"101001", 8.9}, {"101010", 8.8}, {"101011", 7.7}, {"101020", 7.6}, {"101021", 6.7},
    {"101100", 8.6}, {"101101", 7.6}, {"101110", 7.4}, {"101111", 5.8}, {"101120", 5.9}, {"101121", 5.0},
    {"101200", 7.2}, {"101201", 5.7}, {"101210", 5.7}, {"101211", 5.2}, {"101220", 5.2}, {"101221", 2.5},
    {"102001", 8.3}, {"102011", 7.0}, {"102021", 5.4}, {"102101", 6.5}, {"102111", 5.8}, {"102121", 2.6},
    {"102201", 5.3}, {"102211", 2.1}, {"102221", 1.3}, {"110000", 9.5}, {"110001", 9.0}, {"110010", 8.8},
    {"110011", 7.6}, {"110020", 7.6}, {"110021", 7.0}, {"110100", 9.0}, {"110101", 7.7}, {"110110", 7.5},
    {"110111", 6.2}, {"110120", 6.1}, {"110121", 5.3}, {"110200", 7.7}, {"110201", 6.6}, {"110210", 6.8},
    {"110211", 5.9}, {"110220", 5.2}, {"110221", 3.0}, {"111000", 8.9}, {"111001", 7.8}, {"111010", 7.6},
    {"111011", 6.7}, {"111020", 6.2}, {"111021", 5.8}, {"111100", 7.4}, {"111101", 5.9}, {"111110", 5.7},
    {"111111", 5.7}, {"111120", 4.7}, {"111121", 2.3}, {"111200", 6.1}, {"111201", 5.2}, {"111210", 5.7},
    {"111211", 2.9}, {"111220", 2.4}, {"111221", 1.6}, {"112001", 7.1}, {"112011", 5.9}, {"112021", 3.0},
    {"112101", 5.8}, {"112111", 2.6}, {"112121", 1.5}, {"112201", 2.3}, {"112211", 1.3}, {"112221", 0.6},
    {"200000", 9.3}, {"200001", 8.7}, {"200010", 8.6}, {"200011", 7.2}, {"200020", 7.5}, {"200021", 5.8},
    {"200100", 8.6}, {"200101", 7.4}, {"200110", 7.4}, {"200111", 6.1}, {"200120", 5.6}, {"200121", 3.4},
    {"200200", 7.0}, {"200201", 5.4}, {"200210", 5.2}, {"200211", 4.0}, {"200220", 4.0}, {"200221", 2.2},
    {"201000", 8.5}, {"201001", 7.5}, {"201010", 7.4}, {"201011", 5.5}, {"201020", 6.2}, {"201021", 5.1},
    {"201100", 7.2}, {"201101", 5.7}, {"201110", 5.5}, {"201111", 4.1}, {"201120", 4.6}, {"201121", 1.9},
    {"201200", 5.3}, {"201201", 3.6}, {"201210", 3.4}, {"201211", 1.9}, {"201220", 1.9}, {"201221", 0.8},
    {"202001", 6.4}, {"202011", 5.1}, {"202021", 2.0}, {"202101", 4.7}, {"202111", 2.1}, {"202121", 1.1},
    {"202201", 2.4}, {"202211", 0.9}, {"202221", 0.4}, {"210000", 8.8}, {"210001", 7.5}, {"210010", 7.3},
    {"210011", 5.3}, {"210020", 6.0}, {"210021", 5.0}, {"210100", 7.3}, {"210101", 5.5}, {"210110", 5.9},
    {"210111", 4.0}, {"210120", 4.1}, {"210121", 2.0}, {"210200", 5.4}, {"210201", 4.3}, {"210210", 4.5},
    {"210211", 2.2}, {"210220", 2.0}, {"210221", 1.1}, {"211000", 7.5}, {"211001", 5.5}, {"211010", 5.8},
    {"211011", 4.5}, {"211020", 4.0}, {"211021", 2.1}, {"211100", 6.1}, {"211101", 5.1}, {"211110", 4.8},
    {"211111", 1.8}, {"211120", 2.0}, {"211121", 0.9}, {"211200", 4.6}, {"211201", 1.8}, {"211210", 1.7},
    {"211211", 0.7}, {"211220", 0.8}, {"211221", 0.2}, {"212001", 5.3}, {"212011", 2.4}, {"212021", 1.4},
    {"212101", 2.4}, {"212111", 1.2}, {"212121", 0.5}, {"212201", 1.0}, {"212211", 0.3}, {"212221", 0.1},
};
// clang-format on
static_assert(std::size(kMacroScores) == 270);

constexpr int kEqLevels[6] = {3, 2, 3, 3, 3, 2};

constexpr int MacroIndex(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
  return ((((eq1 * 2 + eq2) * 3 + eq3) * 3 + eq4) * 3 + eq5) * 2 + eq6;
}
constexpr int kMacroSlots = 3 * 2 * 3 * 3 * 3 * 2;

// Dense table indexed by MacroIndex; NaN marks combinations that do not exist.
constexpr std::array<double, kMacroSlots> BuildDenseTable() {
  std::array<double, kMacroSlots> t{};
  for (double& x : t) x = std::numeric_limits<double>::quiet_NaN();
  for (const MacroScore& m : kMacroScores) {
    t[MacroIndex(m.macro[0] - '0', m.macro[1] - '0', m.macro[2] - '0', m.macro[3] - '0',
                 m.macro[4] - '0', m.macro[5] - '0')] = m.score;
  }
  return t;
}
constexpr std::array<double, kMacroSlots> kDense = BuildDenseTable();

// Score of a MacroVector, NaN when it does not exist (including levels past the last one).
double Lookup(const int eq[6]) {
  for (int i = 0; i < 6; ++i) {
    if (eq[i] < 0 || eq[i] >= kEqLevels[i]) return std::numeric_limits<double>::quiet_NaN();
  }
  return kDense[MacroIndex(eq[0], eq[1], eq[2], eq[3], eq[4], eq[5])];
}

// Effective metric values as letters after applying modified metrics and the defaults the
// specification gives for "X" (E:X = A, CR/IR/AR:X = H).
struct Effective {
  char av, ac, at, pr, ui, vc, vi, va, sc, si, sa, e, cr, ir, ar;
};

char Letter(std::string_view values, int index) {
  std::size_t start = 0;
  for (int i = 0; i < index; ++i) start = values.find(',', start) + 1;
  return values[start];
}

char Eff(const CvssVector& v, std::size_t base, std::size_t modified) {
  int m = v.ValueIndex(modified);
  if (m > 0) return Letter(kV4Metrics[modified].values, m);
  return Letter(kV4Metrics[base].values, v.ValueIndex(base));
}

char WithDefault(const CvssVector& v, std::size_t metric, char fallback) {
  int i = v.ValueIndex(metric);
  return i > 0 ? Letter(kV4Metrics[metric].values, i) : fallback;
}

// Severity levels in tenths: how many 0.1 steps a value is below the most severe one.
int AvLevel(char c) { return c == 'N' ? 0 : c == 'A' ? 1 : c == 'L' ? 2 : 3; }
int PrLevel(char c) { return c == 'N' ? 0 : c == 'L' ? 1 : 2; }
int UiLevel(char c) { return c == 'N' ? 0 : c == 'P' ? 1 : 2; }
int AcLevel(char c) { return c == 'L' ? 0 : 1; }
int AtLevel(char c) { return c == 'N' ? 0 : 1; }
int ImpactLevel(char c) { return c == 'H' ? 0 : c == 'L' ? 1 : 2; }                     // VC VI VA
int SubsequentLevel(char c) { return c == 'S' ? 0 : c == 'H' ? 1 : c == 'L' ? 2 : 3; }  // SC SI SA
int RequirementLevel(char c) { return c == 'H' ? 0 : c == 'M' ? 1 : 2; }                // CR IR AR

// The most severe members of each EQ level ("max composed" in the specification's reference
// calculator); a vector's distance is measured to the first one it does not exceed anywhere.
struct Eq1Max {
  char av, pr, ui;
};
struct Eq2Max {
  char ac, at;
};
struct Eq36Max {
  char vc, vi, va, cr, ir, ar;
};
struct Eq4Max {
  char sc, si, sa;
};

// clang-format off
constexpr Eq1Max kEq1Max0[] = {{'N', 'N', 'N'}};
constexpr Eq1Max kEq1Max1[] = {{'A', 'N', 'N'}, {'N', 'L', 'N'}, {'N', 'N', 'P'}};
constexpr Eq1Max kEq1Max2[] = {{'P', 'N', 'N'}, {'A', 'L', 'P'}};
constexpr Eq2Max kEq2Max0[] = {{'L', 'N'}};
constexpr Eq2Max kEq2Max1[] = {{'H', 'N'}, {'L', 'P'}};
constexpr Eq36Max kEq36Max00[] = {{'H', 'H', 'H', 'H', 'H', 'H'}};
constexpr Eq36Max kEq36Max01[] = {{'H', 'H', 'L', 'M', 'M', 'H'}, {'H', 'H', 'H', 'M', 'M', 'M'}};
constexpr Eq36Max kEq36Max10[] = {{'L', 'H', 'H', 'H', 'H', 'H'}, {'H', 'L', 'H', 'H', 'H', 'H'}};
constexpr Eq36Max kEq36Max11[] = {{'L', 'H', 'L', 'H', 'M', 'H'}, {'L', 'H', 'H', 'H', 'M', 'M'},
                                  {'H', 'L', 'H', 'M', 'H', 'M'}, {'H', 'L', 'L', 'M', 'H', 'H'},
                                  {'L', 'L', 'H', 'H', 'H', 'M'}};
constexpr Eq36Max kEq36Max21[] = {{'L', 'L', 'L', 'H', 'H', 'H'}};
constexpr Eq4Max kEq4Max0[] = {{'H', 'S', 'S'}};
constexpr Eq4Max kEq4Max1[] = {{'H', 'H', 'H'}};
constexpr Eq4Max kEq4Max2[] = {{'L', 'L', 'L'}};

// Depth of each EQ level in tenths: the largest distance a member can have from the max.
constexpr int kEq1Depth[] = {1, 4, 5};
constexpr int kEq2Depth[] = {1, 2};
constexpr int kEq36Depth[3][2] = {{7, 6}, {8, 8}, {0, 10}};
constexpr int kEq4Depth[] = {6, 5, 4};
// clang-format on

// Sum of per-metric distances from the first candidate max that the vector does not exceed;
// `distance` returns -1 when some metric is more severe than the candidate's.
template <typename Max, typename DistanceFn>
int DistanceToMax(std::span<const Max> maxes, DistanceFn distance) {
  int result = 0;
  for (const Max& m : maxes) {
    result = distance(m);
    if (result >= 0) return result;
  }
  return 0;  // unreachable with the specification's tables
}

// Sum of differences, or -1 when any single difference is negative.
int SumNonNegative(std::initializer_list<int> diffs) {
  int sum = 0;
  for (int d : diffs) {
    if (d < 0) return -1;
    sum += d;
  }
  return sum;
}

bool AnySet(const CvssVector& v, std::size_t first, std::size_t last) {
  for (std::size_t m = first; m <= last; ++m) {
    if (v.ValueIndex(m) > 0) return true;  // index 0 is "X"
  }
  return false;
}

}  // namespace

CvssScores ScoreV4(const CvssVector& v) {
  Effective x{};
  x.av = Eff(v, kV4AV, kV4MAV);
  x.ac = Eff(v, kV4AC, kV4MAC);
  x.at = Eff(v, kV4AT, kV4MAT);
  x.pr = Eff(v, kV4PR, kV4MPR);
  x.ui = Eff(v, kV4UI, kV4MUI);
  x.vc = Eff(v, kV4VC, kV4MVC);
  x.vi = Eff(v, kV4VI, kV4MVI);
  x.va = Eff(v, kV4VA, kV4MVA);
  x.sc = Eff(v, kV4SC, kV4MSC);
  x.si = Eff(v, kV4SI, kV4MSI);
  x.sa = Eff(v, kV4SA, kV4MSA);
  x.e = WithDefault(v, kV4E, 'A');
  x.cr = WithDefault(v, kV4CR, 'H');
  x.ir = WithDefault(v, kV4IR, 'H');
  x.ar = WithDefault(v, kV4AR, 'H');

  CvssScores s;
  s.version = CvssVersion::kV4_0;
  const bool threat = AnySet(v, kV4E, kV4E);
  const bool environmental = AnySet(v, kV4CR, kV4MSA);
  s.v4_nomenclature = threat && environmental ? "CVSS-BTE"
                      : threat                ? "CVSS-BT"
                      : environmental         ? "CVSS-BE"
                                              : "CVSS-B";

  // No impact on any system: the specification fixes the score at 0.0.
  if (x.vc == 'N' && x.vi == 'N' && x.va == 'N' && x.sc == 'N' && x.si == 'N' && x.sa == 'N') {
    s.base = 0.0;
    s.severity = CvssSeverity::kNone;
    return s;
  }

  int eq[6];
  const bool any_network = x.av == 'N' || x.pr == 'N' || x.ui == 'N';
  if (x.av == 'N' && x.pr == 'N' && x.ui == 'N') {
    eq[0] = 0;
  } else if (any_network && x.av != 'P') {
    eq[0] = 1;
  } else {
    eq[0] = 2;
  }
  eq[1] = (x.ac == 'L' && x.at == 'N') ? 0 : 1;
  if (x.vc == 'H' && x.vi == 'H') {
    eq[2] = 0;
  } else if (x.vc == 'H' || x.vi == 'H' || x.va == 'H') {
    eq[2] = 1;
  } else {
    eq[2] = 2;
  }
  if (x.si == 'S' || x.sa == 'S') {
    eq[3] = 0;
  } else if (x.sc == 'H' || x.si == 'H' || x.sa == 'H') {
    eq[3] = 1;
  } else {
    eq[3] = 2;
  }
  eq[4] = x.e == 'A' ? 0 : x.e == 'P' ? 1 : 2;
  eq[5] =
      ((x.cr == 'H' && x.vc == 'H') || (x.ir == 'H' && x.vi == 'H') || (x.ar == 'H' && x.va == 'H'))
          ? 0
          : 1;

  const double value = Lookup(eq);

  // Scores of the next lower MacroVector in each EQ (NaN when there is none).
  auto lower = [&](int which) {
    int next[6] = {eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]};
    ++next[which];
    return Lookup(next);
  };
  const double lower_eq1 = lower(0);
  const double lower_eq2 = lower(1);
  const double lower_eq4 = lower(3);
  const double lower_eq5 = lower(4);
  // EQ3 and EQ6 move together: from (0,0) both (0,1) and (1,0) are one step down, and the higher
  // of the two is the neighbour; (1,0) steps to (1,1); (0,1) and (1,1) step to EQ3+1.
  double lower_eq36 = std::numeric_limits<double>::quiet_NaN();
  {
    int next[6] = {eq[0], eq[1], eq[2], eq[3], eq[4], eq[5]};
    if (eq[2] == 0 && eq[5] == 0) {
      next[5] = 1;
      const double left = Lookup(next);
      next[5] = 0;
      next[2] = 1;
      const double right = Lookup(next);
      lower_eq36 = left > right ? left : right;
    } else if (eq[2] == 1 && eq[5] == 0) {
      next[5] = 1;
      lower_eq36 = Lookup(next);
    } else if (eq[5] == 1 && eq[2] < 2) {
      next[2] = eq[2] + 1;
      lower_eq36 = Lookup(next);
    }
  }

  // Distances (in tenths) from the most severe member of this MacroVector.
  static constexpr std::span<const Eq1Max> kEq1Maxes[] = {kEq1Max0, kEq1Max1, kEq1Max2};
  static constexpr std::span<const Eq2Max> kEq2Maxes[] = {kEq2Max0, kEq2Max1};
  static constexpr std::span<const Eq4Max> kEq4Maxes[] = {kEq4Max0, kEq4Max1, kEq4Max2};
  std::span<const Eq36Max> eq36_maxes;
  if (eq[2] == 0) {
    eq36_maxes = eq[5] == 0 ? std::span<const Eq36Max>(kEq36Max00) : kEq36Max01;
  } else if (eq[2] == 1) {
    eq36_maxes = eq[5] == 0 ? std::span<const Eq36Max>(kEq36Max10) : kEq36Max11;
  } else {
    eq36_maxes = kEq36Max21;
  }

  const int distance_eq1 = DistanceToMax(kEq1Maxes[eq[0]], [&](const Eq1Max& m) {
    return SumNonNegative({AvLevel(x.av) - AvLevel(m.av), PrLevel(x.pr) - PrLevel(m.pr),
                           UiLevel(x.ui) - UiLevel(m.ui)});
  });
  const int distance_eq2 = DistanceToMax(kEq2Maxes[eq[1]], [&](const Eq2Max& m) {
    return SumNonNegative({AcLevel(x.ac) - AcLevel(m.ac), AtLevel(x.at) - AtLevel(m.at)});
  });
  const int distance_eq36 = DistanceToMax(eq36_maxes, [&](const Eq36Max& m) {
    return SumNonNegative(
        {ImpactLevel(x.vc) - ImpactLevel(m.vc), ImpactLevel(x.vi) - ImpactLevel(m.vi),
         ImpactLevel(x.va) - ImpactLevel(m.va), RequirementLevel(x.cr) - RequirementLevel(m.cr),
         RequirementLevel(x.ir) - RequirementLevel(m.ir),
         RequirementLevel(x.ar) - RequirementLevel(m.ar)});
  });
  const int distance_eq4 = DistanceToMax(kEq4Maxes[eq[3]], [&](const Eq4Max& m) {
    return SumNonNegative({SubsequentLevel(x.sc) - SubsequentLevel(m.sc),
                           SubsequentLevel(x.si) - SubsequentLevel(m.si),
                           SubsequentLevel(x.sa) - SubsequentLevel(m.sa)});
  });

  // Each EQ with a lower neighbour contributes the share of the score gap that corresponds to
  // how deep into its level the vector sits. EQ5 (threat) has no depth: it counts as a neighbour
  // with proportion 0, which still dilutes the mean exactly as the specification's calculator.
  double sum = 0.0;
  int existing = 0;
  auto add = [&](double lower_score, int distance, int depth) {
    if (std::isnan(lower_score)) return;
    ++existing;
    if (depth > 0) sum += (value - lower_score) * (static_cast<double>(distance) / depth);
  };
  add(lower_eq1, distance_eq1, kEq1Depth[eq[0]]);
  add(lower_eq2, distance_eq2, kEq2Depth[eq[1]]);
  add(lower_eq36, distance_eq36, kEq36Depth[eq[2]][eq[5]]);
  add(lower_eq4, distance_eq4, kEq4Depth[eq[3]]);
  add(lower_eq5, 0, 1);

  double score = existing == 0 ? value : value - sum / existing;
  if (score < 0.0) score = 0.0;
  if (score > 10.0) score = 10.0;
  // Half up to one decimal; the nudge absorbs binary noise on exact .x5 results.
  s.base = std::floor(score * 10.0 + 0.5 + 1e-9) / 10.0;
  s.severity = CvssSeverityFor(CvssVersion::kV4_0, s.base);
  return s;
}

}  // namespace sbomhub::vuln::cvss_internal
