#include "vuln/kev/kev.h"

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "base/file.h"
#include "base/text.h"
#include "formats/common/json_errors.h"

namespace sbomhub::vuln {
namespace {

namespace dom = simdjson::dom;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// YYYY-MM-DD with a plausible month and day; the catalog never writes other date shapes.
bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!IsDigit(s[i])) return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0');
  const int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsCweId(std::string_view s) {
  if (!StartsWith(s, "CWE-") || s.size() == 4 || s.size() > 24) return false;
  for (std::size_t i = 4; i < s.size(); ++i) {
    if (!IsDigit(s[i])) return false;
  }
  return true;
}

// The fields in catalog order; JSON keys and CSV header names are the same.
enum Field : std::size_t {
  kCveId,
  kVendorProject,
  kProduct,
  kVulnerabilityName,
  kDateAdded,
  kShortDescription,
  kRequiredAction,
  kDueDate,
  kRansomware,
  kNotes,
  kCwes,
  kFieldCount
};
constexpr std::array<std::string_view, kFieldCount> kFieldNames = {"cveID",
                                                                   "vendorProject",
                                                                   "product",
                                                                   "vulnerabilityName",
                                                                   "dateAdded",
                                                                   "shortDescription",
                                                                   "requiredAction",
                                                                   "dueDate",
                                                                   "knownRansomwareCampaignUse",
                                                                   "notes",
                                                                   "cwes"};
constexpr std::size_t kRequiredFields = kDueDate + 1;  // cveID .. dueDate

std::string* StringField(KevEntry& e, std::size_t field) {
  switch (field) {
    case kCveId:
      return &e.cve_id;
    case kVendorProject:
      return &e.vendor_project;
    case kProduct:
      return &e.product;
    case kVulnerabilityName:
      return &e.vulnerability_name;
    case kDateAdded:
      return &e.date_added;
    case kShortDescription:
      return &e.short_description;
    case kRequiredAction:
      return &e.required_action;
    case kDueDate:
      return &e.due_date;
    case kNotes:
      return &e.notes;
    default:
      return nullptr;
  }
}

// Checks the value rules of one parsed entry; returns the offending field and why, or nullopt.
std::optional<std::pair<std::string_view, std::string>> CheckEntry(const KevEntry& e) {
  if (!IsCveId(e.cve_id)) {
    return std::make_pair(kFieldNames[kCveId], "'" + Excerpt(e.cve_id) + "' is not a CVE id");
  }
  if (!IsDate(e.date_added)) {
    return std::make_pair(kFieldNames[kDateAdded],
                          "'" + Excerpt(e.date_added) + "' is not a YYYY-MM-DD date");
  }
  if (!IsDate(e.due_date)) {
    return std::make_pair(kFieldNames[kDueDate],
                          "'" + Excerpt(e.due_date) + "' is not a YYYY-MM-DD date");
  }
  for (const std::string& cwe : e.cwes) {
    if (!IsCweId(cwe)) {
      return std::make_pair(kFieldNames[kCwes], "'" + Excerpt(cwe) + "' is not a CWE id");
    }
  }
  return std::nullopt;
}

Result<KevRansomwareUse> ParseRansomware(std::string_view s) {
  if (s == "Known") return KevRansomwareUse::kKnown;
  if (s == "Unknown" || s.empty()) return KevRansomwareUse::kUnknown;
  return Status::InvalidDocument("'" + Excerpt(s) + "' is not Known or Unknown");
}

// Adds `e` to the catalog, rejecting a second entry for the same CVE.
Status AddEntry(KevCatalog& catalog, KevEntry e, const std::string& where) {
  auto [it, inserted] = catalog.by_cve.emplace(e.cve_id, catalog.entries.size());
  if (!inserted) {
    return Status::InvalidDocument(where + ": duplicate cveID " + e.cve_id + " (first at entry " +
                                   std::to_string(it->second) + ")");
  }
  catalog.entries.push_back(std::move(e));
  return Status::Ok();
}

// ---------------------------------------------------------------- JSON

Status SchemaError(const std::string& file, const std::string& pointer, std::string_view what) {
  return Status::InvalidDocument(file + ": " + pointer + ": " + std::string(what));
}

Status ReadEntryJson(dom::element element, const std::string& file, const std::string& pointer,
                     KevCatalog& catalog) {
  dom::object object;
  if (element.get_object().get(object)) return SchemaError(file, pointer, "expected an object");
  KevEntry e;
  std::array<bool, kFieldCount> seen{};
  for (dom::key_value_pair field : object) {
    std::size_t f = 0;
    while (f < kFieldCount && kFieldNames[f] != field.key) ++f;
    if (f == kFieldCount) continue;  // fields added to the catalog later are not ours to judge
    const std::string field_pointer = pointer + "/" + std::string(field.key);
    seen[f] = true;
    if (f == kCwes) {
      dom::array cwes;
      if (field.value.get_array().get(cwes)) {
        return SchemaError(file, field_pointer, "expected an array of strings");
      }
      for (dom::element cwe : cwes) {
        std::string_view s;
        if (cwe.get_string().get(s)) {
          return SchemaError(file, field_pointer, "expected an array of strings");
        }
        e.cwes.emplace_back(s);
      }
      continue;
    }
    std::string_view s;
    if (field.value.get_string().get(s))
      return SchemaError(file, field_pointer, "expected a string");
    if (f == kRansomware) {
      Result<KevRansomwareUse> use = ParseRansomware(s);
      if (!use.ok()) return SchemaError(file, field_pointer, use.status().message());
      e.known_ransomware_campaign_use = *use;
    } else {
      StringField(e, f)->assign(s);
    }
  }
  for (std::size_t f = 0; f < kRequiredFields; ++f) {
    if (!seen[f])
      return SchemaError(file, pointer, "missing required field " + std::string(kFieldNames[f]));
  }
  if (auto problem = CheckEntry(e)) {
    return SchemaError(file, pointer + "/" + std::string(problem->first), problem->second);
  }
  return AddEntry(catalog, std::move(e), file + ": " + pointer);
}

// ---------------------------------------------------------------- CSV

// Splits RFC 4180 records. Quoted fields may hold commas, doubled quotes and line breaks.
class CsvReader {
 public:
  explicit CsvReader(std::string_view text) : text_(text) {}

  // Reads the next record into `fields`. Returns false at end of input; sets `error` (and
  // returns false) on a malformed record. `line` is the line the record starts on.
  bool Next(std::vector<std::string>& fields, std::size_t& line, std::string& error) {
    fields.clear();
    if (pos_ >= text_.size()) return false;
    line = line_;
    std::string field;
    while (true) {
      if (pos_ < text_.size() && text_[pos_] == '"') {
        ++pos_;
        while (true) {
          if (pos_ >= text_.size()) {
            error = "quoted field is not closed";
            return false;
          }
          char c = text_[pos_++];
          if (c == '"') {
            if (pos_ < text_.size() && text_[pos_] == '"') {
              field += '"';
              ++pos_;
              continue;
            }
            break;
          }
          if (c == '\n') ++line_;
          field += c;
        }
        if (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
            text_[pos_] != '\r') {
          error = "unexpected character after a closing quote";
          return false;
        }
      } else {
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != '\n' &&
               text_[pos_] != '\r') {
          if (text_[pos_] == '"') {
            error = "quote inside an unquoted field";
            return false;
          }
          field += text_[pos_++];
        }
      }
      fields.push_back(std::move(field));
      field.clear();
      if (pos_ >= text_.size()) return true;
      char c = text_[pos_++];
      if (c == ',') continue;
      if (c == '\r' && pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      return true;
    }
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t line_ = 1;
};

}  // namespace

bool IsCveId(std::string_view id) {
  if (id.size() < 13 || id.size() > 28 || !StartsWith(id, "CVE-") || id[8] != '-') return false;
  for (std::size_t i = 4; i < id.size(); ++i) {
    if (i != 8 && !IsDigit(id[i])) return false;
  }
  return true;
}

std::string_view KevRansomwareUseName(KevRansomwareUse use) {
  return use == KevRansomwareUse::kKnown ? "Known" : "Unknown";
}

const KevEntry* KevCatalog::Find(const std::string& cve_id) const {
  auto it = by_cve.find(cve_id);
  return it == by_cve.end() ? nullptr : &entries[it->second];
}

Result<KevCatalog> ParseKevJson(std::string_view bytes, const std::string& file) {
  dom::parser parser;
  dom::element root;
  simdjson::padded_string padded(bytes);
  if (parser.parse(padded).get(root)) {
    Status located = formats::LocateJsonError(bytes, file);
    if (!located.ok()) return located;
    return Status::ParseError(file + ": not a JSON document");
  }
  dom::object top;
  if (root.get_object().get(top)) return SchemaError(file, "/", "expected a JSON object");

  KevCatalog catalog;
  std::string_view s;
  if (!top.at_key("title").get_string().get(s)) catalog.title = s;
  if (top.at_key("catalogVersion").get_string().get(s)) {
    return SchemaError(file, "/catalogVersion", "missing or not a string");
  }
  catalog.catalog_version = s;
  if (top.at_key("dateReleased").get_string().get(s)) {
    return SchemaError(file, "/dateReleased", "missing or not a string");
  }
  catalog.date_released = s;
  std::int64_t count = 0;
  if (top.at_key("count").get_int64().get(count) || count < 0) {
    return SchemaError(file, "/count", "missing or not a non-negative integer");
  }
  dom::array vulns;
  if (top.at_key("vulnerabilities").get_array().get(vulns)) {
    return SchemaError(file, "/vulnerabilities", "missing or not an array");
  }
  catalog.entries.reserve(vulns.size());
  std::size_t index = 0;
  for (dom::element v : vulns) {
    SBOMHUB_RETURN_IF_ERROR(
        ReadEntryJson(v, file, "/vulnerabilities/" + std::to_string(index), catalog));
    ++index;
  }
  if (static_cast<std::uint64_t>(count) != catalog.entries.size()) {
    return SchemaError(file, "/count",
                       "declares " + std::to_string(count) + " vulnerabilities but the array has " +
                           std::to_string(catalog.entries.size()));
  }
  return catalog;
}

Result<KevCatalog> ParseKevCsv(std::string_view bytes, const std::string& file) {
  if (StartsWith(bytes, "\xEF\xBB\xBF")) bytes.remove_prefix(3);  // spreadsheet exports add a BOM
  CsvReader reader(bytes);
  std::vector<std::string> fields;
  std::size_t line = 1;
  std::string error;
  if (!reader.Next(fields, line, error)) {
    if (!error.empty()) return Status::ParseError(file + ":" + std::to_string(line) + ": " + error);
    return Status::ParseError(file + ": empty CSV (expected a header line)");
  }
  // column[f] = position of field f in each record, or npos.
  std::array<std::size_t, kFieldCount> column;
  column.fill(std::string::npos);
  for (std::size_t i = 0; i < fields.size(); ++i) {
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (fields[i] == kFieldNames[f]) {
        if (column[f] != std::string::npos) {
          return Status::ParseError(file + ":1: column " + fields[i] + " appears twice");
        }
        column[f] = i;
      }
    }
  }
  for (std::size_t f = 0; f < kRequiredFields; ++f) {
    if (column[f] == std::string::npos) {
      return Status::ParseError(file + ":1: header has no column " + std::string(kFieldNames[f]));
    }
  }
  const std::size_t columns = fields.size();

  KevCatalog catalog;
  while (reader.Next(fields, line, error)) {
    const std::string where = file + ":" + std::to_string(line);
    if (fields.size() == 1 && fields[0].empty()) continue;  // blank line
    if (fields.size() != columns) {
      return Status::ParseError(where + ": " + std::to_string(fields.size()) +
                                " fields, header has " + std::to_string(columns));
    }
    KevEntry e;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      if (column[f] == std::string::npos) continue;
      std::string& value = fields[column[f]];
      if (f == kCwes) {
        for (std::string_view cwe : Split(value, ',')) {
          cwe = TrimWhitespace(cwe);
          if (!cwe.empty()) e.cwes.emplace_back(cwe);
        }
      } else if (f == kRansomware) {
        Result<KevRansomwareUse> use = ParseRansomware(value);
        if (!use.ok())
          return Status::InvalidDocument(where + ": " + std::string(kFieldNames[f]) + ": " +
                                         use.status().message());
        e.known_ransomware_campaign_use = *use;
      } else {
        *StringField(e, f) = std::move(value);
      }
    }
    if (auto problem = CheckEntry(e)) {
      return Status::InvalidDocument(where + ": " + std::string(problem->first) + ": " +
                                     problem->second);
    }
    SBOMHUB_RETURN_IF_ERROR(AddEntry(catalog, std::move(e), where));
  }
  if (!error.empty()) return Status::ParseError(file + ":" + std::to_string(line) + ": " + error);
  return catalog;
}

Result<KevCatalog> ReadKev(const std::string& path) {
  SBOMHUB_ASSIGN_OR_RETURN(std::string bytes, ReadFile(path));
  std::string_view trimmed = TrimWhitespace(bytes);
  if (StartsWith(trimmed, "\xEF\xBB\xBF")) trimmed.remove_prefix(3);
  if (!trimmed.empty() && trimmed.front() == '{') return ParseKevJson(bytes, path);
  return ParseKevCsv(bytes, path);
}

}  // namespace sbomhub::vuln
