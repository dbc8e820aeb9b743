#include <algorithm>
#include <cstring>
#include <string_view>
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

void RefTable::Reserve(std::size_t n) {
  entries_.reserve(n);
  std::size_t want = 16;
  while (want < 2 * n) want *= 2;
  if (want > slots_.size()) Rehash(want);
}

std::string_view RefTable::Keep(std::string_view key) {
  if (key.empty()) return {};
  if (key.size() > free_size_) {
    std::size_t size = std::max<std::size_t>(key.size(), 64 * 1024);
    chunks_.push_back(std::make_unique<char[]>(size));
    free_ = chunks_.back().get();
    free_size_ = size;
  }
  std::memcpy(free_, key.data(), key.size());
  std::string_view kept(free_, key.size());
  free_ += key.size();
  free_size_ -= key.size();
  return kept;
}

void RefTable::Rehash(std::size_t slot_count) {
  slots_.assign(slot_count, 0);
  std::size_t mask = slot_count - 1;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    std::size_t s = entries_[i].hash & mask;
    while (slots_[s] != 0) s = (s + 1) & mask;
    slots_[s] = static_cast<std::uint32_t>(i + 1);
  }
}

std::pair<bool*, bool> RefTable::Insert(std::string_view key, bool value, bool copy) {
  if (2 * (entries_.size() + 1) > slots_.size()) Rehash(std::max<std::size_t>(16, 2 * slots_.size()));
  std::size_t hash = std::hash<std::string_view>{}(key);
  std::size_t mask = slots_.size() - 1;
  std::size_t s = hash & mask;
  while (slots_[s] != 0) {
    Entry& e = entries_[slots_[s] - 1];
    if (e.hash == hash && e.key == key) return {&e.value, false};
    s = (s + 1) & mask;
  }
  entries_.push_back({copy ? Keep(key) : key, hash, value});
  slots_[s] = static_cast<std::uint32_t>(entries_.size());
  return {&entries_.back().value, true};
}

const bool* RefTable::Find(std::string_view key) const {
  if (slots_.empty()) return nullptr;
  std::size_t hash = std::hash<std::string_view>{}(key);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t s = hash & mask; slots_[s] != 0; s = (s + 1) & mask) {
    const Entry& e = entries_[slots_[s] - 1];
    if (e.hash == hash && e.key == key) return &e.value;
  }
  return nullptr;
}

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
  auto [first_held, inserted] = refs_.Insert(ref, held, /*copy=*/true);
  if (!inserted) {
    std::string message = "bom-ref \"" + Excerpt(ref) + "\" is defined more than once";
    if (held && *first_held) {
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
  // Borrowed keys: the model's strings stay put while this runs.
  RefTable held;
  held.Reserve(refs_.size());
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (!c.bom_ref.empty()) held.Insert(c.bom_ref, true, /*copy=*/false);
  });
  std::size_t dropped = 0;
  std::erase_if(sbom.dependencies, [&](const model::DependencyEdge& e) {
    bool drop = !held.Find(e.from) || !held.Find(e.to);
    dropped += drop;
    return drop;
  });
  std::erase_if(sbom.dependency_refs, [&](const std::string& ref) {
    bool drop = !held.Find(ref);
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
