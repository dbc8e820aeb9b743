#include "version/debian.h"

namespace sbomhub::version::internal {
namespace {

int OrderOf(std::string_view s, std::size_t i) {
  if (i >= s.size()) return 0;
  const char c = s[i];
  if (IsDigit(c)) return 0;
  if (IsAlpha(c)) return static_cast<unsigned char>(c);
  if (c == '~') return -1;
  return static_cast<unsigned char>(c) + 256;
}

bool AllowedChar(char c) { return IsAlnum(c) || c == '.' || c == '+' || c == '~' || c == '-' || c == ':'; }

}  // namespace

int DebianVerRevCmp(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() || j < b.size()) {
    int first_diff = 0;
    while ((i < a.size() && !IsDigit(a[i])) || (j < b.size() && !IsDigit(b[j]))) {
      const int ac = OrderOf(a, i), bc = OrderOf(b, j);
      if (ac != bc) return ac < bc ? -1 : 1;
      ++i;
      ++j;
    }
    while (i < a.size() && a[i] == '0') ++i;
    while (j < b.size() && b[j] == '0') ++j;
    while (i < a.size() && IsDigit(a[i]) && j < b.size() && IsDigit(b[j])) {
      if (first_diff == 0) first_diff = a[i] - b[j];
      ++i;
      ++j;
    }
    if (i < a.size() && IsDigit(a[i])) return 1;
    if (j < b.size() && IsDigit(b[j])) return -1;
    if (first_diff != 0) return first_diff < 0 ? -1 : 1;
  }
  return 0;
}

Status ParseDebian(std::string_view s, ParsedVersion* out) {
  SBOMHUB_RETURN_IF_ERROR(CheckCommon(s, "debian"));
  std::string_view rest = s;
  std::string_view epoch = "0";
  const std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos) {
    epoch = rest.substr(0, colon);
    if (!AllDigits(epoch)) return Invalid("debian", s, "epoch before ':' must be a number", 0);
    rest.remove_prefix(colon + 1);
  }
  std::string_view revision;
  const std::size_t dash = rest.rfind('-');
  if (dash != std::string_view::npos) {
    revision = rest.substr(dash + 1);
    rest = rest.substr(0, dash);
    if (revision.empty()) return Invalid("debian", s, "empty revision after '-'", s.size() - 1);
  }
  if (rest.empty()) return Invalid("debian", s, "empty upstream version", colon == std::string_view::npos ? 0 : colon + 1);
  const std::size_t base = s.size() - (rest.size() + (dash == std::string_view::npos ? 0 : revision.size() + 1));
  for (std::size_t k = 0; k < rest.size(); ++k) {
    if (!AllowedChar(rest[k])) return Invalid("debian", s, "character not allowed in a Debian version", base + k);
  }
  for (std::size_t k = 0; k < revision.size(); ++k) {
    if (!AllowedChar(revision[k]) || revision[k] == ':') {
      return Invalid("debian", s, "character not allowed in a Debian revision", s.size() - revision.size() + k);
    }
  }
  out->buf.reserve(s.size() + 1);
  out->Push(0, epoch);
  out->Push(1, rest);
  out->Push(2, revision);
  return Status::Ok();
}

int CompareDebian(const ParsedVersion& a, const ParsedVersion& b) {
  if (int c = CompareNumbers(a.Text(a.tokens[0]), b.Text(b.tokens[0])); c != 0) return c;
  if (int c = DebianVerRevCmp(a.Text(a.tokens[1]), b.Text(b.tokens[1])); c != 0) return c;
  return DebianVerRevCmp(a.Text(a.tokens[2]), b.Text(b.tokens[2]));
}

}  // namespace sbomhub::version::internal
