#include "api/server.h"

#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <cstdio>
#include <filesystem>
#include <thread>

#include "api/routes.h"
#include "api/state.h"
#include "app/portfolio.h"
#include "base/file.h"
#include "base/text.h"

namespace sbomhub::api {

// ---------------------------------------------------------------- store pool

Result<StorePool::Lease> StorePool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      auto s = std::move(idle_.back());
      idle_.pop_back();
      return Lease(this, std::move(s));
    }
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto s, open_());
  return Lease(this, std::move(s));
}

void StorePool::Return(std::unique_ptr<store::Store> s) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(s));
}

namespace {

constexpr std::string_view kSessionCookie = "sbomhub_session";

void SetSecurityHeaders(httplib::Response& res, bool api) {
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Content-Security-Policy",
                 "default-src 'self'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'; object-src 'none'");
  res.set_header("X-Frame-Options", "DENY");
  res.set_header("Referrer-Policy", "no-referrer");
  if (api) res.set_header("Cache-Control", "no-store");
}

void Send(httplib::Response& res, const Reply& r) {
  res.status = r.status;
  for (const auto& [k, v] : r.headers) res.set_header(k, v);
  res.set_content(r.body, r.content_type.c_str());
}

std::string CookieValue(const httplib::Request& req, std::string_view name) {
  for (auto [it, end] = req.headers.equal_range("Cookie"); it != end; ++it) {
    std::string v = CookieFromHeader(it->second, name);
    if (!v.empty()) return v;
  }
  return "";
}

// "2026-11-28T02:00:00" for now - `ago`, comparable with the store's RFC 3339 stamps by prefix.
std::string UtcSecondsAgo(std::chrono::seconds ago) {
  auto t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now() - ago);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return buf;
}

// "gzip, deflate, br;q=1, zstd" → "gzip, deflate, zstd": every coding but Brotli, as offered.
std::string WithoutBrotli(std::string_view accept_encoding) {
  std::string out;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::string_view coding = TrimWhitespace(item.substr(0, item.find(';')));
    if (coding.empty() || EqualsIgnoreCase(coding, "br")) continue;
    if (!out.empty()) out += ", ";
    out += TrimWhitespace(item);
  }
  return out;
}

bool IsFormContentType(const httplib::Request& req) {
  return StartsWith(AsciiLower(req.get_header_value("Content-Type")), "application/x-www-form-urlencoded");
}

bool IsSafeMethod(const std::string& m) { return m == "GET" || m == "HEAD" || m == "OPTIONS"; }

Result<Principal> Authenticate(const httplib::Request& req, store::Store& store, const ServerOptions& options) {
  std::string authz = req.get_header_value("Authorization");
  if (!authz.empty()) {
    constexpr std::string_view kBearer = "Bearer ";
    if (!StartsWith(authz, kBearer)) {
      return Status::Unauthenticated("Authorization header must be 'Bearer <api key>'");
    }
    std::string key(TrimWhitespace(std::string_view(authz).substr(kBearer.size())));
    if (!auth::LooksLikeApiKey(key)) return Status::Unauthenticated("malformed API key");
    auto k = store.GetApiKeyByHash(auth::TokenHash(key));
    if (!k.ok()) {
      if (k.status().code() == StatusCode::kNotFound) return Status::Unauthenticated("unknown API key");
      return k.status();
    }
    if (k->revoked) return Status::Unauthenticated("API key revoked");
    Principal p;
    p.kind = Principal::Kind::kApiKey;
    p.key_id = k->id;
    p.name = "apikey:" + std::to_string(k->id);
    p.role = k->role;
    p.teams = {k->team_id};
    return p;
  }
  std::string token = CookieValue(req, kSessionCookie);
  if (token.empty()) {
    return Status::Unauthenticated("sign in (POST /api/v1/session) or send 'Authorization: Bearer <api key>'");
  }
  std::string hash = auth::TokenHash(token);
  auto session = store.GetSession(hash);
  if (!session.ok()) {
    if (session.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("session expired or signed out; sign in again");
    }
    return session.status();
  }
  if (!IsSafeMethod(req.method)) {
    std::string csrf = req.get_header_value("X-CSRF-Token");
    if (csrf.empty() || !auth::ConstantTimeEquals(csrf, session->csrf_token)) {
      return Status::PermissionDenied("missing or wrong X-CSRF-Token header (use the csrf_token of the sign-in answer)");
    }
  }
  // Sliding expiry, written at most once a minute per session.
  if (session->last_seen.substr(0, 19) < UtcSecondsAgo(std::chrono::seconds(60))) {
    auto touched = store.TouchSession(hash, options.session_ttl);
    if (!touched.ok() && touched.status().code() == StatusCode::kNotFound) {
      return Status::Unauthenticated("session expired; sign in again");
    }
  }
  auto user = store.GetUser(session->user_id);
  if (!user.ok()) {
    if (user.status().code() == StatusCode::kNotFound) return Status::Unauthenticated("user no longer exists");
    return user.status();
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto teams, store.TeamsOfUser(user->id));
  Principal p;
  p.kind = Principal::Kind::kUser;
  p.user_id = user->id;
  p.name = user->name;
  p.role = user->role;
  for (const auto& t : teams) p.teams.push_back(t.id);
  p.session_hash = hash;
  p.csrf_token = session->csrf_token;
  return p;
}

Status CheckAccess(Access access, const Principal& who) {
  using store::Role;
  switch (access) {
    case Access::kPublic:
    case Access::kSignedIn:
      return Status::Ok();
    case Access::kWriter:
      if (who.role == Role::kAdmin || who.role == Role::kAnalyst) return Status::Ok();
      return Status::PermissionDenied("role '" + std::string(store::RoleName(who.role)) + "' may not change data");
    case Access::kAdmin:
      if (who.role == Role::kAdmin) return Status::Ok();
      return Status::PermissionDenied("admin role required");
    case Access::kAdminOrAuditor:
      if (who.role == Role::kAdmin || who.role == Role::kAuditor) return Status::Ok();
      return Status::PermissionDenied("admin or auditor role required");
  }
  return Status::Internal("unknown access level");
}

std::string_view ContentTypeFor(const std::filesystem::path& p) {
  std::string ext = AsciiLower(p.extension().string());
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js" || ext == ".mjs") return "text/javascript; charset=utf-8";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json" || ext == ".map") return "application/json";
  if (ext == ".svg") return "image/svg+xml";
  if (ext == ".png") return "image/png";
  if (ext == ".ico") return "image/x-icon";
  if (ext == ".woff2") return "font/woff2";
  if (ext == ".woff") return "font/woff";
  if (ext == ".txt") return "text/plain; charset=utf-8";
  return "application/octet-stream";
}

// The web UI: files under web_dir; extension-less unknown paths get index.html (client routes).
Reply ServeStatic(const ServerOptions& options, const std::string& path) {
  if (options.web_dir.empty()) return ErrorReply(404, "not_found", "no web UI is installed (build web/ into web/dist)");
  for (std::string_view seg : Split(path, '/')) {
    if (seg == ".." || seg == "." || seg.find('\\') != std::string_view::npos ||
        seg.find('\0') != std::string_view::npos) {
      return ErrorReply(404, "not_found", "no such file");
    }
  }
  namespace fs = std::filesystem;
  fs::path root(options.web_dir);
  fs::path file = root / (path == "/" ? std::string("index.html") : path.substr(1));
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) {
    if (file.has_extension()) return ErrorReply(404, "not_found", "no such file: " + path);
    file = root / "index.html";
    if (!fs::is_regular_file(file, ec)) {
      return ErrorReply(404, "not_found", "no web UI is installed (build web/ into web/dist)");
    }
  }
  auto bytes = ReadFile(file.string(), 64ull << 20);
  if (!bytes.ok()) return StatusReply(bytes.status());
  Reply r;
  r.body = std::move(*bytes);
  r.content_type = std::string(ContentTypeFor(file));
  // Vite puts content hashes in asset names: those may be cached; index.html must not be.
  bool hashed = StartsWith(path, "/assets/");
  r.headers.emplace_back("Cache-Control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
  return r;
}

}  // namespace

// ---------------------------------------------------------------- server

class Server::Impl {
 public:
  explicit Impl(ServerOptions options) : state(std::move(options)) {}

  void Dispatch(const httplib::Request& req, httplib::Response& res);
  void WorkerLoop();

  ServerState state;
  httplib::Server http;
  std::thread listener;
  std::thread worker;
  std::mutex mu;
  std::condition_variable cv;
  bool stopping = false;
  bool stopped = false;
  int port = 0;
};

void Server::Impl::Dispatch(const httplib::Request& req, httplib::Response& res) {
  const std::string& path = req.path;
  bool api = StartsWith(path, "/api/") || path == "/healthz" || path == "/readyz";
  SetSecurityHeaders(res, api);

  const Route* route = nullptr;
  bool path_known = false;
  std::map<std::string, std::string> params;
  for (const Route& r : Routes()) {
    std::map<std::string, std::string> p;
    if (!MatchPath(r.path, path, p)) continue;
    path_known = true;
    if (r.method == req.method || (req.method == "HEAD" && r.method == "GET")) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (route == nullptr) {
    if (path_known) return Send(res, ErrorReply(405, "method_not_allowed", req.method + " is not allowed on " + path));
    if (!api && (req.method == "GET" || req.method == "HEAD")) return Send(res, ServeStatic(state.options, path));
    return Send(res, ErrorReply(404, "not_found", "no route " + req.method + " " + path));
  }

  if (route->body != Body::kNone && IsFormContentType(req)) {
    return Send(res, ErrorReply(415, "unsupported_media_type",
                                "Content-Type application/x-www-form-urlencoded is not accepted: send "
                                "application/json, or the raw document as application/octet-stream"));
  }
  auto lease = state.pool.Acquire();
  if (!lease.ok()) return Send(res, StatusReply(lease.status()));
  store::Store& store = **lease;

  Principal who;
  if (route->access != Access::kPublic) {
    auto p = Authenticate(req, store, state.options);
    if (!p.ok()) {
      if (p.status().code() == StatusCode::kUnavailable) lease->Discard();
      Reply r = StatusReply(p.status());
      if (p.status().code() == StatusCode::kPermissionDenied) r = ErrorReply(403, "csrf_required", p.status().message());
      if (p.status().code() == StatusCode::kUnauthenticated) r.headers.emplace_back("WWW-Authenticate", "Bearer");
      return Send(res, r);
    }
    who = std::move(*p);
    Status access = CheckAccess(route->access, who);
    if (!access.ok()) return Send(res, StatusReply(access));
  }

  Call call{req, std::move(params), std::move(who), store, state};
  auto reply = route->handler(call);
  if (!reply.ok()) {
    if (reply.status().code() == StatusCode::kUnavailable) lease->Discard();
    if (reply.status().code() == StatusCode::kInternal || reply.status().code() == StatusCode::kIoError) {
      std::fprintf(stderr, "sbomhub serve: %s %s: %s\n", req.method.c_str(), path.c_str(),
                   reply.status().ToString().c_str());
    }
    return Send(res, StatusReply(reply.status()));
  }
  Send(res, *reply);
}

// The background worker: runs queued analysis jobs against the vulnerability DB (opened once it
// exists), re-queues what a changed DB may affect, and hands jobs of dead workers back to the queue.
void Server::Impl::WorkerLoop() {
  const ServerOptions& o = state.options;
  auto last_requeue = std::chrono::steady_clock::time_point{};
  auto last_db_check = std::chrono::steady_clock::time_point{};
  std::unique_ptr<vulndb::VulnDb> db;
  auto log = [](const char* what, const Status& s) {
    std::fprintf(stderr, "sbomhub serve: %s: %s\n", what, s.ToString().c_str());
  };
  auto stop_requested = [&] {
    std::lock_guard<std::mutex> lock(mu);
    return stopping;
  };
  while (!stop_requested()) {
    auto now = std::chrono::steady_clock::now();
    auto lease = state.pool.Acquire();
    if (!lease.ok()) {
      log("worker store", lease.status());
    } else {
      if (now - last_requeue > std::chrono::seconds(60)) {
        last_requeue = now;
        auto n = (*lease)->RequeueStaleJobs(o.stale_job_after);
        if (!n.ok()) log("requeue stale jobs", n.status());
      }
      std::error_code ec;
      if (db == nullptr && std::filesystem::exists(o.vuln_db_path, ec)) {
        auto opened = vulndb::VulnDb::Open(o.vuln_db_path, sqlite::Database::Mode::kReadOnly);
        if (opened.ok()) db = std::move(*opened);
        else log("opening the vulnerability DB", opened.status());
      }
      if (db != nullptr) {
        if (now - last_db_check > std::chrono::seconds(30)) {
          last_db_check = now;
          auto re = app::ReanalyseIfDbChanged(**lease, *db, "sbomhub serve (vulnerability DB changed)");
          if (!re.ok()) log("re-analysis check", re.status());
        }
        app::AnalysisWorker worker(**lease, *db, o.worker_name);
        while (!stop_requested()) {
          auto job = worker.RunOnce();
          if (!job.ok()) {
            log("analysis worker", job.status());
            if (job.status().code() == StatusCode::kUnavailable) lease->Discard();
            break;
          }
          if (!job->has_value()) break;
        }
      }
    }
    std::unique_lock<std::mutex> lock(mu);
    cv.wait_for(lock, o.worker_poll, [&] { return stopping; });
  }
}

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Create(ServerOptions options) {
  if (!options.open_store) return Status::InvalidArgument("no store to open");
  if (options.threads < 1) return Status::InvalidArgument("threads must be at least 1");
  if (options.port < 0 || options.port > 65535) return Status::InvalidArgument("port out of range");
  if (options.worker_name.empty()) {
    char host[256] = {0};
    gethostname(host, sizeof host - 1);
    options.worker_name = std::string(host) + ":" + std::to_string(::getpid());
  }
  SBOMHUB_RETURN_IF_ERROR(auth::Init());
  auto impl = std::make_unique<Impl>(std::move(options));
  {
    // Fail now on an unreachable store or a failed migration, and keep the connection.
    SBOMHUB_ASSIGN_OR_RETURN(auto lease, impl->state.pool.Acquire());
    SBOMHUB_ASSIGN_OR_RETURN(int version, lease->SchemaVersion());
    (void)version;
  }
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

Status Server::Start() {
  Impl& s = *impl_;
  const ServerOptions& o = s.state.options;
  int threads = o.threads;
  s.http.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  s.http.set_payload_max_length(static_cast<size_t>(o.max_upload_bytes));
  s.http.set_read_timeout(o.read_timeout);
  s.http.set_write_timeout(o.write_timeout);
  s.http.set_keep_alive_max_count(10000);
  s.http.set_keep_alive_timeout(5);
  s.http.set_tcp_nodelay(true);
  // Debian's cpp-httplib 0.11 prefers Brotli whenever a client offers it and compresses at
  // Brotli's slowest quality (11): ~1.5 s per 1,000-row JSON page, against ~0.05 s for gzip. Every
  // browser offers "br", so the offer is withdrawn here, before httplib picks an encoding; gzip
  // (and identity) still apply. The Request is httplib's own mutable object seen through const.
  s.http.set_pre_routing_handler([](const httplib::Request& req, httplib::Response&) {
    auto& headers = const_cast<httplib::Request&>(req).headers;
    auto [first, last] = headers.equal_range("Accept-Encoding");  // case-insensitive map
    for (auto it = first; it != last; ++it) it->second = WithoutBrotli(it->second);
    return httplib::Server::HandlerResponse::Unhandled;
  });
  auto dispatch = [&s](const httplib::Request& req, httplib::Response& res) { s.Dispatch(req, res); };
  s.http.Get(".*", dispatch);
  s.http.Post(".*", dispatch);
  s.http.Put(".*", dispatch);
  s.http.Patch(".*", dispatch);
  s.http.Delete(".*", dispatch);
  s.http.Options(".*", [](const httplib::Request& req, httplib::Response& res) {
    SetSecurityHeaders(res, true);
    Send(res, ErrorReply(405, "method_not_allowed", "OPTIONS is not supported on " + req.path +
                                                        " (the API is same-origin only)"));
  });
  // httplib's own errors (413 body too large, 400 malformed request, 404) get the JSON shape too.
  s.http.set_error_handler(httplib::Server::HandlerWithResponse([](const httplib::Request& req,
                                                                  httplib::Response& res) {
    if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
    SetSecurityHeaders(res, true);
    std::string code = res.status == 413 ? "too_large" : res.status == 404 ? "not_found" : "bad_request";
    std::string msg = res.status == 413 ? "request body exceeds the server's limit (--max-upload)"
                                        : "cannot serve " + req.method + " " + req.path;
    if (res.status == 413 && IsFormContentType(req)) {
      // httplib parses url-encoded form bodies and caps them at 8 KiB (curl -d sends that type).
      msg = "Content-Type application/x-www-form-urlencoded is not accepted: send the document as "
            "application/octet-stream (or application/json)";
    }
    Reply r = ErrorReply(res.status, code, msg);
    res.set_content(r.body, r.content_type.c_str());
    return httplib::Server::HandlerResponse::Handled;
  }));
  s.http.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown exception";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "sbomhub serve: %s %s: internal error: %s\n", req.method.c_str(), req.path.c_str(),
                 what.c_str());
    Send(res, ErrorReply(500, "internal", "internal error"));
  });

  if (o.port == 0) {
    s.port = s.http.bind_to_any_port(o.host);
    if (s.port < 0) return Status::Unavailable("cannot listen on " + o.host + " (any port)");
  } else {
    if (!s.http.bind_to_port(o.host, o.port)) {
      return Status::Unavailable("cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                 " (address in use or not local?)");
    }
    s.port = o.port;
  }
  if (s.state.options.public_url.empty()) {
    s.state.options.public_url = "http://" + o.host + ":" + std::to_string(s.port);
  }
  s.listener = std::thread([&s] { s.http.listen_after_bind(); });
  // httplib's stop() does nothing until the accept loop runs: wait for it, so a Stop() right after
  // Start() cannot leave the listener blocked in accept().
  for (int i = 0; i < 5000 && !s.http.is_running(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  if (o.run_worker) s.worker = std::thread([&s] { s.WorkerLoop(); });
  return Status::Ok();
}

void Server::Stop() {
  Impl& s = *impl_;
  {
    std::lock_guard<std::mutex> lock(s.mu);
    if (s.stopped) return;
    s.stopping = true;
    s.stopped = true;
  }
  s.cv.notify_all();
  s.http.stop();
  if (s.listener.joinable()) s.listener.join();
  if (s.worker.joinable()) s.worker.join();
}

void Server::Wait() {
  std::unique_lock<std::mutex> lock(impl_->mu);
  impl_->cv.wait(lock, [this] { return impl_->stopping; });
}

int Server::port() const { return impl_->port; }

}  // namespace sbomhub::api
