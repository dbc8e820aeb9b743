// sbomhub db import|status|sync and sbomhub scan: the vulnerability database and matching.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/db_advisory_source.h"
#include "app/feed_sync.h"
#include "app/scan_report.h"
#include "app/vuln_import.h"
#include "base/json_writer.h"
#include "cli/command.h"
#include "cli/sbom_input.h"

namespace sbomhub::cli {
namespace {

std::string DbPath(const Context& ctx) {
  if (!ctx.db_path.empty()) return ctx.db_path;
  return ctx.ResolvedDataDir() + "/vuln.db";
}

Result<std::unique_ptr<vulndb::VulnDb>> OpenDb(const Context& ctx, bool create) {
  std::string path = DbPath(ctx);
  std::error_code ec;
  if (!create && !std::filesystem::exists(path, ec)) {
    return Status::NotFound(path + ": no vulnerability database yet (run `sbomhub db import FILE...` first)");
  }
  if (create) {
    auto parent = std::filesystem::path(path).parent_path();
    if (!parent.empty()) std::filesystem::create_directories(parent, ec);
    if (ec) return Status::IoError(parent.string() + ": " + ec.message());
  }
  return vulndb::VulnDb::Open(path, create ? sqlite::Database::Mode::kReadWrite : sqlite::Database::Mode::kReadOnly);
}

void PrintImportReport(const app::ImportReport& report, bool json) {
  if (json) {
    JsonWriter w;
    w.BeginObject().Field("seconds", report.seconds).Key("feeds").BeginObject();
    for (const auto& [name, f] : report.feeds) {
      w.Key(name).BeginObject();
      w.Field("files", static_cast<std::uint64_t>(f.stats.files));
      w.Field("records", static_cast<std::uint64_t>(f.stats.records));
      w.Field("withdrawn", static_cast<std::uint64_t>(f.stats.withdrawn));
      w.Field("skipped", static_cast<std::uint64_t>(f.stats.skipped));
      w.Field("inserted", static_cast<std::uint64_t>(f.counts.inserted));
      w.Field("updated", static_cast<std::uint64_t>(f.counts.updated));
      w.Field("unchanged", static_cast<std::uint64_t>(f.counts.unchanged));
      w.Field("older", static_cast<std::uint64_t>(f.counts.older));
      w.Key("issues").BeginArray();
      for (const auto& i : f.stats.issues) w.String(i.ToString());
      w.EndArray().EndObject();
    }
    w.EndObject();
    w.Field("unrecognisedFiles", static_cast<std::uint64_t>(report.unrecognised_files));
    w.EndObject();
    std::cout << w.Take();
    return;
  }
  for (const auto& [name, f] : report.feeds) {
    std::printf("%-6s %8zu records from %zu files: %zu new, %zu updated, %zu unchanged, %zu older than stored, "
                "%zu withdrawn, %zu skipped\n",
                name.c_str(), f.stats.records, f.stats.files, f.counts.inserted, f.counts.updated,
                f.counts.unchanged, f.counts.older, f.stats.withdrawn, f.stats.skipped);
    for (std::size_t i = 0; i < f.stats.issues.size() && i < 20; ++i) {
      std::fprintf(stderr, "  skipped: %s\n", f.stats.issues[i].ToString().c_str());
    }
    if (f.stats.issues.size() > 20) std::fprintf(stderr, "  ... %zu more (use --json)\n", f.stats.issues.size() - 20);
  }
  for (const auto& u : report.unrecognised) std::fprintf(stderr, "  not a recognised feed file: %s\n", u.c_str());
  if (report.unrecognised_files > report.unrecognised.size()) {
    std::fprintf(stderr, "  ... %zu more unrecognised files\n", report.unrecognised_files - report.unrecognised.size());
  }
  double rate = report.seconds > 0 ? static_cast<double>(report.TotalRecords()) / report.seconds : 0;
  std::printf("%zu records in %.2f s (%.0f records/s)\n", report.TotalRecords(), report.seconds, rate);
}

struct ImportOptions {
  std::vector<std::string> paths;
  bool json = false;
};

int RunImport(Context& ctx, const ImportOptions& opts) {
  auto db = OpenDb(ctx, true);
  if (!db.ok()) return Fail(ctx, db.status());
  app::ImportReport report;
  bool tty = isatty(STDERR_FILENO) && !opts.json;
  auto start = std::chrono::steady_clock::now();
  app::ProgressFn progress = [&](std::size_t n) {
    if (!tty) return;
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    std::fprintf(stderr, "\r  %zu records stored (%.0f/s)   ", n, s > 0 ? n / s : 0.0);
  };
  Status s = app::ImportFeeds(**db, opts.paths, report, progress);
  if (tty) std::fprintf(stderr, "\n");
  if (!s.ok()) return Fail(ctx, s);
  PrintImportReport(report, opts.json);
  ctx.exit_code = 0;
  return 0;
}

int RunStatus(Context& ctx, bool json) {
  auto db = OpenDb(ctx, false);
  if (!db.ok()) return Fail(ctx, db.status());
  auto summary = (*db)->Summary();
  if (!summary.ok()) return Fail(ctx, summary.status());
  if (json) {
    JsonWriter w;
    w.BeginObject().Field("database", DbPath(ctx)).Key("sources").BeginArray();
    for (const auto& s : *summary) {
      w.BeginObject().Field("source", s.source).Field("records", static_cast<std::uint64_t>(s.records))
          .Field("withdrawn", static_cast<std::uint64_t>(s.withdrawn)).Field("newestModified", s.newest_modified)
          .EndObject();
    }
    w.EndArray().EndObject();
    std::cout << w.Take();
  } else {
    std::printf("database: %s\n", DbPath(ctx).c_str());
    std::printf("%-8s %10s %10s  %s\n", "SOURCE", "RECORDS", "WITHDRAWN", "NEWEST");
    for (const auto& s : *summary) {
      std::printf("%-8s %10zu %10zu  %s\n", s.source.c_str(), s.records, s.withdrawn, s.newest_modified.c_str());
    }
    if (summary->empty()) std::printf("(empty: run `sbomhub db import FILE...`)\n");
  }
  ctx.exit_code = 0;
  return 0;
}

int RunSync(Context& ctx, const std::vector<std::string>& ecosystems) {
  auto db = OpenDb(ctx, true);
  if (!db.ok()) return Fail(ctx, db.status());
  std::string feeds_dir = ctx.ResolvedDataDir() + "/feeds";
  app::SyncOptions options;
  options.download_dir = feeds_dir;
  options.osv_ecosystems = ecosystems;
  app::ImportReport report;
  Status s = app::SyncFeeds(**db, options, report, [](const std::string& line) {
    std::fprintf(stderr, "%s\n", line.c_str());
  });
  if (!s.ok()) return Fail(ctx, s);
  PrintImportReport(report, false);
  ctx.exit_code = 0;
  return 0;
}

struct ScanOptions {
  std::string file;
  std::string format = "table";
  std::string fail_on;
  std::string output = "-";
  bool no_name_matching = false;
  double min_confidence = 0.75;
};

int RunScan(Context& ctx, const ScanOptions& opts) {
  int threshold = -1;
  if (!opts.fail_on.empty()) {
    threshold = app::SeverityThreshold(opts.fail_on);
    if (threshold < 0) {
      return Fail(ctx, Status::InvalidArgument("--fail-on: unknown severity '" + opts.fail_on +
                                                   "' (none, low, medium, high, critical)"));
    }
  }
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());
  auto db = OpenDb(ctx, false);
  if (!db.ok()) return Fail(ctx, db.status());
  // One consistent read view for the whole scan; repeated lookups are served from its cache.
  vulndb::VulnDb::ReadSnapshot snapshot(**db);
  if (!snapshot.status().ok()) return Fail(ctx, snapshot.status());
  app::DbAdvisorySource source(**db);
  match::ScanOptions mopts;
  mopts.name_matching = !opts.no_name_matching;
  mopts.min_name_confidence = opts.min_confidence;
  auto result = match::Scan(decoded->sbom, source, mopts);
  if (!result.ok()) return Fail(ctx, result.status());

  app::ScanReportInput in{opts.file, &decoded->sbom, &*result};
  std::string out;
  if (opts.format == "json") out = app::RenderScanJson(in);
  else if (opts.format == "sarif") out = app::RenderScanSarif(in);
  else if (opts.format == "cyclonedx-vex") out = app::RenderScanCycloneDxVex(in);
  else out = app::RenderScanTable(in);
  Status w = WriteFile(opts.output, out);
  if (!w.ok()) return Fail(ctx, w);

  ctx.exit_code = 0;
  if (threshold >= 0) {
    for (const auto& f : result->findings) {
      if (app::FindingSeverityRank(f) >= threshold && !f.match.needs_verification) ctx.exit_code = 1;
    }
  }
  return ctx.exit_code;
}

}  // namespace

void RegisterDbCommand(CLI::App& app, Context& ctx) {
  auto* db = app.add_subcommand("db", "Manage the local vulnerability database (OSV, NVD, CVE 5, CSAF, KEV, EPSS)");
  db->require_subcommand(1);

  auto import_opts = std::make_shared<ImportOptions>();
  auto* imp = db->add_subcommand(
      "import", "Import feed files, directories or zips; the feed is recognised from each file's content.\n"
                "Re-importing is incremental: unchanged records are not rewritten.");
  imp->add_option("paths", import_opts->paths, "Files, directories or .zip archives")->required();
  imp->add_flag("--json", import_opts->json, "Print the import report as JSON");
  imp->callback([&ctx, import_opts] { RunImport(ctx, *import_opts); });

  auto json = std::make_shared<bool>(false);
  auto* status = db->add_subcommand("status", "Sources, record counts and newest modification per source");
  status->add_flag("--json", *json, "Print as JSON");
  status->callback([&ctx, json] { RunStatus(ctx, *json); });

  auto ecosystems = std::make_shared<std::vector<std::string>>();
  auto* sync = db->add_subcommand(
      "sync", "Download the official feeds over HTTPS and import them (needs a network; air-gapped sites use import)");
  sync->add_option("--osv-ecosystem", *ecosystems, "OSV ecosystems to download (default: the common ones)");
  sync->callback([&ctx, ecosystems] { RunSync(ctx, *ecosystems); });
}

void RegisterScanCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ScanOptions>();
  auto* cmd = app.add_subcommand(
      "scan", "Match an SBOM's components against the vulnerability database.\n"
              "Exit 0, or 1 when --fail-on is given and an exact match at or above it is found.");
  cmd->add_option("sbom", opts->file, "SBOM file")->required();
  cmd->add_option("--format", opts->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "sarif", "cyclonedx-vex"}));
  cmd->add_option("--fail-on", opts->fail_on, "Exit 1 when a finding has this severity or higher (low|medium|high|critical)");
  cmd->add_option("-o,--output", opts->output, "Output file (default: standard output)");
  cmd->add_flag("--no-name-matching", opts->no_name_matching,
                "Do not match components that have neither purl nor CPE by name");
  cmd->add_option("--min-confidence", opts->min_confidence, "Lowest confidence for name matches (0..1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([&ctx, opts] { RunScan(ctx, *opts); });
}

}  // namespace sbomhub::cli
