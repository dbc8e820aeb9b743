// A finding about an input document: where (file, line/column and/or JSON pointer), how bad, which
// rule, and a message a user can act on. Validators, decoders, converters and quality checks all
// report through this one type so the CLI and API print them the same way.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sbomhub {

enum class Severity { kError, kWarning, kInfo };
std::string_view SeverityName(Severity s);  // "error" | "warning" | "info"

struct Diagnostic {
  Severity severity = Severity::kError;
  std::string rule;     // stable id, e.g. "cdx.component.type.enum"
  std::string message;  // what is wrong and, where possible, what to do
  std::string file;
  std::size_t line = 0;    // 0 = unknown
  std::size_t column = 0;  // 0 = unknown
  std::string pointer;     // JSON pointer or XML path; empty = unknown

  // "file:line:col: error: message [rule] (at /pointer)"
  std::string ToString() const;
};

class JsonWriter;
void WriteDiagnosticJson(JsonWriter& w, const Diagnostic& d);

// Collects diagnostics; cheap to pass by reference through a decoder.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Error(std::string rule, std::string message, std::string pointer = {});
  void Warning(std::string rule, std::string message, std::string pointer = {});
  void Info(std::string rule, std::string message, std::string pointer = {});

  bool HasErrors() const;
  std::size_t ErrorCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  std::vector<Diagnostic>& items() { return items_; }
  // Sets `file` on every diagnostic that has none.
  void SetFile(const std::string& file);

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace sbomhub
