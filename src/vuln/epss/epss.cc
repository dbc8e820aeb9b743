#include "vuln/epss/epss.h"

#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>

#include "base/text.h"
#include "vuln/kev/kev.h"

namespace sbomhub::vuln {
namespace {

// Real rows are ~40 bytes; anything this long is not a row, and keeping it would let one
// newline-free file make us buffer all of it.
constexpr std::size_t kMaxLineBytes = 1024;

enum class Layout { kUnknown, kComma, kSemicolon };

bool IsEpssFileName(const std::string& name) {
  return EndsWith(name, ".csv") || EndsWith(name, ".csv.gz");
}

// Turns lines into rows for one file. Feed it every line (without the line break), then call
// Finish().
class EpssFileParser {
 public:
  EpssFileParser(const std::string& file, const EpssRowCallback& on_row, EpssReadStats& stats)
      : file_(file), on_row_(on_row), stats_(stats) {}

  // `overlong` says the line was cut at kMaxLineBytes.
  void Line(std::string_view line, bool overlong) {
    ++line_no_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (overlong) {
      Bad("line longer than " + std::to_string(kMaxLineBytes) + " bytes");
      return;
    }
    if (line_no_ == 1 && StartsWith(line, "\xEF\xBB\xBF")) line.remove_prefix(3);
    std::string_view trimmed = TrimWhitespace(line);
    if (trimmed.empty()) return;
    if (trimmed.front() == '#') {
      Comment(trimmed.substr(1));
      return;
    }
    if (layout_ == Layout::kUnknown) {
      const std::string lower = AsciiLower(trimmed);
      if (lower == "cve,epss,percentile") {
        layout_ = Layout::kComma;
        return;
      }
      if (lower == "cve;epss;percentile") {
        layout_ = Layout::kSemicolon;
        return;
      }
      if (trimmed.find(';') != trimmed.npos) {
        layout_ = Layout::kSemicolon;
      } else if (trimmed.find(',') != trimmed.npos) {
        layout_ = Layout::kComma;
      }
    }
    Row(trimmed);
  }

  std::uint64_t lines() const { return line_no_; }

  Status Finish() {
    if (layout_ == Layout::kUnknown && rows_ > 0) {
      return Status::ParseError(file_ + ": not an EPSS CSV (no line has ',' or ';' separated " +
                                "fields; expected 'cve,epss,percentile' rows)");
    }
    return Status::Ok();
  }

 private:
  void Comment(std::string_view body) {
    // "model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000"
    for (std::string_view item : Split(body, ',')) {
      std::size_t colon = item.find(':');
      if (colon == item.npos) continue;
      std::string_view key = TrimWhitespace(item.substr(0, colon));
      std::string_view value = TrimWhitespace(item.substr(colon + 1));
      if (key == "model_version") stats_.model_version = std::string(value);
      if (key == "score_date") stats_.score_date = std::string(value);
    }
  }

  static bool ParseUnit(std::string_view s, double& out) {
    s = TrimWhitespace(s);
    if (s.empty()) return false;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    // The negated range test also rejects NaN.
    return ec == std::errc() && end == s.data() + s.size() &&
           !(out < 0.0 || out > 1.0 || out != out);
  }

  void Row(std::string_view line) {
    ++rows_;
    ++stats_.rows;
    if (layout_ == Layout::kUnknown) {
      Bad("no ',' or ';' separated fields");
      return;
    }
    const char sep = layout_ == Layout::kComma ? ',' : ';';
    std::string_view fields[3];
    std::size_t count = 0;
    std::size_t start = 0;
    while (true) {
      std::size_t end = line.find(sep, start);
      if (count == 3) {
        Bad("more than 3 fields");
        return;
      }
      fields[count++] = line.substr(start, end == line.npos ? line.npos : end - start);
      if (end == line.npos) break;
      start = end + 1;
    }
    if (count != 3) {
      Bad("expected 3 fields (cve" + std::string(1, sep) + "epss" + std::string(1, sep) +
          "percentile), found " + std::to_string(count));
      return;
    }
    EpssRow row;
    row.cve = TrimWhitespace(fields[0]);
    if (!IsCveId(row.cve)) {
      Bad("'" + Excerpt(row.cve) + "' is not a CVE id");
      return;
    }
    if (!ParseUnit(fields[1], row.epss)) {
      Bad("epss '" + Excerpt(fields[1]) + "' is not a number between 0 and 1");
      return;
    }
    if (!ParseUnit(fields[2], row.percentile)) {
      Bad("percentile '" + Excerpt(fields[2]) + "' is not a number between 0 and 1");
      return;
    }
    std::string_view rejected = on_row_ ? on_row_(row) : std::string_view();
    if (!rejected.empty()) {
      Bad(std::string(row.cve) + ": " + std::string(rejected));
      return;
    }
    ++stats_.accepted;
  }

  void Bad(const std::string& reason) {
    ++stats_.skipped;
    if (stats_.problems.size() < EpssReadStats::kMaxKeptProblems) {
      stats_.problems.push_back(file_ + ":" + std::to_string(line_no_) + ": " + reason);
    }
  }

  const std::string& file_;
  const EpssRowCallback& on_row_;
  EpssReadStats& stats_;
  Layout layout_ = Layout::kUnknown;
  std::uint64_t line_no_ = 0;
  std::uint64_t rows_ = 0;
};

struct GzCloser {
  void operator()(gzFile f) const { gzclose(f); }
};

// zlib reads gzip-compressed input (the official feed ships as .csv.gz) and passes plain files
// through unchanged, so one loop serves both.
Status StreamFile(const std::string& path, const EpssRowCallback& on_row, EpssReadStats& stats) {
  std::unique_ptr<gzFile_s, GzCloser> f(gzopen(path.c_str(), "rb"));
  if (!f) return Status::IoError(path + ": cannot open: " + std::strerror(errno));
  ++stats.files;
  EpssFileParser parser(path, on_row, stats);
  std::string line;
  line.reserve(kMaxLineBytes);
  bool overlong = false;
  char buffer[64 * 1024];
  while (true) {
    const int n = gzread(f.get(), buffer, sizeof buffer);
    int code = Z_OK;
    const char* message = gzerror(f.get(), &code);
    // zlib reports a gzip stream cut short as end of input plus Z_BUF_ERROR.
    if (n < 0 || code == Z_BUF_ERROR) {
      const std::string what = message ? message : "unknown error";
      // Z_ERRNO is the OS failing; anything else is damaged or truncated gzip data.
      if (code == Z_ERRNO) return Status::IoError(path + ": read error: " + std::strerror(errno));
      return Status::ParseError(path + ": corrupt gzip data after " +
                                std::to_string(parser.lines()) + " lines: " + what);
    }
    if (n == 0) break;
    std::string_view chunk(buffer, static_cast<std::size_t>(n));
    while (!chunk.empty()) {
      const std::size_t newline = chunk.find('\n');
      const std::string_view piece = chunk.substr(0, newline);
      if (!overlong) {
        if (line.size() + piece.size() > kMaxLineBytes) {
          overlong = true;
          line.clear();
        } else {
          line.append(piece);
        }
      }
      if (newline == chunk.npos) break;
      parser.Line(line, overlong);
      line.clear();
      overlong = false;
      chunk.remove_prefix(newline + 1);
    }
  }
  if (!line.empty() || overlong) parser.Line(line, overlong);
  return parser.Finish();
}

}  // namespace

Status StreamEpssText(std::string_view text, const std::string& file, const EpssRowCallback& on_row,
                      EpssReadStats& stats) {
  ++stats.files;
  EpssFileParser parser(file, on_row, stats);
  while (!text.empty()) {
    const std::size_t newline = text.find('\n');
    const std::string_view line = text.substr(0, newline);
    const bool overlong = line.size() > kMaxLineBytes;
    parser.Line(overlong ? std::string_view() : line, overlong);
    if (newline == text.npos) break;
    text.remove_prefix(newline + 1);
  }
  return parser.Finish();
}

Status StreamEpss(const std::string& path, const EpssRowCallback& on_row, EpssReadStats& stats) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) return StreamFile(path, on_row, stats);
  std::vector<std::string> files;
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && IsEpssFileName(it->path().filename().string())) {
      files.push_back(it->path().string());
    }
  }
  if (ec) return Status::IoError(path + ": cannot list directory: " + ec.message());
  if (files.empty()) return Status::NotFound(path + ": directory holds no *.csv or *.csv.gz files");
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) {
    SBOMHUB_RETURN_IF_ERROR(StreamFile(file, on_row, stats));
  }
  return Status::Ok();
}

const EpssScore* EpssSet::Find(const std::string& cve) const {
  auto it = scores.find(cve);
  return it == scores.end() ? nullptr : &it->second;
}

namespace {

// Total size of what StreamEpss would read; used only to size the hash table up front.
std::uint64_t InputBytes(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_directory(path, ec)) {
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    return ec ? 0 : size;
  }
  std::uint64_t total = 0;
  for (std::filesystem::directory_iterator it(path, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && IsEpssFileName(it->path().filename().string())) {
      const std::uintmax_t size = it->file_size(ec);
      if (!ec) total += size;
    }
  }
  return total;
}

}  // namespace

Result<EpssSet> ReadEpss(const std::string& path) {
  EpssSet set;
  // Rows are 38-42 bytes in both layouts; reserving avoids rehashing 300k+ nodes as the table
  // grows, which otherwise costs more than parsing. Capped so a huge non-EPSS file cannot make
  // us allocate up front.
  constexpr std::uint64_t kBytesPerRow = 36;
  set.scores.reserve(
      static_cast<std::size_t>(std::min<std::uint64_t>(InputBytes(path) / kBytesPerRow, 1u << 24)));
  Status status = StreamEpss(
      path,
      [&set](const EpssRow& row) -> std::string_view {
        auto [it, inserted] =
            set.scores.try_emplace(std::string(row.cve), EpssScore{row.epss, row.percentile});
        return inserted ? std::string_view() : "duplicate CVE id (the first score is kept)";
      },
      set.stats);
  if (!status.ok()) return status;
  return set;
}

}  // namespace sbomhub::vuln
