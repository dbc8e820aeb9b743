#include "generate/rpm/rpm_cataloger.h"

#include <sqlite3.h>

#include <cstring>
#include <memory>
#include <string>

#include "base/text.h"
#include "generate/common.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::rpm {

namespace {

constexpr std::uint32_t kMaxIndexEntries = 1 << 16;
constexpr std::uint32_t kTypeInt32 = 4, kTypeString = 6, kTypeStringArray = 8, kTypeI18nString = 9;

std::uint32_t Be32(std::string_view b, std::size_t off) {
  const auto* p = reinterpret_cast<const unsigned char*>(b.data() + off);
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | p[3];
}

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close(db); }
};
struct StmtCloser {
  void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};

}  // namespace

Result<RpmHeader> ParseRpmHeader(std::string_view blob) {
  if (blob.size() < 8) return Status::ParseError("rpm header: shorter than 8 bytes");
  std::uint32_t il = Be32(blob, 0), dl = Be32(blob, 4);
  if (il > kMaxIndexEntries) return Status::ParseError("rpm header: too many index entries");
  std::size_t index_end = 8 + static_cast<std::size_t>(il) * 16;
  if (index_end > blob.size() || dl > blob.size() - index_end) {
    return Status::ParseError("rpm header: index or data runs past the blob");
  }
  std::string_view data = blob.substr(index_end, dl);
  RpmHeader h;
  for (std::uint32_t i = 0; i < il; ++i) {
    std::size_t e = 8 + static_cast<std::size_t>(i) * 16;
    std::uint32_t tag = Be32(blob, e), type = Be32(blob, e + 4), offset = Be32(blob, e + 8), count = Be32(blob, e + 12);
    if (offset >= data.size()) continue;
    std::string value;
    if (type == kTypeString || type == kTypeI18nString || type == kTypeStringArray) {
      // The first string (I18N tables and arrays: the first entry is the default/primary).
      std::size_t end = data.find('\0', offset);
      if (end == std::string_view::npos) return Status::ParseError("rpm header: unterminated string for tag " + std::to_string(tag));
      value = std::string(data.substr(offset, end - offset));
    } else if (type == kTypeInt32 && count >= 1) {
      if (offset + 4 > data.size()) return Status::ParseError("rpm header: int32 past the data for tag " + std::to_string(tag));
      value = std::to_string(Be32(data, offset));
    } else {
      continue;
    }
    switch (tag) {
      case 1000: h.name = value; break;
      case 1001: h.version = value; break;
      case 1002: h.release = value; break;
      case 1003: h.epoch = value; break;
      case 1004: h.summary = value; break;
      case 1011: h.vendor = value; break;
      case 1014: h.license = value; break;
      case 1022: h.arch = value; break;
      case 1044: h.source_rpm = value; break;
      default: break;
    }
  }
  if (h.name.empty() || h.version.empty()) return Status::ParseError("rpm header: no NAME or VERSION tag");
  return h;
}

bool RpmCataloger::Accepts(const FileInfo& file) const { return BaseName(file.relative_path) == "rpmdb.sqlite"; }

Status RpmCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseRpmDb(input.bytes, input.env, out);
}

Status ParseRpmDb(std::string_view bytes, const Environment& env, CatalogOutput& out) {
  if (bytes.size() < 100 || std::memcmp(bytes.data(), "SQLite format 3", 16) != 0) {
    return Status::ParseError("not an SQLite database");
  }
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(":memory:", &raw, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, nullptr) != SQLITE_OK) {
    sqlite3_close(raw);
    return Status::Internal("cannot open an in-memory SQLite database");
  }
  std::unique_ptr<sqlite3, SqliteCloser> db(raw);
  // Deserialize into a private copy: SQLite may write to the buffer (journal state) even when
  // read-only, so it must own it.
  auto* copy = static_cast<unsigned char*>(sqlite3_malloc64(bytes.size()));
  if (copy == nullptr) return Status::Internal("out of memory copying rpmdb.sqlite");
  std::memcpy(copy, bytes.data(), bytes.size());
  int rc = sqlite3_deserialize(db.get(), "main", copy, static_cast<sqlite3_int64>(bytes.size()),
                               static_cast<sqlite3_int64>(bytes.size()),
                               SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK) return Status::ParseError(std::string("cannot load rpmdb.sqlite: ") + sqlite3_errmsg(db.get()));
  sqlite3_stmt* raw_stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &raw_stmt, nullptr) != SQLITE_OK) {
    return Status::ParseError(std::string("rpmdb.sqlite has no readable Packages table: ") + sqlite3_errmsg(db.get()));
  }
  std::unique_ptr<sqlite3_stmt, StmtCloser> stmt(raw_stmt);
  const std::string ns = env.os_id.empty() ? "redhat" : AsciiLower(env.os_id);
  const std::string distro = env.os_id.empty() || env.os_version_id.empty() ? "" : env.os_id + "-" + env.os_version_id;
  while ((rc = sqlite3_step(stmt.get())) == SQLITE_ROW) {
    sqlite3_int64 hnum = sqlite3_column_int64(stmt.get(), 0);
    const void* blob = sqlite3_column_blob(stmt.get(), 1);
    int size = sqlite3_column_bytes(stmt.get(), 1);
    if (blob == nullptr || size <= 0) continue;
    auto header = ParseRpmHeader(std::string_view(static_cast<const char*>(blob), static_cast<std::size_t>(size)));
    if (!header.ok()) {
      out.diagnostics.Warning("generate.rpm.header", "package #" + std::to_string(hnum) + ": " + header.status().message() + "; skipped");
      continue;
    }
    const RpmHeader& h = *header;
    if (h.name == "gpg-pubkey") continue;
    PurlParts parts;
    parts.type = "rpm";
    parts.namespace_ = ns;
    parts.name = h.name;
    parts.version = h.release.empty() ? h.version : h.version + "-" + h.release;
    parts.qualifiers = {{"arch", h.arch}, {"epoch", h.epoch == "0" ? "" : h.epoch}, {"distro", distro}};
    if (!h.source_rpm.empty()) parts.qualifiers.emplace_back("upstream", h.source_rpm);
    model::Component c = PackageComponent(h.name, parts.version, BuildPurl(parts));
    c.description = h.summary;
    if (!h.license.empty()) c.licenses.push_back(DeclaredLicense(h.license));
    if (!h.vendor.empty()) c.supplier = model::Party{model::Party::Kind::kOrganization, h.vendor, {}, {}};
    if (!h.epoch.empty()) AddProperty(c, "sbomhub:rpm:epoch", h.epoch);
    out.components.push_back(std::move(c));
  }
  if (rc != SQLITE_DONE) return Status::ParseError(std::string("reading rpmdb.sqlite: ") + sqlite3_errmsg(db.get()));
  return Status::Ok();
}

}  // namespace sbomhub::generate::rpm
