// YAML adapter for QualityOptions: yaml-cpp exceptions stop here.
#include <yaml-cpp/yaml.h>

#include <exception>

#include "base/file.h"
#include "base/text.h"
#include "quality/quality.h"

namespace sbomhub::quality {
namespace {

constexpr std::size_t kMaxOptionsBytes = 1 << 20;
constexpr std::size_t kMaxIndent = 200;
constexpr std::size_t kMaxBrackets = 10000;

Status OptionsError(std::string_view file, const YAML::Mark& mark, const std::string& message) {
  std::string where(file);
  if (!mark.is_null()) where += ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  return Status::InvalidArgument(where + ": " + message);
}

// yaml-cpp recurses per nesting level; a rules file needs little, so deep input is refused first.
Status CheckShape(std::string_view text, std::string_view file) {
  if (text.size() > kMaxOptionsBytes) return Status::TooLarge(std::string(file) + ": larger than 1 MiB");
  std::size_t open = 0, indent = 0, line = 1;
  bool at_start = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      at_start = true;
      indent = 0;
      continue;
    }
    if (at_start && (c == ' ' || c == '-')) {
      if (++indent > kMaxIndent) {
        return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": nested too deeply");
      }
      continue;
    }
    at_start = false;
    if ((c == '[' || c == '{') && ++open > kMaxBrackets) {
      return Status::InvalidArgument(std::string(file) + ":" + std::to_string(line) + ": too many inline collections");
    }
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Strings(const YAML::Node& n, std::string_view file, std::string_view key) {
  if (!n.IsSequence()) return OptionsError(file, n.Mark(), std::string(key) + " must be a list");
  std::vector<std::string> out;
  for (const auto& item : n) {
    if (!item.IsScalar()) return OptionsError(file, item.Mark(), std::string(key) + " entries must be strings");
    out.push_back(item.Scalar());
  }
  return out;
}

Result<UnnecessaryRule> Rule(const YAML::Node& n, std::string_view file) {
  if (!n.IsMap()) return OptionsError(file, n.Mark(), "a rule is a mapping with at least an id");
  UnnecessaryRule r;
  for (const auto& kv : n) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "id" || key == "description") {
      if (!v.IsScalar()) return OptionsError(file, v.Mark(), key + " must be a string");
      (key == "id" ? r.id : r.description) = v.Scalar();
    } else if (key == "names") {
      SBOMHUB_ASSIGN_OR_RETURN(r.name_globs, Strings(v, file, key));
    } else if (key == "scopes") {
      SBOMHUB_ASSIGN_OR_RETURN(std::vector<std::string> scopes, Strings(v, file, key));
      for (const auto& s : scopes) {
        if (EqualsIgnoreCase(s, "required")) {
          r.scopes.push_back(model::Scope::kRequired);
        } else if (EqualsIgnoreCase(s, "optional")) {
          r.scopes.push_back(model::Scope::kOptional);
        } else if (EqualsIgnoreCase(s, "excluded")) {
          r.scopes.push_back(model::Scope::kExcluded);
        } else {
          return OptionsError(file, v.Mark(), "unknown scope '" + Excerpt(s) + "' (required, optional, excluded)");
        }
      }
    } else if (key == "properties") {
      if (!v.IsSequence()) return OptionsError(file, v.Mark(), "properties must be a list of {name, value}");
      for (const auto& p : v) {
        if (!p.IsMap() || !p["name"] || !p["name"].IsScalar()) {
          return OptionsError(file, p.Mark(), "each property needs a name (and optionally a value glob)");
        }
        const std::string value = p["value"] && p["value"].IsScalar() ? p["value"].Scalar() : "*";
        r.properties.emplace_back(p["name"].Scalar(), value);
      }
    } else if (key == "dev-only") {
      if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false")) {
        return OptionsError(file, v.Mark(), "dev-only must be true or false");
      }
      r.only_dev_dependency = v.Scalar() == "true";
    } else {
      return OptionsError(file, kv.first.Mark(), "unknown rule key '" + Excerpt(key) + "'");
    }
  }
  if (r.id.empty()) return OptionsError(file, n.Mark(), "a rule needs an id");
  return r;
}

Result<QualityOptions> FromYaml(const YAML::Node& root, std::string_view file) {
  QualityOptions o;
  if (root.IsNull()) return o;
  if (!root.IsMap()) return OptionsError(file, root.Mark(), "quality options are a mapping (see docs/quality.md)");
  bool replace = false;
  std::vector<UnnecessaryRule> rules;
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    const YAML::Node& v = kv.second;
    if (key == "max-noassertion-ratio") {
      double ratio = -1;
      if (!v.IsScalar() || !YAML::convert<double>::decode(v, ratio) || !(ratio >= 0 && ratio <= 1)) {
        return OptionsError(file, v.Mark(), "max-noassertion-ratio must be a number from 0 to 1");
      }
      o.max_noassertion_ratio = ratio;
    } else if (key == "max-listed-components") {
      unsigned long long n = 0;
      if (!v.IsScalar() || !YAML::convert<unsigned long long>::decode(v, n)) {
        return OptionsError(file, v.Mark(), "max-listed-components must be a non-negative integer");
      }
      o.max_listed_components = static_cast<std::size_t>(n);
    } else if (key == "replace-default-rules") {
      if (!v.IsScalar() || (v.Scalar() != "true" && v.Scalar() != "false")) {
        return OptionsError(file, v.Mark(), "replace-default-rules must be true or false");
      }
      replace = v.Scalar() == "true";
    } else if (key == "unnecessary") {
      if (!v.IsSequence()) return OptionsError(file, v.Mark(), "unnecessary must be a list of rules");
      for (const auto& item : v) {
        SBOMHUB_ASSIGN_OR_RETURN(UnnecessaryRule r, Rule(item, file));
        rules.push_back(std::move(r));
      }
    } else {
      return OptionsError(file, kv.first.Mark(), "unknown key '" + Excerpt(key) + "'");
    }
  }
  if (replace) o.unnecessary_rules.clear();
  for (auto& r : rules) o.unnecessary_rules.push_back(std::move(r));
  return o;
}

}  // namespace

Result<QualityOptions> ParseQualityOptions(std::string_view text, std::string_view file_name) {
  SBOMHUB_RETURN_IF_ERROR(CheckShape(text, file_name));
  try {
    return FromYaml(YAML::Load(std::string(text)), file_name);
  } catch (const YAML::Exception& e) {
    return OptionsError(file_name, e.mark, e.msg);
  } catch (const std::exception& e) {
    return Status::InvalidArgument(std::string(file_name) + ": " + e.what());
  }
}

Result<QualityOptions> LoadQualityOptionsFile(const std::string& path, std::uint64_t max_bytes) {
  SBOMHUB_ASSIGN_OR_RETURN(std::string text, ReadFile(path, max_bytes));
  return ParseQualityOptions(text, path);
}

}  // namespace sbomhub::quality
