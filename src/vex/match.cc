// MatchStatements: which VEX statement targets name components of an SBOM, and why the others do
// not. Every target ends up in exactly one of the two lists.
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "model/purl.h"
#include "vex/vex.h"

namespace sbomhub::vex {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// BOM-Link fragments are percent-encoded bom-refs.
std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && HexValue(s[i + 1]) >= 0 && HexValue(s[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct BomLink {
  std::string serial;   // without "urn:uuid:"
  std::string version;
  std::optional<std::string> ref;  // nullopt: the link names the whole BOM
};

// urn:cdx:<serial>/<version>[#<ref>]; nullopt when `text` is not a BOM-Link.
std::optional<BomLink> ParseBomLink(std::string_view text) {
  if (!StartsWith(text, "urn:cdx:")) return std::nullopt;
  std::string_view rest = text.substr(8);
  BomLink link;
  auto hash = rest.find('#');
  if (hash != std::string_view::npos) {
    link.ref = PercentDecode(rest.substr(hash + 1));
    rest = rest.substr(0, hash);
  }
  auto slash = rest.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == rest.size()) return std::nullopt;
  link.serial = Lower(rest.substr(0, slash));
  link.version = std::string(rest.substr(slash + 1));
  return link;
}

struct IndexedComponent {
  const model::Component* component;
  std::optional<model::Purl> purl;
};

class SbomIndex {
 public:
  explicit SbomIndex(const model::Sbom& sbom) : sbom_(sbom) {
    model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
      IndexedComponent ic{&c, std::nullopt};
      if (!c.purl.empty()) {
        auto p = model::Purl::Parse(c.purl, model::PurlParseMode::kLenient);
        if (p.ok()) ic.purl = std::move(p).value();
      }
      if (!c.bom_ref.empty()) by_ref_.emplace(c.bom_ref, components_.size());
      components_.push_back(std::move(ic));
    });
    serial_ = Lower(sbom.serial_number);
    if (StartsWith(serial_, "urn:uuid:")) serial_ = serial_.substr(9);
  }

  const std::vector<IndexedComponent>& components() const { return components_; }
  const model::Sbom& sbom() const { return sbom_; }
  const std::string& serial() const { return serial_; }

  const model::Component* ByRef(const std::string& ref) const {
    auto it = by_ref_.find(ref);
    return it == by_ref_.end() ? nullptr : components_[it->second].component;
  }

 private:
  const model::Sbom& sbom_;
  std::vector<IndexedComponent> components_;
  std::unordered_map<std::string, std::size_t> by_ref_;
  std::string serial_;
};

struct Found {
  std::string bom_ref;
  MatchedBy by;
};

// Whether the statement purl `want` names component purl `have` (see the header for the rules).
std::optional<MatchedBy> PurlMatches(const model::Purl& want, const model::Purl& have) {
  if (want.type != have.type || want.ns != have.ns || want.name != have.name) return std::nullopt;
  if (!want.version.empty() && want.version != have.version) return std::nullopt;
  if (!want.subpath.empty() && want.subpath != have.subpath) return std::nullopt;
  for (const auto& [key, value] : want.qualifiers) {
    if (have.Qualifier(key) != value) return std::nullopt;
  }
  if (want == have) return MatchedBy::kPurl;
  return MatchedBy::kPurlWithoutQualifiers;
}

// Finds the components `ref` names; on no match returns the reason in `reason`.
std::vector<Found> Resolve(const ProductRef& ref, const SbomIndex& index, std::string& reason) {
  std::vector<Found> found;
  auto add = [&](const model::Component& c, MatchedBy by) {
    for (const auto& f : found) {
      if (f.bom_ref == c.bom_ref && !c.bom_ref.empty()) return;
    }
    found.push_back({c.bom_ref, by});
  };
  std::vector<std::string> reasons;

  if (!ref.bom_ref.empty()) {
    if (auto link = ParseBomLink(ref.bom_ref)) {
      std::string this_bom = index.sbom().serial_number.empty()
                                 ? std::string("has no serial number")
                                 : "is " + index.sbom().serial_number + " version " +
                                       std::to_string(index.sbom().bom_version);
      if (link->serial != index.serial() || link->version != std::to_string(index.sbom().bom_version)) {
        reasons.push_back("BOM-Link " + ref.bom_ref + " names BOM urn:uuid:" + link->serial + " version " +
                          link->version + ", this SBOM " + this_bom);
      } else if (!link->ref) {
        if (index.sbom().primary) add(*index.sbom().primary, MatchedBy::kBomLink);
        else reasons.push_back("BOM-Link " + ref.bom_ref + " names this SBOM, which has no primary component");
      } else if (const model::Component* c = index.ByRef(*link->ref)) {
        add(*c, MatchedBy::kBomLink);
      } else {
        reasons.push_back("BOM-Link " + ref.bom_ref + " names this SBOM but no component has bom-ref '" +
                          *link->ref + "'");
      }
    } else if (const model::Component* c = index.ByRef(ref.bom_ref)) {
      add(*c, MatchedBy::kBomRef);
    } else {
      reasons.push_back("no component has bom-ref '" + ref.bom_ref + "'");
    }
  }
  if (found.empty() && !ref.purl.empty()) {
    auto want = model::Purl::Parse(ref.purl, model::PurlParseMode::kLenient);
    if (!want.ok()) {
      reasons.push_back("purl " + ref.purl + " does not parse: " + want.status().message());
    } else {
      for (const auto& ic : index.components()) {
        if (!ic.purl) continue;
        if (auto by = PurlMatches(*want, *ic.purl)) add(*ic.component, *by);
      }
      if (found.empty()) reasons.push_back("no component has purl " + want->ToString());
    }
  }
  if (found.empty() && !ref.cpe.empty()) {
    std::string want = Lower(ref.cpe);
    for (const auto& ic : index.components()) {
      for (const auto& cpe : ic.component->cpes) {
        if (Lower(cpe) == want) {
          add(*ic.component, MatchedBy::kCpe);
          break;
        }
      }
    }
    if (found.empty()) reasons.push_back("no component has CPE " + ref.cpe);
  }
  if (found.empty() && reasons.empty()) {
    reasons.push_back("product '" + (ref.name.empty() ? ref.native_id : ref.name) +
                      "' has no bom-ref, purl or CPE to match by");
  }
  if (found.empty()) {
    for (std::size_t i = 0; i < reasons.size(); ++i) {
      if (i > 0) reason += "; ";
      reason += reasons[i];
    }
  }
  return found;
}

}  // namespace

MatchResult MatchStatements(const VexDocument& doc, const model::Sbom& sbom) {
  MatchResult result;
  SbomIndex index(sbom);
  for (std::size_t s = 0; s < doc.statements.size(); ++s) {
    const VexStatement& st = doc.statements[s];
    if (st.products.empty()) {
      result.unmatched.push_back({s, std::nullopt, std::nullopt, "statement names no product"});
      continue;
    }
    for (std::size_t p = 0; p < st.products.size(); ++p) {
      const VexProduct& product = st.products[p];
      auto resolve = [&](const ProductRef& ref, std::optional<std::size_t> sub) {
        std::string reason;
        auto found = Resolve(ref, index, reason);
        if (found.empty()) {
          result.unmatched.push_back({s, p, sub, std::move(reason)});
          return;
        }
        for (auto& f : found) result.applied.push_back({s, p, sub, std::move(f.bom_ref), f.by});
      };
      if (product.subcomponents.empty()) {
        resolve(product.ref, std::nullopt);
      } else {
        for (std::size_t k = 0; k < product.subcomponents.size(); ++k) resolve(product.subcomponents[k], k);
      }
    }
  }
  return result;
}

}  // namespace sbomhub::vex
