#include <string_view>
#include <unordered_set>
#include <utility>

#include "base/text.h"
#include "formats/cyclonedx/internal.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {
Diagnostic Make(Severity severity, std::string rule, std::string message, const Position& at) {
  Diagnostic d;
  d.severity = severity;
  d.rule = std::move(rule);
  d.message = std::move(message);
  d.pointer = at.pointer;
  d.line = at.line;
  d.column = at.column;
  return d;
}
}  // namespace

void DecodeContext::Error(std::string rule, std::string message, const Position& at) {
  diagnostics_.Add(Make(Severity::kError, std::move(rule), std::move(message), at));
}

void DecodeContext::Warning(std::string rule, std::string message, const Position& at) {
  diagnostics_.Add(Make(Severity::kWarning, std::move(rule), std::move(message), at));
}

void DecodeContext::DefineRef(std::string_view ref, const Position& at, bool held) {
  if (ref.empty()) {
    Error("cdx.bom-ref.empty", "bom-ref is empty (it must be a non-empty identifier)", at);
    return;
  }
  auto [it, inserted] = refs_.emplace(std::string(ref), held);
  if (!inserted) {
    std::string message = "bom-ref \"" + Excerpt(ref) + "\" is defined more than once";
    if (held && it->second) {
      Error("cdx.bom-ref.unique", std::move(message), at);
    } else {
      Warning("cdx.bom-ref.unique", std::move(message), at);
    }
  }
}

void DecodeContext::UseRef(std::string_view ref, const Position& at) {
  uses_.push_back({std::string(ref), at});
}

void DecodeContext::NotHeld(std::string_view section, std::size_t count) {
  auto it = not_held_.find(section);
  if (it == not_held_.end()) {
    not_held_.emplace(std::string(section), count);
  } else {
    it->second += count;
  }
}

void DecodeContext::Finish(model::Sbom& sbom) {
  std::unordered_set<std::string_view> held;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (!c.bom_ref.empty()) held.insert(c.bom_ref);
  });
  std::size_t dropped = 0;
  std::erase_if(sbom.dependencies, [&](const model::DependencyEdge& e) {
    bool drop = held.count(e.from) == 0 || held.count(e.to) == 0;
    dropped += drop;
    return drop;
  });
  std::erase_if(sbom.dependency_refs, [&](const std::string& ref) {
    bool drop = held.count(ref) == 0;
    dropped += drop;
    return drop;
  });
  if (dropped > 0) NotHeld("dependency entries and edges involving services or other sections", dropped);

  for (const Use& u : uses_) {
    if (!IsDefined(u.ref)) {
      Error("cdx.dependency.unresolved",
            "\"" + Excerpt(u.ref) + "\" does not match any bom-ref in this BOM", u.at);
    }
  }
  for (const auto& [section, count] : not_held_) {
    Diagnostic d;
    d.severity = Severity::kInfo;
    d.rule = "cdx.not-held";
    d.message = section + " (" + std::to_string(count) +
                ") are not held by sbomhub's model and will not be converted";
    diagnostics_.Add(std::move(d));
  }
}

}  // namespace sbomhub::formats::cyclonedx::internal
