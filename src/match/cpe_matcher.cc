// CPE → NVD applicability statements and CVE 5 affected[] entries.
//
// An NVD configuration is a tree of AND/OR nodes over CPE match criteria, some marked vulnerable,
// others describing the platform the vulnerable product must run on. A component is affected when
// a configuration evaluates true AND one of its *vulnerable* criteria matched this component; the
// other operands may be satisfied by any CPE in the same SBOM. So an application CPE that is only
// vulnerable "running on" some OS does not match alone.
#include <algorithm>
#include <optional>
#include <unordered_map>

#include "base/text.h"
#include "match/internal.h"
#include "model/cpe.h"
#include "vulndb/package_key.h"

namespace sbomhub::match::internal {
namespace {

struct Target {
  model::Cpe cpe;
  std::string version;  // effective version: the CPE's, else the component's ("*" when unknown)
};

bool IsAny(const std::string& v) { return v.empty() || v == "*"; }

// Unknown (ANY) on the component side matches: an SBOM that does not say the update or target
// platform must not hide a vulnerability.
bool AttributeMatches(const model::CpeValue& criteria, const model::CpeValue& target) {
  if (criteria.is_any() || target.is_any()) return true;
  auto rel = model::CompareCpeValues(criteria, target);
  return rel == model::CpeRelation::kEqual || rel == model::CpeRelation::kSuperset;
}

int CompareGeneric(const std::string& a, const std::string& b, bool& ok) {
  auto r = version::CompareStrings(version::Scheme::kGeneric, a, b);
  ok = r.ok();
  return r.ok() ? *r : 0;
}

// Criteria (with NVD version bounds) against one target CPE.
bool CriteriaMatches(const vuln::CpeMatch& m, const model::Cpe& c, const Target& t) {
  using A = model::Cpe::Attribute;
  for (A a : {A::kPart, A::kVendor, A::kProduct, A::kUpdate, A::kEdition, A::kLanguage, A::kSwEdition,
              A::kTargetSw, A::kTargetHw}) {
    if (a == A::kVendor || a == A::kProduct) {
      if (c.get(a).is_any() || t.cpe.get(a).is_any()) return false;  // identity must be explicit
    }
    if (!AttributeMatches(c.get(a), t.cpe.get(a))) return false;
  }
  const std::string& v = t.version;
  const model::CpeValue& cv = c.version();
  if (!cv.is_any()) {
    if (cv.is_na()) return v == "-";
    if (IsAny(v) || v == "-") return false;
    std::string want = cv.Unquoted();
    bool ok = true;
    return EqualsIgnoreCase(want, v) || (CompareGeneric(want, v, ok) == 0 && ok);
  }
  bool has_bounds = !m.version_start_including.empty() || !m.version_start_excluding.empty() ||
                    !m.version_end_including.empty() || !m.version_end_excluding.empty();
  if (!has_bounds) return true;  // every version of the product
  if (IsAny(v) || v == "-") return false;  // an unknown version cannot be placed inside bounds
  bool ok = true;
  if (!m.version_start_including.empty() && (CompareGeneric(v, m.version_start_including, ok) < 0 || !ok)) return false;
  if (!m.version_start_excluding.empty() && (CompareGeneric(v, m.version_start_excluding, ok) <= 0 || !ok)) return false;
  if (!m.version_end_including.empty() && (CompareGeneric(v, m.version_end_including, ok) > 0 || !ok)) return false;
  if (!m.version_end_excluding.empty() && (CompareGeneric(v, m.version_end_excluding, ok) >= 0 || !ok)) return false;
  return true;
}

struct NodeResult {
  bool satisfied = false;
  bool component_hit = false;  // a vulnerable criterion matched the component itself
  std::string why;
};

}  // namespace

class CpeScanState {
 public:
  std::vector<Target> targets;
  std::unordered_map<std::string, std::vector<std::size_t>> by_vendor_product;  // "vendor:product"
  std::unordered_map<std::string, std::optional<model::Cpe>> criteria;

  const model::Cpe* Criteria(const std::string& text) {
    auto it = criteria.find(text);
    if (it == criteria.end()) {
      auto parsed = model::Cpe::Parse(text);
      it = criteria.emplace(text, parsed.ok() ? std::optional<model::Cpe>(std::move(parsed).value())
                                              : std::nullopt).first;
    }
    return it->second ? &*it->second : nullptr;
  }
};

void CpeScanStateDeleter::operator()(CpeScanState* state) const { delete state; }

namespace {

std::string VendorProductKey(const model::Cpe& c) {
  return AsciiLower(c.vendor().Unquoted()) + ":" + AsciiLower(c.product().Unquoted());
}

class ConfigEvaluator {
 public:
  ConfigEvaluator(const Target& component, CpeScanState& state) : component_(component), state_(state) {}

  NodeResult Eval(const vuln::CpeNode& node, int depth = 0) {
    NodeResult r;
    if (depth > 32) return r;  // malformed feeds: refuse absurd nesting rather than recurse
    std::vector<bool> operands;
    for (const auto& m : node.matches) {
      const model::Cpe* criteria = state_.Criteria(m.criteria);
      if (criteria == nullptr) {
        operands.push_back(false);
        continue;
      }
      bool hit_component = CriteriaMatches(m, *criteria, component_);
      bool hit_any = hit_component;
      if (!hit_any) {
        // Other components of the SBOM (platforms) with the same vendor:product.
        auto it = state_.by_vendor_product.find(VendorProductKey(*criteria));
        if (it != state_.by_vendor_product.end()) {
          for (std::size_t i : it->second) {
            if ((hit_any = CriteriaMatches(m, *criteria, state_.targets[i]))) break;
          }
        }
      }
      operands.push_back(hit_any);
      if (hit_component && m.vulnerable) {
        r.component_hit = true;
        if (r.why.empty()) r.why = DescribeCriteria(m);
      }
    }
    for (const auto& child : node.children) {
      NodeResult cr = Eval(child, depth + 1);
      operands.push_back(cr.satisfied);
      if (cr.component_hit && cr.satisfied) {
        r.component_hit = true;
        if (r.why.empty()) r.why = cr.why;
      }
    }
    if (operands.empty()) return r;
    bool value = node.op == vuln::CpeOperator::kAnd
                     ? std::all_of(operands.begin(), operands.end(), [](bool b) { return b; })
                     : std::any_of(operands.begin(), operands.end(), [](bool b) { return b; });
    r.satisfied = node.negate ? !value : value;
    if (node.op == vuln::CpeOperator::kAnd && node.matches.size() + node.children.size() > 1 && r.satisfied) {
      r.why += " (with its platform present in the SBOM)";
    }
    return r;
  }

  static std::string DescribeCriteria(const vuln::CpeMatch& m) {
    std::string out = m.criteria;
    if (!m.version_start_including.empty()) out += " from " + m.version_start_including;
    if (!m.version_start_excluding.empty()) out += " after " + m.version_start_excluding;
    if (!m.version_end_including.empty()) out += " through " + m.version_end_including;
    if (!m.version_end_excluding.empty()) out += " before " + m.version_end_excluding;
    return out;
  }

 private:
  const Target& component_;
  CpeScanState& state_;
};

// CVE 5 `affected[]`: versions[] with lessThan/lessThanOrEqual, statuses and a default status.
bool Cve5Affects(const vuln::Cve5Affected& a, const std::string& v, std::string& why) {
  if (IsAny(v)) return false;
  bool ok = true;
  for (const auto& entry : a.versions) {
    bool in = false;
    if (!entry.less_than.empty() || !entry.less_than_or_equal.empty()) {
      bool lower_ok = entry.version.empty() || entry.version == "0" || entry.version == "*" ||
                      (CompareGeneric(v, entry.version, ok) >= 0 && ok);
      bool upper_ok = !entry.less_than.empty()
                          ? (entry.less_than == "*" || (CompareGeneric(v, entry.less_than, ok) < 0 && ok))
                          : (CompareGeneric(v, entry.less_than_or_equal, ok) <= 0 && ok);
      in = lower_ok && upper_ok;
    } else {
      in = EqualsIgnoreCase(entry.version, v) || (CompareGeneric(entry.version, v, ok) == 0 && ok);
    }
    if (!in) continue;
    if (entry.status == "affected") {
      why = "CVE 5 " + a.container + " affected " + a.vendor + "/" + a.product + " version " + entry.version +
            (entry.less_than.empty() ? "" : " < " + entry.less_than) +
            (entry.less_than_or_equal.empty() ? "" : " <= " + entry.less_than_or_equal);
      return true;
    }
    return false;  // explicitly unaffected
  }
  if (a.default_status == "affected") {
    why = "CVE 5 " + a.container + " default status affected for " + a.vendor + "/" + a.product;
    return true;
  }
  return false;
}

}  // namespace

CpeScanStatePtr BuildCpeScanState(const std::vector<std::string>& sbom_cpes) {
  CpeScanStatePtr state(new CpeScanState());
  for (const auto& text : sbom_cpes) {
    auto p = model::Cpe::Parse(text);
    if (!p.ok() || !p->vendor().is_string() || !p->product().is_string()) continue;
    state->by_vendor_product[VendorProductKey(*p)].push_back(state->targets.size());
    std::string version = p->version().Unquoted();
    state->targets.push_back({std::move(p).value(), std::move(version)});
  }
  return state;
}

Status MatchCpe(const model::Component& c, CpeScanState& state, AdvisorySource& source,
                std::vector<RawMatch>& out) {
  for (const auto& text : c.cpes) {
    auto parsed = model::Cpe::Parse(text);
    if (!parsed.ok()) continue;  // reported by validation
    std::string cpe_version = parsed->version().Unquoted();
    Target target{*parsed, IsAny(cpe_version) ? (c.version.empty() ? "*" : c.version) : cpe_version};
    std::string vendor = AsciiLower(parsed->vendor().Unquoted());
    std::string product = AsciiLower(parsed->product().Unquoted());
    Status s = source.ForCpeProduct(vendor, product, [&](const vuln::Advisory& a) -> Status {
      ConfigEvaluator eval(target, state);
      for (const auto& config : a.cpe_configurations) {
        NodeResult r = eval.Eval(config);
        if (!r.satisfied || !r.component_hit) continue;
        RawMatch m;
        m.advisory = &a;
        m.detail = {"cpe " + text, a.id + " NVD configuration: " + r.why, "cpe-nvd", 1.0, false};
        for (const auto& n : a.cpe_configurations) {
          for (const auto& cm : n.matches) {
            if (cm.vulnerable && !cm.version_end_excluding.empty()) m.fixed_versions.push_back(cm.version_end_excluding);
          }
        }
        m.scheme = version::Scheme::kGeneric;
        out.push_back(std::move(m));
        return Status::Ok();
      }
      for (const auto& affected : a.cve5_affected) {
        bool names_product = false;
        for (const auto& cpe : affected.cpes) {
          auto vp = vulndb::CpeVendorProduct(cpe);
          names_product |= vp && vp->first == vendor && vp->second == product;
        }
        std::string why;
        if (!names_product || !Cve5Affects(affected, target.version, why)) continue;
        RawMatch m;
        m.advisory = &a;
        m.detail = {"cpe " + text, a.id + " " + why, "cpe-cve5", 1.0, false};
        for (const auto& v : affected.versions) {
          if (v.status == "affected" && !v.less_than.empty() && v.less_than != "*") m.fixed_versions.push_back(v.less_than);
        }
        m.scheme = version::Scheme::kGeneric;
        out.push_back(std::move(m));
        return Status::Ok();
      }
      return Status::Ok();
    });
    SBOMHUB_RETURN_IF_ERROR(s);
  }
  return Status::Ok();
}

}  // namespace sbomhub::match::internal
