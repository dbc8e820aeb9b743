// A thin RAII layer over the SQLite C API: errors become Status values, statements are prepared
// once and reused, every value is bound (never spliced into SQL). Used by the vulnerability DB
// and the portfolio store.
//
// Thread-safety: a Database and its Statements belong to one thread at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sbomhub::sqlite {

class Statement;

class Database {
 public:
  enum class Mode { kReadOnly, kReadWrite };
  // How long a statement waits for another connection's lock before failing with kUnavailable.
  static constexpr int kBusyTimeoutMs = 10000;

  // Opens (creating when kReadWrite) the file at `path` with WAL journaling, foreign keys on and
  // a busy timeout, so a reader never blocks on a concurrent importer for long.
  static Result<std::unique_ptr<Database>> Open(const std::string& path, Mode mode);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs one or more statements without results (schema, pragmas). Never pass user data here.
  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);

  Status Begin();   // BEGIN IMMEDIATE: takes the write lock up front
  Status Commit();
  void Rollback();  // best effort; used on error paths

  std::int64_t LastInsertRowId() const;
  int Changes() const;
  const std::string& path() const { return path_; }
  sqlite3* raw() { return db_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

class Statement {
 public:
  Statement(Statement&& o) noexcept : stmt_(o.stmt_), db_(o.db_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  ~Statement();

  // Binders take 1-based parameter indexes, as SQLite does. Text is copied (SQLITE_TRANSIENT).
  Statement& Bind(int index, std::string_view text);
  Statement& Bind(int index, std::int64_t value);
  Statement& Bind(int index, double value);
  Statement& BindBlob(int index, std::string_view bytes);
  Statement& BindNull(int index);
  // The same without the copy: the bytes must stay valid and unchanged until the statement is
  // reset (Run resets it). For writers binding what they hold anyway (records, index keys).
  Statement& BindView(int index, std::string_view text);
  Statement& BindBlobView(int index, std::string_view bytes);

  // Advances: true when a row is available, false when done; errors as Status.
  Result<bool> Step();
  // Step() expecting no row (INSERT/UPDATE/DELETE), then Reset().
  Status Run();
  void Reset();  // resets and clears bindings

  std::string_view ColumnText(int column) const;  // 0-based; valid until the next Step/Reset
  std::int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  bool ColumnIsNull(int column) const;

 private:
  friend class Database;
  Statement(sqlite3_stmt* stmt, sqlite3* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_;
  sqlite3* db_;
};

}  // namespace sbomhub::sqlite
