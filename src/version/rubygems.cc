#include "version/rubygems.h"

#include <string>
#include <vector>

namespace sbomhub::version::internal {
namespace {

enum Kind : std::int32_t { kNumber = 0, kString = 1 };

}  // namespace

Status ParseRubyGems(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "rubygems"));
  if (!IsDigit(s[0])) return Invalid("rubygems", s, "must start with a number", 0);
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (!IsAlnum(s[i]) && s[i] != '.' && s[i] != '-') {
      return Invalid("rubygems", s, "only letters, digits, '.' and '-' are allowed", i);
    }
  }
  std::string text;
  text.reserve(s.size() + 8);
  for (char c : s) {
    if (c == '-') text += ".pre.";
    else text += c;
  }
  // Split at dots and digit/non-digit boundaries.
  std::vector<std::string_view> segs;
  std::string_view t(text);
  std::size_t i = 0;
  while (i <= t.size()) {
    std::size_t j = i;
    while (j < t.size() && t[j] != '.') ++j;
    std::string_view part = t.substr(i, j - i);
    if (part.empty()) {
      segs.push_back(part);
    } else {
      std::size_t k = 0;
      while (k < part.size()) {
        const bool digit = IsDigit(part[k]);
        std::size_t e = k;
        while (e < part.size() && IsDigit(part[e]) == digit) ++e;
        segs.push_back(part.substr(k, e - k));
        k = e;
      }
    }
    i = j + 1;
  }
  std::size_t release_end = 0;
  while (release_end < segs.size() && AllDigits(segs[release_end])) ++release_end;
  auto trimmed_end = [&segs](std::size_t begin, std::size_t end) {
    while (end > begin && segs[end - 1] == "0") --end;
    return end;
  };
  const std::size_t r_end = trimmed_end(0, release_end);
  const std::size_t p_end = trimmed_end(release_end, segs.size());
  out->buf.reserve(text.size());
  for (std::size_t k = 0; k < r_end; ++k) out->Push(kNumber, segs[k]);
  for (std::size_t k = release_end; k < p_end; ++k) out->Push(AllDigits(segs[k]) ? kNumber : kString, segs[k]);
  return Status::Ok();
}

int CompareRubyGems(const ParsedVersion& a, const ParsedVersion& b) {
  const std::size_t na = a.tokens.size(), nb = b.tokens.size();
  for (std::size_t i = 0; i < na || i < nb; ++i) {
    const bool pa = i >= na, pb = i >= nb;  // padding is the number 0
    const bool numa = pa || a.tokens[i].kind == kNumber;
    const bool numb = pb || b.tokens[i].kind == kNumber;
    std::string_view x = pa ? std::string_view("0") : a.Text(a.tokens[i]);
    std::string_view y = pb ? std::string_view("0") : b.Text(b.tokens[i]);
    int c;
    if (numa && numb) {
      c = CompareNumbers(x, y);
    } else if (!numa && !numb) {
      c = CompareBytes(x, y);
    } else {
      c = numa ? 1 : -1;
    }
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace sbomhub::version::internal
