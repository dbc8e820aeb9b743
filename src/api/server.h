// The REST API server (`sbomhub serve`): HTTP on cpp-httplib, JSON in and out, the route table in
// routes.h, the OpenAPI document generated from that same table.
//
//   request ─► route table match ─► authenticate (Bearer API key | session cookie + CSRF)
//           ─► route access level (public | signed in | writer | admin | admin-or-auditor)
//           ─► handler (project visibility: another team's project is 404, read-only role 403)
//           ─► JSON reply, or {"error":{"code","message","details"}}
//
// Paths outside /api, /healthz and /readyz are served from `web_dir` (the built web UI) with a
// strict Content-Security-Policy (default-src 'self'), X-Content-Type-Options: nosniff, and
// index.html for unknown extension-less paths (client-side routes).
//
// Stores: the server opens one store::Store per concurrently served request through
// `open_store` and keeps them in a pool (a Store belongs to one thread at a time). A background
// thread runs analysis jobs (app::AnalysisWorker) and requeues jobs whose worker died.
//
// Thread-safety: Start/Stop from one controlling thread; everything else is internal.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "auth/auth.h"
#include "base/status.h"
#include "store/store.h"

namespace sbomhub::api {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0 = any free port (tests); see Server::port()
  // Opens a new connection to the portfolio store; called once per pooled Store.
  std::function<Result<std::unique_ptr<store::Store>>()> open_store;
  std::string vuln_db_path;  // the vulnerability DB (need not exist yet)
  std::string web_dir;       // built web UI (web/dist); "" or missing = no UI
  // The server's public base URL ("https://sbom.example.com"); CSAF VEX exports use it as the
  // publisher namespace. Default: http://<host>:<port>.
  std::string public_url;
  std::uint64_t max_upload_bytes = 1ull << 30;
  std::chrono::seconds read_timeout{60};
  std::chrono::seconds write_timeout{60};
  std::chrono::seconds session_ttl{8 * 3600};  // sliding
  int threads = 16;
  auth::HashCost hash_cost = auth::HashCost::kInteractive;
  bool secure_cookies = false;  // add `Secure` (behind a TLS-terminating proxy)
  bool run_worker = true;       // run analysis jobs in a background thread
  std::chrono::seconds worker_poll{1};
  std::chrono::seconds stale_job_after{600};
  std::string worker_name;  // default "<host>:<pid>"
};

class Server {
 public:
  // Checks the options and opens one Store (so a bad --store fails here, not on first request).
  static Result<std::unique_ptr<Server>> Create(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listening socket (after this, port() is known) and serves on background threads.
  [[nodiscard]] Status Start();
  // Stops accepting, finishes in-flight requests, stops the worker. Idempotent.
  void Stop();
  // Blocks until Stop() is called (from another thread or a signal handler thread).
  void Wait();
  int port() const;

  class Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// First start: when the store has no user at all, creates `admin` (role admin) with
// `password` when given, else a random one-time password, which is returned so the caller prints
// it once. Returns "" when users already existed (nothing done).
Result<std::string> EnsureFirstAdmin(store::Store& store, const std::string& password,
                                     auth::HashCost cost = auth::HashCost::kInteractive);

// The OpenAPI 3.0 document of every route the server answers (JSON).
std::string OpenApiJson();

}  // namespace sbomhub::api
