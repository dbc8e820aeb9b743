// What every feed importer shares: the streaming callback, the per-run statistics with the list
// of rejected records, and a deterministic file walk.
//
// Contract of every `Import<Feed>(path, callback, stats)`:
// - `path` may be a file or a directory (walked recursively in sorted order, so runs are
//   reproducible); archives are handled where the feed says so.
// - Each well-formed record is handed to `callback` once, by rvalue, as soon as it is parsed
//   (nothing accumulates). A non-OK Status from the callback stops the import and is returned.
// - A malformed record or unreadable file is reported in `stats.issues` (file, record id when
//   known, reason with position), counted in `stats.skipped` and skipped; the import goes on.
// - The returned Status is non-OK only when `path` itself cannot be used or the callback failed.
// Importers are stateless functions; concurrent calls with different stats are safe.
//
// Feed-specific notes (accepted shapes, field mapping) are in each importer's header and in
// docs/advisories.md.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "vuln/advisory/advisory.h"

namespace sbomhub::vuln {

using AdvisoryCallback = std::function<Status(Advisory&&)>;

struct ImportIssue {
  std::string file;
  std::string record_id;  // empty when the record could not be identified
  std::string reason;     // includes line:column or a JSON pointer where known
  std::string ToString() const;  // "file: record: reason"
};

struct ImportStats {
  static constexpr std::size_t kMaxIssuesKept = 1000;  // all are counted, the first ones kept

  std::size_t files = 0;      // files (or archive members) read
  std::size_t records = 0;    // advisories handed to the callback
  std::size_t withdrawn = 0;  // of which withdrawn/rejected
  std::size_t skipped = 0;    // records or files rejected
  std::vector<ImportIssue> issues;

  void AddIssue(std::string file, std::string record_id, std::string reason);
};

// Calls `fn(path)` for every regular file under `root` (or `root` itself when it is a file)
// whose name `accept`s, in sorted path order. Directory iteration errors are reported as issues.
Status ForEachFile(const std::string& root, const std::function<bool(std::string_view)>& accept,
                   const std::function<Status(const std::string&)>& fn, ImportStats& stats);

// Turns a simdjson error into "line L, column C: <reason>" by locating the first offending byte
// with a second, position-reporting parser. Only called on the error path.
std::string JsonErrorWithPosition(std::string_view bytes, std::string_view simdjson_message);

// Largest archive member or decompressed file an importer will hold in memory.
inline constexpr std::size_t kMaxMemberBytes = std::size_t{512} << 20;

// Calls `fn(member_name, bytes)` for each regular member of the zip/tar archive in `archive`
// whose name `accept`s (libarchive). `bytes` has kInputPadding spare capacity. A damaged member
// is reported as an issue and the walk stops there (a damaged zip has no reliable next header).
Status ForEachArchiveMember(std::string_view archive, const std::string& file,
                            const std::function<bool(std::string_view)>& accept,
                            const std::function<Status(const std::string&, std::string&&)>& fn,
                            ImportStats& stats);

// Decompresses a gzip (or other libarchive-supported filter) stream; fails past kMaxMemberBytes.
// The result has kInputPadding spare capacity.
Result<std::string> Decompress(std::string_view compressed, const std::string& file);

}  // namespace sbomhub::vuln
