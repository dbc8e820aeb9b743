// Portfolio store and use-case figures (not a test: prints, never asserts timing).
//
//   sbomhub_bench_portfolio ingest --store LOC [--rounds N] FILE...
//       per file: IngestSbom end to end (decode + validate + store + enqueue) and PutSbom alone,
//       SBOMs/s and components/s (best of N; also per CPU second of the process, steadier on a
//       busy machine); beside the baseline "raw sqlite3": the same
//       component rows inserted by one prepared INSERT in one transaction into a bare table with
//       the store's indexes (what an executemany loop does), on SQLite stores only.
//   sbomhub_bench_portfolio queries --store LOC [--versions V] [--components C] [--queries Q]
//       generates a SYNTHETIC portfolio (V versions × C components drawn from a pool of package
//       names with a skewed popularity, plus findings) unless the store already holds one, then
//       where-used and affected-by latency p50/p99 over Q random lookups (first page, 100 rows).
//   sbomhub_bench_portfolio rss --store LOC FILE
//       IngestSbom of one file in this process; prints peak RSS (run it in its own process).
//
// scripts/run-bench-portfolio runs all three on SQLite and PostgreSQL.
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "app/portfolio.h"
#include "base/file.h"
#include "formats/registry.h"
#include "sqlite/sqlite.h"
#include "store/internal.h"
#include "store/store.h"

namespace {

using namespace sbomhub;
using Clock = std::chrono::steady_clock;

double Since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// CPU seconds of the whole process (every thread): on a shared machine steadier than wall time,
// and it counts the work a helper thread does beside the caller.
double CpuNow() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

long PeakRssKiB() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

int Die(const Status& s) {
  std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
  return 2;
}

struct Args {
  std::string mode;
  std::string store;
  int rounds = 3;
  int versions = 2000;
  int components = 1000;
  int queries = 500;
  std::vector<std::string> files;
};

bool IsPostgres(const std::string& loc) {
  return loc.rfind("postgresql://", 0) == 0 || loc.rfind("postgres://", 0) == 0;
}

Result<store::Project> BenchProject(store::Store& s, const std::string& name) {
  auto p = s.GetProjectByName(name);
  if (p.ok()) return p;
  auto teams = s.ListTeams({});
  if (!teams.ok()) return teams.status();
  store::Id team = 0;
  if (teams->empty()) {
    SBOMHUB_ASSIGN_OR_RETURN(auto t, s.CreateTeam("bench", "bench"));
    team = t.id;
  } else {
    team = teams->front().id;
  }
  return s.CreateProject("bench", name, team, store::Criticality::kHigh);
}

// The baseline: the same rows, one prepared INSERT per row in one transaction, no audit, no
// document bytes, into a bare table carrying the store's component indexes.
Result<double> RawSqliteInsert(const std::string& dir, const std::vector<store::StoredComponent>& rows) {
  std::string path = dir + "/raw-baseline.db";
  std::filesystem::remove(path);
  std::filesystem::remove(path + "-wal");
  std::filesystem::remove(path + "-shm");
  SBOMHUB_ASSIGN_OR_RETURN(auto db, sqlite::Database::Open(path, sqlite::Database::Mode::kReadWrite));
  SBOMHUB_RETURN_IF_ERROR(db->Exec(
      "CREATE TABLE components (id INTEGER PRIMARY KEY, version_id INTEGER, document_id INTEGER, "
      "bom_ref TEXT, name TEXT, grp TEXT, version TEXT, purl TEXT, purl_type TEXT, purl_name TEXT, "
      "cpe TEXT, supplier TEXT, license TEXT, hashes TEXT, scope TEXT, is_direct INTEGER, "
      "is_primary INTEGER);"
      "CREATE INDEX components_version ON components(version_id);"
      "CREATE INDEX components_purl ON components(purl_type, purl_name);"
      "CREATE INDEX components_name ON components(lower(name));"));
  auto start = Clock::now();
  SBOMHUB_RETURN_IF_ERROR(db->Begin());
  SBOMHUB_ASSIGN_OR_RETURN(
      auto st, db->Prepare("INSERT INTO components (version_id, document_id, bom_ref, name, grp, "
                           "version, purl, purl_type, purl_name, cpe, supplier, license, hashes, "
                           "scope, is_direct, is_primary) VALUES (1, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                           "?, ?, ?, ?, ?)"));
  for (const auto& c : rows) {
    st.Bind(1, c.bom_ref).Bind(2, c.name).Bind(3, c.group).Bind(4, c.version).Bind(5, c.purl);
    st.Bind(6, c.purl_type).Bind(7, c.purl_name).Bind(8, c.cpe).Bind(9, c.supplier);
    st.Bind(10, c.license).Bind(11, c.hashes).Bind(12, c.scope);
    st.Bind(13, std::int64_t{c.direct}).Bind(14, std::int64_t{c.primary});
    SBOMHUB_RETURN_IF_ERROR(st.Run());
  }
  SBOMHUB_RETURN_IF_ERROR(db->Commit());
  return Since(start);
}

int Ingest(const Args& a) {
  auto opened = store::OpenStore(a.store);
  if (!opened.ok()) return Die(opened.status());
  store::Store& s = **opened;
  std::printf("# ingest into %s (%s); best of %d rounds\n", s.Backend().data(), a.store.c_str(),
              a.rounds);
  // "ingest c/s" is the best round; "all rounds" is every round's components over every round's
  // ingest time, which also carries what a round leaves behind (a WAL checkpoint) for the next.
  std::printf("%-40s %9s %12s %12s %12s %14s %14s %14s %13s %13s\n", "file", "comps",
              "ingest SBOM/s", "ingest c/s", "all rounds", "PutSbom c/s", "raw sqlite c/s",
              "PutSbom/raw", "ingest c/cpu-s", "put c/cpu-s");
  static int run = 0;
  for (const auto& file : a.files) {
    auto bytes = ReadFile(file);
    if (!bytes.ok()) return Die(bytes.status());
    formats::DecodeOptions o;
    o.file_name = file;
    auto decoded = formats::DecodeSbom(*bytes, o);
    if (!decoded.ok()) return Die(decoded.status());
    std::size_t comps = model::CountAllComponents(decoded->sbom);
    auto project = BenchProject(s, "ingest-" + std::filesystem::path(file).stem().string() + "-" +
                                       std::to_string(::getpid()));
    if (!project.ok()) return Die(project.status());
    double best_ingest = 1e30, best_put = 1e30, cpu_ingest = 1e30, cpu_put = 1e30;
    double all_ingest = 0;  // every round's ingest, for the sustained rate
    for (int r = 0; r < a.rounds; ++r) {
      Diagnostics diags;
      // The server moves the request body into the ingest (no copy): so does this, with the
      // copy made before the clock starts.
      std::string upload;
      upload.reserve(bytes->size() + 4096);  // simdjson's padding, as a received body has
      upload.assign(*bytes);
      auto t = Clock::now();
      double c0 = CpuNow();
      auto in = app::IngestSbom(s, "bench", project->id, "i" + std::to_string(run) + "." + std::to_string(r),
                                std::move(upload), file, diags);
      double secs = Since(t);
      cpu_ingest = std::min(cpu_ingest, CpuNow() - c0);
      if (!in.ok()) return Die(in.status());
      best_ingest = std::min(best_ingest, secs);
      all_ingest += secs;
      auto v = s.CreateVersion("bench", project->id, "p" + std::to_string(run) + "." + std::to_string(r));
      if (!v.ok()) return Die(v.status());
      t = Clock::now();
      c0 = CpuNow();
      auto doc = s.PutSbom("bench", v->id, *bytes, decoded->sbom);
      secs = Since(t);
      cpu_put = std::min(cpu_put, CpuNow() - c0);
      if (!doc.ok()) return Die(doc.status());
      best_put = std::min(best_put, secs);
    }
    ++run;
    std::string raw = "-", ratio = "-";
    auto tr = Clock::now();
    auto rows = store::internal::ComponentRows(decoded->sbom);
    double row_secs = Since(tr);
    std::fprintf(stderr, "  %s: building rows (purl parsing) alone %.0f components/s\n",
                 file.c_str(), static_cast<double>(rows.size()) / row_secs);
    if (!IsPostgres(a.store)) {
      double best_raw = 1e30;
      for (int r = 0; r < a.rounds; ++r) {
        auto secs = RawSqliteInsert(std::filesystem::path(a.store).parent_path().string(), rows);
        if (!secs.ok()) return Die(secs.status());
        best_raw = std::min(best_raw, *secs);
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.0f", static_cast<double>(comps) / best_raw);
      raw = buf;
      std::snprintf(buf, sizeof buf, "%.2f", best_raw / best_put);
      ratio = buf;
    }
    std::printf("%-40s %9zu %12.2f %12.0f %12.0f %14.0f %14s %14s %13.0f %13.0f\n",
                std::filesystem::path(file).filename().string().substr(0, 40).c_str(), comps,
                1.0 / best_ingest, static_cast<double>(comps) / best_ingest,
                static_cast<double>(comps) * a.rounds / all_ingest,
                static_cast<double>(comps) / best_put, raw.c_str(), ratio.c_str(),
                static_cast<double>(comps) / cpu_ingest, static_cast<double>(comps) / cpu_put);
  }
  return 0;
}

// ---- synthetic portfolio ----

// A component drawn from a pool of `pool` npm packages; popularity is skewed (the square of a
// uniform draw) so a few packages are in most versions, as in real portfolios.
struct Pool {
  explicit Pool(int n) : size(n) {}
  int size;
  int Draw(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<int>(u * u * size);
  }
  static std::string Name(int i) { return "lib-" + std::to_string(i); }
  static std::string Version(int i, int v) { return std::to_string(1 + i % 7) + "." + std::to_string(v % 20) + ".0"; }
};

Status Generate(store::Store& s, const Args& a, const Pool& pool) {
  std::mt19937_64 rng(42);
  auto start = Clock::now();
  std::size_t rows = 0;
  int projects = std::max(1, a.versions / 10);
  for (int p = 0; p < projects; ++p) {
    SBOMHUB_ASSIGN_OR_RETURN(auto project, BenchProject(s, "synthetic-" + std::to_string(p)));
    for (int v = 0; v < 10 && p * 10 + v < a.versions; ++v) {
      SBOMHUB_ASSIGN_OR_RETURN(auto version,
                               s.CreateVersion("bench", project.id, "1." + std::to_string(v)));
      model::Sbom sbom;
      sbom.spec_version = "1.6";
      sbom.primary = model::Component{};
      sbom.primary->bom_ref = "root";
      sbom.primary->name = project.name;
      sbom.primary->version = version.version;
      std::vector<char> used(pool.size, 0);
      std::vector<store::FindingRecord> findings;
      while (static_cast<int>(sbom.components.size()) < a.components) {
        int i = pool.Draw(rng);
        if (used[i]) continue;
        used[i] = 1;
        model::Component c;
        c.name = Pool::Name(i);
        c.version = Pool::Version(i, v);
        c.bom_ref = c.name + "@" + c.version;
        c.purl = "pkg:npm/" + c.name + "@" + c.version;
        sbom.components.push_back(std::move(c));
        if (i % 50 == 0) {
          store::FindingRecord f;
          f.key = {Pool::Name(i) + "@" + Pool::Version(i, v), "CVE-2099-" + std::to_string(i)};
          f.details.component_name = Pool::Name(i);
          f.details.component_purl = "pkg:npm/" + Pool::Name(i) + "@" + Pool::Version(i, v);
          f.details.severity = "high";
          f.details.cvss_score = 7.5;
          findings.push_back(std::move(f));
        }
      }
      SBOMHUB_RETURN_IF_ERROR(s.PutSbom("bench", version.id, "synthetic", sbom).status());
      SBOMHUB_RETURN_IF_ERROR(s.RecordFindings("bench", version.id, findings));
      rows += sbom.components.size() + 1;
    }
    if ((p + 1) % 20 == 0) {
      std::fprintf(stderr, "  generated %d/%d projects, %zu component rows, %.0f s\n", p + 1,
                   projects, rows, Since(start));
    }
  }
  double secs = Since(start);
  std::printf("generated synthetic portfolio: %d versions, %zu component rows in %.1f s "
              "(%.0f rows/s incl. findings)\n",
              a.versions, rows, secs, static_cast<double>(rows) / secs);
  return Status::Ok();
}

void Report(const char* what, std::vector<double>& ms, std::size_t hits) {
  std::sort(ms.begin(), ms.end());
  auto at = [&](double q) { return ms[std::min(ms.size() - 1, static_cast<std::size_t>(q * ms.size()))]; };
  std::printf("%-36s n=%zu  p50 %7.2f ms  p99 %7.2f ms  max %7.2f ms  (rows returned: %zu)\n",
              what, ms.size(), at(0.50), at(0.99), ms.back(), hits);
}

int Queries(const Args& a) {
  auto opened = store::OpenStore(a.store);
  if (!opened.ok()) return Die(opened.status());
  store::Store& s = **opened;
  Pool pool(20000);
  auto existing = s.GetProjectByName("synthetic-0");
  if (!existing.ok()) {
    Status g = Generate(s, a, pool);
    if (!g.ok()) return Die(g);
  } else {
    std::printf("reusing the synthetic portfolio already in %s\n", a.store.c_str());
  }
  std::size_t versions = 0, rows = 0;
  {
    // Portfolio size as stored (counted through the API, not assumed).
    for (store::Page pp{store::Page::kMaxLimit, 0};; pp.offset += pp.limit) {
      auto ps = s.ListProjects(pp);
      if (!ps.ok()) return Die(ps.status());
      for (const auto& p : *ps) {
        auto vs = s.ListVersions(p.id, {store::Page::kMaxLimit, 0});
        if (!vs.ok()) return Die(vs.status());
        versions += vs->size();
      }
      if (static_cast<std::int64_t>(ps->size()) < pp.limit) break;
    }
    auto probe = s.WhereUsedByName("lib-*", {1, 0});
    (void)probe;
  }
  std::printf("# queries on %s: %zu versions (synthetic; %d components each)\n", s.Backend().data(),
              versions, a.components);
  (void)rows;
  std::mt19937_64 rng(7);
  std::vector<double> wu, wu_team, ab, wu_name;
  std::size_t wu_hits = 0, ab_hits = 0, team_hits = 0, name_hits = 0;
  auto teams = s.ListTeams({});
  store::TeamScope scope = std::vector<store::Id>{teams.ok() && !teams->empty() ? teams->front().id : 1};
  for (int q = 0; q < a.queries; ++q) {
    int i = pool.Draw(rng);
    std::string purl = "pkg:npm/" + Pool::Name(i);
    auto t = Clock::now();
    auto r = s.WhereUsed(purl, std::nullopt, {});
    wu.push_back(Since(t) * 1000);
    if (!r.ok()) return Die(r.status());
    wu_hits += r->size();

    t = Clock::now();
    auto rt = s.WhereUsed(purl, std::nullopt, {}, scope);
    wu_team.push_back(Since(t) * 1000);
    if (!rt.ok()) return Die(rt.status());
    team_hits += rt->size();

    int v = (i / 50) * 50;  // a vulnerable package (every 50th has a finding)
    t = Clock::now();
    auto f = s.FindingsByVulnerability("CVE-2099-" + std::to_string(v), std::nullopt, {});
    ab.push_back(Since(t) * 1000);
    if (!f.ok()) return Die(f.status());
    ab_hits += f->size();

    t = Clock::now();
    auto n = s.WhereUsedByName(Pool::Name(i) + "*", {});
    wu_name.push_back(Since(t) * 1000);
    if (!n.ok()) return Die(n.status());
    name_hits += n->size();
  }
  Report("where-used (purl)", wu, wu_hits);
  Report("where-used (purl, one team)", wu_team, team_hits);
  Report("where-used (name pattern lib-N*)", wu_name, name_hits);
  Report("affected-by (vulnerability id)", ab, ab_hits);
  return 0;
}

int Rss(const Args& a) {
  if (a.files.size() != 1) {
    std::fprintf(stderr, "rss takes one FILE\n");
    return 2;
  }
  auto opened = store::OpenStore(a.store);
  if (!opened.ok()) return Die(opened.status());
  auto project = BenchProject(**opened, "rss-" + std::to_string(::getpid()));
  if (!project.ok()) return Die(project.status());
  long before = PeakRssKiB();
  auto bytes = ReadFile(a.files[0]);
  if (!bytes.ok()) return Die(bytes.status());
  Diagnostics diags;
  auto t = Clock::now();
  std::size_t size = bytes->size();
  auto r = app::IngestSbom(**opened, "bench", project->id, "1.0", std::move(bytes).value(),
                           a.files[0], diags);
  double secs = Since(t);
  if (!r.ok()) return Die(r.status());
  long after = PeakRssKiB();
  double mib = static_cast<double>(size) / (1024.0 * 1024.0);
  std::printf("%s: %zu components, file %.1f MiB, IngestSbom %.1f s (%.0f components/s) on %s, "
              "peak RSS %.1f MiB (%.2fx file; %.1f MiB before)\n",
              a.files[0].c_str(), r->components, mib, secs,
              static_cast<double>(r->components) / secs, (*opened)->Backend().data(),
              after / 1024.0, (after / 1024.0) / mib, before / 1024.0);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  Args a;
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: %s ingest|queries|rss --store LOC [--rounds N] [--versions V] "
                 "[--components C] [--queries Q] [FILE...]\n",
                 argv[0]);
    return 2;
  }
  a.mode = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    auto next = [&]() -> std::string { return i + 1 < argc ? argv[++i] : std::string(); };
    if (arg == "--store") a.store = next();
    else if (arg == "--rounds") a.rounds = std::stoi(next());
    else if (arg == "--versions") a.versions = std::stoi(next());
    else if (arg == "--components") a.components = std::stoi(next());
    else if (arg == "--queries") a.queries = std::stoi(next());
    else a.files.push_back(arg);
  }
  if (a.store.empty()) {
    std::fprintf(stderr, "--store is required\n");
    return 2;
  }
  if (a.mode == "ingest") return Ingest(a);
  if (a.mode == "queries") return Queries(a);
  if (a.mode == "rss") return Rss(a);
  std::fprintf(stderr, "unknown mode %s\n", a.mode.c_str());
  return 2;
}
