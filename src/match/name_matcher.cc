// Components with neither purl nor CPE (common in C/C++ and firmware SBOMs) are matched by name:
// the normalized name (and supplier) selects candidate identities from what the advisories
// name — NVD vendor:product pairs, OSV package names, plus a small table of well-known aliases —
// and the candidate is then evaluated by the exact matchers. Every such finding carries
// confidence < 1 and needsVerification, so it is never mistaken for an exact match.
#include <algorithm>
#include <memory>
#include <unordered_map>
#include <unordered_set>

#include "base/text.h"
#include "match/internal.h"
#include "model/ecosystem.h"

namespace sbomhub::match::internal {
namespace {

// Lower case, separators and a trailing "-dev"/"-devel" removed: "LibXML2" / "libxml-2" both
// become "libxml2". Written into `out` so building the index reuses one buffer.
void NameKeyInto(std::string_view name, std::string& out) {
  name = TrimWhitespace(name);
  out.assign(name);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  for (std::string_view suffix : {"-devel", "-dev", "-libs"}) {
    if (EndsWith(out, suffix)) out.resize(out.size() - suffix.size());
  }
  std::erase_if(out, [](char c) { return c == '-' || c == '_' || c == '.' || c == ' '; });
}

std::string NameKey(std::string_view name) {
  std::string out;
  NameKeyInto(name, out);
  return out;
}

// Names C/C++ SBOMs use for libraries whose NVD product is spelled otherwise.
struct KnownAlias {
  std::string_view name_key;
  std::string_view vendor;
  std::string_view product;
};
constexpr KnownAlias kKnownAliases[] = {
    {"libcurl", "haxx", "libcurl"},      {"curl", "haxx", "curl"},
    {"libssl", "openssl", "openssl"},    {"libcrypto", "openssl", "openssl"},
    {"libz", "zlib", "zlib"},            {"zlib", "zlib", "zlib"},
    {"libexpat", "libexpat_project", "libexpat"}, {"expat", "libexpat_project", "libexpat"},
    {"libpng16", "libpng", "libpng"},    {"libsqlite3", "sqlite", "sqlite"},
    {"sqlite3", "sqlite", "sqlite"},     {"libxml2", "xmlsoft", "libxml2"},
    {"busybox", "busybox", "busybox"},   {"libjpegturbo", "libjpeg-turbo", "libjpeg-turbo"},
    {"mbedtls", "arm", "mbed_tls"},      {"wolfssl", "wolfssl", "wolfssl"},
    {"libtiff", "libtiff", "libtiff"},   {"dropbear", "dropbear_ssh_project", "dropbear_ssh"},
    {"uboot", "denx", "u-boot"},         {"linuxkernel", "linux", "linux_kernel"},
};

struct Candidate {
  enum class Kind { kCpe, kPackage, kAlias };
  Kind kind;
  std::string vendor;  // kCpe/kAlias
  std::string product;
  vulndb::PackageKey package;  // kPackage
};

std::string ComponentParties(const model::Component& c) {
  std::string out = AsciiLower(c.group) + " " + AsciiLower(c.author) + " " + AsciiLower(c.publisher);
  if (c.supplier) out += " " + AsciiLower(c.supplier->name);
  if (c.manufacturer) out += " " + AsciiLower(c.manufacturer->name);
  for (const auto& a : c.authors) out += " " + AsciiLower(a.name);
  return out;
}

bool VendorAgrees(const std::string& parties, const std::string& vendor) {
  if (vendor.size() < 3) return false;
  std::string v = vendor;
  for (std::string_view suffix : {"_project", "_foundation"}) {
    if (EndsWith(v, suffix)) v.resize(v.size() - suffix.size());
  }
  std::replace(v.begin(), v.end(), '_', ' ');
  return parties.find(v) != std::string::npos;
}

}  // namespace

class NameIndex {
 public:
  std::unordered_map<std::string, std::vector<Candidate>> by_key;
};

void NameIndexDeleter::operator()(NameIndex* index) const { delete index; }

std::string ComponentNameKey(std::string_view name) { return NameKey(name); }

Result<NameIndexPtr> BuildNameIndex(AdvisorySource& source, const std::unordered_set<std::string>& wanted) {
  NameIndexPtr index(new NameIndex());
  // Only keys some component asks for are kept: MatchName looks up nothing else, and most
  // SBOMs name-match a handful of components against tens of thousands of candidates.
  std::string key;
  SBOMHUB_ASSIGN_OR_RETURN(auto products, source.CpeProducts());
  for (auto& [vendor, product] : products) {
    NameKeyInto(product, key);
    if (!wanted.contains(key)) continue;
    index->by_key[key].push_back({Candidate::Kind::kCpe, vendor, product, {}});
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto packages, source.PackageNames());
  for (auto& pkg : packages) {
    // Only the last path segment for Go/Maven/npm scopes: "github.com/x/yaml" → "yaml" is too
    // ambiguous, so scoped names are indexed by their full normalized form only.
    NameKeyInto(pkg.name, key);
    if (!wanted.contains(key)) continue;
    index->by_key[key].push_back({Candidate::Kind::kPackage, {}, {}, pkg});
  }
  for (const auto& alias : kKnownAliases) {
    if (!wanted.contains(std::string(alias.name_key))) continue;
    index->by_key[std::string(alias.name_key)].push_back(
        {Candidate::Kind::kAlias, std::string(alias.vendor), std::string(alias.product), {}});
  }
  return index;
}

Status MatchName(const model::Component& c, const NameIndex& index, AdvisorySource& source,
                 double min_confidence, CpeScanState& no_platforms, std::vector<RawMatch>& out) {
  if (c.name.empty() || c.version.empty()) return Status::Ok();
  std::string key = NameKey(c.name);
  if (key.size() < 2) return Status::Ok();
  auto it = index.by_key.find(key);
  if (it == index.by_key.end()) return Status::Ok();
  std::string parties = ComponentParties(c);

  for (const Candidate& cand : it->second) {
    double confidence = 0;
    std::string why;
    std::vector<RawMatch> routed;
    if (cand.kind == Candidate::Kind::kCpe || cand.kind == Candidate::Kind::kAlias) {
      bool agrees = VendorAgrees(parties, cand.vendor) || cand.vendor == cand.product;
      confidence = cand.kind == Candidate::Kind::kAlias ? (agrees ? 0.9 : 0.85) : (agrees ? 0.9 : 0.8);
      why = "name '" + c.name + "' ~ NVD product " + cand.vendor + ":" + cand.product +
            (agrees ? " (vendor agrees with supplier/author)" : "") +
            (cand.kind == Candidate::Kind::kAlias ? " (known alias)" : "");
      if (confidence < min_confidence) continue;
      model::Component probe = c;
      probe.cpes = {"cpe:2.3:a:" + cand.vendor + ":" + cand.product + ":" + c.version + ":*:*:*:*:*:*:*"};
      SBOMHUB_RETURN_IF_ERROR(MatchCpe(probe, no_platforms, source, routed));
    } else {
      // A bare name shared with a registry package is weak evidence for a component that came
      // without a purl: shown only when the caller lowers the threshold.
      confidence = 0.6;
      why = "name '" + c.name + "' ~ " + cand.package.ecosystem + " package " + cand.package.name;
      if (confidence < min_confidence) continue;
      auto pt = model::PurlTypeFor(model::EcosystemFromOsv(cand.package.ecosystem));
      if (pt.type.empty()) continue;
      model::Component probe = c;
      probe.purl = "pkg:" + std::string(pt.type) + "/" + (pt.ns.empty() ? "" : std::string(pt.ns) + "/") +
                   cand.package.name + "@" + c.version;
      SBOMHUB_RETURN_IF_ERROR(MatchPurl(probe, source, routed));
    }
    for (auto& m : routed) {
      m.detail.searched_by = "name " + c.name + "@" + c.version;
      m.detail.found = why + "; " + m.detail.found;
      m.detail.matcher = "name-fuzzy";
      m.detail.confidence = confidence;
      m.detail.needs_verification = true;
      out.push_back(std::move(m));
    }
  }
  return Status::Ok();
}

}  // namespace sbomhub::match::internal
