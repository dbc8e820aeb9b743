#include "version/cran.h"

namespace sbomhub::version::internal {

Status ParseNumericList(std::string_view s, std::string_view separators, std::string_view name, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, name));
  std::size_t i = 0;
  out->buf.reserve(s.size());
  while (true) {
    std::size_t j = i;
    while (j < s.size() && IsDigit(s[j])) ++j;
    if (j == i) return Invalid(name, s, "expected a number", i);
    out->Push(0, s.substr(i, j - i));
    if (j == s.size()) break;
    if (separators.find(s[j]) == std::string_view::npos) {
      return Invalid(name, s, "expected a number or a separator", j);
    }
    i = j + 1;
  }
  return Status::Ok();
}

int CompareNumericList(const ParsedVersion& a, const ParsedVersion& b) {
  const std::size_t na = a.tokens.size(), nb = b.tokens.size();
  for (std::size_t i = 0; i < na || i < nb; ++i) {
    const int c = CompareNumbers(i < na ? a.Text(a.tokens[i]) : std::string_view(),
                                 i < nb ? b.Text(b.tokens[i]) : std::string_view());
    if (c != 0) return c;
  }
  if (na != nb) return na < nb ? -1 : 1;
  return 0;
}

Status ParseCran(std::string_view s, ParsedVersion* out) { return ParseNumericList(s, ".-", "cran", out); }
int CompareCran(const ParsedVersion& a, const ParsedVersion& b) { return CompareNumericList(a, b); }

}  // namespace sbomhub::version::internal
