// sbomhub inspect FILE [--json]: what an SBOM says about itself, at a glance.
#include <algorithm>
#include <iostream>
#include <map>

#include "base/json_writer.h"
#include "base/text.h"
#include "cli/command.h"
#include "cli/sbom_input.h"
#include "license/expression.h"
#include "model/purl.h"

namespace sbomhub::cli {
namespace {

struct InspectOptions {
  std::string file;
  bool json = false;
};

struct Summary {
  std::size_t components = 0;
  std::size_t nested = 0;
  std::size_t with_purl = 0;
  std::size_t with_cpe = 0;
  std::size_t with_hash = 0;
  std::size_t with_license = 0;
  std::size_t with_supplier = 0;
  std::map<std::string, std::size_t> ecosystems;  // purl type -> count
  std::map<std::string, std::size_t> licenses;    // license id / name -> count
  std::map<std::string, std::size_t> types;       // component type -> count
};

// The ecosystem key of a component: its purl type as model::Purl reads it (lenient, as real
// SBOMs need); empty when the purl does not parse.
std::string PurlType(std::string_view purl) {
  auto parsed = model::Purl::Parse(purl, model::PurlParseMode::kLenient);
  return parsed.ok() ? parsed->type : std::string();
}

void CountLicense(const model::License& l, std::map<std::string, std::size_t>& out) {
  if (l.kind != model::License::Kind::kExpression) {
    ++out[l.value];
    return;
  }
  auto parsed = license::ParseExpression(l.value);
  if (!parsed.ok()) {
    ++out[l.value];  // counted verbatim: an unparseable expression is still what the SBOM says
    return;
  }
  for (const auto& id : license::LicenseIds(*parsed)) ++out[id];
}

Summary Summarize(const model::Sbom& sbom) {
  Summary s;
  model::ForEachComponent(sbom, [&](const model::Component& c, std::size_t depth) {
    if (depth == 0) return;
    ++s.components;
    if (depth > 1) ++s.nested;
    ++s.types[std::string(model::ComponentTypeName(c.type))];
    if (!c.purl.empty()) {
      ++s.with_purl;
      std::string type = PurlType(c.purl);
      ++s.ecosystems[type.empty() ? "(invalid purl)" : type];
    }
    if (!c.cpes.empty()) ++s.with_cpe;
    if (!c.hashes.empty()) ++s.with_hash;
    if (c.supplier) ++s.with_supplier;
    if (!c.licenses.empty()) ++s.with_license;
    for (const auto& l : c.licenses) CountLicense(l, s.licenses);
  });
  return s;
}

void WriteCounts(JsonWriter& w, std::string_view key, const std::map<std::string, std::size_t>& m) {
  w.Key(key).BeginObject();
  for (const auto& [k, v] : m) w.Field(k, static_cast<std::uint64_t>(v));
  w.EndObject();
}

std::string TopCounts(const std::map<std::string, std::size_t>& m, std::size_t limit) {
  std::vector<std::pair<std::string, std::size_t>> v(m.begin(), m.end());
  std::stable_sort(v.begin(), v.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::string out;
  for (std::size_t i = 0; i < v.size() && i < limit; ++i) {
    if (!out.empty()) out += ", ";
    out += v[i].first + " " + std::to_string(v[i].second);
  }
  if (v.size() > limit) out += ", … (" + std::to_string(v.size() - limit) + " more)";
  return out.empty() ? "-" : out;
}

std::string PartyName(const std::optional<model::Party>& p) { return p ? p->name : std::string(); }

int Run(Context& ctx, const InspectOptions& opts) {
  auto decoded = LoadSbom(ctx, opts.file);
  if (!decoded.ok()) return Fail(ctx, decoded.status());
  const model::Sbom& sbom = decoded->sbom;
  Summary s = Summarize(sbom);
  std::size_t dependency_edges = 0;
  for (const auto& e : sbom.dependencies) dependency_edges += model::IsDependency(e.type);
  std::size_t errors = decoded->diagnostics.ErrorCount();

  if (opts.json) {
    JsonWriter w;
    w.BeginObject();
    w.Field("file", opts.file);
    w.Field("format", model::SpecFamilyName(sbom.family));
    w.Field("specVersion", sbom.spec_version);
    w.Field("encoding", model::EncodingName(sbom.encoding));
    w.Field("serialNumber", sbom.serial_number);
    w.Field("timestamp", sbom.timestamp);
    if (sbom.primary) {
      w.Key("primaryComponent").BeginObject();
      w.Field("name", sbom.primary->name).Field("version", sbom.primary->version);
      w.OptionalField("purl", sbom.primary->purl);
      w.EndObject();
    }
    w.Key("tools").BeginArray();
    for (const auto& t : sbom.tools) {
      w.BeginObject().OptionalField("vendor", t.vendor).Field("name", t.name).OptionalField("version", t.version).EndObject();
    }
    w.EndArray();
    w.Key("authors").BeginArray();
    for (const auto& a : sbom.authors) w.String(a.name);
    w.EndArray();
    w.Field("componentCount", static_cast<std::uint64_t>(s.components));
    w.Field("nestedComponentCount", static_cast<std::uint64_t>(s.nested));
    w.Field("dependencyCount", static_cast<std::uint64_t>(dependency_edges));
    w.Field("relationshipCount", static_cast<std::uint64_t>(sbom.dependencies.size()));
    w.Key("coverage").BeginObject();
    w.Field("purl", static_cast<std::uint64_t>(s.with_purl));
    w.Field("cpe", static_cast<std::uint64_t>(s.with_cpe));
    w.Field("hash", static_cast<std::uint64_t>(s.with_hash));
    w.Field("license", static_cast<std::uint64_t>(s.with_license));
    w.Field("supplier", static_cast<std::uint64_t>(s.with_supplier));
    w.EndObject();
    WriteCounts(w, "ecosystems", s.ecosystems);
    WriteCounts(w, "licenses", s.licenses);
    WriteCounts(w, "componentTypes", s.types);
    w.Field("validationErrors", static_cast<std::uint64_t>(errors));
    w.EndObject();
    std::cout << w.Take();
  } else {
    auto pct = [&](std::size_t n) {
      return s.components == 0 ? std::string("0%") : std::to_string(n * 100 / s.components) + "%";
    };
    std::cout << "file:          " << opts.file << "\n"
              << "format:        " << model::SpecFamilyName(sbom.family) << " " << sbom.spec_version
              << " (" << model::EncodingName(sbom.encoding) << ")\n"
              << "serial:        " << (sbom.serial_number.empty() ? "-" : sbom.serial_number) << "\n"
              << "timestamp:     " << (sbom.timestamp.empty() ? "-" : sbom.timestamp) << "\n"
              << "primary:       "
              << (sbom.primary ? sbom.primary->name + (sbom.primary->version.empty() ? "" : "@" + sbom.primary->version) : "-")
              << "\n"
              << "supplier:      " << (PartyName(sbom.supplier).empty() ? "-" : PartyName(sbom.supplier)) << "\n"
              << "components:    " << s.components << " (" << s.nested << " nested)\n"
              << "dependencies:  " << dependency_edges << " edges (" << sbom.dependencies.size()
              << " relationships)\n"
              << "coverage:      purl " << pct(s.with_purl) << ", cpe " << pct(s.with_cpe) << ", hash "
              << pct(s.with_hash) << ", license " << pct(s.with_license) << ", supplier "
              << pct(s.with_supplier) << "\n"
              << "ecosystems:    " << TopCounts(s.ecosystems, 8) << "\n"
              << "licenses:      " << TopCounts(s.licenses, 8) << "\n"
              << "validation:    " << (errors == 0 ? "valid" : std::to_string(errors) + " errors (run sbomhub validate)")
              << "\n";
  }
  ctx.exit_code = 0;
  return 0;
}

}  // namespace

void RegisterInspectCommand(CLI::App& app, Context& ctx) {
  auto opts = std::make_shared<InspectOptions>();
  auto* cmd = app.add_subcommand("inspect", "Summarize an SBOM: format, components, dependencies, ecosystems, licenses");
  cmd->add_option("file", opts->file, "SBOM file ('-' for standard input)")->required();
  cmd->add_flag("--json", opts->json, "Print the summary as JSON");
  cmd->callback([&ctx, opts] { Run(ctx, *opts); });
}

}  // namespace sbomhub::cli
