// Small helpers shared by the catalogers: license strings, lockfile integrity strings, YAML input
// guards, and building a package component with the fields every cataloger fills the same way.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "model/sbom.h"

namespace sbomhub::generate {

// A declared license as written by a package manager: a single SPDX-looking id ("MIT") becomes
// kSpdxId, an expression ("MIT OR Apache-2.0", parentheses) kExpression, anything else (free text,
// "SEE LICENSE IN x") kName. Acknowledgement is kDeclared.
model::License DeclaredLicense(std::string_view text);

// Subresource-integrity strings ("sha512-<base64>", also "sha1-", "sha256-", "sha384-") to a hex
// hash; nullopt when the algorithm is unknown or the base64 is malformed.
std::optional<model::Hash> HashFromIntegrity(std::string_view integrity);

// Standard base64 (with or without padding) to bytes; nullopt on any invalid character.
std::optional<std::string> DecodeBase64(std::string_view text);

// Lower-case hex of raw bytes.
std::string HexEncode(std::string_view bytes);

// yaml-cpp parses recursively and has no depth limit; refuse inputs whose block indentation or
// flow-collection nesting could exhaust the stack. Linear scan.
[[nodiscard]] Status CheckYamlDepth(std::string_view text);

// A library component whose bom_ref is its purl.
model::Component PackageComponent(std::string name, std::string version, std::string purl);

// "key=value" onto the component's properties.
void AddProperty(model::Component& c, std::string name, std::string value);

// "1:23" -> line 1 col 23 message helper: "line N: <message>".
std::string AtLine(std::size_t line, std::string_view message);

}  // namespace sbomhub::generate
