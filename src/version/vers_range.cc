#include "version/vers_range.h"

#include <algorithm>

#include "base/text.h"

namespace sbomhub::version {
namespace {

bool IsLess(VersComparator c) { return c == VersComparator::kLt || c == VersComparator::kLe; }
bool IsGreater(VersComparator c) { return c == VersComparator::kGt || c == VersComparator::kGe; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

Result<std::string> PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '%') {
      out += s[i];
      continue;
    }
    if (i + 2 >= s.size()) return Status::ParseError("truncated percent escape in \"" + Excerpt(s) + "\"");
    const int a = HexValue(s[i + 1]), b = HexValue(s[i + 2]);
    if (a < 0 || b < 0) return Status::ParseError("bad percent escape in \"" + Excerpt(s) + "\"");
    out += static_cast<char>(a * 16 + b);
    i += 2;
  }
  return out;
}

// Escapes what would change the meaning of a constraint: '%', '|', bytes outside printable ASCII,
// and a leading comparator character (a version "=1" must not read back as the comparator "=").
void PercentEncode(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    const bool leading_comparator = i == 0 && (c == '<' || c == '>' || c == '=' || c == '!');
    if (c == '%' || c == '|' || u <= 0x20 || u >= 0x7f || leading_comparator) {
      out += '%';
      out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xf];
      out += kHex[static_cast<unsigned char>(c) & 0xf];
    } else {
      out += c;
    }
  }
}

}  // namespace

std::string_view VersComparatorText(VersComparator c) {
  switch (c) {
    case VersComparator::kEq: return "=";
    case VersComparator::kNe: return "!=";
    case VersComparator::kLt: return "<";
    case VersComparator::kLe: return "<=";
    case VersComparator::kGt: return ">";
    case VersComparator::kGe: return ">=";
  }
  return "=";
}

bool VersionInterval::Contains(const Version& v) const {
  if (lower) {
    const int c = Compare(v, lower->version);
    if (c < 0 || (c == 0 && !lower->inclusive)) return false;
  }
  if (upper) {
    const int c = Compare(v, upper->version);
    if (c > 0 || (c == 0 && !upper->inclusive)) return false;
  }
  return true;
}

Result<VersRange> VersRange::Parse(std::string_view input) {
  std::string text;
  text.reserve(input.size());
  for (char c : input) {
    if (c != ' ' && c != '\t') text += c;
  }
  auto fail = [&input](std::string why) {
    return Status::ParseError("vers range \"" + Excerpt(input) + "\": " + why);
  };
  const std::size_t colon = text.find(':');
  if (colon == std::string::npos || std::string_view(text).substr(0, colon) != "vers") {
    return fail("must start with \"vers:\" (lower case)");
  }
  const std::string_view spec = std::string_view(text).substr(colon + 1);
  const std::size_t slash = spec.find('/');
  if (slash == std::string_view::npos) return fail("missing '/' after the versioning scheme");
  const std::string_view type = spec.substr(0, slash);
  if (type.empty()) return fail("empty versioning scheme");
  for (std::size_t i = 0; i < type.size(); ++i) {
    const char c = type[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+')) {
      return fail("versioning scheme must be lower-case letters, digits, '.', '-' or '+'");
    }
  }
  std::string_view rest = spec.substr(slash + 1);
  while (!rest.empty() && rest.front() == '|') rest.remove_prefix(1);
  while (!rest.empty() && rest.back() == '|') rest.remove_suffix(1);
  if (rest.empty()) return fail("no constraints after '/'");
  VersRange r(std::string(type), SchemeForVersType(type));
  if (rest == "*") {
    r.any_ = true;
    return r;
  }
  std::size_t index = 0;
  std::size_t start = 0;
  while (start <= rest.size()) {
    std::size_t bar = rest.find('|', start);
    if (bar == std::string_view::npos) bar = rest.size();
    std::string_view c = rest.substr(start, bar - start);
    ++index;
    const std::string where = "constraint " + std::to_string(index);
    if (c.empty()) return fail(where + " is empty");
    if (c == "*") return fail("\"*\" must be the only constraint");
    VersComparator op = VersComparator::kEq;
    if (StartsWith(c, ">=")) { op = VersComparator::kGe; c.remove_prefix(2); }
    else if (StartsWith(c, "<=")) { op = VersComparator::kLe; c.remove_prefix(2); }
    else if (StartsWith(c, "!=")) { op = VersComparator::kNe; c.remove_prefix(2); }
    else if (StartsWith(c, "<")) { op = VersComparator::kLt; c.remove_prefix(1); }
    else if (StartsWith(c, ">")) { op = VersComparator::kGt; c.remove_prefix(1); }
    else if (StartsWith(c, "=")) { op = VersComparator::kEq; c.remove_prefix(1); }
    if (c.empty()) return fail(where + " has no version");
    auto decoded = PercentDecode(c);
    if (!decoded.ok()) return fail(where + ": " + decoded.status().message());
    auto v = Version::Parse(r.scheme_, *decoded);
    if (!v.ok()) return fail(where + ": " + v.status().message());
    r.constraints_.push_back(VersConstraint{op, std::move(v).value()});
    start = bar + 1;
  }
  Status st = r.Normalize();
  if (!st.ok()) return fail(st.message());
  return r;
}

VersRange VersRange::Any(std::string_view versioning_scheme) {
  VersRange r(AsciiLower(versioning_scheme), SchemeForVersType(versioning_scheme));
  r.any_ = true;
  return r;
}

Status VersRange::Normalize() {
  std::stable_sort(constraints_.begin(), constraints_.end(),
                   [](const VersConstraint& a, const VersConstraint& b) { return Compare(a.version, b.version) < 0; });
  for (std::size_t i = 1; i < constraints_.size(); ++i) {
    if (Compare(constraints_[i - 1].version, constraints_[i].version) == 0) {
      return Status::InvalidArgument("version \"" + constraints_[i].version.str() +
                                     "\" appears in more than one constraint (as \"" +
                                     constraints_[i - 1].version.str() + "\" too)");
    }
  }
  // Ignoring "!=": "=" may only be followed by "=", ">" or ">=".
  const VersConstraint* prev = nullptr;
  for (const auto& c : constraints_) {
    if (c.comparator == VersComparator::kNe) continue;
    if (prev && prev->comparator == VersComparator::kEq && !(c.comparator == VersComparator::kEq || IsGreater(c.comparator))) {
      return Status::InvalidArgument("\"=" + prev->version.str() + "\" is followed by \"" +
                                     std::string(VersComparatorText(c.comparator)) + c.version.str() +
                                     "\"; only =, > or >= may follow =");
    }
    prev = &c;
  }
  // Ignoring "=" and "!=": "<"/"<=" and ">"/">=" alternate.
  prev = nullptr;
  for (const auto& c : constraints_) {
    if (c.comparator == VersComparator::kNe || c.comparator == VersComparator::kEq) continue;
    if (prev && IsLess(prev->comparator) == IsLess(c.comparator)) {
      return Status::InvalidArgument("\"" + std::string(VersComparatorText(prev->comparator)) + prev->version.str() +
                                     "\" and \"" + std::string(VersComparatorText(c.comparator)) + c.version.str() +
                                     "\" are both " + (IsLess(c.comparator) ? "upper" : "lower") +
                                     " bounds; bounds must alternate");
    }
    prev = &c;
  }
  return Status::Ok();
}

bool VersRange::Contains(const Version& v) const {
  if (v.scheme() != scheme_) return false;
  if (any_) return true;
  for (const auto& c : constraints_) {
    const bool inclusive = c.comparator == VersComparator::kEq || c.comparator == VersComparator::kLe ||
                           c.comparator == VersComparator::kGe;
    if (inclusive && Compare(v, c.version) == 0) return true;
  }
  for (const auto& c : constraints_) {
    if (c.comparator == VersComparator::kNe && Compare(v, c.version) == 0) return false;
  }
  // Pairwise over the bounds (constraints other than "=" and "!=").
  const VersConstraint* first = nullptr;
  const VersConstraint* prev = nullptr;
  for (const auto& c : constraints_) {
    if (c.comparator == VersComparator::kEq || c.comparator == VersComparator::kNe) continue;
    if (!first) first = &c;
    if (prev && IsGreater(prev->comparator) && IsLess(c.comparator) && Compare(v, prev->version) > 0 &&
        Compare(v, c.version) < 0) {
      return true;
    }
    prev = &c;
  }
  if (first && IsLess(first->comparator) && Compare(v, first->version) < 0) return true;
  if (prev && IsGreater(prev->comparator) && Compare(v, prev->version) > 0) return true;
  return false;
}

bool VersRange::Contains(std::string_view v) const {
  auto parsed = Version::Parse(scheme_, v);
  return parsed.ok() && Contains(*parsed);
}

std::string VersRange::ToString() const {
  std::string out = "vers:" + versioning_scheme_ + "/";
  if (any_) return out + "*";
  bool first = true;
  for (const auto& c : constraints_) {
    if (!first) out += '|';
    first = false;
    if (c.comparator != VersComparator::kEq) out += VersComparatorText(c.comparator);
    PercentEncode(c.version.str(), out);
  }
  return out;
}

Result<VersRange> VersRange::FromIntervals(std::string_view versioning_scheme, std::vector<VersionInterval> intervals) {
  VersRange r(AsciiLower(versioning_scheme), SchemeForVersType(versioning_scheme));
  if (intervals.empty()) return Status::InvalidArgument("no intervals: an empty vers range cannot be written");
  for (const auto& iv : intervals) {
    if ((iv.lower && iv.lower->version.scheme() != r.scheme_) || (iv.upper && iv.upper->version.scheme() != r.scheme_)) {
      return Status::InvalidArgument("interval version of scheme other than " + std::string(SchemeName(r.scheme_)));
    }
  }
  // Drop empty intervals, then sort by lower bound (unbounded first; inclusive before exclusive).
  std::vector<VersionInterval> live;
  for (auto& iv : intervals) {
    if (iv.lower && iv.upper) {
      const int c = Compare(iv.lower->version, iv.upper->version);
      if (c > 0 || (c == 0 && !(iv.lower->inclusive && iv.upper->inclusive))) continue;
    }
    live.push_back(std::move(iv));
  }
  if (live.empty()) return Status::InvalidArgument("every interval is empty");
  std::stable_sort(live.begin(), live.end(), [](const VersionInterval& a, const VersionInterval& b) {
    if (!a.lower || !b.lower) return !a.lower && b.lower;
    const int c = Compare(a.lower->version, b.lower->version);
    if (c != 0) return c < 0;
    return a.lower->inclusive && !b.lower->inclusive;
  });
  // Merge overlapping or touching intervals. Two intervals that touch at a version both exclude
  // ("<2" and ">2") merge with a "!=" hole so every version still appears once.
  struct Merged {
    VersionInterval iv;
    std::vector<Version> holes;
  };
  std::vector<Merged> merged;
  for (auto& iv : live) {
    if (!merged.empty()) {
      Merged& m = merged.back();
      if (!m.iv.upper) continue;  // already unbounded above: swallows the rest
      bool joins = !iv.lower;
      bool hole = false;
      if (iv.lower) {
        const int c = Compare(iv.lower->version, m.iv.upper->version);
        if (c < 0) joins = true;
        if (c == 0) {
          joins = true;
          hole = !iv.lower->inclusive && !m.iv.upper->inclusive;
        }
      }
      if (joins) {
        if (hole) m.holes.push_back(iv.lower->version);
        if (!iv.upper) {
          m.iv.upper.reset();
        } else {
          const int c = Compare(iv.upper->version, m.iv.upper->version);
          if (c > 0 || (c == 0 && iv.upper->inclusive)) m.iv.upper = iv.upper;
        }
        // A hole inside the newly covered span is filled by it.
        continue;
      }
    }
    merged.push_back(Merged{std::move(iv), {}});
  }
  for (auto& m : merged) {
    const auto& lo = m.iv.lower;
    const auto& hi = m.iv.upper;
    if (lo && hi && lo->inclusive && hi->inclusive && Compare(lo->version, hi->version) == 0) {
      r.constraints_.push_back(VersConstraint{VersComparator::kEq, lo->version});
      continue;
    }
    if (lo) r.constraints_.push_back(VersConstraint{lo->inclusive ? VersComparator::kGe : VersComparator::kGt, lo->version});
    for (auto& h : m.holes) r.constraints_.push_back(VersConstraint{VersComparator::kNe, h});
    if (hi) r.constraints_.push_back(VersConstraint{hi->inclusive ? VersComparator::kLe : VersComparator::kLt, hi->version});
  }
  if (r.constraints_.empty()) {  // a single interval unbounded on both sides
    r.any_ = true;
    return r;
  }
  SBOMHUB_RETURN_IF_ERROR(r.Normalize());
  return r;
}

}  // namespace sbomhub::version
