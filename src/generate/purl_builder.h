// Builds canonical package URLs for the catalogers. Kept local to generate/ on purpose (the model's
// Purl type is being written in parallel; the lead may replace this with model::Purl later).
//
// Canonical form (purl-spec tests/spec): "pkg:" type "/" namespace segments "/" name
// ["@" version] ["?" key=value sorted by key, "&"-joined] ["#" subpath]; every byte outside
// A-Z a-z 0-9 . - _ ~ : is percent-encoded with upper-case hex; empty qualifier values dropped.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sbomhub::generate {

// Percent-encodes one purl component (a namespace segment, the name, the version, a value).
std::string PurlEncode(std::string_view s);

struct PurlParts {
  std::string type;       // lower-case ("npm", "deb")
  std::string namespace_;  // '/'-separated; each segment is encoded separately; may be empty
  std::string name;
  std::string version;
  std::vector<std::pair<std::string, std::string>> qualifiers;  // any order
  std::string subpath;
};

std::string BuildPurl(const PurlParts& parts);

// Shorthand for the common case without qualifiers.
std::string SimplePurl(std::string_view type, std::string_view ns, std::string_view name,
                       std::string_view version);

// PyPI names per PEP 503: lower case, runs of '-', '_', '.' become one '-'.
std::string NormalizePypiName(std::string_view name);

}  // namespace sbomhub::generate
