// The OpenAPI 3.0 document, generated from the route table the dispatcher uses.
#include <map>

#include "api/routes.h"
#include "base/json_writer.h"
#include "base/text.h"

namespace sbomhub::api {
namespace {

std::string OperationId(const Route& r) {
  std::string id = AsciiLower(r.method);
  bool upper = true;
  for (char c : r.path) {
    if (c == '/' || c == '{' || c == '}' || c == '-' || c == '.' || c == '_') {
      upper = true;
      continue;
    }
    id += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return id;
}

void Parameter(JsonWriter& w, std::string_view name, std::string_view in, std::string_view description,
               bool required, std::string_view type) {
  w.BeginObject().Field("name", name).Field("in", in).Field("description", description).Field("required", required);
  w.Key("schema").BeginObject().Field("type", type).EndObject();
  w.EndObject();
}

void ErrorResponse(JsonWriter& w, int status, std::string_view description) {
  w.Key(std::to_string(status)).BeginObject().Field("description", description);
  w.Key("content").BeginObject().Key("application/json").BeginObject();
  w.Key("schema").BeginObject().Field("$ref", "#/components/schemas/Error").EndObject();
  w.EndObject().EndObject().EndObject();
}

void Operation(JsonWriter& w, const Route& r) {
  w.Key(AsciiLower(r.method)).BeginObject();
  w.Field("operationId", OperationId(r)).Field("summary", r.summary);
  w.Key("tags").BeginArray().String(r.tag).EndArray();
  w.Field("x-sbomhub-access", AccessName(r.access));
  if (r.access == Access::kPublic) {
    w.Key("security").BeginArray().EndArray();
  }
  w.Key("parameters").BeginArray();
  for (const auto& p : PathParams(r.path)) {
    std::string d = p == "project" ? "project name or numeric id" : p == "version" ? "version string" : p;
    Parameter(w, p, "path", d, true, "string");
  }
  for (const auto& q : r.query) Parameter(w, q.name, "query", q.description, q.required, q.type);
  if (r.paged) {
    Parameter(w, "limit", "query", "page size, 1-1000 (default 50)", false, "integer");
    Parameter(w, "offset", "query", "items to skip (default 0)", false, "integer");
  }
  w.EndArray();
  if (r.body == Body::kJson) {
    w.Key("requestBody").BeginObject().Field("required", true);
    w.Key("content").BeginObject().Key("application/json").BeginObject().Key("schema").BeginObject();
    w.Field("type", "object").Key("properties").BeginObject();
    for (std::string_view f : Split(r.body_fields, ',')) {
      f = TrimWhitespace(f);
      if (!f.empty()) w.Key(f).BeginObject().EndObject();
    }
    w.EndObject().EndObject().EndObject().EndObject().EndObject();
  } else if (r.body == Body::kRaw) {
    w.Key("requestBody").BeginObject().Field("required", true);
    w.Key("content").BeginObject().Key("application/octet-stream").BeginObject().Key("schema").BeginObject();
    w.Field("type", "string").Field("format", "binary").EndObject().EndObject().EndObject().EndObject();
  }
  w.Key("responses").BeginObject();
  w.Key(std::to_string(r.success)).BeginObject().Field("description", "success");
  if (r.paged) {
    w.Key("content").BeginObject().Key("application/json").BeginObject().Key("schema").BeginObject();
    w.Field("$ref", "#/components/schemas/Page").EndObject().EndObject().EndObject();
  }
  w.EndObject();
  ErrorResponse(w, 400, "bad request (malformed parameter or body)");
  if (r.access != Access::kPublic) {
    ErrorResponse(w, 401, "not signed in, session expired, or API key unknown or revoked");
    ErrorResponse(w, 403, "role not allowed, or missing X-CSRF-Token on a cookie-authenticated write");
  }
  if (!PathParams(r.path).empty()) ErrorResponse(w, 404, "no such object, or not visible to the caller");
  if (r.body == Body::kRaw) {
    ErrorResponse(w, 413, "body larger than the server's --max-upload");
    ErrorResponse(w, 422, "the document is malformed or invalid; details are the validator's diagnostics");
  }
  w.EndObject();
  w.EndObject();
}

}  // namespace

std::string OpenApiJson() {
  JsonWriter w(true);
  w.BeginObject().Field("openapi", "3.0.3");
  w.Key("info").BeginObject().Field("title", "sbomhub REST API").Field("version", "0.1.0");
  w.Field("description",
          "Every list takes limit/offset and answers {items,total,limit,offset}. Errors are "
          "{\"error\":{\"code\",\"message\",\"details\"}}. Browsers sign in with POST /api/v1/session "
          "(cookie sbomhub_session) and echo csrf_token in X-CSRF-Token on every non-GET request; "
          "machines send Authorization: Bearer <api key>. A project of another team is answered 404.");
  w.EndObject();
  w.Key("servers").BeginArray().BeginObject().Field("url", "/").EndObject().EndArray();
  w.Key("security").BeginArray();
  w.BeginObject().Key("session").BeginArray().EndArray().EndObject();
  w.BeginObject().Key("apiKey").BeginArray().EndArray().EndObject();
  w.EndArray();

  std::vector<std::string> order;
  std::map<std::string, std::vector<const Route*>> by_path;
  for (const Route& r : Routes()) {
    if (!by_path.count(r.path)) order.push_back(r.path);
    by_path[r.path].push_back(&r);
  }
  w.Key("paths").BeginObject();
  for (const auto& path : order) {
    w.Key(path).BeginObject();
    for (const Route* r : by_path[path]) Operation(w, *r);
    w.EndObject();
  }
  w.EndObject();

  w.Key("components").BeginObject();
  w.Key("securitySchemes").BeginObject();
  w.Key("session").BeginObject().Field("type", "apiKey").Field("in", "cookie").Field("name", "sbomhub_session").EndObject();
  w.Key("apiKey").BeginObject().Field("type", "http").Field("scheme", "bearer").EndObject();
  w.EndObject();
  w.Key("schemas").BeginObject();
  w.Key("Error").BeginObject().Field("type", "object").Key("properties").BeginObject();
  w.Key("error").BeginObject().Field("type", "object").Key("properties").BeginObject();
  w.Key("code").BeginObject().Field("type", "string").EndObject();
  w.Key("message").BeginObject().Field("type", "string").EndObject();
  w.Key("details").BeginObject().Field("type", "array").Key("items").BeginObject().Field("type", "string").EndObject().EndObject();
  w.EndObject().EndObject();
  w.EndObject().EndObject();
  w.Key("Page").BeginObject().Field("type", "object").Key("properties").BeginObject();
  w.Key("items").BeginObject().Field("type", "array").Key("items").BeginObject().Field("type", "object").EndObject().EndObject();
  w.Key("total").BeginObject().Field("type", "integer").EndObject();
  w.Key("limit").BeginObject().Field("type", "integer").EndObject();
  w.Key("offset").BeginObject().Field("type", "integer").EndObject();
  w.EndObject().EndObject();
  w.EndObject();
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace sbomhub::api
