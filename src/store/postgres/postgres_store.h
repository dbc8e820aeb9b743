// The PostgreSQL backend of Store (libpqxx). Several sbomhub processes may share one database:
// migrations run under a transaction-scoped advisory lock, and every mutating call is one
// transaction, so concurrent writers see each other's work whole or not at all.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace sbomhub::store {

// Connects to `url` ("postgresql://user:password@host:port/db?sslmode=..."; libpq syntax) and
// applies pending migrations. kUnavailable when the server cannot be reached or refuses the
// login, kUnsupported when the schema is newer than this build knows.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenPostgresStore(const std::string& url);

}  // namespace sbomhub::store
