#include "model/cpe.h"

#include <algorithm>
#include <string>

#include "base/text.h"

namespace sbomhub::model {
namespace {

using Kind = CpeValue::Kind;

constexpr bool IsAlnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
constexpr bool IsWordChar(char c) { return IsAlnum(c) || c == '_'; }
// Printable ASCII punctuation other than '_' (what WFN quotes).
constexpr bool IsQuotable(char c) { return c > 0x20 && c < 0x7f && !IsWordChar(c); }
constexpr char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

constexpr std::string_view kAttributeNames[] = {
    "part", "vendor", "product", "version", "update", "edition", "language",
    "sw_edition", "target_sw", "target_hw", "other",
};

std::string CharName(char c) {
  auto u = static_cast<unsigned char>(c);
  if (u >= 0x20 && u < 0x7f) return std::string("'") + c + "'";
  static constexpr char kHex[] = "0123456789abcdef";
  return std::string("byte 0x") + kHex[u >> 4] + kHex[u & 0xF];
}

class ErrorContext {
 public:
  explicit ErrorContext(std::string_view text) : text_(text) {}
  Status At(std::size_t attr, std::size_t offset, std::string_view what) const {
    std::string m = "invalid CPE \"" + Excerpt(text_, 80) + "\": ";
    if (attr < Cpe::kAttributeCount) {
      m += kAttributeNames[attr];
      m += ": ";
    }
    m += what;
    m += " (at byte " + std::to_string(offset) + ")";
    return Status::ParseError(std::move(m));
  }

 private:
  std::string_view text_;
};

Status CheckLength(std::string_view text, const ErrorContext& err) {
  if (text.size() > Cpe::kMaxCpeLength) {
    return err.At(Cpe::kAttributeCount, Cpe::kMaxCpeLength,
                  "longer than " + std::to_string(Cpe::kMaxCpeLength) + " bytes");
  }
  return Status::Ok();
}

// Unquoted wildcards are legal only at either end of a value: one '*', or a run of '?'
// (NISTIR 7695 §5.3.2). Tokenizes left to right so that "\\?" (a quoted backslash, then '?')
// and "\?" (a quoted '?') are told apart.
bool ValidWildcards(std::string_view wfn) {
  std::size_t i = 0;
  if (i < wfn.size() && wfn[i] == '*') {
    ++i;
  } else {
    while (i < wfn.size() && wfn[i] == '?') ++i;
  }
  bool in_trailing_run = false;
  std::size_t stars = 0;
  std::size_t questions = 0;
  for (; i < wfn.size(); ++i) {
    char c = wfn[i];
    if (c == '*' || c == '?') {
      in_trailing_run = true;
      (c == '*' ? stars : questions)++;
    } else {
      if (in_trailing_run) return false;  // a wildcard in the middle
      if (c == '\\') ++i;
    }
  }
  return stars == 0 || (stars == 1 && questions == 0);
}

Status CheckPart(const CpeValue& v, std::size_t offset, const ErrorContext& err) {
  if (v.is_any()) return Status::Ok();
  if (v.is_string() && v.wfn.size() == 1) {
    char c = Lower(v.wfn[0]);
    if (c == 'a' || c == 'o' || c == 'h') return Status::Ok();
  }
  return err.At(0, offset, "part must be 'a', 'o', 'h' or ANY, found '" + v.Unquoted() + "'");
}

// Formatted-string component → WFN value (NISTIR 7695 §6.2.3 unbind_value_fs).
Status UnbindFs(std::string_view raw, std::size_t attr, std::size_t offset, const ErrorContext& err,
                CpeValue& out) {
  if (raw == "*") {
    out = CpeValue::Any();
    return Status::Ok();
  }
  if (raw == "-") {
    out = CpeValue::Na();
    return Status::Ok();
  }
  if (raw.empty()) return err.At(attr, offset, "attribute is empty (use '*' for ANY, '-' for NA)");
  out.kind = Kind::kString;
  out.wfn.clear();
  out.wfn.reserve(raw.size() + 4);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (IsWordChar(c)) {
      out.wfn.push_back(c);
    } else if (c == '\\') {
      if (i + 1 >= raw.size()) return err.At(attr, offset + i, "ends with a lone '\\'");
      char d = raw[++i];
      if (IsWordChar(d)) {
        out.wfn.push_back(d);  // a needless quote; WFN never quotes [A-Za-z0-9_]
      } else if (IsQuotable(d)) {
        out.wfn.push_back('\\');
        out.wfn.push_back(d);
      } else {
        return err.At(attr, offset + i, CharName(d) + " cannot be escaped (only printable ASCII)");
      }
    } else if (c == '.' || c == '-') {
      out.wfn.push_back('\\');
      out.wfn.push_back(c);
    } else if (c == '*' || c == '?') {
      out.wfn.push_back(c);  // a wildcard; positions are checked below
    } else if (IsQuotable(c)) {
      return err.At(attr, offset + i, CharName(c) + " must be escaped with '\\'");
    } else {
      return err.At(attr, offset + i, CharName(c) + " is not allowed (printable ASCII only)");
    }
  }
  if (!ValidWildcards(out.wfn)) {
    return err.At(attr, offset,
                  "unquoted '*' or '?' is a wildcard and may only appear at the start or end "
                  "(escape it with '\\' for a literal)");
  }
  return Status::Ok();
}

// URI component → WFN value (NISTIR 7695 §6.1.3 decode).
Status UnbindUri(std::string_view raw, std::size_t attr, std::size_t offset, const ErrorContext& err,
                 CpeValue& out) {
  if (raw.empty()) {
    out = CpeValue::Any();
    return Status::Ok();
  }
  if (raw == "-") {
    out = CpeValue::Na();
    return Status::Ok();
  }
  out.kind = Kind::kString;
  out.wfn.clear();
  out.wfn.reserve(raw.size() + 4);
  for (std::size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (IsWordChar(c)) {
      out.wfn.push_back(c);
    } else if (c == '.' || c == '-' || c == '~') {
      out.wfn.push_back('\\');
      out.wfn.push_back(c);
    } else if (c == '%') {
      int hi = i + 2 < raw.size() ? HexValue(raw[i + 1]) : -1;
      int lo = i + 2 < raw.size() ? HexValue(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) return err.At(attr, offset + i, "'%' is not followed by two hex digits");
      char d = static_cast<char>((hi << 4) | lo);
      if (d == 0x01) {
        out.wfn.push_back('?');
      } else if (d == 0x02) {
        out.wfn.push_back('*');
      } else if (IsWordChar(d)) {
        out.wfn.push_back(d);
      } else if (IsQuotable(d)) {
        out.wfn.push_back('\\');
        out.wfn.push_back(d);
      } else {
        return err.At(attr, offset + i, "%" + std::string(raw.substr(i + 1, 2)) +
                                            " decodes to " + CharName(d) +
                                            ", which a CPE cannot contain");
      }
      i += 2;
    } else {
      return err.At(attr, offset + i,
                    CharName(c) + " is not allowed in a CPE URI (percent-encode it)");
    }
  }
  if (!ValidWildcards(out.wfn)) {
    return err.At(attr, offset, "wildcards %01 and %02 may only appear at the start or end");
  }
  if (out.wfn == "*") out = CpeValue::Any();  // a lone %02 is the logical value ANY
  return Status::Ok();
}

void BindFs(const CpeValue& v, std::string& out) {
  if (v.is_any()) {
    out.push_back('*');
    return;
  }
  if (v.is_na()) {
    out.push_back('-');
    return;
  }
  const std::string& s = v.wfn;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\\' && i + 1 < s.size()) {
      char d = s[++i];
      if (d != '.' && d != '-' && d != '_') out.push_back('\\');
      out.push_back(d);
    } else {
      out.push_back(s[i]);
    }
  }
}

void BindUri(const CpeValue& v, std::string& out) {
  if (v.is_any()) return;
  if (v.is_na()) {
    out.push_back('-');
    return;
  }
  static constexpr char kHex[] = "0123456789abcdef";
  const std::string& s = v.wfn;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '\\' && i + 1 < s.size()) {
      char d = s[++i];
      if (d == '.' || d == '-' || IsWordChar(d)) {
        out.push_back(d);
      } else {
        auto u = static_cast<unsigned char>(d);
        out.push_back('%');
        out.push_back(kHex[u >> 4]);
        out.push_back(kHex[u & 0xF]);
      }
    } else if (c == '?') {
      out += "%01";
    } else if (c == '*') {
      out += "%02";
    } else {
      out.push_back(c);
    }
  }
}

// A wildcard pattern split into its ends and its literal middle (unquoted).
struct Pattern {
  bool lead_star = false;
  std::size_t lead_q = 0;
  bool trail_star = false;
  std::size_t trail_q = 0;
  std::string middle;  // unquoted literal
};

Pattern SplitPattern(const std::string& wfn) {
  Pattern p;
  std::size_t i = 0;
  while (i < wfn.size() && (wfn[i] == '*' || wfn[i] == '?')) {
    if (wfn[i] == '*') p.lead_star = true; else ++p.lead_q;
    ++i;
  }
  // The rest is literal tokens ("\x" or a plain character) followed by the trailing wildcards;
  // a literal token after a wildcard resets the trailing run (the parser never produces that).
  for (; i < wfn.size(); ++i) {
    char c = wfn[i];
    if (c == '*' || c == '?') {
      if (c == '*') p.trail_star = true; else ++p.trail_q;
      continue;
    }
    if (c == '\\' && i + 1 < wfn.size()) c = wfn[++i];
    p.middle.push_back(c);
    p.trail_star = false;
    p.trail_q = 0;
  }
  return p;
}

bool EqualsFold(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

bool WildcardMatch(const std::string& pattern_wfn, const CpeValue& target) {
  Pattern p = SplitPattern(pattern_wfn);
  const std::string t = target.Unquoted();
  const std::string_view m = p.middle;
  const std::size_t n = t.size();
  if (p.lead_q + p.trail_q + m.size() > n) return false;
  const std::size_t start = p.lead_q;
  const std::size_t end = n - p.trail_q;
  if (!p.lead_star && !p.trail_star) {
    return end - start == m.size() && EqualsFold(std::string_view(t).substr(start, m.size()), m);
  }
  if (!p.lead_star) return EqualsFold(std::string_view(t).substr(start, m.size()), m);
  if (!p.trail_star) return EqualsFold(std::string_view(t).substr(end - m.size(), m.size()), m);
  // "*middle*": the middle anywhere. Names are at most kMaxCpeLength bytes, which bounds this.
  auto it = std::search(t.begin(), t.end(), m.begin(), m.end(),
                        [](char a, char b) { return Lower(a) == Lower(b); });
  return it != t.end() || m.empty();
}

}  // namespace

CpeValue CpeValue::Literal(std::string_view plain) {
  if (plain.empty()) return Any();
  CpeValue v;
  v.kind = Kind::kString;
  v.wfn.reserve(plain.size() + 4);
  for (char c : plain) {
    if (!IsWordChar(c)) v.wfn.push_back('\\');
    v.wfn.push_back(c);
  }
  return v;
}

std::string CpeValue::Unquoted() const {
  if (is_any()) return "*";
  if (is_na()) return "-";
  std::string out;
  out.reserve(wfn.size());
  for (std::size_t i = 0; i < wfn.size(); ++i) {
    if (wfn[i] == '\\' && i + 1 < wfn.size()) ++i;
    out.push_back(wfn[i]);
  }
  return out;
}

bool CpeValue::HasWildcard() const {
  for (std::size_t i = 0; i < wfn.size(); ++i) {
    if (wfn[i] == '\\') {
      ++i;
    } else if (wfn[i] == '*' || wfn[i] == '?') {
      return true;
    }
  }
  return false;
}

CpeRelation CompareCpeValues(const CpeValue& source, const CpeValue& target) {
  if (target.is_string() && target.HasWildcard()) return CpeRelation::kUndefined;
  if (source.is_any()) return target.is_any() ? CpeRelation::kEqual : CpeRelation::kSuperset;
  if (target.is_any()) return CpeRelation::kSubset;
  if (source.is_na()) return target.is_na() ? CpeRelation::kEqual : CpeRelation::kDisjoint;
  if (target.is_na()) return CpeRelation::kDisjoint;
  if (source.HasWildcard()) {
    return WildcardMatch(source.wfn, target) ? CpeRelation::kSuperset : CpeRelation::kDisjoint;
  }
  return EqualsFold(source.wfn, target.wfn) ? CpeRelation::kEqual : CpeRelation::kDisjoint;
}

std::string_view Cpe::AttributeName(Attribute a) {
  return kAttributeNames[static_cast<std::size_t>(a)];
}

Result<Cpe> Cpe::Parse(std::string_view text) {
  if (text.size() >= 8 && EqualsIgnoreCase(text.substr(0, 8), "cpe:2.3:")) {
    return ParseFormattedString(text);
  }
  if (text.size() >= 5 && EqualsIgnoreCase(text.substr(0, 5), "cpe:/")) return ParseUri(text);
  return ErrorContext(text).At(kAttributeCount, 0,
                               "expected a 'cpe:2.3:' formatted string or a 'cpe:/' URI");
}

Result<Cpe> Cpe::ParseFormattedString(std::string_view text) {
  const ErrorContext err(text);
  SBOMHUB_RETURN_IF_ERROR(CheckLength(text, err));
  if (text.size() < 8 || !EqualsIgnoreCase(text.substr(0, 8), "cpe:2.3:")) {
    return err.At(kAttributeCount, 0, "a CPE 2.3 formatted string starts with 'cpe:2.3:'");
  }
  Cpe cpe;
  std::size_t attr = 0;
  std::size_t start = 8;
  for (std::size_t i = 8; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '\\') {
      if (i + 1 < text.size()) ++i;  // an escaped ':' does not end the component
      continue;
    }
    if (i < text.size() && text[i] != ':') continue;
    if (attr >= kAttributeCount) {
      return err.At(kAttributeCount, start - 1,
                    "more than 11 attributes (escape a literal ':' as '\\:')");
    }
    SBOMHUB_RETURN_IF_ERROR(
        UnbindFs(text.substr(start, i - start), attr, start, err, cpe.attrs_[attr]));
    ++attr;
    start = i + 1;
  }
  if (attr != kAttributeCount) {
    return err.At(kAttributeCount, text.size(),
                  "expected 11 attributes after 'cpe:2.3:', found " + std::to_string(attr));
  }
  SBOMHUB_RETURN_IF_ERROR(CheckPart(cpe.attrs_[0], 8, err));
  return cpe;
}

Result<Cpe> Cpe::ParseUri(std::string_view text) {
  const ErrorContext err(text);
  SBOMHUB_RETURN_IF_ERROR(CheckLength(text, err));
  if (text.size() < 5 || !EqualsIgnoreCase(text.substr(0, 5), "cpe:/")) {
    return err.At(kAttributeCount, 0, "a CPE URI starts with 'cpe:/'");
  }
  Cpe cpe;
  std::size_t component = 0;
  std::size_t start = 5;
  constexpr std::size_t kEdition = static_cast<std::size_t>(Attribute::kEdition);
  for (std::size_t i = 5; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != ':') continue;
    if (component >= 7) {
      return err.At(kAttributeCount, start - 1, "a CPE URI has at most 7 components");
    }
    std::string_view raw = text.substr(start, i - start);
    if (component == kEdition && !raw.empty() && raw[0] == '~') {
      // Packed: ~edition~sw_edition~target_sw~target_hw~other
      constexpr std::size_t kPacked[] = {
          kEdition, static_cast<std::size_t>(Attribute::kSwEdition),
          static_cast<std::size_t>(Attribute::kTargetSw),
          static_cast<std::size_t>(Attribute::kTargetHw),
          static_cast<std::size_t>(Attribute::kOther)};
      std::size_t field = 0;
      std::size_t fstart = 1;
      for (std::size_t k = 1; k <= raw.size(); ++k) {
        if (k < raw.size() && raw[k] != '~') continue;
        if (field >= 5) {
          return err.At(kEdition, start + k, "packed edition has more than 5 '~'-separated fields");
        }
        SBOMHUB_RETURN_IF_ERROR(UnbindUri(raw.substr(fstart, k - fstart), kPacked[field],
                                          start + fstart, err, cpe.attrs_[kPacked[field]]));
        ++field;
        fstart = k + 1;
      }
      if (field != 5) {
        return err.At(kEdition, start,
                      "packed edition needs 5 '~'-separated fields, found " + std::to_string(field));
      }
    } else {
      SBOMHUB_RETURN_IF_ERROR(UnbindUri(raw, component, start, err, cpe.attrs_[component]));
    }
    ++component;
    start = i + 1;
  }
  SBOMHUB_RETURN_IF_ERROR(CheckPart(cpe.attrs_[0], 5, err));
  return cpe;
}

std::string Cpe::ToFormattedString() const {
  std::string out;
  std::size_t size = 8 + kAttributeCount;
  for (const auto& a : attrs_) size += a.wfn.size() + 1;
  out.reserve(size);
  out += "cpe:2.3:";
  for (std::size_t i = 0; i < kAttributeCount; ++i) {
    if (i > 0) out.push_back(':');
    BindFs(attrs_[i], out);
  }
  return out;
}

std::string Cpe::ToUri() const {
  std::string out = "cpe:/";
  constexpr std::size_t kEdition = static_cast<std::size_t>(Attribute::kEdition);
  for (std::size_t i = 0; i <= static_cast<std::size_t>(Attribute::kLanguage); ++i) {
    if (i > 0) out.push_back(':');
    if (i == kEdition && !(attrs_[7].is_any() && attrs_[8].is_any() && attrs_[9].is_any() &&
                           attrs_[10].is_any())) {
      for (std::size_t k : {kEdition, std::size_t{7}, std::size_t{8}, std::size_t{9},
                            std::size_t{10}}) {
        out.push_back('~');
        BindUri(attrs_[k], out);
      }
    } else {
      BindUri(attrs_[i], out);
    }
  }
  while (out.back() == ':') out.pop_back();
  return out;
}

bool Cpe::Matches(const Cpe& pattern) const { return Matches(pattern, AnyInTarget::kStrict); }

bool Cpe::Matches(const Cpe& pattern, AnyInTarget any_in_target) const {
  const bool subset_ok = any_in_target == AnyInTarget::kUnknown;
  for (std::size_t i = 0; i < kAttributeCount; ++i) {
    CpeRelation r = CompareCpeValues(pattern.attrs_[i], attrs_[i]);
    if (r == CpeRelation::kEqual || r == CpeRelation::kSuperset) continue;
    // kSubset arises only from ANY in the target (or NA in the pattern against ANY).
    if (r == CpeRelation::kSubset && subset_ok) continue;
    return false;
  }
  return true;
}

}  // namespace sbomhub::model
