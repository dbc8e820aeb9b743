#include "version/semver.h"

#include <string>

namespace sbomhub::version::internal {
namespace {

enum Kind : std::int32_t { kComponent = 0, kPreNumeric = 1, kPreAlnum = 2, kBuild = 3 };
constexpr std::uint32_t kHasPre = 1;

bool TailChar(char c) { return IsAlnum(c) || c == '.' || c == '-' || c == '+' || c == '_' || c == '~'; }

}  // namespace

Status ParseSemverLike(std::string_view s, const SemverOptions& o, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, o.name));
  std::size_t i = 0;
  if (s[0] == 'v' || s[0] == 'V') i = 1;
  if (i >= s.size() || !IsDigit(s[i])) {
    return Invalid(o.name, s, "must start with a number (optionally after \"v\")", i);
  }
  out->buf.reserve(s.size() + 8);
  // Numeric components: digit runs separated by dots; the tail starts at the first other byte.
  int count = 0;
  std::string extra;  // components past max_components, as ".N" appended to the tail
  while (i < s.size()) {
    if (s[i] == '.') {
      ++i;
      continue;
    }
    if (!IsDigit(s[i])) break;
    std::size_t j = i;
    while (j < s.size() && IsDigit(s[j])) ++j;
    std::string_view digits = s.substr(i, j - i);
    if (count < o.max_components) {
      out->Push(kComponent, digits);
    } else {
      std::string_view n = StripZeros(digits);
      extra += '.';
      extra.append(n.empty() ? std::string_view("0") : n);
    }
    ++count;
    i = j;
  }
  for (std::size_t k = i; k < s.size(); ++k) {
    if (!TailChar(s[k])) return Invalid(o.name, s, "unexpected character in pre-release/build", k);
  }
  std::string tail(s.substr(i));
  tail += extra;
  if (o.case_insensitive) {
    for (char& c : tail) c = Lower(c);
  }
  const std::size_t plus = tail.find('+');
  std::string_view whole(tail);
  std::string_view pre = whole.substr(0, plus);
  if (!pre.empty() && pre[0] == '-') pre.remove_prefix(1);
  if (!pre.empty()) {
    out->flags |= kHasPre;
    std::size_t start = 0;
    while (true) {
      const std::size_t dot = pre.find('.', start);
      std::string_view id = pre.substr(start, dot == std::string_view::npos ? pre.size() - start : dot - start);
      out->Push(AllDigits(id) ? kPreNumeric : kPreAlnum, id);
      if (dot == std::string_view::npos) break;
      start = dot + 1;
    }
  }
  if (plus != std::string_view::npos) out->Push(kBuild, whole.substr(plus + 1));
  return Status::Ok();
}

int CompareSemverLike(const ParsedVersion& a, const ParsedVersion& b, bool order_build) {
  const auto& ta = a.tokens;
  const auto& tb = b.tokens;
  std::size_t ia = 0, ib = 0;
  while (ia < ta.size() || ib < tb.size()) {
    const bool ca = ia < ta.size() && ta[ia].kind == kComponent;
    const bool cb = ib < tb.size() && tb[ib].kind == kComponent;
    if (!ca && !cb) break;
    const int c = CompareNumbers(ca ? a.Text(ta[ia]) : std::string_view(), cb ? b.Text(tb[ib]) : std::string_view());
    if (c != 0) return c;
    if (ca) ++ia;
    if (cb) ++ib;
  }
  const bool pa = (a.flags & kHasPre) != 0;
  const bool pb = (b.flags & kHasPre) != 0;
  if (pa != pb) return pa ? -1 : 1;
  if (pa) {
    while (true) {
      const bool ea = ia >= ta.size() || ta[ia].kind == kBuild;
      const bool eb = ib >= tb.size() || tb[ib].kind == kBuild;
      if (ea || eb) {
        if (ea != eb) return ea ? -1 : 1;
        break;
      }
      const Token& x = ta[ia];
      const Token& y = tb[ib];
      int c;
      if (x.kind == kPreNumeric && y.kind == kPreNumeric) {
        c = CompareNumbers(a.Text(x), b.Text(y));
      } else if (x.kind == kPreAlnum && y.kind == kPreAlnum) {
        c = CompareBytes(a.Text(x), b.Text(y));
      } else {
        c = x.kind == kPreNumeric ? -1 : 1;
      }
      if (c != 0) return c;
      ++ia;
      ++ib;
    }
  }
  if (!order_build) return 0;
  std::string_view ba, bb;
  if (!ta.empty() && ta.back().kind == kBuild) ba = a.Text(ta.back());
  if (!tb.empty() && tb.back().kind == kBuild) bb = b.Text(tb.back());
  return CompareBytes(ba, bb);
}

Status ParseSemver(std::string_view s, ParsedVersion* out) {
  return ParseSemverLike(s, SemverOptions{}, out);
}
int CompareSemver(const ParsedVersion& a, const ParsedVersion& b) { return CompareSemverLike(a, b, false); }

Status ParsePub(std::string_view s, ParsedVersion* out) {
  SemverOptions o;
  o.order_build = true;
  o.name = "pub";
  return ParseSemverLike(s, o, out);
}
int ComparePub(const ParsedVersion& a, const ParsedVersion& b) { return CompareSemverLike(a, b, true); }

}  // namespace sbomhub::version::internal
