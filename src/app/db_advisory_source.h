// The production AdvisorySource: the matchers' view of the SQLite vulnerability database.
#pragma once

#include "match/match.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::app {

class DbAdvisorySource : public match::AdvisorySource {
 public:
  explicit DbAdvisorySource(vulndb::VulnDb& db) : db_(db) {}

  Status ForPackage(const vulndb::PackageKey& key, const AdvisoryFn& fn) override {
    return db_.ForPackage(key, fn);
  }
  Status ForCpeProduct(std::string_view vendor, std::string_view product, const AdvisoryFn& fn) override {
    return db_.ForCpeProduct(vendor, product, fn);
  }
  Result<std::vector<vulndb::PackageKey>> PackageNames() override { return db_.PackageNames(); }
  Result<std::vector<std::pair<std::string, std::string>>> CpeProducts() override {
    return db_.CpeProducts();
  }
  Result<std::optional<Kev>> KevFor(std::string_view cve) override {
    SBOMHUB_ASSIGN_OR_RETURN(auto k, db_.Kev(cve));
    if (!k) return std::optional<Kev>();
    return std::optional<Kev>(Kev{k->date_added, k->due_date, k->ransomware_use});
  }
  Result<std::optional<Epss>> EpssFor(std::string_view cve) override {
    SBOMHUB_ASSIGN_OR_RETURN(auto e, db_.Epss(cve));
    if (!e) return std::optional<Epss>();
    return std::optional<Epss>(Epss{e->score, e->percentile, e->score_date});
  }

 private:
  vulndb::VulnDb& db_;
};

}  // namespace sbomhub::app
