// License policy: which licenses an organisation accepts, rejects or wants a human to review,
// and how a license expression is judged against that.
//
//   category table (built in, extendable per policy)  ─┐
//   allow / deny / review lists (ids or whole terms)   ├─► Evaluate(expression) ─► Verdict + reason
//   per-category defaults                              ─┘
//
// Evaluation: a leaf ("GPL-2.0-only WITH Classpath-exception-2.0") is looked up as a whole term,
// then by its license id, in deny, review, allow order; otherwise its category's default applies.
// OR takes the best child (any acceptable choice is enough), AND the worst (all must pass).
// Verdicts order allow < review < deny.
//
// Policy files are YAML (JSON is valid YAML, so either works); the format is in docs/licenses.md.
// Thread-safety: a Policy is an immutable value once built; the functions are pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "license/expression.h"

namespace sbomhub::license {

enum class LicenseCategory {
  kPermissive,
  kWeakCopyleft,
  kStrongCopyleft,
  kNetworkCopyleft,
  kPublicDomain,
  kProprietary,
  kUnknown,
};
inline constexpr LicenseCategory kAllLicenseCategories[] = {
    LicenseCategory::kPermissive,      LicenseCategory::kWeakCopyleft, LicenseCategory::kStrongCopyleft,
    LicenseCategory::kNetworkCopyleft, LicenseCategory::kPublicDomain, LicenseCategory::kProprietary,
    LicenseCategory::kUnknown,
};
// "permissive" | "weak-copyleft" | "strong-copyleft" | "network-copyleft" | "public-domain" |
// "proprietary" | "unknown"
std::string_view LicenseCategoryName(LicenseCategory c);
std::optional<LicenseCategory> ParseLicenseCategory(std::string_view name);
// What distributing software under a category typically obliges one to do (one sentence).
std::string_view CategoryObligation(LicenseCategory c);

// Built-in category of a listed license id (case-insensitive; "+" ignored), optionally refined by
// an exception: a linking exception (Classpath, GCC runtime, LLVM, ...) turns strong copyleft
// into weak copyleft. kUnknown for ids the table does not know and for LicenseRefs.
LicenseCategory BuiltinCategory(std::string_view license_id, std::string_view exception = {});

enum class Verdict { kAllow, kReview, kDeny };
std::string_view VerdictName(Verdict v);  // "allow" | "review" | "deny"
std::optional<Verdict> ParseVerdict(std::string_view name);

struct Policy {
  // Ids ("MIT", "LicenseRef-acme") or whole WITH terms, compared case-insensitively.
  std::vector<std::string> allow;
  std::vector<std::string> deny;
  std::vector<std::string> review;
  // Default verdict per category; a category missing here is reviewed.
  std::map<LicenseCategory, Verdict> category_defaults;
  // Extra or overriding classifications ("LicenseRef-acme-eula" -> proprietary), keyed by the
  // lower-cased id.
  std::map<std::string, LicenseCategory> categories;
  // Components that declare no license, or only NOASSERTION / NONE.
  Verdict no_license = Verdict::kReview;
  // Declared text that is neither a valid expression nor a recognised name.
  Verdict unrecognized = Verdict::kReview;

  // Permissive and public-domain allowed, weak copyleft allowed, strong copyleft reviewed,
  // network copyleft denied, proprietary and unknown reviewed.
  static Policy Default();
};

// Parses a YAML or JSON policy document. Unknown keys, unknown categories and verdicts are
// errors naming the file and line, so a typo never silently weakens a policy.
Result<Policy> ParsePolicy(std::string_view text, std::string_view file_name);
Result<Policy> LoadPolicyFile(const std::string& path, std::uint64_t max_bytes);

struct Evaluation {
  Verdict verdict = Verdict::kReview;
  std::string reason;                     // e.g. "MIT: allowed by category permissive"
  std::vector<LicenseCategory> categories;  // distinct categories of the leaves that decided
};

// Evaluates a parsed expression. Deprecated ids are judged as their successors.
Evaluation Evaluate(const ExpressionNode& expression, const Policy& policy);

// The category a policy assigns to one leaf (policy overrides, then the built-in table).
LicenseCategory CategoryOf(const ExpressionNode& leaf, const Policy& policy);

}  // namespace sbomhub::license
