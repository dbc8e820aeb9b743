#include "version/golang.h"

#include "version/semver.h"

namespace sbomhub::version::internal {

Status ParseGo(std::string_view s, ParsedVersion* out) {
  SemverOptions o;
  o.name = "go";
  return ParseSemverLike(s, o, out);
}

int CompareGo(const ParsedVersion& a, const ParsedVersion& b) { return CompareSemverLike(a, b, false); }

}  // namespace sbomhub::version::internal
