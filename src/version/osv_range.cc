#include "version/osv_range.h"

#include <algorithm>
#include <numeric>

namespace sbomhub::version {

std::string_view OsvRangeTypeName(OsvRangeType t) {
  switch (t) {
    case OsvRangeType::kSemver: return "SEMVER";
    case OsvRangeType::kEcosystem: return "ECOSYSTEM";
    case OsvRangeType::kGit: return "GIT";
  }
  return "ECOSYSTEM";
}

std::optional<OsvRangeType> ParseOsvRangeType(std::string_view name) {
  if (name == "SEMVER") return OsvRangeType::kSemver;
  if (name == "ECOSYSTEM") return OsvRangeType::kEcosystem;
  if (name == "GIT") return OsvRangeType::kGit;
  return std::nullopt;
}

std::string_view OsvEventKindName(OsvEventKind k) {
  switch (k) {
    case OsvEventKind::kIntroduced: return "introduced";
    case OsvEventKind::kFixed: return "fixed";
    case OsvEventKind::kLastAffected: return "last_affected";
    case OsvEventKind::kLimit: return "limit";
  }
  return "introduced";
}

std::string_view AffectedName(Affected a) {
  switch (a) {
    case Affected::kAffected: return "affected";
    case Affected::kNotAffected: return "not-affected";
    case Affected::kUnknown: return "unknown";
  }
  return "unknown";
}

Result<OsvRange> OsvRange::Create(OsvRangeType type, Scheme scheme, std::vector<OsvEvent> events) {
  if (type == OsvRangeType::kSemver) scheme = Scheme::kSemver;
  OsvRange r(type, scheme);
  if (events.empty()) return Status::InvalidArgument("OSV range has no events");
  const bool any_introduced = std::any_of(events.begin(), events.end(),
                                          [](const OsvEvent& e) { return e.kind == OsvEventKind::kIntroduced; });
  if (!any_introduced) return Status::InvalidArgument("OSV range has no \"introduced\" event");
  if (type == OsvRangeType::kGit) {
    r.events_ = std::move(events);
    return r;
  }
  std::vector<Bound> bounds;
  bounds.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    const OsvEvent& e = events[i];
    Bound b{e.kind};
    if (e.kind == OsvEventKind::kIntroduced && e.version == "0") {
      b.zero = true;
    } else if (e.kind == OsvEventKind::kLimit && e.version == "*") {
      b.infinity = true;
    } else {
      auto v = Version::Parse(scheme, e.version);
      if (!v.ok()) {
        return v.status().WithContext("OSV event " + std::to_string(i) + " (" +
                                      std::string(OsvEventKindName(e.kind)) + ")");
      }
      b.version = std::move(v).value();
    }
    if (e.kind == OsvEventKind::kLimit) r.has_limits_ = true;
    bounds.push_back(std::move(b));
  }
  // Sort events by version: "0" first, "*" last, ties keep the record's order.
  std::vector<std::size_t> order(events.size());
  std::iota(order.begin(), order.end(), 0);
  auto rank = [&bounds](std::size_t i) { return bounds[i].zero ? 0 : (bounds[i].infinity ? 2 : 1); };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    const int rx = rank(x), ry = rank(y);
    if (rx != ry || rx != 1) return rx < ry;
    return Compare(*bounds[x].version, *bounds[y].version) < 0;
  });
  r.events_.reserve(events.size());
  r.bounds_.reserve(events.size());
  for (std::size_t i : order) {
    r.events_.push_back(std::move(events[i]));
    r.bounds_.push_back(std::move(bounds[i]));
  }
  return r;
}

Affected OsvRange::Evaluate(const Version& v) const {
  if (type_ == OsvRangeType::kGit || v.scheme() != scheme_) return Affected::kUnknown;
  if (has_limits_) {
    bool before = false;
    for (const Bound& b : bounds_) {
      if (b.kind != OsvEventKind::kLimit) continue;
      if (b.infinity || Compare(v, *b.version) < 0) {
        before = true;
        break;
      }
    }
    if (!before) return Affected::kNotAffected;
  }
  bool vulnerable = false;
  for (const Bound& b : bounds_) {
    switch (b.kind) {
      case OsvEventKind::kIntroduced:
        if (b.zero || Compare(v, *b.version) >= 0) vulnerable = true;
        break;
      case OsvEventKind::kFixed:
        if (Compare(v, *b.version) >= 0) vulnerable = false;
        break;
      case OsvEventKind::kLastAffected:
        if (Compare(v, *b.version) > 0) vulnerable = false;
        break;
      case OsvEventKind::kLimit:
        break;
    }
  }
  return vulnerable ? Affected::kAffected : Affected::kNotAffected;
}

Affected OsvRange::Evaluate(std::string_view v) const {
  if (type_ == OsvRangeType::kGit) return Affected::kUnknown;
  auto parsed = Version::Parse(scheme_, v);
  if (!parsed.ok()) return Affected::kUnknown;
  return Evaluate(*parsed);
}

Result<VersRange> OsvRange::ToVers(std::string_view vers_type) const {
  if (type_ == OsvRangeType::kGit) return Status::Unsupported("GIT ranges hold commits; they have no vers form");
  if (SchemeForVersType(vers_type) != scheme_) {
    return Status::InvalidArgument("vers type \"" + std::string(vers_type) + "\" does not use the " +
                                   std::string(SchemeName(scheme_)) + " scheme of this range");
  }
  // Walk the sorted timeline as Evaluate does, one group of equal versions at a time. For a group at
  // version X, Evaluate's answer just below X is `state`, at X it applies introduced/fixed of the
  // group (last_affected only bites above X), and just above X it applies all three; the intervals
  // follow those three answers.
  std::vector<VersionInterval> intervals;
  std::optional<VersionInterval> open;
  bool state = false;
  std::size_t i = 0;
  while (i < bounds_.size() && bounds_[i].zero) {
    state = true;
    ++i;
  }
  if (state) open.emplace();
  while (i < bounds_.size()) {
    std::size_t j = i;
    const Bound* group = nullptr;  // first non-limit bound of the group
    bool at = state, after = state;
    while (j < bounds_.size() && !bounds_[j].infinity &&
           (j == i || Compare(*bounds_[j].version, *bounds_[i].version) == 0)) {
      switch (bounds_[j].kind) {
        case OsvEventKind::kIntroduced: at = after = true; break;
        case OsvEventKind::kFixed: at = after = false; break;
        case OsvEventKind::kLastAffected: after = false; break;
        case OsvEventKind::kLimit: break;
      }
      if (bounds_[j].kind != OsvEventKind::kLimit && !group) group = &bounds_[j];
      ++j;
    }
    if (j == i) {  // "*" limits sort last and do not change the state
      ++i;
      continue;
    }
    i = j;
    if (!group) continue;
    const Version& x = *group->version;
    if (state && !at) {
      open->upper = VersionBound{x, false};
      intervals.push_back(std::move(*open));
      open.reset();
    } else if (state && !after) {
      open->upper = VersionBound{x, true};
      intervals.push_back(std::move(*open));
      open.reset();
    }
    if (!state || !at) {
      if (at && !after) {
        intervals.push_back(VersionInterval{VersionBound{x, true}, VersionBound{x, true}});
      } else if (after) {
        open.emplace();
        open->lower = VersionBound{x, at};
      }
    }
    state = after;
  }
  if (open) intervals.push_back(std::move(*open));
  if (has_limits_) {
    // Below any limit = below the greatest one; "*" lifts the cap.
    const Version* cap = nullptr;
    bool infinite = false;
    for (const Bound& b : bounds_) {
      if (b.kind != OsvEventKind::kLimit) continue;
      if (b.infinity) infinite = true;
      else if (!cap || Compare(*b.version, *cap) > 0) cap = &*b.version;
    }
    if (!infinite && cap) {
      for (auto& iv : intervals) {
        if (!iv.upper || Compare(iv.upper->version, *cap) >= 0) iv.upper = VersionBound{*cap, false};
      }
    }
  }
  // FromIntervals drops empty intervals; if none is left the range affects nothing.
  return VersRange::FromIntervals(vers_type, std::move(intervals));
}

}  // namespace sbomhub::version
