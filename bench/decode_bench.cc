// Decode + normalize throughput of sbomhub's codecs on real files.
//
//   sbomhub_bench_decode [--min-seconds S] FILE...   throughput table (best of runs, wall and CPU)
//   sbomhub_bench_decode --rss FILE                   decode the file path once, as the CLI does
//                                                     (DecodeSbomFile), print peak RSS and CPU
//   sbomhub_bench_decode --rss-in-memory FILE         the same for bytes already in memory, as an
//                                                     upload is decoded (ReadFile, then DecodeSbom)
//
// scripts/run-bench runs this beside the peers (python json.load, node JSON.parse, cdxrs) on the
// same files in the same run; see bench/README.md.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <vector>

#include "base/file.h"
#include "formats/registry.h"
#include "model/sbom.h"

namespace {

using Clock = std::chrono::steady_clock;

// CPU time of this thread (user + system, page faults included). On the shared, loaded
// development machine wall time mostly measures the other jobs; CPU time is what one core spends.
double ThreadCpuSeconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssKiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

// One decode in a fresh process: every page of the model is faulted in, and the peak (VmHWM)
// covers the whole process, the input included. `from_path`: the file path is decoded as the CLI
// does it (DecodeSbomFile, the file read or mapped inside the measurement); otherwise the file is
// read into memory first, as an uploaded body is decoded.
int RssMode(const std::string& path, bool from_path) {
  // From a path the file is not read here: that would set the peak before the decode starts.
  auto bytes = from_path ? sbomhub::Result<std::string>(std::string()) : sbomhub::ReadFile(path);
  if (!bytes.ok()) {
    std::fprintf(stderr, "%s\n", bytes.status().message().c_str());
    return 2;
  }
  std::error_code size_error;
  auto file_size = static_cast<std::size_t>(std::filesystem::file_size(path, size_error));
  if (size_error) {
    std::fprintf(stderr, "%s: %s\n", path.c_str(), size_error.message().c_str());
    return 2;
  }
  long before = PeakRssKiB();
  sbomhub::formats::DecodeOptions opts;
  opts.file_name = path;
  double c0 = ThreadCpuSeconds();
  auto decoded = from_path ? sbomhub::formats::DecodeSbomFile(path, sbomhub::kDefaultMaxInputBytes)
                           : sbomhub::formats::DecodeSbom(*bytes, opts);
  double cpu = ThreadCpuSeconds() - c0;
  if (!decoded.ok()) {
    std::fprintf(stderr, "%s\n", decoded.status().message().c_str());
    return 1;
  }
  long after = PeakRssKiB();
  double file_mib = static_cast<double>(file_size) / (1024.0 * 1024.0);
  std::printf("%s\t%s\tfile %.1f MiB\tpeak RSS %.1f MiB (%.2fx file)\tRSS before decode %.1f MiB\t"
              "decode CPU %.0f ms (%.0f MB/s)\n",
              path.c_str(), from_path ? "path" : "in-memory", file_mib, after / 1024.0,
              (after / 1024.0) / file_mib, before / 1024.0, cpu * 1e3,
              static_cast<double>(file_size) / 1e6 / cpu);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  double min_seconds = 2.0;
  std::vector<std::string> files;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--rss") == 0 && i + 1 < argc) return RssMode(argv[i + 1], true);
    if (std::strcmp(argv[i], "--rss-in-memory") == 0 && i + 1 < argc) {
      return RssMode(argv[i + 1], false);
    }
    if (std::strcmp(argv[i], "--min-seconds") == 0 && i + 1 < argc) {
      min_seconds = std::atof(argv[++i]);
      continue;
    }
    files.emplace_back(argv[i]);
  }
  if (files.empty()) {
    std::fprintf(stderr, "usage: sbomhub_bench_decode [--min-seconds S] FILE... | --rss FILE | "
                 "--rss-in-memory FILE\n");
    return 2;
  }
  std::printf("%-60s %8s %8s %5s %9s %7s %12s %9s %7s\n", "file", "MiB", "format", "runs",
              "best ms", "MB/s", "components/s", "best CPU", "CPU MB/s");
  for (const auto& path : files) {
    auto bytes = sbomhub::ReadFile(path);
    if (!bytes.ok()) {
      std::fprintf(stderr, "%s\n", bytes.status().message().c_str());
      continue;
    }
    sbomhub::formats::DecodeOptions opts;
    opts.file_name = path;
    std::vector<double> runs, cpu_runs;
    std::size_t components = 0;
    std::string format;
    auto start_all = Clock::now();
    while (runs.size() < 3 ||
           (std::chrono::duration<double>(Clock::now() - start_all).count() < min_seconds && runs.size() < 200)) {
      auto t0 = Clock::now();
      double c0 = ThreadCpuSeconds();
      auto decoded = sbomhub::formats::DecodeSbom(*bytes, opts);
      double c1 = ThreadCpuSeconds();
      auto t1 = Clock::now();
      if (!decoded.ok()) {
        std::fprintf(stderr, "%s\n", decoded.status().message().c_str());
        break;
      }
      components = sbomhub::model::CountComponents(decoded->sbom);
      format = std::string(sbomhub::model::SpecFamilyName(decoded->sbom.family)) + "-" +
               std::string(sbomhub::model::EncodingName(decoded->sbom.encoding));
      runs.push_back(std::chrono::duration<double>(t1 - t0).count());
      cpu_runs.push_back(c1 - c0);
    }
    if (runs.empty()) continue;
    std::sort(runs.begin(), runs.end());
    std::sort(cpu_runs.begin(), cpu_runs.end());
    double best = runs.front();
    double best_cpu = cpu_runs.front();
    double mb = static_cast<double>(bytes->size()) / 1e6;
    std::string shown = path.size() > 60 ? "…" + path.substr(path.size() - 59) : path;
    std::printf("%-60s %8.2f %8s %5zu %9.2f %7.0f %12.0f %9.2f %7.0f\n", shown.c_str(),
                static_cast<double>(bytes->size()) / (1024.0 * 1024.0), format.c_str(), runs.size(),
                best * 1e3, mb / best, static_cast<double>(components) / best, best_cpu * 1e3,
                mb / best_cpu);
  }
  return 0;
}
