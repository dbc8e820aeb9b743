// Debian control-file ("deb822") paragraphs as used by /var/lib/dpkg/status and status.d/*:
//
//   Package: libc6            <- "Field: value"
//   Depends: libgcc-s1,       <- a line starting with space/tab continues the previous field
//    libcrypt1
//                             <- a blank line ends the paragraph
//
// The parser is one linear pass; malformed lines are reported (with their line number) and
// skipped, never fatal, so one damaged entry does not hide the rest of the database.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/diagnostic.h"

namespace sbomhub::generate::dpkg {

struct Paragraph {
  std::size_t line = 0;  // 1-based line of the first field
  // Field names as written; values with continuation lines joined by '\n' (leading blank removed).
  std::vector<std::pair<std::string, std::string>> fields;

  // Case-insensitive lookup (field names are case-insensitive in deb822); empty when absent.
  std::string_view Get(std::string_view name) const;
  bool Has(std::string_view name) const;
};

// Splits `text` into paragraphs. At most `max_diagnostics` malformed-line warnings are added.
std::vector<Paragraph> ParseControlFile(std::string_view text, Diagnostics& diagnostics,
                                        std::size_t max_diagnostics = 20);

}  // namespace sbomhub::generate::dpkg
