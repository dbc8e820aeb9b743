#include <cstring>

#include "base/text.h"
#include "version/parsed_version.h"

namespace sbomhub::version::internal {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

std::string_view StripZeros(std::string_view digits) {
  std::size_t i = 0;
  while (i < digits.size() && digits[i] == '0') ++i;
  return digits.substr(i);
}

int CompareNumbers(std::string_view a, std::string_view b) {
  a = StripZeros(a);
  b = StripZeros(b);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return CompareBytes(a, b);
}

int CompareBytes(std::string_view a, std::string_view b) {
  const int c = a.compare(b);
  return Sign(c);
}

Status Invalid(std::string_view what, std::string_view s, std::string_view why, std::size_t pos) {
  std::string m(what);
  m += " version \"";
  m += Excerpt(s);
  m += "\": ";
  m += why;
  if (pos != std::string_view::npos) {
    m += " (at byte ";
    m += std::to_string(pos + 1);
    m += ")";
  }
  return Status::ParseError(std::move(m));
}

Status CheckCommon(std::string_view s, std::string_view what) {
  if (s.empty()) return Invalid(what, s, "empty version");
  if (s.size() > kMaxVersionLength) {
    return Invalid(what, s, "longer than " + std::to_string(kMaxVersionLength) + " bytes");
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c <= 0x20 || c == 0x7f) return Invalid(what, s, "contains whitespace or a control byte", i);
  }
  return Status::Ok();
}

}  // namespace sbomhub::version::internal
