#include "version/alpine.h"

namespace sbomhub::version::internal {
namespace {

enum Kind : std::int32_t { kNumber = 0, kLetter = 1, kBuild = 3, kRemainder = 4, kSuffixBase = 100 };
constexpr std::uint32_t kInvalid = 1;
constexpr int kNoSuffixWeight = 4;

constexpr struct {
  std::string_view name;
  int weight;
} kSuffixes[] = {{"alpha", 0}, {"beta", 1}, {"pre", 2}, {"rc", 3},  {"cvs", 5},
                 {"svn", 6},   {"git", 7},  {"hg", 8},  {"p", 9}};

struct View {
  std::size_t numbers_end = 0;  // tokens [0, numbers_end) are numbers
  std::string_view letter;
  std::size_t suffix_begin = 0, suffix_end = 0;
  std::string_view build;
  bool has_remainder = false;
};

View MakeView(const ParsedVersion& v) {
  View w;
  const auto& t = v.tokens;
  std::size_t i = 0;
  while (i < t.size() && t[i].kind == kNumber) ++i;
  w.numbers_end = i;
  if (i < t.size() && t[i].kind == kLetter) w.letter = v.Text(t[i++]);
  w.suffix_begin = i;
  while (i < t.size() && t[i].kind >= kSuffixBase) ++i;
  w.suffix_end = i;
  if (i < t.size() && t[i].kind == kBuild) w.build = v.Text(t[i++]);
  w.has_remainder = i < t.size() && t[i].kind == kRemainder;
  return w;
}

int CompareComponent(std::string_view a, std::string_view b, bool first) {
  if (!first && ((!a.empty() && a[0] == '0') || (!b.empty() && b[0] == '0'))) return CompareBytes(a, b);
  return CompareNumbers(a, b);
}

}  // namespace

Status ParseAlpine(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "alpine"));
  out->buf.assign(s);
  const std::string_view b(out->buf);
  auto push = [out](std::int32_t kind, std::size_t off, std::size_t len) {
    out->tokens.push_back(Token{kind, static_cast<std::uint32_t>(off), static_cast<std::uint32_t>(len)});
  };
  std::size_t i = 0;
  // Numbers: digit runs joined by single dots; a dot after the last number is consumed.
  while (i < b.size() && IsDigit(b[i])) {
    std::size_t j = i;
    while (j < b.size() && IsDigit(b[j])) ++j;
    push(kNumber, i, j - i);
    i = j;
    if (i < b.size() && b[i] == '.') {
      ++i;
      if (i < b.size() && IsDigit(b[i])) continue;
    }
    break;
  }
  if (i < b.size() && IsLower(b[i])) {
    push(kLetter, i, 1);
    ++i;
  }
  while (i < b.size() && b[i] == '_') {
    bool matched = false;
    for (const auto& suffix : kSuffixes) {
      if (b.substr(i + 1, suffix.name.size()) == suffix.name) {
        std::size_t j = i + 1 + suffix.name.size();
        const std::size_t digits = j;
        while (j < b.size() && IsDigit(b[j])) ++j;
        push(kSuffixBase + suffix.weight, digits, j - digits);
        i = j;
        matched = true;
        break;
      }
    }
    if (!matched) break;
  }
  if (i < b.size() && b[i] == '~') {
    std::size_t j = i + 1;
    while (j < b.size() && (IsDigit(b[j]) || (b[j] >= 'a' && b[j] <= 'f'))) ++j;
    if (j > i + 1) i = j;  // the commit hash does not take part in ordering
  }
  if (i < b.size()) {
    if (b.substr(i, 2) == "-r") {
      std::size_t j = i + 2;
      while (j < b.size() && IsDigit(b[j])) ++j;
      push(kBuild, i + 2, j - i - 2);
      i = j;
    } else {
      out->flags |= kInvalid;
    }
  }
  if (i < b.size()) push(kRemainder, i, b.size() - i);
  return Status::Ok();
}

int CompareAlpine(const ParsedVersion& a, const ParsedVersion& b) {
  if ((a.flags & kInvalid) && (b.flags & kInvalid)) return CompareBytes(a.buf, b.buf);
  const View x = MakeView(a), y = MakeView(b);
  const std::size_t n = x.numbers_end > y.numbers_end ? x.numbers_end : y.numbers_end;
  for (std::size_t i = 0; i < n; ++i) {
    std::string_view p = i < x.numbers_end ? a.Text(a.tokens[i]) : std::string_view("0");
    std::string_view q = i < y.numbers_end ? b.Text(b.tokens[i]) : std::string_view("0");
    // Padding and the first component always compare numerically.
    const bool numeric = i == 0 || i >= x.numbers_end || i >= y.numbers_end;
    if (int c = CompareComponent(p, q, numeric); c != 0) return c;
  }
  if (x.letter.empty() != y.letter.empty()) return x.letter.empty() ? -1 : 1;
  if (int c = CompareBytes(x.letter, y.letter); c != 0) return c;
  const std::size_t sa = x.suffix_end - x.suffix_begin, sb = y.suffix_end - y.suffix_begin;
  for (std::size_t i = 0; i < sa || i < sb; ++i) {
    int wa = kNoSuffixWeight, wb = kNoSuffixWeight;
    std::string_view na, nb;
    if (i < sa) {
      const Token& t = a.tokens[x.suffix_begin + i];
      wa = t.kind - kSuffixBase;
      na = a.Text(t);
    }
    if (i < sb) {
      const Token& t = b.tokens[y.suffix_begin + i];
      wb = t.kind - kSuffixBase;
      nb = b.Text(t);
    }
    if (wa != wb) return wa < wb ? -1 : 1;
    if (int c = CompareNumbers(na, nb); c != 0) return c;
  }
  if (int c = CompareNumbers(x.build, y.build); c != 0) return c;
  if (x.has_remainder != y.has_remainder) return x.has_remainder ? -1 : 1;
  return 0;
}

}  // namespace sbomhub::version::internal
