// sbomhub serve: the REST API and web UI over the portfolio store, plus the analysis worker.
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>

#include "api/server.h"
#include "base/text.h"
#include "cli/command.h"
#include "store/store.h"

namespace sbomhub::cli {

std::string PortfolioLocation(const Context& ctx, const std::string& store_url) {
  if (!store_url.empty()) return store_url;
  return ctx.ResolvedDataDir() + "/portfolio.db";
}

Result<std::unique_ptr<store::Store>> OpenPortfolio(const Context& ctx, const std::string& store_url) {
  std::string location = PortfolioLocation(ctx, store_url);
  if (store_url.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(ctx.ResolvedDataDir(), ec);
    if (ec) return Status::IoError(ctx.ResolvedDataDir() + ": " + ec.message());
  }
  auto s = store::OpenStore(location);
  if (!s.ok()) return s.status().WithContext(StartsWith(location, "postgres") ? "portfolio store" : location);
  return s;
}

std::string CliActor() {
  const char* user = std::getenv("USER");
  return std::string("cli:") + (user != nullptr && *user != '\0' ? user : "unknown");
}

namespace {

struct ServeOptions {
  std::string store_url;
  std::string listen = "127.0.0.1:8080";
  std::string web_dir;
  std::string public_url;
  std::uint64_t max_upload = 1ull << 30;
  int threads = 16;
  int request_timeout = 60;
  bool secure_cookies = false;
  bool no_worker = false;
};

Status ParseListen(const std::string& listen, std::string& host, int& port) {
  auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    return Status::InvalidArgument("--listen must be HOST:PORT (e.g. 127.0.0.1:8080), got '" + listen + "'");
  }
  host = listen.substr(0, colon);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  std::string p = listen.substr(colon + 1);
  auto [ptr, ec] = std::from_chars(p.data(), p.data() + p.size(), port);
  if (ec != std::errc() || ptr != p.data() + p.size() || port < 0 || port > 65535) {
    return Status::InvalidArgument("--listen: bad port '" + p + "'");
  }
  return Status::Ok();
}

// web/dist next to the binary's source tree (build dirs live in the repository), else ./web/dist.
std::string DefaultWebDir() {
  if (const char* env = std::getenv("SBOMHUB_WEB_DIR"); env != nullptr && *env != '\0') return env;
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
      if (std::filesystem::is_regular_file(dir / "web" / "dist" / "index.html", ec)) return (dir / "web" / "dist").string();
    }
  }
  return "web/dist";
}

int RunServe(Context& ctx, const ServeOptions& opts) {
  api::ServerOptions so;
  Status s = ParseListen(opts.listen, so.host, so.port);
  if (!s.ok()) return Fail(ctx, s);
  std::string location = PortfolioLocation(ctx, opts.store_url);
  // The first connection creates the data directory and migrates; the pool opens the rest.
  auto first = OpenPortfolio(ctx, opts.store_url);
  if (!first.ok()) return Fail(ctx, first.status());
  const char* env_password = std::getenv("SBOMHUB_ADMIN_PASSWORD");
  auto created = api::EnsureFirstAdmin(**first, env_password != nullptr ? env_password : "");
  if (!created.ok()) return Fail(ctx, created.status());
  if (!created->empty()) {
    if (env_password != nullptr && *env_password != '\0') {
      std::fprintf(stderr, "sbomhub: created user 'admin' (role admin) with the password from SBOMHUB_ADMIN_PASSWORD\n");
    } else {
      std::fprintf(stderr,
                   "sbomhub: created user 'admin' (role admin). One-time password, shown only now:\n\n    %s\n\n"
                   "         Sign in and change it (PUT /api/v1/users/admin/password or `sbomhub user passwd admin`).\n",
                   created->c_str());
    }
  }
  first->reset();

  so.open_store = [location]() { return store::OpenStore(location); };
  so.vuln_db_path = !ctx.db_path.empty() ? ctx.db_path : ctx.ResolvedDataDir() + "/vuln.db";
  so.web_dir = opts.web_dir.empty() ? DefaultWebDir() : opts.web_dir;
  so.public_url = opts.public_url;
  so.max_upload_bytes = opts.max_upload;
  so.threads = opts.threads;
  so.read_timeout = so.write_timeout = std::chrono::seconds(opts.request_timeout);
  so.secure_cookies = opts.secure_cookies;
  so.run_worker = !opts.no_worker;

  // Signals are taken by this thread (sigwait) only: block them before any server thread starts.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);

  auto server = api::Server::Create(std::move(so));
  if (!server.ok()) return Fail(ctx, server.status());
  s = (*server)->Start();
  if (!s.ok()) return Fail(ctx, s);
  std::string host = opts.listen.substr(0, opts.listen.rfind(':'));
  std::printf("sbomhub: serving http://%s:%d/ (portfolio %s, vulnerability DB %s)\n", host.c_str(),
              (*server)->port(), location.c_str(),
              (!ctx.db_path.empty() ? ctx.db_path : ctx.ResolvedDataDir() + "/vuln.db").c_str());
  std::fflush(stdout);
  int sig = 0;
  sigwait(&set, &sig);
  std::fprintf(stderr, "sbomhub: %s received, stopping\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
  (*server)->Stop();
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterServeCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<ServeOptions>();
  auto* cmd = app.add_subcommand(
      "serve", "Serve the REST API (/api/v1, OpenAPI at /api/openapi.json) and the web UI, and run analysis jobs.\n"
               "The portfolio is <data>/portfolio.db unless --store names a PostgreSQL database. On first start\n"
               "with no users, creates 'admin' with a one-time password printed to stderr (or\n"
               "$SBOMHUB_ADMIN_PASSWORD).");
  cmd->add_option("--store", opts->store_url, "postgresql://user@host/db (default: <data>/portfolio.db, SQLite)");
  cmd->add_option("--listen", opts->listen, "HOST:PORT to listen on (port 0: any free port)");
  cmd->add_option("--web", opts->web_dir, "Directory of the built web UI (default: web/dist of the source tree)");
  cmd->add_option("--public-url", opts->public_url,
                  "Base URL users reach the server at (CSAF VEX publisher namespace; default http://LISTEN)");
  cmd->add_option("--max-upload", opts->max_upload, "Largest request body in bytes (default 1 GiB)");
  cmd->add_option("--threads", opts->threads, "Request threads (each holds one store connection)")
      ->check(CLI::Range(1, 256));
  cmd->add_option("--request-timeout", opts->request_timeout, "Seconds to read a request / write an answer")
      ->check(CLI::Range(1, 3600));
  cmd->add_flag("--secure-cookies", opts->secure_cookies, "Mark the session cookie Secure (behind a TLS proxy)");
  cmd->add_flag("--no-worker", opts->no_worker, "Do not run analysis jobs in this process");
  cmd->callback([&ctx, opts] { RunServe(ctx, *opts); });
}

}  // namespace sbomhub::cli
