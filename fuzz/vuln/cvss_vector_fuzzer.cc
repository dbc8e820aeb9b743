// Fuzzes CVSS vector parsing and scoring (every version). Beyond "no crash" it checks the
// invariants callers rely on: a parsed vector round-trips through ToString(), and every score is
// within 0.0-10.0.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "vuln/cvss/cvss.h"

namespace {
void Check(bool ok) {
  if (!ok) std::abort();
}
bool InRange(double s) { return s >= 0.0 && s <= 10.0; }
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using sbomhub::vuln::CvssVector;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  sbomhub::Result<CvssVector> v = CvssVector::Parse(text);
  if (!v.ok()) return 0;
  const std::string canonical = v->ToString();
  sbomhub::Result<CvssVector> again = CvssVector::Parse(canonical);
  Check(again.ok() && again->ToString() == canonical && again->version() == v->version());
  const sbomhub::vuln::CvssScores s = v->Score();
  const sbomhub::vuln::CvssScores t = again->Score();
  Check(InRange(s.base) && s.base == t.base);
  Check(!s.temporal || InRange(*s.temporal));
  Check(!s.environmental || InRange(*s.environmental));
  return 0;
}
