#include "diff/diff.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <tuple>
#include <unordered_map>

#include "base/json_writer.h"
#include "base/text.h"
#include "model/purl.h"

namespace sbomhub::diff {
namespace {

std::string DisplayName(const ComponentView& c) {
  return c.group.empty() ? c.name : c.group + "/" + c.name;
}

bool Unsaid(std::string_view v) {
  v = TrimWhitespace(v);
  return v.empty() || v == "NOASSERTION" || v == "NONE";
}

// Sorted, de-duplicated, lower-cased license values joined by " AND "; "" when none is said.
std::string LicenseSet(const std::vector<std::string>& licenses) {
  std::vector<std::string> values;
  for (const auto& l : licenses) {
    if (Unsaid(l)) continue;
    values.push_back(AsciiLower(TrimWhitespace(l)));
  }
  std::sort(values.begin(), values.end());
  values.erase(std::unique(values.begin(), values.end()), values.end());
  std::string out;
  for (const auto& v : values) {
    if (!out.empty()) out += " AND ";
    out += v;
  }
  return out;
}

std::string LicenseText(const std::vector<std::string>& licenses) {
  std::string out;
  for (const auto& l : licenses) {
    if (Unsaid(l)) continue;
    if (!out.empty()) out += " AND ";
    out += l;
  }
  return out;
}

// The hashes both sides list under the same algorithm, where the values differ.
bool HashesDiffer(const ComponentView& a, const ComponentView& b, std::string& from,
                  std::string& to) {
  bool differ = false;
  for (const auto& [alg, value] : a.hashes) {
    for (const auto& [alg_b, value_b] : b.hashes) {
      if (alg != alg_b) continue;
      if (AsciiLower(value) == AsciiLower(value_b)) continue;
      differ = true;
      if (!from.empty()) from += ' ';
      if (!to.empty()) to += ' ';
      from += alg + ":" + value;
      to += alg_b + ":" + value_b;
    }
  }
  return differ;
}

// A component with its position, for pairing.
struct Item {
  const ComponentView* view;
  std::size_t index;
};

// Pairs within one identity: equal versions first, then the rest in version-string order.
void PairGroup(std::vector<Item>& from, std::vector<Item>& to,
               std::vector<std::pair<Item, Item>>& pairs, std::vector<Item>& from_left,
               std::vector<Item>& to_left) {
  if (from.size() == 1 && to.size() == 1) {
    pairs.emplace_back(from[0], to[0]);
    return;
  }
  auto by_version = [](const Item& x, const Item& y) {
    return std::tie(x.view->version, x.index) < std::tie(y.view->version, y.index);
  };
  std::sort(from.begin(), from.end(), by_version);
  std::sort(to.begin(), to.end(), by_version);
  std::vector<bool> from_used(from.size()), to_used(to.size());
  // Equal versions: a merge over the two sorted lists.
  for (std::size_t i = 0, j = 0; i < from.size() && j < to.size();) {
    int c = from[i].view->version.compare(to[j].view->version);
    if (c == 0) {
      pairs.emplace_back(from[i], to[j]);
      from_used[i] = to_used[j] = true;
      ++i;
      ++j;
    } else if (c < 0) {
      ++i;
    } else {
      ++j;
    }
  }
  std::vector<Item> f, t;
  for (std::size_t i = 0; i < from.size(); ++i)
    if (!from_used[i]) f.push_back(from[i]);
  for (std::size_t j = 0; j < to.size(); ++j)
    if (!to_used[j]) t.push_back(to[j]);
  std::size_t n = std::min(f.size(), t.size());
  for (std::size_t k = 0; k < n; ++k) pairs.emplace_back(f[k], t[k]);
  for (std::size_t k = n; k < f.size(); ++k) from_left.push_back(f[k]);
  for (std::size_t k = n; k < t.size(); ++k) to_left.push_back(t[k]);
}

// Groups items by `key_of` (skipping items whose key is ""), pairs each group, and returns the
// unpaired rest of both sides in input order.
template <typename KeyFn>
void PairBy(const std::vector<Item>& from, const std::vector<Item>& to, KeyFn key_of,
            std::vector<std::tuple<std::string, Item, Item>>& pairs, std::vector<Item>& from_left,
            std::vector<Item>& to_left) {
  std::unordered_map<std::string, std::pair<std::vector<Item>, std::vector<Item>>> groups;
  std::vector<std::string> order;  // first-seen order keeps the result independent of hashing
  for (const auto& it : from) {
    std::string k = key_of(*it.view);
    if (k.empty()) {
      from_left.push_back(it);
      continue;
    }
    auto [g, fresh] = groups.try_emplace(k);
    if (fresh) order.push_back(k);
    g->second.first.push_back(it);
  }
  for (const auto& it : to) {
    std::string k = key_of(*it.view);
    if (k.empty()) {
      to_left.push_back(it);
      continue;
    }
    auto [g, fresh] = groups.try_emplace(k);
    if (fresh) order.push_back(k);
    g->second.second.push_back(it);
  }
  for (const auto& k : order) {
    auto& [f, t] = groups[k];
    std::vector<std::pair<Item, Item>> group_pairs;
    PairGroup(f, t, group_pairs, from_left, to_left);
    for (auto& [a, b] : group_pairs) pairs.emplace_back(k, a, b);
  }
  auto by_index = [](const Item& x, const Item& y) { return x.index < y.index; };
  std::sort(from_left.begin(), from_left.end(), by_index);
  std::sort(to_left.begin(), to_left.end(), by_index);
}

void Count(DiffSummary& s, ChangeKind k) {
  switch (k) {
    case ChangeKind::kAdded:
      ++s.added;
      break;
    case ChangeKind::kRemoved:
      ++s.removed;
      break;
    case ChangeKind::kVersionChanged:
      ++s.version_changed;
      break;
    case ChangeKind::kHashChanged:
      ++s.hash_changed;
      break;
    case ChangeKind::kSupplierChanged:
      ++s.supplier_changed;
      break;
    case ChangeKind::kLicenseChanged:
      ++s.license_changed;
      break;
  }
}

}  // namespace

std::string_view ChangeKindName(ChangeKind k) {
  switch (k) {
    case ChangeKind::kAdded:
      return "added";
    case ChangeKind::kRemoved:
      return "removed";
    case ChangeKind::kVersionChanged:
      return "version_changed";
    case ChangeKind::kHashChanged:
      return "hash_changed";
    case ChangeKind::kSupplierChanged:
      return "supplier_changed";
    case ChangeKind::kLicenseChanged:
      return "license_changed";
  }
  return "added";
}

std::string PurlIdentity(std::string_view purl) {
  if (TrimWhitespace(purl).empty()) return "";
  auto parsed = model::Purl::Parse(TrimWhitespace(purl), model::PurlParseMode::kLenient);
  if (!parsed.ok()) return "";
  std::string out = "pkg:" + parsed->type + "/";
  if (!parsed->ns.empty()) out += parsed->ns + "/";
  out += parsed->name;
  return out;
}

std::string NameIdentity(std::string_view group, std::string_view name) {
  std::string out = AsciiLower(TrimWhitespace(group));
  if (!out.empty()) out += '/';
  out += AsciiLower(TrimWhitespace(name));
  return out;
}

std::vector<ComponentView> ViewsOf(const model::Sbom& sbom) {
  const model::Component* primary = sbom.primary ? &*sbom.primary : nullptr;
  std::vector<ComponentView> out;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t) {
    if (&c == primary) return;
    ComponentView v;
    v.name = c.name;
    v.group = c.group;
    v.version = c.version;
    v.purl = c.purl;
    if (c.supplier) v.supplier = c.supplier->name;
    for (const auto& l : c.licenses) v.licenses.push_back(l.value);
    for (const auto& h : c.hashes)
      v.hashes.emplace_back(std::string(model::HashAlgorithmName(h.algorithm)), h.value);
    out.push_back(std::move(v));
  });
  return out;
}

DiffResult Diff(const std::vector<ComponentView>& from, const std::vector<ComponentView>& to) {
  std::vector<Item> a, b;
  a.reserve(from.size());
  b.reserve(to.size());
  for (std::size_t i = 0; i < from.size(); ++i) a.push_back({&from[i], i});
  for (std::size_t i = 0; i < to.size(); ++i) b.push_back({&to[i], i});

  std::vector<std::tuple<std::string, Item, Item>> pairs;
  std::vector<Item> a_left, b_left;
  PairBy(a, b, [](const ComponentView& v) { return PurlIdentity(v.purl); }, pairs, a_left,
         b_left);
  std::vector<Item> a_rest, b_rest;
  PairBy(a_left, b_left, [](const ComponentView& v) { return NameIdentity(v.group, v.name); },
         pairs, a_rest, b_rest);

  DiffResult out;
  auto add = [&](Change c) {
    Count(out.summary, c.kind);
    out.possible_tampering = out.possible_tampering || c.possible_tampering;
    out.changes.push_back(std::move(c));
  };
  auto identity_of = [](const ComponentView& v) {
    std::string k = PurlIdentity(v.purl);
    return k.empty() ? NameIdentity(v.group, v.name) : k;
  };
  for (const auto& it : a_rest) {
    add({ChangeKind::kRemoved, identity_of(*it.view), DisplayName(*it.view), it.view->version, "",
         false});
  }
  for (const auto& it : b_rest) {
    add({ChangeKind::kAdded, identity_of(*it.view), DisplayName(*it.view), "", it.view->version,
         false});
  }
  for (const auto& [key, x, y] : pairs) {
    const ComponentView& p = *x.view;
    const ComponentView& q = *y.view;
    std::size_t before = out.changes.size();
    std::string name = DisplayName(q);
    if (p.version != q.version) {
      add({ChangeKind::kVersionChanged, key, name, p.version, q.version, false});
    } else {
      std::string hf, ht;
      if (HashesDiffer(p, q, hf, ht)) {
        add({ChangeKind::kHashChanged, key, name, hf, ht, true});
      }
    }
    if (!Unsaid(p.supplier) && !Unsaid(q.supplier) &&
        AsciiLower(TrimWhitespace(p.supplier)) != AsciiLower(TrimWhitespace(q.supplier))) {
      add({ChangeKind::kSupplierChanged, key, name, p.supplier, q.supplier, false});
    }
    std::string lp = LicenseSet(p.licenses), lq = LicenseSet(q.licenses);
    if (!lp.empty() && !lq.empty() && lp != lq) {
      add({ChangeKind::kLicenseChanged, key, name, LicenseText(p.licenses),
           LicenseText(q.licenses), false});
    }
    if (out.changes.size() == before) ++out.summary.unchanged;
  }
  std::sort(out.changes.begin(), out.changes.end(), [](const Change& x, const Change& y) {
    return std::tie(x.identity, x.kind, x.from, x.to, x.name) <
           std::tie(y.identity, y.kind, y.from, y.to, y.name);
  });
  return out;
}

std::string RenderJson(const DiffResult& diff, std::string_view from_label,
                       std::string_view to_label) {
  JsonWriter w;
  w.BeginObject();
  w.Field("from", from_label).Field("to", to_label);
  w.Field("possible_tampering", diff.possible_tampering);
  const auto& s = diff.summary;
  w.Key("summary").BeginObject();
  w.Field("added", static_cast<std::uint64_t>(s.added));
  w.Field("removed", static_cast<std::uint64_t>(s.removed));
  w.Field("version_changed", static_cast<std::uint64_t>(s.version_changed));
  w.Field("hash_changed", static_cast<std::uint64_t>(s.hash_changed));
  w.Field("supplier_changed", static_cast<std::uint64_t>(s.supplier_changed));
  w.Field("license_changed", static_cast<std::uint64_t>(s.license_changed));
  w.Field("unchanged", static_cast<std::uint64_t>(s.unchanged));
  w.EndObject();
  w.Key("changes").BeginArray();
  for (const auto& c : diff.changes) {
    w.BeginObject();
    w.Field("kind", ChangeKindName(c.kind));
    w.Field("identity", c.identity);
    w.Field("name", c.name);
    w.Field("from", c.from);
    w.Field("to", c.to);
    w.Field("possible_tampering", c.possible_tampering);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderText(const DiffResult& diff, std::string_view from_label,
                       std::string_view to_label) {
  std::string out;
  out += "--- " + std::string(from_label) + "\n+++ " + std::string(to_label) + "\n";
  std::size_t wk = 6, wn = 9, wf = 4;
  for (const auto& c : diff.changes) {
    wk = std::max(wk, ChangeKindName(c.kind).size() + 2);
    wn = std::max(wn, c.name.size());
    wf = std::max(wf, c.from.size());
  }
  wn = std::min<std::size_t>(wn, 60);
  wf = std::min<std::size_t>(wf, 40);
  auto pad = [](std::string s, std::size_t w) {
    if (s.size() < w) s.append(w - s.size(), ' ');
    return s;
  };
  if (!diff.changes.empty()) {
    out += pad("CHANGE", wk) + "  " + pad("COMPONENT", wn) + "  " + pad("FROM", wf) + "  TO\n";
    for (const auto& c : diff.changes) {
      std::string kind = std::string(c.possible_tampering ? "! " : "  ") +
                         std::string(ChangeKindName(c.kind));
      out += pad(kind, wk) + "  " + pad(c.name, wn) + "  " + pad(c.from, wf) + "  " + c.to;
      while (!out.empty() && out.back() == ' ') out.pop_back();
      out += '\n';
    }
  }
  const auto& s = diff.summary;
  char line[256];
  std::snprintf(line, sizeof line,
                "%zu added, %zu removed, %zu version changed, %zu hash changed, %zu supplier "
                "changed, %zu license changed, %zu unchanged\n",
                s.added, s.removed, s.version_changed, s.hash_changed, s.supplier_changed,
                s.license_changed, s.unchanged);
  out += line;
  if (diff.possible_tampering) {
    out += "! possible tampering: a component kept its version but its hash changed\n";
  }
  return out;
}

}  // namespace sbomhub::diff
