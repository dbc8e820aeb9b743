// Typed member access over a simdjson DOM for the feed importers. Absent members read as empty;
// a member of the wrong type records the first error with its JSON pointer and the record is
// rejected by the caller. Paths are a chain of stack frames, rendered only when an error occurs,
// so the happy path allocates nothing for them.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

namespace sbomhub::vuln {

class JsonPath {
 public:
  JsonPath() = default;  // the document root
  JsonPath(const JsonPath& parent, std::string_view key) : parent_(&parent), key_(key) {}
  JsonPath(const JsonPath& parent, std::size_t index) : parent_(&parent), index_(index), is_index_(true) {}
  std::string ToString() const;  // JSON pointer: "" for the root, "/affected/0/ranges"

 private:
  const JsonPath* parent_ = nullptr;
  std::string_view key_;
  std::size_t index_ = 0;
  bool is_index_ = false;
};

class JsonReader {
 public:
  using Object = simdjson::dom::object;
  using Array = simdjson::dom::array;
  using Element = simdjson::dom::element;

  // First error wins: "<pointer>: <why>".
  void Fail(const JsonPath& at, std::string_view why);
  bool failed() const { return !error_.empty(); }
  const std::string& error() const { return error_; }

  std::optional<Object> AsObject(Element e, const JsonPath& at);
  std::optional<Array> AsArray(Element e, const JsonPath& at);
  std::string_view AsString(Element e, const JsonPath& at);

  // Member accessors; `key` absent (or null) -> empty/nullopt without error.
  std::string_view String(Object o, std::string_view key, const JsonPath& at);
  std::optional<Object> ObjectMember(Object o, std::string_view key, const JsonPath& at);
  std::optional<Array> ArrayMember(Object o, std::string_view key, const JsonPath& at);
  std::optional<double> Number(Object o, std::string_view key, const JsonPath& at);
  std::optional<bool> Bool(Object o, std::string_view key, const JsonPath& at);
  // Appends every string of the array member `key` to `out`.
  void StringArray(Object o, std::string_view key, const JsonPath& at, std::vector<std::string>& out);
  // A string or a number rendered as text (feeds disagree on ids such as npm's numeric `id`).
  std::string Scalar(Object o, std::string_view key, const JsonPath& at);
  // Compact JSON of the member, empty when absent.
  std::string Raw(Object o, std::string_view key);

 private:
  std::string error_;
};

}  // namespace sbomhub::vuln
