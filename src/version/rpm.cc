#include "version/rpm.h"

namespace sbomhub::version::internal {
namespace {

bool Separator(char c) { return !IsAlnum(c) && c != '~' && c != '^'; }

}  // namespace

int RpmVerCmp(std::string_view a, std::string_view b) {
  if (a.empty() != b.empty()) return a.empty() ? -1 : 1;
  std::size_t i = 0, j = 0;
  while (true) {
    while (i < a.size() && Separator(a[i])) ++i;
    while (j < b.size() && Separator(b[j])) ++j;
    const bool ta = i < a.size() && a[i] == '~';
    const bool tb = j < b.size() && b[j] == '~';
    if (ta && tb) {
      ++i;
      ++j;
      continue;
    }
    if (ta) return -1;
    if (tb) return 1;
    const bool ca = i < a.size() && a[i] == '^';
    const bool cb = j < b.size() && b[j] == '^';
    if (ca && cb) {
      ++i;
      ++j;
      continue;
    }
    if (ca) return j == b.size() ? 1 : -1;
    if (cb) return i == a.size() ? -1 : 1;
    if (i == a.size() || j == b.size()) break;
    const bool digit = IsDigit(a[i]);
    const std::size_t si = i, sj = j;
    if (digit) {
      while (i < a.size() && IsDigit(a[i])) ++i;
      while (j < b.size() && IsDigit(b[j])) ++j;
    } else {
      while (i < a.size() && IsAlpha(a[i])) ++i;
      while (j < b.size() && IsAlpha(b[j])) ++j;
    }
    std::string_view x = a.substr(si, i - si), y = b.substr(sj, j - sj);
    if (y.empty()) return digit ? 1 : -1;
    if (digit) {
      if (int c = CompareNumbers(x, y); c != 0) return c;
    } else if (int c = CompareBytes(x, y); c != 0) {
      return c;
    }
  }
  const std::size_t ra = a.size() - i, rb = b.size() - j;
  if (ra != rb) return ra > rb ? 1 : -1;
  return 0;
}

Status ParseRpm(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "rpm"));
  std::string_view rest = s;
  std::string_view epoch = "0";
  const std::size_t colon = s.find(':');
  if (colon != std::string_view::npos && (colon == 0 || AllDigits(s.substr(0, colon)))) {
    if (colon > 0) epoch = s.substr(0, colon);
    rest = s.substr(colon + 1);
  }
  // The release keeps its '-' so that "1-" (empty release) still sorts after "1".
  std::string_view release;
  const std::size_t dash = rest.find('-');
  if (dash != std::string_view::npos) {
    release = rest.substr(dash);
    rest = rest.substr(0, dash);
  }
  out->buf.reserve(s.size() + 1);
  out->Push(0, epoch);
  out->Push(1, rest);
  out->Push(2, release);
  return Status::Ok();
}

int CompareRpm(const ParsedVersion& a, const ParsedVersion& b) {
  for (int i = 0; i < 3; ++i) {
    if (int c = RpmVerCmp(a.Text(a.tokens[i]), b.Text(b.tokens[i])); c != 0) return c;
  }
  return 0;
}

}  // namespace sbomhub::version::internal
