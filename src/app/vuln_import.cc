#include "app/vuln_import.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <span>
#include <system_error>
#include <thread>

#include "base/file.h"
#include "base/text.h"
#include "sqlite/checkpointer.h"
#include "vuln/advisory/npm_legacy.h"
#include "vuln/csaf/csaf.h"
#include "vuln/cve5/cve5.h"
#include "vuln/epss/epss.h"
#include "vuln/kev/kev.h"
#include "vuln/nvd/nvd.h"
#include "vuln/osv/osv.h"

namespace sbomhub::app {
namespace {

enum class Feed {
  kUnknown,
  kOsvJson,
  kOsvYaml,
  kOsvZip,
  kNvd,
  kCve5,
  kCsaf,
  kNpmLegacy,
  kKevJson,
  kKevCsv,
  kEpss,
};

std::string_view FeedSource(Feed f) {
  switch (f) {
    case Feed::kOsvJson:
    case Feed::kOsvYaml:
    case Feed::kOsvZip:
      return "osv";
    case Feed::kNvd:
      return "nvd";
    case Feed::kCve5:
      return "cve5";
    case Feed::kCsaf:
      return "csaf";
    case Feed::kNpmLegacy:
      return "npm";
    case Feed::kKevJson:
    case Feed::kKevCsv:
      return "kev";
    case Feed::kEpss:
      return "epss";
    case Feed::kUnknown:
      break;
  }
  return "unknown";
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// The member names of a JSON document's top-level object (or of the first element of a top-level
// array), plus the string values of the few members that name a format. One forward pass with no
// allocation per byte; it stops at the first syntax error and keeps what it saw, because a
// malformed file still has to reach its importer to be reported there with a position.
struct JsonShape {
  bool object = false;  // a top-level object (or an array whose first element is one)
  bool array = false;
  std::vector<std::string_view> keys;
  std::string_view format;     // NVD API "format"
  std::string_view data_type;  // CVE 5 "dataType"
  std::string_view cve_value;  // first bytes of the value of "cve" ('{' for an NVD item)

  bool Has(std::string_view key) const { return std::find(keys.begin(), keys.end(), key) != keys.end(); }
};

class ShapeScanner {
 public:
  using Decisive = bool (*)(const JsonShape&);
  ShapeScanner(std::string_view s, Decisive decisive) : s_(s), decisive_(decisive) {}

  JsonShape Scan() {
    JsonShape shape;
    if (s_.substr(0, 3) == "\xEF\xBB\xBF") i_ = 3;
    SkipSpace();
    if (Peek() == '[') {
      shape.array = true;
      ++i_;
      SkipSpace();
    }
    if (Peek() != '{') return shape;
    shape.object = true;
    ++i_;
    // Bounded by the input: every iteration consumes at least one byte or returns.
    while (i_ < s_.size()) {
      SkipSpace();
      if (Peek() == '}') break;
      std::string_view key;
      if (!String(key)) break;
      SkipSpace();
      if (Peek() != ':') break;
      ++i_;
      SkipSpace();
      if (Peek() == '"') {
        std::string_view text;
        if (!String(text)) break;
        if (key == "format") shape.format = text;
        if (key == "dataType") shape.data_type = text;
        shape.keys.push_back(key);
      } else {
        shape.keys.push_back(key);
        // Most feeds name themselves in their first members; deciding before skipping the value
        // keeps the sniff from walking a 100 MB NVD feed (whose CVE_Items / vulnerabilities
        // member is the decisive one) before the parser walks it again. (cve_value, set below,
        // never makes a shape decisive.)
        if (decisive_ && decisive_(shape)) break;
        std::size_t value_start = i_;
        if (!SkipValue()) break;
        if (key == "cve") shape.cve_value = s_.substr(value_start, 1);
      }
      if (decisive_ && decisive_(shape)) break;
      SkipSpace();
      if (Peek() != ',') break;
      ++i_;
    }
    return shape;
  }

 private:
  char Peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
  void SkipSpace() {
    while (i_ < s_.size() && IsJsonSpace(s_[i_])) ++i_;
  }
  // At a '"': the raw (unescaped) contents; false when the string does not end.
  bool String(std::string_view& out) {
    if (Peek() != '"') return false;
    std::size_t start = ++i_;
    while (i_ < s_.size()) {
      char c = s_[i_];
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '"') {
        out = s_.substr(start, i_ - start);
        ++i_;
        return true;
      }
      ++i_;
    }
    return false;
  }
  // Skips one value (object/array by bracket depth, scalars to the next delimiter).
  bool SkipValue() {
    char c = Peek();
    if (c != '{' && c != '[') {
      while (i_ < s_.size() && s_[i_] != ',' && s_[i_] != '}' && s_[i_] != ']' && !IsJsonSpace(s_[i_])) ++i_;
      return i_ < s_.size();
    }
    std::size_t depth = 0;
    while (i_ < s_.size()) {
      c = s_[i_];
      if (c == '"') {
        std::string_view ignored;
        if (!String(ignored)) return false;
        continue;
      }
      if (c == '{' || c == '[') ++depth;
      if (c == '}' || c == ']') {
        if (--depth == 0) {
          ++i_;
          return true;
        }
      }
      ++i_;
    }
    return false;
  }

  std::string_view s_;
  Decisive decisive_;
  std::size_t i_ = 0;
};

// Member combinations no other feed shares, so the scan may stop as soon as one is seen.
bool IsDecisive(const JsonShape& shape) {
  if (shape.array) return false;
  return shape.Has("CVE_Items") || shape.Has("cveMetadata") || shape.data_type == "CVE_RECORD" ||
         shape.Has("document") || (shape.Has("catalogVersion") && shape.Has("vulnerabilities")) ||
         (shape.Has("vulnerabilities") && !shape.format.empty()) ||
         (shape.Has("module_name") && shape.Has("vulnerable_versions")) ||
         (shape.Has("id") && shape.Has("modified") && !shape.Has("cve"));
}

Feed SniffJson(std::string_view bytes) {
  JsonShape shape = ShapeScanner(bytes, IsDecisive).Scan();
  if (!shape.object) return Feed::kUnknown;
  if (!shape.array) {
    if (shape.Has("CVE_Items")) return Feed::kNvd;
    if (shape.Has("catalogVersion") && shape.Has("vulnerabilities")) return Feed::kKevJson;
    // NVD API 2.0 pages and yearly 2.0 feeds. The other NVD API products (NVD_CPE,
    // NVD_CPEMatchString, NVD_CVEHistory) hold no advisories: they stay unrecognised.
    if (shape.Has("vulnerabilities") && (shape.format == "NVD_CVE" || shape.Has("resultsPerPage"))) {
      return shape.format.empty() || shape.format == "NVD_CVE" ? Feed::kNvd : Feed::kUnknown;
    }
    if (shape.Has("document")) return Feed::kCsaf;
    if (shape.Has("module_name") && (shape.Has("vulnerable_versions") || shape.Has("patched_versions"))) {
      return Feed::kNpmLegacy;
    }
    if (shape.Has("vulns")) return Feed::kOsvJson;  // osv.dev API query response
    // A bare NVD item {"cve":{…}} or a bare NVD 2.0 cve object.
    if (shape.cve_value == "{" && shape.keys.size() <= 2) return Feed::kNvd;
    if (shape.Has("sourceIdentifier") && shape.Has("id") && shape.Has("vulnStatus")) return Feed::kNvd;
  }
  if (shape.Has("cveMetadata") || shape.data_type == "CVE_RECORD") return Feed::kCve5;
  if (shape.Has("id") && (shape.Has("modified") || shape.Has("schema_version") || shape.Has("affected"))) {
    return Feed::kOsvJson;
  }
  return Feed::kUnknown;
}

// The first line that is not blank.
std::string_view FirstLine(std::string_view text) {
  std::size_t i = 0;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < text.size() && (text[i] == '\n' || text[i] == '\r' || text[i] == ' ')) ++i;
  std::size_t end = text.find('\n', i);
  std::string_view line = text.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsEpssLine(std::string_view line) {
  if (StartsWith(line, "#model_version") || StartsWith(line, "#score_date")) return true;
  if (line == "cve,epss,percentile") return true;
  std::size_t sep = line.find_first_of(";,");
  return sep != std::string_view::npos && vuln::IsCveId(line.substr(0, sep));
}

// YAML OSV records (PyPA) start with top-level `id:` and carry `modified:`.
bool LooksLikeOsvYaml(std::string_view text) {
  bool id = StartsWith(text, "id:") || text.find("\nid:") != std::string_view::npos;
  bool modified = StartsWith(text, "modified:") || text.find("\nmodified:") != std::string_view::npos;
  return id && modified;
}

// Recognises a feed from content; the name only disambiguates YAML, which has no magic bytes.
Feed Sniff(const std::string& path, std::string_view bytes) {
  if (StartsWith(bytes, "PK\x03\x04")) return Feed::kOsvZip;
  std::size_t i = 0;
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < bytes.size() && IsJsonSpace(bytes[i])) ++i;
  if (i < bytes.size() && (bytes[i] == '{' || bytes[i] == '[')) return SniffJson(bytes.substr(i));
  std::string_view line = FirstLine(bytes);
  if (StartsWith(line, "cveID,") && line.find("vendorProject") != std::string_view::npos) return Feed::kKevCsv;
  if (IsEpssLine(line)) return Feed::kEpss;
  std::string lower = AsciiLower(path);
  if ((EndsWith(lower, ".yaml") || EndsWith(lower, ".yml")) && LooksLikeOsvYaml(bytes)) return Feed::kOsvYaml;
  return Feed::kUnknown;
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// Reads a whole feed file into `buffer` (kept by the calling thread and only ever grown) and
// returns a view of it. One open, one fstat and the reads: the shared feeds are 15,000 small
// files, and ReadFile's two stat calls, stdio buffering and freshly zeroed string per file were
// a visible share of the parsing threads' time. Anything but a regular file goes through
// ReadFile.
Result<std::string_view> ReadFeedFile(const std::string& path, std::string& buffer) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IoError(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    ::close(fd);
    auto whole = ReadFile(path);
    if (!whole.ok()) return whole.status();
    buffer = std::move(whole).value();
    return std::string_view(buffer);
  }
  const auto size = static_cast<std::uint64_t>(st.st_size);
  if (size > kDefaultMaxInputBytes) {
    ::close(fd);
    return Status::TooLarge(path + ": file is " + std::to_string(size) + " bytes, over the limit of " +
                            std::to_string(kDefaultMaxInputBytes) + " bytes");
  }
  // The padding stays readable past the end (simdjson reads ahead).
  if (buffer.size() < size + kInputPadding) buffer.resize(size + kInputPadding);
  std::size_t got = 0;
  while (got < size) {
    ssize_t n = ::read(fd, buffer.data() + got, size - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      return Status::IoError(path + ": " + std::strerror(err));
    }
    if (n == 0) break;  // the file shrank while being read: what is there is the file
    got += static_cast<std::size_t>(n);
  }
  ::close(fd);
  return std::string_view(buffer.data(), got);
}

// What a parsing thread hands to the writing thread: records of one kind, all counted into the
// same feed. Advisories arrive prepared (storage JSON and index keys computed), so the writer
// only talks to SQLite.
struct Chunk {
  enum class Kind { kAdvisory, kKev, kEpss };
  Kind kind = Kind::kAdvisory;
  std::string feed;  // the ImportReport::feeds entry whose counts the records go to
  std::vector<vulndb::PreparedAdvisory> advisories;
  std::vector<vulndb::KevRecord> kevs;
  std::vector<vulndb::EpssRecord> epss;
  std::size_t size() const { return advisories.size() + kevs.size() + epss.size(); }
};

// A run of consecutive input files parsed by one thread, and what came of it. The writer takes
// tasks strictly in order, so the database sees records in exactly the order a single thread
// would produce them (which decides "older"/"unchanged" between duplicates, row ids and the
// order of reported issues).
struct Task {
  std::vector<std::string> files;
  Status walk_error;  // the walk stopped here (a root that does not exist): the import fails
  // Filled by the parsing thread under Pipeline::mu_.
  std::deque<Chunk> chunks;
  bool done = false;
  Status status;  // why parsing stopped early (OK when it finished)
  // The task's share of the report, merged by the writer once the task is written.
  std::map<std::string, vuln::ImportStats> stats;
  std::size_t unrecognised_files = 0;
  std::vector<std::string> unrecognised;
};

// The parsing threads and the writer share this: tasks are claimed in order by the parsing
// threads and consumed in order by the writer. The calling thread adds the tasks while it walks
// the inputs (ListTasks), so parsing starts with the first root instead of after the whole walk.
// Memory stays bounded however large the input: the task the writer is on may hold
// kCurrentCapacity chunks, all later tasks together kAheadCapacity, and a parsing thread that
// would exceed that waits.
class Pipeline {
 public:
  static constexpr std::size_t kCurrentCapacity = 8;
  static constexpr std::size_t kAheadCapacity = 16;

  // Appends a task; false when the writer stopped (the walk may end).
  bool Add(Task&& task) {
    std::lock_guard lock(mu_);
    if (stopped_) return false;
    tasks_.push_back(std::move(task));  // a deque: claimed tasks keep their address
    cv_.notify_all();
    return true;
  }
  // No more tasks will be added.
  void EndOfTasks() {
    std::lock_guard lock(mu_);
    listed_ = true;
    cv_.notify_all();
  }
  // The next task for a parsing thread; null when none is left or the writer stopped.
  Task* Claim(std::size_t& index) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stopped_ || listed_ || next_ < tasks_.size(); });
    if (stopped_ || next_ >= tasks_.size()) return nullptr;
    index = next_++;
    return &tasks_[index];
  }
  // The writer: task `index` once it exists; null when the inputs hold no more tasks.
  Task* Get(std::size_t index) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return listed_ || index < tasks_.size(); });
    return index < tasks_.size() ? &tasks_[index] : nullptr;
  }
  // False when the writer stopped (the chunk is dropped).
  bool Push(std::size_t index, Chunk&& c) {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return stopped_ || HasRoom(index); });
    if (stopped_) return false;
    tasks_[index].chunks.push_back(std::move(c));
    ++buffered_;
    cv_.notify_all();
    return true;
  }
  void Finish(std::size_t index, Status status) {
    std::lock_guard lock(mu_);
    tasks_[index].done = true;
    tasks_[index].status = std::move(status);
    cv_.notify_all();
  }
  // The writer: waits for chunks of the task it is on (`current`) and takes them all; `done`
  // says the task has no more.
  void Take(std::size_t current, std::deque<Chunk>& out, bool& done) {
    std::unique_lock lock(mu_);
    current_ = current;
    cv_.notify_all();  // the new current task may now grow past the look-ahead budget
    Task& t = tasks_[current];
    cv_.wait(lock, [&] { return !t.chunks.empty() || t.done; });
    buffered_ -= t.chunks.size();
    out.swap(t.chunks);
    done = t.done;
    cv_.notify_all();
  }
  void Stop() {
    std::lock_guard lock(mu_);
    stopped_ = true;
    cv_.notify_all();
  }

 private:
  bool HasRoom(std::size_t index) const {
    if (index == current_) return tasks_[index].chunks.size() < kCurrentCapacity;
    return buffered_ - tasks_[current_].chunks.size() < kAheadCapacity;
  }

  std::deque<Task> tasks_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t next_ = 0;
  std::size_t current_ = 0;
  std::size_t buffered_ = 0;  // chunks queued in all tasks
  bool listed_ = false;
  bool stopped_ = false;
};

// Every regular file under `dir`, recursively (symbolic links to files count, links to
// directories are not followed). readdir's d_type answers for nearly every entry, so the walk
// costs no stat per file (std::filesystem's iterator took twice as long on the shared feeds).
Status WalkDirectory(const std::string& dir, std::vector<std::string>& out) {
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return Status::IoError(dir + ": " + std::strerror(errno));
  Status status;
  while (status.ok()) {
    errno = 0;
    const dirent* e = ::readdir(d);
    if (e == nullptr) {
      if (errno != 0) status = Status::IoError(dir + ": " + std::strerror(errno));
      break;
    }
    std::string_view name = e->d_name;
    if (name == "." || name == "..") continue;
    std::string path = dir;
    if (path.empty() || path.back() != '/') path += '/';
    path += name;
    unsigned char type = e->d_type;
    if (type == DT_UNKNOWN || type == DT_LNK) {
      struct stat st {};
      bool link = type == DT_LNK;
      if (::stat(path.c_str(), &st) != 0) continue;  // a dangling link is no file
      type = S_ISREG(st.st_mode) ? DT_REG : (S_ISDIR(st.st_mode) && !link ? DT_DIR : DT_UNKNOWN);
    }
    if (type == DT_DIR) {
      status = WalkDirectory(path, out);
    } else if (type == DT_REG) {
      out.push_back(std::move(path));
    }
  }
  ::closedir(d);
  return status;
}

// Lists every input file in import order (each root's files sorted) and hands them to the
// pipeline in tasks, one root at a time. A root that does not exist or cannot be walked ends the
// list with a task carrying the error (the import fails there, after writing what precedes it).
void ListTasks(const std::vector<std::string>& paths, Pipeline& pipeline) {
  constexpr std::size_t kFilesPerTask = 32;
  auto fail = [&](Status s) {
    Task t;
    t.walk_error = std::move(s);
    pipeline.Add(std::move(t));
  };
  for (const auto& root : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(root, ec)) {
      fail(Status::IoError(root + ": no such file or directory"));
      break;
    }
    std::vector<std::string> files;
    if (std::filesystem::is_directory(root, ec)) {
      Status s = WalkDirectory(root, files);
      if (!s.ok()) {
        fail(std::move(s));
        break;
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(root);
    }
    bool stopped = false;
    for (std::size_t i = 0; i < files.size() && !stopped; i += kFilesPerTask) {
      Task t;
      auto end = files.begin() + static_cast<std::ptrdiff_t>(std::min(files.size(), i + kFilesPerTask));
      t.files.assign(std::make_move_iterator(files.begin() + static_cast<std::ptrdiff_t>(i)),
                     std::make_move_iterator(end));
      stopped = !pipeline.Add(std::move(t));
    }
    if (stopped) break;
  }
  pipeline.EndOfTasks();
}

// Parses one task's files (sniff, parse, prepare) into chunks.
class TaskParser {
 public:
  static constexpr std::size_t kChunkRecords = 256;

  TaskParser(Pipeline& pipeline, std::size_t index, Task& task)
      : pipeline_(pipeline), index_(index), task_(task) {}

  Status Run() {
    Status status;
    for (const auto& f : task_.files) {
      status = ImportFile(f);
      if (!status.ok()) break;
    }
    // Records parsed before a failure still go to the writer, as a sequential import would
    // write them: the failure then rolls back only the writer's open batch.
    Status flushed = Flush();
    return status.ok() ? flushed : status;
  }

 private:
  // Starts a new chunk when the kind or the feed changes or the current one is full.
  Status Target(Chunk::Kind kind, const std::string& feed) {
    if (current_.size() > 0 &&
        (current_.kind != kind || current_.feed != feed || current_.size() >= kChunkRecords)) {
      SBOMHUB_RETURN_IF_ERROR(Flush());
    }
    current_.kind = kind;
    if (current_.feed != feed) current_.feed = feed;
    return Status::Ok();
  }
  Status Flush() {
    if (current_.size() == 0) return Status::Ok();
    // EPSS feeds list CVEs in descending or numeric order, which is random order for the
    // table's text key: b-tree inserts in key order touch one page after another instead of
    // splitting pages all over the tree. A stable sort keeps repeated CVEs in feed order, so
    // the later row still wins as it would unsorted.
    if (current_.kind == Chunk::Kind::kEpss) {
      std::stable_sort(current_.epss.begin(), current_.epss.end(),
                       [](const vulndb::EpssRecord& a, const vulndb::EpssRecord& b) { return a.cve < b.cve; });
    }
    if (!pipeline_.Push(index_, std::move(current_))) return Status::Unavailable("import stopped by the writer");
    current_ = Chunk();
    return Status::Ok();
  }

  Status AddAdvisory(vuln::Advisory&& a, const std::string& feed) {
    SBOMHUB_RETURN_IF_ERROR(Target(Chunk::Kind::kAdvisory, feed));
    current_.advisories.push_back(vulndb::PreparedAdvisory::From(a));
    return Status::Ok();
  }

  Status ImportKev(std::string_view bytes, Feed feed, const std::string& path, const std::string& name,
                   vuln::ImportStats& stats) {
    ++stats.files;
    auto catalog = feed == Feed::kKevJson ? vuln::ParseKevJson(bytes, path) : vuln::ParseKevCsv(bytes, path);
    if (!catalog.ok()) {
      stats.AddIssue(path, "", catalog.status().message());
      return Status::Ok();
    }
    for (auto& e : catalog->entries) {
      SBOMHUB_RETURN_IF_ERROR(Target(Chunk::Kind::kKev, name));
      current_.kevs.push_back({std::move(e.cve_id), std::move(e.date_added), std::move(e.due_date),
                               std::move(e.vendor_project), std::move(e.product), std::move(e.vulnerability_name),
                               std::string(vuln::KevRansomwareUseName(e.known_ransomware_campaign_use))});
      ++stats.records;
    }
    return Status::Ok();
  }

  Status ImportEpss(std::string_view text, const std::string& path, const std::string& name,
                    vuln::ImportStats& stats) {
    vuln::EpssReadStats es;
    Status push_status;
    // A stop cannot travel through the row callback's return value (that only rejects rows), so
    // it is kept and every later row is refused until the stream ends.
    Status s = vuln::StreamEpssText(text, path, [&](const vuln::EpssRow& row) -> std::string_view {
      if (push_status.ok()) push_status = Target(Chunk::Kind::kEpss, name);
      if (!push_status.ok()) return "import stopped";
      // The official feed's comment line (and so score_date) precedes its rows.
      current_.epss.push_back({std::string(row.cve), row.epss, row.percentile, es.score_date});
      return {};
    }, es);
    SBOMHUB_RETURN_IF_ERROR(push_status);
    stats.files += es.files;
    stats.records += es.accepted;
    for (const auto& p : es.problems) stats.AddIssue(path, "", p);
    // Rejected rows past the kept diagnostics are still counted.
    if (es.skipped > es.problems.size()) stats.skipped += es.skipped - es.problems.size();
    if (!s.ok()) stats.AddIssue(path, "", s.message());
    return Status::Ok();
  }

  Status ImportFile(const std::string& path) {
    thread_local std::string buffer;  // reused by every file this thread reads
    auto read = ReadFeedFile(path, buffer);
    if (!read.ok()) {
      // An unreadable file is reported like a malformed one: the rest of the import goes on.
      task_.stats["unreadable"].AddIssue(path, "", read.status().message());
      return Status::Ok();
    }
    std::string_view bytes = *read;
    std::string plain_bytes;
    if (StartsWith(bytes, "\x1f\x8b")) {  // gzip: NVD yearly feeds, the official EPSS feed
      auto plain = vuln::Decompress(bytes, path);
      if (!plain.ok()) {
        task_.stats["unreadable"].AddIssue(path, "", plain.status().message());
        return Status::Ok();
      }
      plain_bytes = std::move(plain).value();
      bytes = plain_bytes;
    }
    Feed feed = Sniff(path, bytes);
    if (feed == Feed::kUnknown) {
      ++task_.unrecognised_files;
      if (task_.unrecognised.size() < ImportReport::kMaxUnrecognisedKept) task_.unrecognised.push_back(path);
      return Status::Ok();
    }
    const std::string name(FeedSource(feed));
    vuln::ImportStats& stats = task_.stats[name];
    auto put = [&](vuln::Advisory&& a) { return AddAdvisory(std::move(a), name); };
    // The parsers count the file (or archive members) themselves.
    switch (feed) {
      case Feed::kOsvJson:
        return vuln::ParseOsvJson(bytes, path, put, stats);
      case Feed::kOsvYaml:
        return vuln::ParseOsvYaml(bytes, path, put, stats);
      case Feed::kOsvZip:
        return vuln::ParseOsvZip(bytes, path, put, stats);
      case Feed::kNvd:
        return vuln::ParseNvdJson(bytes, path, put, stats);
      case Feed::kCve5:
        return vuln::ParseCve5Json(bytes, path, put, stats);
      case Feed::kCsaf:
        return vuln::ParseCsafJson(bytes, path, put, stats);
      case Feed::kNpmLegacy:
        return vuln::ParseNpmLegacyJson(bytes, path, put, stats);
      case Feed::kKevJson:
      case Feed::kKevCsv:
        return ImportKev(bytes, feed, path, name, stats);
      case Feed::kEpss:
        return ImportEpss(bytes, path, name, stats);
      case Feed::kUnknown:
        break;
    }
    return Status::Ok();
  }

  Pipeline& pipeline_;
  std::size_t index_;
  Task& task_;
  Chunk current_;
};

// A parsing thread: claims tasks in order until none is left or the writer stops.
// Parsing threads step back for the writer. The writer is the import's critical path (it
// waits for parsed chunks only ~0.1 s of a 0.6 s import) and shares the cores with the parsers:
// at equal priority two parsers on two cores took a third of its core (fresh OSV + NVD + CVE5
// import, 18.8-19.5k -> 21.6-22.4k advisories/s). Best effort: without the permission (never
// needed to lower one's own priority) nothing changes.
void LowerThisThreadsPriority() {
  constexpr int kNiceSteps = 10;
  const auto tid = static_cast<id_t>(gettid());
  errno = 0;
  int now = getpriority(PRIO_PROCESS, tid);
  if (now == -1 && errno != 0) return;
  (void)setpriority(PRIO_PROCESS, tid, std::min(now + kNiceSteps, 19));
}

void ParseTasks(Pipeline& pipeline) {
  LowerThisThreadsPriority();
  std::size_t index = 0;
  while (Task* task = pipeline.Claim(index)) {
    Status status = task->walk_error;
    if (status.ok()) {
      try {
        status = TaskParser(pipeline, index, *task).Run();
      } catch (const std::exception& e) {  // allocation failure: end the import, never the process
        status = Status::Internal(std::string("import parsing thread: ") + e.what());
      }
    }
    pipeline.Finish(index, std::move(status));
  }
}

// Adds a written task's share of the report, in task order (so kept issues keep file order).
void MergeTaskReport(Task& task, ImportReport& report) {
  for (auto& [name, part] : task.stats) {
    vuln::ImportStats& into = report.feeds[name].stats;
    into.files += part.files;
    into.records += part.records;
    into.withdrawn += part.withdrawn;
    into.skipped += part.skipped;
    for (auto& issue : part.issues) {
      if (into.issues.size() >= vuln::ImportStats::kMaxIssuesKept) break;
      into.issues.push_back(std::move(issue));
    }
  }
  report.unrecognised_files += task.unrecognised_files;
  for (auto& path : task.unrecognised) {
    if (report.unrecognised.size() >= ImportReport::kMaxUnrecognisedKept) break;
    report.unrecognised.push_back(std::move(path));
  }
}

// The writing side (the caller's thread, which owns the database connection): a transaction per
// `batch_size` records.
class BatchWriter {
 public:
  BatchWriter(vulndb::VulnDb& db, std::size_t batch_size, const ProgressFn& progress)
      : db_(db), batch_size_(std::max<std::size_t>(batch_size, 1)), progress_(progress) {}

  Status Write(const Chunk& c, vulndb::PutCounts& counts) {
    for (std::size_t i = 0; i < c.size();) {
      if (!open_) {
        SBOMHUB_RETURN_IF_ERROR(db_.BeginBatch());
        open_ = true;
      }
      std::size_t written = 1;
      switch (c.kind) {
        case Chunk::Kind::kAdvisory:
          SBOMHUB_RETURN_IF_ERROR(db_.PutPrepared(c.advisories[i], counts));
          break;
        case Chunk::Kind::kKev:
          SBOMHUB_RETURN_IF_ERROR(db_.PutKev(c.kevs[i], counts));
          break;
        case Chunk::Kind::kEpss:
          // As many rows as fit in the open batch, in multi-row statements.
          written = std::min(c.size() - i, batch_size_ - in_batch_);
          SBOMHUB_RETURN_IF_ERROR(
              db_.PutEpssRows(std::span<const vulndb::EpssRecord>(c.epss).subspan(i, written), counts));
          break;
      }
      i += written;
      total_ += written;
      in_batch_ += written;
      if (in_batch_ < batch_size_) continue;
      in_batch_ = 0;
      open_ = false;
      SBOMHUB_RETURN_IF_ERROR(db_.CommitBatch());
      if (progress_) progress_(total_);
    }
    return Status::Ok();
  }
  // Records the import run of every feed in the report and commits: in the last batch, so the
  // end of an import costs one commit (each is several syncs on a new file), not two.
  Status Finish(const ImportReport& report) {
    if (!open_) {
      SBOMHUB_RETURN_IF_ERROR(db_.BeginBatch());
      open_ = true;
    }
    std::string now = NowRfc3339();
    for (const auto& [source, fr] : report.feeds) {
      if (source == "unreadable") continue;
      SBOMHUB_RETURN_IF_ERROR(db_.RecordImportRun(source, now, fr.stats.records));
    }
    open_ = false;
    return db_.CommitBatch();
  }
  void Abort() {
    if (open_) db_.RollbackBatch();
    open_ = false;
  }
  std::size_t total() const { return total_; }

 private:
  vulndb::VulnDb& db_;
  std::size_t batch_size_;
  const ProgressFn& progress_;
  bool open_ = false;
  std::size_t in_batch_ = 0;
  std::size_t total_ = 0;
};

}  // namespace

std::size_t ImportReport::TotalRecords() const {
  std::size_t n = 0;
  for (const auto& [_, f] : feeds) n += f.stats.records;
  return n;
}

std::size_t ImportReport::TotalSkipped() const {
  std::size_t n = 0;
  for (const auto& [_, f] : feeds) n += f.stats.skipped;
  return n;
}

namespace {

// Lists, parses and writes every input, then the import_run rows; on failure the open batch is
// rolled back, every committed one stays.
Status ParseAndWrite(vulndb::VulnDb& db, const std::vector<std::string>& paths, ImportReport& report,
                     const ProgressFn& progress, std::size_t batch_size) {
  // Parsing (simdjson, libyaml, serialization, index keys) runs on parsing threads while this one
  // lists the inputs and then writes to SQLite; files are parsed in parallel but written in their
  // listed order.
  Pipeline pipeline;
  unsigned threads = std::clamp(std::thread::hardware_concurrency(), 1u, 4u);
  std::vector<std::thread> parsers;
  Status status;
  try {
    for (unsigned i = 0; i < threads; ++i) parsers.emplace_back([&pipeline] { ParseTasks(pipeline); });
  } catch (const std::system_error& e) {
    status = Status::Internal(std::string("cannot start the import threads: ") + e.what());
  }
  try {
    if (status.ok()) ListTasks(paths, pipeline);
  } catch (const std::exception& e) {
    status = Status::Internal(std::string("listing the import's files: ") + e.what());
  }
  BatchWriter writer(db, batch_size, progress);
  // With no parsing thread at all nothing would ever fill a task.
  for (std::size_t t = 0; status.ok() && !parsers.empty(); ++t) {
    Task* task = pipeline.Get(t);
    if (task == nullptr) break;
    bool done = false;
    while (status.ok() && !done) {
      std::deque<Chunk> chunks;
      pipeline.Take(t, chunks, done);
      for (const Chunk& c : chunks) {
        status = writer.Write(c, report.feeds[c.feed].counts);
        if (!status.ok()) break;
      }
    }
    if (!status.ok()) break;
    MergeTaskReport(*task, report);
    status = task->status;
  }
  // Releases parsing threads blocked on a full pipeline when the writer stops early.
  pipeline.Stop();
  for (auto& p : parsers) p.join();
  if (!status.ok()) {
    writer.Abort();
    return status;
  }
  status = writer.Finish(report);
  if (!status.ok()) {
    writer.Abort();
    return status;
  }
  if (progress) progress(writer.total());
  return Status::Ok();
}

}  // namespace

Status ImportFeeds(vulndb::VulnDb& db, const std::vector<std::string>& paths, ImportReport& report,
                   const ProgressFn& progress, std::size_t batch_size) {
  auto start = std::chrono::steady_clock::now();
  // A new database file is filled with a rollback journal (VulnDb::BeginBulkLoad: each page
  // written once, synced as its batch commits). Otherwise WAL checkpoints run on a connection of
  // their own during the import, so their copies and syncs overlap the parsing.
  SBOMHUB_ASSIGN_OR_RETURN(bool bulk, db.BeginBulkLoad());
  std::unique_ptr<sqlite::BackgroundCheckpointer> checkpointer;
  if (!bulk) checkpointer = sqlite::BackgroundCheckpointer::Start(db.path(), std::chrono::milliseconds(50));
  Status status = ParseAndWrite(db, paths, report, progress, batch_size);
  // Back to WAL whether or not the import failed. Should another connection have opened the file
  // meanwhile, it stays in rollback mode, which is just as consistent, until the next read-write
  // open switches it: no reason to fail an import whose batches are committed.
  if (bulk) (void)db.EndBulkLoad();
  checkpointer.reset();
  SBOMHUB_RETURN_IF_ERROR(status);
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace sbomhub::app
