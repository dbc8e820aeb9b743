// Quality (all profiles) + license policy evaluation time per SBOM, printed beside the time to
// decode the same file (the baseline every command pays anyway).
//
//   sbomhub_bench_quality FILE...
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <vector>

#include "base/file.h"
#include "formats/registry.h"
#include "license/policy.h"
#include "license/report.h"
#include "quality/quality.h"

namespace {

using Clock = std::chrono::steady_clock;

template <typename Fn>
double BestMs(Fn&& fn, int runs) {
  double best = 1e300;
  for (int i = 0; i < runs; ++i) {
    auto t0 = Clock::now();
    fn();
    best = std::min(best, std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  return best;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sbomhub;
  std::printf("%-60s %10s %10s %10s %10s %10s\n", "file", "components", "decode ms", "quality ms", "license ms",
              "q+l ms");
  auto profiles = quality::ParseProfiles("all");
  if (!profiles.ok()) return 2;
  license::Policy policy = license::Policy::Default();
  for (int i = 1; i < argc; ++i) {
    std::string path = argv[i];
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
    double decode = BestMs([&] { checksum += formats::DecodeSbom(*bytes, opts).ok(); }, 5);
    double q = BestMs([&] { checksum += quality::Assess(sbom, *profiles).profiles.size(); }, 5);
    double l = BestMs([&] { checksum += license::BuildLicenseReport(sbom, policy).components.size(); }, 5);
    std::string shown = path.size() > 60 ? "…" + path.substr(path.size() - 59) : path;
    std::printf("%-60s %10zu %10.2f %10.2f %10.2f %10.2f\n", shown.c_str(), model::CountComponents(sbom), decode, q,
                l, q + l);
    if (checksum == 0) std::fprintf(stderr, "(nothing evaluated)\n");
  }
  return 0;
}
