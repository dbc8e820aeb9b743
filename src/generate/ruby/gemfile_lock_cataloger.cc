#include "generate/ruby/gemfile_lock_cataloger.h"

#include <string>
#include <unordered_map>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::ruby {

namespace {
std::size_t Indent(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[n] == ' ') ++n;
  return n;
}
// "nokogiri (1.13.10-x86_64-linux)" -> name, "1.13.10-x86_64-linux"; "rails!" -> "rails".
std::pair<std::string_view, std::string_view> NameAndParen(std::string_view s) {
  s = TrimWhitespace(s);
  std::size_t open = s.find(" (");
  std::string_view name = s.substr(0, open);
  if (!name.empty() && name.back() == '!') name.remove_suffix(1);
  std::string_view paren;
  if (open != std::string_view::npos) {
    std::size_t close = s.find(')', open);
    if (close != std::string_view::npos) paren = s.substr(open + 2, close - open - 2);
  }
  return {name, paren};
}
}  // namespace

bool GemfileLockCataloger::Accepts(const FileInfo& file) const {
  std::string_view base = BaseName(file.relative_path);
  return base == "Gemfile.lock" || base == "gems.locked";
}

Status GemfileLockCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseGemfileLock(input.bytes, out);
}

Status ParseGemfileLock(std::string_view text, CatalogOutput& out) {
  std::string section;
  bool in_specs = false;
  std::unordered_map<std::string, std::string> ref_by_name;
  std::vector<std::pair<std::string, std::string>> pending;  // from ref, dependency name
  std::vector<std::string> direct;
  std::string current_ref;
  std::size_t pos = 0, line_no = 0;
  bool saw_section = false;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimWhitespace(line).empty()) continue;
    std::size_t indent = Indent(line);
    if (indent == 0) {
      section = std::string(TrimWhitespace(line));
      in_specs = false;
      saw_section = true;
      continue;
    }
    bool source_section = section == "GEM" || section == "GIT" || section == "PATH" || section == "PLUGIN SOURCE";
    if (source_section && indent == 2) {
      in_specs = TrimWhitespace(line) == "specs:";
      continue;
    }
    if (source_section && in_specs && indent == 4) {
      auto [name, version] = NameAndParen(line);
      if (name.empty() || version.empty()) {
        out.diagnostics.Add({Severity::kWarning, "generate.gem.spec", "spec without '(version)'; skipped", "", line_no, 1});
        current_ref.clear();
        continue;
      }
      // Platform-specific gems append "-<platform>" to the version; gem versions never contain '-'.
      std::size_t dash = version.find('-');
      PurlParts parts;
      parts.type = "gem";
      parts.name = std::string(name);
      parts.version = std::string(version.substr(0, dash));
      if (dash != std::string_view::npos) parts.qualifiers.emplace_back("platform", std::string(version.substr(dash + 1)));
      model::Component c = PackageComponent(parts.name, parts.version, BuildPurl(parts));
      if (section != "GEM") AddProperty(c, "sbomhub:gem:source", section);
      current_ref = c.bom_ref;
      ref_by_name.emplace(parts.name, c.bom_ref);
      out.dependency_known.push_back(c.bom_ref);
      out.components.push_back(std::move(c));
      continue;
    }
    if (source_section && in_specs && indent == 6 && !current_ref.empty()) {
      pending.emplace_back(current_ref, std::string(NameAndParen(line).first));
      continue;
    }
    if (section == "DEPENDENCIES" && indent == 2) direct.emplace_back(NameAndParen(line).first);
  }
  if (!saw_section) return Status::ParseError("no GEM/DEPENDENCIES sections: not a Gemfile.lock");
  for (const auto& [from, dep] : pending) {
    auto it = ref_by_name.find(dep);
    if (it != ref_by_name.end()) out.edges.push_back({from, it->second, model::RelationshipType::kDependsOn, "", ""});
  }
  for (const std::string& dep : direct) {
    auto it = ref_by_name.find(dep);
    if (it != ref_by_name.end()) out.edges.push_back({"", it->second, model::RelationshipType::kDependsOn, "", ""});
  }
  return Status::Ok();
}

}  // namespace sbomhub::generate::ruby
