// FIRST EPSS (Exploit Prediction Scoring System, https://www.first.org/epss/) score readers.
//
// Two layouts are read, detected from the first non-comment line of each file.
//
// The official feed (epss_scores-YYYY-MM-DD.csv[.gz]):
//   #model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000
//   cve,epss,percentile
//   CVE-2021-44228,0.94358,0.99973
//
// The per-year split (EPSS_CVE_data/CVE_2021_EPSS.csv), ';'-separated, no header:
//   CVE-2021-44228;0.999990000;1.000000000
//
// gzip-compressed files (epss_scores-current.csv.gz as published) are decompressed on the fly.
// Files are streamed line by line through a fixed buffer: memory does not grow with file size
// (only with what the caller keeps), and an over-long line is one bad row, not an allocation.
// Each row is validated: CVE id shaped CVE-YYYY-NNNN (4-19 digits), 0 <= epss <= 1,
// 0 <= percentile <= 1, exactly three fields. Bad rows are skipped and counted; the first
// kMaxKeptProblems are kept as "file:line: reason" diagnostics. Bad rows never fail a read; I/O
// errors do, and so does a file with data lines none of which has ',' or ';' separated fields
// (it is not an EPSS file at all).
//
// Thread-safety: plain values and reentrant functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace sbomhub::vuln {

struct EpssRow {
  std::string_view cve;     // valid only during the callback
  double epss = 0.0;        // probability of exploitation activity in the next 30 days
  double percentile = 0.0;  // share of scored CVEs with an equal or lower score
};

struct EpssReadStats {
  static constexpr std::size_t kMaxKeptProblems = 100;

  std::string model_version;  // "v2025.03.14" from the official feed's comment line, else ""
  std::string score_date;     // "2025-03-14T00:00:00+0000" likewise
  std::uint64_t files = 0;
  std::uint64_t rows = 0;             // data rows seen (comments, header and blank lines excluded)
  std::uint64_t accepted = 0;         // rows passed to the caller
  std::uint64_t skipped = 0;          // rows rejected; rows == accepted + skipped
  std::vector<std::string> problems;  // first kMaxKeptProblems, "file:line: reason"
};

// Called once per valid row. Returns the empty view to accept the row, or a reason to reject it
// (e.g. "duplicate CVE id"), which counts it as skipped with that reason.
using EpssRowCallback = std::function<std::string_view(const EpssRow&)>;

// Streams the rows of one file (or, when `path` is a directory, of every *.csv and *.csv.gz file
// in it, in name order) to `on_row`. Adds to `stats` (which may accumulate across calls).
Status StreamEpss(const std::string& path, const EpssRowCallback& on_row, EpssReadStats& stats);

// The same for text already in memory (fuzzing, tests). `file` is used in messages only.
Status StreamEpssText(std::string_view text, const std::string& file, const EpssRowCallback& on_row,
                      EpssReadStats& stats);

struct EpssScore {
  double epss = 0.0;
  double percentile = 0.0;
};

// All scores of a feed, keyed by CVE id. A CVE seen twice keeps its first score and the
// repeat counts as a skipped row.
struct EpssSet {
  std::unordered_map<std::string, EpssScore> scores;
  EpssReadStats stats;

  // nullptr when the CVE has no score.
  const EpssScore* Find(const std::string& cve) const;
};

// Reads a file or a directory of per-year files into one set.
Result<EpssSet> ReadEpss(const std::string& path);

}  // namespace sbomhub::vuln
