#include "version/composer.h"

#include <cstdint>
#include <string>

namespace sbomhub::version::internal {
namespace {

// kind: 0 = number that fits a signed 64-bit integer, 1 = larger number, 10 + weight = word.
enum Kind : std::int32_t { kSmallNumber = 0, kBigNumber = 1, kWordBase = 10 };
constexpr int kHashWeight = 4;

int WeighWord(std::string_view w) {
  if (w.substr(0, 2) == "RC") return 3;
  static constexpr std::string_view kSpecial[] = {"dev", "a", "b", "rc", "#", "p"};
  for (int i = 0; i < 6; ++i) {
    if (w.substr(0, kSpecial[i].size()) == kSpecial[i]) return i;
  }
  return 0;
}

bool FitsInt64(std::string_view digits) {
  std::string_view n = StripZeros(digits);
  if (n.size() != 19) return n.size() < 19;
  return n <= "9223372036854775807";
}

bool IsNumber(const Token& t) { return t.kind < kWordBase; }
int Weight(const Token& t) { return IsNumber(t) ? kHashWeight : t.kind - kWordBase; }

// Remaining parts of the longer side against "#": the first number decides (it is newer), words
// compare by weight with "#".
int CompareTail(const ParsedVersion& v, std::size_t from) {
  for (std::size_t i = from; i < v.tokens.size(); ++i) {
    const Token& t = v.tokens[i];
    if (i > from && t.kind == kSmallNumber) return 1;
    const int w = Weight(t);
    if (w != kHashWeight) return w < kHashWeight ? -1 : 1;
  }
  return 0;
}

}  // namespace

Status ParseComposer(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "composer"));
  if (s[0] == 'v') s.remove_prefix(1);
  if (!s.empty() && s[0] == 'V') s.remove_prefix(1);
  std::string c;
  c.reserve(s.size() * 2);
  for (std::size_t i = 0; i < s.size(); ++i) {
    char ch = s[i];
    if (ch == '-' || ch == '_' || ch == '+') ch = '.';
    if (i > 0 && !c.empty()) {
      const char prev = c.back();
      if (ch != '.' && prev != '.' && IsDigit(prev) != IsDigit(ch)) c += '.';
    }
    c += ch;
  }
  out->buf.reserve(c.size());
  std::string_view t(c);
  std::size_t i = 0;
  while (true) {
    const std::size_t dot = t.find('.', i);
    std::string_view part = t.substr(i, dot == std::string_view::npos ? t.size() - i : dot - i);
    if (AllDigits(part)) {
      out->Push(FitsInt64(part) ? kSmallNumber : kBigNumber, part);
    } else {
      out->Push(kWordBase + WeighWord(part), part);
    }
    if (dot == std::string_view::npos) break;
    i = dot + 1;
  }
  return Status::Ok();
}

int CompareComposer(const ParsedVersion& a, const ParsedVersion& b) {
  const std::size_t na = a.tokens.size(), nb = b.tokens.size();
  const std::size_t n = na < nb ? na : nb;
  for (std::size_t i = 0; i < n; ++i) {
    const Token& x = a.tokens[i];
    const Token& y = b.tokens[i];
    int c;
    if (IsNumber(x) && IsNumber(y)) {
      c = CompareNumbers(a.Text(x), b.Text(y));
    } else {
      const int wx = Weight(x), wy = Weight(y);
      c = wx == wy ? 0 : (wx < wy ? -1 : 1);
    }
    if (c != 0) return c;
  }
  if (na > nb) {
    if (a.tokens[nb].kind == kSmallNumber) return 1;
    return CompareTail(a, nb);
  }
  if (na < nb) {
    if (b.tokens[na].kind == kSmallNumber) return -1;
    return -CompareTail(b, na);
  }
  return 0;
}

}  // namespace sbomhub::version::internal
