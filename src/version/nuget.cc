#include "version/nuget.h"

#include "version/semver.h"

namespace sbomhub::version::internal {

Status ParseNuGet(std::string_view s, ParsedVersion* out) {
  SemverOptions o;
  o.max_components = 4;
  o.case_insensitive = true;
  o.name = "nuget";
  return ParseSemverLike(s, o, out);
}

int CompareNuGet(const ParsedVersion& a, const ParsedVersion& b) { return CompareSemverLike(a, b, false); }

}  // namespace sbomhub::version::internal
