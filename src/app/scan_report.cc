#include "app/scan_report.h"

#include <cstdio>
#include <set>

#include "base/json_writer.h"
#include "base/text.h"

namespace sbomhub::app {
namespace {

void WriteMatch(JsonWriter& w, const match::MatchDetail& m) {
  w.BeginObject();
  w.Field("matcher", m.matcher);
  w.Field("searchedBy", m.searched_by);
  w.Field("found", m.found);
  w.Field("confidence", m.confidence);
  w.Field("needsVerification", m.needs_verification);
  w.EndObject();
}

std::string Pad(std::string s, std::size_t width) {
  if (s.size() > width) return s.substr(0, width - 1) + "~";
  s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

int SeverityThreshold(std::string_view name) {
  std::string n = AsciiLower(name);
  if (n == "none") return 0;
  if (n == "low") return 1;
  if (n == "medium") return 2;
  if (n == "high") return 3;
  if (n == "critical") return 4;
  return -1;
}

int FindingSeverityRank(const match::Finding& f) {
  int r = SeverityThreshold(f.severity);
  return r < 0 ? 0 : r;
}

std::string RenderScanTable(const ScanReportInput& in) {
  std::string out;
  const auto& findings = in.result->findings;
  out += Pad("SEVERITY", 9) + Pad("ID", 20) + Pad("COMPONENT", 34) + Pad("VERSION", 16) +
         Pad("FIX", 14) + Pad("EPSS", 7) + Pad("KEV", 4) + "MATCH\n";
  for (const auto& f : findings) {
    char epss[16] = "-";
    if (f.epss) std::snprintf(epss, sizeof epss, "%.3f", f.epss->score);
    std::string how = f.match.matcher;
    if (f.match.needs_verification) {
      char conf[32];
      std::snprintf(conf, sizeof conf, " %.2f verify", f.match.confidence);
      how += conf;
    }
    out += Pad(f.severity, 9) + Pad(f.id, 20) + Pad(f.component_name, 34) + Pad(f.component_version, 16) +
           Pad(f.nearest_fix.empty() ? "-" : f.nearest_fix, 14) + Pad(epss, 7) + Pad(f.kev ? "yes" : "-", 4) +
           how + "\n";
  }
  const auto& st = in.result->stats;
  out += std::to_string(findings.size()) + " finding(s) in " + std::to_string(st.components) +
         " components (" + std::to_string(st.by_purl) + " searched by purl, " + std::to_string(st.by_cpe) +
         " by CPE, " + std::to_string(st.by_name) + " by name";
  if (st.unmatched_identity > 0) out += ", " + std::to_string(st.unmatched_identity) + " with nothing to search by";
  out += ")\n";
  return out;
}

std::string RenderScanJson(const ScanReportInput& in) {
  JsonWriter w;
  w.BeginObject();
  w.Field("sbom", in.sbom_file);
  if (!in.timestamp.empty()) w.Field("timestamp", in.timestamp);
  const auto& st = in.result->stats;
  w.Key("stats").BeginObject();
  w.Field("components", static_cast<std::uint64_t>(st.components));
  w.Field("searchedByPurl", static_cast<std::uint64_t>(st.by_purl));
  w.Field("searchedByCpe", static_cast<std::uint64_t>(st.by_cpe));
  w.Field("searchedByName", static_cast<std::uint64_t>(st.by_name));
  w.Field("nothingToSearchBy", static_cast<std::uint64_t>(st.unmatched_identity));
  w.Field("findings", static_cast<std::uint64_t>(in.result->findings.size()));
  w.EndObject();
  w.Key("findings").BeginArray();
  for (const auto& f : in.result->findings) {
    w.BeginObject();
    w.Key("component").BeginObject();
    w.Field("name", f.component_name).Field("version", f.component_version);
    w.Field("purl", f.component_purl).Field("bomRef", f.component_bom_ref);
    w.EndObject();
    w.Key("vulnerability").BeginObject();
    w.Field("id", f.id);
    w.Key("aliases").BeginArray();
    for (const auto& a : f.aliases) w.String(a);
    w.EndArray();
    w.Field("summary", f.summary);
    w.Field("severity", f.severity);
    if (f.cvss) {
      w.Key("cvss").BeginObject().Field("version", f.cvss->version).Field("vector", f.cvss->vector)
          .Field("score", f.cvss->score).EndObject();
    } else {
      w.Key("cvss").Null();
    }
    if (f.epss) {
      w.Key("epss").BeginObject().Field("score", f.epss->score).Field("percentile", f.epss->percentile)
          .Field("date", f.epss->date).EndObject();
    } else {
      w.Key("epss").Null();
    }
    if (f.kev) {
      w.Key("kev").BeginObject().Field("dateAdded", f.kev->date_added).Field("dueDate", f.kev->due_date)
          .Field("knownRansomwareCampaignUse", f.kev->ransomware_use).EndObject();
    } else {
      w.Key("kev").Null();
    }
    w.Key("sources").BeginArray();
    for (const auto& s : f.sources) w.String(s);
    w.EndArray();
    w.EndObject();
    w.Key("match");
    WriteMatch(w, f.match);
    w.Key("otherMatches").BeginArray();
    for (const auto& m : f.other_matches) WriteMatch(w, m);
    w.EndArray();
    w.Key("fixedVersions").BeginArray();
    for (const auto& v : f.fixed_versions) w.String(v);
    w.EndArray();
    w.OptionalField("nearestFix", f.nearest_fix);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderScanSarif(const ScanReportInput& in) {
  JsonWriter w;
  w.BeginObject();
  w.Field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  w.Field("version", "2.1.0");
  w.Key("runs").BeginArray().BeginObject();
  w.Key("tool").BeginObject().Key("driver").BeginObject();
  w.Field("name", "sbomhub").Field("version", in.tool_version);
  w.Key("rules").BeginArray();
  std::set<std::string> rules;
  for (const auto& f : in.result->findings) {
    if (!rules.insert(f.id).second) continue;
    w.BeginObject().Field("id", f.id);
    w.Key("shortDescription").BeginObject().Field("text", f.summary.empty() ? f.id : f.summary).EndObject();
    w.Key("properties").BeginObject().Field("security-severity",
        f.cvss ? std::to_string(f.cvss->score).substr(0, 4) : std::string("0.0")).EndObject();
    w.EndObject();
  }
  w.EndArray().EndObject().EndObject();
  w.Key("results").BeginArray();
  for (const auto& f : in.result->findings) {
    int rank = FindingSeverityRank(f);
    w.BeginObject();
    w.Field("ruleId", f.id);
    w.Field("level", rank >= 3 ? "error" : rank >= 2 ? "warning" : "note");
    std::string text = f.component_name + "@" + f.component_version + " is affected by " + f.id;
    if (!f.nearest_fix.empty()) text += " (fixed in " + f.nearest_fix + ")";
    if (f.match.needs_verification) text += " [name match, needs verification]";
    w.Key("message").BeginObject().Field("text", text).EndObject();
    w.Key("locations").BeginArray().BeginObject().Key("physicalLocation").BeginObject()
        .Key("artifactLocation").BeginObject().Field("uri", in.sbom_file).EndObject().EndObject()
        .Key("logicalLocations").BeginArray().BeginObject()
        .Field("name", f.component_purl.empty() ? f.component_name : f.component_purl)
        .Field("kind", "package").EndObject().EndArray()
        .EndObject().EndArray();
    w.Key("properties").BeginObject().Field("matcher", f.match.matcher).Field("confidence", f.match.confidence)
        .EndObject();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject().EndArray();
  w.EndObject();
  return w.Take();
}

std::string RenderScanCycloneDxVex(const ScanReportInput& in) {
  JsonWriter w;
  w.BeginObject();
  w.Field("bomFormat", "CycloneDX").Field("specVersion", "1.6").Field("version", 1);
  w.Key("metadata").BeginObject();
  if (!in.timestamp.empty()) w.Field("timestamp", in.timestamp);
  w.Key("tools").BeginObject().Key("components").BeginArray().BeginObject()
      .Field("type", "application").Field("name", "sbomhub").Field("version", in.tool_version)
      .EndObject().EndArray().EndObject();
  w.EndObject();
  w.Key("vulnerabilities").BeginArray();
  std::string serial = in.sbom ? in.sbom->serial_number : std::string();
  for (const auto& f : in.result->findings) {
    w.BeginObject();
    w.Field("id", f.id);
    if (!f.aliases.empty()) {
      w.Key("references").BeginArray();
      for (const auto& a : f.aliases) {
        w.BeginObject().Field("id", a).Key("source").BeginObject().Field("name", StartsWith(a, "GHSA-") ? "GitHub" : "OSV")
            .EndObject().EndObject();
      }
      w.EndArray();
    }
    if (f.cvss) {
      w.Key("ratings").BeginArray().BeginObject().Field("score", f.cvss->score)
          .Field("severity", AsciiLower(f.severity))
          .Field("method", f.cvss->version == "4.0" ? "CVSSv4" : f.cvss->version == "2.0" ? "CVSSv2"
                           : f.cvss->version == "3.0" ? "CVSSv3" : "CVSSv31")
          .Field("vector", f.cvss->vector).EndObject().EndArray();
    }
    if (!f.summary.empty()) w.Field("description", f.summary);
    w.Key("analysis").BeginObject().Field("state", "in_triage")
        .Field("detail", "Found by sbomhub " + f.match.matcher + ": " + f.match.found).EndObject();
    w.Key("affects").BeginArray().BeginObject();
    std::string ref = f.component_bom_ref;
    if (!serial.empty() && StartsWith(serial, "urn:uuid:") && !ref.empty()) {
      ref = "urn:cdx:" + serial.substr(9) + "/" + std::to_string(in.sbom->bom_version) + "#" + ref;
    } else if (ref.empty()) {
      ref = f.component_purl;
    }
    w.Field("ref", ref);
    w.Key("versions").BeginArray().BeginObject().Field("version", f.component_version).Field("status", "affected")
        .EndObject().EndArray();
    w.EndObject().EndArray();
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return w.Take();
}

}  // namespace sbomhub::app
