#include "store/internal.h"

namespace sbomhub::store::internal {

const std::vector<Migration>& SqliteMigrations() {
  static const std::vector<Migration> kMigrations = {
#include "store/sqlite_migrations.inc"
  };
  return kMigrations;
}

const std::vector<Migration>& PostgresMigrations() {
  static const std::vector<Migration> kMigrations = {
#include "store/postgres_migrations.inc"
  };
  return kMigrations;
}

}  // namespace sbomhub::store::internal
