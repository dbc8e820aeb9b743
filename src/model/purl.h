// Package URL (purl), ECMA-427 / github.com/package-url/purl-spec.
//
//   pkg:type/namespace/name@version?key=value&key=value#sub/path
//       └─┬┘ └────┬──┘ └┬─┘ └──┬──┘ └──────────┬────────┘ └──┬───┘
//     lower-case  segments  decoded  decoded   sorted by key      segments, "." ".." dropped
//
// A `Purl` holds the *decoded* components. `Parse` and `Build` return them normalized: type
// lower-cased, qualifier keys lower-cased, sorted and unique, empty qualifier values dropped,
// subpath segments "", "." and ".." removed, "checksum" qualifier values lower-cased, and the
// per-type rules of the registered types applied (pypi names lower-cased with '_'→'-',
// github/bitbucket/composer/... names lower-cased, required or prohibited namespaces, required
// qualifiers such as julia's uuid, cpan module names refused, ...). `ToString` prints the
// canonical form: every byte outside [A-Za-z0-9.-_~:] is percent-encoded (%XX, upper-case hex),
// '/' only separates namespace and subpath segments.
//
// The fields are plain data. Code that edits them should run the result through `Build` again
// before relying on it being canonical. A Purl is a value type; it is safe to share between threads
// for reading. Unregistered types are accepted (the spec allows them) with only the generic rules.
//
// Performance: Parse makes one pass over the input plus one small allocation per component; it
// never backtracks, so cost is linear in the input size. No regex.
#pragma once

#include <compare>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace sbomhub::model {

enum class PurlParseMode {
  // ECMA-427 "required" conformance: a purl that breaks a "shall" is rejected (e.g. an upper-case
  // qualifier key, an empty version after '@'). Case-insensitive components are still folded.
  kStrict,
  // What real SBOMs need: also accepts and normalizes common mistakes — upper-case qualifier keys,
  // an unencoded '@' inside the namespace or name ("pkg:npm/@babel/core", "pkg:brew/node@20@20.1"),
  // qualifiers without '=', an empty version after '@', raw spaces and non-ASCII bytes, and a
  // missing namespace where the type requires one ("pkg:golang/go.opencensus.io@v0.23.0").
  kLenient,
};

struct Purl {
  using Qualifiers = std::vector<std::pair<std::string, std::string>>;

  std::string type;      // lower case, never empty in a parsed purl
  std::string ns;        // decoded namespace; segments joined by '/'; empty when absent
  std::string name;      // decoded; never empty in a parsed purl
  std::string version;   // decoded; empty when absent
  Qualifiers qualifiers; // sorted by key, keys unique and lower case, values non-empty
  std::string subpath;   // decoded segments joined by '/'; empty when absent

  // Parses a purl string. Errors: kParseError for syntax (names the component and byte offset),
  // kInvalidDocument for a well-formed purl that breaks its type's rules.
  static Result<Purl> Parse(std::string_view text, PurlParseMode mode = PurlParseMode::kStrict);

  // Validates and normalizes decoded components (the purl-spec "build" operation). `components`
  // fields are taken as decoded values; qualifier keys are lower-cased and qualifiers sorted here.
  static Result<Purl> Build(Purl components);

  // The canonical string form.
  std::string ToString() const;

  // Value of qualifier `key` (lower case), or "" when absent. O(log n).
  std::string_view Qualifier(std::string_view key) const;

  bool operator==(const Purl&) const = default;
  // Component-wise order (type, ns, name, version, qualifiers, subpath) for sorting and dedup.
  auto operator<=>(const Purl&) const = default;
};

// Parse + ToString. Lenient by default: this is the entry point for purls as written in SBOMs.
Result<std::string> CanonicalizePurl(std::string_view text,
                                     PurlParseMode mode = PurlParseMode::kLenient);

// Appends `s` to `out` with every byte outside [A-Za-z0-9.-_~:] percent-encoded (upper-case hex).
void PurlPercentEncode(std::string_view s, std::string& out);

// Whether `type` is one of the purl types registered in purl-spec (types/*-definition.json).
bool IsRegisteredPurlType(std::string_view type);

}  // namespace sbomhub::model
