#include "vuln/advisory/import.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/text.h"

namespace sbomhub::vuln {

std::string ImportIssue::ToString() const {
  std::string out = file;
  if (!record_id.empty()) out += ": " + record_id;
  out += ": " + reason;
  return out;
}

void ImportStats::AddIssue(std::string file, std::string record_id, std::string reason) {
  ++skipped;
  if (issues.size() < kMaxIssuesKept) {
    issues.push_back({std::move(file), std::move(record_id), std::move(reason)});
  }
}

Status ForEachFile(const std::string& root, const std::function<bool(std::string_view)>& accept,
                   const std::function<Status(const std::string&)>& fn, ImportStats& stats) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::file_status st = fs::status(root, ec);
  if (ec || !fs::exists(st)) return Status::NotFound("no such file or directory: " + root);
  if (!fs::is_directory(st)) return fn(root);

  std::vector<std::string> files;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  if (ec) return Status::IoError("cannot list " + root + ": " + ec.message());
  for (fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
    if (ec) {
      stats.AddIssue(root, "", "directory walk stopped: " + ec.message());
      break;
    }
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    std::string p = it->path().string();
    if (accept(it->path().filename().string())) files.push_back(std::move(p));
  }
  std::sort(files.begin(), files.end());
  for (const std::string& f : files) SBOMHUB_RETURN_IF_ERROR(fn(f));
  return Status::Ok();
}

namespace {
// A SAX handler that accepts everything: only the error position matters.
struct PositionFinder : nlohmann::json::json_sax_t {
  std::size_t byte = 0;
  bool found = false;
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
  bool parse_error(std::size_t position, const std::string&, const nlohmann::json::exception&) override {
    byte = position;
    found = true;
    return false;
  }
};
}  // namespace

std::string JsonErrorWithPosition(std::string_view bytes, std::string_view simdjson_message) {
  PositionFinder finder;
  // The SAX parser reports errors through the handler, not by throwing.
  nlohmann::json::sax_parse(bytes.begin(), bytes.end(), &finder, nlohmann::json::input_format_t::json,
                            /*strict=*/true);
  std::string out;
  if (finder.found) {
    std::size_t offset = finder.byte > 0 ? finder.byte - 1 : 0;
    LineColumn lc = LineColumnAt(bytes, offset);
    out = "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) + ": ";
  }
  out += "invalid JSON (";
  out += simdjson_message;
  out += ")";
  return out;
}

}  // namespace sbomhub::vuln
