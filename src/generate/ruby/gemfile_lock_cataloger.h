// Ruby Gemfile.lock: specs of the GEM, GIT and PATH sections ("    name (version[-platform])",
// their dependencies indented by six spaces) become pkg:gem/<name>@<version>[?platform=..]
// components with edges between them; the DEPENDENCIES section lists the direct ones.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::ruby {

class GemfileLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "gem"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseGemfileLock(std::string_view text, CatalogOutput& out);

}  // namespace sbomhub::generate::ruby
