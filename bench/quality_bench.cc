// Quality (all profiles) + license policy evaluation time per SBOM, printed beside the time to
// decode the same file (the baseline every command pays anyway).
//
//   sbomhub_bench_quality [--runs N] [--no-decode] FILE...
//
// What is timed: decode = formats::DecodeSbom on bytes already in memory; quality =
// quality::Assess with every profile; license = license::BuildLicenseReport under the default
// policy. Quality and license include building and freeing their reports, nothing else (the file
// is read and decoded once, outside the timed region). Each figure is the best of N runs (default
// 5), as wall time and as this thread's CPU time; on a loaded machine the CPU time is the steadier
// of the two. --no-decode skips the decode timing (for profiling the checks alone, e.g. under
// `valgrind --tool=callgrind`, where instruction counts are the stable measure).
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "base/file.h"
#include "formats/registry.h"
#include "license/policy.h"
#include "license/report.h"
#include "quality/quality.h"

namespace {

using Clock = std::chrono::steady_clock;

double ThreadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

struct Timing {
  double wall_ms = 1e300;
  double cpu_ms = 1e300;
};

template <typename Fn>
Timing Best(Fn&& fn, int runs) {
  Timing best;
  for (int i = 0; i < runs; ++i) {
    const double c0 = ThreadCpuMs();
    const auto t0 = Clock::now();
    fn();
    best.wall_ms = std::min(best.wall_ms, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
    best.cpu_ms = std::min(best.cpu_ms, ThreadCpuMs() - c0);
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sbomhub;
  int runs = 5;
  bool decode_baseline = true;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--runs" && i + 1 < argc) {
      runs = std::max(1, std::atoi(argv[++i]));
    } else if (arg == "--no-decode") {
      decode_baseline = false;
    } else if (arg.rfind("--", 0) == 0) {
      std::fprintf(stderr, "usage: sbomhub_bench_quality [--runs N] [--no-decode] FILE...\n");
      return 2;
    } else {
      paths.push_back(arg);
    }
  }
  std::printf("best of %d runs; wall ms (thread CPU ms)\n", runs);
  std::printf("%-52s %6s %16s %16s %16s %16s\n", "file", "comps", "decode", "quality", "license", "q+l");
  auto profiles = quality::ParseProfiles("all");
  if (!profiles.ok()) return 2;
  license::Policy policy = license::Policy::Default();
  for (const std::string& path : paths) {
    auto bytes = ReadFile(path);
    if (!bytes.ok()) {
      std::fprintf(stderr, "%s\n", bytes.status().message().c_str());
      continue;
    }
    formats::DecodeOptions opts;
    opts.file_name = path;
    auto decoded = formats::DecodeSbom(*bytes, opts);
    if (!decoded.ok()) {
      std::fprintf(stderr, "%s\n", decoded.status().message().c_str());
      continue;
    }
    const model::Sbom& sbom = decoded->sbom;
    std::size_t checksum = 0;
    Timing decode;
    if (decode_baseline) decode = Best([&] { checksum += formats::DecodeSbom(*bytes, opts).ok(); }, runs);
    const Timing q = Best([&] { checksum += quality::Assess(sbom, *profiles).profiles.size(); }, runs);
    const Timing l = Best([&] { checksum += license::BuildLicenseReport(sbom, policy).components.size(); }, runs);
    auto cell = [](const Timing& t) {
      char buf[40];
      if (t.wall_ms > 1e299) return std::string("-");
      std::snprintf(buf, sizeof buf, "%.2f (%.2f)", t.wall_ms, t.cpu_ms);
      return std::string(buf);
    };
    const Timing ql{q.wall_ms + l.wall_ms, q.cpu_ms + l.cpu_ms};
    std::string shown = path.size() > 52 ? "…" + path.substr(path.size() - 51) : path;
    std::printf("%-52s %6zu %16s %16s %16s %16s\n", shown.c_str(), model::CountComponents(sbom), cell(decode).c_str(),
                cell(q).c_str(), cell(l).c_str(), cell(ql).c_str());
    if (checksum == 0) std::fprintf(stderr, "(nothing evaluated)\n");
  }
  return 0;
}
