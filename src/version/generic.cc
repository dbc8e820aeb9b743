#include "version/generic.h"

namespace sbomhub::version::internal {
namespace {

enum Kind : std::int32_t { kNumber = 0, kWord = 1 };

}  // namespace

Status ParseGeneric(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "generic"));
  out->buf.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    if (IsDigit(s[i])) {
      while (j < s.size() && IsDigit(s[j])) ++j;
      out->Push(kNumber, s.substr(i, j - i));
    } else if (IsAlpha(s[i])) {
      while (j < s.size() && IsAlpha(s[j])) ++j;
      const std::size_t off = out->buf.size();
      out->Push(kWord, s.substr(i, j - i));
      for (std::size_t k = off; k < out->buf.size(); ++k) out->buf[k] = Lower(out->buf[k]);
    } else {
      ++j;
    }
    i = j;
  }
  if (out->tokens.empty()) return Invalid("generic", s, "no digits or letters");
  return Status::Ok();
}

int CompareGeneric(const ParsedVersion& a, const ParsedVersion& b) {
  const std::size_t na = a.tokens.size(), nb = b.tokens.size();
  for (std::size_t i = 0; i < na || i < nb; ++i) {
    if (i >= na || i >= nb) {
      const bool a_missing = i >= na;
      const Token& t = a_missing ? b.tokens[i] : a.tokens[i];
      const ParsedVersion& v = a_missing ? b : a;
      int c;  // sign for the side that has the segment
      if (t.kind == kWord) {
        c = -1;
      } else {
        c = CompareNumbers(v.Text(t), "");
      }
      if (c != 0) return a_missing ? -c : c;
      continue;
    }
    const Token& x = a.tokens[i];
    const Token& y = b.tokens[i];
    int c;
    if (x.kind == kNumber && y.kind == kNumber) {
      c = CompareNumbers(a.Text(x), b.Text(y));
    } else if (x.kind == kWord && y.kind == kWord) {
      c = CompareBytes(a.Text(x), b.Text(y));
    } else {
      c = x.kind == kNumber ? 1 : -1;
    }
    if (c != 0) return c;
  }
  return 0;
}

}  // namespace sbomhub::version::internal
