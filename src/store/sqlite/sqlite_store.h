// The SQLite backend of Store: one database file in WAL mode (readers never wait for the writer;
// SQLite admits one writer at a time and every mutating call is one IMMEDIATE transaction).
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "store/store.h"

namespace sbomhub::store {

// Opens or creates the file at `path` and applies pending migrations. kIoError when the file
// cannot be opened, kInvalidDocument when it is not a database, kUnsupported when its schema is
// newer than this build knows.
[[nodiscard]] Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path);

}  // namespace sbomhub::store
