// The OpenAPI document served at /api/openapi.json describes exactly the routes the dispatcher
// answers: one operation per route-table entry, path parameters declared, and every documented
// operation reaches a handler (never "no route" or 405).
#include <gtest/gtest.h>

#include "api/routes.h"
#include "api_test_support.h"
#include "base/text.h"

namespace sbomhub::apitest {
namespace {

TEST(OpenApi, DocumentListsEveryRouteAndNothingElse) {
  TestServer server;
  ASSERT_TRUE(server.Start(false).ok());
  Resp r = server.Call("GET", "/api/openapi.json");
  ASSERT_EQ(r.status, 200);
  ASSERT_TRUE(r.json.is_object()) << r.body.substr(0, 200);
  EXPECT_EQ(r.json["openapi"], "3.0.3");
  const auto& paths = r.json["paths"];
  std::size_t operations = 0;
  std::set<std::string> ids;
  for (const auto& [path, item] : paths.items()) {
    for (const auto& [method, op] : item.items()) {
      ++operations;
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second) << "duplicate operationId " << op["operationId"];
    }
  }
  EXPECT_EQ(operations, api::Routes().size());
  for (const auto& route : api::Routes()) {
    std::string method = AsciiLower(route.method);
    ASSERT_TRUE(paths.contains(route.path)) << route.path;
    ASSERT_TRUE(paths[route.path].contains(method)) << route.method << " " << route.path;
    const auto& op = paths[route.path][method];
    std::set<std::string> declared;
    for (const auto& p : op["parameters"]) {
      if (p["in"] == "path") declared.insert(p["name"].get<std::string>());
    }
    for (const auto& name : api::PathParams(route.path)) {
      EXPECT_TRUE(declared.count(name)) << route.path << " does not declare {" << name << "}";
    }
    EXPECT_TRUE(op["responses"].contains(std::to_string(route.success))) << route.path;
    EXPECT_EQ(op["x-sbomhub-access"], std::string(api::AccessName(route.access)));
  }
}

TEST(OpenApi, EveryDocumentedOperationReachesAHandler) {
  TestServer server;
  ASSERT_TRUE(server.Start(false).ok());
  Resp doc = server.Call("GET", "/api/openapi.json");
  ASSERT_EQ(doc.status, 200);
  for (const auto& [path, item] : doc.json["paths"].items()) {
    std::string concrete = path;
    for (std::string p : {"{project}", "{version}", "{team}", "{user}", "{id}"}) {
      for (auto at = concrete.find(p); at != std::string::npos; at = concrete.find(p)) concrete.replace(at, p.size(), "x1");
    }
    for (const auto& [method, op] : item.items()) {
      Resp r = server.Call(AsciiUpper(method), concrete, {}, "{}");
      EXPECT_NE(r.status, 405) << method << " " << concrete;
      bool no_route = r.status == 404 && r.body.find("no route") != std::string::npos;
      EXPECT_FALSE(no_route) << method << " " << concrete << ": " << r.body;
      // Unauthenticated callers get 401 on every protected route.
      if (op["x-sbomhub-access"] != "public") {
        EXPECT_EQ(r.status, 401) << method << " " << concrete;
      }
    }
  }
}

}  // namespace
}  // namespace sbomhub::apitest
