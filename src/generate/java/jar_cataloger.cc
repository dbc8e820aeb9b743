#include "generate/java/jar_cataloger.h"

#include <archive.h>
#include <archive_entry.h>

#include <memory>
#include <string>
#include <vector>

#include "base/text.h"
#include "generate/common.h"
#include "generate/java/java_catalogers.h"
#include "generate/purl_builder.h"

namespace sbomhub::generate::java {

namespace {

constexpr std::uint64_t kMaxTotalBytes = 512ull << 20;
constexpr std::uint64_t kMaxEntries = 200'000;
constexpr std::uint64_t kMaxRatio = 100;
constexpr int kMaxDepth = 4;

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};

// libarchive may report a failure without a message (NULL).
std::string ArchiveError(archive* a) {
  const char* m = archive_error_string(a);
  return m != nullptr ? m : "unrecognised or damaged archive";
}

struct Budget {
  std::uint64_t bytes = 0;
  std::uint64_t entries = 0;
};

bool IsArchiveName(std::string_view name) {
  return EndsWith(name, ".jar") || EndsWith(name, ".war") || EndsWith(name, ".ear");
}

// key=value / key: value lines (pom.properties, MANIFEST.MF main section; continuation lines of
// the manifest start with one space).
std::string Field(std::string_view text, std::string_view key, char sep) {
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() && sep == ':') break;  // end of the manifest's main section
    if (StartsWith(line, key) && line.size() > key.size() && line[key.size()] == sep) {
      std::string value(TrimWhitespace(line.substr(key.size() + 1)));
      // Manifest continuation lines.
      while (sep == ':' && end != std::string_view::npos && end + 1 < text.size() && text[end + 1] == ' ') {
        std::size_t next = text.find('\n', end + 1);
        std::string_view cont = text.substr(end + 2, next == std::string_view::npos ? std::string_view::npos : next - end - 2);
        if (!cont.empty() && cont.back() == '\r') cont.remove_suffix(1);
        value += cont;
        end = next;
      }
      return value;
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
  }
  return {};
}

Status ReadEntry(archive* a, std::uint64_t size_hint, Budget& budget, std::uint64_t limit, std::string& data) {
  data.clear();
  if (size_hint < (64u << 20)) data.reserve(static_cast<std::size_t>(size_hint));
  char buf[1 << 16];
  while (true) {
    la_ssize_t n = archive_read_data(a, buf, sizeof buf);
    if (n == 0) return Status::Ok();
    if (n < 0) return Status::ParseError(std::string("corrupt archive entry: ") + ArchiveError(a));
    budget.bytes += static_cast<std::uint64_t>(n);
    if (budget.bytes > kMaxTotalBytes || budget.bytes > limit) {
      return Status::TooLarge("archive expands past its limit (512 MiB or 100x its size)");
    }
    data.append(buf, static_cast<std::size_t>(n));
  }
}

Status Walk(std::string_view bytes, const std::string& where, int depth, Budget& budget, std::uint64_t limit,
            CatalogOutput& out) {
  std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
  archive_read_support_format_zip(a.get());
  if (archive_read_open_memory(a.get(), bytes.data(), bytes.size()) != ARCHIVE_OK) {
    return Status::ParseError(where + ": " + ArchiveError(a.get()));
  }
  std::string manifest;
  bool found_pom = false;
  std::string data;
  archive_entry* entry;
  while (true) {
    int r = archive_read_next_header(a.get(), &entry);
    if (r == ARCHIVE_EOF) break;
    if (r < ARCHIVE_WARN) return Status::ParseError(where + ": " + ArchiveError(a.get()));
    if (++budget.entries > kMaxEntries) return Status::TooLarge(where + ": more than 200000 entries");
    const char* raw = archive_entry_pathname(entry);
    std::string_view name = raw == nullptr ? std::string_view() : raw;
    std::uint64_t size = archive_entry_size_is_set(entry) ? static_cast<std::uint64_t>(archive_entry_size(entry)) : 0;
    if (StartsWith(name, "META-INF/maven/") && EndsWith(name, "/pom.properties")) {
      SBOMHUB_RETURN_IF_ERROR(ReadEntry(a.get(), size, budget, limit, data));
      std::string g = Field(data, "groupId", '='), art = Field(data, "artifactId", '='), v = Field(data, "version", '=');
      if (g.empty() || art.empty() || v.empty()) continue;
      model::Component c = PackageComponent(art, v, MavenPurl(g, art, v));
      c.group = g;
      AddProperty(c, "sbomhub:java:archive-path", where);
      out.components.push_back(std::move(c));
      found_pom = true;
    } else if (name == "META-INF/MANIFEST.MF") {
      SBOMHUB_RETURN_IF_ERROR(ReadEntry(a.get(), size, budget, limit, manifest));
    } else if (IsArchiveName(name) && depth < kMaxDepth) {
      SBOMHUB_RETURN_IF_ERROR(ReadEntry(a.get(), size, budget, limit, data));
      std::string nested = std::move(data);
      data.clear();
      Status s = Walk(nested, where + "!" + std::string(name), depth + 1, budget, limit, out);
      if (s.code() == StatusCode::kTooLarge) return s;
      if (!s.ok()) out.diagnostics.Warning("generate.java.nested", s.message() + "; skipped");
    }
  }
  if (!found_pom && !manifest.empty()) {
    std::string title = Field(manifest, "Implementation-Title", ':');
    if (title.empty()) title = Field(manifest, "Bundle-SymbolicName", ':');
    title = title.substr(0, title.find(';'));  // "org.x.y;singleton:=true"
    std::string version = Field(manifest, "Implementation-Version", ':');
    if (version.empty()) version = Field(manifest, "Bundle-Version", ':');
    if (!title.empty() && !version.empty()) {
      model::Component c;
      c.bom_ref = "sbomhub:file:" + where;
      c.name = title;
      c.version = version;
      std::string vendor = Field(manifest, "Implementation-Vendor", ':');
      if (vendor.empty()) vendor = Field(manifest, "Bundle-Vendor", ':');
      if (!vendor.empty()) c.supplier = model::Party{model::Party::Kind::kOrganization, vendor, {}, {}};
      AddProperty(c, "sbomhub:java:archive-path", where);
      out.components.push_back(std::move(c));
    }
  }
  return Status::Ok();
}

}  // namespace

bool JarCataloger::Accepts(const FileInfo& file) const { return IsArchiveName(BaseName(file.relative_path)); }

Status JarCataloger::Catalog(const CatalogInput& input, CatalogOutput& out) const {
  return ParseJavaArchive(input.bytes, input.info.relative_path, out);
}

Status ParseJavaArchive(std::string_view bytes, std::string_view path, CatalogOutput& out) {
  Budget budget;
  return Walk(bytes, std::string(path), 0, budget, bytes.size() * kMaxRatio + (1 << 20), out);
}

}  // namespace sbomhub::generate::java
