// Pieces shared by the CycloneDX JSON and XML codecs. Internal to sbomhub_formats_cyclonedx.
//
// Decoding is one pass over the parsed document that both fills the model and validates against
// the declared spec version; cross-references (bom-ref uniqueness, dependency targets) are
// checked once at the end by DecodeContext::Finish, so the whole decode stays linear.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
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

class DecodeContext {
 public:
  DecodeContext(int minor, Diagnostics& diagnostics) : minor_(minor), diagnostics_(diagnostics) {}

  int minor() const { return minor_; }
  Diagnostics& diagnostics() { return diagnostics_; }

  void Error(std::string rule, std::string message, const Position& at);
  void Warning(std::string rule, std::string message, const Position& at);

  // A bom-ref defined by some element; empty and duplicate refs are errors.
  void DefineRef(std::string_view ref, const Position& at);
  // A reference that must resolve to a defined bom-ref (dependency ref / dependsOn / provides).
  void UseRef(std::string_view ref, const Position& at);
  // Counts a section the model does not hold; Finish reports one info per section.
  void NotHeld(std::string_view section, std::size_t count = 1);

  // Resolves every UseRef and emits the not-held infos.
  void Finish();

 private:
  int minor_;
  Diagnostics& diagnostics_;
  std::unordered_set<std::string> refs_;
  struct Use {
    std::string ref;
    Position at;
  };
  std::vector<Use> uses_;
  std::map<std::string, std::size_t, std::less<>> not_held_;
};

std::optional<Identification> IdentifyJson(std::string_view bytes);
std::optional<Identification> IdentifyXml(std::string_view bytes);

Result<Decoded> DecodeJson(const std::string& bytes, const DecodeOptions& options);
Result<Decoded> DecodeXml(const std::string& bytes, const DecodeOptions& options);

// Shared by both encoders: what the target version cannot carry, as warnings, and the
// SPDX-only fields turned into externalReferences/properties (docs/conversion-cyclonedx.md).
struct EncodePlan {
  int minor = 6;
  Diagnostics* warnings = nullptr;
};

// The target's extra externalReferences and properties for a component's SPDX-only fields.
void SpdxOnlyFields(const model::Component& c, std::vector<model::ExternalReference>& refs,
                    std::vector<model::Property>& props);

// Dependency entries grouped by `from`, in dependency_refs order then first-seen order.
struct DependencyEntry {
  std::string ref;
  std::vector<std::string> depends_on;
  std::vector<std::string> provides;
};
std::vector<DependencyEntry> GroupDependencies(const model::Sbom& sbom, int minor,
                                               Diagnostics& warnings);
// Warns once for every model field the target version cannot carry.
void WarnUnencodable(const model::Sbom& sbom, int minor, Diagnostics& warnings);

Result<Encoded> EncodeJson(const model::Sbom& sbom, int minor, bool pretty);
Result<Encoded> EncodeXml(const model::Sbom& sbom, int minor, bool pretty);

}  // namespace sbomhub::formats::cyclonedx::internal
