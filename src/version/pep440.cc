#include "version/pep440.h"

#include <string>
#include <vector>

#include "base/text.h"

namespace sbomhub::version::internal {
namespace {

enum Kind : std::int32_t {
  kEpoch = 0,
  kRelease = 1,
  kPreA = 10,
  kPreB = 11,
  kPreRc = 12,
  kPost = 20,
  kDev = 30,
  kLocalNumber = 40,
  kLocalString = 41,
  kLegacy = 50,
};
constexpr std::uint32_t kIsLegacy = 1;

bool IsSep(char c) { return c == '-' || c == '_' || c == '.'; }

// A cursor over the lower-cased text implementing the PEP 440 grammar without backtracking
// beyond one optional separator.
class Cursor {
 public:
  explicit Cursor(std::string_view s) : s_(s) {}
  bool AtEnd() const { return i_ >= s_.size(); }
  std::size_t pos() const { return i_; }
  void Reset(std::size_t p) { i_ = p; }
  bool Eat(char c) {
    if (i_ < s_.size() && s_[i_] == c) {
      ++i_;
      return true;
    }
    return false;
  }
  bool EatSep() {
    if (i_ < s_.size() && IsSep(s_[i_])) {
      ++i_;
      return true;
    }
    return false;
  }
  bool EatWord(std::string_view w) {
    if (s_.substr(i_, w.size()) == w) {
      i_ += w.size();
      return true;
    }
    return false;
  }
  std::string_view Digits() {
    std::size_t j = i_;
    while (j < s_.size() && IsDigit(s_[j])) ++j;
    std::string_view d = s_.substr(i_, j - i_);
    i_ = j;
    return d;
  }
  bool PeekDigit() const { return i_ < s_.size() && IsDigit(s_[i_]); }
  // "[-_.]?N" after a keyword: the separator is consumed only when digits follow it.
  std::string_view OptionalNumber() {
    const std::size_t save = i_;
    EatSep();
    if (PeekDigit()) return Digits();
    i_ = save;
    return {};
  }

 private:
  std::string_view s_;
  std::size_t i_ = 0;
};

bool ParseStrict(std::string_view s, ParsedVersion* out) {
  Cursor c(s);
  c.Eat('v');
  if (!c.PeekDigit()) return false;
  // Epoch: digits followed by '!'.
  const std::size_t start = c.pos();
  std::string_view first = c.Digits();
  if (c.Eat('!')) {
    out->Push(kEpoch, first);
    if (!c.PeekDigit()) return false;
    first = c.Digits();
  } else {
    c.Reset(start);
    first = c.Digits();
    out->Push(kEpoch, "0");
  }
  out->Push(kRelease, first);
  while (true) {
    const std::size_t save = c.pos();
    if (c.Eat('.') && c.PeekDigit()) {
      out->Push(kRelease, c.Digits());
      continue;
    }
    c.Reset(save);
    break;
  }
  // Pre-release.
  {
    const std::size_t save = c.pos();
    c.EatSep();
    static constexpr struct {
      std::string_view word;
      Kind kind;
    } kPre[] = {{"alpha", kPreA}, {"beta", kPreB}, {"preview", kPreRc}, {"pre", kPreRc},
                {"rc", kPreRc},   {"c", kPreRc},   {"a", kPreA},        {"b", kPreB}};
    bool found = false;
    for (const auto& p : kPre) {
      if (c.EatWord(p.word)) {
        std::string_view n = c.OptionalNumber();
        out->Push(p.kind, n.empty() ? std::string_view("0") : n);
        found = true;
        break;
      }
    }
    if (!found) c.Reset(save);
  }
  // Post-release: "-N" or [-_.]?(post|rev|r)[-_.]?N?
  {
    const std::size_t save = c.pos();
    bool found = false;
    if (c.Eat('-') && c.PeekDigit()) {
      out->Push(kPost, c.Digits());
      found = true;
    } else {
      c.Reset(save);
      c.EatSep();
      for (std::string_view w : {std::string_view("post"), std::string_view("rev"), std::string_view("r")}) {
        if (c.EatWord(w)) {
          std::string_view n = c.OptionalNumber();
          out->Push(kPost, n.empty() ? std::string_view("0") : n);
          found = true;
          break;
        }
      }
    }
    if (!found) c.Reset(save);
  }
  // Development release.
  {
    const std::size_t save = c.pos();
    c.EatSep();
    if (c.EatWord("dev")) {
      std::string_view n = c.OptionalNumber();
      out->Push(kDev, n.empty() ? std::string_view("0") : n);
    } else {
      c.Reset(save);
    }
  }
  // Local version label.
  if (c.Eat('+')) {
    while (true) {
      std::size_t p = c.pos();
      std::size_t q = p;
      while (q < s.size() && IsAlnum(s[q])) ++q;
      if (q == p) return false;
      std::string_view seg = s.substr(p, q - p);
      out->Push(AllDigits(seg) ? kLocalNumber : kLocalString, seg);
      c.Reset(q);
      if (c.AtEnd()) break;
      if (!c.EatSep()) return false;
    }
  }
  return c.AtEnd();
}

// setuptools LegacyVersion: split into digit runs, letter runs, '.' and '-'; pad numbers to eight
// digits, mark words with '*', drop separators; compare the concatenation.
void ParseLegacy(std::string_view s, ParsedVersion* out) {
  std::vector<std::string> parts;
  auto add = [&parts](std::string part) {
    if (part == "pre" || part == "preview" || part == "rc") part = "c";
    else if (part == "-") part = "final-";
    else if (part == "dev") part = "@";
    if (IsDigit(part[0])) {
      if (part.size() < 8) part.insert(0, 8 - part.size(), '0');
    } else {
      part.insert(0, 1, '*');
      if (part < "*final") {
        while (!parts.empty() && parts.back() == "*final-") parts.pop_back();
      }
      while (!parts.empty() && parts.back() == "00000000") parts.pop_back();
    }
    parts.push_back(std::move(part));
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char ch = s[i];
    std::size_t j = i + 1;
    if (IsDigit(ch)) {
      while (j < s.size() && IsDigit(s[j])) ++j;
      add(std::string(s.substr(i, j - i)));
    } else if (IsLower(ch)) {
      while (j < s.size() && IsLower(s[j])) ++j;
      add(std::string(s.substr(i, j - i)));
    } else if (ch == '-') {
      add("-");
    }
    i = j;
  }
  add("final");
  std::string joined;
  for (const auto& p : parts) joined += p;
  out->tokens.clear();
  out->buf.clear();
  out->flags = kIsLegacy;
  out->Push(kLegacy, joined);
}

struct View {
  const Token* epoch = nullptr;
  std::size_t release_begin = 0, release_end = 0;
  const Token* pre = nullptr;
  const Token* post = nullptr;
  const Token* dev = nullptr;
  std::size_t local_begin = 0, local_end = 0;
};

View MakeView(const ParsedVersion& v) {
  View w;
  const auto& t = v.tokens;
  std::size_t i = 0;
  w.epoch = &t[i++];
  w.release_begin = i;
  while (i < t.size() && t[i].kind == kRelease) ++i;
  w.release_end = i;
  if (i < t.size() && t[i].kind >= kPreA && t[i].kind <= kPreRc) w.pre = &t[i++];
  if (i < t.size() && t[i].kind == kPost) w.post = &t[i++];
  if (i < t.size() && t[i].kind == kDev) w.dev = &t[i++];
  w.local_begin = i;
  w.local_end = t.size();
  return w;
}

}  // namespace

Status ParsePep440(std::string_view s, ParsedVersion* out) {
  s = TrimWhitespace(s);  // PEP 440: leading and trailing whitespace is ignored
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "pep440"));
  std::string lower(s);
  for (char& ch : lower) ch = Lower(ch);
  out->buf.reserve(lower.size() + 4);
  if (!ParseStrict(lower, out)) ParseLegacy(lower, out);
  return Status::Ok();
}

bool IsLegacyPep440(const ParsedVersion& v) { return (v.flags & kIsLegacy) != 0; }

int ComparePep440(const ParsedVersion& a, const ParsedVersion& b) {
  const bool la = IsLegacyPep440(a), lb = IsLegacyPep440(b);
  if (la || lb) {
    if (la && lb) return CompareBytes(a.Text(a.tokens[0]), b.Text(b.tokens[0]));
    return la ? -1 : 1;
  }
  const View x = MakeView(a), y = MakeView(b);
  if (int c = CompareNumbers(a.Text(*x.epoch), b.Text(*y.epoch)); c != 0) return c;
  for (std::size_t i = 0;; ++i) {
    const bool ha = x.release_begin + i < x.release_end;
    const bool hb = y.release_begin + i < y.release_end;
    if (!ha && !hb) break;
    const int c = CompareNumbers(ha ? a.Text(a.tokens[x.release_begin + i]) : std::string_view(),
                                 hb ? b.Text(b.tokens[y.release_begin + i]) : std::string_view());
    if (c != 0) return c;
  }
  // A bare dev release (1.0.dev1) sorts before every pre-release of the same release.
  const bool trick_a = !x.pre && !x.post && x.dev;
  const bool trick_b = !y.pre && !y.post && y.dev;
  if (trick_a != trick_b) return trick_a ? -1 : 1;
  if (!trick_a) {
    if (!x.pre != !y.pre) return x.pre ? -1 : 1;
    if (x.pre) {
      if (x.pre->kind != y.pre->kind) return x.pre->kind < y.pre->kind ? -1 : 1;
      if (int c = CompareNumbers(a.Text(*x.pre), b.Text(*y.pre)); c != 0) return c;
    }
  }
  if (!x.post != !y.post) return x.post ? 1 : -1;
  if (x.post) {
    if (int c = CompareNumbers(a.Text(*x.post), b.Text(*y.post)); c != 0) return c;
  }
  if (!x.dev != !y.dev) return x.dev ? -1 : 1;
  if (x.dev) {
    if (int c = CompareNumbers(a.Text(*x.dev), b.Text(*y.dev)); c != 0) return c;
  }
  const std::size_t na = x.local_end - x.local_begin, nb = y.local_end - y.local_begin;
  for (std::size_t i = 0; i < na && i < nb; ++i) {
    const Token& p = a.tokens[x.local_begin + i];
    const Token& q = b.tokens[y.local_begin + i];
    int c;
    if (p.kind == kLocalNumber && q.kind == kLocalNumber) {
      c = CompareNumbers(a.Text(p), b.Text(q));
    } else if (p.kind == kLocalString && q.kind == kLocalString) {
      c = CompareBytes(a.Text(p), b.Text(q));
    } else {
      c = p.kind == kLocalNumber ? 1 : -1;
    }
    if (c != 0) return c;
  }
  if (na != nb) return na < nb ? -1 : 1;
  return 0;
}

}  // namespace sbomhub::version::internal
