#include "vulndb/package_key.h"

#include "base/text.h"
#include "model/cpe.h"
#include "model/ecosystem.h"

namespace sbomhub::vulndb {

std::string CanonicalEcosystem(std::string_view osv_ecosystem) {
  model::Ecosystem e = model::EcosystemFromOsv(osv_ecosystem);
  if (e != model::Ecosystem::kUnknown) return std::string(model::OsvEcosystemName(e));
  return std::string(osv_ecosystem.substr(0, osv_ecosystem.find(':')));
}

std::string NormalizePackageName(std::string_view ecosystem, std::string_view name) {
  if (ecosystem == "Go") return std::string(name);
  if (ecosystem == "PyPI") {
    std::string out;
    out.reserve(name.size());
    bool in_separator_run = false;
    for (char c : name) {
      if (c == '-' || c == '_' || c == '.') {
        if (!in_separator_run) out += '-';
        in_separator_run = true;
        continue;
      }
      in_separator_run = false;
      out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    }
    return out;
  }
  return AsciiLower(name);
}

std::optional<std::pair<std::string, std::string>> CpeVendorProduct(std::string_view cpe) {
  auto parsed = model::Cpe::Parse(cpe);
  if (!parsed.ok() || !parsed->vendor().is_string() || !parsed->product().is_string()) return std::nullopt;
  return std::make_pair(AsciiLower(parsed->vendor().Unquoted()), AsciiLower(parsed->product().Unquoted()));
}

}  // namespace sbomhub::vulndb
