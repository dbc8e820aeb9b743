#include "version/version.h"

#include "version/alpine.h"
#include "version/composer.h"
#include "version/cran.h"
#include "version/debian.h"
#include "version/generic.h"
#include "version/golang.h"
#include "version/hackage.h"
#include "version/maven.h"
#include "version/nuget.h"
#include "version/pep440.h"
#include "version/rpm.h"
#include "version/rubygems.h"
#include "version/semver.h"

namespace sbomhub::version {
namespace {

using internal::ParsedVersion;

struct SchemeOps {
  Status (*parse)(std::string_view, ParsedVersion*);
  int (*compare)(const ParsedVersion&, const ParsedVersion&);
};

// Indexed by Scheme; the order must follow the enum.
constexpr SchemeOps kOps[] = {
    {internal::ParseSemver, internal::CompareSemver},      // kSemver
    {internal::ParseGo, internal::CompareGo},              // kGo
    {internal::ParsePub, internal::ComparePub},            // kPub
    {internal::ParsePep440, internal::ComparePep440},      // kPep440
    {internal::ParseMaven, internal::CompareMaven},        // kMaven
    {internal::ParseDebian, internal::CompareDebian},      // kDebian
    {internal::ParseRpm, internal::CompareRpm},            // kRpm
    {internal::ParseAlpine, internal::CompareAlpine},      // kAlpine
    {internal::ParseRubyGems, internal::CompareRubyGems},  // kRubyGems
    {internal::ParseNuGet, internal::CompareNuGet},        // kNuGet
    {internal::ParseComposer, internal::CompareComposer},  // kComposer
    {internal::ParseCran, internal::CompareCran},          // kCran
    {internal::ParseHackage, internal::CompareHackage},    // kHackage
    {internal::ParseGeneric, internal::CompareGeneric},    // kGeneric
};
static_assert(sizeof(kOps) / sizeof(kOps[0]) == static_cast<std::size_t>(Scheme::kGeneric) + 1);

const SchemeOps& OpsFor(Scheme s) { return kOps[static_cast<std::size_t>(s)]; }

}  // namespace

Result<Version> Version::Parse(Scheme scheme, std::string_view text) {
  ParsedVersion parsed;
  Status st = OpsFor(scheme).parse(text, &parsed);
  if (!st.ok()) return st;
  return Version(scheme, std::string(text), std::move(parsed));
}

int Compare(const Version& a, const Version& b) {
  if (a.scheme_ != b.scheme_) return a.scheme_ < b.scheme_ ? -1 : 1;
  return internal::Sign(OpsFor(a.scheme_).compare(a.parsed_, b.parsed_));
}

Result<int> CompareStrings(Scheme scheme, std::string_view a, std::string_view b) {
  auto va = Version::Parse(scheme, a);
  if (!va.ok()) return va.status();
  auto vb = Version::Parse(scheme, b);
  if (!vb.ok()) return vb.status();
  return Compare(*va, *vb);
}

}  // namespace sbomhub::version
