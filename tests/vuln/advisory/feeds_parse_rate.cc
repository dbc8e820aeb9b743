// Parse-only import rate of the feed importers over the shared data (no storage): prints
// advisories/s per feed and overall. Usage: vuln_feeds_parse_rate [shared-data-dir] [repeats]
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

#include "vuln/csaf/csaf.h"
#include "vuln/cve5/cve5.h"
#include "vuln/nvd/nvd.h"
#include "vuln/osv/osv.h"

namespace {

using sbomhub::Status;
using sbomhub::vuln::Advisory;
using sbomhub::vuln::AdvisoryCallback;
using sbomhub::vuln::ImportStats;

struct Feed {
  const char* name;
  std::string path;
  std::function<Status(const std::string&, const AdvisoryCallback&, ImportStats&)> import;
};

}  // namespace

int main(int argc, char** argv) {
  std::string data = argc > 1 ? argv[1] : SBOMHUB_SHARED_DATA_DIR;
  int repeats = argc > 2 ? std::atoi(argv[2]) : 3;
  std::vector<Feed> feeds = {
      {"osv golang (json)", data + "/osv-golang-vulndb/osv", sbomhub::vuln::ImportOsv},
      {"osv rustsec (json)", data + "/osv-rustsec/crates", sbomhub::vuln::ImportOsv},
      {"osv pypa (yaml)", data + "/osv-pypa/vulns", sbomhub::vuln::ImportOsv},
      {"osv scalibr (json)", data + "/osv-tools-testdata", sbomhub::vuln::ImportOsv},
      {"nvd 1.1 + 2.0", data + "/nvd-json-samples", sbomhub::vuln::ImportNvd},
      {"cve5", data + "/cve5-cisa-vulnrichment", sbomhub::vuln::ImportCve5},
      {"csaf", data + "/csaf-vendor-samples", sbomhub::vuln::ImportCsaf},
  };
  double osv_nvd_seconds = 0, osv_nvd_json_seconds = 0, osv_nvd_cpu = 0, osv_nvd_json_cpu = 0;
  std::size_t osv_nvd_records = 0, osv_nvd_json_records = 0;
  for (const Feed& f : feeds) {
    double best = 1e30, best_cpu = 1e30;
    std::size_t records = 0;
    for (int i = 0; i < repeats; ++i) {
      ImportStats stats;
      std::size_t chars = 0;
      auto start = std::chrono::steady_clock::now();
      std::clock_t cpu_start = std::clock();
      Status s = f.import(
          f.path,
          [&](Advisory&& a) {
            chars += a.details.size();  // touch the record so nothing is optimised away
            return Status::Ok();
          },
          stats);
      double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      double cpu = static_cast<double>(std::clock() - cpu_start) / CLOCKS_PER_SEC;
      if (!s.ok()) {
        std::fprintf(stderr, "%s: %s\n", f.name, s.ToString().c_str());
        return 1;
      }
      best = std::min(best, secs);
      best_cpu = std::min(best_cpu, cpu);
      records = stats.records;
      if (chars == 0 && records > 0) std::fprintf(stderr, "%s: no details read\n", f.name);
    }
    // Wall time is what a user sees; CPU time is the figure that holds on a loaded machine.
    std::printf("%-20s %7zu advisories  wall %7.3f s %9.0f/s   cpu %7.3f s %9.0f/s\n", f.name, records, best,
                records / best, best_cpu, records / best_cpu);
    std::string name = f.name;
    if (name.rfind("osv", 0) == 0 || name.rfind("nvd", 0) == 0) {
      osv_nvd_seconds += best;
      osv_nvd_cpu += best_cpu;
      osv_nvd_records += records;
      if (name.find("yaml") == std::string::npos) {
        osv_nvd_json_seconds += best;
        osv_nvd_json_cpu += best_cpu;
        osv_nvd_json_records += records;
      }
    }
  }
  std::printf("%-20s %7zu advisories  wall %7.3f s %9.0f/s   cpu %7.3f s %9.0f/s\n", "OSV+NVD total", osv_nvd_records,
              osv_nvd_seconds, osv_nvd_records / osv_nvd_seconds, osv_nvd_cpu, osv_nvd_records / osv_nvd_cpu);
  std::printf("%-20s %7zu advisories  wall %7.3f s %9.0f/s   cpu %7.3f s %9.0f/s\n", "OSV+NVD JSON only",
              osv_nvd_json_records, osv_nvd_json_seconds, osv_nvd_json_records / osv_nvd_json_seconds, osv_nvd_json_cpu,
              osv_nvd_json_records / osv_nvd_json_cpu);
  return 0;
}
