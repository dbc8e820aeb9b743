#include "license/policy.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <exception>
#include <utility>

#include "base/file.h"
#include "base/text.h"
#include "license/spdx_license_list.h"

namespace sbomhub::license {
namespace {

struct CategoryRule {
  std::string_view pattern;  // an id, or a prefix ending in '*' (compared case-insensitively)
  LicenseCategory category;
};

using C = LicenseCategory;

constexpr std::size_t kMaxPolicyBytes = 1 << 20;
constexpr std::size_t kMaxPolicyIndent = 200;
constexpr std::size_t kMaxPolicyBrackets = 1000;

// The common licenses. The first matching row wins, so specific rows precede broad prefixes.
// Sources: the licenses' own terms as summarised by the FSF, OSI and Blue Oak Council lists.
constexpr CategoryRule kCategoryRules[] = {
    // Network copyleft: obligations triggered by offering the software over a network.
    {"AGPL-*", C::kNetworkCopyleft},
    {"SSPL-1.0", C::kNetworkCopyleft},
    {"OSL-*", C::kNetworkCopyleft},
    {"RPL-*", C::kNetworkCopyleft},
    {"EUPL-1.2", C::kNetworkCopyleft},
    {"CPAL-1.0", C::kNetworkCopyleft},
    // Strong copyleft.
    {"GPL-*", C::kStrongCopyleft},
    {"EUPL-*", C::kStrongCopyleft},
    {"CECILL-1.*", C::kStrongCopyleft},
    {"CECILL-2.*", C::kStrongCopyleft},
    {"CC-BY-SA-*", C::kStrongCopyleft},
    {"Sleepycat", C::kStrongCopyleft},
    {"QPL-1.0", C::kStrongCopyleft},
    {"GFDL-*", C::kStrongCopyleft},
    {"Watcom-1.0", C::kStrongCopyleft},
    // Weak (file- or library-scoped) copyleft.
    {"LGPL-*", C::kWeakCopyleft},
    {"LGPLLR", C::kWeakCopyleft},
    {"MPL-*", C::kWeakCopyleft},
    {"EPL-*", C::kWeakCopyleft},
    {"CPL-1.0", C::kWeakCopyleft},
    {"CDDL-*", C::kWeakCopyleft},
    {"MS-RL", C::kWeakCopyleft},
    {"APSL-*", C::kWeakCopyleft},
    {"CECILL-C", C::kWeakCopyleft},
    {"OFL-*", C::kWeakCopyleft},
    {"IPL-1.0", C::kWeakCopyleft},
    {"Artistic-1.0*", C::kWeakCopyleft},
    {"ErlPL-1.1", C::kWeakCopyleft},
    {"SPL-1.0", C::kWeakCopyleft},
    {"NPL-*", C::kWeakCopyleft},
    // Public domain dedications.
    {"CC0-1.0", C::kPublicDomain},
    {"Unlicense", C::kPublicDomain},
    {"PDDL-1.0", C::kPublicDomain},
    {"CC-PDDC", C::kPublicDomain},
    {"WTFPL", C::kPublicDomain},
    {"blessing", C::kPublicDomain},
    // Source-available or use-restricted: not open source.
    {"BUSL-1.1", C::kProprietary},
    {"Elastic-2.0", C::kProprietary},
    {"CC-BY-NC-*", C::kProprietary},
    {"CC-BY-NC-SA-*", C::kProprietary},
    {"CC-BY-NC-ND-*", C::kProprietary},
    {"CC-BY-ND-*", C::kProprietary},
    {"PolyForm-*", C::kProprietary},
    {"Commons-Clause", C::kProprietary},
    // Permissive.
    {"MIT*", C::kPermissive},
    {"BSD-*", C::kPermissive},
    {"0BSD", C::kPermissive},
    {"Apache-*", C::kPermissive},
    {"ISC", C::kPermissive},
    {"Zlib", C::kPermissive},
    {"zlib-acknowledgement", C::kPermissive},
    {"BSL-1.0", C::kPermissive},
    {"PSF-2.0", C::kPermissive},
    {"Python-2.0*", C::kPermissive},
    {"X11*", C::kPermissive},
    {"curl", C::kPermissive},
    {"Unicode-*", C::kPermissive},
    {"NCSA", C::kPermissive},
    {"PostgreSQL", C::kPermissive},
    {"OpenSSL", C::kPermissive},
    {"SSLeay-standalone", C::kPermissive},
    {"Libpng", C::kPermissive},
    {"libpng-2.0", C::kPermissive},
    {"ICU", C::kPermissive},
    {"JSON", C::kPermissive},
    {"W3C*", C::kPermissive},
    {"Artistic-2.0", C::kPermissive},
    {"Ruby", C::kPermissive},
    {"AFL-*", C::kPermissive},
    {"CC-BY-*", C::kPermissive},
    {"Beerware", C::kPermissive},
    {"FTL", C::kPermissive},
    {"HPND*", C::kPermissive},
    {"BlueOak-1.0.0", C::kPermissive},
    {"UPL-1.0", C::kPermissive},
    {"ZPL-*", C::kPermissive},
    {"Spencer-*", C::kPermissive},
    {"bzip2-1.0.6", C::kPermissive},
    {"PHP-3.*", C::kPermissive},
    {"Vim", C::kPermissive},
    {"OLDAP-*", C::kPermissive},
    {"ECL-2.0", C::kPermissive},
    {"MS-PL", C::kPermissive},
    {"NTP", C::kPermissive},
    {"TCL", C::kPermissive},
    {"Xnet", C::kPermissive},
    {"SMLNJ", C::kPermissive},
    {"Info-ZIP", C::kPermissive},
    {"ImageMagick", C::kPermissive},
    {"FSFAP", C::kPermissive},
    {"FSFUL*", C::kPermissive},
    {"Intel", C::kPermissive},
    {"CNRI-Python", C::kPermissive},
};

// Exceptions that permit linking the copyleft library into a work under other terms.
constexpr std::string_view kLinkingExceptions[] = {
    "Classpath-exception-2.0", "GCC-exception-2.0", "GCC-exception-3.1", "LLVM-exception",
    "Autoconf-exception-2.0",  "Autoconf-exception-3.0", "Bison-exception-2.2", "Font-exception-2.0",
    "Linux-syscall-note",      "Libtool-exception", "OCaml-LGPL-linking-exception", "Universal-FOSS-exception-1.0",
    "eCos-exception-2.0",      "WxWindows-exception-3.1", "Qt-LGPL-exception-1.1", "openvpn-openssl-exception",
    "GPL-3.0-linking-exception", "GPL-3.0-linking-source-exception", "u-boot-exception-2.0",
};

bool MatchesPattern(std::string_view pattern, std::string_view id) {
  if (EndsWith(pattern, "*")) {
    pattern.remove_suffix(1);
    return id.size() >= pattern.size() && EqualsIgnoreCase(id.substr(0, pattern.size()), pattern);
  }
  return EqualsIgnoreCase(pattern, id);
}

int Rank(Verdict v) {
  switch (v) {
    case Verdict::kAllow: return 0;
    case Verdict::kReview: return 1;
    case Verdict::kDeny: return 2;
  }
  return 1;
}

bool InList(const std::vector<std::string>& list, std::string_view term) {
  for (const auto& entry : list) {
    if (EqualsIgnoreCase(entry, term)) return true;
  }
  return false;
}

std::string LeafTerm(const ExpressionNode& n, bool with_exception) {
  std::string s = n.document_ref.empty() ? n.id : n.document_ref + ":" + n.id;
  if (n.or_later) s += '+';
  if (with_exception && !n.exception.empty()) s += " WITH " + n.exception;
  return s;
}

void AddCategory(std::vector<LicenseCategory>& out, LicenseCategory c) {
  if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
}

Evaluation EvaluateLeaf(const ExpressionNode& leaf, const Policy& policy) {
  Evaluation e;
  if (leaf.kind == ExpressionNode::Kind::kNone || leaf.kind == ExpressionNode::Kind::kNoAssertion) {
    e.verdict = policy.no_license;
    e.reason = leaf.id + ": no license declared (" + std::string(VerdictName(policy.no_license)) + " by policy)";
    AddCategory(e.categories, LicenseCategory::kUnknown);
    return e;
  }
  // Judge "GPL-2.0+" as "GPL-2.0-or-later": the lists are written with current ids.
  ExpressionNode current = leaf;
  if (leaf.kind == ExpressionNode::Kind::kLicense) {
    if (const LicenseInfo* info = FindLicense(leaf.id); info != nullptr && info->deprecated) {
      const std::string repl = DeprecatedReplacement(std::string(info->id) + (leaf.or_later ? "+" : ""));
      if (auto parsed = ParseExpression(repl); parsed.ok() && parsed->root.is_leaf()) {
        current = parsed->root;
        if (current.exception.empty()) current.exception = leaf.exception;
      }
    }
  }
  (void)Canonicalize(current);
  const std::string whole = LeafTerm(current, true);
  const std::string id_only = LeafTerm(current, false);
  const LicenseCategory category = CategoryOf(current, policy);
  AddCategory(e.categories, category);
  struct ListCheck {
    const std::vector<std::string>* list;
    Verdict verdict;
    std::string_view name;
  };
  const ListCheck checks[] = {
      {&policy.deny, Verdict::kDeny, "deny"}, {&policy.review, Verdict::kReview, "review"},
      {&policy.allow, Verdict::kAllow, "allow"}};
  for (const std::string* term : {&whole, &id_only}) {
    if (term == &id_only && whole == id_only) break;
    for (const ListCheck& c : checks) {
      if (InList(*c.list, *term)) {
        e.verdict = c.verdict;
        e.reason = whole + ": " + std::string(c.name) + " list" + (term == &id_only && whole != id_only ? " (" + id_only + ")" : "");
        return e;
      }
    }
  }
  auto it = policy.category_defaults.find(category);
  e.verdict = it == policy.category_defaults.end() ? Verdict::kReview : it->second;
  e.reason = whole + ": " + std::string(LicenseCategoryName(category)) + " (" + std::string(VerdictName(e.verdict)) +
             " by category default)";
  return e;
}

// Recursion depth is bounded by the expression depth (ParseExpression limits nesting).
Evaluation EvaluateNode(const ExpressionNode& n, const Policy& policy) {
  if (n.is_leaf()) return EvaluateLeaf(n, policy);
  const bool is_or = n.kind == ExpressionNode::Kind::kOr;
  std::vector<Evaluation> parts;
  parts.reserve(n.children.size());
  for (const auto& c : n.children) parts.push_back(EvaluateNode(c, policy));
  // OR: the best choice decides; AND: the worst term decides.
  std::size_t pick = 0;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const bool better = Rank(parts[i].verdict) < Rank(parts[pick].verdict);
    const bool worse = Rank(parts[i].verdict) > Rank(parts[pick].verdict);
    if (is_or ? better : worse) pick = i;
  }
  Evaluation e;
  e.verdict = parts[pick].verdict;
  if (is_or) {
    e.reason = "chose " + parts[pick].reason;
    e.categories = parts[pick].categories;
  } else {
    e.reason = parts[pick].reason;
    for (const auto& p : parts) {
      for (LicenseCategory c : p.categories) AddCategory(e.categories, c);
    }
  }
  return e;
}

Status PolicyError(std::string_view file, const YAML::Mark& mark, const std::string& message) {
  std::string where(file);
  if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  return Status::InvalidArgument(where + ": " + message);
}

Result<std::vector<std::string>> ReadList(const YAML::Node& node, std::string_view file, std::string_view key) {
  if (!node.IsSequence()) return PolicyError(file, node.Mark(), std::string(key) + " must be a list of license ids");
  std::vector<std::string> out;
  for (const auto& item : node) {
    if (!item.IsScalar()) return PolicyError(file, item.Mark(), std::string(key) + " entries must be strings");
    const std::string term(TrimWhitespace(item.Scalar()));
    auto parsed = ParseExpression(term);
    if (!parsed.ok() || !parsed->root.is_leaf()) {
      return PolicyError(file, item.Mark(),
                         "'" + Excerpt(term) + "' in " + std::string(key) +
                             " is not a single license id or 'id WITH exception' term");
    }
    // Store current ids so lookups match what EvaluateLeaf compares against.
    ExpressionNode leaf = parsed->root;
    (void)Canonicalize(leaf);
    out.push_back(LeafTerm(leaf, true));
  }
  return out;
}

Result<Verdict> ReadVerdict(const YAML::Node& node, std::string_view file) {
  if (node.IsScalar()) {
    if (auto v = ParseVerdict(node.Scalar())) return *v;
  }
  return PolicyError(file, node.Mark(), "expected allow, review or deny");
}

Result<Policy> ParsePolicyYaml(const YAML::Node& root, std::string_view file) {
  Policy p = Policy::Default();
  if (root.IsNull()) return p;
  if (!root.IsMap()) return PolicyError(file, root.Mark(), "a policy is a mapping (see docs/licenses.md)");
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& value = kv.second;
    if (key == "version") {
      if (!value.IsScalar() || value.Scalar() != "1") return PolicyError(file, value.Mark(), "only version 1 is known");
    } else if (key == "allow") {
      SBOMHUB_ASSIGN_OR_RETURN(p.allow, ReadList(value, file, key));
    } else if (key == "deny") {
      SBOMHUB_ASSIGN_OR_RETURN(p.deny, ReadList(value, file, key));
    } else if (key == "review") {
      SBOMHUB_ASSIGN_OR_RETURN(p.review, ReadList(value, file, key));
    } else if (key == "categories") {
      if (!value.IsMap()) return PolicyError(file, value.Mark(), "categories maps a category to a verdict");
      for (const auto& c : value) {
        auto category = ParseLicenseCategory(c.first.Scalar());
        if (!category) return PolicyError(file, c.first.Mark(), "unknown category '" + Excerpt(c.first.Scalar()) + "'");
        SBOMHUB_ASSIGN_OR_RETURN(Verdict v, ReadVerdict(c.second, file));
        p.category_defaults[*category] = v;
      }
    } else if (key == "license-categories") {
      if (!value.IsMap()) return PolicyError(file, value.Mark(), "license-categories maps a license id to a category");
      for (const auto& c : value) {
        if (!c.second.IsScalar()) return PolicyError(file, c.second.Mark(), "expected a category name");
        auto category = ParseLicenseCategory(c.second.Scalar());
        if (!category) return PolicyError(file, c.second.Mark(), "unknown category '" + Excerpt(c.second.Scalar()) + "'");
        p.categories[AsciiLower(TrimWhitespace(c.first.Scalar()))] = *category;
      }
    } else if (key == "no-license") {
      SBOMHUB_ASSIGN_OR_RETURN(p.no_license, ReadVerdict(value, file));
    } else if (key == "unrecognized") {
      SBOMHUB_ASSIGN_OR_RETURN(p.unrecognized, ReadVerdict(value, file));
    } else {
      return PolicyError(file, kv.first.Mark(), "unknown key '" + Excerpt(key) + "'");
    }
  }
  return p;
}

}  // namespace

std::string_view LicenseCategoryName(LicenseCategory c) {
  switch (c) {
    case C::kPermissive: return "permissive";
    case C::kWeakCopyleft: return "weak-copyleft";
    case C::kStrongCopyleft: return "strong-copyleft";
    case C::kNetworkCopyleft: return "network-copyleft";
    case C::kPublicDomain: return "public-domain";
    case C::kProprietary: return "proprietary";
    case C::kUnknown: return "unknown";
  }
  return "unknown";
}

std::optional<LicenseCategory> ParseLicenseCategory(std::string_view name) {
  for (LicenseCategory c : kAllLicenseCategories) {
    if (EqualsIgnoreCase(LicenseCategoryName(c), TrimWhitespace(name))) return c;
  }
  return std::nullopt;
}

std::string_view CategoryObligation(LicenseCategory c) {
  switch (c) {
    case C::kPermissive:
      return "keep the copyright and license notices with every copy, source or binary";
    case C::kWeakCopyleft:
      return "publish changes to the licensed files or library and let users relink or replace it";
    case C::kStrongCopyleft:
      return "distribute the complete corresponding source of the combined work under the same license";
    case C::kNetworkCopyleft:
      return "as strong copyleft, and also offer the source to users who interact with it over a network";
    case C::kPublicDomain:
      return "no conditions; keeping attribution is good practice";
    case C::kProprietary:
      return "follow the vendor agreement; check field-of-use and redistribution restrictions";
    case C::kUnknown:
      return "identify the license before distributing";
  }
  return "";
}

LicenseCategory BuiltinCategory(std::string_view license_id, std::string_view exception) {
  if (EndsWith(license_id, "+")) license_id.remove_suffix(1);
  LicenseCategory category = C::kUnknown;
  for (const CategoryRule& r : kCategoryRules) {
    if (MatchesPattern(r.pattern, license_id)) {
      category = r.category;
      break;
    }
  }
  if (!exception.empty() && (category == C::kStrongCopyleft || category == C::kNetworkCopyleft)) {
    for (std::string_view e : kLinkingExceptions) {
      if (EqualsIgnoreCase(e, exception)) return C::kWeakCopyleft;
    }
  }
  return category;
}

std::string_view VerdictName(Verdict v) {
  switch (v) {
    case Verdict::kAllow: return "allow";
    case Verdict::kReview: return "review";
    case Verdict::kDeny: return "deny";
  }
  return "review";
}

std::optional<Verdict> ParseVerdict(std::string_view name) {
  for (Verdict v : {Verdict::kAllow, Verdict::kReview, Verdict::kDeny}) {
    if (EqualsIgnoreCase(VerdictName(v), TrimWhitespace(name))) return v;
  }
  return std::nullopt;
}

Policy Policy::Default() {
  Policy p;
  p.category_defaults = {
      {C::kPermissive, Verdict::kAllow},       {C::kPublicDomain, Verdict::kAllow},
      {C::kWeakCopyleft, Verdict::kAllow},     {C::kStrongCopyleft, Verdict::kReview},
      {C::kNetworkCopyleft, Verdict::kDeny},   {C::kProprietary, Verdict::kReview},
      {C::kUnknown, Verdict::kReview},
  };
  return p;
}

Result<Policy> ParsePolicy(std::string_view text, std::string_view file_name) {
  // yaml-cpp parses nested collections recursively and can exhaust the stack on hostile input;
  // a policy needs almost no nesting, so refuse deep input before handing it over.
  if (text.size() > kMaxPolicyBytes) {
    return Status::TooLarge(std::string(file_name) + ": policy larger than " + std::to_string(kMaxPolicyBytes) +
                            " bytes");
  }
  std::size_t open = 0, indent = 0, line = 1;
  bool at_line_start = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      at_line_start = true;
      indent = 0;
      continue;
    }
    if (at_line_start && (c == ' ' || c == '-')) {
      if (++indent > kMaxPolicyIndent) {
        return Status::InvalidArgument(std::string(file_name) + ":" + std::to_string(line) +
                                       ": nested deeper than a policy needs");
      }
      continue;
    }
    at_line_start = false;
    if ((c == '[' || c == '{') && ++open > kMaxPolicyBrackets) {
      return Status::InvalidArgument(std::string(file_name) + ":" + std::to_string(line) +
                                     ": too many nested or inline collections for a policy");
    }
  }
  // yaml-cpp reports errors by exception; they stop here.
  try {
    const YAML::Node root = YAML::Load(std::string(text));
    return ParsePolicyYaml(root, file_name);
  } catch (const YAML::Exception& e) {
    return PolicyError(file_name, e.mark, e.msg);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(file_name) + ": " + e.what());
  }
}

Result<Policy> LoadPolicyFile(const std::string& path, std::uint64_t max_bytes) {
  SBOMHUB_ASSIGN_OR_RETURN(std::string text, ReadFile(path, max_bytes));
  return ParsePolicy(text, path);
}

LicenseCategory CategoryOf(const ExpressionNode& leaf, const Policy& policy) {
  if (!policy.categories.empty()) {
    const std::string key = AsciiLower(leaf.document_ref.empty() ? leaf.id : leaf.document_ref + ":" + leaf.id);
    if (auto it = policy.categories.find(key); it != policy.categories.end()) return it->second;
  }
  if (leaf.kind != ExpressionNode::Kind::kLicense) return C::kUnknown;
  return BuiltinCategory(leaf.id, leaf.exception);
}

Evaluation Evaluate(const ExpressionNode& expression, const Policy& policy) {
  return EvaluateNode(expression, policy);
}

}  // namespace sbomhub::license
