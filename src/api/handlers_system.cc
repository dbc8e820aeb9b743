// /healthz, /readyz and /api/openapi.json.
#include <filesystem>

#include "api/routes.h"
#include "api/state.h"
#include "base/json_writer.h"

namespace sbomhub::api {
namespace {

// The server needs the sessions/jobs tables of migration 0003.
constexpr int kRequiredSchema = 3;

Result<Reply> Healthz(Call&) { return JsonReply("{\"status\":\"ok\"}"); }

Result<Reply> Readyz(Call& call) {
  auto version = call.store.SchemaVersion();
  JsonWriter w(false);
  w.BeginObject();
  bool ready = version.ok() && *version >= kRequiredSchema;
  w.Field("status", ready ? "ready" : "not_ready").Field("store", call.store.Backend());
  if (version.ok()) w.Field("schema_version", *version);
  else w.Field("store_error", version.status().message());
  std::error_code ec;
  w.Field("vulnerability_db", std::filesystem::exists(call.server.options.vuln_db_path, ec));
  w.EndObject();
  return JsonReply(w.Take(), ready ? 200 : 503);
}

Result<Reply> OpenApi(Call&) { return JsonReply(OpenApiJson()); }

}  // namespace

void AddSystemRoutes(std::vector<Route>& r) {
  r.push_back({.method = "GET", .path = "/healthz", .access = Access::kPublic, .tag = "system",
               .summary = "liveness: the process answers", .handler = Healthz});
  r.push_back({.method = "GET", .path = "/readyz", .access = Access::kPublic, .tag = "system",
               .summary = "readiness: store reachable and migrated (503 otherwise)", .handler = Readyz});
  r.push_back({.method = "GET", .path = "/api/openapi.json", .access = Access::kPublic, .tag = "system",
               .summary = "this OpenAPI 3.0 document", .handler = OpenApi});
}

}  // namespace sbomhub::api
