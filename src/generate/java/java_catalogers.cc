#include "generate/java/java_catalogers.h"

#include <pugixml.hpp>

#include <string>
#include <unordered_map>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::java {

std::string MavenPurl(std::string_view group, std::string_view artifact, std::string_view version) {
  return SimplePurl("maven", group, artifact, version);
}

bool GradleLockCataloger::Accepts(const FileInfo& file) const {
  return EndsWith(BaseName(file.relative_path), "gradle.lockfile");
}
Status GradleLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseGradleLockfile(input.bytes, out);
}

Status ParseGradleLockfile(std::string_view text, CatalogOutput& out) {
  std::size_t line_no = 0, bad = 0;
  for (std::string_view line : Split(text, '\n')) {
    ++line_no;
    line = TrimWhitespace(line);
    if (line.empty() || line.front() == '#' || StartsWith(line, "empty=")) continue;
    std::size_t eq = line.find('=');
    std::vector<std::string_view> gav = Split(line.substr(0, eq), ':');
    if (gav.size() < 3 || gav[0].empty() || gav[1].empty() || gav[2].empty()) {
      if (bad++ < 20) {
        out.diagnostics.Add({Severity::kWarning, "generate.gradle.line", "expected 'group:artifact:version=configurations'; skipped",
                             "", line_no, 1});
      }
      continue;
    }
    model::Component c = PackageComponent(std::string(gav[1]), std::string(gav[2]), MavenPurl(gav[0], gav[1], gav[2]));
    c.group = std::string(gav[0]);
    bool only_test = eq != std::string_view::npos;
    if (eq != std::string_view::npos) {
      for (std::string_view conf : Split(line.substr(eq + 1), ',')) {
        if (!StartsWith(TrimWhitespace(conf), "test")) only_test = false;
      }
      AddProperty(c, "sbomhub:gradle:configurations", std::string(line.substr(eq + 1)));
    }
    c.scope = only_test ? model::Scope::kExcluded : model::Scope::kRequired;
    out.components.push_back(std::move(c));
  }
  if (out.components.empty() && bad > 0) return Status::ParseError("no dependency lines: not a gradle.lockfile");
  return Status::Ok();
}

bool PomCataloger::Accepts(const FileInfo& file) const {
  std::string_view base = BaseName(file.relative_path);
  return base == "pom.xml" || (EndsWith(base, ".pom") && file.relative_path.find("/.m2/") == std::string::npos);
}
Status PomCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const { return ParsePom(input.bytes, out); }

namespace {

// Replaces ${name} placeholders; unresolved ones are left as written. Bounded: each pass
// substitutes once, at most kMaxPasses passes (properties may refer to properties).
std::string Resolve(std::string value, const std::unordered_map<std::string, std::string>& props) {
  constexpr int kMaxPasses = 5;
  constexpr std::size_t kMaxLength = 4096;
  for (int pass = 0; pass < kMaxPasses && value.find("${") != std::string::npos; ++pass) {
    std::string out;
    std::size_t pos = 0;
    bool changed = false;
    while (pos < value.size()) {
      std::size_t open = value.find("${", pos);
      std::size_t close = open == std::string::npos ? std::string::npos : value.find('}', open);
      if (close == std::string::npos) {
        out.append(value, pos, std::string::npos);
        break;
      }
      out.append(value, pos, open - pos);
      auto it = props.find(value.substr(open + 2, close - open - 2));
      if (it != props.end()) {
        out += it->second;
        changed = true;
      } else {
        out.append(value, open, close - open + 1);
      }
      pos = close + 1;
      if (out.size() > kMaxLength) return value;
    }
    value = std::move(out);
    if (!changed) break;
  }
  return value;
}

std::string Text(const pugi::xml_node& n, const char* child) {
  return std::string(TrimWhitespace(n.child(child).text().as_string()));
}

}  // namespace

Status ParsePom(std::string_view text, CatalogOutput& out) {
  pugi::xml_document doc;
  // No DOCTYPE/entity expansion beyond the XML built-ins (pugixml never fetches external ones).
  pugi::xml_parse_result r = doc.load_buffer(text.data(), text.size(), pugi::parse_default & ~pugi::parse_doctype);
  if (!r) {
    LineColumn lc = LineColumnAt(text, static_cast<std::size_t>(r.offset));
    return Status::ParseError("invalid XML at line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) +
                              ": " + r.description());
  }
  pugi::xml_node project = doc.child("project");
  if (!project) return Status::ParseError("no <project> root element: not a Maven POM");
  std::unordered_map<std::string, std::string> props;
  for (pugi::xml_node p : project.child("properties").children()) {
    if (p.type() == pugi::node_element) props[p.name()] = std::string(TrimWhitespace(p.text().as_string()));
  }
  pugi::xml_node parent = project.child("parent");
  std::string group = Text(project, "groupId"), version = Text(project, "version");
  if (group.empty()) group = Text(parent, "groupId");
  if (version.empty()) version = Text(parent, "version");
  props["project.groupId"] = props["pom.groupId"] = group;
  props["project.version"] = props["pom.version"] = version;
  props["project.artifactId"] = Text(project, "artifactId");
  props["project.parent.version"] = props["parent.version"] = Text(parent, "version");
  props["project.parent.groupId"] = Text(parent, "groupId");

  std::unordered_map<std::string, std::string> managed;  // "g:a" -> version
  for (pugi::xml_node d : project.child("dependencyManagement").child("dependencies").children("dependency")) {
    std::string v = Resolve(Text(d, "version"), props);
    if (!v.empty()) managed[Resolve(Text(d, "groupId"), props) + ":" + Resolve(Text(d, "artifactId"), props)] = v;
  }
  std::size_t unresolved = 0;
  for (pugi::xml_node d : project.child("dependencies").children("dependency")) {
    std::string g = Resolve(Text(d, "groupId"), props), a = Resolve(Text(d, "artifactId"), props);
    std::string v = Resolve(Text(d, "version"), props);
    if (v.empty()) {
      auto it = managed.find(g + ":" + a);
      if (it != managed.end()) v = it->second;
    }
    if (g.empty() || a.empty() || v.empty() || v.find("${") != std::string::npos) {
      // Positions cost a scan from the start; only the first few warnings get one.
      LineColumn lc;
      if (unresolved++ < 20) lc = LineColumnAt(text, static_cast<std::size_t>(d.offset_debug() < 0 ? 0 : d.offset_debug()));
      out.diagnostics.Add({Severity::kWarning, "generate.maven.unresolved",
                           "dependency " + g + ":" + a + " has no version resolvable within this POM (parent or BOM); skipped",
                           "", lc.line, lc.column});
      continue;
    }
    model::Component c = PackageComponent(a, v, MavenPurl(g, a, v));
    c.group = g;
    std::string scope = Text(d, "scope");
    if (scope == "test") c.scope = model::Scope::kExcluded;
    else if (scope == "provided" || Text(d, "optional") == "true") c.scope = model::Scope::kOptional;
    else c.scope = model::Scope::kRequired;
    if (!scope.empty()) AddProperty(c, "sbomhub:maven:scope", scope);
    out.edges.push_back({"", c.bom_ref, model::RelationshipType::kDependsOn, "", ""});
    out.components.push_back(std::move(c));
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::java
