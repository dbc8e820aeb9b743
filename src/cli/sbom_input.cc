#include "cli/sbom_input.h"

#include <charconv>
#include <iostream>

namespace sbomhub::cli {
namespace {

// Parses a decimal prefix of `s` ending at the next ':'; advances `s` past the ':'.
bool TakeNumber(std::string_view& s, std::size_t& out) {
  auto colon = s.find(':');
  if (colon == std::string_view::npos || colon == 0) return false;
  auto r = std::from_chars(s.data(), s.data() + colon, out);
  if (r.ptr != s.data() + colon) return false;
  s.remove_prefix(colon + 1);
  return true;
}

}  // namespace

Result<formats::Decoded> LoadSbom(const Context& ctx, const std::string& path) {
  return formats::DecodeSbomFile(path, ctx.max_input_bytes);
}

Diagnostic DiagnosticFromFailure(const Status& status, const std::string& file) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.file = file;
  d.rule = status.code() == StatusCode::kParseError     ? "syntax"
           : status.code() == StatusCode::kUnsupported ? "unsupported"
           : status.code() == StatusCode::kTooLarge    ? "size-limit"
                                                        : "io";
  std::string_view msg = status.message();
  if (!file.empty() && msg.substr(0, file.size()) == file && msg.size() > file.size() &&
      msg[file.size()] == ':') {
    std::string_view rest = msg.substr(file.size() + 1);
    std::size_t line = 0, column = 0;
    std::string_view probe = rest;
    if (TakeNumber(probe, line)) {
      d.line = line;
      rest = probe;
      if (TakeNumber(probe, column)) {
        d.column = column;
        rest = probe;
      }
    }
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    d.message = std::string(rest);
  } else {
    d.message = std::string(msg);
  }
  return d;
}

void PrintDiagnostics(const Diagnostics& diagnostics, bool verbose) {
  for (const auto& d : diagnostics.items()) {
    if (d.severity == Severity::kInfo && !verbose) continue;
    std::cerr << d.ToString() << "\n";
  }
}

}  // namespace sbomhub::cli
