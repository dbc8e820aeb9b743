#include "license/report.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>
#include <utility>

#include "base/text.h"

namespace sbomhub::license {
namespace {

bool IsNoAssertion(std::string_view v) {
  v = TrimWhitespace(v);
  return v.empty() || EqualsIgnoreCase(v, "NOASSERTION");
}

int Rank(Verdict v) { return v == Verdict::kAllow ? 0 : (v == Verdict::kReview ? 1 : 2); }

void AddCategory(std::vector<LicenseCategory>& out, LicenseCategory c) {
  if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
}

// The texts a component's license is judged by (see BuildLicenseReport in the header): the value
// of each chosen statement, or its URL when the value is blank.
// `texts` is cleared first (callers reuse it).
void ChosenTexts(const model::Component& component, std::vector<std::string_view>& texts) {
  texts.clear();
  auto text_of = [](const model::License& l) {
    std::string_view text = l.value;
    if (TrimWhitespace(text).empty() && !l.url.empty()) text = l.url;
    return text;
  };
  for (const auto& l : component.licenses) {
    if (l.acknowledgement == model::LicenseAcknowledgement::kConcluded && !IsNoAssertion(l.value)) {
      texts.push_back(text_of(l));
    }
  }
  if (!texts.empty()) return;
  for (const auto& l : component.licenses) {
    if (l.acknowledgement != model::LicenseAcknowledgement::kConcluded) texts.push_back(text_of(l));
  }
}

// Everything in a ComponentLicense except the component's identity (bom_ref, name, version): a
// function of the chosen texts and the policy alone.
void EvaluateTexts(const std::vector<std::string_view>& chosen, const Policy& policy, ComponentLicense& out) {
  std::vector<std::string> parts;          // normalized expressions, one per statement
  std::vector<std::string> declared_parts;  // as written
  bool all_valid = true;
  bool any_unrecognized = false;
  bool only_no_assertion = true;
  for (std::string_view text : chosen) {
    declared_parts.emplace_back(text);
    if (IsNoAssertion(text) || EqualsIgnoreCase(TrimWhitespace(text), "NONE")) continue;
    only_no_assertion = false;
    NormalizedLicense n = NormalizeLicense(text);
    if (n.method == NormalizedLicense::Method::kUnmatched) {
      all_valid = false;
      any_unrecognized = true;
      auto parsed = ParseExpression(text);
      if (!parsed.ok()) {
        out.notes.push_back("'" + Excerpt(text) + "' is not an SPDX expression: " + parsed.status().message());
      } else {
        for (const auto& issue : ValidateExpression(parsed->root)) {
          out.notes.push_back(issue.message + " (offset " + std::to_string(issue.offset) + ")");
        }
        if (ValidateExpression(parsed->root).empty()) out.notes.push_back(n.note);
      }
      continue;
    }
    if (!n.normalized_from.empty()) {
      std::string note = "'" + Excerpt(n.normalized_from) + "' normalized to " + n.expression + " (" +
                         std::string(NormalizationMethodName(n.method)) + ")";
      if (!n.note.empty()) note += ": " + n.note;
      out.notes.push_back(std::move(note));
    }
    // Warnings (deprecated ids) survive normalization only when no successor is known.
    if (auto parsed = ParseExpression(n.expression); parsed.ok()) {
      for (const auto& issue : ValidateExpression(parsed->root)) out.notes.push_back(issue.message);
    }
    parts.push_back(std::move(n.expression));
  }
  for (std::size_t i = 0; i < declared_parts.size(); ++i) {
    if (i > 0) out.declared += " AND ";
    out.declared += declared_parts[i];
  }

  if (parts.empty() && !any_unrecognized) {
    out.valid = !chosen.empty();  // "NOASSERTION" is a valid statement, just not an answer
    out.verdict = policy.no_license;
    out.reason = chosen.empty() || !only_no_assertion ? "no license declared" : "license not asserted (NOASSERTION/NONE)";
    out.reason += " (" + std::string(VerdictName(policy.no_license)) + " by policy)";
    out.categories.push_back(LicenseCategory::kUnknown);
    return;
  }

  if (parts.size() == 1) {
    out.expression = parts[0];
  } else {
    for (std::size_t i = 0; i < parts.size(); ++i) {
      if (i > 0) out.expression += " AND ";
      auto p = ParseExpression(parts[i]);
      const bool needs_paren = p.ok() && p->root.kind == ExpressionNode::Kind::kOr;
      out.expression += needs_paren ? "(" + parts[i] + ")" : parts[i];
    }
  }
  out.valid = all_valid;

  Evaluation e;
  bool have = false;
  if (!out.expression.empty()) {
    if (auto parsed = ParseExpression(out.expression); parsed.ok()) {
      e = Evaluate(parsed->root, policy);
      have = true;
    } else {
      // Each statement parsed on its own; only their combination can exceed the size limit.
      e.verdict = policy.unrecognized;
      e.reason = "combined license expression cannot be evaluated: " + parsed.status().message();
      have = true;
    }
  }
  if (any_unrecognized) {
    // AND with the unrecognized statement: the worse verdict decides.
    if (!have || Rank(policy.unrecognized) > Rank(e.verdict)) {
      e.verdict = policy.unrecognized;
      e.reason = "unrecognized license text (" + std::string(VerdictName(policy.unrecognized)) + " by policy)";
    }
    AddCategory(e.categories, LicenseCategory::kUnknown);
  }
  out.verdict = e.verdict;
  out.reason = std::move(e.reason);
  out.categories = std::move(e.categories);
}

void SetIdentity(const model::Component& component, ComponentLicense& out) {
  out.bom_ref = component.bom_ref;
  out.name = component.group.empty() ? component.name : component.group + "/" + component.name;
  out.version = component.version;
}

}  // namespace

ComponentLicense EvaluateComponent(const model::Component& component, const Policy& policy) {
  ComponentLicense out;
  SetIdentity(component, out);
  std::vector<std::string_view> texts;
  ChosenTexts(component, texts);
  EvaluateTexts(texts, policy, out);
  return out;
}

LicenseReport BuildLicenseReport(const model::Sbom& sbom, const Policy& policy) {
  LicenseReport report;
  // Components repeat a few hundred distinct license statements at most, so each distinct list
  // of chosen texts is evaluated (normalized, parsed, judged) once and copied after that. The key
  // length-prefixes every text, so different lists cannot meet.
  struct Evaluated {
    ComponentLicense license;
    std::size_t uses = 0;  // components sharing it (the summary counts are added up at the end)
  };
  std::unordered_map<std::string, Evaluated> evaluated;
  std::string key;
  std::vector<std::string_view> texts;
  report.components.reserve(model::CountAllComponents(sbom));
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    ChosenTexts(c, texts);
    key.clear();
    for (std::string_view t : texts) {
      key += std::to_string(t.size());
      key += ':';
      key += t;
    }
    auto [it, inserted] = evaluated.try_emplace(key);
    if (inserted) EvaluateTexts(texts, policy, it->second.license);
    ++it->second.uses;
    ComponentLicense& cl = report.components.emplace_back(it->second.license);
    SetIdentity(c, cl);
  });
  for (const auto& [unused_key, e] : evaluated) {
    switch (e.license.verdict) {
      case Verdict::kAllow: report.allowed += e.uses; break;
      case Verdict::kReview: report.review += e.uses; break;
      case Verdict::kDeny: report.denied += e.uses; break;
    }
    for (LicenseCategory cat : e.license.categories) report.category_counts[cat] += e.uses;
  }
  return report;
}

void WriteLicenseReportJson(JsonWriter& w, const LicenseReport& report) {
  w.BeginObject();
  WriteLicenseReportFields(w, report);
  w.EndObject();
}

void WriteLicenseReportFields(JsonWriter& w, const LicenseReport& report) {
  w.Key("summary").BeginObject();
  w.Field("components", static_cast<std::uint64_t>(report.components.size()));
  w.Field("allow", static_cast<std::uint64_t>(report.allowed));
  w.Field("review", static_cast<std::uint64_t>(report.review));
  w.Field("deny", static_cast<std::uint64_t>(report.denied));
  w.EndObject();
  w.Key("components").BeginArray();
  for (const auto& c : report.components) {
    w.BeginObject();
    w.Field("bomRef", c.bom_ref);
    w.Field("name", c.name);
    w.Field("version", c.version);
    w.Field("declared", c.declared);
    w.Field("expression", c.expression);
    w.Field("valid", c.valid);
    w.Field("verdict", VerdictName(c.verdict));
    w.Field("reason", c.reason);
    w.Key("categories").BeginArray();
    for (LicenseCategory cat : c.categories) w.String(LicenseCategoryName(cat));
    w.EndArray();
    w.Key("notes").BeginArray();
    for (const auto& n : c.notes) w.String(n);
    w.EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.Key("obligations").BeginArray();
  for (const auto& [cat, count] : report.category_counts) {
    w.BeginObject();
    w.Field("category", LicenseCategoryName(cat));
    w.Field("components", static_cast<std::uint64_t>(count));
    w.Field("obligation", CategoryObligation(cat));
    w.EndObject();
  }
  w.EndArray();
}

std::string FormatLicenseReport(const LicenseReport& report) {
  std::string out;
  for (const auto& c : report.components) {
    out += std::string(VerdictName(c.verdict));
    out.append(7 - std::min<std::size_t>(6, VerdictName(c.verdict).size()), ' ');
    out += c.name;
    if (!c.version.empty()) out += "@" + c.version;
    out += "  " + (c.expression.empty() ? (c.declared.empty() ? std::string("(none)") : "'" + Excerpt(c.declared) + "'")
                                         : c.expression);
    out += "\n       " + c.reason + "\n";
    for (const auto& n : c.notes) out += "       note: " + n + "\n";
  }
  out += "\n" + std::to_string(report.components.size()) + " components: " + std::to_string(report.allowed) +
         " allowed, " + std::to_string(report.review) + " to review, " + std::to_string(report.denied) + " denied\n";
  if (!report.category_counts.empty()) out += "\nObligations by category:\n";
  for (const auto& [cat, count] : report.category_counts) {
    out += "  " + std::string(LicenseCategoryName(cat)) + " (" + std::to_string(count) +
           "): " + std::string(CategoryObligation(cat)) + "\n";
  }
  return out;
}

}  // namespace sbomhub::license
