#include "app/feed_sync.h"

#include <httplib.h>

#include <filesystem>
#include <fstream>


namespace sbomhub::app {
namespace {

constexpr const char* kDefaultOsvEcosystems[] = {"npm", "PyPI", "Go", "crates.io", "Maven", "RubyGems",
                                                 "Packagist", "NuGet", "Debian", "Alpine", "Ubuntu"};

Status Download(const FeedUrl& url, const std::string& dest, int timeout_seconds,
                const std::function<void(const std::string&)>& log) {
  httplib::SSLClient client(url.host, 443);
  client.set_connection_timeout(timeout_seconds, 0);
  client.set_read_timeout(300, 0);
  client.set_follow_location(true);
  client.enable_server_certificate_verification(true);
  std::string tmp = dest + ".part";
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) return Status::IoError(tmp + ": cannot create");
  log("downloading https://" + url.host + url.path);
  auto res = client.Get(url.path.c_str(), [&](const char* data, std::size_t n) {
    out.write(data, static_cast<std::streamsize>(n));
    return static_cast<bool>(out);
  });
  out.close();
  if (!res) {
    std::filesystem::remove(tmp);
    return Status::Unavailable("cannot reach " + url.host + " (" + httplib::to_string(res.error()) +
                               "): no network here? On air-gapped networks download the feed files "
                               "elsewhere and load them with `sbomhub db import PATH...`");
  }
  if (res->status != 200) {
    std::filesystem::remove(tmp);
    return Status::Unavailable("https://" + url.host + url.path + " answered HTTP " + std::to_string(res->status));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, dest, ec);
  if (ec) return Status::IoError(dest + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

std::vector<FeedUrl> SyncPlan(const SyncOptions& options) {
  std::vector<FeedUrl> plan;
  std::vector<std::string> ecosystems = options.osv_ecosystems;
  if (ecosystems.empty()) ecosystems.assign(std::begin(kDefaultOsvEcosystems), std::end(kDefaultOsvEcosystems));
  for (const auto& e : ecosystems) {
    std::string file = "osv-" + e + ".zip";
    for (char& c : file) {
      if (c == ' ' || c == '/' || c == ':') c = '_';
    }
    plan.push_back({"osv-vulnerabilities.storage.googleapis.com", "/" + e + "/all.zip", file});
  }
  plan.push_back({"www.cisa.gov", "/sites/default/files/feeds/known_exploited_vulnerabilities.json", "kev.json"});
  plan.push_back({"epss.cyentia.com", "/epss_scores-current.csv.gz", "epss.csv.gz"});
  return plan;
}

Status SyncFeeds(vulndb::VulnDb& db, const SyncOptions& options, ImportReport& report,
                 const std::function<void(const std::string&)>& log) {
  std::error_code ec;
  std::filesystem::create_directories(options.download_dir, ec);
  if (ec) return Status::IoError(options.download_dir + ": " + ec.message());
  std::vector<std::string> files;
  for (const auto& url : SyncPlan(options)) {
    std::string dest = options.download_dir + "/" + url.file;
    SBOMHUB_RETURN_IF_ERROR(Download(url, dest, options.connect_timeout_seconds, log));
    files.push_back(dest);  // ImportFeeds reads .gz files (EPSS is published compressed) itself
  }
  return ImportFeeds(db, files, report);
}

}  // namespace sbomhub::app
