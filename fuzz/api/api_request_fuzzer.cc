// Feeds one input to what the server parses from a request before any handler runs: the path is
// matched against every route template (the dispatcher's loop), the input is read as a Cookie
// header and as a Bearer key. Invariants: a match captures exactly the template's {params},
// none of them empty; a cookie value never contains ';'.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <string>

#include "api/routes.h"
#include "auth/auth.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string input(reinterpret_cast<const char*>(data), size);
  for (const auto& route : sbomhub::api::Routes()) {
    std::map<std::string, std::string> params;
    if (sbomhub::api::MatchPath(route.path, input, params)) {
      auto names = sbomhub::api::PathParams(route.path);
      if (params.size() != names.size()) std::abort();
      for (const auto& [k, v] : params) {
        if (v.empty() || v.find('/') != std::string::npos) std::abort();
      }
    }
  }
  std::string cookie = sbomhub::api::CookieFromHeader(input, "sbomhub_session");
  if (cookie.find(';') != std::string::npos) std::abort();
  if (sbomhub::auth::LooksLikeApiKey(input) && input.rfind("sbh_", 0) != 0) std::abort();
  (void)sbomhub::auth::TokenHash(input);
  return 0;
}
