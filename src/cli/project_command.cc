// sbomhub project create|list|upload|findings|where-used|vex-export|vex-import: the portfolio's
// use cases offline, on <data>/portfolio.db (or --store postgresql://...), for scripting. The
// same app::* functions the REST API calls; works while the server runs (SQLite WAL).
#include <cstdio>
#include <filesystem>
#include <iostream>

#include "app/portfolio.h"
#include "base/file.h"
#include "base/json_writer.h"
#include "cli/command.h"
#include "cli/sbom_input.h"
#include "vulndb/vuln_db.h"

namespace sbomhub::cli {
namespace {

struct ProjectOptions {
  std::string store_url;
  std::string name;
  std::string team;
  std::string criticality = "medium";
  std::string version;
  std::string file;
  std::string purl;
  std::string range;
  std::string name_pattern;
  std::string vuln;
  std::string format = "cyclonedx";
  std::string output;
  std::string publisher_namespace;
  bool json = false;
  bool all = false;
  bool no_analyse = false;
};

Result<store::Team> ResolveTeam(store::Store& s, const std::string& name_or_id) {
  auto teams = s.ListTeams(store::Page{store::Page::kMaxLimit, 0});
  if (!teams.ok()) return teams.status();
  for (const auto& t : *teams) {
    if (t.name == name_or_id || std::to_string(t.id) == name_or_id) return t;
  }
  return Status::NotFound("team '" + name_or_id + "' not found (sbomhub team list)");
}

std::string DbPath(const Context& ctx) {
  return ctx.db_path.empty() ? ctx.ResolvedDataDir() + "/vuln.db" : ctx.db_path;
}

int RunCreate(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  auto crit = store::ParseCriticality(o.criticality);
  if (!crit) {
    return Fail(ctx, Status::InvalidArgument("--criticality must be critical, high, medium or low"));
  }
  auto team = ResolveTeam(**s, o.team);
  if (!team.ok()) return Fail(ctx, team.status());
  auto p = (*s)->CreateProject(CliActor(), o.name, team->id, *crit);
  if (!p.ok()) return Fail(ctx, p.status());
  std::printf("%lld\t%s\n", static_cast<long long>(p->id), p->name.c_str());
  ctx.exit_code = 0;
  return 0;
}

int RunList(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  store::ProjectFilter filter;
  filter.name_contains = o.name;
  auto projects = (*s)->ListProjects(filter, store::Page{store::Page::kMaxLimit, 0});
  if (!projects.ok()) return Fail(ctx, projects.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& p : *projects) {
    auto versions = (*s)->ListVersions(p.id, store::Page{store::Page::kMaxLimit, 0});
    if (!versions.ok()) return Fail(ctx, versions.status());
    if (o.json) {
      w.BeginObject().Field("id", p.id).Field("name", p.name).Field("team_id", p.team_id);
      w.Field("criticality", store::CriticalityName(p.criticality));
      w.Key("versions").BeginArray();
      for (const auto& v : *versions) w.String(v.version);
      w.EndArray().EndObject();
    } else {
      std::string vs;
      for (const auto& v : *versions) vs += (vs.empty() ? "" : ",") + v.version;
      std::printf("%lld\t%s\t%s\t%s\n", static_cast<long long>(p.id), p.name.c_str(),
                  std::string(store::CriticalityName(p.criticality)).c_str(), vs.c_str());
    }
  }
  w.EndArray();
  if (o.json) std::cout << w.Take();
  ctx.exit_code = 0;
  return 0;
}

int RunUpload(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  auto project = app::ResolveProject(**s, o.name);
  if (!project.ok()) return Fail(ctx, project.status());
  auto bytes = ReadFile(o.file, ctx.max_input_bytes);
  if (!bytes.ok()) return Fail(ctx, bytes.status());
  Diagnostics diags;
  auto r = app::IngestSbom(**s, CliActor(), project->id, o.version, std::move(bytes).value(),
                           o.file, diags);
  PrintDiagnostics(diags, false);
  if (!r.ok()) {
    std::fprintf(stderr, "sbomhub: %s\n", r.status().ToString().c_str());
    ctx.exit_code = r.status().code() == StatusCode::kInvalidArgument ? 1 : ExitCodeFor(r.status());
    return ctx.exit_code;
  }
  std::printf("stored %s@%s document %lld (%zu components, sha256 %s)\n", project->name.c_str(),
              r->version.version.c_str(), static_cast<long long>(r->document.id), r->components,
              r->document.sha256.c_str());
  if (!o.no_analyse) {
    std::error_code ec;
    if (!std::filesystem::exists(DbPath(ctx), ec)) {
      std::printf("analysis queued (job %lld); no vulnerability DB at %s to run it now\n",
                  static_cast<long long>(r->job.id), DbPath(ctx).c_str());
    } else {
      auto db = vulndb::VulnDb::Open(DbPath(ctx));
      if (!db.ok()) return Fail(ctx, db.status());
      app::AnalysisWorker worker(**s, **db, CliActor());
      auto ran = worker.Drain();
      if (!ran.ok()) return Fail(ctx, ran.status());
      auto job = (*s)->GetJob(r->job.id);
      if (!job.ok()) return Fail(ctx, job.status());
      auto findings = (*s)->FindingsOf(r->version.id, false, store::Page{store::Page::kMaxLimit, 0});
      if (!findings.ok()) return Fail(ctx, findings.status());
      std::printf("analysed: job %lld %s, %zu active findings\n",
                  static_cast<long long>(job->id), std::string(store::JobStateName(job->state)).c_str(),
                  findings->size());
      if (job->state == store::JobState::kFailed) {
        std::fprintf(stderr, "sbomhub: analysis failed: %s\n", job->error.c_str());
        ctx.exit_code = 2;
        return 2;
      }
    }
  }
  ctx.exit_code = 0;
  return 0;
}

int RunFindings(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  auto project = app::ResolveProject(**s, o.name);
  if (!project.ok()) return Fail(ctx, project.status());
  auto version = (*s)->GetVersionByName(project->id, o.version);
  if (!version.ok()) return Fail(ctx, version.status());
  app::WorklistFilter filter;
  filter.query.version_id = version->id;
  filter.query.include_inactive = o.all;
  auto items = app::Worklist(**s, filter);
  if (!items.ok()) return Fail(ctx, items.status());
  if (o.json) {
    JsonWriter w;
    w.BeginArray();
    for (const auto& it : *items) {
      const auto& f = it.row.finding;
      w.BeginObject();
      w.Field("vulnerability", f.vulnerability_id).Field("component", f.details.component_name);
      w.Field("version", f.details.component_version).Field("purl", f.details.component_purl);
      w.Field("severity", f.details.severity).Field("active", f.active);
      w.Field("priority", it.priority.band).Field("priority_score", it.priority.score);
      w.Key("priority_reasons").BeginArray();
      for (const auto& r : it.priority.reasons) w.String(r);
      w.EndArray();
      w.Field("state", it.row.analysis ? store::AnalysisStateName(it.row.analysis->state)
                                       : std::string_view("in_triage"));
      w.Field("fixed_versions", f.details.fixed_versions);
      w.EndObject();
    }
    w.EndArray();
    std::cout << w.Take();
  } else {
    for (const auto& it : *items) {
      const auto& f = it.row.finding;
      std::printf("%s\t%.1f\t%s\t%s@%s\t%s\t%s%s\n", it.priority.band.c_str(), it.priority.score,
                  f.vulnerability_id.c_str(), f.details.component_name.c_str(),
                  f.details.component_version.c_str(), f.details.severity.c_str(),
                  std::string(it.row.analysis ? store::AnalysisStateName(it.row.analysis->state)
                                              : "in_triage")
                      .c_str(),
                  f.active ? "" : "\tinactive");
    }
  }
  ctx.exit_code = 0;
  return 0;
}

int RunWhereUsed(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  if (o.purl.empty() == o.name_pattern.empty()) {
    return Fail(ctx, Status::InvalidArgument("give a PURL or --name PATTERN (not both)"));
  }
  Result<std::vector<store::WhereUsedRow>> rows =
      o.purl.empty()
          ? (*s)->WhereUsedByName(o.name_pattern, store::Page{store::Page::kMaxLimit, 0})
          : app::WhereUsed(**s, o.purl,
                           o.range.empty() ? std::nullopt : std::optional<std::string_view>(o.range),
                           std::nullopt, store::Page{store::Page::kMaxLimit, 0});
  if (!rows.ok()) return Fail(ctx, rows.status());
  JsonWriter w;
  w.BeginArray();
  for (const auto& r : *rows) {
    if (o.json) {
      w.BeginObject().Field("project", r.project.name).Field("version", r.version.version);
      w.Field("component", r.component.name).Field("component_version", r.component.version);
      w.Field("purl", r.component.purl).Field("direct", r.component.direct).EndObject();
    } else {
      std::printf("%s@%s\t%s\t%s\t%s\n", r.project.name.c_str(), r.version.version.c_str(),
                  r.component.name.c_str(), r.component.version.c_str(), r.component.purl.c_str());
    }
  }
  w.EndArray();
  if (o.json) std::cout << w.Take();
  ctx.exit_code = 0;
  return 0;
}

int RunVexExport(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  auto format = vex::ParseVexFormat(o.format);
  if (!format) return Fail(ctx, Status::InvalidArgument("--format must be cyclonedx, openvex or csaf"));
  auto project = app::ResolveProject(**s, o.name);
  if (!project.ok()) return Fail(ctx, project.status());
  auto version = (*s)->GetVersionByName(project->id, o.version);
  if (!version.ok()) return Fail(ctx, version.status());
  auto out = app::ExportVex(**s, version->id, *format, o.publisher_namespace);
  if (!out.ok()) return Fail(ctx, out.status());
  if (o.output.empty()) {
    std::cout << *out;
  } else {
    Status st = WriteFile(o.output, *out);
    if (!st.ok()) return Fail(ctx, st);
  }
  ctx.exit_code = 0;
  return 0;
}

int RunVexImport(Context& ctx, const ProjectOptions& o) {
  auto s = OpenPortfolio(ctx, o.store_url);
  if (!s.ok()) return Fail(ctx, s.status());
  auto project = app::ResolveProject(**s, o.name);
  if (!project.ok()) return Fail(ctx, project.status());
  auto bytes = ReadFile(o.file, ctx.max_input_bytes);
  if (!bytes.ok()) return Fail(ctx, bytes.status());
  auto report = app::ImportVex(**s, CliActor(), project->id, *bytes, o.file);
  if (!report.ok()) return Fail(ctx, report.status());
  for (const auto& a : report->applied) {
    std::printf("applied\t%s\t%s\t%s\n", a.vulnerability_id.c_str(), a.component.c_str(),
                std::string(store::AnalysisStateName(a.analysis.state)).c_str());
  }
  for (const auto& u : report->unmatched) {
    std::printf("unmatched\tstatement %zu\t%s\t%s\n", u.statement, u.vulnerability_id.c_str(),
                u.reason.c_str());
  }
  // Statements that matched nothing are the input's problem: exit 1 so scripts notice.
  ctx.exit_code = report->unmatched.empty() ? 0 : 1;
  return ctx.exit_code;
}

}  // namespace

void RegisterProjectCommand(CLI::App& app, Context& ctx) {
  auto* project = app.add_subcommand(
      "project", "Projects of the portfolio offline: create, list, upload SBOMs, findings, "
                 "where-used, VEX export/import");
  project->require_subcommand(1);
  auto o = std::make_shared<ProjectOptions>();
  auto store_opt = [&](CLI::App* c) {
    c->add_option("--store", o->store_url, "postgresql://... (default: <data>/portfolio.db)");
  };

  auto* create = project->add_subcommand("create", "Create a project; prints its id and name");
  create->add_option("name", o->name, "Project name")->required();
  create->add_option("--team", o->team, "Owning team (name or id)")->required();
  create->add_option("--criticality", o->criticality, "critical|high|medium|low (default medium)");
  store_opt(create);
  create->callback([&ctx, o] { RunCreate(ctx, *o); });

  auto* list = project->add_subcommand("list", "List projects with their versions");
  list->add_option("--name", o->name, "Only names containing this (case-insensitive)");
  list->add_flag("--json", o->json, "Print as JSON");
  store_opt(list);
  list->callback([&ctx, o] { RunList(ctx, *o); });

  auto* upload = project->add_subcommand(
      "upload", "Validate and store an SBOM as a version, then analyse it against the local "
                "vulnerability DB (exit 1 with diagnostics when the SBOM is invalid)");
  upload->add_option("project", o->name, "Project name or id")->required();
  upload->add_option("version", o->version, "Version (created when new)")->required();
  upload->add_option("file", o->file, "SBOM file")->required();
  upload->add_flag("--no-analyse", o->no_analyse, "Only queue the analysis job");
  store_opt(upload);
  upload->callback([&ctx, o] { RunUpload(ctx, *o); });

  auto* findings = project->add_subcommand("findings", "Prioritized findings of a version");
  findings->add_option("project", o->name, "Project name or id")->required();
  findings->add_option("version", o->version, "Version")->required();
  findings->add_flag("--all", o->all, "Include inactive findings");
  findings->add_flag("--json", o->json, "Print as JSON");
  store_opt(findings);
  findings->callback([&ctx, o] { RunFindings(ctx, *o); });

  auto* where = project->add_subcommand("where-used", "Project versions containing a package");
  where->add_option("purl", o->purl, "Package URL (version ignored)");
  where->add_option("--range", o->range, "Only versions in this vers: range (vers:npm/<2.0)");
  where->add_option("--name", o->name_pattern, "Component name pattern instead of a purl (log4j*)");
  where->add_flag("--json", o->json, "Print as JSON");
  store_opt(where);
  where->callback([&ctx, o] { RunWhereUsed(ctx, *o); });

  auto* vex_out = project->add_subcommand("vex-export", "A version's findings and triage as VEX");
  vex_out->add_option("project", o->name, "Project name or id")->required();
  vex_out->add_option("version", o->version, "Version")->required();
  vex_out->add_option("--format", o->format, "cyclonedx|openvex|csaf (default cyclonedx)");
  vex_out->add_option("-o,--output", o->output, "Write to this file instead of stdout");
  vex_out->add_option("--publisher-namespace", o->publisher_namespace,
                      "Publisher URL for CSAF (https://psirt.example.com); required by CSAF");
  store_opt(vex_out);
  vex_out->callback([&ctx, o] { RunVexExport(ctx, *o); });

  auto* vex_in = project->add_subcommand(
      "vex-import", "Apply a CycloneDX VEX, OpenVEX or CSAF VEX document as triage decisions; "
                    "statements that match nothing are listed (exit 1)");
  vex_in->add_option("project", o->name, "Project name or id")->required();
  vex_in->add_option("file", o->file, "VEX document")->required();
  store_opt(vex_in);
  vex_in->callback([&ctx, o] { RunVexImport(ctx, *o); });
}

}  // namespace sbomhub::cli
