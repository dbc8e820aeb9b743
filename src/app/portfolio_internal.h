// Helpers shared by the portfolio use-case files (portfolio.cc, reanalyse.cc); not a public API.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace sbomhub::app::internal {

// Every row of a paged store list, page by page at the largest page size.
template <typename T, typename Fetch>
Result<std::vector<T>> FetchAll(Fetch fetch) {
  std::vector<T> out;
  store::Page page{store::Page::kMaxLimit, 0};
  for (;;) {
    SBOMHUB_ASSIGN_OR_RETURN(auto rows, fetch(page));
    std::size_t n = rows.size();
    for (auto& r : rows) out.push_back(std::move(r));
    if (static_cast<std::int64_t>(n) < page.limit) break;
    page.offset += page.limit;
  }
  return out;
}

}  // namespace sbomhub::app::internal
