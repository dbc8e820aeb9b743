#include "base/diagnostic.h"

#include "base/json_writer.h"

namespace sbomhub {

std::string_view SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kInfo: return "info";
  }
  return "error";
}

std::string Diagnostic::ToString() const {
  std::string out = file.empty() ? std::string("<input>") : file;
  if (line > 0) {
    out += ':' + std::to_string(line);
    if (column > 0) out += ':' + std::to_string(column);
  }
  out += ": ";
  out += SeverityName(severity);
  out += ": ";
  out += message;
  if (!rule.empty()) out += " [" + rule + "]";
  if (!pointer.empty()) out += " (at " + pointer + ")";
  return out;
}

void WriteDiagnosticJson(JsonWriter& w, const Diagnostic& d) {
  w.BeginObject();
  w.Field("severity", SeverityName(d.severity));
  w.Field("rule", d.rule);
  w.Field("message", d.message);
  w.Field("file", d.file);
  if (d.line > 0) w.Field("line", static_cast<std::uint64_t>(d.line));
  if (d.column > 0) w.Field("column", static_cast<std::uint64_t>(d.column));
  if (!d.pointer.empty()) w.Field("pointer", d.pointer);
  w.EndObject();
}

void Diagnostics::Error(std::string rule, std::string message, std::string pointer) {
  items_.push_back({Severity::kError, std::move(rule), std::move(message), {}, 0, 0, std::move(pointer)});
}
void Diagnostics::Warning(std::string rule, std::string message, std::string pointer) {
  items_.push_back({Severity::kWarning, std::move(rule), std::move(message), {}, 0, 0, std::move(pointer)});
}
void Diagnostics::Info(std::string rule, std::string message, std::string pointer) {
  items_.push_back({Severity::kInfo, std::move(rule), std::move(message), {}, 0, 0, std::move(pointer)});
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

std::size_t Diagnostics::ErrorCount() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kError;
  return n;
}

void Diagnostics::SetFile(const std::string& file) {
  for (auto& d : items_) {
    if (d.file.empty()) d.file = file;
  }
}

}  // namespace sbomhub
