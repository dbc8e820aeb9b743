#include "vuln/advisory/import.h"

#include <algorithm>
#include <filesystem>
#include <system_error>
#include <vector>

#include "base/text.h"
#include "formats/common/json_errors.h"

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

std::string JsonErrorWithPosition(std::string_view bytes, std::string_view simdjson_message) {
  std::string out;
  if (auto e = formats::FindJsonError(bytes)) {
    LineColumn lc = LineColumnAt(bytes, e->offset);
    out = "line " + std::to_string(lc.line) + ", column " + std::to_string(lc.column) + ": ";
  }
  out += "invalid JSON (";
  out += simdjson_message;
  out += ")";
  return out;
}

}  // namespace sbomhub::vuln
