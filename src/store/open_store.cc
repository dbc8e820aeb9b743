#include "base/text.h"
#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace sbomhub::store {

Result<std::unique_ptr<Store>> OpenStore(const std::string& location) {
  if (location.empty())
    return Status::InvalidArgument("empty store location (a file path or a postgresql:// URL)");
  if (StartsWith(location, "postgresql://") || StartsWith(location, "postgres://")) {
    return OpenPostgresStore(location);
  }
  return OpenSqliteStore(location);
}

}  // namespace sbomhub::store
