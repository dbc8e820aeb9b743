// Ingest, analysis and the read-side queries of the portfolio. Worklist and VEX are
// in portfolio_triage.cc, re-analysis after a vulnerability DB change in reanalyse.cc.
#include "app/portfolio.h"

#include <algorithm>
#include <charconv>
#include <future>
#include <system_error>
#include <unordered_set>
#include <utility>

#include "app/db_advisory_source.h"
#include "app/portfolio_internal.h"
#include "base/file.h"
#include "base/text.h"
#include "formats/registry.h"
#include "version/vers_range.h"

namespace sbomhub::app {

using internal::FetchAll;
namespace {

// A decoder failure ("file:12:5: malformed JSON") as a Diagnostic with line and column split out.
Diagnostic FailureDiagnostic(const Status& status, const std::string& file) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.file = file;
  d.rule = status.code() == StatusCode::kParseError    ? "syntax"
           : status.code() == StatusCode::kUnsupported ? "unsupported"
           : status.code() == StatusCode::kTooLarge    ? "size-limit"
                                                       : "input";
  std::string_view msg = status.message();
  if (!file.empty() && StartsWith(msg, file) && msg.size() > file.size() &&
      msg[file.size()] == ':') {
    msg.remove_prefix(file.size() + 1);
    for (std::size_t* field : {&d.line, &d.column}) {
      auto colon = msg.find(':');
      if (colon == std::string_view::npos || colon == 0) break;
      std::size_t n = 0;
      auto r = std::from_chars(msg.data(), msg.data() + colon, n);
      if (r.ptr != msg.data() + colon) break;
      *field = n;
      msg.remove_prefix(colon + 1);
    }
    while (!msg.empty() && msg.front() == ' ') msg.remove_prefix(1);
  }
  d.message = std::string(msg);
  return d;
}

std::string Lower(std::string_view s) { return AsciiLower(s); }

}  // namespace

Result<store::Project> ResolveProject(store::Store& store, std::string_view name_or_id) {
  auto by_name = store.GetProjectByName(name_or_id);
  if (by_name.ok() || by_name.status().code() != StatusCode::kNotFound) return by_name;
  // Digits only: from_chars alone would also take "-3" or "+3".
  bool all_digits = !name_or_id.empty() && std::all_of(name_or_id.begin(), name_or_id.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  store::Id id = 0;
  auto r = std::from_chars(name_or_id.data(), name_or_id.data() + name_or_id.size(), id);
  if (all_digits && r.ec == std::errc() && r.ptr == name_or_id.data() + name_or_id.size()) {
    auto by_id = store.GetProject(id);
    if (by_id.ok() || by_id.status().code() != StatusCode::kNotFound) return by_id;
  }
  return Status::NotFound("project '" + std::string(name_or_id) + "' not found");
}

Result<IngestResult> IngestSbom(store::Store& store, std::string_view actor, store::Id project_id,
                                std::string_view version, std::string_view bytes,
                                std::string_view file_name, Diagnostics& diagnostics) {
  return IngestSbom(store, actor, project_id, version, PaddedCopy(bytes), file_name, diagnostics);
}

Result<IngestResult> IngestSbom(store::Store& store, std::string_view actor, store::Id project_id,
                                std::string_view version, std::string&& owned,
                                std::string_view file_name, Diagnostics& diagnostics) {
  diagnostics = Diagnostics();
  if (owned.capacity() - owned.size() < kInputPadding) owned.reserve(owned.size() + kInputPadding);
  const std::string& bytes = owned;
  std::string file = file_name.empty() ? "<upload>" : std::string(file_name);
  if (TrimWhitespace(version).empty()) {
    return Status::InvalidArgument("a version name is required");
  }
  SBOMHUB_RETURN_IF_ERROR(store.GetProject(project_id).status());

  // Hashing and compressing the bytes for the store needs nothing from the decode: a second
  // core does it meanwhile (std::async's future waits for it on every return below).
  std::future<store::DocumentContent> content;
  try {
    content = std::async(std::launch::async, store::PrepareDocumentContent, std::string_view(bytes));
  } catch (const std::system_error&) {
    content = std::async(std::launch::deferred, store::PrepareDocumentContent, std::string_view(bytes));
  }

  formats::DecodeOptions options;
  options.file_name = file;
  auto decoded = formats::DecodeSbom(bytes, options);
  if (!decoded.ok()) {
    diagnostics.Add(FailureDiagnostic(decoded.status(), file));
    if (decoded.status().code() == StatusCode::kInternal) return decoded.status();
    return Status::InvalidArgument(decoded.status().message());
  }
  diagnostics = std::move(decoded->diagnostics);
  diagnostics.SetFile(file);
  if (diagnostics.HasErrors()) {
    const Diagnostic* first = nullptr;
    for (const auto& d : diagnostics.items()) {
      if (d.severity == Severity::kError) {
        first = &d;
        break;
      }
    }
    return Status::InvalidArgument(file + ": invalid " +
                                   std::string(model::SpecFamilyName(decoded->id.family)) + " " +
                                   decoded->id.spec_version + " document, " +
                                   std::to_string(diagnostics.ErrorCount()) + " error(s); first: " +
                                   (first ? first->ToString() : std::string("?")));
  }

  IngestResult out;
  auto existing = store.GetVersionByName(project_id, version);
  if (existing.ok()) {
    out.version = *existing;
  } else if (existing.status().code() == StatusCode::kNotFound) {
    auto created = store.CreateVersion(actor, project_id, version);
    if (!created.ok() && created.status().code() == StatusCode::kAlreadyExists) {
      // Another upload created it meanwhile.
      created = store.GetVersionByName(project_id, version);
    }
    if (!created.ok()) return created.status();
    out.version = *created;
  } else {
    return existing.status();
  }

  auto doc = store.PutSbom(actor, out.version.id, content.get(), decoded->sbom);
  if (!doc.ok()) {
    if (doc.status().code() == StatusCode::kInvalidArgument ||
        doc.status().code() == StatusCode::kAlreadyExists) {
      // A value the store refuses (a component without a name, two components with one bom-ref)
      // is bad input too.
      Diagnostic d;
      d.file = file;
      d.rule = "store";
      d.message = doc.status().message();
      diagnostics.Add(std::move(d));
      return Status::InvalidArgument(file + ": cannot be stored: " + doc.status().message());
    }
    return doc.status();
  }
  // PutSbom queued the analysis in its own transaction; enqueueing again here would, after a
  // worker claimed that job in between, queue a second analysis of the same document.
  out.document = std::move(doc->document);
  out.job = std::move(doc->job);
  out.components = model::CountComponents(decoded->sbom);
  out.diagnostics = diagnostics;
  return out;
}

Result<model::Sbom> CurrentSbom(store::Store& store, store::Id version_id) {
  SBOMHUB_ASSIGN_OR_RETURN(auto docs, store.ListDocuments(version_id));
  const store::SbomDocument* current = nullptr;
  for (const auto& d : docs) {
    if (d.current) current = &d;
  }
  if (current == nullptr) {
    return Status::NotFound("version " + std::to_string(version_id) + " has no SBOM uploaded");
  }
  SBOMHUB_ASSIGN_OR_RETURN(std::string bytes, store.SbomBytes(current->id));
  formats::DecodeOptions options;
  options.file_name = "document " + std::to_string(current->id);
  SBOMHUB_ASSIGN_OR_RETURN(auto decoded, formats::DecodeSbom(PaddedCopy(bytes), options));
  return std::move(decoded.sbom);
}

// ---- analysis ----

std::vector<store::FindingRecord> FindingRecordsOf(const std::vector<match::Finding>& findings) {
  std::vector<store::FindingRecord> out;
  out.reserve(findings.size());
  for (const auto& f : findings) {
    store::FindingRecord r;
    r.key.component_ref = f.component_bom_ref.empty()
                              ? store::AnalysisComponentKey(f.component_purl, f.component_name) +
                                    "@" + f.component_version
                              : f.component_bom_ref;
    r.key.vulnerability_id = f.id;
    auto& d = r.details;
    d.component_name = f.component_name;
    d.component_version = f.component_version;
    d.component_purl = f.component_purl;
    d.severity = Lower(f.severity);
    if (f.cvss) {
      d.cvss_score = f.cvss->score;
      d.cvss_vector = f.cvss->vector;
    }
    if (f.epss) {
      d.epss = f.epss->score;
      d.epss_percentile = f.epss->percentile;
    }
    d.kev = f.kev.has_value();
    d.summary = f.summary;
    for (const auto& v : f.fixed_versions) {
      if (!d.fixed_versions.empty()) d.fixed_versions += ' ';
      d.fixed_versions += v;
    }
    d.matcher = f.match.matcher;
    d.needs_verification = f.match.needs_verification;
    d.confidence = f.match.confidence;
    out.push_back(std::move(r));
  }
  return out;
}

AnalysisWorker::AnalysisWorker(store::Store& store, vulndb::VulnDb& db, std::string worker)
    : store_(store), db_(db), worker_(std::move(worker)) {}

Status AnalysisWorker::AnalyseVersion(store::Id version_id) {
  SBOMHUB_ASSIGN_OR_RETURN(model::Sbom sbom, CurrentSbom(store_, version_id));
  DbAdvisorySource source(db_);
  SBOMHUB_ASSIGN_OR_RETURN(auto scan, match::Scan(sbom, source));
  return store_.RecordFindings(worker_, version_id, FindingRecordsOf(scan.findings));
}

Result<std::optional<store::Job>> AnalysisWorker::RunOnce() {
  SBOMHUB_ASSIGN_OR_RETURN(auto job, store_.ClaimJob(worker_));
  if (!job) return std::optional<store::Job>();
  Status s = job->kind == "analyze"
                 ? AnalyseVersion(job->version_id)
                 : Status::Unsupported("unknown job kind '" + job->kind + "'");
  Status finished = store_.FinishJob(job->id, s.ok() ? std::string() : s.ToString());
  // kConflict: the job was requeued meanwhile (this worker was presumed dead); its results are
  // recorded all the same and the next run repeats them harmlessly.
  if (!finished.ok() && finished.code() != StatusCode::kConflict) return finished;
  SBOMHUB_ASSIGN_OR_RETURN(auto after, store_.GetJob(job->id));
  return std::optional<store::Job>(std::move(after));
}

Result<std::size_t> AnalysisWorker::Drain() {
  std::size_t n = 0;
  for (;;) {
    SBOMHUB_ASSIGN_OR_RETURN(auto job, RunOnce());
    if (!job) return n;
    ++n;
  }
}

// ---- queries ----

Result<std::vector<diff::ComponentView>> StoredViews(store::Store& store, store::Id version_id) {
  SBOMHUB_RETURN_IF_ERROR(store.GetVersion(version_id).status());
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, FetchAll<store::StoredComponent>([&](store::Page p) {
                             return store.ComponentsOf(version_id, p);
                           }));
  std::vector<diff::ComponentView> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    if (r.primary) continue;
    diff::ComponentView v;
    v.name = r.name;
    v.group = r.group;
    v.version = r.version;
    v.purl = r.purl;
    v.supplier = r.supplier;
    if (!r.license.empty()) v.licenses.push_back(r.license);
    // "SHA-256:abcd SHA-1:ef01"
    std::string_view h = r.hashes;
    while (!h.empty()) {
      auto space = h.find(' ');
      std::string_view item = h.substr(0, space);
      auto colon = item.rfind(':');
      if (colon != std::string_view::npos) {
        v.hashes.emplace_back(std::string(item.substr(0, colon)),
                              std::string(item.substr(colon + 1)));
      }
      if (space == std::string_view::npos) break;
      h.remove_prefix(space + 1);
    }
    out.push_back(std::move(v));
  }
  return out;
}

Result<diff::DiffResult> DiffVersions(store::Store& store, store::Id from_version,
                                      store::Id to_version) {
  SBOMHUB_ASSIGN_OR_RETURN(auto a, StoredViews(store, from_version));
  SBOMHUB_ASSIGN_OR_RETURN(auto b, StoredViews(store, to_version));
  return diff::Diff(a, b);
}

Result<std::vector<store::WhereUsedRow>> WhereUsed(store::Store& store, std::string_view purl,
                                                   std::optional<std::string_view> vers_range,
                                                   const store::TeamScope& teams,
                                                   store::Page page) {
  if (!vers_range) return store.WhereUsed(purl, std::nullopt, page, teams);
  auto range = version::VersRange::Parse(*vers_range);
  if (!range.ok()) {
    return Status::InvalidArgument("range '" + std::string(*vers_range) +
                                   "': " + range.status().message());
  }
  SBOMHUB_ASSIGN_OR_RETURN(auto rows, store.WhereUsed(purl, std::nullopt, store::Page{store::Page::kMaxLimit, 0}, teams));
  std::vector<store::WhereUsedRow> kept;
  for (auto& r : rows) {
    if (range->Contains(std::string_view(r.component.version))) kept.push_back(std::move(r));
  }
  page = store::Page{std::clamp<std::int64_t>(page.limit, 1, store::Page::kMaxLimit),
                     std::max<std::int64_t>(page.offset, 0)};
  std::vector<store::WhereUsedRow> out;
  for (std::size_t i = static_cast<std::size_t>(page.offset);
       i < kept.size() && out.size() < static_cast<std::size_t>(page.limit); ++i) {
    out.push_back(std::move(kept[i]));
  }
  return out;
}

Result<std::vector<store::FindingRow>> AffectedBy(store::Store& store,
                                                  std::string_view vulnerability_id,
                                                  const store::TeamScope& teams, store::Page page) {
  if (TrimWhitespace(vulnerability_id).empty()) {
    return Status::InvalidArgument("a vulnerability id is required");
  }
  return store.FindingsByVulnerability(vulnerability_id, teams, page);
}

}  // namespace sbomhub::app
