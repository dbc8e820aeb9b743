#include "version/maven.h"

#include <algorithm>
#include <string>

namespace sbomhub::version::internal {
namespace {

// Token kind bits: prefix (0 = none, 1 = '.', 2 = '-') | is_number << 2 | keyword << 3.
enum Prefix : int { kNone = 0, kDot = 1, kHyphen = 2 };
constexpr int kUnknownKeyword = 7;
constexpr std::string_view kKeywords[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};

int KeywordIndex(std::string_view v) {
  for (int i = 0; i < 7; ++i) {
    if (kKeywords[i] == v) return i;
  }
  return kUnknownKeyword;
}

struct Item {
  int prefix;
  bool number;
  bool null;  // a padding item
  int keyword;
  std::string_view value;
};

Item FromToken(const ParsedVersion& v, const Token& t) {
  return Item{t.kind & 3, ((t.kind >> 2) & 1) != 0, false, t.kind >> 3, v.Text(t)};
}

// The padding item that stands in for a missing item opposite `other`.
Item NullFor(const Item& other) {
  if (other.prefix == kHyphen) return Item{kHyphen, false, true, KeywordIndex(""), ""};
  // "sp" is the one qualifier that sorts after the release, so pad it with "" rather than 0.
  if (other.value == "sp") return Item{kDot, false, true, KeywordIndex(""), ""};
  return Item{other.prefix == kNone ? kDot : other.prefix, true, true, kUnknownKeyword, "0"};
}

int Order(const Item& i) {
  if (i.number) return i.prefix == kHyphen ? 2 : 3;
  return i.prefix == kHyphen ? 1 : 0;
}

bool Less(const Item& v, const Item& w) {
  if (v.prefix == w.prefix) {
    if (v.number && w.number) return CompareNumbers(v.value, w.value) < 0;
    // Numbers sort after qualifiers, except padding zeros.
    if (v.number && !v.null) return false;
    if (w.number && !w.null) return true;
    if (v.keyword == kUnknownKeyword && w.keyword == kUnknownKeyword) return v.value < w.value;
    return v.keyword < w.keyword;
  }
  return Order(v) < Order(w);
}

bool ShouldTrim(std::string_view value) { return value == "0" || value.empty(); }

}  // namespace

Status ParseMaven(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "maven"));
  out->buf.reserve(s.size() + 16);
  // Appends one item, normalized in place in out->buf (no per-item allocation).
  auto push = [out](int prefix, std::string_view raw, bool followed_by_digit) {
    std::string& buf = out->buf;
    const std::size_t off = buf.size();
    buf.append(raw);
    for (std::size_t k = off; k < buf.size(); ++k) buf[k] = Lower(buf[k]);
    const std::string_view v(buf.data() + off, raw.size());
    std::string_view replacement;
    bool replace = true;
    if (v.empty()) replacement = "0";
    else if (v == "cr") replacement = "rc";
    else if (v == "ga" || v == "final" || v == "release") replacement = "";
    else if (followed_by_digit && v == "a") replacement = "alpha";
    else if (followed_by_digit && v == "b") replacement = "beta";
    else if (followed_by_digit && v == "m") replacement = "milestone";
    else replace = false;
    if (replace) {
      buf.resize(off);
      buf.append(replacement);
    } else if (AllDigits(v)) {
      std::size_t zeros = 0;
      while (zeros + 1 < v.size() && v[zeros] == '0') ++zeros;  // keep one digit of "000"
      buf.erase(off, zeros);
    }
    const std::string_view value(buf.data() + off, buf.size() - off);
    const bool number = AllDigits(value);
    const int kw = number ? kUnknownKeyword : KeywordIndex(value);
    out->tokens.push_back(Token{prefix | (number ? 4 : 0) | (kw << 3), static_cast<std::uint32_t>(off),
                                static_cast<std::uint32_t>(value.size())});
  };
  int prefix = kNone;
  std::size_t i = 0;
  while (true) {
    std::size_t j = i;
    while (j < s.size() && s[j] != '.' && s[j] != '-') ++j;
    const std::string_view part = s.substr(i, j - i);
    // Split the part at digit/non-digit transitions; later pieces count as '-'-separated.
    std::size_t k = 0;
    bool first = true;
    do {
      std::size_t e = k;
      if (e < part.size()) {
        const bool digit = IsDigit(part[e]);
        while (e < part.size() && IsDigit(part[e]) == digit) ++e;
      }
      push(first ? prefix : kHyphen, part.substr(k, e - k), e != part.size());
      first = false;
      k = e;
    } while (k < part.size());
    if (j >= s.size()) break;
    prefix = s[j] == '.' ? kDot : kHyphen;
    i = j + 1;
  }
  // Trim trailing null items at the end and before each '-', walking from the end; trimmed
  // tokens are marked and compacted away (their bytes stay in buf, unreferenced).
  constexpr std::int32_t kTrimmed = -1;
  auto& t = out->tokens;
  if (!t.empty()) {
    std::size_t idx = t.size() - 1;
    while (idx > 0) {
      if (ShouldTrim(out->Text(t[idx]))) {
        t[idx].kind = kTrimmed;
        --idx;
        continue;
      }
      while (idx > 0 && (t[idx].kind & 3) != kHyphen) --idx;
      if (idx == 0) break;
      --idx;
    }
  }
  t.erase(std::remove_if(t.begin(), t.end(), [](const Token& x) { return x.kind == kTrimmed; }), t.end());
  return Status::Ok();
}

int CompareMaven(const ParsedVersion& a, const ParsedVersion& b) {
  const std::size_t na = a.tokens.size(), nb = b.tokens.size();
  const std::size_t n = na > nb ? na : nb;
  for (std::size_t i = 0; i < n; ++i) {
    Item l, r;
    if (i < na) l = FromToken(a, a.tokens[i]);
    if (i < nb) r = FromToken(b, b.tokens[i]);
    if (i >= na) l = NullFor(r);
    if (i >= nb) r = NullFor(l);
    if (l.prefix == r.prefix && l.value == r.value) continue;
    return Less(l, r) ? -1 : 1;
  }
  return 0;
}

}  // namespace sbomhub::version::internal
