// A small advisory database per test, in a real SQLite file, built from flat OSV JSON fixtures
// (tests/match/testdata/osv) plus advisories written in the test itself. No mocks.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include <unistd.h>

#include "app/db_advisory_source.h"
#include "app/vuln_import.h"
#include "match/match.h"
#include "support/test_support.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::testing {

class Scenario {
 public:
  Scenario() {
    dir_ = std::filesystem::temp_directory_path() /
           ("sbomhub-match-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    std::filesystem::create_directories(dir_);
    auto db = vulndb::VulnDb::Open((dir_ / "vuln.db").string());
    EXPECT_TRUE(db.ok()) << db.status().message();
    db_ = std::move(db).value();
    source_ = std::make_unique<app::DbAdvisorySource>(*db_);
  }
  ~Scenario() { std::filesystem::remove_all(dir_); }

  void ImportFixtures() {
    app::ImportReport report;
    Status s = app::ImportFeeds(*db_, {Fixture("match", "osv")}, report);
    ASSERT_TRUE(s.ok()) << s.message();
  }

  void Put(const vuln::Advisory& a) {
    vulndb::PutCounts counts;
    ASSERT_TRUE(db_->BeginBatch().ok());
    ASSERT_TRUE(db_->Put(a, counts).ok());
    ASSERT_TRUE(db_->CommitBatch().ok());
  }

  match::ScanResult Scan(const model::Sbom& sbom, match::ScanOptions options = {}) {
    auto r = match::Scan(sbom, *source_, options);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : match::ScanResult{};
  }

  vulndb::VulnDb& db() { return *db_; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

 private:
  static inline int counter_ = 0;
  std::filesystem::path dir_;
  std::unique_ptr<vulndb::VulnDb> db_;
  std::unique_ptr<app::DbAdvisorySource> source_;
};

inline model::Component Lib(std::string name, std::string version, std::string purl = {},
                            std::vector<std::string> cpes = {}) {
  model::Component c;
  c.name = std::move(name);
  c.version = std::move(version);
  c.purl = std::move(purl);
  c.cpes = std::move(cpes);
  c.bom_ref = c.name + "@" + c.version;
  return c;
}

inline model::Sbom SbomOf(std::vector<model::Component> components) {
  model::Sbom s;
  s.components = std::move(components);
  return s;
}

}  // namespace sbomhub::testing
