// Fuzzes OSV range evaluation: the first byte picks the scheme, then each line is an event whose
// first character is its kind (i introduced, f fixed, l last_affected, m limit) followed by the
// version. A range that builds must evaluate every event version without crashing, and its vers
// form (when it has one) must agree with the evaluation on each of them whenever the scheme orders
// the event versions consistently.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "version/osv_range.h"

namespace {

using namespace sbomhub::version;  // NOLINT: fuzzer brevity

constexpr int kSchemeCount = static_cast<int>(Scheme::kGeneric) + 1;
constexpr std::size_t kMaxEvents = 32;  // the consistency check below is cubic

// A vers type for each scheme, so ToVers can be exercised.
std::string_view VersTypeFor(Scheme s) {
  switch (s) {
    case Scheme::kSemver: return "npm";
    case Scheme::kGo: return "golang";
    case Scheme::kPub: return "pub";
    case Scheme::kPep440: return "pypi";
    case Scheme::kMaven: return "maven";
    case Scheme::kDebian: return "deb";
    case Scheme::kRpm: return "rpm";
    case Scheme::kAlpine: return "apk";
    case Scheme::kRubyGems: return "gem";
    case Scheme::kNuGet: return "nuget";
    case Scheme::kComposer: return "composer";
    case Scheme::kCran: return "cran";
    case Scheme::kHackage: return "hackage";
    case Scheme::kGeneric: return "generic";
  }
  return "generic";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const auto scheme = static_cast<Scheme>(data[0] % kSchemeCount);
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  std::vector<OsvEvent> events;
  while (!rest.empty() && events.size() < kMaxEvents) {
    const std::size_t nl = rest.find('\n');
    std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    if (line.size() < 2) continue;
    OsvEventKind kind = OsvEventKind::kIntroduced;
    switch (line[0]) {
      case 'f': kind = OsvEventKind::kFixed; break;
      case 'l': kind = OsvEventKind::kLastAffected; break;
      case 'm': kind = OsvEventKind::kLimit; break;
      default: break;
    }
    events.push_back(OsvEvent{kind, std::string(line.substr(1))});
  }
  const OsvRangeType type = scheme == Scheme::kSemver ? OsvRangeType::kSemver : OsvRangeType::kEcosystem;
  auto range = OsvRange::Create(type, scheme, events);
  if (!range.ok()) return 0;
  // Some schemes are not transitive for odd strings (Maven itself: 1.0-alpha-1 < 1.0 < 1.i1.0-a <
  // 1.0-alpha-1; Alpine's string order for invalid versions; Composer's "#"). Then no sort of the
  // events is consistent and the vers form cannot agree everywhere, so the agreement check needs a
  // sorted order that is consistent.
  const auto& ev = range->events();
  // Only "introduced: 0" and "limit: *" are not versions.
  auto special = [](const OsvEvent& e) {
    return (e.kind == OsvEventKind::kIntroduced && e.version == "0") || (e.kind == OsvEventKind::kLimit && e.version == "*");
  };
  // Consistent means: every pair in sorted order is <=, and versions that compare equal compare
  // the same way with every other event version (Composer's "#" equals every number, 3 < 11).
  std::vector<Version> versions;
  for (const auto& e : ev) {
    if (!special(e)) versions.push_back(*Version::Parse(range->scheme(), e.version));
  }
  bool consistent = true;
  for (std::size_t i = 0; i < versions.size() && consistent; ++i) {
    for (std::size_t j = i + 1; j < versions.size() && consistent; ++j) {
      const int c = Compare(versions[i], versions[j]);
      consistent = c <= 0;
      if (c != 0) continue;
      for (std::size_t k = 0; k < versions.size() && consistent; ++k) {
        consistent = Compare(versions[i], versions[k]) == Compare(versions[j], versions[k]);
      }
    }
  }
  auto vers = range->ToVers(VersTypeFor(range->scheme()));
  for (const auto& e : ev) {
    if (special(e)) continue;
    const Affected a = range->Evaluate(e.version);
    if (a == Affected::kUnknown) std::abort();  // every event version parsed when the range was built
    if (consistent && vers.ok() && vers->Contains(e.version) != (a == Affected::kAffected)) std::abort();
  }
  return 0;
}
