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
    slots_[s] = Slot(static_cast<std::uint32_t>(i), entries_[i].hash);
  }
}

std::pair<std::uint32_t, bool> RefTable::Insert(std::string_view key, bool value, bool copy) {
  if (2 * (entries_.size() + 1) > slots_.size()) Rehash(std::max<std::size_t>(16, 2 * slots_.size()));
  std::size_t hash = std::hash<std::string_view>{}(key);
  std::size_t mask = slots_.size() - 1;
  std::size_t s = hash & mask;
  while (slots_[s] != 0) {
    if (SlotMayHold(slots_[s], hash)) {
      std::uint32_t i = SlotIndex(slots_[s]);
      const Entry& e = entries_[i];
      if (e.hash == hash && e.key == key) return {i, false};
    }
    s = (s + 1) & mask;
  }
  auto index = static_cast<std::uint32_t>(entries_.size());
  entries_.push_back({copy ? Keep(key) : key, hash, value, false});
  slots_[s] = Slot(index, hash);
  return {index, true};
}

std::uint32_t RefTable::Find(std::string_view key) const {
  if (slots_.empty()) return kNone;
  std::size_t hash = std::hash<std::string_view>{}(key);
  std::size_t mask = slots_.size() - 1;
  for (std::size_t s = hash & mask; slots_[s] != 0; s = (s + 1) & mask) {
    if (!SlotMayHold(slots_[s], hash)) continue;
    std::uint32_t i = SlotIndex(slots_[s]);
    const Entry& e = entries_[i];
    if (e.hash == hash && e.key == key) return i;
  }
  return kNone;
}

void DecodeContext::Error(std::string rule, std::string message, const Position& at) {
  diagnostics_.Add(Make(Severity::kError, std::move(rule), std::move(message), at));
}

void DecodeContext::Warning(std::string rule, std::string message, const Position& at) {
  diagnostics_.Add(Make(Severity::kWarning, std::move(rule), std::move(message), at));
}

DecodeContext::RefOutcome DecodeContext::TryDefineRef(std::string_view ref, bool held,
                                                      bool model_component) {
  if (ref.empty()) return RefOutcome::kEmpty;
  auto [index, inserted] = refs_.Insert(ref, held, /*copy=*/true);
  if (model_component) refs_.Mark(index);
  if (inserted) return RefOutcome::kDefined;
  return held && refs_.value(index) ? RefOutcome::kDuplicateHeld : RefOutcome::kDuplicate;
}

bool DecodeContext::HeldRef(std::uint32_t noted, std::string_view ref) const {
  std::uint32_t i = noted != RefTable::kNone ? noted : refs_.Find(ref);
  return i != RefTable::kNone && refs_.Marked(i);
}

void DecodeContext::ReportRef(RefOutcome outcome, std::string_view ref, const Position& at) {
  switch (outcome) {
    case RefOutcome::kDefined:
      return;
    case RefOutcome::kEmpty:
      Error("cdx.bom-ref.empty", "bom-ref is empty (it must be a non-empty identifier)", at);
      return;
    case RefOutcome::kDuplicate:
    case RefOutcome::kDuplicateHeld: {
      std::string message = "bom-ref \"" + Excerpt(ref) + "\" is defined more than once";
      if (outcome == RefOutcome::kDuplicateHeld) {
        Error("cdx.bom-ref.unique", std::move(message), at);
      } else {
        Warning("cdx.bom-ref.unique", std::move(message), at);
      }
      return;
    }
  }
}

void DecodeContext::DefineRef(std::string_view ref, const Position& at, bool held) {
  ReportRef(TryDefineRef(ref, held), ref, at);
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
  // References first: marking below may add model bom-refs the decoder never defined.
  for (const Use& u : uses_) {
    if (!IsDefined(u.ref)) {
      Error("cdx.dependency.unresolved",
            "\"" + Excerpt(u.ref) + "\" does not match any bom-ref in this BOM", u.at);
    }
  }
  // Marks the bom-refs of components the model holds, unless the decoder did while defining
  // them (the decoders define every one of them; the insert is a safety net).
  if (!held_tracked_) {
    model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
      if (!c.bom_ref.empty()) refs_.Mark(refs_.Insert(c.bom_ref, true, /*copy=*/true).first);
    });
  }
  auto& edges = sbom.dependencies;
  bool noted = edge_ends_.size() == 2 * edges.size() &&
               dependency_ref_ends_.size() == sbom.dependency_refs.size();
  std::size_t dropped = 0;
  // Compacts in place. Edges come grouped by `from`, so `from` is looked up once per group.
  std::size_t kept = 0;
  const std::string* previous_from = nullptr;
  bool from_held = false;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (previous_from == nullptr || edges[i].from != *previous_from) {
      from_held = HeldRef(noted ? edge_ends_[2 * i] : RefTable::kNone, edges[i].from);
    }
    if (from_held && HeldRef(noted ? edge_ends_[2 * i + 1] : RefTable::kNone, edges[i].to)) {
      if (kept != i) edges[kept] = std::move(edges[i]);
      previous_from = &edges[kept].from;
      ++kept;
    } else {
      previous_from = &edges[i].from;
      ++dropped;
    }
  }
  edges.erase(edges.begin() + static_cast<std::ptrdiff_t>(kept), edges.end());
  std::size_t ref_index = 0;
  std::erase_if(sbom.dependency_refs, [&](const std::string& ref) {
    bool drop = !HeldRef(noted ? dependency_ref_ends_[ref_index] : RefTable::kNone, ref);
    ++ref_index;
    dropped += drop;
    return drop;
  });
  if (dropped > 0) NotHeld("dependency entries and edges involving services or other sections", dropped);

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
