// A small TOML reader for lockfiles (Cargo.lock, poetry.lock, uv.lock). No TOML library ships in
// Debian 12 for C++, and lockfiles use a narrow, machine-written subset, so this covers:
//   tables [a.b], arrays of tables [[a]], dotted and quoted keys, basic/literal strings (also the
//   multi-line forms), integers/floats/booleans/dates kept as text, arrays and inline tables
//   (nesting limited to kMaxTomlDepth).
// Not covered (rejected with a positioned error): nothing is silently mis-read; unusual syntax
// fails. Single pass; lookups are hashed, so parsing is linear in the input.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "base/status.h"

namespace sbomhub::generate::toml {

inline constexpr std::size_t kMaxTomlDepth = 32;

struct Value {
  struct Entry;  // {first = key, second = value}; defined below, once Value is complete
  enum class Kind { kString, kScalar, kArray, kTable };  // kScalar: number, bool, date as text
  Kind kind = Kind::kTable;
  std::string text;                 // kString / kScalar
  std::vector<Value> items;         // kArray
  std::vector<Entry> entries;       // kTable, in document order
  std::unordered_map<std::string, std::size_t> index;  // kTable: key -> entries index
  std::size_t line = 0;             // where the value (or table header) starts

  bool IsString() const { return kind == Kind::kString; }
  bool IsArray() const { return kind == Kind::kArray; }
  bool IsTable() const { return kind == Kind::kTable; }
  // Table member or nullptr.
  const Value* Find(std::string_view key) const;
  // String member's text, or empty.
  std::string_view Str(std::string_view key) const;
};

struct Value::Entry {
  std::string first;
  Value second;
};

// Parses a whole document into a table. Errors: kParseError "line N: ...".
Result<Value> Parse(std::string_view text);

}  // namespace sbomhub::generate::toml
