// Java (pkg:maven/<groupId>/<artifactId>@<version>):
//   gradle.lockfile   "group:artifact:version=conf1,conf2" lines; packages used only by test
//                     configurations get scope excluded. Gradle does not record the graph.
//   pom.xml           project/dependencies (not dependencyManagement) with ${...} placeholders
//                     resolved from the file's own <properties> and project.* / parent values;
//                     versions missing there are taken from dependencyManagement in the same file.
//                     scope test → excluded, provided/optional → optional. Each is a direct edge.
//                     Versions that remain unresolved (inherited from a parent POM) are reported
//                     and the dependency is skipped.
#pragma once

#include <string_view>

#include "generate/cataloger.h"

namespace sbomhub::generate::java {

class GradleLockCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "gradle"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

class PomCataloger final : public Cataloger {
 public:
  std::string_view Name() const override { return "maven-pom"; }
  bool Accepts(const FileInfo& file) const override;
  Status Catalog(const CatalogInput& input, CatalogOutput& out) const override;
};

[[nodiscard]] Status ParseGradleLockfile(std::string_view text, CatalogOutput& out);
[[nodiscard]] Status ParsePom(std::string_view text, CatalogOutput& out);

std::string MavenPurl(std::string_view group, std::string_view artifact, std::string_view version);

}  // namespace sbomhub::generate::java
