#include "formats/common/json_errors.h"

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace sbomhub::formats {
namespace {

// Offset where nesting first exceeds max_depth, or npos.
std::size_t FindDepthOverflow(std::string_view s, std::size_t max_depth) {
  std::size_t depth = 0;
  bool in_string = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '{' || c == '[') {
      if (++depth > max_depth) return i;
    } else if ((c == '}' || c == ']') && depth > 0) {
      --depth;
    }
  }
  return std::string_view::npos;
}

// A SAX handler that accepts everything: we only want nlohmann's syntax position.
struct NullSax : nlohmann::json_sax<nlohmann::json> {
  std::size_t error_offset = std::string_view::npos;
  std::string error_message;
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return true; }
  bool key(string_t&) override { return true; }
  bool end_object() override { return true; }
  bool start_array(std::size_t) override { return true; }
  bool end_array() override { return true; }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_offset = position == 0 ? 0 : position - 1;
    error_message = ex.what();
    // nlohmann prefixes "[json.exception.parse_error.101] parse error at line 1, column 2: ".
    auto colon = error_message.find(": ");
    if (colon != std::string::npos) error_message = error_message.substr(colon + 2);
    return false;
  }
};

}  // namespace

Status JsonErrorAt(std::string_view bytes, const std::string& file, std::size_t offset,
                   std::string_view message) {
  LineColumn lc = LineColumnAt(bytes, offset);
  return Status::ParseError(file + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column) +
                            ": " + std::string(message));
}

std::optional<JsonErrorLocation> FindJsonError(std::string_view bytes, std::size_t max_depth) {
  if (auto bad = FindInvalidUtf8(bytes)) return JsonErrorLocation{*bad, "invalid UTF-8 byte sequence"};
  std::size_t deep = FindDepthOverflow(bytes, max_depth);
  if (deep != std::string_view::npos) {
    return JsonErrorLocation{deep, "nesting deeper than " + std::to_string(max_depth) + " levels"};
  }
  NullSax sax;
  bool ok = nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &sax,
                                      nlohmann::detail::input_format_t::json, true, false);
  if (!ok && sax.error_offset != std::string_view::npos) {
    return JsonErrorLocation{sax.error_offset, "malformed JSON: " + sax.error_message};
  }
  return std::nullopt;
}

Status LocateJsonError(std::string_view bytes, const std::string& file, std::size_t max_depth) {
  if (auto e = FindJsonError(bytes, max_depth)) return JsonErrorAt(bytes, file, e->offset, e->reason);
  return Status::Ok();
}

}  // namespace sbomhub::formats
