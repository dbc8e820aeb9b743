#include "version/hackage.h"

#include "version/cran.h"

namespace sbomhub::version::internal {

Status ParseHackage(std::string_view s, ParsedVersion* out) { return ParseNumericList(s, ".", "hackage", out); }
// Haskell compares the lists lexicographically: zero-padded element comparison followed by "the
// longer list wins" gives the same answer (1 < 1.0 < 1.0.0, 1.0.1 > 1.0.0.5).
int CompareHackage(const ParsedVersion& a, const ParsedVersion& b) { return CompareNumericList(a, b); }

}  // namespace sbomhub::version::internal
