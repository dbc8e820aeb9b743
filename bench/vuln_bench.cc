// Vulnerability database benchmark (scripts/run-bench-vuln runs it beside its peers).
//
//   sbomhub_bench_vuln import DB PATH...   fresh DB: import rate, then a re-import (all unchanged)
//   sbomhub_bench_vuln scan DB SBOM        one SBOM in this new process: decode, cold scan (first
//                                          in the process), warm scan (second), peak RSS
//   sbomhub_bench_vuln scan-snapshot DB SBOM   the same, each scan inside a VulnDb::ReadSnapshot
//
// Figures are wall-clock on whatever machine runs it; they are printed, never asserted.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/db_advisory_source.h"
#include "app/vuln_import.h"
#include "formats/registry.h"
#include "match/match.h"
#include "vulndb/vuln_db.h"

namespace {

using namespace sbomhub;
using Clock = std::chrono::steady_clock;

double Ms(Clock::time_point a, Clock::time_point b) { return std::chrono::duration<double, std::milli>(b - a).count(); }

double PeakRssMiB() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux reports KiB
}

// User + system CPU seconds of the whole process (all import threads), or of the calling thread
// only (the writer: ImportFeeds writes on the caller's thread, the parsing threads are its own).
double CpuSeconds(int who = RUSAGE_SELF) {
  rusage ru{};
  getrusage(who, &ru);
  return static_cast<double>(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) +
         static_cast<double>(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e6;
}

struct Totals {
  std::size_t records = 0, inserted = 0, updated = 0, unchanged = 0, older = 0, skipped = 0;
};

Totals Sum(const app::ImportReport& r) {
  Totals t;
  for (const auto& [name, f] : r.feeds) {
    if (name == "kev" || name == "epss") continue;  // advisories only: those are score tables
    t.records += f.stats.records;
    t.inserted += f.counts.inserted;
    t.updated += f.counts.updated;
    t.unchanged += f.counts.unchanged;
    t.older += f.counts.older;
    t.skipped += f.stats.skipped;
  }
  return t;
}

int RunImport(const std::string& db_path, const std::vector<std::string>& paths) {
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db_path + suffix, ec);
  for (int pass = 0; pass < 2; ++pass) {
    auto t0 = Clock::now();
    double cpu0 = CpuSeconds();
    double writer0 = CpuSeconds(RUSAGE_THREAD);
    auto db = vulndb::VulnDb::Open(db_path);
    if (!db.ok()) {
      std::fprintf(stderr, "open: %s\n", db.status().message().c_str());
      return 1;
    }
    app::ImportReport report;
    Status s = app::ImportFeeds(**db, paths, report);
    db->reset();  // closing checkpoints the WAL: part of the cost
    auto t1 = Clock::now();
    double cpu = CpuSeconds() - cpu0;
    double writer_cpu = CpuSeconds(RUSAGE_THREAD) - writer0;
    if (!s.ok()) {
      std::fprintf(stderr, "import: %s\n", s.message().c_str());
      return 1;
    }
    Totals t = Sum(report);
    double sec = Ms(t0, t1) / 1000.0;
    // On a shared machine wall time depends on the load; CPU seconds (both threads) do not.
    std::printf("%-9s %7zu advisories in %6.2f s wall = %8.0f/s; %6.2f CPU-s = %8.0f/CPU-s  (new %zu, updated %zu, "
                "unchanged %zu, older %zu, skipped %zu, unrecognised files %zu)\n",
                pass == 0 ? "import" : "re-import", t.records, sec, sec > 0 ? t.records / sec : 0.0, cpu,
                cpu > 0 ? t.records / cpu : 0.0, t.inserted, t.updated, t.unchanged, t.older, t.skipped,
                report.unrecognised_files);
    // The wall time an idle machine would need is at least max(writer, all / cores): the writer
    // runs on one thread, parsing spreads over the others.
    std::printf("    CPU-s: writer thread %.2f, parsing threads %.2f\n", writer_cpu, cpu - writer_cpu);
    for (const auto& [name, f] : report.feeds) {
      std::printf("    %-10s files %6zu records %7zu withdrawn %5zu skipped %4zu\n", name.c_str(), f.stats.files,
                  f.stats.records, f.stats.withdrawn, f.stats.skipped);
    }
  }
  std::printf("peak RSS %.1f MiB\n", PeakRssMiB());
  return 0;
}

int RunScan(const std::string& db_path, const std::string& sbom_path, bool snapshot) {
  auto t0 = Clock::now();
  auto decoded = formats::DecodeSbomFile(sbom_path, std::uint64_t{1} << 30);
  auto t1 = Clock::now();
  if (!decoded.ok()) {
    std::fprintf(stderr, "%s: %s\n", sbom_path.c_str(), decoded.status().message().c_str());
    return 1;
  }
  auto db = vulndb::VulnDb::Open(db_path, sqlite::Database::Mode::kReadOnly);
  if (!db.ok()) {
    std::fprintf(stderr, "open: %s\n", db.status().message().c_str());
    return 1;
  }
  app::DbAdvisorySource source(**db);
  auto scan = [&] {
    std::optional<vulndb::VulnDb::ReadSnapshot> read;
    if (snapshot) read.emplace(**db);
    return match::Scan(decoded->sbom, source, {});
  };
  auto t2 = Clock::now();
  auto cold = scan();
  auto t3 = Clock::now();
  auto warm = scan();
  auto t4 = Clock::now();
  if (!cold.ok() || !warm.ok()) {
    std::fprintf(stderr, "scan: %s\n", (cold.ok() ? warm.status() : cold.status()).message().c_str());
    return 1;
  }
  std::printf("%-8s %-40s %6zu components %6zu findings  decode %7.1f ms  scan cold %7.1f ms  warm %7.1f ms  "
              "peak RSS %6.1f MiB\n",
              snapshot ? "snapshot" : "plain", std::filesystem::path(sbom_path).filename().string().c_str(),
              cold->stats.components,
              cold->findings.size(), Ms(t0, t1), Ms(t2, t3), Ms(t3, t4), PeakRssMiB());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 4 && std::strcmp(argv[1], "import") == 0) {
    return RunImport(argv[2], std::vector<std::string>(argv + 3, argv + argc));
  }
  if (argc == 4 && std::strcmp(argv[1], "scan") == 0) return RunScan(argv[2], argv[3], false);
  if (argc == 4 && std::strcmp(argv[1], "scan-snapshot") == 0) return RunScan(argv[2], argv[3], true);
  std::fprintf(stderr, "usage: sbomhub_bench_vuln import DB PATH... | scan DB SBOM | scan-snapshot DB SBOM\n");
  return 2;
}
