// The local vulnerability database: one SQLite file holding every imported advisory as its
// normalized JSON record plus the index rows the matchers query, and the KEV and EPSS tables.
//
//   advisory(rowid, source, id, source_id, modified, withdrawn, record, index_keys)  UNIQUE (source, id)
//   package_index(ecosystem, name, advisory_rowid)   PK, WITHOUT ROWID    -> purl matching
//   cpe_index(vendor, product, advisory_rowid)       PK, WITHOUT ROWID    -> CPE matching
//   alias(alias, advisory_rowid)                     PK, WITHOUT ROWID    -> one problem, one finding
//   (advisory.index_keys lists an advisory's own index rows, see EncodeIndexKeys)
//   kev(cve, ...), epss(cve, score, percentile, score_date), import_run(...)
//   meta(key, value), change_log(seq, keys)                                -> ChangesSince
//
// Re-import is incremental and idempotent: a record whose normalized JSON is byte-identical to the
// stored one is counted as unchanged and not rewritten; a changed one replaces its index rows; an
// older one (by `modified`) is left out.
// Writes happen in caller-delimited batches (BeginBatch/CommitBatch), one transaction each, so an
// interrupted import leaves every committed batch intact and nothing half-written.
//
// Reads cache parsed advisories by rowid, so a second scan in the same process parses nothing.
// Thread-safety: one thread at a time.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "sqlite/sqlite.h"
#include "vuln/advisory/advisory.h"
#include "vulndb/package_key.h"

namespace sbomhub::vulndb {

struct PutCounts {
  std::size_t inserted = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
  // Advisories older (by `modified`) than the stored version of the same (source, id), which is
  // kept: importing an old snapshot after a new one never rolls the database back.
  std::size_t older = 0;
};

struct KevRecord {
  std::string cve;
  std::string date_added;
  std::string due_date;
  std::string vendor_project;
  std::string product;
  std::string name;
  std::string ransomware_use;  // "Known" | "Unknown"
};

struct EpssRecord {
  std::string cve;
  double score = 0;
  double percentile = 0;
  std::string score_date;
};

struct SourceSummary {
  std::string source;  // "osv", "nvd", ...; "kev" and "epss" for those tables
  std::size_t records = 0;
  std::size_t withdrawn = 0;
  std::string newest_modified;
};

// The index rows of one advisory: what the matchers look it up by (sorted, distinct).
struct IndexKeys {
  std::vector<std::pair<std::string, std::string>> packages;  // (canonical ecosystem, normalized name)
  std::vector<std::pair<std::string, std::string>> cpes;      // (vendor, product), see CpeVendorProduct
  std::vector<std::string> aliases;                            // the id and every alias
  bool operator==(const IndexKeys&) const = default;
};

// The advisory.index_keys column: the advisory's own index rows, so that replacing them needs no
// index on advisory_rowid. Length-prefixed, so any byte may occur in a key:
//   entry = 'p' part part | 'c' part part | 'a' part;  part = <decimal byte length> ':' <bytes>
// e.g. "p4:PyPI6:django" "a13:CVE-2024-0001". A value that does not parse is reported as a
// corrupt database, never guessed at.
std::string EncodeIndexKeys(const IndexKeys& keys);
Result<IndexKeys> DecodeIndexKeys(std::string_view encoded);

// Everything Put writes for one advisory, computed without the database: the storage JSON and
// the index keys (sorted, distinct) with their encoding. Importers build it on their parsing
// threads so the thread that owns the connection only runs SQL.
struct PreparedAdvisory : IndexKeys {
  vuln::AdvisorySource source = vuln::AdvisorySource::kOsv;
  std::string id;
  std::string source_id;
  std::string modified;
  bool withdrawn = false;
  std::string record;      // vuln::AdvisoryToJson
  std::string index_keys;  // EncodeIndexKeys of the keys above

  static PreparedAdvisory From(const vuln::Advisory& advisory);
  // The same with the storage JSON already computed.
  static PreparedAdvisory From(const vuln::Advisory& advisory, std::string record);
};

// What the writes after some change sequence touched (VulnDb::ChangesSince): everything a
// finding computed before them could depend on. Sorted, distinct.
struct ChangeSet {
  std::vector<PackageKey> packages;                         // old and new package index keys
  std::vector<std::pair<std::string, std::string>> cpes;    // old and new CPE vendor:product keys
  std::vector<std::string> vulnerabilities;                 // advisory ids and aliases, KEV/EPSS CVEs
};

// Where the change log of one database file stands. `id` is random per database file, so a
// rebuilt or different file never continues another's sequence.
struct ChangePosition {
  std::string id;
  std::int64_t seq = 0;
};

class VulnDb {
 public:
  // The change log keeps at most this many bytes of encoded keys (about 100,000 keys). Older
  // sequences are pruned (ChangesSince then cannot answer for them), and one process stops
  // recording keys past it (an EPSS feed changes several hundred thousand CVEs: its later
  // commits only advance the sequence and mark everything before them as pruned, so a consumer
  // falls back to a full re-analysis).
  static constexpr std::size_t kMaxChangeLogBytes = std::size_t{4} << 20;

  using AdvisoryFn = std::function<Status(const vuln::Advisory&)>;

  // Opens or creates the database at `path` and applies the schema migrations it lacks.
  static Result<std::unique_ptr<VulnDb>> Open(const std::string& path,
                                              sqlite::Database::Mode mode = sqlite::Database::Mode::kReadWrite);

  // A read snapshot for a run of queries (one scan): every query inside sees the same database
  // state, and SQLite takes its shared lock once instead of once per statement (per-statement
  // locking is a pair of fcntl calls plus a WAL index check: a large part of a 10k-component
  // scan). End it promptly: a snapshot held open keeps WAL checkpoints from completing.
  // Inside a snapshot, query results (advisory row ids per package / CPE product / alias, the
  // name-matching candidate lists, KEV and EPSS rows) are cached, so a second scan in the process
  // runs almost no SQL; a snapshot that finds the database changed by another connection (PRAGMA
  // data_version) drops every cache first, and every write through this object drops them too.
  // Not inside a write batch.
  class ReadSnapshot {
   public:
    explicit ReadSnapshot(VulnDb& db);
    ~ReadSnapshot();
    ReadSnapshot(const ReadSnapshot&) = delete;
    ReadSnapshot& operator=(const ReadSnapshot&) = delete;
    const Status& status() const { return status_; }

   private:
    VulnDb& db_;
    Status status_;
  };

  Status BeginBatch();
  Status CommitBatch();
  void RollbackBatch();

  // Bulk loading of a new database file. When the file holds no advisory, KEV or EPSS row yet
  // and no other connection has it open, switches it from WAL to a rollback journal
  // (journal_mode=PERSIST, synchronous=FULL) and returns true; otherwise changes nothing and
  // returns false. Batches stay transactions: a crash rolls back to the last committed batch.
  // Why: pages a transaction appends to the file are never journaled, so in a new file each
  // page is written once and synced as its batch commits, where WAL writes it twice (the WAL,
  // then the checkpoint's copy) and leaves the last checkpoint, its syncs and the removal of a
  // WAL as large as the database for the end of the import.
  //
  //   WAL:      commit -> WAL frames ......... checkpoint: fsync WAL, copy to db, fsync db; close: unlink WAL
  //   bulk:     commit -> journal (the few pages that existed before), fsync, db pages, fsync
  //
  // While it lasts, readers of the file wait for commits (busy timeout) instead of reading
  // beside them. EndBulkLoad returns the file to WAL + synchronous=NORMAL (so does the next
  // read-write Open, should the process die first). Not inside a batch.
  Result<bool> BeginBulkLoad();
  Status EndBulkLoad();

  // Inserts or replaces one advisory (keyed by source and id) inside the current batch. A record
  // whose `modified` is older than the stored one's is not written (counts.older); one equal to
  // the stored record is not rewritten (counts.unchanged).
  Status Put(const vuln::Advisory& advisory, PutCounts& counts);
  // The same with `record` = vuln::AdvisoryToJson(advisory) already computed (the importer
  // serializes on its parsing thread).
  Status PutSerialized(const vuln::Advisory& advisory, std::string_view record, PutCounts& counts);
  // The same for an advisory prepared beforehand (PreparedAdvisory::From).
  Status PutPrepared(const PreparedAdvisory& advisory, PutCounts& counts);
  // Upserts; `counts` tells a new row from a changed or an identical one. An EPSS score never
  // replaces one with a later score_date.
  Status PutKev(const KevRecord& kev, PutCounts& counts);
  Status PutEpss(const EpssRecord& epss, PutCounts& counts);
  Status PutKev(const KevRecord& kev);
  Status PutEpss(const EpssRecord& epss);
  // The same as PutEpss for each row in order, with the same counts, written with multi-row
  // INSERTs (an EPSS feed is several hundred thousand rows).
  Status PutEpssRows(std::span<const EpssRecord> rows, PutCounts& counts);
  // Records that an import of `source` finished at `when` (for `db status`).
  Status RecordImportRun(const std::string& source, const std::string& when, std::size_t records);

  // Non-withdrawn advisories with an affected package of this key.
  Status ForPackage(const PackageKey& key, const AdvisoryFn& fn);
  // Non-withdrawn advisories whose CPE applicability names vendor:product (lower case).
  Status ForCpeProduct(std::string_view vendor, std::string_view product, const AdvisoryFn& fn);
  // Every advisory stored under `id` or carrying it as an alias (any source).
  Status ForIdOrAlias(std::string_view id, const AdvisoryFn& fn);

  // Distinct package keys and CPE vendor/product pairs: the candidate list for name matching.
  Result<std::vector<PackageKey>> PackageNames();
  Result<std::vector<std::pair<std::string, std::string>>> CpeProducts();

  Result<std::optional<KevRecord>> Kev(std::string_view cve);
  Result<std::optional<EpssRecord>> Epss(std::string_view cve);

  Result<std::vector<SourceSummary>> Summary();

  // The change log (schema v3). Every committed write that changes something (an advisory
  // inserted, updated or withdrawn; a KEV or EPSS row inserted or changed) advances the sequence
  // once per batch and records the keys it touched: an advisory's package keys, CPE
  // vendor:product keys and ids (its own and its aliases), before and after the write; the CVE of
  // a KEV or EPSS row. Unchanged and older records touch nothing.
  // kUnsupported on a database without the log (an older schema opened read-only).
  Result<ChangePosition> CurrentChangePosition();
  // The union of what the writes after `seq` touched; nullopt when the log cannot tell: `seq` is
  // newer than the current sequence or older than the pruned part of the log.
  Result<std::optional<ChangeSet>> ChangesSince(std::int64_t seq);

  // The database file's path, as opened.
  const std::string& path() const { return db_->path(); }

 private:
  explicit VulnDb(std::unique_ptr<sqlite::Database> db);
  Status Migrate();
  Status PrepareStatements(bool writable);
  // OK when the database was opened for writing (the write statements exist).
  Status CheckWritable() const;
  // Advisory row ids from the snapshot cache under `key`, or from `query` after `bind` binds its
  // arguments (a cache hit binds nothing: binding copies the text into SQLite).
  Status ForRowIds(sqlite::Statement& query, std::string key, const std::function<void(sqlite::Statement&)>& bind,
                   const AdvisoryFn& fn);
  // Every write calls this: clearing only what is filled keeps it cheap (clear() on an emptied
  // map would still wipe its bucket array).
  void InvalidateQueryCache() {
    if (!rowid_cache_.empty()) rowid_cache_.clear();
    package_names_.reset();
    cpe_products_.reset();
    if (!kev_cache_.empty()) kev_cache_.clear();
    if (!epss_cache_.empty()) epss_cache_.clear();
  }
  Result<const vuln::Advisory*> LoadAdvisory(std::int64_t rowid);
  // Queues the index rows of one advisory; they are written in multi-row INSERTs of
  // kRowsPerInsert (one statement per 32 rows instead of one per row), and the rest by
  // FlushIndexRows, which every commit, every replacement of an advisory's rows and every read
  // runs first, so no reader and no DELETE ever misses a queued row.
  Status QueueIndexRows(std::int64_t rowid, const IndexKeys& keys);
  Status FlushIndexRows();
  Status DeleteIndexRows(std::int64_t rowid, const IndexKeys& keys);
  // Change log: keys touched in the open batch, written with their sequence number before it
  // commits (WriteChangeLog), so a batch's changes and its log rows commit together.
  // `kind` 'p' (ecosystem, name), 'c' (vendor, product), 'a' (an id; `b` unused).
  void NoteChange(char kind, std::string_view a, std::string_view b = {});
  void NoteEncodedKeys(std::string_view encoded);
  Status WriteChangeLog();
  Result<std::string> MetaValue(std::string_view key);
  Status SetMetaValue(std::string_view key, std::string_view value);
  bool HasQueuedRows() const {
    return !queued_packages_.empty() || !queued_cpes_.empty() || !queued_aliases_.empty();
  }

  std::unique_ptr<sqlite::Database> db_;
  std::unordered_map<std::int64_t, std::unique_ptr<vuln::Advisory>> cache_;
  std::unordered_map<std::string, std::vector<std::int64_t>> rowid_cache_;  // only inside snapshots
  // Also filled only inside snapshots and dropped with rowid_cache_: the name-matching candidate
  // lists and KEV/EPSS lookups (a scan asks for the same CVE once per component it affects).
  std::optional<std::vector<PackageKey>> package_names_;
  std::optional<std::vector<std::pair<std::string, std::string>>> cpe_products_;
  std::unordered_map<std::string, std::optional<KevRecord>> kev_cache_;
  std::unordered_map<std::string, std::optional<EpssRecord>> epss_cache_;
  int snapshots_ = 0;
  std::int64_t data_version_ = -1;
  bool in_batch_ = false;
  bool bulk_load_ = false;
  struct QueuedRow {
    std::int64_t rowid;
    std::string a, b;  // (ecosystem, name) | (vendor, product) | (alias, unused)
  };
  std::vector<QueuedRow> queued_packages_, queued_cpes_, queued_aliases_;
  // The keys the open batch touched, in the EncodeIndexKeys form ('a' entries are the ids);
  // repeats are harmless (ChangesSince makes sets).
  std::string pending_changes_;
  bool changed_in_batch_ = false;          // also set when the log overflowed and keeps no keys
  std::size_t change_bytes_written_ = 0;   // by this object (see kMaxChangeLogBytes)
  struct Statements;
  struct WriteStatements;
  std::unique_ptr<Statements> st_;
  std::unique_ptr<WriteStatements> wst_;  // null on read-only opens

 public:
  ~VulnDb();
};

}  // namespace sbomhub::vulndb
