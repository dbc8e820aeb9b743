// Fuzzes the EPSS CSV reader (both layouts). Checks the accounting invariant
// rows == accepted + skipped and that every accepted row is in range.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vuln/epss/epss.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbomhub::vuln::EpssReadStats stats;
  std::uint64_t seen = 0;
  sbomhub::Status status = sbomhub::vuln::StreamEpssText(
      text, "fuzz.csv",
      [&seen](const sbomhub::vuln::EpssRow& row) {
        if (!(row.epss >= 0.0 && row.epss <= 1.0 && row.percentile >= 0.0 &&
              row.percentile <= 1.0)) {
          std::abort();
        }
        // Reject every other row to exercise the caller-rejection path.
        return (++seen % 2 == 0) ? std::string_view("rejected by fuzzer") : std::string_view();
      },
      stats);
  (void)status;
  if (stats.rows != stats.accepted + stats.skipped) std::abort();
  if (stats.problems.size() > sbomhub::vuln::EpssReadStats::kMaxKeptProblems) std::abort();
  return 0;
}
