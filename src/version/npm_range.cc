#include "version/npm_range.h"

#include <optional>
#include <string>

#include "base/text.h"

namespace sbomhub::version {
namespace {

constexpr std::size_t kMaxRangeLength = 4096;

struct Partial {
  int n = 0;                // numeric parts given (0..3); a wildcard ends the count
  std::string parts[3];     // digits
  std::string tail;         // "-pre" / "+build" after three numeric parts
};

bool IsWildcard(std::string_view s) { return s == "x" || s == "X" || s == "*"; }

// Decimal increment of an unbounded digit string.
std::string Increment(std::string digits) {
  std::string_view stripped = internal::StripZeros(digits);
  std::string s(stripped.empty() ? std::string_view("0") : stripped);
  int i = static_cast<int>(s.size()) - 1;
  while (i >= 0 && s[i] == '9') {
    s[i] = '0';
    --i;
  }
  if (i < 0) {
    s.insert(s.begin(), '1');
  } else {
    ++s[i];
  }
  return s;
}

Result<Partial> ParsePartial(std::string_view s) {
  Partial p;
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V' || s[0] == '=')) s.remove_prefix(1);
  if (!s.empty() && (s[0] == 'v' || s[0] == 'V')) s.remove_prefix(1);
  if (s.empty() || IsWildcard(s)) return p;
  std::size_t i = 0;
  bool wildcard = false;
  for (int k = 0; k < 3; ++k) {
    std::size_t j = i;
    while (j < s.size() && internal::IsDigit(s[j])) ++j;
    if (j == i) {
      if (i < s.size() && IsWildcard(s.substr(i, 1))) {
        wildcard = true;
        j = i + 1;
      } else {
        return Status::ParseError("expected a number or x at \"" + Excerpt(s.substr(i)) + "\"");
      }
    } else if (!wildcard) {
      p.parts[k] = std::string(s.substr(i, j - i));
      p.n = k + 1;
    }
    i = j;
    if (i >= s.size() || s[i] != '.') break;
    if (k == 2) break;
    ++i;
    if (i >= s.size()) return Status::ParseError("dangling '.' in \"" + Excerpt(s) + "\"");
  }
  if (i < s.size()) {
    if (s[i] != '-' && s[i] != '+') return Status::ParseError("unexpected \"" + Excerpt(s.substr(i)) + "\"");
    if (p.n != 3) return Status::ParseError("pre-release or build needs a full version in \"" + Excerpt(s) + "\"");
    p.tail = std::string(s.substr(i));
  }
  return p;
}

Result<Version> Make(const std::string& a, const std::string& b, const std::string& c, std::string_view tail = {}) {
  std::string text = a + "." + b + "." + c;
  text += tail;
  return Version::Parse(Scheme::kSemver, text);
}

// An interval that also knows when it can match nothing (">*", "<0.0.0-0"-like sets).
struct Span {
  VersionInterval iv;
  bool empty = false;
};

Status SetLower(Span& s, Result<Version> v, bool inclusive) {
  if (!v.ok()) return v.status();
  VersionBound b{std::move(v).value(), inclusive};
  if (s.iv.lower) {
    const int c = Compare(b.version, s.iv.lower->version);
    if (c < 0 || (c == 0 && inclusive)) return Status::Ok();
  }
  s.iv.lower = std::move(b);
  return Status::Ok();
}

Status SetUpper(Span& s, Result<Version> v, bool inclusive) {
  if (!v.ok()) return v.status();
  VersionBound b{std::move(v).value(), inclusive};
  if (s.iv.upper) {
    const int c = Compare(b.version, s.iv.upper->version);
    if (c > 0 || (c == 0 && inclusive)) return Status::Ok();
  }
  s.iv.upper = std::move(b);
  return Status::Ok();
}

// Upper bound "<next-0" for an X-range or tilde/caret: bump part `k` (0 major, 1 minor, 2 patch).
Status UpperBump(Span& s, const Partial& p, int k) {
  std::string parts[3] = {p.parts[0].empty() ? "0" : p.parts[0], p.parts[1].empty() ? "0" : p.parts[1],
                          p.parts[2].empty() ? "0" : p.parts[2]};
  parts[k] = Increment(parts[k]);
  for (int i = k + 1; i < 3; ++i) parts[i] = "0";
  return SetUpper(s, Make(parts[0], parts[1], parts[2], "-0"), false);
}

std::string Part(const Partial& p, int k) { return p.n > k ? p.parts[k] : std::string("0"); }

Status LowerFloor(Span& s, const Partial& p) {
  if (p.n == 0) return Status::Ok();
  return SetLower(s, Make(Part(p, 0), Part(p, 1), Part(p, 2), p.n == 3 ? std::string_view(p.tail) : std::string_view()), true);
}

Status ApplyComparator(Span& s, std::string_view op, const Partial& p) {
  const int n = p.n;
  if (op.empty() || op == "=") {
    if (n == 3) {
      SBOMHUB_RETURN_IF_ERROR(SetLower(s, Make(p.parts[0], p.parts[1], p.parts[2], p.tail), true));
      return SetUpper(s, Make(p.parts[0], p.parts[1], p.parts[2], p.tail), true);
    }
    if (n == 0) return Status::Ok();
    SBOMHUB_RETURN_IF_ERROR(LowerFloor(s, p));
    return UpperBump(s, p, n - 1);
  }
  if (op == "~" || op == "~>") {
    if (n == 0) return Status::Ok();
    SBOMHUB_RETURN_IF_ERROR(LowerFloor(s, p));
    return UpperBump(s, p, n == 1 ? 0 : 1);
  }
  if (op == "^") {
    if (n == 0) return Status::Ok();
    SBOMHUB_RETURN_IF_ERROR(LowerFloor(s, p));
    const bool major_zero = internal::StripZeros(p.parts[0]).empty();
    const bool minor_zero = n >= 2 && internal::StripZeros(p.parts[1]).empty();
    if (!major_zero || n == 1) return UpperBump(s, p, 0);
    if (!minor_zero || n == 2) return UpperBump(s, p, 1);
    return UpperBump(s, p, 2);
  }
  if (op == ">") {
    if (n == 0) {
      s.empty = true;
      return Status::Ok();
    }
    if (n == 3) return SetLower(s, Make(p.parts[0], p.parts[1], p.parts[2], p.tail), false);
    std::string parts[3] = {Part(p, 0), Part(p, 1), "0"};
    parts[n - 1] = Increment(parts[n - 1]);
    if (n == 1) parts[1] = "0";
    return SetLower(s, Make(parts[0], parts[1], parts[2]), true);
  }
  if (op == ">=") return LowerFloor(s, p);
  if (op == "<") {
    if (n == 0) {
      s.empty = true;
      return Status::Ok();
    }
    if (n == 3) return SetUpper(s, Make(p.parts[0], p.parts[1], p.parts[2], p.tail), false);
    return SetUpper(s, Make(Part(p, 0), Part(p, 1), "0", "-0"), false);
  }
  if (op == "<=") {
    if (n == 0) return Status::Ok();
    if (n == 3) return SetUpper(s, Make(p.parts[0], p.parts[1], p.parts[2], p.tail), true);
    return UpperBump(s, p, n - 1);
  }
  return Status::ParseError("unknown operator \"" + std::string(op) + "\"");
}

std::string_view SplitOperator(std::string_view& token) {
  static constexpr std::string_view kOps[] = {"~>", "<=", ">=", "<", ">", "=", "~", "^"};
  for (std::string_view op : kOps) {
    if (StartsWith(token, op)) {
      token.remove_prefix(op.size());
      return op;
    }
  }
  return {};
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::vector<std::string_view> Tokens(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    std::size_t j = i;
    while (j < s.size() && !IsSpace(s[j])) ++j;
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

Result<Span> ParseSet(std::string_view set) {
  Span span;
  const auto tokens = Tokens(set);
  if (tokens.size() == 3 && tokens[1] == "-") {
    auto a = ParsePartial(tokens[0]);
    if (!a.ok()) return a.status();
    auto b = ParsePartial(tokens[2]);
    if (!b.ok()) return b.status();
    SBOMHUB_RETURN_IF_ERROR(LowerFloor(span, *a));
    if (b->n == 3) {
      SBOMHUB_RETURN_IF_ERROR(SetUpper(span, Make(b->parts[0], b->parts[1], b->parts[2], b->tail), true));
    } else if (b->n > 0) {
      SBOMHUB_RETURN_IF_ERROR(UpperBump(span, *b, b->n - 1));
    }
    return span;
  }
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    std::string_view token = tokens[i];
    std::string_view op = SplitOperator(token);
    if (token.empty()) {
      // "< 2.0.5": the operator stands alone and the version is the next token.
      if (op.empty() || i + 1 >= tokens.size()) {
        return Status::ParseError("operator \"" + std::string(op) + "\" without a version");
      }
      token = tokens[++i];
    }
    auto p = ParsePartial(token);
    if (!p.ok()) return p.status();
    SBOMHUB_RETURN_IF_ERROR(ApplyComparator(span, op, *p));
  }
  return span;
}

}  // namespace

Result<std::vector<VersionInterval>> ParseNpmRange(std::string_view range) {
  auto fail = [&range](std::string_view why) {
    return Status::ParseError("npm range \"" + Excerpt(range) + "\": " + std::string(why));
  };
  if (range.size() > kMaxRangeLength) return fail("longer than 4096 bytes");
  std::vector<VersionInterval> out;
  std::size_t start = 0;
  std::size_t index = 0;
  while (true) {
    const std::size_t bar = range.find("||", start);
    std::string_view set = range.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    ++index;
    auto span = ParseSet(set);
    if (!span.ok()) return fail("set " + std::to_string(index) + " \"" + Excerpt(TrimWhitespace(set)) + "\": " + span.status().message());
    if (!span->empty) {
      const auto& iv = span->iv;
      bool empty = false;
      if (iv.lower && iv.upper) {
        const int c = Compare(iv.lower->version, iv.upper->version);
        empty = c > 0 || (c == 0 && !(iv.lower->inclusive && iv.upper->inclusive));
      }
      if (!empty) out.push_back(std::move(span->iv));
    }
    if (bar == std::string_view::npos) break;
    start = bar + 2;
  }
  return out;
}

Result<VersRange> NpmRangeToVers(std::string_view range) {
  auto intervals = ParseNpmRange(range);
  if (!intervals.ok()) return intervals.status();
  if (intervals->empty()) {
    return Status::InvalidArgument("npm range \"" + Excerpt(range) + "\" matches no version");
  }
  return VersRange::FromIntervals("npm", std::move(intervals).value());
}

}  // namespace sbomhub::version
