#include "app/vuln_import.h"

#include <chrono>
#include <ctime>
#include <filesystem>

#include "base/file.h"
#include "base/text.h"
#include "vuln/kev/kev.h"
#include "vuln/osv/osv.h"

namespace sbomhub::app {
namespace {

enum class Feed { kUnknown, kOsvJson, kOsvYaml, kOsvZip, kKevJson, kKevCsv };

std::string_view FeedSource(Feed f) {
  switch (f) {
    case Feed::kOsvJson:
    case Feed::kOsvYaml:
    case Feed::kOsvZip:
      return "osv";
    case Feed::kKevJson:
    case Feed::kKevCsv:
      return "kev";
    case Feed::kUnknown:
      break;
  }
  return "unknown";
}

// Recognises a feed from the file name's extension and the first few KB.
Feed Sniff(const std::string& path, std::string_view head) {
  std::string lower = AsciiLower(path);
  if (EndsWith(lower, ".zip")) return Feed::kOsvZip;
  if (EndsWith(lower, ".yaml") || EndsWith(lower, ".yml")) return Feed::kOsvYaml;
  auto has = [&](std::string_view needle) { return head.find(needle) != std::string_view::npos; };
  if (EndsWith(lower, ".csv")) {
    if (has("cveID,vendorProject")) return Feed::kKevCsv;
    return Feed::kUnknown;
  }
  if (!EndsWith(lower, ".json")) return Feed::kUnknown;
  if (has("\"catalogVersion\"") && has("\"vulnerabilities\"")) return Feed::kKevJson;
  if (has("\"schema_version\"") || (has("\"id\"") && (has("\"affected\"") || has("\"modified\"")) &&
                                    !has("\"CVE_Items\"") && !has("\"cveMetadata\"") && !has("\"csaf_version\""))) {
    return Feed::kOsvJson;
  }
  return Feed::kUnknown;
}

std::string NowRfc3339() {
  std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

// Batches writes: a transaction per `batch_size` records.
class BatchWriter {
 public:
  BatchWriter(vulndb::VulnDb& db, std::size_t batch_size, const ProgressFn& progress)
      : db_(db), batch_size_(batch_size), progress_(progress) {}

  Status Put(const vuln::Advisory& a, vulndb::PutCounts& counts) {
    SBOMHUB_RETURN_IF_ERROR(EnsureOpen());
    SBOMHUB_RETURN_IF_ERROR(db_.Put(a, counts));
    return Tick();
  }
  Status PutKev(const vulndb::KevRecord& k) {
    SBOMHUB_RETURN_IF_ERROR(EnsureOpen());
    SBOMHUB_RETURN_IF_ERROR(db_.PutKev(k));
    return Tick();
  }
  Status Finish() {
    if (!open_) return Status::Ok();
    open_ = false;
    return db_.CommitBatch();
  }
  void Abort() {
    if (open_) db_.RollbackBatch();
    open_ = false;
  }
  std::size_t total() const { return total_; }

 private:
  Status EnsureOpen() {
    if (open_) return Status::Ok();
    SBOMHUB_RETURN_IF_ERROR(db_.BeginBatch());
    open_ = true;
    return Status::Ok();
  }
  Status Tick() {
    ++total_;
    if (++in_batch_ < batch_size_) return Status::Ok();
    in_batch_ = 0;
    open_ = false;
    SBOMHUB_RETURN_IF_ERROR(db_.CommitBatch());
    if (progress_) progress_(total_);
    return Status::Ok();
  }

  vulndb::VulnDb& db_;
  std::size_t batch_size_;
  const ProgressFn& progress_;
  bool open_ = false;
  std::size_t in_batch_ = 0;
  std::size_t total_ = 0;
};

Status ImportFile(const std::string& path, BatchWriter& writer, ImportReport& report) {
  std::string head;
  {
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) return Status::IoError(path + ": cannot open");
    head.resize(8192);
    head.resize(std::fread(head.data(), 1, head.size(), f));
    std::fclose(f);
  }
  Feed feed = Sniff(path, head);
  if (feed == Feed::kUnknown) {
    ++report.unrecognised_files;
    if (report.unrecognised.size() < 20) report.unrecognised.push_back(path);
    return Status::Ok();
  }
  FeedReport& fr = report.feeds[std::string(FeedSource(feed))];
  auto put = [&](vuln::Advisory&& a) { return writer.Put(a, fr.counts); };
  switch (feed) {
    case Feed::kOsvJson:
    case Feed::kOsvYaml:
    case Feed::kOsvZip:
      return vuln::ImportOsv(path, put, fr.stats);
    case Feed::kKevJson:
    case Feed::kKevCsv: {
      auto catalog = vuln::ReadKev(path);
      ++fr.stats.files;
      if (!catalog.ok()) {
        fr.stats.AddIssue(path, "", catalog.status().message());
        ++fr.stats.skipped;
        return Status::Ok();
      }
      for (const auto& e : catalog->entries) {
        vulndb::KevRecord k{e.cve_id, e.date_added, e.due_date, e.vendor_project, e.product,
                            e.vulnerability_name, std::string(vuln::KevRansomwareUseName(e.known_ransomware_campaign_use))};
        SBOMHUB_RETURN_IF_ERROR(writer.PutKev(k));
        ++fr.stats.records;
        ++fr.counts.inserted;
      }
      return Status::Ok();
    }
    case Feed::kUnknown:
      break;
  }
  return Status::Ok();
}

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

Status ImportFeeds(vulndb::VulnDb& db, const std::vector<std::string>& paths, ImportReport& report,
                   const ProgressFn& progress, std::size_t batch_size) {
  auto start = std::chrono::steady_clock::now();
  BatchWriter writer(db, batch_size, progress);
  Status status;
  for (const auto& root : paths) {
    std::error_code ec;
    if (!std::filesystem::exists(root, ec)) {
      status = Status::IoError(root + ": no such file or directory");
      break;
    }
    std::vector<std::string> files;
    if (std::filesystem::is_directory(root, ec)) {
      for (auto it = std::filesystem::recursive_directory_iterator(root, ec);
           !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
      if (ec) {
        status = Status::IoError(root + ": " + ec.message());
        break;
      }
      std::sort(files.begin(), files.end());
    } else {
      files.push_back(root);
    }
    for (const auto& f : files) {
      status = ImportFile(f, writer, report);
      if (!status.ok()) break;
    }
    if (!status.ok()) break;
  }
  if (!status.ok()) {
    writer.Abort();
    return status;
  }
  SBOMHUB_RETURN_IF_ERROR(writer.Finish());
  std::string now = NowRfc3339();
  SBOMHUB_RETURN_IF_ERROR(db.BeginBatch());
  for (const auto& [source, fr] : report.feeds) {
    Status s = db.RecordImportRun(source, now, fr.stats.records);
    if (!s.ok()) {
      db.RollbackBatch();
      return s;
    }
  }
  SBOMHUB_RETURN_IF_ERROR(db.CommitBatch());
  if (progress) progress(writer.total());
  report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace sbomhub::app
