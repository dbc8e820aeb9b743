#include <algorithm>

#include "version/osv_range.h"

#include "match/internal.h"

namespace sbomhub::match::internal {

version::Scheme SchemeForAffected(const std::string& ecosystem, vuln::RangeType range_type) {
  if (auto s = version::SchemeForEcosystem(ecosystem)) return *s;
  return range_type == vuln::RangeType::kSemver ? version::Scheme::kSemver : version::Scheme::kGeneric;
}

RangeVerdict EvaluateOsvRange(const vuln::AffectedRange& range, version::Scheme scheme,
                              std::string_view version_text) {
  version::OsvRangeType type = range.type == vuln::RangeType::kSemver    ? version::OsvRangeType::kSemver
                               : range.type == vuln::RangeType::kGit     ? version::OsvRangeType::kGit
                                                                          : version::OsvRangeType::kEcosystem;
  std::vector<version::OsvEvent> events;
  events.reserve(range.events.size());
  for (const auto& e : range.events) {
    version::OsvEventKind kind = e.kind == vuln::EventKind::kIntroduced     ? version::OsvEventKind::kIntroduced
                                 : e.kind == vuln::EventKind::kFixed        ? version::OsvEventKind::kFixed
                                 : e.kind == vuln::EventKind::kLastAffected ? version::OsvEventKind::kLastAffected
                                                                            : version::OsvEventKind::kLimit;
    events.push_back({kind, e.value});
  }
  auto osv = version::OsvRange::Create(type, scheme, std::move(events));
  if (!osv.ok()) return RangeVerdict::kUnknown;
  switch (osv->Evaluate(version_text)) {
    case version::Affected::kAffected: return RangeVerdict::kAffected;
    case version::Affected::kNotAffected: return RangeVerdict::kNotAffected;
    case version::Affected::kUnknown: return RangeVerdict::kUnknown;
  }
  return RangeVerdict::kUnknown;
}

std::string DescribeRange(const vuln::AffectedRange& range) {
  std::string out(vuln::RangeTypeName(range.type));
  out += ' ';
  bool first = true;
  for (const auto& e : range.events) {
    if (!first) out += ", ";
    first = false;
    out += vuln::EventKindName(e.kind);
    out += ' ';
    out += e.value;
  }
  return out;
}

}  // namespace sbomhub::match::internal
