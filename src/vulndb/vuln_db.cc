#include "vulndb/vuln_db.h"

#include <algorithm>
#include <charconv>
#include <set>
#include <system_error>

#include <sqlite3.h>

#include "base/text.h"

namespace sbomhub::vulndb {
namespace {

// Each entry moves the schema one version forward; never edit a shipped entry, append one.
constexpr const char* kMigrations[] = {
    // v1
    R"sql(
CREATE TABLE advisory(
  rowid INTEGER PRIMARY KEY,
  source TEXT NOT NULL,
  id TEXT NOT NULL,
  source_id TEXT NOT NULL,
  modified TEXT NOT NULL,
  withdrawn INTEGER NOT NULL,
  record BLOB NOT NULL,
  UNIQUE(source, id));
CREATE TABLE package_index(
  advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL);
CREATE INDEX package_index_key ON package_index(ecosystem, name);
CREATE INDEX package_index_advisory ON package_index(advisory_rowid);
CREATE TABLE cpe_index(
  advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
  vendor TEXT NOT NULL,
  product TEXT NOT NULL);
CREATE INDEX cpe_index_key ON cpe_index(vendor, product);
CREATE INDEX cpe_index_advisory ON cpe_index(advisory_rowid);
CREATE TABLE alias(
  advisory_rowid INTEGER NOT NULL REFERENCES advisory(rowid) ON DELETE CASCADE,
  alias TEXT NOT NULL);
CREATE INDEX alias_key ON alias(alias);
CREATE INDEX alias_advisory ON alias(advisory_rowid);
CREATE TABLE kev(
  cve TEXT PRIMARY KEY,
  date_added TEXT NOT NULL,
  due_date TEXT NOT NULL,
  vendor_project TEXT NOT NULL,
  product TEXT NOT NULL,
  name TEXT NOT NULL,
  ransomware_use TEXT NOT NULL);
CREATE TABLE epss(
  cve TEXT PRIMARY KEY,
  score REAL NOT NULL,
  percentile REAL NOT NULL,
  score_date TEXT NOT NULL);
CREATE TABLE import_run(
  source TEXT PRIMARY KEY,
  finished_at TEXT NOT NULL,
  records INTEGER NOT NULL);
)sql",
    // v2: each index table becomes one b-tree keyed by what the matchers look up (WITHOUT ROWID,
    // primary key = lookup key + advisory row id) instead of a rowid table plus two secondary
    // indexes and a foreign-key check per row: an index row costs one b-tree insert instead of
    // three plus a parent lookup. The rows of an advisory are found again through the keys it
    // stores itself (advisory.index_keys, EncodeIndexKeys), so no index on advisory_rowid is
    // needed to replace them. The EPSS table (several hundred thousand rows) gets the same
    // treatment: keyed by CVE alone, one b-tree instead of a rowid table plus its key index.
    R"sql(
ALTER TABLE advisory ADD COLUMN index_keys BLOB NOT NULL DEFAULT '';
UPDATE advisory SET index_keys =
  coalesce((SELECT group_concat('p' || length(CAST(ecosystem AS BLOB)) || ':' || ecosystem ||
                                length(CAST(name AS BLOB)) || ':' || name, '')
            FROM (SELECT DISTINCT ecosystem, name FROM package_index WHERE advisory_rowid=advisory.rowid)), '') ||
  coalesce((SELECT group_concat('c' || length(CAST(vendor AS BLOB)) || ':' || vendor ||
                                length(CAST(product AS BLOB)) || ':' || product, '')
            FROM (SELECT DISTINCT vendor, product FROM cpe_index WHERE advisory_rowid=advisory.rowid)), '') ||
  coalesce((SELECT group_concat('a' || length(CAST(alias AS BLOB)) || ':' || alias, '')
            FROM (SELECT DISTINCT alias FROM alias WHERE advisory_rowid=advisory.rowid)), '');
CREATE TABLE package_index_v2(
  ecosystem TEXT NOT NULL,
  name TEXT NOT NULL,
  advisory_rowid INTEGER NOT NULL,
  PRIMARY KEY(ecosystem, name, advisory_rowid)) WITHOUT ROWID;
INSERT OR IGNORE INTO package_index_v2 SELECT ecosystem, name, advisory_rowid FROM package_index;
DROP TABLE package_index;
ALTER TABLE package_index_v2 RENAME TO package_index;
CREATE TABLE cpe_index_v2(
  vendor TEXT NOT NULL,
  product TEXT NOT NULL,
  advisory_rowid INTEGER NOT NULL,
  PRIMARY KEY(vendor, product, advisory_rowid)) WITHOUT ROWID;
INSERT OR IGNORE INTO cpe_index_v2 SELECT vendor, product, advisory_rowid FROM cpe_index;
DROP TABLE cpe_index;
ALTER TABLE cpe_index_v2 RENAME TO cpe_index;
CREATE TABLE alias_v2(
  alias TEXT NOT NULL,
  advisory_rowid INTEGER NOT NULL,
  PRIMARY KEY(alias, advisory_rowid)) WITHOUT ROWID;
INSERT OR IGNORE INTO alias_v2 SELECT alias, advisory_rowid FROM alias;
DROP TABLE alias;
ALTER TABLE alias_v2 RENAME TO alias;
CREATE TABLE epss_v2(
  cve TEXT PRIMARY KEY,
  score REAL NOT NULL,
  percentile REAL NOT NULL,
  score_date TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO epss_v2 SELECT cve, score, percentile, score_date FROM epss;
DROP TABLE epss;
ALTER TABLE epss_v2 RENAME TO epss;
)sql",
    // v3: the change log (VulnDb::ChangesSince). `meta` holds the database's random identity
    // (a rebuilt file gets a new one), the last change sequence, the sequence up to which the
    // log has been pruned and its size; change_log holds, per committed batch, the keys its
    // writes touched in the EncodeIndexKeys form (one row per batch: the keys of an inserted
    // advisory are its index_keys as they are, so logging costs a copy, not a row per key).
    R"sql(
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
INSERT INTO meta(key, value) VALUES('id', lower(hex(randomblob(16)))), ('last_seq', '0'), ('pruned_through', '0'),
  ('log_bytes', '0');
CREATE TABLE change_log(
  seq INTEGER PRIMARY KEY,
  keys BLOB NOT NULL);
)sql",
};

// Orders two feed timestamps by their digits only (YYYY MM DD hh mm ss fraction), so NVD 1.1's
// "2019-09-20T14:15Z", NVD 2.0's "2019-09-20T14:15:00.000" and OSV's "…Z" compare as instants
// (all feeds write UTC). A missing part counts as zero. Linear in the inputs.
int CompareTimestamps(std::string_view a, std::string_view b) {
  std::size_t i = 0, j = 0;
  auto next_digit = [](std::string_view s, std::size_t& k) -> char {
    while (k < s.size() && (s[k] < '0' || s[k] > '9')) ++k;
    return k < s.size() ? s[k++] : '0';
  };
  while (i < a.size() || j < b.size()) {
    char x = next_digit(a, i), y = next_digit(b, j);
    if (x != y) return x < y ? -1 : 1;
  }
  return 0;
}

}  // namespace

// Index rows per multi-row INSERT. Larger statements save little more (the per-statement cost is
// already spread over 32 rows) and cost more to prepare.
constexpr std::size_t kRowsPerInsert = 32;

// `verb` "INSERT OR FAIL" for the index rows: a conflict still fails the statement (and the caller
// rolls back the batch), but SQLite need not keep a statement journal to undo the statement's
// earlier rows, which plain INSERT (OR ABORT) of several rows costs on every run.
std::string MultiRowInsert(std::string_view table, std::string_view columns, int columns_per_row, std::size_t rows,
                           std::string_view verb = "INSERT") {
  std::string sql = std::string(verb) + " INTO " + std::string(table) + "(" + std::string(columns) + ") VALUES";
  int param = 1;
  for (std::size_t r = 0; r < rows; ++r) {
    sql += r == 0 ? "(" : ",(";
    for (int c = 0; c < columns_per_row; ++c) {
      if (c > 0) sql += ',';
      sql += '?' + std::to_string(param++);
    }
    sql += ')';
  }
  return sql;
}

// Reads: valid on every schema version this binary can open read-only (the v1 and v2 index tables
// have the same columns).
struct VulnDb::Statements {
  sqlite::Statement by_package, by_cpe, by_alias, record, get_kev, get_epss;
};

// Writes: prepared only on read-write opens, after the migrations, so they may use the newest
// schema.
struct VulnDb::WriteStatements {
  sqlite::Statement select_existing, insert_advisory, update_advisory;
  sqlite::Statement delete_package, delete_cpe, delete_alias;
  sqlite::Statement insert_package, insert_cpe, insert_alias;
  sqlite::Statement insert_packages, insert_cpes, insert_aliases;  // kRowsPerInsert rows each
  sqlite::Statement insert_kev, update_kev, insert_epss, update_epss, put_run;
  sqlite::Statement insert_epss_rows;  // kRowsPerInsert rows
  sqlite::Statement insert_change, get_meta, set_meta;
};

VulnDb::VulnDb(std::unique_ptr<sqlite::Database> db) : db_(std::move(db)) {}
VulnDb::~VulnDb() = default;

Result<std::unique_ptr<VulnDb>> VulnDb::Open(const std::string& path, sqlite::Database::Mode mode) {
  auto db = sqlite::Database::Open(path, mode);
  if (!db.ok()) return db.status().WithContext("opening vulnerability database");
  std::unique_ptr<VulnDb> out(new VulnDb(std::move(db).value()));
  if (mode == sqlite::Database::Mode::kReadWrite) {
    SBOMHUB_RETURN_IF_ERROR(out->Migrate());
    // Imports touch the index b-trees at random keys: a 64 MiB page cache (allocated only as
    // used) keeps them in memory, and a larger WAL checkpoint interval turns many small
    // checkpoints (each an fsync under synchronous=NORMAL) into few. Commit durability is
    // unchanged: WAL + NORMAL, as the wrapper sets.
    SBOMHUB_RETURN_IF_ERROR(out->db_->Exec("PRAGMA cache_size=-65536; PRAGMA wal_autocheckpoint=8192;"));
  }
  SBOMHUB_RETURN_IF_ERROR(out->PrepareStatements(mode == sqlite::Database::Mode::kReadWrite));
  return out;
}

Status VulnDb::Migrate() {
  SBOMHUB_ASSIGN_OR_RETURN(auto version_query, db_->Prepare("PRAGMA user_version"));
  SBOMHUB_ASSIGN_OR_RETURN(bool has_row, version_query.Step());
  int version = has_row ? static_cast<int>(version_query.ColumnInt(0)) : 0;
  version_query.Reset();
  constexpr int kLatest = static_cast<int>(std::size(kMigrations));
  if (version > kLatest) {
    return Status::Unsupported(db_->path() + ": database schema v" + std::to_string(version) +
                               " is newer than this sbomhub understands (v" + std::to_string(kLatest) + ")");
  }
  for (int v = version; v < kLatest; ++v) {
    SBOMHUB_RETURN_IF_ERROR(db_->Begin());
    Status s = db_->Exec(kMigrations[v]);
    if (s.ok()) s = db_->Exec("PRAGMA user_version=" + std::to_string(v + 1));
    if (!s.ok()) {
      db_->Rollback();
      return s.WithContext("migrating vulnerability database to v" + std::to_string(v + 1));
    }
    SBOMHUB_RETURN_IF_ERROR(db_->Commit());
  }
  return Status::Ok();
}

Status VulnDb::PrepareStatements(bool writable) {
  // Every statement is checked: a schema this binary does not expect (a damaged file) is an
  // error to report, not a crash.
  Status failed;
  auto prepare = [&](std::string_view sql) -> sqlite::Statement {
    auto st = db_->Prepare(sql);
    if (st.ok()) return std::move(st).value();
    if (failed.ok()) failed = st.status().WithContext("preparing vulnerability database statements");
    return std::move(db_->Prepare("SELECT NULL").value());
  };
  st_ = std::make_unique<Statements>(Statements{
      prepare("SELECT DISTINCT p.advisory_rowid FROM package_index p JOIN advisory a ON a.rowid=p.advisory_rowid "
              "WHERE p.ecosystem=?1 AND p.name=?2 AND a.withdrawn=0 ORDER BY p.advisory_rowid"),
      prepare("SELECT DISTINCT c.advisory_rowid FROM cpe_index c JOIN advisory a ON a.rowid=c.advisory_rowid "
              "WHERE c.vendor=?1 AND c.product=?2 AND a.withdrawn=0 ORDER BY c.advisory_rowid"),
      prepare("SELECT DISTINCT advisory_rowid FROM alias WHERE alias=?1 ORDER BY advisory_rowid"),
      prepare("SELECT record FROM advisory WHERE rowid=?1"),
      prepare("SELECT cve,date_added,due_date,vendor_project,product,name,ransomware_use FROM kev WHERE cve=?1"),
      prepare("SELECT cve,score,percentile,score_date FROM epss WHERE cve=?1"),
  });
  if (!writable) return failed;
  wst_ = std::make_unique<WriteStatements>(WriteStatements{
      prepare("SELECT rowid, record, modified, index_keys FROM advisory WHERE source=?1 AND id=?2"),
      prepare("INSERT INTO advisory(source,id,source_id,modified,withdrawn,record,index_keys) "
              "VALUES(?1,?2,?3,?4,?5,?6,?7) ON CONFLICT(source,id) DO NOTHING"),
      prepare("UPDATE advisory SET source_id=?1, modified=?2, withdrawn=?3, record=?4, index_keys=?6 WHERE rowid=?5"),
      prepare("DELETE FROM package_index WHERE ecosystem=?2 AND name=?3 AND advisory_rowid=?1"),
      prepare("DELETE FROM cpe_index WHERE vendor=?2 AND product=?3 AND advisory_rowid=?1"),
      prepare("DELETE FROM alias WHERE alias=?2 AND advisory_rowid=?1"),
      prepare(MultiRowInsert("package_index", "advisory_rowid,ecosystem,name", 3, 1)),
      prepare(MultiRowInsert("cpe_index", "advisory_rowid,vendor,product", 3, 1)),
      prepare(MultiRowInsert("alias", "advisory_rowid,alias", 2, 1)),
      prepare(MultiRowInsert("package_index", "advisory_rowid,ecosystem,name", 3, kRowsPerInsert, "INSERT OR FAIL")),
      prepare(MultiRowInsert("cpe_index", "advisory_rowid,vendor,product", 3, kRowsPerInsert, "INSERT OR FAIL")),
      prepare(MultiRowInsert("alias", "advisory_rowid,alias", 2, kRowsPerInsert, "INSERT OR FAIL")),
      prepare("INSERT OR IGNORE INTO kev(cve,date_added,due_date,vendor_project,product,name,ransomware_use) "
              "VALUES(?1,?2,?3,?4,?5,?6,?7)"),
      prepare("UPDATE kev SET date_added=?2, due_date=?3, vendor_project=?4, product=?5, name=?6, "
              "ransomware_use=?7 WHERE cve=?1 AND (date_added,due_date,vendor_project,product,name,"
              "ransomware_use) IS NOT (?2,?3,?4,?5,?6,?7)"),
      prepare("INSERT OR IGNORE INTO epss(cve,score,percentile,score_date) VALUES(?1,?2,?3,?4)"),
      prepare("UPDATE epss SET score=?2, percentile=?3, score_date=?4 WHERE cve=?1 AND ?4 >= score_date "
              "AND (score,percentile,score_date) IS NOT (?2,?3,?4)"),
      prepare("INSERT INTO import_run(source,finished_at,records) VALUES(?1,?2,?3) ON CONFLICT(source) DO UPDATE "
              "SET finished_at=excluded.finished_at, records=excluded.records"),
      prepare(MultiRowInsert("epss", "cve,score,percentile,score_date", 4, kRowsPerInsert, "INSERT OR IGNORE")),
      prepare("INSERT INTO change_log(seq, keys) VALUES(?1, ?2)"),
      prepare("SELECT value FROM meta WHERE key=?1"),
      prepare("UPDATE meta SET value=?2 WHERE key=?1"),
  });
  return failed;
}

Status VulnDb::CheckWritable() const {
  if (wst_) return Status::Ok();
  return Status::Unsupported(db_->path() + ": the vulnerability database was opened read-only");
}

namespace {

// Sets the journal mode; false when SQLite keeps the old one. Leaving WAL needs the file to
// itself: with another connection open SQLite answers "busy", which here means "not now" and is
// asked once, not retried for the connection's busy timeout.
Result<bool> SetJournalMode(sqlite::Database& db, std::string_view mode, bool wait_for_others) {
  if (!wait_for_others) sqlite3_busy_timeout(db.raw(), 0);
  auto q = db.Prepare("PRAGMA journal_mode=" + std::string(mode));
  Result<bool> row = q.ok() ? q->Step() : Result<bool>(q.status());
  bool set = row.ok() && *row && EqualsIgnoreCase(q->ColumnText(0), mode);
  if (!wait_for_others) sqlite3_busy_timeout(db.raw(), sqlite::Database::kBusyTimeoutMs);
  if (!row.ok() && row.status().code() != StatusCode::kUnavailable) return row.status();
  return set;
}

}  // namespace

Result<bool> VulnDb::BeginBulkLoad() {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  if (bulk_load_) return true;
  SBOMHUB_ASSIGN_OR_RETURN(auto q, db_->Prepare("SELECT EXISTS(SELECT 1 FROM advisory) OR EXISTS(SELECT 1 FROM kev) "
                                                "OR EXISTS(SELECT 1 FROM epss)"));
  SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
  bool has_data = row && q.ColumnInt(0) != 0;
  q.Reset();
  if (has_data) return false;
  // Another connection (a reader, a checkpointer) keeps the file in WAL: then nothing changes.
  SBOMHUB_ASSIGN_OR_RETURN(bool switched, SetJournalMode(*db_, "persist", false));
  if (!switched) return false;
  // FULL: the journal is synced before the database pages it protects are overwritten (and its
  // header after), so a commit stays atomic on any file system. The journal holds only the
  // pages that existed before the batch: syncing it twice is cheap.
  Status s = db_->Exec("PRAGMA synchronous=FULL");
  if (!s.ok()) {
    (void)SetJournalMode(*db_, "wal", true);
    return s;
  }
  bulk_load_ = true;
  return true;
}

Status VulnDb::EndBulkLoad() {
  if (!bulk_load_) return Status::Ok();
  bulk_load_ = false;
  // Through DELETE, which removes the persisted journal file; then back to the WAL the wrapper
  // opens every read-write connection with.
  SBOMHUB_ASSIGN_OR_RETURN(bool deleted, SetJournalMode(*db_, "delete", true));
  SBOMHUB_ASSIGN_OR_RETURN(bool wal, SetJournalMode(*db_, "wal", true));
  if (!deleted || !wal) {
    return Status::Unavailable(db_->path() + ": cannot return the database to WAL mode after the import "
                               "(another connection has it open); the next read-write open will");
  }
  return db_->Exec("PRAGMA synchronous=NORMAL");
}

Status VulnDb::BeginBatch() {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  SBOMHUB_RETURN_IF_ERROR(db_->Begin());
  in_batch_ = true;
  return Status::Ok();
}

Status VulnDb::CommitBatch() {
  Status written = FlushIndexRows();
  if (written.ok()) written = WriteChangeLog();
  if (!written.ok()) {
    RollbackBatch();
    return written;
  }
  in_batch_ = false;
  return db_->Commit();
}

void VulnDb::RollbackBatch() {
  // Queued rows and noted changes belong to the rolled-back writes.
  queued_packages_.clear();
  queued_cpes_.clear();
  queued_aliases_.clear();
  pending_changes_.clear();
  changed_in_batch_ = false;
  in_batch_ = false;
  db_->Rollback();
}

namespace {

void AppendKeyPart(std::string& out, std::string_view part) {
  out += std::to_string(part.size());
  out += ':';
  out += part;
}

}  // namespace

std::string EncodeIndexKeys(const IndexKeys& keys) {
  std::string out;
  for (const auto& [eco, name] : keys.packages) {
    out += 'p';
    AppendKeyPart(out, eco);
    AppendKeyPart(out, name);
  }
  for (const auto& [vendor, product] : keys.cpes) {
    out += 'c';
    AppendKeyPart(out, vendor);
    AppendKeyPart(out, product);
  }
  for (const auto& alias : keys.aliases) {
    out += 'a';
    AppendKeyPart(out, alias);
  }
  return out;
}

Result<IndexKeys> DecodeIndexKeys(std::string_view in) {
  IndexKeys keys;
  std::size_t i = 0;
  auto part = [&](std::string& out) -> bool {
    std::size_t length = 0, digits = 0;
    while (i < in.size() && in[i] >= '0' && in[i] <= '9' && digits < 10) {
      length = length * 10 + static_cast<std::size_t>(in[i] - '0');
      ++i;
      ++digits;
    }
    if (digits == 0 || i >= in.size() || in[i] != ':' || in.size() - i - 1 < length) return false;
    out.assign(in.substr(i + 1, length));
    i += 1 + length;
    return true;
  };
  while (i < in.size()) {
    char kind = in[i++];
    bool ok = false;
    if (kind == 'p' || kind == 'c') {
      std::pair<std::string, std::string> key;
      ok = part(key.first) && part(key.second);
      if (ok) (kind == 'p' ? keys.packages : keys.cpes).push_back(std::move(key));
    } else if (kind == 'a') {
      ok = part(keys.aliases.emplace_back());
    }
    if (!ok) {
      return Status::InvalidDocument("stored advisory index keys are damaged at byte " + std::to_string(i));
    }
  }
  return keys;
}

PreparedAdvisory PreparedAdvisory::From(const vuln::Advisory& a) { return From(a, vuln::AdvisoryToJson(a)); }

PreparedAdvisory PreparedAdvisory::From(const vuln::Advisory& a, std::string record) {
  PreparedAdvisory p;
  p.source = a.source;
  p.id = a.id;
  p.source_id = a.source_id;
  p.modified = a.modified;
  p.withdrawn = a.IsWithdrawn();
  p.record = std::move(record);
  auto add_cpe = [&](std::string_view cpe) {
    if (auto vp = CpeVendorProduct(cpe)) p.cpes.push_back(std::move(*vp));
  };
  for (const auto& pkg : a.affected) {
    if (!pkg.ecosystem.empty() && !pkg.name.empty()) {
      std::string eco = CanonicalEcosystem(pkg.ecosystem);
      std::string name = NormalizePackageName(eco, pkg.name);
      p.packages.emplace_back(std::move(eco), std::move(name));
    }
    if (!pkg.cpe.empty()) add_cpe(pkg.cpe);
  }
  std::vector<const vuln::CpeNode*> stack;
  for (const auto& n : a.cpe_configurations) stack.push_back(&n);
  while (!stack.empty()) {
    const vuln::CpeNode* n = stack.back();
    stack.pop_back();
    for (const auto& m : n->matches) {
      if (m.vulnerable) add_cpe(m.criteria);
    }
    for (const auto& c : n->children) stack.push_back(&c);
  }
  for (const auto& c : a.cve5_affected) {
    for (const auto& cpe : c.cpes) add_cpe(cpe);
  }
  p.aliases.reserve(a.aliases.size() + 1);
  p.aliases.push_back(a.id);
  p.aliases.insert(p.aliases.end(), a.aliases.begin(), a.aliases.end());
  // Sorted and distinct: the rows (and their order) are what a std::set would give.
  auto distinct = [](auto& v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
  };
  distinct(p.packages);
  distinct(p.cpes);
  distinct(p.aliases);
  p.index_keys = EncodeIndexKeys(p);
  return p;
}

Status VulnDb::QueueIndexRows(std::int64_t rowid, const IndexKeys& keys) {
  for (const auto& [eco, name] : keys.packages) queued_packages_.push_back({rowid, eco, name});
  for (const auto& [vendor, product] : keys.cpes) queued_cpes_.push_back({rowid, vendor, product});
  for (const auto& alias : keys.aliases) queued_aliases_.push_back({rowid, alias, {}});
  // Full statements go out at once; the remainder waits for more rows or a flush. Outside a
  // batch every Put is its own transaction, so nothing may wait.
  if (!in_batch_) return FlushIndexRows();
  // Writes whole statements of kRowsPerInsert rows; the remainder stays queued.
  auto write_full = [&](std::vector<QueuedRow>& rows, sqlite::Statement& many, int columns) -> Status {
    std::size_t written = 0;
    while (rows.size() - written >= kRowsPerInsert) {
      int param = 1;
      for (std::size_t i = written; i < written + kRowsPerInsert; ++i) {
        many.Bind(param, rows[i].rowid).BindView(param + 1, rows[i].a);
        if (columns == 3) many.BindView(param + 2, rows[i].b);
        param += columns;
      }
      written += kRowsPerInsert;
      SBOMHUB_RETURN_IF_ERROR(many.Run());
    }
    rows.erase(rows.begin(), rows.begin() + static_cast<std::ptrdiff_t>(written));
    return Status::Ok();
  };
  SBOMHUB_RETURN_IF_ERROR(write_full(queued_packages_, wst_->insert_packages, 3));
  SBOMHUB_RETURN_IF_ERROR(write_full(queued_cpes_, wst_->insert_cpes, 3));
  return write_full(queued_aliases_, wst_->insert_aliases, 2);
}

Status VulnDb::FlushIndexRows() {
  if (!HasQueuedRows()) return Status::Ok();
  auto write_each = [](std::vector<QueuedRow>& rows, sqlite::Statement& one, int columns) -> Status {
    for (const QueuedRow& r : rows) {
      one.Bind(1, r.rowid).BindView(2, r.a);
      if (columns == 3) one.BindView(3, r.b);
      SBOMHUB_RETURN_IF_ERROR(one.Run());
    }
    rows.clear();
    return Status::Ok();
  };
  SBOMHUB_RETURN_IF_ERROR(write_each(queued_packages_, wst_->insert_package, 3));
  SBOMHUB_RETURN_IF_ERROR(write_each(queued_cpes_, wst_->insert_cpe, 3));
  return write_each(queued_aliases_, wst_->insert_alias, 2);
}

Status VulnDb::DeleteIndexRows(std::int64_t rowid, const IndexKeys& keys) {
  for (const auto& [eco, name] : keys.packages) {
    SBOMHUB_RETURN_IF_ERROR(wst_->delete_package.Bind(1, rowid).Bind(2, eco).Bind(3, name).Run());
  }
  for (const auto& [vendor, product] : keys.cpes) {
    SBOMHUB_RETURN_IF_ERROR(wst_->delete_cpe.Bind(1, rowid).Bind(2, vendor).Bind(3, product).Run());
  }
  for (const auto& alias : keys.aliases) {
    SBOMHUB_RETURN_IF_ERROR(wst_->delete_alias.Bind(1, rowid).Bind(2, alias).Run());
  }
  return Status::Ok();
}

void VulnDb::NoteChange(char kind, std::string_view a, std::string_view b) {
  changed_in_batch_ = true;
  // Past the cap this process keeps no keys (WriteChangeLog only advances the sequence).
  if (change_bytes_written_ > kMaxChangeLogBytes) return;
  pending_changes_ += kind;
  AppendKeyPart(pending_changes_, a);
  if (kind != 'a') AppendKeyPart(pending_changes_, b);
}

void VulnDb::NoteEncodedKeys(std::string_view encoded) {
  changed_in_batch_ = true;
  if (change_bytes_written_ > kMaxChangeLogBytes) return;
  pending_changes_ += encoded;
}

Result<std::string> VulnDb::MetaValue(std::string_view key) {
  auto& q = wst_->get_meta;
  q.Bind(1, key);
  SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
  std::string value = row ? std::string(q.ColumnText(0)) : std::string();
  q.Reset();
  if (!row) return Status::InvalidDocument(db_->path() + ": meta value '" + std::string(key) + "' is missing");
  return value;
}

Status VulnDb::SetMetaValue(std::string_view key, std::string_view value) {
  return wst_->set_meta.Bind(1, key).Bind(2, value).Run();
}

namespace {

Result<std::int64_t> ParseSeq(std::string_view text, std::string_view what) {
  std::int64_t v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || v < 0) {
    return Status::InvalidDocument("vulnerability database meta value " + std::string(what) + " is not a sequence: '" +
                                   std::string(text) + "'");
  }
  return v;
}

}  // namespace

Status VulnDb::WriteChangeLog() {
  if (!changed_in_batch_) return Status::Ok();
  SBOMHUB_ASSIGN_OR_RETURN(std::string last_text, MetaValue("last_seq"));
  SBOMHUB_ASSIGN_OR_RETURN(std::int64_t last, ParseSeq(last_text, "last_seq"));
  SBOMHUB_ASSIGN_OR_RETURN(std::string size_text, MetaValue("log_bytes"));
  SBOMHUB_ASSIGN_OR_RETURN(std::int64_t log_bytes, ParseSeq(size_text, "log_bytes"));
  const std::int64_t seq = last + 1;
  if (change_bytes_written_ + pending_changes_.size() > kMaxChangeLogBytes) {
    // Too much for the log: nothing before this sequence can be answered any more.
    change_bytes_written_ = kMaxChangeLogBytes + 1;
    SBOMHUB_RETURN_IF_ERROR(db_->Exec("DELETE FROM change_log"));
    SBOMHUB_RETURN_IF_ERROR(SetMetaValue("pruned_through", std::to_string(seq)));
    log_bytes = 0;
  } else {
    SBOMHUB_RETURN_IF_ERROR(wst_->insert_change.Bind(1, seq).BindBlobView(2, pending_changes_).Run());
    change_bytes_written_ += pending_changes_.size();
    log_bytes += static_cast<std::int64_t>(pending_changes_.size());
    if (log_bytes > static_cast<std::int64_t>(kMaxChangeLogBytes)) {
      // Drop the oldest sequences whole until at most the cap is left.
      SBOMHUB_ASSIGN_OR_RETURN(auto sizes, db_->Prepare("SELECT seq, length(keys) FROM change_log ORDER BY seq DESC"));
      std::int64_t kept = 0, cut = 0;
      while (true) {
        SBOMHUB_ASSIGN_OR_RETURN(bool row, sizes.Step());
        if (!row) break;
        if (kept + sizes.ColumnInt(1) > static_cast<std::int64_t>(kMaxChangeLogBytes)) {
          cut = sizes.ColumnInt(0);
          break;
        }
        kept += sizes.ColumnInt(1);
      }
      sizes.Reset();
      SBOMHUB_ASSIGN_OR_RETURN(auto prune, db_->Prepare("DELETE FROM change_log WHERE seq <= ?1"));
      SBOMHUB_RETURN_IF_ERROR(prune.Bind(1, cut).Run());
      SBOMHUB_RETURN_IF_ERROR(SetMetaValue("pruned_through", std::to_string(cut)));
      log_bytes = kept;
    }
  }
  SBOMHUB_RETURN_IF_ERROR(SetMetaValue("log_bytes", std::to_string(log_bytes)));
  SBOMHUB_RETURN_IF_ERROR(SetMetaValue("last_seq", std::to_string(seq)));
  pending_changes_.clear();
  changed_in_batch_ = false;
  return Status::Ok();
}

Result<ChangePosition> VulnDb::CurrentChangePosition() {
  auto q = db_->Prepare("SELECT (SELECT value FROM meta WHERE key='id'), (SELECT value FROM meta WHERE key='last_seq')");
  if (!q.ok()) return Status::Unsupported(db_->path() + ": this vulnerability database has no change log (schema before v3)");
  SBOMHUB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row || q->ColumnIsNull(0) || q->ColumnIsNull(1)) {
    return Status::InvalidDocument(db_->path() + ": the change log position is missing");
  }
  ChangePosition pos;
  pos.id = std::string(q->ColumnText(0));
  SBOMHUB_ASSIGN_OR_RETURN(pos.seq, ParseSeq(q->ColumnText(1), "last_seq"));
  return pos;
}

Result<std::optional<ChangeSet>> VulnDb::ChangesSince(std::int64_t since) {
  SBOMHUB_ASSIGN_OR_RETURN(ChangePosition pos, CurrentChangePosition());
  SBOMHUB_ASSIGN_OR_RETURN(auto pruned_query, db_->Prepare("SELECT value FROM meta WHERE key='pruned_through'"));
  SBOMHUB_ASSIGN_OR_RETURN(bool has_pruned, pruned_query.Step());
  if (!has_pruned) return Status::InvalidDocument(db_->path() + ": the change log's pruned_through is missing");
  SBOMHUB_ASSIGN_OR_RETURN(std::int64_t pruned, ParseSeq(pruned_query.ColumnText(0), "pruned_through"));
  if (since < pruned || since > pos.seq) return std::optional<ChangeSet>();
  std::set<std::pair<std::string, std::string>> packages, cpes;
  std::set<std::string> ids;
  SBOMHUB_ASSIGN_OR_RETURN(auto q, db_->Prepare("SELECT seq, keys FROM change_log WHERE seq > ?1"));
  q.Bind(1, since);
  while (true) {
    SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    auto keys = DecodeIndexKeys(q.ColumnText(1));
    if (!keys.ok()) return keys.status().WithContext("change log sequence " + std::to_string(q.ColumnInt(0)));
    packages.insert(keys->packages.begin(), keys->packages.end());
    cpes.insert(keys->cpes.begin(), keys->cpes.end());
    ids.insert(keys->aliases.begin(), keys->aliases.end());
  }
  ChangeSet out;
  for (auto& [eco, name] : packages) out.packages.push_back({eco, name});
  out.cpes.assign(cpes.begin(), cpes.end());
  out.vulnerabilities.assign(ids.begin(), ids.end());
  return std::optional<ChangeSet>(std::move(out));
}

Status VulnDb::Put(const vuln::Advisory& a, PutCounts& counts) {
  return PutPrepared(PreparedAdvisory::From(a), counts);
}

Status VulnDb::PutSerialized(const vuln::Advisory& a, std::string_view record, PutCounts& counts) {
  return PutPrepared(PreparedAdvisory::From(a, std::string(record)), counts);
}

Status VulnDb::PutPrepared(const PreparedAdvisory& a, PutCounts& counts) {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  InvalidateQueryCache();
  std::string_view source = vuln::AdvisorySourceName(a.source);
  const std::string& record = a.record;
  // Insert first: in a first import nearly every record is new, and the insert then costs one
  // statement instead of a lookup plus the insert. A conflict inserts nothing (and takes no row
  // id), and the stored row is compared as before.
  // Bound without copies: `a` outlives the statement's run.
  SBOMHUB_RETURN_IF_ERROR(wst_->insert_advisory.BindView(1, source).BindView(2, a.id).BindView(3, a.source_id)
                              .BindView(4, a.modified).Bind(5, static_cast<std::int64_t>(a.withdrawn))
                              .BindBlobView(6, record).BindBlobView(7, a.index_keys).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    NoteEncodedKeys(a.index_keys);
    SBOMHUB_RETURN_IF_ERROR(QueueIndexRows(db_->LastInsertRowId(), a));
    return in_batch_ ? Status::Ok() : WriteChangeLog();
  }
  auto& sel = wst_->select_existing;
  sel.Bind(1, source).Bind(2, a.id);
  SBOMHUB_ASSIGN_OR_RETURN(bool exists, sel.Step());
  if (!exists) {
    sel.Reset();
    return Status::Internal("advisory " + std::string(source) + ":" + a.id +
                            " neither inserted nor found (a concurrent writer?)");
  }
  std::int64_t rowid = sel.ColumnInt(0);
  bool same = sel.ColumnText(1) == record;
  bool older = !same && CompareTimestamps(a.modified, sel.ColumnText(2)) < 0;
  Result<IndexKeys> old_keys = IndexKeys{};
  std::string old_encoded;
  if (!same && !older) {
    old_encoded = std::string(sel.ColumnText(3));
    old_keys = DecodeIndexKeys(old_encoded);
  }
  sel.Reset();
  if (same) {
    ++counts.unchanged;
    return Status::Ok();
  }
  if (older) {
    ++counts.older;
    return Status::Ok();
  }
  if (!old_keys.ok()) return old_keys.status().WithContext("advisory " + std::string(source) + ":" + a.id);
  SBOMHUB_RETURN_IF_ERROR(wst_->update_advisory.BindView(1, a.source_id).BindView(2, a.modified)
                              .Bind(3, static_cast<std::int64_t>(a.withdrawn))
                              .BindBlobView(4, record).Bind(5, rowid).BindBlobView(6, a.index_keys).Run());
  // Queued rows may include this advisory's (a duplicate earlier in the same batch): they must
  // be in the table before its old rows are deleted.
  SBOMHUB_RETURN_IF_ERROR(FlushIndexRows());
  SBOMHUB_RETURN_IF_ERROR(DeleteIndexRows(rowid, *old_keys));
  cache_.erase(rowid);
  ++counts.updated;
  NoteEncodedKeys(old_encoded);
  NoteEncodedKeys(a.index_keys);
  SBOMHUB_RETURN_IF_ERROR(QueueIndexRows(rowid, a));
  return in_batch_ ? Status::Ok() : WriteChangeLog();
}

// Insert-or-ignore first: a new row costs one statement. Only an existing row runs the UPDATE,
// whose WHERE clause skips identical values, so Changes() tells updated from unchanged.
Status VulnDb::PutKev(const KevRecord& k, PutCounts& counts) {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  InvalidateQueryCache();
  SBOMHUB_RETURN_IF_ERROR(wst_->insert_kev.Bind(1, k.cve).Bind(2, k.date_added).Bind(3, k.due_date)
                              .Bind(4, k.vendor_project).Bind(5, k.product).Bind(6, k.name)
                              .Bind(7, k.ransomware_use).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    NoteChange('a', k.cve);
    return in_batch_ ? Status::Ok() : WriteChangeLog();
  }
  SBOMHUB_RETURN_IF_ERROR(wst_->update_kev.Bind(1, k.cve).Bind(2, k.date_added).Bind(3, k.due_date)
                              .Bind(4, k.vendor_project).Bind(5, k.product).Bind(6, k.name)
                              .Bind(7, k.ransomware_use).Run());
  if (db_->Changes() > 0) {
    ++counts.updated;
    NoteChange('a', k.cve);
  } else {
    ++counts.unchanged;
  }
  return in_batch_ ? Status::Ok() : WriteChangeLog();
}

Status VulnDb::PutEpss(const EpssRecord& e, PutCounts& counts) {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  InvalidateQueryCache();
  SBOMHUB_RETURN_IF_ERROR(
      wst_->insert_epss.Bind(1, e.cve).Bind(2, e.score).Bind(3, e.percentile).Bind(4, e.score_date).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    NoteChange('a', e.cve);
    return in_batch_ ? Status::Ok() : WriteChangeLog();
  }
  SBOMHUB_RETURN_IF_ERROR(
      wst_->update_epss.Bind(1, e.cve).Bind(2, e.score).Bind(3, e.percentile).Bind(4, e.score_date).Run());
  if (db_->Changes() > 0) {
    ++counts.updated;
    NoteChange('a', e.cve);
  } else {
    ++counts.unchanged;
  }
  return in_batch_ ? Status::Ok() : WriteChangeLog();
}

Status VulnDb::PutEpssRows(std::span<const EpssRecord> rows, PutCounts& counts) {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  InvalidateQueryCache();
  std::size_t i = 0;
  for (; rows.size() - i >= kRowsPerInsert; i += kRowsPerInsert) {
    auto& insert = wst_->insert_epss_rows;
    for (std::size_t r = 0; r < kRowsPerInsert; ++r) {
      const EpssRecord& e = rows[i + r];
      int param = static_cast<int>(r) * 4 + 1;
      insert.BindView(param, e.cve).Bind(param + 1, e.score).Bind(param + 2, e.percentile)
          .BindView(param + 3, e.score_date);
    }
    SBOMHUB_RETURN_IF_ERROR(insert.Run());
    std::size_t inserted = static_cast<std::size_t>(db_->Changes());
    counts.inserted += inserted;
    // Which rows of a partly inserted group were new is not known: the log gets them all (a
    // superset only re-analyses a little more).
    if (inserted > 0) {
      for (std::size_t r = 0; r < kRowsPerInsert; ++r) NoteChange('a', rows[i + r].cve);
    }
    if (inserted == kRowsPerInsert) continue;
    // Some CVEs were stored already (or twice in this group): each row of the group gets the
    // conditional UPDATE, in order. A row this statement inserted is identical to its values, so
    // its UPDATE changes nothing; the others count as updated or unchanged exactly as PutEpss
    // would count them one by one.
    std::size_t updated = 0;
    for (std::size_t r = 0; r < kRowsPerInsert; ++r) {
      const EpssRecord& e = rows[i + r];
      SBOMHUB_RETURN_IF_ERROR(
          wst_->update_epss.Bind(1, e.cve).Bind(2, e.score).Bind(3, e.percentile).Bind(4, e.score_date).Run());
      if (db_->Changes() > 0) {
        ++updated;
        NoteChange('a', e.cve);
      }
    }
    counts.updated += updated;
    counts.unchanged += kRowsPerInsert - inserted - updated;
  }
  for (; i < rows.size(); ++i) SBOMHUB_RETURN_IF_ERROR(PutEpss(rows[i], counts));
  return in_batch_ ? Status::Ok() : WriteChangeLog();
}

Status VulnDb::PutKev(const KevRecord& k) {
  PutCounts ignored;
  return PutKev(k, ignored);
}

Status VulnDb::PutEpss(const EpssRecord& e) {
  PutCounts ignored;
  return PutEpss(e, ignored);
}

Status VulnDb::RecordImportRun(const std::string& source, const std::string& when, std::size_t records) {
  SBOMHUB_RETURN_IF_ERROR(CheckWritable());
  return wst_->put_run.Bind(1, source).Bind(2, when).Bind(3, static_cast<std::int64_t>(records)).Run();
}

Result<const vuln::Advisory*> VulnDb::LoadAdvisory(std::int64_t rowid) {
  if (auto it = cache_.find(rowid); it != cache_.end()) return it->second.get();
  auto& q = st_->record;
  q.Bind(1, rowid);
  SBOMHUB_ASSIGN_OR_RETURN(bool found, q.Step());
  if (!found) {
    q.Reset();
    return Status::Internal("advisory row " + std::to_string(rowid) + " vanished during a read");
  }
  auto parsed = vuln::AdvisoryFromJson(q.ColumnText(0));
  q.Reset();
  if (!parsed.ok()) {
    return Status::InvalidDocument("stored advisory row " + std::to_string(rowid) +
                                   " is unreadable: " + parsed.status().message());
  }
  auto owned = std::make_unique<vuln::Advisory>(std::move(parsed).value());
  const vuln::Advisory* ptr = owned.get();
  cache_.emplace(rowid, std::move(owned));
  return ptr;
}

VulnDb::ReadSnapshot::ReadSnapshot(VulnDb& db) : db_(db), status_(db.db_->Exec("BEGIN")) {
  if (!status_.ok()) return;
  ++db_.snapshots_;
  auto q = db_.db_->Prepare("PRAGMA data_version");
  std::int64_t version = -1;
  if (q.ok()) {
    auto row = q->Step();
    if (row.ok() && *row) version = q->ColumnInt(0);
  }
  // Another connection committed since the last snapshot (or the version is unknown): nothing
  // cached may be trusted.
  if (version < 0 || version != db_.data_version_) {
    db_.cache_.clear();
    db_.InvalidateQueryCache();
  }
  db_.data_version_ = version;
}

VulnDb::ReadSnapshot::~ReadSnapshot() {
  if (!status_.ok()) return;
  --db_.snapshots_;
  (void)db_.db_->Exec("COMMIT");
}

Status VulnDb::ForRowIds(sqlite::Statement& query, std::string key,
                         const std::function<void(sqlite::Statement&)>& bind, const AdvisoryFn& fn) {
  SBOMHUB_RETURN_IF_ERROR(FlushIndexRows());
  const std::vector<std::int64_t>* ids = nullptr;
  std::vector<std::int64_t> rowids;
  if (snapshots_ > 0) {
    if (auto it = rowid_cache_.find(key); it != rowid_cache_.end()) ids = &it->second;
  }
  if (ids == nullptr) {
    bind(query);
    while (true) {
      auto row = query.Step();
      if (!row.ok()) {
        query.Reset();
        return row.status();
      }
      if (!*row) break;
      rowids.push_back(query.ColumnInt(0));
    }
    query.Reset();
    if (snapshots_ > 0) {
      ids = &rowid_cache_.emplace(std::move(key), std::move(rowids)).first->second;
    } else {
      ids = &rowids;
    }
  }
  for (std::int64_t id : *ids) {
    SBOMHUB_ASSIGN_OR_RETURN(const vuln::Advisory* a, LoadAdvisory(id));
    SBOMHUB_RETURN_IF_ERROR(fn(*a));
  }
  return Status::Ok();
}

// Cache keys: a kind letter, then the NUL-separated query arguments.
static std::string CacheKey(char kind, std::string_view a, std::string_view b = {}) {
  std::string key;
  key.reserve(2 + a.size() + b.size());
  key.push_back(kind);
  key.append(a).push_back('\0');
  key.append(b);
  return key;
}

Status VulnDb::ForPackage(const PackageKey& key, const AdvisoryFn& fn) {
  return ForRowIds(st_->by_package, CacheKey('p', key.ecosystem, key.name),
                   [&](sqlite::Statement& q) { q.Bind(1, key.ecosystem).Bind(2, key.name); }, fn);
}

Status VulnDb::ForCpeProduct(std::string_view vendor, std::string_view product, const AdvisoryFn& fn) {
  return ForRowIds(st_->by_cpe, CacheKey('c', vendor, product),
                   [&](sqlite::Statement& q) { q.Bind(1, vendor).Bind(2, product); }, fn);
}

Status VulnDb::ForIdOrAlias(std::string_view id, const AdvisoryFn& fn) {
  return ForRowIds(st_->by_alias, CacheKey('a', id), [&](sqlite::Statement& q) { q.Bind(1, id); }, fn);
}

Result<std::vector<PackageKey>> VulnDb::PackageNames() {
  SBOMHUB_RETURN_IF_ERROR(FlushIndexRows());
  if (snapshots_ > 0 && package_names_) return *package_names_;
  SBOMHUB_ASSIGN_OR_RETURN(auto q, db_->Prepare("SELECT DISTINCT ecosystem, name FROM package_index ORDER BY 1, 2"));
  std::vector<PackageKey> out;
  while (true) {
    SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({std::string(q.ColumnText(0)), std::string(q.ColumnText(1))});
  }
  if (snapshots_ > 0) package_names_ = out;
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> VulnDb::CpeProducts() {
  SBOMHUB_RETURN_IF_ERROR(FlushIndexRows());
  if (snapshots_ > 0 && cpe_products_) return *cpe_products_;
  SBOMHUB_ASSIGN_OR_RETURN(auto q, db_->Prepare("SELECT DISTINCT vendor, product FROM cpe_index ORDER BY 1, 2"));
  std::vector<std::pair<std::string, std::string>> out;
  while (true) {
    SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.emplace_back(std::string(q.ColumnText(0)), std::string(q.ColumnText(1)));
  }
  if (snapshots_ > 0) cpe_products_ = out;
  return out;
}

Result<std::optional<KevRecord>> VulnDb::Kev(std::string_view cve) {
  if (snapshots_ > 0) {
    if (auto it = kev_cache_.find(std::string(cve)); it != kev_cache_.end()) return it->second;
  }
  auto& q = st_->get_kev;
  q.Bind(1, cve);
  SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
  std::optional<KevRecord> out;
  if (row) {
    out = KevRecord{std::string(q.ColumnText(0)), std::string(q.ColumnText(1)), std::string(q.ColumnText(2)),
                    std::string(q.ColumnText(3)), std::string(q.ColumnText(4)), std::string(q.ColumnText(5)),
                    std::string(q.ColumnText(6))};
  }
  q.Reset();
  if (snapshots_ > 0) kev_cache_.emplace(std::string(cve), out);
  return out;
}

Result<std::optional<EpssRecord>> VulnDb::Epss(std::string_view cve) {
  if (snapshots_ > 0) {
    if (auto it = epss_cache_.find(std::string(cve)); it != epss_cache_.end()) return it->second;
  }
  auto& q = st_->get_epss;
  q.Bind(1, cve);
  SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
  std::optional<EpssRecord> out;
  if (row) {
    out = EpssRecord{std::string(q.ColumnText(0)), q.ColumnDouble(1), q.ColumnDouble(2), std::string(q.ColumnText(3))};
  }
  q.Reset();
  if (snapshots_ > 0) epss_cache_.emplace(std::string(cve), out);
  return out;
}

Result<std::vector<SourceSummary>> VulnDb::Summary() {
  std::vector<SourceSummary> out;
  SBOMHUB_ASSIGN_OR_RETURN(auto q, db_->Prepare(
      "SELECT source, count(*), sum(withdrawn), max(modified) FROM advisory GROUP BY source ORDER BY source"));
  while (true) {
    SBOMHUB_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    out.push_back({std::string(q.ColumnText(0)), static_cast<std::size_t>(q.ColumnInt(1)),
                   static_cast<std::size_t>(q.ColumnInt(2)), std::string(q.ColumnText(3))});
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto k, db_->Prepare("SELECT count(*), max(date_added) FROM kev"));
  SBOMHUB_ASSIGN_OR_RETURN(bool krow, k.Step());
  if (krow && k.ColumnInt(0) > 0) {
    out.push_back({"kev", static_cast<std::size_t>(k.ColumnInt(0)), 0, std::string(k.ColumnText(1))});
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto e, db_->Prepare("SELECT count(*), max(score_date) FROM epss"));
  SBOMHUB_ASSIGN_OR_RETURN(bool erow, e.Step());
  if (erow && e.ColumnInt(0) > 0) {
    out.push_back({"epss", static_cast<std::size_t>(e.ColumnInt(0)), 0, std::string(e.ColumnText(1))});
  }
  return out;
}

}  // namespace sbomhub::vulndb
