#include "generate/dpkg/control_file.h"

#include "base/text.h"

namespace sbomhub::generate::dpkg {

std::string_view Paragraph::Get(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (EqualsIgnoreCase(k, name)) return v;
  }
  return {};
}

bool Paragraph::Has(std::string_view name) const {
  for (const auto& [k, v] : fields) {
    if (EqualsIgnoreCase(k, name)) return true;
  }
  return false;
}

std::vector<Paragraph> ParseControlFile(std::string_view text, Diagnostics& diagnostics,
                                        std::size_t max_diagnostics) {
  std::vector<Paragraph> out;
  Paragraph current;
  std::size_t reported = 0;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  auto flush = [&] {
    if (!current.fields.empty()) out.push_back(std::move(current));
    current = Paragraph{};
  };
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    std::size_t end = nl == std::string_view::npos ? text.size() : nl;
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (TrimWhitespace(line).empty()) {
      flush();
      continue;
    }
    if (line.front() == ' ' || line.front() == '\t') {
      if (current.fields.empty()) {
        if (reported++ < max_diagnostics) {
          diagnostics.Add({Severity::kWarning, "generate.dpkg.continuation",
                           "continuation line with no field before it; skipped", "", line_no, 1});
        }
        continue;
      }
      std::string& v = current.fields.back().second;
      v.push_back('\n');
      v.append(TrimWhitespace(line));
      continue;
    }
    if (line.front() == '#') continue;  // comments are allowed in control files
    std::size_t colon = line.find(':');
    if (colon == std::string_view::npos || colon == 0) {
      if (reported++ < max_diagnostics) {
        diagnostics.Add({Severity::kWarning, "generate.dpkg.line",
                         "expected 'Field: value', found '" + Excerpt(line) + "'; skipped", "",
                         line_no, 1});
      }
      continue;
    }
    if (current.fields.empty()) current.line = line_no;
    current.fields.emplace_back(std::string(TrimWhitespace(line.substr(0, colon))),
                                std::string(TrimWhitespace(line.substr(colon + 1))));
  }
  flush();
  return out;
}

}  // namespace sbomhub::generate::dpkg
