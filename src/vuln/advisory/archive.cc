// libarchive adapter: zip/tar members and gzip streams, read from memory.
#include <archive.h>
#include <archive_entry.h>

#include <memory>

#include "base/file.h"
#include "vuln/advisory/import.h"

namespace sbomhub::vuln {

namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

std::string ArchiveError(archive* a) {
  const char* msg = archive_error_string(a);
  return msg != nullptr ? msg : "unknown libarchive error";
}

// Reads the current entry's data; false with `error` set on failure or when too large.
bool ReadEntry(archive* a, std::string& out, std::string& error) {
  out.clear();
  char buf[64 * 1024];
  for (;;) {
    la_ssize_t n = archive_read_data(a, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      error = ArchiveError(a);
      return false;
    }
    if (out.size() + static_cast<std::size_t>(n) > kMaxMemberBytes) {
      error = "larger than " + std::to_string(kMaxMemberBytes >> 20) + " MiB";
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
  out.reserve(out.size() + kInputPadding);
  return true;
}

}  // namespace

Status ForEachArchiveMember(std::string_view bytes, const std::string& file,
                            const std::function<bool(std::string_view)>& accept,
                            const std::function<Status(const std::string&, std::string&&)>& fn,
                            ImportStats& stats) {
  ArchivePtr a(archive_read_new());
  if (!a) return Status::Internal("archive_read_new failed");
  archive_read_support_format_zip(a.get());
  archive_read_support_format_tar(a.get());
  archive_read_support_filter_all(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    stats.AddIssue(file, "", "not a readable archive: " + ArchiveError(a.get()));
    return Status::Ok();
  }
  archive_entry* entry = nullptr;
  std::string data;
  for (;;) {
    int rc = archive_read_next_header(a.get(), &entry);
    if (rc == ARCHIVE_EOF) break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      stats.AddIssue(file, "", "damaged archive: " + ArchiveError(a.get()));
      break;
    }
    if (archive_entry_filetype(entry) != AE_IFREG) continue;
    const char* name_c = archive_entry_pathname(entry);
    std::string name = name_c != nullptr ? name_c : "";
    std::string_view base = name;
    if (auto slash = base.rfind('/'); slash != std::string_view::npos) base.remove_prefix(slash + 1);
    if (!accept(base)) continue;
    std::string error;
    std::string label = file + "!" + name;
    if (!ReadEntry(a.get(), data, error)) {
      stats.AddIssue(label, "", "cannot read archive member: " + error);
      break;
    }
    SBOMHUB_RETURN_IF_ERROR(fn(label, std::move(data)));
    data = std::string();
  }
  return Status::Ok();
}

Result<std::string> Decompress(std::string_view compressed, const std::string& file) {
  ArchivePtr a(archive_read_new());
  if (!a) return Status::Internal("archive_read_new failed");
  archive_read_support_filter_all(a.get());
  archive_read_support_format_raw(a.get());
  if (archive_read_open_memory(a.get(), compressed.data(), compressed.size()) != ARCHIVE_OK) {
    return Status::ParseError(file + ": cannot decompress: " + ArchiveError(a.get()));
  }
  archive_entry* entry = nullptr;
  if (archive_read_next_header(a.get(), &entry) != ARCHIVE_OK) {
    return Status::ParseError(file + ": cannot decompress: " + ArchiveError(a.get()));
  }
  std::string out;
  std::string error;
  if (!ReadEntry(a.get(), out, error)) return Status::ParseError(file + ": cannot decompress: " + error);
  return out;
}

}  // namespace sbomhub::vuln
