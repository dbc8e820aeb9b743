// Non-throwing accessors over yaml-cpp nodes. yaml-cpp throws InvalidNode when a missing key's
// node is used (Type(), operator[]); these check IsDefined() first so cataloger code reads
// straight. The parse entry points still catch YAML::Exception / std::exception as a backstop.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>

#include "base/status.h"

namespace sbomhub::generate {

inline bool IsMapNode(const YAML::Node& n) { return n.IsDefined() && n.IsMap(); }
inline bool IsSeqNode(const YAML::Node& n) { return n.IsDefined() && n.IsSequence(); }

inline const std::string& ScalarOf(const YAML::Node& n) {
  static const std::string kEmpty;
  return n.IsDefined() && n.IsScalar() ? n.Scalar() : kEmpty;
}

// n[key] when n is a mapping; otherwise an empty (null) node.
inline YAML::Node Child(const YAML::Node& n, const char* key) {
  if (!IsMapNode(n)) return YAML::Node();
  YAML::Node c = n[key];
  return c.IsDefined() ? c : YAML::Node();
}

// Parses after CheckYamlDepth; errors carry the line.
Result<YAML::Node> LoadYaml(std::string_view text);

}  // namespace sbomhub::generate
