// Shared invariant for the feed fuzzers: every advisory an importer emits must survive the
// storage round trip unchanged (AdvisoryToJson -> AdvisoryFromJson).
#pragma once

#include <cstdlib>

#include "base/status.h"
#include "vuln/advisory/advisory.h"

namespace sbomhub::vuln {

inline Status CheckRoundTrip(Advisory&& a) {
  auto back = AdvisoryFromJson(AdvisoryToJson(a));
  if (!back.ok() || !(*back == a)) std::abort();
  return Status::Ok();
}

}  // namespace sbomhub::vuln
