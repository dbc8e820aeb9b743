// CVSS vectors and scores for every version feeds still publish: v2.0, v3.0, v3.1 and v4.0.
//
// A vector is parsed once into a compact, validated form (`CvssVector`); scoring is a pure
// function of that form, so a parsed vector can always be scored (there is no failure path after
// Parse). Parsing is strict: every mandatory metric present, each metric at most once, only the
// values the version's specification lists. Metrics may appear in any order (feeds reorder them,
// e.g. "CVSS:3.0/S:U/AV:N/..."); ToString() writes the specification's order.
//
// Accepted spellings:
//   v2.0  "AV:N/AC:L/Au:N/C:P/I:P/A:P", also wrapped "(AV:N/...)" or prefixed "CVSS:2.0/AV:N/..."
//   v3.x  "CVSS:3.0/AV:N/..." and "CVSS:3.1/AV:N/..."
//   v4.0  "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N[/...]"
// Surrounding whitespace is ignored; anything else (lower-case names, empty parts, a trailing
// '/', more than 1024 bytes) is an error naming the offending part.
//
// Scores follow each specification exactly, including its rounding:
//   v2.0  round half up to one decimal;
//   v3.0  round up to one decimal (a plain ceiling, ignoring binary noise below 1e-9 the way the
//         decimal reference implementations do: 10.0 * 0.92 gives 9.2, not 9.3);
//   v3.1  Roundup as defined in the v3.1 specification, Appendix A (integer arithmetic, so
//         9.200000000000001 rounds to 9.2, not 9.3);
//   v4.0  MacroVector lookup plus severity-distance interpolation (FIRST CVSS v4.0 spec,
//         section 8), rounded half up to one decimal.
//
// Thread-safety: all types are plain values; all functions are pure and reentrant.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::vuln {

enum class CvssVersion { kV2_0, kV3_0, kV3_1, kV4_0 };

// "2.0", "3.0", "3.1", "4.0".
std::string_view CvssVersionName(CvssVersion version);

// Qualitative rating. v2.0 only uses Low/Medium/High (NVD's convention: 0.0-3.9 is Low);
// v3.x and v4.0 use None (0.0), Low, Medium, High (7.0-8.9), Critical (9.0-10.0).
enum class CvssSeverity { kNone, kLow, kMedium, kHigh, kCritical };

// "None", "Low", "Medium", "High", "Critical".
std::string_view CvssSeverityName(CvssSeverity severity);
CvssSeverity CvssSeverityFor(CvssVersion version, double score);

struct CvssScores {
  CvssVersion version = CvssVersion::kV3_1;
  // v2.0/v3.x: the base score. v4.0: the one score the specification defines, computed from
  // every metric present (CVSS-B, -BT, -BE or -BTE; see `v4_nomenclature`).
  double base = 0.0;
  // v2.0: set only when a temporal metric other than ND is given. v3.x: always set (equal to the
  // base score when no temporal metric is given). v4.0: never set.
  std::optional<double> temporal;
  // v2.0: set only when an environmental metric other than ND is given. v3.x: always set.
  // v4.0: never set.
  std::optional<double> environmental;
  // v4.0 only: "CVSS-B", "CVSS-BT", "CVSS-BE" or "CVSS-BTE"; empty for other versions.
  std::string_view v4_nomenclature;
  // The rating of the most specific score (environmental, else temporal, else base).
  CvssSeverity severity = CvssSeverity::kNone;
};

// A validated CVSS vector. Cheap to copy (a version and one byte per metric).
class CvssVector {
 public:
  // Largest number of metrics any version defines (v4.0: 32).
  static constexpr std::size_t kMaxMetrics = 32;

  // Parses `text`. Errors are kParseError with a message naming the offending metric or part,
  // e.g. "CVSS 3.1 vector: metric 'AV' has unknown value 'X' (expected N, A, L, P)".
  static Result<CvssVector> Parse(std::string_view text);

  CvssVersion version() const { return version_; }

  // The value of `metric` as written in the vector ("N", "POC", "Clear"); the empty view when the
  // metric is absent or not defined for this version. Absent optional metrics mean "Not Defined".
  std::string_view Value(std::string_view metric) const;

  // Canonical spelling: the version prefix ("CVSS:3.1/"; none for v2.0) and the metrics present,
  // in specification order.
  std::string ToString() const;

  CvssScores Score() const;

  // Index of the value of metric number `metric` in its version's value list, or -1 when absent.
  // For the scoring code; metric numbers are the specification order of the version's table.
  int ValueIndex(std::size_t metric) const { return values_[metric]; }

 private:
  CvssVector() = default;

  CvssVersion version_ = CvssVersion::kV3_1;
  std::array<std::int8_t, kMaxMetrics> values_{};
};

// Parse and score in one call; for callers that only need the numbers.
Result<CvssScores> ScoreCvssVector(std::string_view text);

}  // namespace sbomhub::vuln
