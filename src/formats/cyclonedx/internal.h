// Pieces shared by the CycloneDX JSON and XML codecs. Internal to sbomhub_formats_cyclonedx.
//
// Decoding is one pass over the parsed document that both fills the model and validates against
// the declared spec version; cross-references (bom-ref uniqueness, dependency targets) are
// checked once at the end by DecodeContext::Finish, so the whole decode stays linear.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "base/diagnostic.h"
#include "formats/codec.h"
#include "model/sbom.h"

namespace sbomhub::formats::cyclonedx::internal {

// Where a diagnostic points: a JSON pointer / XML path and, when known, line:column.
struct Position {
  std::string pointer;
  std::size_t line = 0;
  std::size_t column = 0;
};

// An open-addressing hash table from strings to a bool, for bom-refs. A large BOM defines one
// bom-ref per component and looks up two per dependency edge, so this sits on the hot path: one
// contiguous slot array (no node per entry) keeps a 100k-component lookup to about one cache
// miss. Keys are either copied into an arena the table owns (`copy`) or borrowed (the caller
// keeps them alive and unmoved).
class RefTable {
 public:
  RefTable() = default;
  RefTable(const RefTable&) = delete;
  RefTable& operator=(const RefTable&) = delete;

  // Room for `n` keys without rehashing.
  void Reserve(std::size_t n);
  static constexpr std::uint32_t kNone = UINT32_MAX;
  // The index of `key` and whether it was inserted now (with `value`). Indices are dense and
  // stable.
  std::pair<std::uint32_t, bool> Insert(std::string_view key, bool value, bool copy);
  std::uint32_t Find(std::string_view key) const;  // kNone when absent
  bool value(std::uint32_t i) const { return entries_[i].value; }
  // A second flag per key, clear until marked.
  void Mark(std::uint32_t i) { entries_[i].mark = true; }
  bool Marked(std::uint32_t i) const { return entries_[i].mark; }
  std::size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::string_view key;
    std::size_t hash;
    bool value;
    bool mark;
  };
  std::string_view Keep(std::string_view key);
  void Rehash(std::size_t slot_count);

  // A slot holds the entry index + 1 (0 = empty) in its low half and the key's hash's high half
  // above it: probing compares that first and reads the entry (and its key, elsewhere in memory)
  // only on a likely match. At 100k bom-refs both are far out of cache, and lookups of dependency
  // targets land on random slots.
  static std::uint64_t Slot(std::uint32_t index, std::size_t hash) {
    return (static_cast<std::uint64_t>(hash >> 32) << 32) | (index + std::uint64_t{1});
  }
  static bool SlotMayHold(std::uint64_t slot, std::size_t hash) {
    return (slot >> 32) == static_cast<std::uint64_t>(hash >> 32);
  }
  static std::uint32_t SlotIndex(std::uint64_t slot) {
    return static_cast<std::uint32_t>(slot) - 1;
  }

  std::vector<Entry> entries_;
  std::vector<std::uint64_t> slots_;
  std::vector<std::unique_ptr<char[]>> chunks_;
  char* free_ = nullptr;
  std::size_t free_size_ = 0;
};

class DecodeContext {
 public:
  DecodeContext(int minor, Diagnostics& diagnostics) : minor_(minor), diagnostics_(diagnostics) {}

  int minor() const { return minor_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  void Error(std::string rule, std::string message, const Position& at);
  void Warning(std::string rule, std::string message, const Position& at);

  // A bom-ref defined by some element; empty refs are errors. A duplicate is an error when both
  // definitions are held by the model (components, licenses, parties: identity there drives the
  // dependency graph), a warning otherwise — the schemas cannot enforce uniqueness and the
  // spec's own valid-formulation-1.5.json repeats a workspace bom-ref.
  void DefineRef(std::string_view ref, const Position& at, bool held = true);
  // DefineRef in two steps, for callers whose Position is costly to build: TryDefineRef records
  // the bom-ref and says whether something is wrong; only then ReportRef needs the position.
  enum class RefOutcome { kDefined, kEmpty, kDuplicate, kDuplicateHeld };
  // `model_component`: the ref belongs to a component the model will hold (see TrackHeld).
  RefOutcome TryDefineRef(std::string_view ref, bool held = true, bool model_component = false);
  void ReportRef(RefOutcome outcome, std::string_view ref, const Position& at);

  // Shortcuts for Finish on large BOMs, which a decoder may take (the JSON decoder does):
  // TrackHeld() promises that every component the model holds defined its bom-ref with
  // model_component = true, so Finish need not walk the model; NoteEdge / NoteDependencyRef,
  // called once per edge / dependency_refs entry in the order they are appended, give the
  // RefIndex of their ends (RefTable::kNone when not defined yet) so Finish need not look them
  // up again. Finish ignores the notes unless they match the model one to one.
  void TrackHeld() { held_tracked_ = true; }
  std::uint32_t RefIndex(std::string_view ref) const { return refs_.Find(ref); }
  void NoteEdge(std::uint32_t from, std::uint32_t to) {
    edge_ends_.push_back(from);
    edge_ends_.push_back(to);
  }
  void NoteDependencyRef(std::uint32_t ref) { dependency_ref_ends_.push_back(ref); }
  // A reference that must resolve to a defined bom-ref (dependency ref / dependsOn / provides).
  void UseRef(std::string_view ref, const Position& at);
  // Lets callers skip building a Position for references that already resolve (the common case:
  // dependencies follow components).
  bool IsDefined(std::string_view ref) const { return refs_.Find(ref) != RefTable::kNone; }
  // Room for `n` more bom-refs (a caller that knows a section's size).
  void ReserveRefs(std::size_t n) { refs_.Reserve(refs_.size() + n); }
  // Counts a section the model does not hold; Finish reports one info per section.
  void NotHeld(std::string_view section, std::size_t count = 1);

  // Removes dependency entries and edges whose ends are not components in the model (services,
  // pedigree ancestors, ...), counting them as not held, so the model never holds a dangling
  // edge. Then resolves every UseRef and emits the not-held infos.
  void Finish(model::Sbom& sbom);

 private:
  int minor_;
  Diagnostics& diagnostics_;
  // Held by the model: found through a noted index, else looked up.
  bool HeldRef(std::uint32_t noted, std::string_view ref) const;

  // bom-ref -> defined by a held element; marked when a component the model holds has it
  RefTable refs_;
  bool held_tracked_ = false;
  std::vector<std::uint32_t> edge_ends_;
  std::vector<std::uint32_t> dependency_ref_ends_;
  struct Use {
    std::string ref;
    Position at;
  };
  std::vector<Use> uses_;
  std::map<std::string, std::size_t, std::less<>> not_held_;
};

std::optional<Identification> IdentifyJson(std::string_view bytes);
std::optional<Identification> IdentifyXml(std::string_view bytes);

// DecodeJsonInPieces, else DecodeJsonWholeDocument.
Result<Decoded> DecodeJson(const std::string& bytes, const DecodeOptions& options);
// The decode DecodeJson tries first: the top-level object and its "components" and
// "dependencies" arrays cut into pieces, each parsed on its own (json_decode.cc says why).
// nullopt when the text does not split cleanly or a piece does not parse, i.e. whenever only
// the whole-document parse can say what is wrong.
std::optional<Result<Decoded>> DecodeJsonInPieces(const std::string& bytes,
                                                  const DecodeOptions& options);
// One DOM of the whole text: the reference both paths must agree with (tests and the fuzzer
// compare them), and the path for everything DecodeJsonInPieces declines.
Result<Decoded> DecodeJsonWholeDocument(const std::string& bytes, const DecodeOptions& options);
// DecodeJson on a mapped file, in place: pages of decoded pieces are handed back as it goes.
Result<Decoded> DecodeJsonMapped(MappedInput& input, const DecodeOptions& options);
Result<Decoded> DecodeXml(const std::string& bytes, const DecodeOptions& options);

// ---- shared by both encoders ----

// Collects what the target cannot carry as one warning per kind ("3 components: ...") so a
// large SBOM does not produce thousands of identical lines.
class Warner {
 public:
  void Add(std::string_view rule, std::string_view message);
  void Flush(Diagnostics& out);

 private:
  struct Entry {
    std::string rule;
    std::string message;
    std::size_t count = 0;
  };
  std::vector<Entry> entries_;
  std::map<std::string, std::size_t, std::less<>> index_;
};

// A component as the target version will write it: the model fields that need no translation
// are read straight from `c`; these are the translated or filtered parts.
struct ComponentOut {
  std::string_view type;  // CycloneDX spelling valid in the target version
  std::vector<const model::Hash*> hashes;
  std::vector<const model::License*> licenses;
  std::vector<model::ExternalReference> external_references;  // the model's plus SPDX-derived
  std::vector<model::Property> properties;                    // the model's plus SPDX-derived
  std::string author;                                         // author, or authors' names < 1.6
};
ComponentOut PrepareComponent(const model::Component& c, int minor, Warner& warner);
std::vector<const model::Hash*> PrepareHashes(const std::vector<model::Hash>& hashes,
                                              Warner& warner);
std::vector<const model::License*> PrepareLicenses(const std::vector<model::License>& licenses,
                                                   int minor, Warner& warner);
// An external reference type valid in the target ("other" when the model's is not).
std::string_view ExternalReferenceType(const model::ExternalReference& r, int minor,
                                       Warner& warner);

// Document-level translations.
struct DocumentOut {
  bool serial_number = false;               // model serial is a urn:uuid the target can carry
  std::vector<model::Property> properties;  // metadata.properties: the model's plus SPDX-derived
  std::vector<std::string> lifecycles;      // empty below 1.5 (warned)
};
DocumentOut PrepareDocument(const model::Sbom& sbom, int minor, Warner& warner);

// Dependency entries grouped by `from`: dependency_refs order first, then first-seen order.
struct DependencyEntry {
  std::string ref;
  std::vector<std::string> depends_on;
  std::vector<std::string> provides;
};
std::vector<DependencyEntry> GroupDependencies(const model::Sbom& sbom, int minor, Warner& warner);

Result<Encoded> EncodeJson(const model::Sbom& sbom, int minor, bool pretty);
Result<Encoded> EncodeXml(const model::Sbom& sbom, int minor, bool pretty);

}  // namespace sbomhub::formats::cyclonedx::internal
