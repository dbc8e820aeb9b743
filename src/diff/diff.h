// SBOM diff: what changed between two component inventories (two documents, or two stored
// versions of a product).
//
// Components are paired by identity, not by position or bom-ref (bom-refs are document-local):
//   1. the purl without version, qualifiers and subpath ("pkg:maven/org.apache/log4j-core"),
//      normalized by the purl parser, when the component has a parsable purl;
//   2. otherwise, and for components left unpaired by 1 (one side has a purl, the other not),
//      "group/name" lower-cased (ASCII).
// Several components may share an identity (two lodash versions in one node_modules tree): equal
// versions pair first, the rest pair in version-string order, and what is left is added/removed.
//
// For each pair:
//   version differs                      → version_changed (hashes are expected to differ then)
//   same version, a common hash differs  → hash_changed, flagged possible_tampering: the same
//                                          release with other bytes is a substitution or a
//                                          rebuild someone must explain
//   supplier differs (both sides say one)→ supplier_changed   (case-insensitive)
//   license differs (both sides say one) → license_changed    (set of license values, case-
//                                          insensitive; "NOASSERTION"/"NONE" count as unsaid)
// A field one side leaves unsaid is not a change: CycloneDX and SPDX documents of one product
// carry different optional fields and must diff clean. The primary (described) component is not
// compared: it names the product, which is what the two inputs are versions of.
//
// Linear in the number of components (hash maps); the output order is deterministic (by
// identity, then change kind, then values), so equal inputs give byte-identical renderings.
//
// Thread-safety: pure functions over values.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/sbom.h"

namespace sbomhub::diff {

// What the diff compares of one component; model::Component and stored rows both map onto it.
struct ComponentView {
  std::string name;
  std::string group;
  std::string version;
  std::string purl;
  std::string supplier;
  std::vector<std::string> licenses;  // ids / names / expressions as listed
  std::vector<std::pair<std::string, std::string>> hashes;  // (algorithm "SHA-256", hex)
};

// The views of every component of `sbom` except the primary one, in document order.
std::vector<ComponentView> ViewsOf(const model::Sbom& sbom);

// Identity per the rules above: "pkg:type/ns/name", or "" when the purl is absent or unparsable.
std::string PurlIdentity(std::string_view purl);
// "group/name" (or "name") lower-cased.
std::string NameIdentity(std::string_view group, std::string_view name);

enum class ChangeKind {
  kAdded,
  kRemoved,
  kVersionChanged,
  kHashChanged,
  kSupplierChanged,
  kLicenseChanged,
};
std::string_view ChangeKindName(ChangeKind k);  // "added", "version_changed", ...

struct Change {
  ChangeKind kind = ChangeKind::kAdded;
  std::string identity;  // the key the pair was made on
  std::string name;      // display name ("group/name" when there is a group)
  std::string from;      // the old value: version, hashes "SHA-256:ab..", supplier, licenses;
  std::string to;        //   for added/removed: the version of the component present
  bool possible_tampering = false;
  bool operator==(const Change&) const = default;
};

struct DiffSummary {
  std::size_t added = 0;
  std::size_t removed = 0;
  std::size_t version_changed = 0;
  std::size_t hash_changed = 0;
  std::size_t supplier_changed = 0;
  std::size_t license_changed = 0;
  std::size_t unchanged = 0;  // pairs with no change at all
  bool operator==(const DiffSummary&) const = default;
};

struct DiffResult {
  std::vector<Change> changes;
  DiffSummary summary;
  bool possible_tampering = false;  // any change flagged
  bool empty() const { return changes.empty(); }
};

DiffResult Diff(const std::vector<ComponentView>& from, const std::vector<ComponentView>& to);
inline DiffResult DiffSboms(const model::Sbom& from, const model::Sbom& to) {
  return Diff(ViewsOf(from), ViewsOf(to));
}

// {"from":…, "to":…, "possible_tampering":…, "summary":{…}, "changes":[{kind, identity, name,
// from, to, possible_tampering}]} — docs in README (sbomhub diff --json).
std::string RenderJson(const DiffResult& diff, std::string_view from_label,
                       std::string_view to_label);
// A table: CHANGE  COMPONENT  FROM  TO, a "!" marking possible tampering, and a summary line.
std::string RenderText(const DiffResult& diff, std::string_view from_label,
                       std::string_view to_label);

}  // namespace sbomhub::diff
