// SPDX 2.x vocabulary: identifiers, dates, relationship types, actors, license-expression syntax.
#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <string_view>

#include "base/text.h"
#include "formats/spdx/spdx_internal.h"

namespace sbomhub::formats::spdx::internal {

void Report(Diagnostics& d, Severity sev, std::string rule, std::string message, const Loc& loc) {
  Diagnostic diag;
  diag.severity = sev;
  diag.rule = std::move(rule);
  diag.message = std::move(message);
  diag.line = loc.line;
  diag.column = loc.line ? 1 : 0;
  diag.pointer = loc.pointer;
  d.Add(std::move(diag));
}

namespace {
// RFC 6901 escaping of one reference token.
void AppendToken(std::string& out, std::string_view key) {
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
}
}  // namespace

Loc Sub(const Loc& loc, std::string_view key) {
  Loc out;
  out.line = loc.line;
  if (!loc.line) {
    out.pointer = loc.pointer;
    out.pointer += '/';
    AppendToken(out.pointer, key);
  }
  return out;
}

Loc Sub(const Loc& loc, std::size_t index) { return Sub(loc, std::to_string(index)); }

std::string_view VersionNumber(std::string_view v) {
  if (!StartsWith(v, "SPDX-")) return {};
  return v.substr(5);
}

bool IsSupportedVersion(std::string_view n) { return n == "2.2" || n == "2.3"; }

Status UnsupportedVersion(std::string_view declared, const std::string& file) {
  return Status::Unsupported(file + ": SPDX version \"" + Excerpt(declared) +
                             "\" is not supported (supported: SPDX-2.1 read with 2.2 rules, "
                             "SPDX-2.2, SPDX-2.3; SPDX 3.0 is read as JSON-LD)");
}

namespace {
bool IsIdChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-'; }
bool IsIdTail(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsIdChar);
}
bool IsIdTailPlus(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return IsIdChar(c) || c == '+'; });
}
}  // namespace

bool IsValidSpdxId(std::string_view id) {
  return StartsWith(id, "SPDXRef-") && IsIdTail(id.substr(8));
}

bool IsValidDocumentRef(std::string_view id) {
  return StartsWith(id, "DocumentRef-") && IsIdTailPlus(id.substr(12));
}

bool IsValidLicenseRef(std::string_view id) {
  if (StartsWith(id, "DocumentRef-")) {
    auto colon = id.find(':');
    if (colon == std::string_view::npos || !IsValidDocumentRef(id.substr(0, colon))) return false;
    id = id.substr(colon + 1);
  }
  return StartsWith(id, "LicenseRef-") && IsIdTail(id.substr(11));
}

bool IsDateTime(std::string_view s) {
  // YYYY-MM-DDThh:mm:ssZ
  static constexpr std::string_view kShape = "dddd-dd-ddTdd:dd:ddZ";
  if (s.size() != kShape.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (kShape[i] == 'd') {
      if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    } else if (s[i] != kShape[i]) {
      return false;
    }
  }
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  int hour = (s[11] - '0') * 10 + (s[12] - '0');
  int minute = (s[14] - '0') * 10 + (s[15] - '0');
  int second = (s[17] - '0') * 10 + (s[18] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 &&
         second <= 60;
}

bool IsDateTimeWithFraction(std::string_view s) {
  // YYYY-MM-DDThh:mm:ss.fffZ: what many generators write; outside the SPDX 2.x format but
  // unambiguous, so reported as a warning rather than an error.
  if (s.size() < 22 || s[19] != '.' || s.back() != 'Z') return false;
  for (std::size_t i = 20; i + 1 < s.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  std::string whole(s.substr(0, 19));
  whole += 'Z';
  return IsDateTime(whole);
}

bool IsHex(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isxdigit(static_cast<unsigned char>(c)) != 0;
  });
}

namespace {
constexpr std::array<std::string_view, 45> kRelationshipTypes = {
    "VARIANT_OF", "COPY_OF", "PATCH_FOR", "TEST_DEPENDENCY_OF", "CONTAINED_BY", "DATA_FILE_OF",
    "OPTIONAL_COMPONENT_OF", "ANCESTOR_OF", "GENERATES", "CONTAINS", "OPTIONAL_DEPENDENCY_OF",
    "FILE_ADDED", "REQUIREMENT_DESCRIPTION_FOR", "DEV_DEPENDENCY_OF", "DEPENDENCY_OF",
    "BUILD_DEPENDENCY_OF", "DESCRIBES", "PREREQUISITE_FOR", "HAS_PREREQUISITE",
    "PROVIDED_DEPENDENCY_OF", "DYNAMIC_LINK", "DESCRIBED_BY", "METAFILE_OF",
    "DEPENDENCY_MANIFEST_OF", "PATCH_APPLIED", "RUNTIME_DEPENDENCY_OF", "TEST_OF", "TEST_TOOL_OF",
    "DEPENDS_ON", "SPECIFICATION_FOR", "FILE_MODIFIED", "DISTRIBUTION_ARTIFACT", "AMENDS",
    "DOCUMENTATION_OF", "GENERATED_FROM", "STATIC_LINK", "OTHER", "BUILD_TOOL_OF", "TEST_CASE_OF",
    "PACKAGE_OF", "DESCENDANT_OF", "FILE_DELETED", "EXPANDED_FROM_ARCHIVE", "DEV_TOOL_OF",
    "EXAMPLE_OF"};
constexpr std::array<std::string_view, 12> kPurposes = {
    "OTHER", "INSTALL", "ARCHIVE", "FIRMWARE", "APPLICATION", "FRAMEWORK",
    "LIBRARY", "CONTAINER", "SOURCE", "DEVICE", "OPERATING_SYSTEM", "FILE"};
}  // namespace

bool IsKnownRelationshipType(std::string_view t) {
  return std::find(kRelationshipTypes.begin(), kRelationshipTypes.end(), t) !=
         kRelationshipTypes.end();
}

bool IsRelationshipType23Only(std::string_view t) {
  return t == "REQUIREMENT_DESCRIPTION_FOR" || t == "SPECIFICATION_FOR";
}

bool IsKnownPurpose(std::string_view p) {
  return std::find(kPurposes.begin(), kPurposes.end(), p) != kPurposes.end();
}

std::optional<ParsedActor> ParseActor(std::string_view s) {
  s = TrimWhitespace(s);
  ParsedActor a;
  if (s == "NOASSERTION") {
    a.name = "NOASSERTION";
    return a;
  }
  auto colon = s.find(':');
  if (colon == std::string_view::npos) return std::nullopt;
  std::string_view kind = TrimWhitespace(s.substr(0, colon));
  if (kind != "Person" && kind != "Organization" && kind != "Tool") return std::nullopt;
  a.kind = std::string(kind);
  std::string_view rest = TrimWhitespace(s.substr(colon + 1));
  // A trailing "(email)" is the contact; "()" means none given.
  if (kind != "Tool" && !rest.empty() && rest.back() == ')') {
    auto open = rest.rfind('(');
    if (open != std::string_view::npos) {
      a.email = std::string(TrimWhitespace(rest.substr(open + 1, rest.size() - open - 2)));
      rest = TrimWhitespace(rest.substr(0, open));
    }
  }
  a.name = std::string(rest);
  return a;
}

std::string FormatParty(const model::Party& p) {
  if (p.kind == model::Party::Kind::kUnspecified && p.name == "NOASSERTION") return "NOASSERTION";
  std::string out = p.kind == model::Party::Kind::kPerson ? "Person: " : "Organization: ";
  out += p.name;
  if (!p.email.empty()) out += " (" + p.email + ")";
  return out;
}

std::optional<std::string> LicenseExpressionProblem(std::string_view expr) {
  if (expr == "NOASSERTION" || expr == "NONE") return std::nullopt;
  // Tokens: '(' ')' and words. Grammar check with a depth counter and an "expect operand" flag;
  // linear in the input.
  std::size_t depth = 0;
  bool expect_operand = true;
  bool after_with = false;
  std::size_t i = 0;
  std::size_t terms = 0;
  while (i < expr.size()) {
    char c = expr[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
      continue;
    }
    if (c == '(') {
      if (!expect_operand || after_with) return "unexpected '(' at offset " + std::to_string(i);
      ++depth;
      ++i;
      continue;
    }
    if (c == ')') {
      if (expect_operand || depth == 0) return "unexpected ')' at offset " + std::to_string(i);
      --depth;
      ++i;
      continue;
    }
    std::size_t start = i;
    while (i < expr.size() && expr[i] != ' ' && expr[i] != '\t' && expr[i] != '(' &&
           expr[i] != ')' && expr[i] != '\n' && expr[i] != '\r') {
      ++i;
    }
    std::string_view word = expr.substr(start, i - start);
    bool is_op = word == "AND" || word == "OR" || word == "WITH" || word == "and" ||
                 word == "or" || word == "with";
    if (is_op) {
      if (expect_operand) return "operator '" + std::string(word) + "' without a left operand";
      expect_operand = true;
      after_with = word == "WITH" || word == "with";
      continue;
    }
    if (!expect_operand) {
      return "missing operator before '" + Excerpt(word) + "'";
    }
    std::string_view id = word;
    if (!after_with && !id.empty() && id.back() == '+') id.remove_suffix(1);
    bool ok = IsValidLicenseRef(id) ||
              (!id.empty() && std::all_of(id.begin(), id.end(), [](char ch) { return IsIdChar(ch); }));
    if (!ok) return "'" + Excerpt(word) + "' is not a license identifier";
    ++terms;
    expect_operand = false;
    after_with = false;
  }
  if (terms == 0) return std::string("empty license expression");
  if (expect_operand) return std::string("expression ends with an operator");
  if (depth != 0) return std::string("unbalanced parentheses");
  return std::nullopt;
}

const std::vector<ExtraField>& ExtraFields() {
  // Order here is the order properties take in the model and in encoded output.
  static const std::vector<ExtraField> kFields = {
      {"spdx:summary", "summary", "PackageSummary", false, false},
      {"spdx:licenseComments", "licenseComments", "PackageLicenseComments", false, false},
      {"spdx:attributionText", "attributionTexts", "PackageAttributionText", false, true},
      {"spdx:releaseDate", "releaseDate", "ReleaseDate", false, false},
      {"spdx:builtDate", "builtDate", "BuiltDate", false, false},
      {"spdx:validUntilDate", "validUntilDate", "ValidUntilDate", false, false},
      {"spdx:fileType", "fileTypes", "FileType", true, true},
      {"spdx:licenseComments", "licenseComments", "LicenseComments", true, false},
      {"spdx:noticeText", "noticeText", "FileNotice", true, false},
      {"spdx:fileContributor", "fileContributors", "FileContributor", true, true},
      {"spdx:attributionText", "attributionTexts", "FileAttributionText", true, true},
  };
  return kFields;
}

const ExtraField* FindExtraByJsonKey(std::string_view key, bool on_file) {
  for (const auto& f : ExtraFields()) {
    if (f.on_file == on_file && f.json_key == key) return &f;
  }
  return nullptr;
}

const ExtraField* FindExtraByTag(std::string_view tag, bool on_file) {
  for (const auto& f : ExtraFields()) {
    if (f.on_file == on_file && f.tag == tag) return &f;
  }
  return nullptr;
}

}  // namespace sbomhub::formats::spdx::internal
