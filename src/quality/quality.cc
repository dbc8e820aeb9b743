#include "quality/quality.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdio>
#include <deque>
#include <optional>
#include <unordered_map>
#include <utility>

#include "base/text.h"
#include "license/expression.h"
#include "model/cpe.h"
#include "model/purl.h"

namespace sbomhub::quality {
namespace {

using model::Component;

// ---------------------------------------------------------------------------------------------
// Value classification

enum class Presence { kPresent, kDeclaredUnknown, kMissing };

// CISA 2024 asks authors to say "unknown" or "redacted" rather than leave a field out; SPDX says
// NOASSERTION. These are declarations, not values.
Presence Classify(std::string_view v) {
  v = TrimWhitespace(v);
  if (v.empty()) return Presence::kMissing;
  // Fast path: every declared-unknown word starts with n, u or r (any case) and is short.
  char first = static_cast<char>(v.front() | 0x20);
  if (v.size() > 11 || (first != 'n' && first != 'u' && first != 'r')) return Presence::kPresent;
  for (std::string_view u : {"NOASSERTION", "NONE", "unknown", "redacted", "n/a", "undeclared", "unspecified"}) {
    if (EqualsIgnoreCase(v, u)) return Presence::kDeclaredUnknown;
  }
  return Presence::kPresent;
}

Presence Best(Presence a, Presence b) { return static_cast<int>(a) < static_cast<int>(b) ? a : b; }

Presence PartyPresence(const model::Party* p) {  // nullptr: absent
  return p ? Classify(p->name) : Presence::kMissing;
}

Presence SupplierPresence(const Component& c) {
  return Best(Best(PartyPresence(c.supplier.get()), PartyPresence(c.manufacturer.get())),
              Classify(c.publisher));
}

bool HasContact(const model::Party& p) {
  if (Classify(p.email) == Presence::kPresent) return true;
  for (const auto& u : p.urls) {
    if (Classify(u) == Presence::kPresent) return true;
  }
  return false;
}

bool HasIdentifier(const Component& c) {
  if (Classify(c.purl) == Presence::kPresent || Classify(c.swid_tag_id) == Presence::kPresent) return true;
  for (const auto& cpe : c.cpes) {
    if (Classify(cpe) == Presence::kPresent) return true;
  }
  return false;
}

Presence LicensePresence(const Component& c) {
  Presence best = Presence::kMissing;
  for (const auto& l : c.licenses) best = Best(best, Classify(l.value.empty() ? l.url : l.value));
  return best;
}

bool HasHash(const Component& c, std::optional<model::HashAlgorithm> algorithm = std::nullopt) {
  for (const auto& h : c.hashes) {
    if (Classify(h.value) != Presence::kPresent) continue;
    if (!algorithm || h.algorithm == *algorithm) return true;
  }
  return false;
}

bool IsDigits(std::string_view s, std::size_t pos, std::size_t n) {
  if (pos + n > s.size()) return false;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (std::isdigit(static_cast<unsigned char>(s[i])) == 0) return false;
  }
  return true;
}

// RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM).
bool IsRfc3339(std::string_view s) {
  s = TrimWhitespace(s);
  if (!(IsDigits(s, 0, 4) && s.size() > 19 && s[4] == '-' && IsDigits(s, 5, 2) && s[7] == '-' && IsDigits(s, 8, 2) &&
        (s[10] == 'T' || s[10] == 't' || s[10] == ' ') && IsDigits(s, 11, 2) && s[13] == ':' && IsDigits(s, 14, 2) &&
        s[16] == ':' && IsDigits(s, 17, 2))) {
    return false;
  }
  std::size_t i = 19;
  if (i < s.size() && s[i] == '.') {
    ++i;
    const std::size_t start = i;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i])) != 0) ++i;
    if (i == start) return false;
  }
  if (i < s.size() && (s[i] == 'Z' || s[i] == 'z')) return i + 1 == s.size();
  return i + 6 == s.size() && (s[i] == '+' || s[i] == '-') && IsDigits(s, i + 1, 2) && s[i + 3] == ':' &&
         IsDigits(s, i + 4, 2);
}

char FoldAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsFolded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (FoldAscii(a[i]) != FoldAscii(b[i])) return false;
  }
  return true;
}

// '*' glob, case-insensitive. Single backtrack point: O(len(text) * stars) at worst.
bool GlobMatch(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto eq = [](char a, char b) { return FoldAscii(a) == FoldAscii(b); };
  while (t < text.size()) {
    if (p < pattern.size() && pattern[p] != '*' && eq(pattern[p], text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// A glob prepared once per assessment. The unnecessary-component rules run every glob against
// every component name and property, and nearly all pairs fail: the literal text before the
// first '*' and after the last one must open and close the text, which the first byte or the
// length usually rules out, so GlobMatch runs only for the few candidates left.
class Glob {
 public:
  explicit Glob(std::string_view pattern) : pattern_(pattern) {
    const std::size_t first = pattern_.find('*');
    if (first == std::string::npos) {
      prefix_len_ = pattern_.size();
      return;
    }
    has_star_ = true;
    prefix_len_ = first;
    suffix_len_ = pattern_.size() - pattern_.rfind('*') - 1;
  }

  std::string_view prefix() const { return std::string_view(pattern_).substr(0, prefix_len_); }
  std::string_view suffix() const { return std::string_view(pattern_).substr(pattern_.size() - suffix_len_); }

  bool Matches(std::string_view text) const {
    const std::string_view p(pattern_);
    if (!has_star_) return EqualsFolded(p, text);
    if (text.size() < prefix_len_ + suffix_len_) return false;
    if (!EqualsFolded(p.substr(0, prefix_len_), text.substr(0, prefix_len_))) return false;
    if (!EqualsFolded(p.substr(p.size() - suffix_len_), text.substr(text.size() - suffix_len_))) return false;
    return GlobMatch(p, text);
  }

 private:
  std::string pattern_;
  bool has_star_ = false;
  std::size_t prefix_len_ = 0;  // literal bytes before the first '*'
  std::size_t suffix_len_ = 0;  // literal bytes after the last '*'
};

// ---------------------------------------------------------------------------------------------
// Component properties and rules looked up while gathering facts

// The BSI component properties, found in one pass over a component's properties (each counts
// only with a value).
struct BsiProperties {
  bool filename = false;
  bool executable = false;
  bool archive = false;
  bool structured = false;
  bool source_code_uri = false;
};

BsiProperties FindBsiProperties(const Component& c) {
  constexpr std::string_view kPrefix = "bsi:component:";
  BsiProperties b;
  for (const auto& p : c.properties) {
    const std::string_view name(p.name);
    if (name.size() <= kPrefix.size() || !EqualsIgnoreCase(name.substr(0, kPrefix.size()), kPrefix)) continue;
    if (Classify(p.value) != Presence::kPresent) continue;
    const std::string_view rest = name.substr(kPrefix.size());
    if (EqualsIgnoreCase(rest, "filename")) {
      b.filename = true;
    } else if (EqualsIgnoreCase(rest, "executable")) {
      b.executable = true;
    } else if (EqualsIgnoreCase(rest, "archive")) {
      b.archive = true;
    } else if (EqualsIgnoreCase(rest, "structured")) {
      b.structured = true;
    } else if (EqualsIgnoreCase(rest, "sourceCodeUri")) {
      b.source_code_uri = true;
    }
  }
  return b;
}

// The unnecessary-component rules, their globs indexed by the first literal byte (the last one
// for globs that open with '*'), so a name or property is tried only against the globs whose
// fixed ends could match it. A rule matches when any of its criteria does, so the order in which
// globs are tried does not change the result.
class RuleSet {
 public:
  explicit RuleSet(const std::vector<UnnecessaryRule>& rules) : rules_(&rules) {
    for (std::size_t r = 0; r < rules.size(); ++r) {
      for (const auto& g : rules[r].name_globs) names_.Add(AddGlob(g), 0, r, globs_);
      for (const auto& [name_glob, value_glob] : rules[r].properties) {
        const std::size_t name = AddGlob(name_glob);
        properties_.Add(name, AddGlob(value_glob), r, globs_);
      }
    }
  }

  // The ids of the rules `c` matches, in rule order, joined with ", " (empty when none).
  // `dev_only`: every edge into the component is a dev/test/build dependency. `matched` is
  // scratch space.
  std::string Match(const Component& c, bool dev_only, std::vector<char>& matched) const {
    const std::vector<UnnecessaryRule>& rules = *rules_;
    matched.assign(rules.size(), 0);
    for (std::size_t r = 0; r < rules.size(); ++r) {
      for (model::Scope s : rules[r].scopes) matched[r] = matched[r] || c.scope == s;
    }
    auto by_name = [&](std::string_view text) {
      names_.ForCandidates(text, [&](const Entry& e) {
        if (!matched[e.rule] && globs_[e.glob].Matches(text)) matched[e.rule] = 1;
      });
    };
    by_name(c.name);
    if (!c.group.empty()) by_name(c.group + "/" + c.name);
    for (const auto& p : c.properties) {
      properties_.ForCandidates(p.name, [&](const Entry& e) {
        if (!matched[e.rule] && globs_[e.glob].Matches(p.name) && globs_[e.value].Matches(p.value)) matched[e.rule] = 1;
      });
    }
    std::string ids;
    for (std::size_t r = 0; r < rules.size(); ++r) {
      if (!matched[r] && !(rules[r].only_dev_dependency && dev_only)) continue;
      if (!ids.empty()) ids += ", ";
      ids += rules[r].id;
    }
    return ids;
  }

 private:
  struct Entry {
    std::size_t glob;   // into globs_
    std::size_t value;  // property value glob (properties only)
    std::size_t rule;
  };

  class Index {
   public:
    void Add(std::size_t glob_index, std::size_t value, std::size_t rule, const std::vector<Glob>& globs) {
      const Glob& g = globs[glob_index];
      const std::size_t e = entries_.size();
      entries_.push_back({glob_index, value, rule});
      if (!g.prefix().empty()) {
        by_first_[Byte(g.prefix().front())].push_back(e);
      } else if (!g.suffix().empty()) {
        by_last_[Byte(g.suffix().back())].push_back(e);
      } else {
        any_.push_back(e);
      }
    }
    // Calls fn for every entry that could match `text` (each entry sits in exactly one list).
    template <typename Fn>
    void ForCandidates(std::string_view text, Fn&& fn) const {
      if (!text.empty()) {
        for (std::size_t e : by_first_[Byte(text.front())]) fn(entries_[e]);
        for (std::size_t e : by_last_[Byte(text.back())]) fn(entries_[e]);
      }
      for (std::size_t e : any_) fn(entries_[e]);
    }

   private:
    static unsigned char Byte(char c) { return static_cast<unsigned char>(FoldAscii(c)); }
    std::vector<Entry> entries_;
    std::array<std::vector<std::size_t>, 256> by_first_;
    std::array<std::vector<std::size_t>, 256> by_last_;
    std::vector<std::size_t> any_;
  };

  std::size_t AddGlob(std::string_view pattern) {
    globs_.emplace_back(pattern);
    return globs_.size() - 1;
  }

  const std::vector<UnnecessaryRule>* rules_;
  std::vector<Glob> globs_;
  Index names_;
  Index properties_;
};

// ---------------------------------------------------------------------------------------------
// Facts gathered once per assessment
//
// Every profile asks the same questions of each component (is the supplier known? is there a
// unique identifier?) and of each bom-ref (does anything depend on it? does it declare its
// dependencies?). They are answered here, once, so each check is one pass over plain values:
// one hash lookup per bom-ref and per edge endpoint for the whole assessment, not one per check.

constexpr std::size_t kNoParent = static_cast<std::size_t>(-1);

// Open-addressing table from a string to a dense index (0, 1, 2, ... in insertion order), sized
// once for the most keys it can be given: no allocation per key, and a probe stays in one array.
// Keys are views; their text must outlive the table.
class DenseIndex {
 public:
  explicit DenseIndex(std::size_t max_keys) {
    std::size_t capacity = 16;
    while (capacity < 2 * max_keys) capacity *= 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    keys_.reserve(max_keys);
    hashes_.reserve(max_keys);
  }

  // The key's index, and whether it was new. At most `max_keys` distinct keys.
  std::pair<std::size_t, bool> Insert(std::string_view key) {
    const std::size_t h = std::hash<std::string_view>{}(key);
    std::size_t slot = h & mask_;
    while (slots_[slot] != 0) {
      const std::size_t index = slots_[slot] - 1;
      if (hashes_[index] == h && keys_[index] == key) return {index, false};
      slot = (slot + 1) & mask_;
    }
    keys_.push_back(key);
    hashes_.push_back(h);
    slots_[slot] = keys_.size();
    return {keys_.size() - 1, true};
  }

  // The key's index, or kNoParent when absent.
  std::size_t Find(std::string_view key) const {
    const std::size_t h = std::hash<std::string_view>{}(key);
    for (std::size_t slot = h & mask_; slots_[slot] != 0; slot = (slot + 1) & mask_) {
      const std::size_t index = slots_[slot] - 1;
      if (hashes_[index] == h && keys_[index] == key) return index;
    }
    return kNoParent;
  }

  std::size_t size() const { return keys_.size(); }

 private:
  std::vector<std::size_t> slots_;  // 0 = empty, else index + 1
  std::vector<std::string_view> keys_;
  std::vector<std::size_t> hashes_;
  std::size_t mask_ = 0;
};

// What the document says about one bom-ref, from its components and its dependency data.
struct RefInfo {
  std::size_t id = 0;                         // dense index (adjacency lists)
  std::size_t first_component = kNoParent;    // first component carrying the ref, if any
  std::size_t component_count = 0;            // components carrying it (duplicates when > 1)
  bool declared = false;                      // an outgoing edge or a dependency entry
  bool connected = false;                     // appears in any edge
  std::size_t dev_in = 0;                     // incoming dev/test/build edges
  std::size_t other_in = 0;                   // other incoming edges
};

// Per-component answers shared by several profiles.
struct ComponentFacts {
  std::size_t index = 0;         // position in Facts::components
  const RefInfo* ref = nullptr;  // nullptr when the component has no bom-ref
  Presence name = Presence::kMissing;
  Presence version = Presence::kMissing;
  Presence supplier = Presence::kMissing;
  Presence license = Presence::kMissing;
  Presence purl = Presence::kMissing;
  bool identifier = false;  // purl, CPE or SWID tag present
  bool hash = false;        // any hash with a value
  bool nested = false;      // contained in another component
  bool copyright = false;   // copyright text present
  // BSI TR-03183-2 (filled when that profile is assessed).
  bool creator_contact = false;  // supplier, manufacturer or an author with e-mail or URL
  bool file_name = false;        // file name or bsi:component:filename
  bool spdx_licences = false;    // at least one license, every one normalizable to SPDX
  bool sha512 = false;
  BsiProperties bsi;
  bool source_code_uri = false;  // vcs / source-distribution reference or property
  bool executable_uri = false;   // distribution reference or download location
  bool source_hash = false;      // vcs / source-distribution reference with a hash
  // Hygiene (filled when that profile is assessed).
  bool purl_valid = false;
  bool cpe_present = false;
  bool cpe_valid = true;  // every present CPE parses
  std::string unnecessary;  // ids of the unnecessary-component rules it matches, ", "-joined
};

struct Facts {
  const model::Sbom* sbom = nullptr;
  std::vector<const Component*> components;  // primary (if any) first, then document order
  std::vector<std::size_t> parent;           // index into components, kNoParent for top level
  std::vector<ComponentFacts> facts;         // parallel to components
  const Component* primary = nullptr;
  // Every bom-ref of a component, edge endpoint or dependency entry: `ref_index` gives its
  // position in `refs` (RefInfo::id). `refs` is reserved for the most refs the document can
  // have, so the RefInfo pointers held in `facts` and `edges` stay valid.
  DenseIndex ref_index{0};
  std::vector<RefInfo> refs;
  std::vector<std::pair<const RefInfo*, const RefInfo*>> edges;  // parallel to sbom.dependencies
  // Hygiene: the duplicate key of each component ("purl:<canonical>" or "name:<group>/<name>@
  // <version>"; empty when it has neither), parallel to components.
  std::vector<std::string> keys;
};

// Which fact groups an assessment needs, and what they are computed with.
struct GatherContext {
  bool bsi = false;
  bool hygiene = false;
  std::optional<RuleSet> rules;
  std::vector<char> matched;  // scratch for RuleSet::Match
  // Real SBOMs repeat a few dozen license texts over thousands of components: each distinct
  // text is normalized once.
  std::unordered_map<std::string_view, bool> spdx_by_text;

  bool IsSpdx(std::string_view text) {
    auto [it, inserted] = spdx_by_text.try_emplace(text, false);
    if (inserted) {
      it->second = license::NormalizeLicense(text).method != license::NormalizedLicense::Method::kUnmatched;
    }
    return it->second;
  }
};

bool IsDevEdge(model::RelationshipType t) {
  return t == model::RelationshipType::kDevDependsOn || t == model::RelationshipType::kTestDependsOn ||
         t == model::RelationshipType::kBuildDependsOn;
}

// Everything the checks ask of one component, in one visit: the component's strings are read
// while they are in cache, and the checks then run over these compact answers.
void Describe(const Component& c, GatherContext& ctx, ComponentFacts& cf, std::string& key) {
  cf.name = Classify(c.name);
  cf.version = Classify(c.version);
  cf.supplier = SupplierPresence(c);
  cf.license = LicensePresence(c);
  cf.purl = Classify(c.purl);
  cf.identifier = cf.purl == Presence::kPresent || HasIdentifier(c);
  cf.hash = HasHash(c);
  cf.copyright = Classify(c.copyright) == Presence::kPresent;
  if (ctx.bsi) {
    cf.creator_contact = (c.supplier && HasContact(*c.supplier)) || (c.manufacturer && HasContact(*c.manufacturer));
    for (const auto& a : c.authors) cf.creator_contact = cf.creator_contact || HasContact(a);
    cf.bsi = FindBsiProperties(c);
    cf.file_name = Classify(c.file_name) == Presence::kPresent || cf.bsi.filename;
    bool any = false, all = true;
    for (const auto& l : c.licenses) {
      if (Classify(l.value) != Presence::kPresent) continue;
      if (!ctx.IsSpdx(l.value)) {
        all = false;
        break;
      }
      any = true;
    }
    cf.spdx_licences = any && all;
    cf.sha512 = HasHash(c, model::HashAlgorithm::kSha512);
    bool source_ref = false, dist_ref = false;
    for (const auto& ref : c.external_references) {
      if (Classify(ref.url) != Presence::kPresent) continue;
      if (EqualsIgnoreCase(ref.type, "vcs") || EqualsIgnoreCase(ref.type, "source-distribution")) {
        source_ref = true;
        cf.source_hash = cf.source_hash || !ref.hashes.empty();
      } else if (EqualsIgnoreCase(ref.type, "distribution") || EqualsIgnoreCase(ref.type, "distribution-intake")) {
        dist_ref = true;
      }
    }
    cf.source_code_uri = source_ref || cf.bsi.source_code_uri;
    cf.executable_uri = dist_ref || Classify(c.download_location) == Presence::kPresent;
  }
  if (ctx.hygiene) {
    // One purl parse serves both the syntax check and the duplicate key (the canonical form).
    if (cf.purl == Presence::kPresent) {
      auto parsed = model::Purl::Parse(c.purl, model::PurlParseMode::kLenient);
      cf.purl_valid = parsed.ok();
      key = "purl:" + (parsed.ok() ? parsed->ToString() : c.purl);
    } else if (cf.name == Presence::kPresent) {
      key = "name:" + AsciiLower(c.group) + "/" + AsciiLower(c.name) + "@" + c.version;
    }
    for (const auto& cpe : c.cpes) {
      if (Classify(cpe) != Presence::kPresent) continue;
      cf.cpe_present = true;
      if (cf.cpe_valid && !model::Cpe::Parse(cpe).ok()) cf.cpe_valid = false;
    }
    const bool dev_only = cf.ref != nullptr && cf.ref->dev_in > 0 && cf.ref->other_in == 0;
    cf.unnecessary = ctx.rules->Match(c, dev_only, ctx.matched);
  }
}

Facts Gather(const model::Sbom& sbom, const std::vector<Profile>& profiles, const QualityOptions& o) {
  Facts f;
  f.sbom = &sbom;
  GatherContext ctx;
  for (Profile p : profiles) {
    ctx.bsi = ctx.bsi || p == Profile::kBsiTr03183_2;
    ctx.hygiene = ctx.hygiene || p == Profile::kHygiene;
  }
  if (ctx.hygiene) ctx.rules.emplace(o.unnecessary_rules);
  const std::size_t max_refs = model::CountComponents(sbom) + 1 + 2 * sbom.dependencies.size() +
                               sbom.dependency_refs.size();
  f.ref_index = DenseIndex(max_refs);
  f.refs.reserve(max_refs);
  auto ref_info = [&f](std::string_view ref) -> RefInfo& {
    auto [id, inserted] = f.ref_index.Insert(ref);
    if (inserted) f.refs.emplace_back().id = id;
    return f.refs[id];
  };
  // Iterative walk that also records each component's parent (nesting means "contains").
  struct Frame {
    const std::vector<Component>* list;
    std::size_t index;
    std::size_t parent;
  };
  std::vector<Frame> stack;
  auto add = [&](const Component& c, std::size_t parent) {
    const std::size_t index = f.components.size();
    f.components.push_back(&c);
    f.parent.push_back(parent);
    ComponentFacts& cf = f.facts.emplace_back();
    cf.index = index;
    cf.nested = parent != kNoParent;
    if (!c.bom_ref.empty()) {
      RefInfo& r = ref_info(c.bom_ref);
      if (r.first_component == kNoParent) r.first_component = index;
      ++r.component_count;
      cf.ref = &r;
    }
    std::string key;
    Describe(c, ctx, cf, key);
    if (ctx.hygiene) f.keys.push_back(std::move(key));
    if (!c.components.empty()) stack.push_back({&c.components, 0, index});
  };
  auto drain = [&] {
    while (!stack.empty()) {
      Frame& fr = stack.back();
      if (fr.index >= fr.list->size()) {
        stack.pop_back();
        continue;
      }
      const Component& c = (*fr.list)[fr.index++];
      add(c, fr.parent);
    }
  };
  // Dependency data first: whether a component is only a dev dependency is one of its facts.
  f.edges.reserve(sbom.dependencies.size());
  // Edges come grouped by their source (CycloneDX dependsOn lists, SPDX relationship runs), so
  // the previous source is tried before the map.
  const std::string* last_from = nullptr;
  RefInfo* last_from_info = nullptr;
  for (const auto& e : sbom.dependencies) {
    if (last_from == nullptr || *last_from != e.from) {
      last_from = &e.from;
      last_from_info = &ref_info(e.from);
    }
    RefInfo& from = *last_from_info;
    RefInfo& to = ref_info(e.to);
    from.declared = true;
    from.connected = true;
    to.connected = true;
    if (IsDevEdge(e.type)) {
      ++to.dev_in;
    } else {
      ++to.other_in;
    }
    f.edges.emplace_back(&from, &to);
  }
  for (const auto& r : sbom.dependency_refs) ref_info(r).declared = true;

  if (sbom.primary) {
    f.primary = &*sbom.primary;
    add(*sbom.primary, kNoParent);
    drain();
  }
  stack.push_back({&sbom.components, 0, kNoParent});
  drain();
  return f;
}

std::string Label(const Component& c) {
  if (!c.bom_ref.empty()) return c.bom_ref;
  std::string s = c.group.empty() ? c.name : c.group + "/" + c.name;
  if (!c.version.empty()) s += "@" + c.version;
  return s.empty() ? std::string("(unnamed component)") : s;
}

// ---------------------------------------------------------------------------------------------
// Check construction

struct Spec {
  std::string_view id;
  std::string_view title;
  std::string_view source;
  Level level;
  bool decides;
  double weight;
};

Check Make(const Spec& s) {
  Check c;
  c.id = std::string(s.id);
  c.title = std::string(s.title);
  c.source = std::string(s.source);
  c.level = s.level;
  c.decides_pass = s.decides;
  c.weight = s.weight;
  return c;
}

void AddOffender(Check& c, std::string label, const QualityOptions& o) {
  if (c.components.size() < o.max_listed_components) {
    c.components.push_back(std::move(label));
  } else {
    ++c.omitted;
  }
}

// Builds the label only when it will be kept (large SBOMs fail some checks for most components).
void AddOffender(Check& c, const Component& comp, const QualityOptions& o) {
  if (c.components.size() < o.max_listed_components) {
    c.components.push_back(Label(comp));
  } else {
    ++c.omitted;
  }
}

void Finish(Check& c) {
  if (c.applicable == 0) {
    c.result = CheckResult::kNotApplicable;
  } else {
    c.result = c.passed == c.applicable ? CheckResult::kPass : CheckResult::kFail;
  }
}

struct Always {
  bool operator()(const Component&, const ComponentFacts&) const { return true; }
};

// A check applied to every component (optionally only those `applies` selects). Both predicates
// take the component and its ComponentFacts.
template <typename Ok, typename Applies = Always>
Check PerComponent(const Spec& s, const Facts& f, const QualityOptions& o, Ok&& ok, Applies&& applies = {}) {
  Check c = Make(s);
  for (std::size_t i = 0; i < f.components.size(); ++i) {
    const Component& comp = *f.components[i];
    const ComponentFacts& cf = f.facts[i];
    if (!applies(comp, cf)) continue;
    ++c.applicable;
    if (ok(comp, cf)) {
      ++c.passed;
    } else {
      AddOffender(c, comp, o);
    }
  }
  Finish(c);
  if (c.result == CheckResult::kFail) {
    c.detail = std::to_string(c.applicable - c.passed) + " of " + std::to_string(c.applicable) + " components fail";
  }
  return c;
}

Check Document(const Spec& s, bool ok, std::string detail) {
  Check c = Make(s);
  c.applicable = 1;
  c.passed = ok ? 1 : 0;
  c.detail = std::move(detail);
  Finish(c);
  return c;
}

Check NotApplicable(const Spec& s, std::string detail) {
  Check c = Make(s);
  c.detail = std::move(detail);
  c.result = CheckResult::kNotApplicable;
  return c;
}

// Shared document-level facts.
bool HasAuthor(const model::Sbom& sbom) {
  for (const auto& a : sbom.authors) {
    if (Classify(a.name) == Presence::kPresent || Classify(a.email) == Presence::kPresent) return true;
  }
  for (const auto& t : sbom.tools) {
    if (Classify(t.name) == Presence::kPresent) return true;
  }
  return false;
}

std::string PrimaryDependencyDetail(const Facts& f, bool& ok) {
  ok = false;
  if (f.primary == nullptr) return "the SBOM names no primary component (CycloneDX metadata.component, SPDX DESCRIBES)";
  if (f.primary->bom_ref.empty()) return "the primary component has no bom-ref, so no dependency can point at it";
  if (!f.facts[0].ref->declared && f.primary->components.empty()) {  // the primary is component 0
    return "no dependency relationship is declared for the primary component '" + f.primary->bom_ref + "'";
  }
  ok = true;
  return {};
}

bool HasIdentifierFact(const Component&, const ComponentFacts& cf) { return cf.identifier; }

bool DeclaresDependencies(const Component& c, const ComponentFacts& cf) {
  return (cf.ref != nullptr && cf.ref->declared) || !c.components.empty();
}

// ---------------------------------------------------------------------------------------------
// Profiles

constexpr std::string_view kNtiaSource = "NTIA, The Minimum Elements For a Software Bill of Materials (2021)";

std::vector<Check> Ntia(const Facts& f, const QualityOptions& o) {
  const model::Sbom& sbom = *f.sbom;
  std::vector<Check> out;
  out.push_back(PerComponent({"ntia.supplier", "Supplier name", kNtiaSource, Level::kRequired, true, 1}, f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.supplier == Presence::kPresent; }));
  out.push_back(PerComponent({"ntia.name", "Component name", kNtiaSource, Level::kRequired, true, 1}, f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.name == Presence::kPresent; }));
  out.push_back(PerComponent({"ntia.version", "Version of the component", kNtiaSource, Level::kRequired, true, 1}, f,
                             o, [](const Component&, const ComponentFacts& cf) { return cf.version == Presence::kPresent; }));
  out.push_back(PerComponent({"ntia.unique-identifiers", "Other unique identifiers (purl, CPE, SWID)", kNtiaSource,
                              Level::kRequired, true, 1},
                             f, o, HasIdentifierFact));
  bool dep_ok = false;
  std::string dep_detail = PrimaryDependencyDetail(f, dep_ok);
  out.push_back(Document({"ntia.dependency-relationship", "Dependency relationship", kNtiaSource, Level::kRequired,
                          true, 1},
                         dep_ok, dep_detail));
  out.push_back(Document({"ntia.author", "Author of SBOM data", kNtiaSource, Level::kRequired, true, 1},
                         HasAuthor(sbom), HasAuthor(sbom) ? "" : "no author or creating tool is named"));
  out.push_back(Document({"ntia.timestamp", "Timestamp", kNtiaSource, Level::kRequired, true, 1},
                         IsRfc3339(sbom.timestamp),
                         sbom.timestamp.empty() ? "no timestamp"
                                                : IsRfc3339(sbom.timestamp)
                                                      ? ""
                                                      : "'" + Excerpt(sbom.timestamp) + "' is not an RFC 3339 date-time"));
  return out;
}

constexpr std::string_view kCisaSource = "CISA, Framing Software Component Transparency (2024), baseline attribute: ";

std::vector<Check> Cisa(const Facts& f, const QualityOptions& o) {
  const model::Sbom& sbom = *f.sbom;
  std::vector<Check> out;
  // Sources are built per attribute; Spec holds views, so keep the strings alive (and in place)
  // until Make() has copied them.
  std::deque<std::string> sources;
  auto src = [&](std::string_view attribute) -> std::string_view {
    sources.push_back(std::string(kCisaSource) + std::string(attribute));
    return sources.back();
  };
  constexpr double kMin = 3, kRec = 2, kAsp = 1;
  auto known_or_declared = [](Presence p) { return p != Presence::kMissing; };

  // SBOM Author
  out.push_back(Document({"cisa.author.minimum", "SBOM author named", src("SBOM Author"), Level::kMinimum, true, kMin},
                         HasAuthor(sbom), HasAuthor(sbom) ? "" : "no author or creating tool is named"));
  bool author_contact = false;
  for (const auto& a : sbom.authors) author_contact = author_contact || (Classify(a.name) == Presence::kPresent && HasContact(a));
  out.push_back(Document({"cisa.author.recommended", "SBOM author is a person or organization with contact details",
                          src("SBOM Author"), Level::kRecommended, false, kRec},
                         author_contact, author_contact ? "" : "no author with an e-mail address or URL"));
  // Timestamp
  out.push_back(Document({"cisa.timestamp.minimum", "SBOM timestamp", src("Timestamp"), Level::kMinimum, true, kMin},
                         IsRfc3339(sbom.timestamp), IsRfc3339(sbom.timestamp) ? "" : "missing or not RFC 3339"));
  // SBOM Type
  out.push_back(Document({"cisa.sbom-type.recommended", "SBOM type (lifecycle phase) stated", src("SBOM Type"),
                          Level::kRecommended, false, kRec},
                         !sbom.lifecycles.empty(), sbom.lifecycles.empty() ? "no lifecycle phase (design, build, ...)" : ""));
  // Primary Component
  const bool has_primary = f.primary != nullptr && Classify(f.primary->name) == Presence::kPresent;
  out.push_back(Document({"cisa.primary-component.minimum", "Primary component identified", src("Primary Component"),
                          Level::kMinimum, true, kMin},
                         has_primary, has_primary ? "" : "the SBOM names no primary component"));
  // Component Name
  out.push_back(PerComponent({"cisa.name.minimum", "Component name", src("Component Name"), Level::kMinimum, true, kMin},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.name == Presence::kPresent; }));
  // Version
  out.push_back(PerComponent({"cisa.version.minimum", "Version, or declared unknown", src("Version"), Level::kMinimum,
                              true, kMin},
                             f, o, [&](const Component&, const ComponentFacts& cf) { return known_or_declared(cf.version); }));
  out.push_back(PerComponent({"cisa.version.recommended", "Version known", src("Version"), Level::kRecommended, false,
                              kRec},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.version == Presence::kPresent; }));
  // Supplier
  out.push_back(PerComponent({"cisa.supplier.minimum", "Supplier, or declared unknown", src("Supplier Name"),
                              Level::kMinimum, true, kMin},
                             f, o, [&](const Component&, const ComponentFacts& cf) { return known_or_declared(cf.supplier); }));
  out.push_back(PerComponent({"cisa.supplier.recommended", "Supplier known", src("Supplier Name"), Level::kRecommended,
                              false, kRec},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.supplier == Presence::kPresent; }));
  // Unique Identifiers
  out.push_back(PerComponent({"cisa.unique-identifier.minimum", "At least one unique identifier (purl, CPE, SWID)",
                              src("Unique Identifier"), Level::kMinimum, true, kMin},
                             f, o, HasIdentifierFact));
  // Cryptographic Hash
  if (f.primary != nullptr) {
    out.push_back(Document({"cisa.hash.minimum", "Hash of the primary component", src("Cryptographic Hash"),
                            Level::kMinimum, true, kMin},
                           f.facts[0].hash, f.facts[0].hash ? "" : "the primary component has no hash"));
  } else {
    out.push_back(NotApplicable({"cisa.hash.minimum", "Hash of the primary component", src("Cryptographic Hash"),
                                 Level::kMinimum, true, kMin},
                                "no primary component"));
  }
  out.push_back(PerComponent({"cisa.hash.recommended", "Hash of every component", src("Cryptographic Hash"),
                              Level::kRecommended, false, kRec},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.hash; }));
  // Relationships
  bool dep_ok = false;
  std::string dep_detail = PrimaryDependencyDetail(f, dep_ok);
  out.push_back(Document({"cisa.relationships.minimum", "Direct dependencies of the primary component declared",
                          src("Relationships"), Level::kMinimum, true, kMin},
                         dep_ok, dep_detail));
  out.push_back(PerComponent({"cisa.relationships.recommended", "Every component takes part in the dependency graph",
                              src("Relationships"), Level::kRecommended, false, kRec},
                             f, o, [](const Component& c, const ComponentFacts& cf) {
                               return (cf.ref != nullptr && cf.ref->connected) || !c.components.empty() || cf.nested ||
                                      DeclaresDependencies(c, cf);
                             }));
  out.push_back(PerComponent({"cisa.relationship-completeness.aspirational",
                              "Every component states its dependencies, or that it has none",
                              src("Relationship Completeness"), Level::kAspirational, false, kAsp},
                             f, o, DeclaresDependencies));
  // License
  if (f.primary != nullptr) {
    const Presence p = f.facts[0].license;  // the primary is component 0
    out.push_back(Document({"cisa.license.minimum", "License of the primary component, or declared unknown",
                            src("License"), Level::kMinimum, true, kMin},
                           known_or_declared(p), known_or_declared(p) ? "" : "the primary component has no license"));
  } else {
    out.push_back(NotApplicable({"cisa.license.minimum", "License of the primary component, or declared unknown",
                                 src("License"), Level::kMinimum, true, kMin},
                                "no primary component"));
  }
  out.push_back(PerComponent({"cisa.license.recommended", "License of every component known", src("License"),
                              Level::kRecommended, false, kRec},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.license == Presence::kPresent; }));
  // Copyright Holder
  out.push_back(PerComponent({"cisa.copyright.aspirational", "Copyright holder of every component",
                              src("Copyright Holder"), Level::kAspirational, false, kAsp},
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.copyright; }));
  return out;
}

constexpr std::string_view kBsiSource = "BSI TR-03183-2 v2.0, ";

bool VersionAtLeast(std::string_view version, int major, int minor) {
  int parts[2] = {0, 0};
  std::size_t idx = 0;
  for (char c : version) {
    if (c == '.') {
      if (++idx >= 2) break;
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      parts[idx] = parts[idx] * 10 + (c - '0');
      if (parts[idx] > 1000) return true;
    } else {
      break;
    }
  }
  return parts[0] > major || (parts[0] == major && parts[1] >= minor);
}

std::vector<Check> Bsi(const Facts& f, const QualityOptions& o) {
  const model::Sbom& sbom = *f.sbom;
  std::vector<Check> out;
  const std::string sbom_fields = std::string(kBsiSource) + "5.2.1 required data fields for the SBOM";
  const std::string comp_fields = std::string(kBsiSource) + "5.2.2 required data fields for each component";
  const std::string add_sbom = std::string(kBsiSource) + "5.3.1 additional data fields for the SBOM";
  const std::string add_comp = std::string(kBsiSource) + "5.3.2 additional data fields for each component";
  const std::string format = std::string(kBsiSource) + "4 format (CycloneDX 1.5+ or SPDX 2.2.1+)";
  constexpr double kReq = 2, kAdd = 1;

  const bool format_ok = sbom.family == model::SpecFamily::kCycloneDx ? VersionAtLeast(sbom.spec_version, 1, 5)
                                                                       : VersionAtLeast(sbom.spec_version, 2, 2);
  out.push_back(Document({"bsi.format", "CycloneDX 1.5 or later, or SPDX 2.2.1 or later", format, Level::kRequired,
                          true, kReq},
                         format_ok,
                         format_ok ? "" : std::string(model::SpecFamilyName(sbom.family)) + " " + sbom.spec_version +
                                              " is older than the TR allows"));
  bool creator = false;
  for (const auto& a : sbom.authors) creator = creator || HasContact(a);
  if (sbom.manufacturer) creator = creator || HasContact(*sbom.manufacturer);
  if (sbom.supplier) creator = creator || HasContact(*sbom.supplier);
  out.push_back(Document({"bsi.sbom-creator", "Creator of the SBOM with e-mail address or URL", sbom_fields,
                          Level::kRequired, true, kReq},
                         creator, creator ? "" : "no SBOM author, manufacturer or supplier with an e-mail or URL"));
  out.push_back(Document({"bsi.timestamp", "Timestamp of SBOM creation", sbom_fields, Level::kRequired, true, kReq},
                         IsRfc3339(sbom.timestamp), IsRfc3339(sbom.timestamp) ? "" : "missing or not RFC 3339"));

  auto spec = [&](std::string_view id, std::string_view title, const std::string& source, bool required) {
    return Spec{id, title, source, required ? Level::kRequired : Level::kAdditional, required, required ? kReq : kAdd};
  };
  out.push_back(PerComponent(spec("bsi.component-creator", "Component creator with e-mail address or URL", comp_fields,
                                  true),
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.creator_contact; }));
  out.push_back(PerComponent(spec("bsi.component-name", "Component name", comp_fields, true), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.name == Presence::kPresent; }));
  out.push_back(PerComponent(spec("bsi.component-version", "Component version", comp_fields, true), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.version == Presence::kPresent; }));
  out.push_back(PerComponent(spec("bsi.filename", "Filename of the component", comp_fields, true), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.file_name; }));
  out.push_back(PerComponent(spec("bsi.dependencies", "Dependencies on other components (complete enumeration)",
                                  comp_fields, true),
                             f, o, DeclaresDependencies));
  out.push_back(PerComponent(spec("bsi.distribution-licences", "Distribution licences as SPDX identifiers/expressions",
                                  comp_fields, true),
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.spdx_licences; }));
  out.push_back(PerComponent(spec("bsi.hash-sha512", "SHA-512 hash of the deployable component", comp_fields, true), f,
                             o, [](const Component&, const ComponentFacts& cf) { return cf.sha512; }));
  out.push_back(PerComponent(spec("bsi.executable-property", "Executable property (bsi:component:executable)",
                                  comp_fields, true),
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.bsi.executable; }));
  out.push_back(PerComponent(spec("bsi.archive-property", "Archive property (bsi:component:archive)", comp_fields,
                                  true),
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.bsi.archive; }));
  out.push_back(PerComponent(spec("bsi.structured-property", "Structured property (bsi:component:structured)",
                                  comp_fields, true),
                             f, o, [](const Component&, const ComponentFacts& cf) { return cf.bsi.structured; }));

  out.push_back(Document({"bsi.sbom-uri", "SBOM URI (serial number / document namespace)", add_sbom,
                          Level::kAdditional, false, kAdd},
                         Classify(sbom.serial_number) == Presence::kPresent,
                         Classify(sbom.serial_number) == Presence::kPresent ? "" : "no serial number or namespace"));
  out.push_back(PerComponent(spec("bsi.source-code-uri", "Source code URI", add_comp, false), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.source_code_uri; }));
  out.push_back(PerComponent(spec("bsi.executable-uri", "URI of the executable form", add_comp, false), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.executable_uri; }));
  out.push_back(PerComponent(spec("bsi.source-hash", "Hash of the source code", add_comp, false), f, o,
                             [](const Component&, const ComponentFacts& cf) { return cf.source_hash; }));
  out.push_back(PerComponent(spec("bsi.unique-identifiers", "Other unique identifiers (CPE, purl, SWID)", add_comp,
                                  false),
                             f, o, HasIdentifierFact));
  return out;
}

constexpr std::string_view kHygieneSource = "sbomhub hygiene";

std::vector<Check> Hygiene(const Facts& f, const QualityOptions& o) {
  const model::Sbom& sbom = *f.sbom;
  std::vector<Check> out;
  const std::string src(kHygieneSource);

  // NOASSERTION / empty ratio over the fields most consumers rely on.
  {
    Check c = Make({"hygiene.noassertion-ratio", "NOASSERTION or empty supplier, version, license, purl", src,
                    Level::kRequired, true, 1});
    std::size_t noisy = 0, total = 0;
    for (std::size_t i = 0; i < f.components.size(); ++i) {
      const ComponentFacts& cf = f.facts[i];
      const Presence values[] = {cf.supplier, cf.version, cf.license, cf.purl};
      std::size_t here = 0;
      for (Presence p : values) here += p == Presence::kPresent ? 0 : 1;
      total += 4;
      noisy += here;
      if (here > 0) AddOffender(c, *f.components[i], o);
    }
    if (total == 0) {
      c.result = CheckResult::kNotApplicable;
    } else {
      const double ratio = static_cast<double>(noisy) / static_cast<double>(total);
      c.applicable = total;
      c.passed = total - noisy;
      c.result = ratio <= o.max_noassertion_ratio ? CheckResult::kPass : CheckResult::kFail;
      c.detail = std::to_string(noisy) + " of " + std::to_string(total) + " values are NOASSERTION or empty (" +
                 std::to_string(static_cast<int>(ratio * 100 + 0.5)) + "%, limit " +
                 std::to_string(static_cast<int>(o.max_noassertion_ratio * 100 + 0.5)) + "%)";
    }
    out.push_back(std::move(c));
  }
  const std::vector<std::string>& keys = f.keys;
  out.push_back(PerComponent(
      {"hygiene.purl-valid", "purl syntax", "ECMA-427 Package-URL", Level::kRequired, true, 1}, f, o,
      [](const Component&, const ComponentFacts& cf) { return cf.purl_valid; },
      [](const Component&, const ComponentFacts& cf) { return cf.purl == Presence::kPresent; }));
  out.push_back(PerComponent(
      {"hygiene.cpe-valid", "CPE syntax", "NISTIR 7695 CPE Naming", Level::kRequired, true, 1}, f, o,
      [](const Component&, const ComponentFacts& cf) { return cf.cpe_valid; },
      [](const Component&, const ComponentFacts& cf) { return cf.cpe_present; }));
  // Duplicate bom-refs break every reference; duplicate packages are noise.
  {
    Check refs = Make({"hygiene.duplicate-bom-ref", "bom-refs / SPDXIDs are unique", src, Level::kRequired, true, 1});
    Check pkgs = Make({"hygiene.duplicate-components", "No component listed twice (same purl, or name and version)", src,
                       Level::kAdvisory, false, 1});
    // Views into `keys`, which no longer moves.
    DenseIndex key_index(keys.size());
    std::vector<std::size_t> key_count;                    // by key_index
    std::vector<std::size_t> key_of(keys.size(), kNoParent);  // component -> key_index
    key_count.reserve(keys.size());
    for (std::size_t i = 0; i < keys.size(); ++i) {
      if (keys[i].empty()) continue;
      const auto [k, inserted] = key_index.Insert(keys[i]);
      if (inserted) key_count.push_back(0);
      ++key_count[k];
      key_of[i] = k;
    }
    for (std::size_t i = 0; i < f.components.size(); ++i) {
      const Component& c = *f.components[i];
      const ComponentFacts& cf = f.facts[i];
      if (cf.ref != nullptr) {
        ++refs.applicable;
        if (cf.ref->component_count > 1) {
          AddOffender(refs, c, o);
        } else {
          ++refs.passed;
        }
      }
      if (!keys[i].empty()) {
        ++pkgs.applicable;
        if (key_count[key_of[i]] > 1) {
          if (pkgs.components.size() < o.max_listed_components) {
            AddOffender(pkgs, Label(c) + " (" + keys[i] + ")", o);
          } else {
            ++pkgs.omitted;
          }
        } else {
          ++pkgs.passed;
        }
      }
    }
    Finish(refs);
    Finish(pkgs);
    out.push_back(std::move(refs));
    out.push_back(std::move(pkgs));
  }
  // Dangling references.
  {
    Check c = Make({"hygiene.dangling-references", "Every dependency refers to a component in the SBOM", src,
                    Level::kRequired, true, 1});
    auto known = [&](const std::string& ref, const RefInfo& info) {
      return info.first_component != kNoParent || ref == sbom.document_ref;
    };
    for (std::size_t k = 0; k < sbom.dependencies.size(); ++k) {
      const auto& e = sbom.dependencies[k];
      const bool from = known(e.from, *f.edges[k].first);
      const bool to = known(e.to, *f.edges[k].second);
      ++c.applicable;
      if (from && to) {
        ++c.passed;
      } else {
        AddOffender(c, (from ? "" : "?") + e.from + " -> " + (to ? "" : "?") + e.to, o);
      }
    }
    for (const auto& r : sbom.dependency_refs) {
      ++c.applicable;
      if (known(r, f.refs[f.ref_index.Find(r)])) {
        ++c.passed;
      } else {
        AddOffender(c, "?" + r, o);
      }
    }
    Finish(c);
    if (c.result == CheckResult::kFail) c.detail = "references marked '?' name no component";
    out.push_back(std::move(c));
  }
  // Reachability from the primary component over dependency edges and nesting.
  {
    const Spec s{"hygiene.unreachable", "Every component is reachable from the primary component", src,
                 Level::kAdvisory, false, 1};
    if (f.primary == nullptr) {
      out.push_back(NotApplicable(s, "no primary component"));
    } else if (sbom.dependencies.empty()) {
      out.push_back(NotApplicable(s, "the SBOM declares no dependency relationships"));
    } else {
      // Edges lead from a bom-ref to the first component carrying the target ref; nesting leads
      // from a parent to its children. Both as compressed adjacency arrays (offsets + targets):
      // two counting passes instead of one small vector per node.
      auto compress = [](std::size_t nodes, const auto& for_each_arc) {
        std::pair<std::vector<std::size_t>, std::vector<std::size_t>> adj;  // offsets, targets
        auto& [offsets, targets] = adj;
        offsets.assign(nodes + 1, 0);
        for_each_arc([&](std::size_t from, std::size_t) { ++offsets[from + 1]; });
        for (std::size_t n = 0; n < nodes; ++n) offsets[n + 1] += offsets[n];
        targets.resize(offsets[nodes]);
        std::vector<std::size_t> fill(offsets.begin(), offsets.end() - 1);
        for_each_arc([&](std::size_t from, std::size_t to) { targets[fill[from]++] = to; });
        return adj;
      };
      const auto [child_at, children] = compress(f.refs.size(), [&](const auto& arc) {  // by RefInfo::id
        for (const auto& [from, to] : f.edges) {
          if (to->first_component != kNoParent) arc(from->id, to->first_component);
        }
      });
      const auto [nested_at, nested] = compress(f.components.size(), [&](const auto& arc) {
        for (std::size_t i = 0; i < f.components.size(); ++i) {
          if (f.parent[i] != kNoParent) arc(f.parent[i], i);
        }
      });
      std::vector<char> seen(f.components.size(), 0);
      std::vector<std::size_t> queue{0};  // the primary is component 0
      queue.reserve(f.components.size());
      seen[0] = 1;
      auto visit = [&](std::size_t j) {
        if (!seen[j]) {
          seen[j] = 1;
          queue.push_back(j);
        }
      };
      // The document itself may be the root of SPDX relationships (DESCRIBES, CONTAINS).
      if (const std::size_t id = f.ref_index.Find(sbom.document_ref); id != kNoParent) {
        for (std::size_t k = child_at[id]; k < child_at[id + 1]; ++k) visit(children[k]);
      }
      for (std::size_t qi = 0; qi < queue.size(); ++qi) {
        const std::size_t i = queue[qi];
        for (std::size_t k = nested_at[i]; k < nested_at[i + 1]; ++k) visit(nested[k]);
        const RefInfo* ref = f.facts[i].ref;
        if (ref == nullptr) continue;
        for (std::size_t k = child_at[ref->id]; k < child_at[ref->id + 1]; ++k) visit(children[k]);
      }
      Check c = Make(s);
      for (std::size_t i = 0; i < f.components.size(); ++i) {
        ++c.applicable;
        if (seen[i]) {
          ++c.passed;
        } else {
          AddOffender(c, *f.components[i], o);
        }
      }
      Finish(c);
      out.push_back(std::move(c));
    }
  }
  // Unnecessary components.
  {
    Check c = Make({"hygiene.unnecessary-components",
                    "No test, development, debug, sample or excluded components in a delivery SBOM", src,
                    Level::kAdvisory, false, 1});
    for (std::size_t i = 0; i < f.components.size(); ++i) {
      const Component* comp = f.components[i];
      if (comp == f.primary) continue;
      ++c.applicable;
      const std::string& matched = f.facts[i].unnecessary;
      if (matched.empty()) {
        ++c.passed;
        continue;
      }
      if (c.components.size() < o.max_listed_components) {
        AddOffender(c, Label(*comp) + " (" + matched + ")", o);
      } else {
        ++c.omitted;
      }
    }
    Finish(c);
    out.push_back(std::move(c));
  }
  return out;
}

ProfileReport Run(Profile p, const Facts& f, const QualityOptions& o) {
  ProfileReport r;
  r.profile = p;
  switch (p) {
    case Profile::kNtia: r.checks = Ntia(f, o); break;
    case Profile::kCisa2024: r.checks = Cisa(f, o); break;
    case Profile::kBsiTr03183_2: r.checks = Bsi(f, o); break;
    case Profile::kHygiene: r.checks = Hygiene(f, o); break;
  }
  double got = 0, possible = 0;
  r.pass = true;
  for (const Check& c : r.checks) {
    if (c.result == CheckResult::kNotApplicable) continue;
    if (c.decides_pass && c.result == CheckResult::kFail) r.pass = false;
    possible += c.weight;
    got += c.weight * (c.applicable == 0 ? 0.0 : static_cast<double>(c.passed) / static_cast<double>(c.applicable));
  }
  r.score = possible == 0 ? 10.0 : 10.0 * got / possible;
  r.score = static_cast<double>(static_cast<long long>(r.score * 10.0 + 0.5)) / 10.0;  // one decimal
  return r;
}

}  // namespace

std::string_view ProfileName(Profile p) {
  switch (p) {
    case Profile::kNtia: return "ntia";
    case Profile::kCisa2024: return "cisa-2024";
    case Profile::kBsiTr03183_2: return "bsi-tr-03183-2";
    case Profile::kHygiene: return "hygiene";
  }
  return "ntia";
}

Result<std::vector<Profile>> ParseProfiles(std::string_view list) {
  std::vector<Profile> out;
  auto add = [&out](Profile p) {
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  };
  for (std::string_view item : Split(list, ',')) {
    item = TrimWhitespace(item);
    if (EqualsIgnoreCase(item, "all")) {
      for (Profile p : kAllProfiles) add(p);
      continue;
    }
    bool found = false;
    for (Profile p : kAllProfiles) {
      if (EqualsIgnoreCase(item, ProfileName(p))) {
        add(p);
        found = true;
      }
    }
    if (!found) {
      return Status::InvalidArgument("unknown quality profile '" + Excerpt(item) +
                                     "'; expected ntia, cisa-2024, bsi-tr-03183-2, hygiene or all");
    }
  }
  if (out.empty()) return Status::InvalidArgument("no quality profile given");
  return out;
}

std::string_view CheckResultName(CheckResult r) {
  switch (r) {
    case CheckResult::kPass: return "pass";
    case CheckResult::kFail: return "fail";
    case CheckResult::kNotApplicable: return "not-applicable";
  }
  return "not-applicable";
}

std::string_view LevelName(Level l) {
  switch (l) {
    case Level::kRequired: return "required";
    case Level::kMinimum: return "minimum";
    case Level::kRecommended: return "recommended";
    case Level::kAspirational: return "aspirational";
    case Level::kAdditional: return "additional";
    case Level::kAdvisory: return "advisory";
  }
  return "required";
}

bool QualityReport::pass() const {
  for (const auto& p : profiles) {
    if (!p.pass) return false;
  }
  return true;
}

std::vector<UnnecessaryRule> DefaultUnnecessaryRules() {
  std::vector<UnnecessaryRule> rules;
  rules.push_back({"excluded-scope", "component is marked as excluded from the delivered product",
                   {model::Scope::kExcluded}, {}, {}, false});
  rules.push_back({"dev-dependency", "only reached through development, test or build dependencies", {}, {}, {},
                   true});
  rules.push_back({"development-package", "the package manager marks it as a development dependency",
                   {},
                   {},
                   {{"cdx:npm:package:development", "true"},
                    {"cdx:maven:component_scope", "test"},
                    {"cdx:pipenv:package:category", "develop"},
                    {"cdx:poetry:group", "dev*"},
                    {"cdx:composer:package:isDevelopment", "true"},
                    {"*:scope", "test"},
                    {"*:scope", "development"}},
                   false});
  rules.push_back({"debug-tool", "debugger, tracer or profiler, or debug symbols",
                   {},
                   {"gdb", "gdbserver", "lldb", "valgrind", "strace", "ltrace", "perf", "gprof", "*-dbg",
                    "*-dbgsym", "*-debuginfo", "*-debugsource", "pprof", "py-spy", "async-profiler"},
                   {},
                   false});
  rules.push_back({"sample-code", "examples, samples or demo code",
                   {},
                   {"*-example", "*-examples", "*-sample", "*-samples", "*-demo", "*-demos", "example-*", "sample-*",
                    "demo-*"},
                   {},
                   false});
  rules.push_back({"test-framework", "a test framework shipped with the product",
                   {},
                   {"junit", "junit-jupiter*", "testng", "mockito*", "pytest", "pytest-*", "jest", "mocha", "chai",
                    "googletest", "gtest", "gmock", "rspec*", "phpunit*", "nunit*", "xunit*"},
                   {},
                   false});
  return rules;
}

QualityReport Assess(const model::Sbom& sbom, const std::vector<Profile>& profiles, const QualityOptions& options) {
  const Facts facts = Gather(sbom, profiles, options);
  QualityReport report;
  for (Profile p : profiles) report.profiles.push_back(Run(p, facts, options));
  return report;
}

void WriteQualityReportJson(JsonWriter& w, const QualityReport& report) {
  w.BeginObject();
  WriteQualityReportFields(w, report);
  w.EndObject();
}

void WriteQualityReportFields(JsonWriter& w, const QualityReport& report) {
  w.Field("pass", report.pass());
  w.Key("profiles").BeginObject();
  for (const ProfileReport& p : report.profiles) {
    w.Key(ProfileName(p.profile)).BeginObject();
    w.Field("pass", p.pass);
    w.Field("score", p.score);
    w.Key("checks").BeginArray();
    for (const Check& c : p.checks) {
      w.BeginObject();
      w.Field("id", c.id);
      w.Field("title", c.title);
      w.Field("result", CheckResultName(c.result));
      w.Field("level", LevelName(c.level));
      w.Field("decidesPass", c.decides_pass);
      w.Field("source", c.source);
      w.Field("weight", c.weight);
      w.Field("applicable", static_cast<std::uint64_t>(c.applicable));
      w.Field("passed", static_cast<std::uint64_t>(c.passed));
      w.OptionalField("detail", c.detail);
      w.Key("components").BeginArray();
      for (const auto& comp : c.components) w.String(comp);
      w.EndArray();
      if (c.omitted > 0) w.Field("omitted", static_cast<std::uint64_t>(c.omitted));
      w.EndObject();
    }
    w.EndArray();
    w.EndObject();
  }
  w.EndObject();
}

std::string FormatQualityReport(const QualityReport& report) {
  std::string out;
  for (const ProfileReport& p : report.profiles) {
    char score[16];
    std::snprintf(score, sizeof score, "%.1f", p.score);
    out += std::string(ProfileName(p.profile)) + ": " + (p.pass ? "PASS" : "FAIL") + "  score " + score + "/10\n";
    for (const Check& c : p.checks) {
      std::string_view mark = c.result == CheckResult::kPass ? "pass" : c.result == CheckResult::kFail ? "FAIL" : "n/a ";
      out += "  " + std::string(mark) + "  " + c.id + " [" + std::string(LevelName(c.level)) + "] " + c.title;
      if (c.applicable > 1 || (c.applicable == 1 && c.result == CheckResult::kFail && !c.components.empty())) {
        out += " (" + std::to_string(c.passed) + "/" + std::to_string(c.applicable) + ")";
      }
      out += "\n";
      if (!c.detail.empty() && c.result != CheckResult::kPass) out += "        " + c.detail + "\n";
      if (c.result == CheckResult::kFail) {
        const std::size_t shown = std::min<std::size_t>(c.components.size(), 5);
        for (std::size_t i = 0; i < shown; ++i) out += "        - " + c.components[i] + "\n";
        const std::size_t more = c.components.size() - shown + c.omitted;
        if (more > 0) out += "        ... and " + std::to_string(more) + " more (see --json)\n";
      }
    }
    out += "\n";
  }
  return out;
}

}  // namespace sbomhub::quality
