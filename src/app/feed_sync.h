// `sbomhub db sync`: download the official feeds over HTTPS, then import them like files.
// Where no network exists the first connection fails fast with a message that says how
// air-gapped sites proceed (download elsewhere, `sbomhub db import`).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/vuln_import.h"

namespace sbomhub::app {

struct FeedUrl {
  std::string host;  // "example.org" (HTTPS, port 443)
  std::string path;  // "/feed.json"
  std::string file;  // where to store it under download_dir
};

struct SyncOptions {
  std::string download_dir;
  // OSV per-ecosystem exports; empty = a default list of common ecosystems.
  std::vector<std::string> osv_ecosystems;
  int connect_timeout_seconds = 10;
};

// The download list for `options` (exposed for tests and for `--dry-run`-style listings).
std::vector<FeedUrl> SyncPlan(const SyncOptions& options);

// Downloads every feed in SyncPlan into options.download_dir and imports them into `db`.
// kUnavailable when the network cannot be reached.
Status SyncFeeds(vulndb::VulnDb& db, const SyncOptions& options, ImportReport& report,
                 const std::function<void(const std::string&)>& log);

}  // namespace sbomhub::app
