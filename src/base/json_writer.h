// A streaming JSON writer: appends to a string, escapes per RFC 8259, optional 2-space indentation.
// Every encoder and every `--json` output goes through it, so output is deterministic (keys in the
// order written) and never needs a DOM. Misuse (a value where a key is due) is a programmer bug
// caught by assert.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sbomhub {

class JsonWriter {
 public:
  explicit JsonWriter(bool pretty = true) : pretty_(pretty) {}

  JsonWriter& BeginObject();
  JsonWriter& EndObject();
  JsonWriter& BeginArray();
  JsonWriter& EndArray();
  JsonWriter& Key(std::string_view key);
  JsonWriter& String(std::string_view value);
  JsonWriter& Int(std::int64_t value);
  JsonWriter& Uint(std::uint64_t value);
  JsonWriter& Double(double value);  // shortest round-trip form; NaN/Inf written as null
  JsonWriter& Bool(bool value);
  JsonWriter& Null();
  // Inserts already-serialized JSON as one value (trusted input only).
  JsonWriter& Raw(std::string_view json);

  // Shorthands for "key": value.
  JsonWriter& Field(std::string_view key, std::string_view value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const char* value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, const std::string& value) { return Key(key).String(value); }
  JsonWriter& Field(std::string_view key, std::int64_t value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, int value) { return Key(key).Int(value); }
  JsonWriter& Field(std::string_view key, std::uint64_t value) { return Key(key).Uint(value); }
  JsonWriter& Field(std::string_view key, double value) { return Key(key).Double(value); }
  JsonWriter& Field(std::string_view key, bool value) { return Key(key).Bool(value); }
  // Writes the field only when `value` is not empty.
  JsonWriter& OptionalField(std::string_view key, std::string_view value) {
    if (!value.empty()) Key(key).String(value);
    return *this;
  }

  const std::string& str() const { return out_; }
  std::string Take();  // the document, with a trailing newline when pretty

  static void AppendEscaped(std::string& out, std::string_view s);

 private:
  void BeforeValue();
  void Newline();

  struct Frame {
    bool is_object;
    bool empty = true;
    bool expecting_value = false;
  };
  std::string out_;
  std::vector<Frame> stack_;
  bool pretty_;
};

}  // namespace sbomhub
