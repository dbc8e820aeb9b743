#include "vulndb/vuln_db.h"

#include <algorithm>

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

struct VulnDb::Statements {
  sqlite::Statement select_existing, insert_advisory, update_advisory;
  sqlite::Statement delete_package, delete_cpe, delete_alias;
  sqlite::Statement insert_package, insert_cpe, insert_alias;
  sqlite::Statement by_package, by_cpe, by_alias, record;
  sqlite::Statement insert_kev, update_kev, insert_epss, update_epss, get_kev, get_epss, put_run;
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
  SBOMHUB_RETURN_IF_ERROR(out->PrepareStatements());
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

Status VulnDb::PrepareStatements() {
  st_ = std::make_unique<Statements>(Statements{
      db_->Prepare("SELECT rowid, record, modified FROM advisory WHERE source=?1 AND id=?2").value(),
      db_->Prepare("INSERT INTO advisory(source,id,source_id,modified,withdrawn,record) VALUES(?1,?2,?3,?4,?5,?6) "
                   "ON CONFLICT(source,id) DO NOTHING").value(),
      db_->Prepare("UPDATE advisory SET source_id=?1, modified=?2, withdrawn=?3, record=?4 WHERE rowid=?5").value(),
      db_->Prepare("DELETE FROM package_index WHERE advisory_rowid=?1").value(),
      db_->Prepare("DELETE FROM cpe_index WHERE advisory_rowid=?1").value(),
      db_->Prepare("DELETE FROM alias WHERE advisory_rowid=?1").value(),
      db_->Prepare("INSERT INTO package_index(advisory_rowid,ecosystem,name) VALUES(?1,?2,?3)").value(),
      db_->Prepare("INSERT INTO cpe_index(advisory_rowid,vendor,product) VALUES(?1,?2,?3)").value(),
      db_->Prepare("INSERT INTO alias(advisory_rowid,alias) VALUES(?1,?2)").value(),
      db_->Prepare("SELECT DISTINCT p.advisory_rowid FROM package_index p JOIN advisory a ON a.rowid=p.advisory_rowid "
                   "WHERE p.ecosystem=?1 AND p.name=?2 AND a.withdrawn=0 ORDER BY p.advisory_rowid").value(),
      db_->Prepare("SELECT DISTINCT c.advisory_rowid FROM cpe_index c JOIN advisory a ON a.rowid=c.advisory_rowid "
                   "WHERE c.vendor=?1 AND c.product=?2 AND a.withdrawn=0 ORDER BY c.advisory_rowid").value(),
      db_->Prepare("SELECT DISTINCT advisory_rowid FROM alias WHERE alias=?1 ORDER BY advisory_rowid").value(),
      db_->Prepare("SELECT record FROM advisory WHERE rowid=?1").value(),
      db_->Prepare("INSERT OR IGNORE INTO kev(cve,date_added,due_date,vendor_project,product,name,ransomware_use) "
                   "VALUES(?1,?2,?3,?4,?5,?6,?7)").value(),
      db_->Prepare("UPDATE kev SET date_added=?2, due_date=?3, vendor_project=?4, product=?5, name=?6, "
                   "ransomware_use=?7 WHERE cve=?1 AND (date_added,due_date,vendor_project,product,name,"
                   "ransomware_use) IS NOT (?2,?3,?4,?5,?6,?7)").value(),
      db_->Prepare("INSERT OR IGNORE INTO epss(cve,score,percentile,score_date) VALUES(?1,?2,?3,?4)").value(),
      db_->Prepare("UPDATE epss SET score=?2, percentile=?3, score_date=?4 WHERE cve=?1 AND ?4 >= score_date "
                   "AND (score,percentile,score_date) IS NOT (?2,?3,?4)").value(),
      db_->Prepare("SELECT cve,date_added,due_date,vendor_project,product,name,ransomware_use FROM kev WHERE cve=?1").value(),
      db_->Prepare("SELECT cve,score,percentile,score_date FROM epss WHERE cve=?1").value(),
      db_->Prepare("INSERT INTO import_run(source,finished_at,records) VALUES(?1,?2,?3) ON CONFLICT(source) DO UPDATE "
                   "SET finished_at=excluded.finished_at, records=excluded.records").value(),
  });
  return Status::Ok();
}

Status VulnDb::BeginBatch() { return db_->Begin(); }
Status VulnDb::CommitBatch() { return db_->Commit(); }
void VulnDb::RollbackBatch() { db_->Rollback(); }

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
  return p;
}

Status VulnDb::WriteIndexes(std::int64_t rowid, const PreparedAdvisory& a) {
  for (const auto& [eco, name] : a.packages) {
    SBOMHUB_RETURN_IF_ERROR(st_->insert_package.Bind(1, rowid).Bind(2, eco).Bind(3, name).Run());
  }
  for (const auto& [vendor, product] : a.cpes) {
    SBOMHUB_RETURN_IF_ERROR(st_->insert_cpe.Bind(1, rowid).Bind(2, vendor).Bind(3, product).Run());
  }
  for (const auto& alias : a.aliases) {
    SBOMHUB_RETURN_IF_ERROR(st_->insert_alias.Bind(1, rowid).Bind(2, alias).Run());
  }
  return Status::Ok();
}

Status VulnDb::Put(const vuln::Advisory& a, PutCounts& counts) {
  return PutPrepared(PreparedAdvisory::From(a), counts);
}

Status VulnDb::PutSerialized(const vuln::Advisory& a, std::string_view record, PutCounts& counts) {
  return PutPrepared(PreparedAdvisory::From(a, std::string(record)), counts);
}

Status VulnDb::PutPrepared(const PreparedAdvisory& a, PutCounts& counts) {
  InvalidateQueryCache();
  std::string_view source = vuln::AdvisorySourceName(a.source);
  const std::string& record = a.record;
  // Insert first: in a first import nearly every record is new, and the insert then costs one
  // statement instead of a lookup plus the insert. A conflict inserts nothing (and takes no row
  // id), and the stored row is compared as before.
  SBOMHUB_RETURN_IF_ERROR(st_->insert_advisory.Bind(1, source).Bind(2, a.id).Bind(3, a.source_id)
                              .Bind(4, a.modified).Bind(5, static_cast<std::int64_t>(a.withdrawn))
                              .BindBlob(6, record).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    return WriteIndexes(db_->LastInsertRowId(), a);
  }
  auto& sel = st_->select_existing;
  sel.Bind(1, source).Bind(2, a.id);
  SBOMHUB_ASSIGN_OR_RETURN(bool exists, sel.Step());
  std::int64_t rowid = 0;
  if (exists) {
    rowid = sel.ColumnInt(0);
    bool same = sel.ColumnText(1) == record;
    bool older = !same && CompareTimestamps(a.modified, sel.ColumnText(2)) < 0;
    sel.Reset();
    if (same) {
      ++counts.unchanged;
      return Status::Ok();
    }
    if (older) {
      ++counts.older;
      return Status::Ok();
    }
    SBOMHUB_RETURN_IF_ERROR(st_->update_advisory.Bind(1, a.source_id).Bind(2, a.modified)
                                .Bind(3, static_cast<std::int64_t>(a.withdrawn))
                                .BindBlob(4, record).Bind(5, rowid).Run());
    SBOMHUB_RETURN_IF_ERROR(st_->delete_package.Bind(1, rowid).Run());
    SBOMHUB_RETURN_IF_ERROR(st_->delete_cpe.Bind(1, rowid).Run());
    SBOMHUB_RETURN_IF_ERROR(st_->delete_alias.Bind(1, rowid).Run());
    cache_.erase(rowid);
    ++counts.updated;
  } else {
    sel.Reset();
    return Status::Internal("advisory " + std::string(source) + ":" + a.id +
                            " neither inserted nor found (a concurrent writer?)");
  }
  return WriteIndexes(rowid, a);
}

// Insert-or-ignore first: a new row costs one statement. Only an existing row runs the UPDATE,
// whose WHERE clause skips identical values, so Changes() tells updated from unchanged.
Status VulnDb::PutKev(const KevRecord& k, PutCounts& counts) {
  InvalidateQueryCache();
  SBOMHUB_RETURN_IF_ERROR(st_->insert_kev.Bind(1, k.cve).Bind(2, k.date_added).Bind(3, k.due_date)
                              .Bind(4, k.vendor_project).Bind(5, k.product).Bind(6, k.name)
                              .Bind(7, k.ransomware_use).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    return Status::Ok();
  }
  SBOMHUB_RETURN_IF_ERROR(st_->update_kev.Bind(1, k.cve).Bind(2, k.date_added).Bind(3, k.due_date)
                              .Bind(4, k.vendor_project).Bind(5, k.product).Bind(6, k.name)
                              .Bind(7, k.ransomware_use).Run());
  if (db_->Changes() > 0) {
    ++counts.updated;
  } else {
    ++counts.unchanged;
  }
  return Status::Ok();
}

Status VulnDb::PutEpss(const EpssRecord& e, PutCounts& counts) {
  InvalidateQueryCache();
  SBOMHUB_RETURN_IF_ERROR(
      st_->insert_epss.Bind(1, e.cve).Bind(2, e.score).Bind(3, e.percentile).Bind(4, e.score_date).Run());
  if (db_->Changes() > 0) {
    ++counts.inserted;
    return Status::Ok();
  }
  SBOMHUB_RETURN_IF_ERROR(
      st_->update_epss.Bind(1, e.cve).Bind(2, e.score).Bind(3, e.percentile).Bind(4, e.score_date).Run());
  if (db_->Changes() > 0) {
    ++counts.updated;
  } else {
    ++counts.unchanged;
  }
  return Status::Ok();
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
  return st_->put_run.Bind(1, source).Bind(2, when).Bind(3, static_cast<std::int64_t>(records)).Run();
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
