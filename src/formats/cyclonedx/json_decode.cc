// CycloneDX JSON decoding: simdjson DOM parses, then one validating walk that fills the model.
//
// Why the DOM API: the walk needs to see every key of an object (unknown keys, duplicates,
// oneOf rules) and sometimes to look at a sibling first (licenses' oneOf); the DOM tape makes
// that cheap. simdjson's DOM keeps duplicate keys, so duplicate detection is ours (a bitmask per
// object).
//
// Why piece by piece: a DOM of the whole text costs about twice the file in tape, string copies
// and structural indexes, held until the model is complete; on a 100k-component BOM that, not
// the model, made the peak 5x the file, and walking a tape far larger than the caches made the
// decode 5x slower than on small files. So a light scanner (SplitObject/SplitArray) first cuts
// the top-level object into its members and the "components" and "dependencies" arrays into
// their elements, and each piece is parsed on its own into one small, reused DOM:
//
//   { "bomFormat": ..., "metadata": {...}, "components": [ {c0}, {c1}, ... ], "dependencies": [...] }
//                       └ one piece ─────┘               └ piece ┘ └ piece ┘
//
// The walk is the same code for both. The scanner only accepts what it can split with certainty
// (plain ASCII top-level keys, nothing but JSON whitespace between tokens); anything else, and any
// piece simdjson rejects, sends the decode back to one DOM of the whole text
// (DecodeJsonWholeDocument), so malformed input gets exactly the errors and positions it always
// got. Tests and the fuzzer compare both paths.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <simdjson.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "base/text.h"
#include "formats/common/json_errors.h"
#include "formats/common/mapped_input.h"
#include "formats/cyclonedx/internal.h"
#include "formats/cyclonedx/json_scan.h"
#include "formats/cyclonedx/spec.h"

namespace sbomhub::formats::cyclonedx::internal {
namespace {

using simdjson::dom::array;
using simdjson::dom::element;
using simdjson::dom::element_type;
using simdjson::dom::object;

constexpr int kAll = 2;

struct KeyRule {
  std::string_view name;
  int since = kAll;
};

constexpr KeyRule kBomKeys[] = {
    {"$schema"}, {"bomFormat"}, {"specVersion"}, {"serialNumber"}, {"version"}, {"metadata"},
    {"components"}, {"services"}, {"externalReferences"}, {"dependencies"}, {"compositions", 3},
    {"vulnerabilities", 4}, {"signature", 4}, {"annotations", 5}, {"formulation", 5},
    {"properties", 5}, {"declarations", 6}, {"definitions", 6},
};
constexpr KeyRule kMetadataKeys[] = {
    {"timestamp"}, {"tools"}, {"authors"}, {"component"}, {"manufacture"}, {"supplier"},
    {"licenses", 3}, {"properties", 3}, {"lifecycles", 5}, {"manufacturer", 6},
};
constexpr KeyRule kComponentKeys[] = {
    {"type"}, {"mime-type"}, {"bom-ref"}, {"supplier"}, {"author"}, {"publisher"}, {"group"},
    {"name"}, {"version"}, {"description"}, {"scope"}, {"hashes"}, {"licenses"}, {"copyright"},
    {"cpe"}, {"purl"}, {"swid"}, {"modified"}, {"pedigree"}, {"externalReferences"},
    {"components"}, {"evidence", 3}, {"properties", 3}, {"releaseNotes", 4}, {"signature", 4},
    {"modelCard", 5}, {"data", 5}, {"manufacturer", 6}, {"authors", 6}, {"omniborId", 6},
    {"swhid", 6}, {"cryptoProperties", 6}, {"tags", 6},
};
constexpr KeyRule kLicenseKeys[] = {
    {"id"}, {"name"}, {"text"}, {"url"}, {"bom-ref", 5}, {"licensing", 5}, {"properties", 5},
    {"acknowledgement", 6},
};
constexpr KeyRule kLicenseChoiceKeys[] = {
    {"license"}, {"expression"}, {"bom-ref", 5}, {"acknowledgement", 6},
};
constexpr KeyRule kHashKeys[] = {{"alg"}, {"content"}};
constexpr KeyRule kExternalReferenceKeys[] = {{"url"}, {"comment"}, {"type"}, {"hashes", 3}};
constexpr KeyRule kPropertyKeys[] = {{"name"}, {"value"}};
constexpr KeyRule kDependencyKeys[] = {{"ref"}, {"dependsOn"}, {"provides", 6}};
constexpr KeyRule kEntityKeys[] = {{"name"}, {"url"}, {"contact"}, {"bom-ref", 5}, {"address", 6}};
constexpr KeyRule kContactKeys[] = {{"name"}, {"email"}, {"phone"}, {"bom-ref", 5}};
constexpr KeyRule kToolKeys[] = {{"vendor"}, {"name"}, {"version"}, {"hashes"},
                                 {"externalReferences", 4}};
constexpr KeyRule kToolsKeys[] = {{"components"}, {"services"}};
constexpr KeyRule kSwidKeys[] = {{"tagId"}, {"name"}, {"version"}, {"tagVersion"},
                                 {"patch"}, {"text"}, {"url"}};
constexpr KeyRule kAttachmentKeys[] = {{"contentType"}, {"encoding"}, {"content"}};
constexpr KeyRule kLifecycleKeys[] = {{"phase"}, {"name"}, {"description"}};

// A key-rule list with a small open-addressing index over (length, first byte, last byte), so
// finding a key costs about one comparison instead of a walk over up to 33 rules.
class KeyTable {
 public:
  template <std::size_t N>
  constexpr explicit KeyTable(const KeyRule (&rules)[N]) : rules_(rules) {
    static_assert(N <= 64);
    for (std::size_t i = 0; i < N; ++i) {
      std::size_t h = Hash(rules[i].name);
      while (slots_[h] != 0) h = (h + 1) % kSlots;
      slots_[h] = static_cast<std::uint8_t>(i + 1);
    }
  }
  // The rule index of `key`, or -1. Runs for every key of every object decoded (and at compile
  // time for the rule indices the decoder switches on).
  constexpr int Find(std::string_view key) const {
    if (key.empty()) return -1;
    for (std::size_t h = Hash(key); slots_[h] != 0; h = (h + 1) % kSlots) {
      std::string_view name = rules_[slots_[h] - 1].name;
      if (name.size() == key.size() && SameBytes(name, key)) return slots_[h] - 1;
    }
    return -1;
  }
  const KeyRule& rule(int i) const { return rules_[i]; }

 private:
  static constexpr std::size_t kSlots = 128;
  // Equal-sized keys of a few bytes: overlapping word loads inline beat a call to memcmp, which
  // showed in profiles with the lookups it served.
  static constexpr bool SameBytes(std::string_view a, std::string_view b) {
    std::size_t n = a.size();
    if (std::is_constant_evaluated()) return a == b;
    // First, middle and last byte cover every length below 4.
    if (n < 4) return a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1];
    if (n <= 8) return Load4(a, 0) == Load4(b, 0) && Load4(a, n - 4) == Load4(b, n - 4);
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (Load8(a, i) != Load8(b, i)) return false;
    }
    return Load8(a, n - 8) == Load8(b, n - 8);
  }
  static std::uint32_t Load4(std::string_view s, std::size_t at) {
    std::uint32_t v;
    std::memcpy(&v, s.data() + at, 4);
    return v;
  }
  static std::uint64_t Load8(std::string_view s, std::size_t at) {
    std::uint64_t v;
    std::memcpy(&v, s.data() + at, 8);
    return v;
  }
  static constexpr std::size_t Hash(std::string_view k) {
    return (k.size() * 31 + static_cast<unsigned char>(k.front()) * 7 +
            static_cast<unsigned char>(k.back())) % kSlots;
  }
  const KeyRule* rules_;
  std::array<std::uint8_t, kSlots> slots_{};
};

constexpr KeyTable kBomTable(kBomKeys);
constexpr KeyTable kMetadataTable(kMetadataKeys);
constexpr KeyTable kComponentTable(kComponentKeys);
constexpr KeyTable kLicenseTable(kLicenseKeys);
constexpr KeyTable kLicenseChoiceTable(kLicenseChoiceKeys);
constexpr KeyTable kHashTable(kHashKeys);
constexpr KeyTable kExternalReferenceTable(kExternalReferenceKeys);
constexpr KeyTable kPropertyTable(kPropertyKeys);
constexpr KeyTable kDependencyTable(kDependencyKeys);
constexpr KeyTable kEntityTable(kEntityKeys);
constexpr KeyTable kContactTable(kContactKeys);
constexpr KeyTable kToolTable(kToolKeys);
constexpr KeyTable kToolsTable(kToolsKeys);
constexpr KeyTable kSwidTable(kSwidKeys);
constexpr KeyTable kAttachmentTable(kAttachmentKeys);
constexpr KeyTable kLifecycleTable(kLifecycleKeys);

// A key's rule index in `table`, computed while compiling: Keys::Has takes it rather than the
// name, so that checking for required keys costs no lookup (they ran for every object decoded).
// A name not in the table does not compile.
consteval int RuleOf(const KeyTable& table, std::string_view name) {
  int rule = table.Find(name);
  if (rule < 0) throw "not a key of this table";
  return rule;
}
// Decoder::Component switches on it instead of comparing the key with each name in turn (a
// component has about ten keys, and the chain of comparisons showed in profiles).
consteval int ComponentKey(std::string_view name) { return RuleOf(kComponentTable, name); }

std::string_view TypeName(element_type t) {
  switch (t) {
    case element_type::ARRAY: return "an array";
    case element_type::OBJECT: return "an object";
    case element_type::INT64:
    case element_type::UINT64:
    case element_type::DOUBLE: return "a number";
    case element_type::STRING: return "a string";
    case element_type::BOOL: return "a boolean";
    case element_type::NULL_VALUE: return "null";
  }
  return "a value";
}

void AppendPointerSegment(std::string& p, std::string_view seg) {
  p += '/';
  if (seg.find_first_of("~/") == std::string_view::npos) {
    p.append(seg);
    return;
  }
  for (char c : seg) {
    if (c == '~') {
      p += "~0";
    } else if (c == '/') {
      p += "~1";
    } else {
      p += c;
    }
  }
}

// ---- the splitting scanner (json_scan.h) ----

using scan::IsJsonSpace;
using scan::kBad;
using scan::SkipSpace;
using scan::SkipString;
using scan::SkipValue;

struct Range {
  std::size_t begin = 0, end = 0;
};

struct Member {
  std::string_view key;
  Range value;
  // "components" and "dependencies" arrays are split into their elements while the object is
  // scanned (one pass over the bytes).
  bool split = false;
  std::vector<Range> items;
};

bool IsSplitArray(std::string_view key) { return key == "components" || key == "dependencies"; }

// A key the scanner may take verbatim: printable ASCII without escapes (simdjson would unescape
// anything else, and invalid bytes must reach the whole-document error path).
bool IsPlainKey(std::string_view key) {
  for (char c : key) {
    if (c < 0x20 || c > 0x7e || c == '\\') return false;
  }
  return true;
}

// The elements of the array starting at `p` (t[p] == '['); the offset past its ']', or kBad
// when it does not split cleanly.
std::size_t SplitArray(std::string_view t, std::size_t p, std::vector<Range>& items) {
  p = SkipSpace(t, p + 1);
  if (p < t.size() && t[p] == ']') return p + 1;
  while (p < t.size()) {
    std::size_t value_end = SkipValue(t, p);
    if (value_end == kBad) return kBad;
    items.push_back({p, value_end});
    p = SkipSpace(t, value_end);
    if (p >= t.size()) return kBad;
    if (t[p] == ']') return p + 1;
    if (t[p] != ',') return kBad;
    p = SkipSpace(t, p + 1);
  }
  return kBad;
}

// The members of the top-level object `t`; false when `t` is not exactly one object the scanner
// can split (then the whole-document parse decides what is wrong).
bool SplitObject(std::string_view t, std::vector<Member>& members) {
  std::size_t p = SkipSpace(t, 0);
  if (p >= t.size() || t[p] != '{') return false;
  p = SkipSpace(t, p + 1);
  if (p < t.size() && t[p] == '}') return SkipSpace(t, p + 1) == t.size();
  while (p < t.size()) {
    if (t[p] != '"') return false;
    std::size_t key_end = SkipString(t, p);
    if (key_end == kBad) return false;
    std::string_view key = t.substr(p + 1, key_end - p - 2);
    if (!IsPlainKey(key)) return false;
    p = SkipSpace(t, key_end);
    if (p >= t.size() || t[p] != ':') return false;
    p = SkipSpace(t, p + 1);
    Member m;
    m.key = key;
    m.split = p < t.size() && t[p] == '[' && IsSplitArray(key);
    std::size_t value_end = m.split ? SplitArray(t, p, m.items) : SkipValue(t, p);
    if (value_end == kBad) return false;
    m.value = {p, value_end};
    members.push_back(std::move(m));
    p = SkipSpace(t, value_end);
    if (p >= t.size()) return false;
    if (t[p] == '}') return SkipSpace(t, p + 1) == t.size();
    if (t[p] != ',') return false;
    p = SkipSpace(t, p + 1);
  }
  return false;
}

// How many dependsOn/provides targets the dependency entries in `section` list, from counting
// strings (exact for well-formed entries; only used to size the edge vector once).
std::size_t EstimateDependencyTargets(std::string_view section, std::size_t entries) {
  std::size_t strings = 0, keys = 0, p = 0;
  while (true) {
    const void* hit = std::memchr(section.data() + p, '"', section.size() - p);
    if (hit == nullptr) break;
    std::size_t q = static_cast<std::size_t>(static_cast<const char*>(hit) - section.data());
    std::size_t end = SkipString(section, q);
    if (end == kBad) break;
    std::string_view body = section.substr(q + 1, end - q - 2);
    ++strings;
    if (body == "ref" || body == "dependsOn" || body == "provides") ++keys;
    p = end;
  }
  std::size_t fixed = keys + entries;
  return strings > fixed ? strings - fixed : 0;
}

// The model's large arrays (components, dependency edges) are filled right after they are
// reserved. On a 100k-component BOM the component array alone is about 90 MB, i.e. 22k page faults
// of 4 KiB, each costly; together they were most of the decode's kernel time. Where the system
// offers transparent huge pages on request, asking for them makes that about 45 faults. Only
// whole 2 MiB spans inside the (fresh, untouched) allocation are advised; the resident size does
// not change, as the array is filled to its reserved size.
template <typename T>
void AdviseHugePages(const std::vector<T>& v) {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  constexpr std::uintptr_t kHuge = std::uintptr_t{2} << 20;
  std::size_t bytes = v.capacity() * sizeof(T);
  if (bytes < 4 * kHuge) return;
  auto start = reinterpret_cast<std::uintptr_t>(v.data());
  std::uintptr_t begin = (start + kHuge - 1) & ~(kHuge - 1);
  std::uintptr_t end = (start + bytes) & ~(kHuge - 1);
  if (end > begin) (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
#else
  (void)v;
#endif
}

// Parses pieces of the input, one at a time, into a DOM reused across pieces and decodes (one
// per thread: its buffers keep the size of the largest piece seen). Each parse invalidates the
// previous piece's elements and strings.
class PieceParser {
 public:
  explicit PieceParser(std::string_view text) : text_(text) {}

  bool Parse(Range r, element& out) {
    // Pieces sit at least two levels down in the document; the tighter limit means a piece that
    // passes here passes in the whole document too (one that fails falls back and is judged
    // there).
    constexpr std::size_t kPieceDepth = kMaxJsonDepth - 2;
    thread_local simdjson::dom::parser parser;
    std::size_t size = r.end - r.begin;
    if (parser.capacity() < size || parser.max_depth() != kPieceDepth) {
      std::size_t capacity = std::max<std::size_t>(size, 64 * 1024);
      if (parser.allocate(capacity, kPieceDepth) != simdjson::SUCCESS) return false;
    }
    // The input's padding lies past its end, so every piece is followed by readable bytes.
    return parser.parse(text_.data() + r.begin, size, false).get(out) == simdjson::SUCCESS;
  }

 private:
  std::string_view text_;
};

class Decoder {
 public:
  Decoder(int minor, Decoded& out) : ctx_(minor, out.diagnostics), sbom_(out.sbom) {
    ctx_.TrackHeld();  // see model_
  }

  // The whole document as one DOM.
  void Bom(object root);
  // The document as pieces (see the top of this file): `members` of the top-level object of
  // `text`. False when a piece does not parse; the decode then starts again with Bom(). Each
  // decoded piece is reported to `mapped` (when the text is a mapped file) so its pages can go.
  bool BomInPieces(std::string_view text, const std::vector<Member>& members,
                   MappedInput* mapped);
  void Finish() { ctx_.Finish(sbom_); }

 private:
  // The JSON pointer of the value being decoded, kept as segments (views into the DOM) and only
  // rendered when a diagnostic needs it: most values never need their pointer.
  class Path {
   public:
    // Push and Pop run for every value decoded: no reallocation check beyond one compare.
    void Push(std::string_view key) { Slot() = {key, 0, false}; }
    void Push(std::size_t index) { Slot() = {{}, index, true}; }
    void Pop() { --size_; }
    std::string Render() const {
      std::string p;
      for (std::size_t i = 0; i < size_; ++i) {
        const Segment& s = segments_[i];
        if (s.is_index) {
          char buf[24];
          auto r = std::to_chars(buf, buf + sizeof buf, s.index);
          p += '/';
          p.append(buf, r.ptr);
        } else {
          AppendPointerSegment(p, s.key);
        }
      }
      return p.empty() ? "/" : p;
    }

   private:
    struct Segment {
      std::string_view key;
      std::size_t index;
      bool is_index;
    };
    Segment& Slot() {
      if (size_ == segments_.size()) [[unlikely]] Grow();
      return segments_[size_++];
    }
    // Out of line, so that Push (run for every value) stays small enough to inline.
    [[gnu::noinline]] void Grow() { segments_.resize(segments_.size() * 2); }
    std::vector<Segment> segments_ = std::vector<Segment>(64);
    std::size_t size_ = 0;
  };

  class Scope {
   public:
    Scope(Path& path, std::string_view key) : path_(path) { path_.Push(key); }
    Scope(Path& path, std::size_t index) : path_(path) { path_.Push(index); }
    ~Scope() { path_.Pop(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Path& path_;
  };

  // Unknown, version-gated and duplicate keys of one object. `strict` follows the schema's
  // additionalProperties=false (1.4 onwards for most objects).
  class Keys {
   public:
    Keys(Decoder& d, const KeyTable& table, std::string_view what, bool strict)
        : d_(d), table_(table), what_(what), strict_(strict) {}
    // True when `key` is known for this version and seen for the first time.
    bool Accept(std::string_view key) { return Index(key) >= 0; }
    // Accept, saying which rule of the table `key` is (-1 when not accepted).
    int Index(std::string_view key) {
      int i = table_.Find(key);
      if (i < 0) {
        Scope s(d_.path_, key);
        d_.Report(strict_, "cdx.json.unknown-key",
                  "unknown key \"" + Excerpt(key) + "\" in " + std::string(what_));
        return -1;
      }
      if (seen_ & (std::uint64_t{1} << i)) {
        Scope s(d_.path_, key);
        d_.Error("cdx.json.duplicate-key",
                 "duplicate key \"" + Excerpt(key) + "\" in " + std::string(what_));
        return -1;
      }
      seen_ |= std::uint64_t{1} << i;
      int since = table_.rule(i).since;
      if (since > d_.ctx_.minor()) {
        Scope s(d_.path_, key);
        d_.Report(strict_, "cdx.json.key-version",
                  "\"" + std::string(key) + "\" is not part of " + std::string(what_) +
                      " in CycloneDX 1." + std::to_string(d_.ctx_.minor()) + " (added in 1." +
                      std::to_string(since) + ")");
        return -1;
      }
      return i;
    }
    // `rule`: RuleOf(the table, "name").
    bool Has(int rule) const { return rule >= 0 && ((seen_ >> rule) & 1); }

   private:
    Decoder& d_;
    const KeyTable& table_;
    std::string_view what_;
    bool strict_;
    std::uint64_t seen_ = 0;
  };

  bool Strict() const { return ctx_.minor() >= 4; }
  Position Here() const { return Position{path_.Render(), 0, 0}; }
  void Error(std::string rule, std::string message) {
    ctx_.Error(std::move(rule), std::move(message), Here());
  }
  void Report(bool error, std::string rule, std::string message) {
    if (error) {
      ctx_.Error(std::move(rule), std::move(message), Here());
    } else {
      ctx_.Warning(std::move(rule), std::move(message), Here());
    }
  }
  void TypeError(element e, std::string_view expected) {
    Error("cdx.json.type",
          "expected " + std::string(expected) + ", found " + std::string(TypeName(e.type())));
  }
  void Missing(std::string_view key, std::string_view what) {
    Error("cdx." + std::string(what) + ".required",
          std::string(what) + " is missing required \"" + std::string(key) + "\"");
  }

  // Type-checked accessors; on a type error they report and return false.
  bool Str(element e, std::string_view& out) {
    if (e.type() != element_type::STRING) {
      TypeError(e, "a string");
      return false;
    }
    out = e.get_string().value_unsafe();
    return true;
  }
  bool Str(element e, std::string& out) {
    std::string_view v;
    if (!Str(e, v)) return false;
    // A fresh string is allocated to fit; assign() into an empty one would round the capacity
    // up to twice the inline buffer.
    out = std::string(v);
    return true;
  }
  bool Obj(element e, object& out) {
    if (e.type() != element_type::OBJECT) {
      TypeError(e, "an object");
      return false;
    }
    out = e.get_object().value_unsafe();
    return true;
  }
  bool Arr(element e, array& out) {
    if (e.type() != element_type::ARRAY) {
      TypeError(e, "an array");
      return false;
    }
    out = e.get_array().value_unsafe();
    return true;
  }
  void Ref(element e, bool held) {
    std::string_view v;
    if (Str(e, v)) DefineRef(v, held);
  }
  // The JSON pointer is rendered only when there is something to report.
  void DefineRef(std::string_view ref, bool held = true, bool model_component = false) {
    auto outcome = ctx_.TryDefineRef(ref, held, model_component);
    if (outcome != DecodeContext::RefOutcome::kDefined) ctx_.ReportRef(outcome, ref, Here());
  }

  // One member of the top-level object; the parts Bom and BomInPieces share.
  void BomMember(const Keys& keys, std::string_view k, element v);
  void BomEnd(const Keys& keys);
  void Metadata(element e);
  void Tools(element e);
  void LegacyTool(element e, model::Tool& tool);
  bool Component(element e, model::Component& c, std::size_t depth);
  void Swid(element e, model::Component& c);
  void Components(element e, std::vector<model::Component>* out, std::size_t depth);
  void ComponentItem(element e, std::vector<model::Component>* out, std::size_t depth);
  void Entity(element e, model::Party& p);
  void Contact(element e, model::Party& p);
  void Contacts(element e, std::vector<model::Party>* out);
  void Hashes(element e, std::vector<model::Hash>* out);
  void Licenses(element e, std::vector<model::License>* out);
  // False when the license has neither id nor name (reported); such entries stay out of the model.
  bool License(element e, model::License& l);
  void Attachment(element e, std::string& content);
  void ExternalReferences(element e, std::vector<model::ExternalReference>* out);
  void Properties(element e, std::vector<model::Property>* out);
  void Dependencies(element e);
  void Dependency(element e);
  void Lifecycles(element e);
  void Services(element e);
  void Service(element e);
  // Validates a section the model does not hold, applying the rules of the parts it shares with
  // held sections (hashes, licenses, references, nested components, bom-refs).
  void Walk(element e, std::size_t depth);
  void WalkField(std::string_view key, element v, std::size_t depth);
  void StringList(element e, std::vector<std::string>& out);

  DecodeContext ctx_;
  model::Sbom& sbom_;
  Path path_;
  std::vector<model::Component> scratch_;  // discarded components (pedigree, tool components)
  // Dependency()'s targets of one entry (views into the DOM, with their RefIndex).
  std::vector<std::pair<std::string_view, std::uint32_t>> depends_on_, provides_;
  // True while decoding components the model will hold (not tool components, not pedigree
  // ancestors and other walked sections): their bom-refs are marked held as they are defined.
  bool model_ = true;

  friend class Keys;
};

void Decoder::Bom(object root) {
  Keys keys(*this, kBomTable, "the BOM", Strict());
  for (auto field : root) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    BomMember(keys, k, field.value);
  }
  BomEnd(keys);
}

bool Decoder::BomInPieces(std::string_view text, const std::vector<Member>& members,
                          MappedInput* mapped) {
  PieceParser pieces(text);
  Keys keys(*this, kBomTable, "the BOM", Strict());
  for (const Member& m : members) {
    element v;
    if (!keys.Accept(m.key)) {
      // Not decoded, but the whole-document parse would have rejected a malformed value.
      if (!pieces.Parse(m.value, v)) return false;
      continue;
    }
    Scope s(path_, m.key);
    bool is_components = m.key == "components";
    if (m.split) {
      const std::vector<Range>& items = m.items;
      if (is_components) {
        sbom_.components.reserve(sbom_.components.size() + items.size());
        AdviseHugePages(sbom_.components);
        ctx_.ReserveRefs(items.size());
      } else {
        std::string_view section = text.substr(m.value.begin, m.value.end - m.value.begin);
        sbom_.dependencies.reserve(sbom_.dependencies.size() +
                                   EstimateDependencyTargets(section, items.size()));
        AdviseHugePages(sbom_.dependencies);
        sbom_.dependency_refs.reserve(sbom_.dependency_refs.size() + items.size());
        AdviseHugePages(sbom_.dependency_refs);
      }
      for (std::size_t i = 0; i < items.size(); ++i) {
        Scope si(path_, i);
        element item;
        if (!pieces.Parse(items[i], item)) return false;
        if (is_components) {
          ComponentItem(item, &sbom_.components, 1);
        } else {
          Dependency(item);
        }
        if (mapped) mapped->ConsumedUpTo(text.data() + items[i].end);
      }
      continue;
    }
    if (!pieces.Parse(m.value, v)) return false;
    BomMember(keys, m.key, v);
    if (mapped) mapped->ConsumedUpTo(text.data() + m.value.end);
  }
  BomEnd(keys);
  return true;
}

void Decoder::BomMember(const Keys& keys, std::string_view k, element v) {
  (void)keys;
  if (k == "bomFormat") {
    std::string_view f;
    if (Str(v, f) && f != "CycloneDX") {
      Error("cdx.bom.format", "bomFormat must be \"CycloneDX\", found \"" + Excerpt(f) + "\"");
    }
  } else if (k == "specVersion" || k == "$schema") {
    std::string_view ignored;
    (void)Str(v, ignored);
  } else if (k == "serialNumber") {
    if (Str(v, sbom_.serial_number) && !IsSerialNumber(sbom_.serial_number)) {
      Error("cdx.bom.serial-number",
            "serialNumber \"" + Excerpt(sbom_.serial_number) +
                "\" is not a urn:uuid (urn:uuid:xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, lower-case)");
    }
  } else if (k == "version") {
    int64_t n = 0;
    if (v.type() != element_type::INT64 && v.type() != element_type::UINT64) {
      TypeError(v, "an integer");
    } else if (v.get_int64().get(n) != simdjson::SUCCESS || n > INT32_MAX ||
               n < (ctx_.minor() >= 5 ? 1 : 0)) {
      Error("cdx.bom.version", "version must be an integer of at least 1");
    } else {
      sbom_.bom_version = static_cast<int>(n);
    }
  } else if (k == "metadata") {
    Metadata(v);
  } else if (k == "components") {
    Components(v, &sbom_.components, 1);
  } else if (k == "externalReferences") {
    ExternalReferences(v, &sbom_.external_references);
  } else if (k == "dependencies") {
    Dependencies(v);
  } else if (k == "services") {
    Services(v);
  } else if (k == "properties") {
    array a;
    if (Arr(v, a)) ctx_.NotHeld("BOM-level properties", a.size());
    Properties(v, nullptr);
  } else {
    // compositions, vulnerabilities, annotations, formulation, declarations, definitions,
    // signature.
    std::size_t n = 1;
    if (v.type() == element_type::ARRAY) n = v.get_array().value_unsafe().size();
    ctx_.NotHeld(k, n);
    Walk(v, 0);
  }
}

void Decoder::BomEnd(const Keys& keys) {
  if (!keys.Has(RuleOf(kBomTable, "bomFormat"))) Missing("bomFormat", "bom");
  if (!keys.Has(RuleOf(kBomTable, "specVersion"))) Missing("specVersion", "bom");
  if (!keys.Has(RuleOf(kBomTable, "version")) && ctx_.minor() <= 4) Missing("version", "bom");
}

void Decoder::Metadata(element e) {
  object o;
  if (!Obj(e, o)) return;
  Keys keys(*this, kMetadataTable, "metadata", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    element v = field.value;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "timestamp") {
      if (Str(v, sbom_.timestamp) && !IsDateTime(sbom_.timestamp)) {
        Error("cdx.metadata.timestamp",
              "timestamp \"" + Excerpt(sbom_.timestamp) +
                  "\" is not an RFC 3339 date-time (e.g. 2024-01-31T12:00:00Z)");
      }
    } else if (k == "tools") {
      Tools(v);
    } else if (k == "authors") {
      Contacts(v, &sbom_.authors);
    } else if (k == "component") {
      model::Component c;
      if (Component(v, c, 1)) sbom_.primary = std::move(c);
    } else if (k == "manufacture" || k == "manufacturer") {
      model::Party p;
      p.kind = model::Party::Kind::kOrganization;
      Entity(v, p);
      // 1.6 deprecates manufacture for manufacturer; one model slot holds either.
      if (k == "manufacturer" || !keys.Has(RuleOf(kMetadataTable, "manufacturer"))) {
        if (sbom_.manufacturer && k == "manufacturer") ctx_.NotHeld("metadata.manufacture");
        sbom_.manufacturer = std::move(p);
      } else {
        ctx_.NotHeld("metadata.manufacture");
      }
    } else if (k == "supplier") {
      model::Party p;
      p.kind = model::Party::Kind::kOrganization;
      Entity(v, p);
      sbom_.supplier = std::move(p);
    } else if (k == "licenses") {
      Licenses(v, &sbom_.data_licenses);
    } else if (k == "properties") {
      Properties(v, &sbom_.properties);
    } else if (k == "lifecycles") {
      Lifecycles(v);
    }
  }
}

void Decoder::Tools(element e) {
  if (e.type() == element_type::ARRAY) {
    std::size_t i = 0;
    array e_array = e.get_array().value_unsafe();
    for (element t : e_array) {
      Scope s(path_, i++);
      model::Tool tool;
      LegacyTool(t, tool);
      sbom_.tools.push_back(std::move(tool));
    }
    return;
  }
  if (ctx_.minor() < 5 || e.type() != element_type::OBJECT) {
    TypeError(e, ctx_.minor() < 5 ? "an array" : "an array or an object");
    return;
  }
  Keys keys(*this, kToolsTable, "tools", true);
  object e_object = e.get_object().value_unsafe();
  for (auto field : e_object) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "components") {
      std::vector<model::Component> comps;
      bool saved = model_;
      model_ = false;
      Components(field.value, &comps, 1);
      model_ = saved;
      for (auto& c : comps) {
        model::Tool tool;
        tool.vendor = c.group;
        if (tool.vendor.empty() && c.manufacturer) tool.vendor = c.manufacturer->name;
        if (tool.vendor.empty() && c.supplier) tool.vendor = c.supplier->name;
        if (tool.vendor.empty()) tool.vendor = c.publisher;
        if (tool.vendor.empty()) tool.vendor = c.author;
        tool.name = c.name;
        tool.version = c.version;
        sbom_.tools.push_back(std::move(tool));
      }
      if (!comps.empty()) ctx_.NotHeld("metadata.tools.components (beyond vendor, name, version)");
    } else {
      array a;
      if (!Arr(field.value, a)) continue;
      std::size_t i = 0;
      for (element sv : a) {
        Scope si(path_, i++);
        Service(sv);
        if (sv.type() != element_type::OBJECT) continue;
        model::Tool tool;
        object so = sv.get_object().value_unsafe();
        std::string_view str;
        if (so["group"].get(str) == simdjson::SUCCESS) tool.vendor = std::string(str);
        element provider;
        if (tool.vendor.empty() && so["provider"].get(provider) == simdjson::SUCCESS &&
            provider["name"].get(str) == simdjson::SUCCESS) {
          tool.vendor = std::string(str);
        }
        if (so["name"].get(str) == simdjson::SUCCESS) tool.name = std::string(str);
        if (so["version"].get(str) == simdjson::SUCCESS) tool.version = std::string(str);
        sbom_.tools.push_back(std::move(tool));
      }
      ctx_.NotHeld("metadata.tools.services (beyond vendor, name, version)", a.size());
    }
  }
}

void Decoder::LegacyTool(element e, model::Tool& tool) {
  object o;
  if (!Obj(e, o)) return;
  Keys keys(*this, kToolTable, "tool", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "vendor") {
      (void)Str(field.value, tool.vendor);
    } else if (k == "name") {
      (void)Str(field.value, tool.name);
    } else if (k == "version") {
      (void)Str(field.value, tool.version);
    } else if (k == "hashes") {
      ctx_.NotHeld("metadata.tools[].hashes");
      Hashes(field.value, nullptr);
    } else if (k == "externalReferences") {
      ctx_.NotHeld("metadata.tools[].externalReferences");
      ExternalReferences(field.value, nullptr);
    }
  }
}

void Decoder::Components(element e, std::vector<model::Component>* out, std::size_t depth) {
  array a;
  if (!Arr(e, a)) return;
  if (out) {
    out->reserve(out->size() + a.size());
    AdviseHugePages(*out);
  }
  bool saved = model_;
  if (out == nullptr) model_ = false;
  std::size_t i = 0;
  for (element c : a) {
    Scope s(path_, i++);
    ComponentItem(c, out, depth);
  }
  model_ = saved;
}

void Decoder::ComponentItem(element e, std::vector<model::Component>* out, std::size_t depth) {
  if (out == nullptr) {
    model::Component discarded;
    (void)Component(e, discarded, depth);
    return;
  }
  // Built in place: a Component is 880 bytes, and moving 100k of them showed in profiles. Nested
  // components go to the new element's own vector, so `out` does not move meanwhile.
  out->emplace_back();
  if (!Component(e, out->back(), depth)) out->pop_back();
}

bool Decoder::Component(element e, model::Component& c, std::size_t depth) {
  if (depth > kMaxComponentDepth) {
    Error("cdx.component.depth", "components are nested deeper than " +
                                     std::to_string(kMaxComponentDepth) + " levels");
    return false;
  }
  object o;
  if (!Obj(e, o)) return false;
  Keys keys(*this, kComponentTable, "a component", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    element v = field.value;
    int rule = keys.Index(k);
    if (rule < 0) continue;
    Scope s(path_, k);
    switch (rule) {
      case ComponentKey("type"): {
        std::string_view t;
        if (!Str(v, t)) continue;
        auto parsed = model::ParseComponentType(t);
        if (!parsed || !IsComponentType(ctx_.minor(), t)) {
          Error("cdx.component.type.enum", "component type \"" + Excerpt(t) +
                                               "\" is not valid in CycloneDX 1." +
                                               std::to_string(ctx_.minor()));
        } else {
          c.type = *parsed;
        }
        break;
      }
      case ComponentKey("bom-ref"):
        if (Str(v, c.bom_ref)) DefineRef(c.bom_ref, /*held=*/true, model_);
        break;
      case ComponentKey("name"):
        (void)Str(v, c.name);
        break;
      case ComponentKey("group"):
        (void)Str(v, c.group);
        break;
      case ComponentKey("version"):
        (void)Str(v, c.version);
        break;
      case ComponentKey("description"):
        (void)Str(v, c.description);
        break;
      case ComponentKey("author"):
        (void)Str(v, c.author);
        break;
      case ComponentKey("publisher"):
        (void)Str(v, c.publisher);
        break;
      case ComponentKey("copyright"):
        (void)Str(v, c.copyright);
        break;
      case ComponentKey("purl"):
        (void)Str(v, c.purl);
        break;
      case ComponentKey("cpe"): {
        std::string cpe;
        if (Str(v, cpe)) c.cpes.insert(c.cpes.begin(), std::move(cpe));
        break;
      }
      case ComponentKey("scope"): {
        std::string_view sc;
        if (!Str(v, sc)) continue;
        if (auto parsed = ParseScope(sc)) {
          c.scope = *parsed;
        } else {
          Error("cdx.component.scope.enum",
                "scope \"" + Excerpt(sc) + "\" is not one of required, optional, excluded");
        }
        break;
      }
      case ComponentKey("supplier"):
      case ComponentKey("manufacturer"): {
        model::Party p;
        p.kind = model::Party::Kind::kOrganization;
        Entity(v, p);
        (rule == ComponentKey("supplier") ? c.supplier : c.manufacturer) = std::move(p);
        break;
      }
      case ComponentKey("authors"):
        Contacts(v, &c.authors);
        break;
      case ComponentKey("hashes"):
        Hashes(v, &c.hashes);
        break;
      case ComponentKey("licenses"):
        Licenses(v, &c.licenses);
        break;
      case ComponentKey("externalReferences"):
        ExternalReferences(v, &c.external_references);
        break;
      case ComponentKey("properties"):
        Properties(v, &c.properties);
        break;
      case ComponentKey("components"):
        Components(v, &c.components, depth + 1);
        break;
      case ComponentKey("swid"):
        Swid(v, c);
        break;
      case ComponentKey("pedigree"):
      case ComponentKey("evidence"):
      case ComponentKey("releaseNotes"):
      case ComponentKey("modelCard"):
      case ComponentKey("data"):
      case ComponentKey("cryptoProperties"):
      case ComponentKey("signature"):
      case ComponentKey("tags"):
      case ComponentKey("omniborId"):
      case ComponentKey("swhid"):
      case ComponentKey("mime-type"):
      case ComponentKey("modified"):
        ctx_.NotHeld("component " + std::string(k));
        Walk(v, depth);
        break;
      default:
        break;
    }
  }
  if (!keys.Has(ComponentKey("type"))) Missing("type", "component");
  if (!keys.Has(ComponentKey("name"))) Missing("name", "component");
  if (!keys.Has(ComponentKey("version")) && ctx_.minor() <= 3) Missing("version", "component");
  return true;
}

void Decoder::Swid(element v, model::Component& c) {
  object so;
  if (!Obj(v, so)) return;
  Keys sk(*this, kSwidTable, "swid", Strict());
  bool extra = false;
  for (auto sf : so) {
    if (!sk.Accept(sf.key)) continue;
    Scope ss(path_, sf.key);
    if (sf.key == "tagId") {
      (void)Str(sf.value, c.swid_tag_id);
    } else if (sf.key == "text") {
      std::string ignored;
      Attachment(sf.value, ignored);
      extra = true;
    } else if (sf.key == "patch") {
      if (sf.value.type() != element_type::BOOL) TypeError(sf.value, "a boolean");
      extra = true;
    } else if (sf.key == "tagVersion") {
      if (sf.value.type() != element_type::INT64 && sf.value.type() != element_type::UINT64) {
        TypeError(sf.value, "an integer");
      }
      extra = true;
    } else {
      std::string_view ignored;
      (void)Str(sf.value, ignored);
      if (sf.key != "name") extra = true;
    }
  }
  if (!sk.Has(RuleOf(kSwidTable, "tagId"))) Missing("tagId", "swid");
  if (!sk.Has(RuleOf(kSwidTable, "name"))) Missing("name", "swid");
  if (extra) ctx_.NotHeld("component swid (beyond tagId)");
}

void Decoder::Entity(element e, model::Party& p) {
  object o;
  if (!Obj(e, o)) return;
  Keys keys(*this, kEntityTable, "an organizational entity", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "name") {
      (void)Str(field.value, p.name);
    } else if (k == "url") {
      StringList(field.value, p.urls);
    } else if (k == "bom-ref") {
      Ref(field.value, /*held=*/true);
    } else if (k == "contact") {
      std::vector<model::Party> contacts;
      Contacts(field.value, &contacts);
      // The model keeps one e-mail per party: the first contact's.
      if (contacts.empty()) continue;
      p.email = contacts.front().email;
      if (contacts.size() > 1 || !contacts.front().name.empty()) {
        ctx_.NotHeld("organizational contacts (beyond one e-mail)");
      }
    } else if (k == "address") {
      ctx_.NotHeld("organizational address");
      Walk(field.value, 0);
    }
  }
}

void Decoder::Contacts(element e, std::vector<model::Party>* out) {
  array a;
  if (!Arr(e, a)) return;
  if (out) out->reserve(out->size() + a.size());
  std::size_t i = 0;
  for (element c : a) {
    Scope s(path_, i++);
    model::Party p;
    p.kind = model::Party::Kind::kPerson;
    Contact(c, p);
    if (out) out->push_back(std::move(p));
  }
}

void Decoder::Contact(element e, model::Party& p) {
  object o;
  if (!Obj(e, o)) return;
  Keys keys(*this, kContactTable, "a contact", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "name") {
      (void)Str(field.value, p.name);
    } else if (k == "email") {
      (void)Str(field.value, p.email);
    } else if (k == "phone") {
      std::string_view ignored;
      if (Str(field.value, ignored)) ctx_.NotHeld("contact phone");
    } else if (k == "bom-ref") {
      Ref(field.value, /*held=*/true);
    }
  }
}

void Decoder::Hashes(element e, std::vector<model::Hash>* out) {
  array a;
  if (!Arr(e, a)) return;
  if (out) out->reserve(out->size() + a.size());
  std::size_t i = 0;
  for (element h : a) {
    Scope s(path_, i++);
    object o;
    if (!Obj(h, o)) continue;
    Keys keys(*this, kHashTable, "a hash", Strict());
    std::string_view alg, content;
    bool have_alg = false, have_content = false;
    for (auto field : o) {
      if (!keys.Accept(field.key)) continue;
      Scope fs(path_, field.key);
      if (field.key == "alg") {
        have_alg = Str(field.value, alg);
        if (have_alg && !IsHashAlgorithm(alg)) {
          Error("cdx.hash.alg.enum", "hash algorithm \"" + Excerpt(alg) + "\" is not a CycloneDX one");
          have_alg = false;
        }
      } else {
        have_content = Str(field.value, content);
      }
    }
    if (!keys.Has(RuleOf(kHashTable, "alg"))) Missing("alg", "hash");
    if (!keys.Has(RuleOf(kHashTable, "content"))) Missing("content", "hash");
    if (have_content && !IsHashContent(have_alg ? alg : std::string_view(), content)) {
      Scope fs(path_, "content");
      Error("cdx.hash.content",
            "hash content \"" + Excerpt(content) + "\" is not " +
                (have_alg ? "a " + std::string(alg) + " digest" : std::string("a hex digest")) +
                " (32, 40, 64, 96 or 128 hex digits matching the algorithm)");
    }
    if (out && have_alg && have_content) {
      model::Hash hash;
      hash.algorithm = *ParseCdxHashAlgorithm(alg);
      hash.value.assign(content);
      out->push_back(std::move(hash));
    }
  }
}

void Decoder::Licenses(element e, std::vector<model::License>* out) {
  array a;
  if (!Arr(e, a)) return;
  if (out) out->reserve(out->size() + a.size());
  std::size_t i = 0, n_license = 0, n_expression = 0;
  for (element item : a) {
    Scope s(path_, i++);
    object o;
    if (!Obj(item, o)) continue;
    Keys keys(*this, kLicenseChoiceTable, "a license choice", Strict());
    model::License lic;
    bool ok = true;
    for (auto field : o) {
      std::string_view k = field.key;
      if (!keys.Accept(k)) continue;
      Scope fs(path_, k);
      if (k == "license") {
        ok = License(field.value, lic) && ok;
      } else if (k == "expression") {
        lic.kind = model::License::Kind::kExpression;
        ok = Str(field.value, lic.value) && ok;
        if (ok && TrimWhitespace(lic.value).empty()) {
          Error("cdx.license.expression", "license expression is empty");
        }
      } else if (k == "bom-ref") {
        if (Str(field.value, lic.bom_ref)) DefineRef(lic.bom_ref);
      } else if (k == "acknowledgement") {
        std::string_view ack;
        if (!Str(field.value, ack)) continue;
        if (auto parsed = ParseAcknowledgement(ack)) {
          lic.acknowledgement = *parsed;
        } else {
          Error("cdx.license.acknowledgement.enum",
                "acknowledgement \"" + Excerpt(ack) + "\" is not declared or concluded");
        }
      }
    }
    bool has_license = keys.Has(RuleOf(kLicenseChoiceTable, "license")), has_expression = keys.Has(RuleOf(kLicenseChoiceTable, "expression"));
    if (has_license == has_expression) {
      Error("cdx.license.choice", has_license
                                      ? "a license choice holds either \"license\" or "
                                        "\"expression\", not both"
                                      : "a license choice needs \"license\" or \"expression\"");
      continue;
    }
    if (has_license && (keys.Has(RuleOf(kLicenseChoiceTable, "bom-ref")) || keys.Has(RuleOf(kLicenseChoiceTable, "acknowledgement")))) {
      Error("cdx.license.choice",
            "\"bom-ref\" and \"acknowledgement\" belong inside \"license\", not beside it");
    }
    (has_license ? n_license : n_expression)++;
    if (out && ok) out->push_back(std::move(lic));
  }
  // 1.5 onwards: EITHER licenses (ids and/or names) OR exactly one expression.
  if (ctx_.minor() >= 5 && n_expression > 0 && (n_license > 0 || n_expression > 1)) {
    Error("cdx.license.choice",
          "licenses must be either a list of \"license\" entries or exactly one \"expression\" "
          "(found " + std::to_string(n_license) + " license and " + std::to_string(n_expression) +
              " expression entries)");
  }
}

bool Decoder::License(element e, model::License& l) {
  object o;
  if (!Obj(e, o)) return false;
  Keys keys(*this, kLicenseTable, "a license", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    element v = field.value;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "id") {
      l.kind = model::License::Kind::kSpdxId;
      if (Str(v, l.value) && !IsSpdxLicenseId(l.value)) {
        Error("cdx.license.id", "license id \"" + Excerpt(l.value) +
                                    "\" is not on the SPDX License List (use \"name\" for "
                                    "other licenses)");
      }
    } else if (k == "name") {
      if (keys.Has(RuleOf(kLicenseTable, "id"))) continue;  // reported below
      l.kind = model::License::Kind::kName;
      (void)Str(v, l.value);
    } else if (k == "url") {
      (void)Str(v, l.url);
    } else if (k == "text") {
      Attachment(v, l.text);
    } else if (k == "bom-ref") {
      if (Str(v, l.bom_ref)) DefineRef(l.bom_ref);
    } else if (k == "acknowledgement") {
      std::string_view ack;
      if (!Str(v, ack)) continue;
      if (auto parsed = ParseAcknowledgement(ack)) {
        l.acknowledgement = *parsed;
      } else {
        Error("cdx.license.acknowledgement.enum",
              "acknowledgement \"" + Excerpt(ack) + "\" is not declared or concluded");
      }
    } else if (k == "properties") {
      ctx_.NotHeld("license properties");
      Properties(v, nullptr);
    } else if (k == "licensing") {
      ctx_.NotHeld("license licensing");
      Walk(v, 0);
    }
  }
  if (keys.Has(RuleOf(kLicenseTable, "id")) == keys.Has(RuleOf(kLicenseTable, "name"))) {
    Error("cdx.license.id-or-name", keys.Has(RuleOf(kLicenseTable, "id"))
                                        ? "a license has either \"id\" or \"name\", not both"
                                        : "a license needs an \"id\" or a \"name\"");
  }
  return keys.Has(RuleOf(kLicenseTable, "id")) || keys.Has(RuleOf(kLicenseTable, "name"));
}

void Decoder::Attachment(element e, std::string& content) {
  object o;
  if (!Obj(e, o)) return;
  Keys keys(*this, kAttachmentTable, "an attachment", Strict());
  for (auto field : o) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope s(path_, k);
    if (k == "content") {
      (void)Str(field.value, content);
    } else if (k == "encoding") {
      std::string_view enc;
      if (Str(field.value, enc) && !IsAttachmentEncoding(enc)) {
        Error("cdx.attachment.encoding.enum",
              "encoding \"" + Excerpt(enc) + "\" is not supported (only base64)");
      }
      ctx_.NotHeld("attachment encoding/contentType");
    } else {
      std::string_view ignored;
      if (Str(field.value, ignored)) ctx_.NotHeld("attachment encoding/contentType");
    }
  }
  if (!keys.Has(RuleOf(kAttachmentTable, "content"))) Missing("content", "attachment");
}

void Decoder::ExternalReferences(element e, std::vector<model::ExternalReference>* out) {
  array a;
  if (!Arr(e, a)) return;
  if (out) out->reserve(out->size() + a.size());
  std::size_t i = 0;
  for (element r : a) {
    Scope s(path_, i++);
    object o;
    if (!Obj(r, o)) continue;
    Keys keys(*this, kExternalReferenceTable, "an external reference", Strict());
    model::ExternalReference ref;
    for (auto field : o) {
      std::string_view k = field.key;
      if (!keys.Accept(k)) continue;
      Scope fs(path_, k);
      if (k == "url") {
        (void)Str(field.value, ref.url);
      } else if (k == "comment") {
        (void)Str(field.value, ref.comment);
      } else if (k == "type") {
        if (Str(field.value, ref.type) && !IsExternalReferenceType(ctx_.minor(), ref.type)) {
          Error("cdx.external-reference.type.enum",
                "external reference type \"" + Excerpt(ref.type) + "\" is not valid in CycloneDX 1." +
                    std::to_string(ctx_.minor()));
        }
      } else if (k == "hashes") {
        Hashes(field.value, &ref.hashes);
      }
    }
    if (!keys.Has(RuleOf(kExternalReferenceTable, "url"))) Missing("url", "externalReference");
    if (!keys.Has(RuleOf(kExternalReferenceTable, "type"))) Missing("type", "externalReference");
    if (out) out->push_back(std::move(ref));
  }
}

void Decoder::Properties(element e, std::vector<model::Property>* out) {
  array a;
  if (!Arr(e, a)) return;
  if (out) out->reserve(out->size() + a.size());
  // The property object is closed and its name required from 1.6; earlier schemas left it open.
  bool strict = ctx_.minor() >= 6;
  std::size_t i = 0;
  for (element p : a) {
    Scope s(path_, i++);
    object o;
    if (!Obj(p, o)) continue;
    Keys keys(*this, kPropertyTable, "a property", strict);
    model::Property prop;
    for (auto field : o) {
      if (!keys.Accept(field.key)) continue;
      Scope fs(path_, field.key);
      (void)Str(field.value, field.key == "name" ? prop.name : prop.value);
    }
    if (strict && !keys.Has(RuleOf(kPropertyTable, "name"))) Missing("name", "property");
    if (out) out->push_back(std::move(prop));
  }
}

void Decoder::StringList(element e, std::vector<std::string>& out) {
  array a;
  if (!Arr(e, a)) return;
  out.reserve(out.size() + a.size());
  std::size_t i = 0;
  for (element s : a) {
    Scope sc(path_, i++);
    std::string v;
    if (Str(s, v)) out.push_back(std::move(v));
  }
}

void Decoder::Dependencies(element e) {
  array a;
  if (!Arr(e, a)) return;
  std::size_t i = 0;
  for (element d : a) {
    Scope s(path_, i++);
    Dependency(d);
  }
}

void Decoder::Dependency(element d) {
  object o;
  if (!Obj(d, o)) return;
  Keys keys(*this, kDependencyTable, "a dependency", Strict());
  std::string_view ref;
  bool have_ref = false;
  std::uint32_t ref_index = RefTable::kNone;
  // Views into the DOM, which outlives this entry, with their RefIndex. Members, reused: most
  // entries are small, and one allocation per entry showed at 100k entries.
  auto& depends_on = depends_on_;
  auto& provides = provides_;
  depends_on.clear();
  provides.clear();
  for (auto field : o) {
    std::string_view k = field.key;
    if (!keys.Accept(k)) continue;
    Scope fs(path_, k);
    if (k == "ref") {
      if (Str(field.value, ref)) {
        have_ref = true;
        if (ref.empty()) {
          Error("cdx.dependency.ref", "dependency ref is empty");
        } else {
          ref_index = ctx_.RefIndex(ref);
          if (ref_index == RefTable::kNone) ctx_.UseRef(ref, Here());
        }
      }
    } else {
      auto& list = k == "dependsOn" ? depends_on : provides;
      array targets;
      if (!Arr(field.value, targets)) continue;
      list.reserve(targets.size());
      // Short lists (nearly all) are searched in place; long ones get a set.
      constexpr std::size_t kLinear = 32;
      std::unordered_set<std::string_view> seen;
      std::size_t j = 0;
      for (element t : targets) {
        Scope ts(path_, j++);
        std::string_view target;
        if (!Str(t, target)) continue;
        if (target.empty()) {
          Error("cdx.dependency.ref", "dependency target is empty");
          continue;
        }
        bool repeated;
        if (list.size() < kLinear) {
          repeated = std::any_of(list.begin(), list.end(),
                                 [&](const auto& item) { return item.first == target; });
        } else {
          if (seen.empty()) {
            for (const auto& item : list) seen.insert(item.first);
          }
          repeated = !seen.insert(target).second;
        }
        if (repeated) {
          Error("cdx.dependency.unique", "\"" + Excerpt(target) + "\" is listed twice");
          continue;
        }
        std::uint32_t target_index = ctx_.RefIndex(target);
        if (target_index == RefTable::kNone) ctx_.UseRef(target, Here());
        list.emplace_back(target, target_index);
      }
    }
  }
  if (!keys.Has(RuleOf(kDependencyTable, "ref"))) {
    Missing("ref", "dependency");
    return;
  }
  if (!have_ref || ref.empty()) return;
  std::string from(ref);
  for (const auto& [t, index] : depends_on) {
    sbom_.dependencies.push_back({from, std::string(t), model::RelationshipType::kDependsOn, {}, {}});
    ctx_.NoteEdge(ref_index, index);
  }
  for (const auto& [t, index] : provides) {
    sbom_.dependencies.push_back({from, std::string(t), model::RelationshipType::kProvides, {}, {}});
    ctx_.NoteEdge(ref_index, index);
  }
  sbom_.dependency_refs.push_back(std::move(from));
  ctx_.NoteDependencyRef(ref_index);
}

void Decoder::Lifecycles(element e) {
  array a;
  if (!Arr(e, a)) return;
  std::size_t i = 0;
  for (element l : a) {
    Scope s(path_, i++);
    object o;
    if (!Obj(l, o)) continue;
    Keys keys(*this, kLifecycleTable, "a lifecycle", true);
    std::string phase, name;
    for (auto field : o) {
      if (!keys.Accept(field.key)) continue;
      Scope fs(path_, field.key);
      if (field.key == "phase") {
        if (Str(field.value, phase) && !IsLifecyclePhase(phase)) {
          Error("cdx.metadata.lifecycle.enum",
                "lifecycle phase \"" + Excerpt(phase) + "\" is not a pre-defined phase");
        }
      } else if (field.key == "name") {
        (void)Str(field.value, name);
      } else {
        std::string_view ignored;
        if (Str(field.value, ignored)) ctx_.NotHeld("lifecycle description");
      }
    }
    bool has_phase = keys.Has(RuleOf(kLifecycleTable, "phase"));
    if (has_phase == keys.Has(RuleOf(kLifecycleTable, "name")) || (has_phase && keys.Has(RuleOf(kLifecycleTable, "description")))) {
      Error("cdx.metadata.lifecycle",
            "a lifecycle is either {\"phase\"} or {\"name\", \"description\"}");
      continue;
    }
    sbom_.lifecycles.push_back(has_phase ? std::move(phase) : std::move(name));
  }
}

void Decoder::Services(element e) {
  array a;
  if (!Arr(e, a)) return;
  ctx_.NotHeld("services", a.size());
  std::size_t i = 0;
  for (element s : a) {
    Scope sc(path_, i++);
    Service(s);
  }
}

void Decoder::Service(element e) {
  object o;
  if (!Obj(e, o)) return;
  bool has_name = false;
  for (auto field : o) {
    std::string_view k = field.key;
    Scope s(path_, k);
    if (k == "name") has_name = true;
    if (k == "data") {
      array flows;
      if (!Arr(field.value, flows)) continue;
      std::size_t j = 0;
      for (element f : flows) {
        Scope fs(path_, j++);
        object fo;
        if (!Obj(f, fo)) continue;
        element flow;
        std::string_view fv;
        if (fo["flow"].get(flow) != simdjson::SUCCESS) {
          Missing("flow", "service data");
        } else if (Str(flow, fv) && !IsDataFlow(fv)) {
          Scope ffs(path_, "flow");
          Error("cdx.service.data.flow.enum",
                "data flow \"" + Excerpt(fv) + "\" is not inbound, outbound, bi-directional or unknown");
        }
        if (fo["classification"].error() == simdjson::NO_SUCH_FIELD) {
          Missing("classification", "service data");
        }
        Walk(f, 0);
      }
    } else if (k == "services") {
      array nested;
      if (!Arr(field.value, nested)) continue;
      std::size_t j = 0;
      for (element n : nested) {
        Scope ns(path_, j++);
        Service(n);
      }
    } else {
      WalkField(k, field.value, 0);
    }
  }
  if (!has_name) Missing("name", "service");
}

void Decoder::WalkField(std::string_view k, element v, std::size_t depth) {
  if (k == "bom-ref") {
    Ref(v, /*held=*/false);
  } else if (k == "hashes" && v.type() == element_type::ARRAY) {
    Hashes(v, nullptr);
  } else if (k == "externalReferences" && v.type() == element_type::ARRAY) {
    ExternalReferences(v, nullptr);
  } else if (k == "licenses" && v.type() == element_type::ARRAY) {
    Licenses(v, nullptr);
  } else if (k == "properties" && v.type() == element_type::ARRAY) {
    Properties(v, nullptr);
  } else if ((k == "components" || k == "ancestors" || k == "descendants" || k == "variants") &&
             v.type() == element_type::ARRAY) {
    Components(v, nullptr, depth + 1);
  } else if (k == "services" && v.type() == element_type::ARRAY) {
    std::size_t j = 0;
    array v_array = v.get_array().value_unsafe();
    for (element n : v_array) {
      Scope ns(path_, j++);
      Service(n);
    }
  } else if (k == "patches" && v.type() == element_type::ARRAY) {
    std::size_t j = 0;
    array v_array = v.get_array().value_unsafe();
    for (element p : v_array) {
      Scope ps(path_, j++);
      object po;
      std::string_view type;
      if (Obj(p, po) && po["type"].get(type) == simdjson::SUCCESS && !IsPatchType(type)) {
        Scope ts(path_, "type");
        Error("cdx.patch.type.enum", "patch type \"" + Excerpt(type) +
                                         "\" is not unofficial, monkey, backport or cherry-pick");
      }
      Walk(p, depth);
    }
  } else if (k == "resolves" && v.type() == element_type::ARRAY) {
    std::size_t j = 0;
    array v_array = v.get_array().value_unsafe();
    for (element p : v_array) {
      Scope ps(path_, j++);
      object po;
      std::string_view type;
      if (Obj(p, po) && po["type"].get(type) == simdjson::SUCCESS && !IsIssueType(type)) {
        Scope ts(path_, "type");
        Error("cdx.issue.type.enum",
              "issue type \"" + Excerpt(type) + "\" is not defect, enhancement or security");
      }
      Walk(p, depth);
    }
  } else {
    Walk(v, depth);
  }
}

void Decoder::Walk(element e, std::size_t depth) {
  // The parser already bounds nesting (kMaxJsonDepth), so this recursion is bounded too.
  if (e.type() == element_type::OBJECT) {
    object e_object = e.get_object().value_unsafe();
    for (auto field : e_object) {
      Scope s(path_, field.key);
      WalkField(field.key, field.value, depth);
    }
  } else if (e.type() == element_type::ARRAY) {
    std::size_t i = 0;
    array e_array = e.get_array().value_unsafe();
    for (element v : e_array) {
      Scope s(path_, i++);
      Walk(v, depth);
    }
  }
}

// Gives JSON diagnostics a line:column. The DOM keeps no source offsets, so on the (rare) path
// where diagnostics exist, one linear scan of the already-validated text follows a trie of the
// wanted pointers and records where each pointed-to value starts. O(input + pointers).
class PointerLocator {
 public:
  void Want(std::string_view pointer) {
    int node = 0;
    if (pointer != "/") {
      std::size_t i = 0;
      while (i < pointer.size()) {
        std::size_t next = pointer.find('/', i + 1);
        if (next == std::string_view::npos) next = pointer.size();
        node = Child(node, Unescape(pointer.substr(i + 1, next - i - 1)), /*create=*/true);
        i = next;
      }
    }
    nodes_[node].wanted = true;
  }

  void Scan(std::string_view t) {
    struct Frame {
      bool is_array;
      std::size_t index;
      int node;
    };
    std::vector<Frame> stack;
    std::size_t pos = 0;
    int pending = 0;  // trie node of the value about to start (-1: not wanted below here)
    auto ws = [&] {
      while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\n' || t[pos] == '\r' || t[pos] == '\t')) ++pos;
    };
    auto string_end = [&](std::size_t p) {  // p at the opening quote; returns past the closing one
      ++p;
      while (p < t.size() && t[p] != '"') p += t[p] == '\\' ? 2 : 1;
      return std::min(p + 1, t.size());
    };
    auto read_key = [&](int parent) {
      ws();
      std::size_t end = string_end(pos);
      std::string_view key = t.substr(pos + 1, end - pos - 2);
      pos = end;
      ws();
      ++pos;  // ':'
      pending = parent < 0 ? -1 : Child(parent, key, false);
    };
    while (pos < t.size()) {
      ws();
      if (pos >= t.size()) break;
      if (pending >= 0 && nodes_[pending].wanted && nodes_[pending].offset == kNone) {
        nodes_[pending].offset = pos;
      }
      char c = t[pos];
      bool value_done = false;
      if (c == '{') {
        ++pos;
        ws();
        if (pos < t.size() && t[pos] == '}') {
          ++pos;
          value_done = true;
        } else {
          stack.push_back({false, 0, pending});
          read_key(pending);
          continue;
        }
      } else if (c == '[') {
        ++pos;
        ws();
        if (pos < t.size() && t[pos] == ']') {
          ++pos;
          value_done = true;
        } else {
          stack.push_back({true, 0, pending});
          pending = pending < 0 ? -1 : Child(pending, "0", false);
          continue;
        }
      } else if (c == '"') {
        pos = string_end(pos);
        value_done = true;
      } else {
        while (pos < t.size() && t[pos] != ',' && t[pos] != ']' && t[pos] != '}' && t[pos] != ' ' &&
               t[pos] != '\n' && t[pos] != '\r' && t[pos] != '\t') {
          ++pos;
        }
        value_done = true;
      }
      // After a complete value: close containers / move to the next member.
      while (value_done) {
        ws();
        if (stack.empty() || pos >= t.size()) return;
        Frame& top = stack.back();
        if (t[pos] == ',') {
          ++pos;
          if (top.is_array) {
            ++top.index;
            pending = top.node < 0 ? -1 : Child(top.node, std::to_string(top.index), false);
          } else {
            read_key(top.node);
          }
          value_done = false;
        } else {
          ++pos;  // ']' or '}'
          stack.pop_back();
        }
      }
    }
  }

  // Offset of the value at `pointer`, if Scan found it.
  std::optional<std::size_t> Offset(std::string_view pointer) {
    int node = 0;
    if (pointer != "/") {
      std::size_t i = 0;
      while (i < pointer.size() && node >= 0) {
        std::size_t next = pointer.find('/', i + 1);
        if (next == std::string_view::npos) next = pointer.size();
        node = Child(node, Unescape(pointer.substr(i + 1, next - i - 1)), false);
        i = next;
      }
    }
    if (node < 0 || nodes_[node].offset == kNone) return std::nullopt;
    return nodes_[node].offset;
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);
  struct Node {
    std::map<std::string, int, std::less<>> children;
    bool wanted = false;
    std::size_t offset = kNone;
  };

  static std::string Unescape(std::string_view seg) {
    std::string out;
    for (std::size_t i = 0; i < seg.size(); ++i) {
      if (seg[i] == '~' && i + 1 < seg.size()) {
        out += seg[i + 1] == '1' ? '/' : '~';
        ++i;
      } else {
        out += seg[i];
      }
    }
    return out;
  }

  int Child(int node, std::string_view key, bool create) {
    auto it = nodes_[node].children.find(key);
    if (it != nodes_[node].children.end()) return it->second;
    if (!create) return -1;
    int id = static_cast<int>(nodes_.size());
    nodes_[node].children.emplace(std::string(key), id);
    nodes_.emplace_back();
    return id;
  }

  std::vector<Node> nodes_ = std::vector<Node>(1);
};

void AddLineColumns(std::string_view text, Diagnostics& diagnostics) {
  PointerLocator locator;
  bool any = false;
  for (const auto& d : diagnostics.items()) {
    if (!d.pointer.empty() && d.line == 0) {
      locator.Want(d.pointer);
      any = true;
    }
  }
  if (!any) return;
  locator.Scan(text);
  // Line starts once, then a binary search per diagnostic.
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  for (auto& d : diagnostics.items()) {
    if (d.pointer.empty() || d.line != 0) continue;
    auto offset = locator.Offset(d.pointer);
    if (!offset) continue;
    auto it = std::upper_bound(starts.begin(), starts.end(), *offset);
    d.line = static_cast<std::size_t>(it - starts.begin());
    d.column = *offset - starts[d.line - 1] + 1;
  }
}

// Finds `"key"` followed by `:` and a string value within `head`; returns the value.
std::optional<std::string_view> FindStringField(std::string_view head, std::string_view key) {
  std::string quoted = "\"" + std::string(key) + "\"";
  std::size_t pos = 0;
  while ((pos = head.find(quoted, pos)) != std::string_view::npos) {
    std::size_t i = pos + quoted.size();
    while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
    if (i < head.size() && head[i] == ':') {
      ++i;
      while (i < head.size() && (head[i] == ' ' || head[i] == '\t' || head[i] == '\r' || head[i] == '\n')) ++i;
      if (i < head.size() && head[i] == '"') {
        std::size_t end = head.find('"', i + 1);
        if (end == std::string_view::npos || end - i > 64) return std::nullopt;
        return head.substr(i + 1, end - i - 1);
      }
    }
    pos += quoted.size();
  }
  return std::nullopt;
}

}  // namespace

std::optional<Identification> IdentifyJson(std::string_view bytes) {
  // Cheap: only the first 64 KiB, which holds the top-level keys of any generator we know of
  // (bomFormat and specVersion come first by convention; the limit bounds the cost).
  std::string_view head = bytes.substr(0, 64 * 1024);
  std::size_t first = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (first == std::string_view::npos || head[first] != '{') return std::nullopt;
  auto format = FindStringField(head, "bomFormat");
  if (!format || *format != "CycloneDX") return std::nullopt;
  Identification id;
  id.family = model::SpecFamily::kCycloneDx;
  id.encoding = model::Encoding::kJson;
  if (auto v = FindStringField(head, "specVersion")) id.spec_version = std::string(*v);
  return id;
}

namespace {

Decoded NewDecoded(std::string_view spec) {
  Decoded out;
  out.id.family = model::SpecFamily::kCycloneDx;
  out.id.encoding = model::Encoding::kJson;
  out.id.spec_version = std::string(spec);
  out.sbom.family = model::SpecFamily::kCycloneDx;
  out.sbom.encoding = model::Encoding::kJson;
  out.sbom.spec_version = std::string(spec);
  return out;
}

Result<Decoded> Finished(Decoded out, std::string_view text, const std::string& file) {
  AddLineColumns(text, out.diagnostics);
  out.diagnostics.SetFile(file);
  return out;
}

std::string FileName(const DecodeOptions& options) {
  return options.file_name.empty() ? std::string("<input>") : options.file_name;
}

}  // namespace

namespace {

// The input of one decode: `bytes` as given, whether kInputPadding readable bytes follow them,
// and the mapping they live in, if any.
struct Input {
  std::string_view bytes;
  bool padded = false;
  MappedInput* mapped = nullptr;
};

Input StringInput(const std::string& bytes) {
  return {bytes, bytes.capacity() - bytes.size() >= simdjson::SIMDJSON_PADDING, nullptr};
}

// A UTF-8 byte order mark is legal before a JSON text (RFC 8259 §8.1 lets parsers ignore it).
std::string_view WithoutBom(std::string_view text) {
  if (StartsWith(text, "\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

std::optional<Result<Decoded>> InPieces(const Input& input, const DecodeOptions& options) {
  const std::string file = FileName(options);
  // Pieces are parsed in place, so without padding: whole document.
  if (!input.padded) return std::nullopt;
  std::string_view text = WithoutBom(input.bytes);
  std::vector<Member> members;
  if (!SplitObject(text, members)) return std::nullopt;
  std::string spec;
  {
    auto it = std::find_if(members.begin(), members.end(),
                           [](const Member& m) { return m.key == "specVersion"; });
    // Rare error paths go to the whole-document parse, which also checks every other member.
    if (it == members.end()) return std::nullopt;
    element v;
    if (!PieceParser(text).Parse(it->value, v)) return std::nullopt;
    if (v.type() != element_type::STRING) return std::nullopt;
    spec = std::string(v.get_string().value_unsafe());
  }
  auto minor = SupportedMinor(spec);
  if (!minor) return std::nullopt;
  Decoded out = NewDecoded(spec);
  {
    Decoder decoder(*minor, out);
    if (!decoder.BomInPieces(text, members, input.mapped)) return std::nullopt;
    decoder.Finish();
  }
  return Finished(std::move(out), text, file);
}

Result<Decoded> WholeDocument(const Input& input, const DecodeOptions& options) {
  const std::string file = FileName(options);
  // One parser per thread, reused: its buffers are sized for the largest document seen so far,
  // so repeated decodes skip the allocation and page-faulting of fresh buffers.
  thread_local simdjson::dom::parser parser;
  if (parser.capacity() < input.bytes.size() || parser.max_depth() != kMaxJsonDepth) {
    if (auto alloc = parser.allocate(input.bytes.size(), kMaxJsonDepth);
        alloc != simdjson::SUCCESS) {
      return Status::TooLarge(file + ": cannot parse: " + simdjson::error_message(alloc));
    }
  }
  // The contract promises padding; a caller that broke it still gets a correct (copying) parse.
  std::string_view text = WithoutBom(input.bytes);
  element root;
  auto err = parser.parse(text.data(), text.size(), !input.padded).get(root);
  if (err) {
    Status located = LocateJsonError(text, file);
    if (!located.ok()) return located;
    return Status::ParseError(file + ": " + simdjson::error_message(err));
  }
  if (root.type() != element_type::OBJECT) {
    return Status::ParseError(file + ": a CycloneDX BOM is a JSON object, found " +
                              std::string(TypeName(root.type())));
  }
  object o = root.get_object().value_unsafe();
  std::string_view spec;
  if (o["specVersion"].get(spec) != simdjson::SUCCESS) {
    return Status::InvalidDocument(file + ": CycloneDX BOM without a \"specVersion\" string");
  }
  auto minor = SupportedMinor(spec);
  if (!minor) return UnsupportedVersion(spec, file);

  Decoded out = NewDecoded(spec);
  {
    Decoder decoder(*minor, out);
    decoder.Bom(o);
    decoder.Finish();
  }
  return Finished(std::move(out), text, file);
}

}  // namespace

std::optional<Result<Decoded>> DecodeJsonInPieces(const std::string& bytes,
                                                  const DecodeOptions& options) {
  return InPieces(StringInput(bytes), options);
}

Result<Decoded> DecodeJsonWholeDocument(const std::string& bytes, const DecodeOptions& options) {
  return WholeDocument(StringInput(bytes), options);
}

Result<Decoded> DecodeJson(const std::string& bytes, const DecodeOptions& options) {
  Input input = StringInput(bytes);
  if (auto pieces = InPieces(input, options)) return std::move(*pieces);
  return WholeDocument(input, options);
}

Result<Decoded> DecodeJsonMapped(MappedInput& mapped, const DecodeOptions& options) {
  Input input{mapped.bytes(), /*padded=*/true, &mapped};
  if (auto pieces = InPieces(input, options)) return std::move(*pieces);
  return WholeDocument(input, options);
}

}  // namespace sbomhub::formats::cyclonedx::internal
